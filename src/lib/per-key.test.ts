import { describe, expect, it } from 'vitest';
import { perKey } from './per-key.js';

describe('perKey', () => {
  it('makes each key\'s value once and answers it again without making it', () => {
    const made: string[] = [];
    const length = perKey((k) => (made.push(k), k.length), 10);
    expect([length('abc'), length('de'), length('abc'), length('de')]).toEqual([3, 2, 3, 2]);
    expect(made).toEqual(['abc', 'de']);
  });

  it('keeps falsy values (false, 0) rather than making them again', () => {
    let calls = 0;
    const none = perKey(() => (calls++, false), 10);
    none('x');
    none('x');
    expect(calls).toBe(1);
  });

  it('forgets everything once it holds max values, and makes them again when asked', () => {
    const made: string[] = [];
    const upper = perKey((k) => (made.push(k), k.toUpperCase()), 2);
    upper('a');
    upper('b');
    upper('c'); // a third key: the two kept are forgotten
    expect(upper('a')).toBe('A');
    expect(made).toEqual(['a', 'b', 'c', 'a']);
  });
});
