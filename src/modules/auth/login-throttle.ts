/**
 * Slows password guessing. An attempt is counted when it *starts*, before the password is checked,
 * so a burst of parallel guesses cannot slip past the limit while the first ones are still being
 * hashed; a successful sign-in gives its attempt back. Within 15 minutes:
 *
 * - 10 attempts per (email, client address): the 11th wrong guess from one place gets 429;
 * - 50 per client address, whatever the emails (an office behind one NAT shares it);
 * - 100 per email from all addresses together, so guessing one account from many addresses
 *   stays slow. Addresses where that email signed in during the last 30 days are exempt from this
 *   ceiling: a stranger elsewhere cannot lock the owner out of their usual place.
 *
 * Kept in memory per process (each server process counts on its own), which is enough to make
 * online guessing impractical; the maps are bounded.
 */
import { AppError } from '../../errors.js';

export const LOGIN_LIMITS = { pair: 10, address: 50, email: 100 } as const;
const WINDOW_MS = 15 * 60_000;
const KNOWN_ADDRESS_MS = 30 * 86_400_000;
const MAX_ENTRIES = 10_000;

type Scope = keyof typeof LOGIN_LIMITS;

interface Entry {
  attempts: number;
  resetAt: number;
}

/** One sign-in attempt in progress; tell it how it ended. */
export interface LoginAttempt {
  /** The password was right: the attempt is given back and the address remembered as the owner's. */
  succeeded(): void;
  /** A wrong password (or unknown email): the attempt stays counted. */
  failed(): void;
  /** Nothing was decided (the database failed): the attempt is given back. */
  cancelled(): void;
}

export class LoginThrottle {
  private readonly counters = new Map<string, Entry>();
  /** email \0 address → until when that address counts as the owner's. */
  private readonly known = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Counts an attempt before the password is checked; throws 429 (counting nothing) when any of
   * its counters has reached its ceiling. Synchronous, so parallel requests cannot interleave.
   */
  begin(rawEmail: string, address: string): LoginAttempt {
    const email = rawEmail.trim().toLowerCase();
    const now = this.now();
    const scopes: [Scope, string][] = [
      ['pair', `p\0${email}\0${address}`],
      ['address', `a\0${address}`],
    ];
    const knownUntil = this.known.get(`${email}\0${address}`);
    if (!(knownUntil !== undefined && knownUntil > now)) scopes.push(['email', `e\0${email}`]);
    for (const [scope, key] of scopes) {
      const e = this.live(key, now);
      if (e && e.attempts >= LOGIN_LIMITS[scope]) {
        const minutes = Math.ceil((e.resetAt - now) / 60_000);
        throw new AppError('TOO_MANY_REQUESTS', `too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
      }
    }
    this.makeRoom(this.counters, now, (e) => e.resetAt);
    const entries = scopes.map(([, key]) => {
      let e = this.live(key, now);
      if (!e) this.counters.set(key, (e = { attempts: 0, resetAt: now + WINDOW_MS }));
      e.attempts++;
      return e;
    });
    let settled = false;
    const giveBack = () => {
      if (settled) return false;
      settled = true;
      for (const e of entries) e.attempts = Math.max(0, e.attempts - 1);
      return true;
    };
    return {
      succeeded: () => {
        if (!giveBack()) return;
        // The owner mistyped, then got it right: forget this pair's failures.
        this.counters.delete(scopes[0][1]);
        this.makeRoom(this.known, now, (until) => until);
        this.known.set(`${email}\0${address}`, now + KNOWN_ADDRESS_MS);
      },
      failed: () => {
        settled = true;
      },
      cancelled: () => void giveBack(),
    };
  }

  private live(key: string, now: number): Entry | undefined {
    const e = this.counters.get(key);
    if (e && e.resetAt <= now) {
      this.counters.delete(key);
      return undefined;
    }
    return e;
  }

  /** Keeps a map under MAX_ENTRIES: expired entries go first, then the oldest. */
  private makeRoom<V>(map: Map<string, V>, now: number, expiry: (v: V) => number): void {
    if (map.size < MAX_ENTRIES) return;
    for (const [k, v] of map) if (expiry(v) <= now) map.delete(k);
    while (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value!);
  }
}
