import { describe, expect, it } from 'vitest';
import { builtinEngine } from '../engine.js';
import type { SessionGroup } from './task.js';
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
});
