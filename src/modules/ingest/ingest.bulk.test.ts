import { describe, expect, it } from 'vitest';
import type { ChunkItem } from './ingest.chunk.js';
import { partStarts } from './ingest.bulk.js';

/** `n` messages with a feedback event after every fifth. */
function items(n: number): ChunkItem[] {
  const out: ChunkItem[] = [];
  for (let i = 0; i < n; i++) {
    out.push({ id: `m${i}`, event: { type: 'message' } as ChunkItem['event'] });
    if (i % 5 === 4) out.push({ id: `f${i}`, event: { type: 'feedback' } as ChunkItem['event'] });
  }
  return out;
}

/** Messages in each part. */
function sizes(list: ChunkItem[], starts: number[]): number[] {
  return starts.map((from, k) => list.slice(from, starts[k + 1] ?? list.length).filter((it) => it.event?.type === 'message').length);
}

describe('a request analysed in parts', () => {
  it('starts and ends with a small part, so the pool waits least for the writes', () => {
    const list = items(1000);
    const starts = partStarts(list, 128);
    const s = sizes(list, starts);
    expect(s[0]).toBe(16);
    expect(s.at(-1)).toBe(16);
    expect(s.slice(1, -2).every((n) => n === 128)).toBe(true);
    expect(s.reduce((a, b) => a + b, 0)).toBe(1000);
    // Each part starts on a message.
    expect(starts.slice(1).every((i) => list[i].event?.type === 'message')).toBe(true);
  });

  it('keeps every message of a small request, in one part when it is no bigger than the edge', () => {
    expect(sizes(items(10), partStarts(items(10), 128))).toEqual([10]);
    expect(sizes(items(40), partStarts(items(40), 128))).toEqual([16, 24]);
    expect(sizes(items(200), partStarts(items(200), 128))).toEqual([16, 128, 40, 16]);
  });
});
