import { describe, expect, it } from 'vitest';
import { DayTexts } from './day-texts.js';

describe('DayTexts', () => {
  it('answers a day only at the revision it was kept at', () => {
    const days = new DayTexts();
    days.set('1|2026-01-01|100|0', 3, Buffer.from('three'));
    expect(days.get('1|2026-01-01|100|0', 3)?.toString()).toBe('three');
    expect(days.get('1|2026-01-01|100|0', 4)).toBeUndefined();
    // A changed revision drops the day: the old revision does not bring it back.
    expect(days.get('1|2026-01-01|100|0', 3)).toBeUndefined();
    expect(days.size).toBe(0);
  });

  it('keeps at most its bytes, dropping the least recently used day first', () => {
    const days = new DayTexts(10);
    days.set('a', 1, Buffer.from('xxxx'));
    days.set('b', 1, Buffer.from('yyyy'));
    expect(days.get('a', 1)?.toString()).toBe('xxxx');
    days.set('c', 1, Buffer.from('zzzz'));
    expect(days.get('b', 1)).toBeUndefined();
    expect(days.get('a', 1)?.toString()).toBe('xxxx');
    expect(days.get('c', 1)?.toString()).toBe('zzzz');
    // Bytes, not characters: five two-byte letters are ten bytes, six are too many.
    days.set('e', 1, Buffer.from('ééééé'));
    expect(days.get('e', 1)?.length).toBe(10);
    expect(days.size).toBe(1);
    days.set('f', 1, Buffer.from('éééééé'));
    expect(days.get('f', 1)).toBeUndefined();
    days.set('d', 1, Buffer.from('longer than ten'));
    expect(days.get('d', 1)).toBeUndefined();
    expect(days.get('e', 1)?.toString()).toBe('ééééé');
    expect(days.size).toBe(1);
  });
});
