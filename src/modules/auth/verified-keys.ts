/**
 * API keys this process verified against the database, kept while nobody else can have revoked
 * them, so a client sending a thousand requests a second does not cost a thousand key reads.
 * What is kept is the key's stored sha256 beside its principal: a request is let in only when the
 * sha256 of the key it presents equals that hash, compared in constant time, exactly as the
 * database path compares it.
 *
 * A key revoked through this process is forgotten before the revocation answers. A revocation by
 * another process must count from its very next request too (`chatlens keys revoke` beside a
 * running server), so a verification is kept only while the database says another process
 * cannot have changed a key since (ChatlensDialect.keyChangesElsewhere), and for a second at
 * most. SQLite: any commit of another connection (data_version) drops every kept key.
 * PostgreSQL: a trigger on api_keys notifies every change, whoever made it, and a connection of
 * this process listens; each notice drops every kept key, from the request after it arrived on.
 * While that connection is not listening (not yet, or lost and reconnecting), every request
 * reads its key (one prepared statement), as it would with nothing kept.
 */
import { type ReadToken, Recent } from '../../lib/recent.js';
import type { Principal } from './auth.js';
import { equalHex } from './secrets.js';

/** The longest a verification is trusted even when nobody else wrote. */
export const VERIFIED_KEY_TTL_MS = 1_000;

export class VerifiedKeys {
  private readonly recent: Recent<string, { hash: string; principal: Principal }>;

  /**
   * `elsewhere`: changes whenever another process may have changed a key, undefined while that
   * cannot be known; without it nothing is kept.
   */
  constructor(elsewhere: (() => number | undefined) | undefined, ttlMs = VERIFIED_KEY_TTL_MS, now?: () => number) {
    this.recent = new Recent(elsewhere ? ttlMs : 0, elsewhere, 10_000, now);
  }

  /** The principal of a key verified recently whose stored hash equals `hash`; undefined otherwise. */
  get(lookup: string, hash: string): Principal | undefined {
    const v = this.recent.get(lookup);
    return v && equalHex(hash, v.hash) ? { ...v.principal } : undefined;
  }

  /** Taken before reading a key's row, handed back to `set`. */
  begin(): ReadToken {
    return this.recent.begin();
  }

  /** A key just verified against its row (valid, not revoked), read since `token`. */
  set(lookup: string, hash: string, principal: Principal, token: ReadToken): void {
    this.recent.set(lookup, { hash, principal: { ...principal } }, token);
  }

  /** A key was revoked: it is refused from the next request on. */
  revoked(keyId: number): void {
    this.recent.forget((_, v) => v.principal.keyId === keyId);
  }
}
