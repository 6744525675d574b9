import { describe, expect, it } from 'vitest';
import { sha256Hex } from './secrets.js';
import { VerifiedKeys } from './verified-keys.js';

const principal = { kind: 'key' as const, role: 'ingest' as const, companyId: 7, keyId: 42 };
const key = 'clk_abcdefghijkl_' + 'x'.repeat(43);
const hash = sha256Hex(key);

function keys(ttlMs = 1000) {
  let now = 0;
  let commits = 0;
  const verified = new VerifiedKeys(() => commits, ttlMs, () => now);
  return { verified, advance: (ms: number) => void (now += ms), commitElsewhere: () => void commits++ };
}

describe('verified API keys', () => {
  it('answers a key verified a moment ago, and only for the hash it was verified with', () => {
    const { verified } = keys();
    verified.set('abcdefghijkl', hash, principal, verified.begin());
    expect(verified.get('abcdefghijkl', hash)).toEqual(principal);
    expect(verified.get('abcdefghijkl', sha256Hex(`${key}y`))).toBeUndefined();
    expect(verified.get('otherlookup0', hash)).toBeUndefined();
  });

  it('reads the key again as soon as another process has committed (it may have revoked the key)', () => {
    const { verified, commitElsewhere } = keys();
    verified.set('abcdefghijkl', hash, principal, verified.begin());
    expect(verified.get('abcdefghijkl', hash)).toEqual(principal);
    commitElsewhere();
    expect(verified.get('abcdefghijkl', hash)).toBeUndefined();
    // A read that began before that commit is not kept either.
    const token = verified.begin();
    commitElsewhere();
    verified.set('abcdefghijkl', hash, principal, token);
    expect(verified.get('abcdefghijkl', hash)).toBeUndefined();
  });

  it('keeps nothing where the database cannot tell whether another process wrote', () => {
    const verified = new VerifiedKeys(undefined);
    verified.set('abcdefghijkl', hash, principal, verified.begin());
    expect(verified.get('abcdefghijkl', hash)).toBeUndefined();
  });

  it('keeps nothing while it cannot be told of changes (PostgreSQL not listening), nor what was read then', () => {
    let now = 0;
    // PostgreSQL's listener: a version while listening, undefined while its connection is down.
    let version: number | undefined = 1;
    const verified = new VerifiedKeys(() => version, 1000, () => now);
    verified.set('abcdefghijkl', hash, principal, verified.begin());
    expect(verified.get('abcdefghijkl', hash)).toEqual(principal);
    version = undefined; // the listening connection is lost
    expect(verified.get('abcdefghijkl', hash)).toBeUndefined();
    const duringGap = verified.begin();
    verified.set('abcdefghijkl', hash, principal, duringGap);
    expect(verified.get('abcdefghijkl', hash)).toBeUndefined();
    version = 3; // listening again, under a version never handed out before
    // A read begun in the gap may have missed a revocation nobody was told about.
    verified.set('abcdefghijkl', hash, principal, duringGap);
    expect(verified.get('abcdefghijkl', hash)).toBeUndefined();
    verified.set('abcdefghijkl', hash, principal, verified.begin());
    expect(verified.get('abcdefghijkl', hash)).toEqual(principal);
    version = 4; // a notice: some key changed
    expect(verified.get('abcdefghijkl', hash)).toBeUndefined();
  });

  it('reads the key again once its verification is older than the time-to-live', () => {
    const { verified, advance } = keys(1000);
    verified.set('abcdefghijkl', hash, principal, verified.begin());
    advance(999);
    expect(verified.get('abcdefghijkl', hash)).toEqual(principal);
    advance(1);
    expect(verified.get('abcdefghijkl', hash)).toBeUndefined();
  });

  it('forgets a key at once when it is revoked here', () => {
    const { verified } = keys();
    verified.set('abcdefghijkl', hash, principal, verified.begin());
    verified.set('otherlookup0', hash, { ...principal, keyId: 43 }, verified.begin());
    verified.revoked(42);
    expect(verified.get('abcdefghijkl', hash)).toBeUndefined();
    expect(verified.get('otherlookup0', hash)).toMatchObject({ keyId: 43 });
  });

  it('does not keep what a read begun before a revocation found', () => {
    const { verified } = keys();
    const token = verified.begin(); // the row is read (not revoked yet)…
    verified.revoked(42); // …the key is revoked meanwhile…
    verified.set('abcdefghijkl', hash, principal, token); // …and the stale answer arrives
    expect(verified.get('abcdefghijkl', hash)).toBeUndefined();
  });

  it('hands out copies: a caller changing its principal changes nothing kept', () => {
    const { verified } = keys();
    verified.set('abcdefghijkl', hash, principal, verified.begin());
    const got = verified.get('abcdefghijkl', hash)!;
    got.companyId = 8;
    expect(verified.get('abcdefghijkl', hash)).toMatchObject({ companyId: 7 });
  });
});
