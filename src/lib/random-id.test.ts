import { describe, expect, it } from 'vitest';
import { randomId } from './random-id.js';

describe('random ids from a pool', () => {
  it('gives base64url ids of the asked size, never the same twice, across refills of the pool', () => {
    // 10,000 ids of 18 bytes draw the 4 KB pool ~44 times over, ids straddling its refills included.
    const ids = Array.from({ length: 10_000 }, () => randomId(18));
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(randomId(20)).toMatch(/^[A-Za-z0-9_-]{27}$/);
  });

  it('refuses an id larger than the pool', () => {
    expect(() => randomId(5000)).toThrow(RangeError);
  });
});
