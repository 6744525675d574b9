import { describe, expect, it } from 'vitest';
import { canonicalShapedTime } from '../../test/helpers/times.js';
import { seededRandom } from './random.js';
import { parseTimestamp } from './time.js';

/** What parseTimestamp answered for every input before canonical times were returned as they are. */
function throughDate(value: string): string | null {
  const ms = Date.parse(value.replace(' ', 'T'));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

describe('parseTimestamp', () => {
  it('returns a canonical UTC time as it is, and normalises every other form', () => {
    expect(parseTimestamp('2026-04-30T23:59:59.999Z')).toBe('2026-04-30T23:59:59.999Z');
    expect(parseTimestamp('2024-02-29T10:00:00.000Z')).toBe('2024-02-29T10:00:00.000Z');
    expect(parseTimestamp('2026-04-30T12:00:00+02:00')).toBe('2026-04-30T10:00:00.000Z');
    expect(parseTimestamp('2026-04-30 12:00Z')).toBe('2026-04-30T12:00:00.000Z');
  });

  it('rolls over or refuses canonical-looking times as Date does', () => {
    expect(parseTimestamp('2026-04-31T00:00:00.000Z')).toBe('2026-05-01T00:00:00.000Z');
    expect(parseTimestamp('2026-02-29T00:00:00.000Z')).toBe('2026-03-01T00:00:00.000Z');
    expect(parseTimestamp('2100-02-29T00:00:00.000Z')).toBe('2100-03-01T00:00:00.000Z');
    expect(parseTimestamp('2000-02-29T00:00:00.000Z')).toBe('2000-02-29T00:00:00.000Z');
    expect(parseTimestamp('2026-04-30T24:00:00.000Z')).toBe('2026-05-01T00:00:00.000Z');
    for (const bad of ['2026-13-01T00:00:00.000Z', '2026-00-10T00:00:00.000Z', '2026-01-00T00:00:00.000Z', '2026-04-30T23:59:60.000Z', '2026-04-30T23:60:00.000Z']) {
      expect(parseTimestamp(bad)).toBe(throughDate(bad));
    }
    expect(parseTimestamp('2026-04-30T25:00:00.000Z')).toBeNull();
    expect(parseTimestamp('yesterday')).toBeNull();
    expect(parseTimestamp(1_700_000_000_000)).toBeNull();
  });

  it('answers what the Date round trip answers for any canonical-shaped time', () => {
    const rand = seededRandom(11);
    for (let i = 0; i < 20_000; i++) {
      const t = canonicalShapedTime(rand);
      expect(parseTimestamp(t), t).toBe(throughDate(t));
    }
  });
});
