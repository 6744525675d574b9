/**
 * Random ids (sessions, messages, completions) from a pool of cryptographic random bytes filled
 * a few kilobytes at a time, as Node's own `randomUUID` does: `randomBytes` for each small id cost
 * 6–8 µs (OpenSSL's generator is entered per call), 11–17 µs for the two ids of a proxied
 * request; a slice of the pool costs well under 1 µs. The bytes are as unpredictable as
 * `randomBytes`'s, but they wait in memory until used: secrets (API keys, CSRF tokens, sealing
 * keys) keep drawing their own (auth/secrets.ts randomToken).
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let next = POOL_BYTES;

/** `bytes` random bytes as base64url (24 characters for 18 bytes), like `randomToken(bytes)`. */
export function randomId(bytes: number): string {
  if (bytes > POOL_BYTES) throw new RangeError(`an id of at most ${POOL_BYTES} bytes (asked ${bytes})`);
  if (next + bytes > POOL_BYTES) {
    randomFillSync(pool);
    next = 0;
  }
  const id = pool.toString('base64url', next, next + bytes);
  next += bytes;
  return id;
}
