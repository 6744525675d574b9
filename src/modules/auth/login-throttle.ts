/**
 * Slows password guessing: after 10 failed sign-ins for one email, or 50 from one address (an
 * office behind one NAT shares it), within 15 minutes, further attempts are refused until the
 * window passes. Kept in memory per process,
 * which is enough to make online guessing impractical; the map is bounded.
 */
import { AppError } from '../../errors.js';

const MAX_FAILURES = { email: 10, ip: 50 } as const;
const WINDOW_MS = 15 * 60_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  failures: number;
  resetAt: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Throws 429 when either key has used up its failures. */
  check(email: string, ip: string): void {
    for (const key of this.keys(email, ip)) {
      const e = this.entries.get(key);
      if (e && e.resetAt > this.now() && e.failures >= MAX_FAILURES[key.startsWith('ip:') ? 'ip' : 'email']) {
        const minutes = Math.ceil((e.resetAt - this.now()) / 60_000);
        throw new AppError('TOO_MANY_REQUESTS', `too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
      }
    }
  }

  failed(email: string, ip: string): void {
    const now = this.now();
    if (this.entries.size >= MAX_ENTRIES) {
      for (const [k, e] of this.entries) if (e.resetAt <= now) this.entries.delete(k);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    for (const key of this.keys(email, ip)) {
      const e = this.entries.get(key);
      if (!e || e.resetAt <= now) this.entries.set(key, { failures: 1, resetAt: now + WINDOW_MS });
      else e.failures++;
    }
  }

  succeeded(email: string): void {
    this.entries.delete(`email:${email.trim().toLowerCase()}`);
  }

  private keys(email: string, ip: string): string[] {
    return [`email:${email.trim().toLowerCase()}`, `ip:${ip}`];
  }
}
