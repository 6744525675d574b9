import { describe, expect, it } from 'vitest';
import { builtinEngine } from './engine.js';
import { HISTORY_ASSISTANT_TURNS, createSessionCache, keptSessionCaches } from './session.js';
import { analyzeText } from './text.js';
import type { Turn } from './types.js';

/** A long support session written for this test: the assistant restates a price, then contradicts it. */
function session(n: number): Turn[] {
  const turns: Turn[] = [];
  for (let i = 0; i < n; i++) {
    turns.push({ role: 'user', content: `Question ${i}: how much is the premium plan and what does it include?` });
    turns.push({ role: 'assistant', content: `The premium plan costs 29 euros per month and includes ${i % 5} extra seats. Support is open from 9am to 5pm.` });
  }
  return turns;
}

function counting() {
  const cache = createSessionCache(64);
  let misses = 0;
  const seen = new Set<string>();
  return {
    get misses() {
      return misses;
    },
    analysis(text: string) {
      if (!seen.has(text)) {
        seen.add(text);
        misses++;
      }
      return cache.analysis(text);
    },
  };
}

describe('session cost', () => {
  it('reads only the most recent assistant turns, however long the session', () => {
    const turns = session(200);
    const reads: string[] = [];
    const spy = { analysis: (t: string) => (reads.push(t), analyzeText(t)) };
    builtinEngine.analyze({ role: 'assistant', content: 'The premium plan costs 35 euros per month.' }, { documents: [], history: turns }, { session: spy });
    // The turn itself plus at most HISTORY_ASSISTANT_TURNS earlier assistant turns.
    expect(reads.length).toBeLessThanOrEqual(1 + HISTORY_ASSISTANT_TURNS);
    expect(new Set(reads.slice(1))).toEqual(new Set(turns.filter((t) => t.role === 'assistant').slice(-HISTORY_ASSISTANT_TURNS).map((t) => t.content)));
  });

  it('with a session cache, analyses each text once for the whole session and finds the same', () => {
    const turns = session(30);
    const cache = counting();
    for (let i = 1; i < turns.length; i++) {
      const turn = turns[i];
      const context = { documents: [], history: turns.slice(Math.max(0, i - 20), i) };
      const withCache = builtinEngine.analyze(turn, context, { session: cache });
      expect(withCache).toEqual(builtinEngine.analyze(turn, context));
    }
    expect(cache.misses).toBe(new Set(turns.slice(1).map((t) => t.content).concat(turns.slice(0, 1).map((t) => t.content))).size - 1);
  });

  it('still compares a turn with a recent earlier answer', () => {
    const history: Turn[] = [...session(50), { role: 'assistant', content: 'Sure — the bridge opened in 1932 in the city.' }, { role: 'user', content: 'ok' }];
    const findings = builtinEngine.analyze({ role: 'assistant', content: 'The bridge opened in 1951.' }, { documents: [], history }, { session: createSessionCache() });
    const contra = findings.find((f) => f.subtype === 'SELF_CONTRADICTION');
    expect(contra?.spans.some((s) => s.where === 'history')).toBe(true);
  });

  it('keeps at most maxEntries analyses', () => {
    const cache = createSessionCache(3);
    for (const t of ['a', 'b', 'c', 'd', 'a']) cache.analysis(t);
    expect(cache.size).toBe(3);
  });
});

describe('kept session caches', () => {
  it('keep one cache per session, dropping the least recently used beyond the bound', () => {
    const kept = keptSessionCaches(2);
    const a = kept('1\u0000a');
    a.analysis('The plan costs 29 euros.');
    expect(kept('1\u0000a')).toBe(a);
    kept('1\u0000b');
    kept('1\u0000a'); // a is now the most recent: b goes first
    kept('1\u0000c');
    expect(kept('1\u0000a')).toBe(a);
    expect(kept('1\u0000a').size).toBe(1);
    expect(kept('1\u0000b').size).toBe(0);
  });
});
