import { describe, expect, it } from 'vitest';
import { count, wasWere } from './plural.js';

describe('counts in words', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(count(1, 'turn')).toBe('1 turn');
    expect(count(0, 'turn')).toBe('0 turns');
    expect(count(2, 'new session')).toBe('2 new sessions');
    expect(count(1, 'entry', 'entries')).toBe('1 entry');
    expect(count(12, 'entry', 'entries')).toBe('12 entries');
    expect(`${count(1, 'turn')} ${wasWere(1)} stored`).toBe('1 turn was stored');
    expect(`${count(3, 'turn')} ${wasWere(3)} stored`).toBe('3 turns were stored');
  });
});
