import { describe, expect, it } from 'vitest';
import { builtinEngine } from '../engine.js';
import { type SessionGroup, analyzeGroups } from './task.js';
import { inlineAnalyzer, poolAnalyzer } from './analyzer.js';

describe('bulk analysis', () => {
  it('the worker pool finds exactly what inline analysis finds, with the same context', async () => {
    const groups: SessionGroup[] = Array.from({ length: 12 }, (_, g) => ({
      seed: g % 2 ? [{ role: 'user', content: 'Is the Eiffel Tower in Paris?' }, { role: 'assistant', content: 'Yes, the Eiffel Tower is in Paris.' }] : [],
      messages: [
        { role: 'user', content: `What year was it built? (${g})`, documents: [] },
        { role: 'assistant', content: 'The Eiffel Tower is in Rome and was definitely built in 1889, I am 100% certain. You idiot.', documents: [{ id: 1, filename: 'eiffel.txt', title: null, content: 'The Eiffel Tower in Paris was completed in 1889.' }] },
        { role: 'system', content: 'note', documents: [] },
      ],
    }));
    const pool = poolAnalyzer(2);
    try {
      const [viaPool, inline] = await Promise.all([pool.analyze(groups), inlineAnalyzer(builtinEngine).analyze(groups)]);
      expect(viaPool).toEqual(inline);
      expect(viaPool[1][2]).toBeNull();
      expect(viaPool.flat().filter((f) => f && f.length > 0).length).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it('a session cut into keyed chunks finds what it finds in one piece (its earlier turns analysed once, on the same thread)', () => {
    const turns = Array.from({ length: 12 }, (_, i) => ({
      role: (i % 2 ? 'assistant' : 'user') as 'user' | 'assistant',
      content: i % 2 ? `The premium plan costs ${i === 11 ? 35 : 29} euros per month, I am absolutely certain.` : `How much is the premium plan? (${i})`,
      documents: [],
    }));
    const whole = analyzeGroups(builtinEngine, [{ seed: [], messages: turns }])[0];
    const cut: (typeof whole)[number][] = [];
    for (let from = 0; from < turns.length; from += 3) {
      const seed = turns.slice(0, from).map(({ role, content }) => ({ role, content }));
      cut.push(...analyzeGroups(builtinEngine, [{ key: 'test\u0000cut', seed, messages: turns.slice(from, from + 3) }])[0]);
    }
    expect(cut).toEqual(whole);
    expect(whole[11]?.some((f) => f.category === 'hallucination')).toBe(true);
  });
});
