import { describe, expect, it } from 'vitest';
import { DayTexts } from './day-texts.js';

describe('DayTexts', () => {
  it('answers a day only at the revision it was kept at', () => {
    const days = new DayTexts();
    days.set('1|2026-01-01|100|0', 3, 'three');
    expect(days.get('1|2026-01-01|100|0', 3)).toBe('three');
    expect(days.get('1|2026-01-01|100|0', 4)).toBeUndefined();
    // A changed revision drops the day: the old revision does not bring it back.
    expect(days.get('1|2026-01-01|100|0', 3)).toBeUndefined();
    expect(days.size).toBe(0);
  });

  it('keeps at most its characters, dropping the least recently used day first', () => {
    const days = new DayTexts(10);
    days.set('a', 1, 'xxxx');
    days.set('b', 1, 'yyyy');
    expect(days.get('a', 1)).toBe('xxxx');
    days.set('c', 1, 'zzzz');
    expect(days.get('b', 1)).toBeUndefined();
    expect(days.get('a', 1)).toBe('xxxx');
    expect(days.get('c', 1)).toBe('zzzz');
    days.set('d', 1, 'longer than ten');
    expect(days.get('d', 1)).toBeUndefined();
    expect(days.size).toBe(2);
  });
});
