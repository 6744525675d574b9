import { describe, expect, it } from 'vitest';
import { OverlapIndex } from './overlap-index.js';

const item = (words: string) => ({ content: new Set(words.split(' ')) });

describe('OverlapIndex', () => {
  it('finds the sentence with the most words in common, the first of equals', () => {
    const index = new OverlapIndex([item('refund days policy'), item('premium plan costs euros'), item('plan costs month'), item('premium plan costs')]);
    expect(index.best(new Set(['premium', 'plan', 'costs', 'dollars']))).toEqual({ item: index.items[1], overlap: 3 });
    expect(index.best(new Set(['nothing', 'overlap']))).toBeNull();
  });

  it('answers as a scan of every sentence would, on a long document', () => {
    // Written for this test: 400 sentences over a vocabulary of 60 words, answer sentences over 80.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const sentence = (vocabulary: number) => new Set(Array.from({ length: 3 + next(8) }, () => `w${next(vocabulary)}`));
    const items = Array.from({ length: 400 }, () => ({ content: sentence(60) }));
    const index = new OverlapIndex(items);
    for (let k = 0; k < 200; k++) {
      const content = sentence(80);
      let best = null;
      let most = 0;
      for (const it of items) {
        const overlap = [...content].filter((w) => it.content.has(w)).length;
        if (overlap > most) [best, most] = [it, overlap];
      }
      expect(index.best(content)).toEqual(best ? { item: best, overlap: most } : null);
    }
  });

  it('does not count a word found in more than a thousand sentences', () => {
    const items = [...Array.from({ length: 1_200 }, (_, i) => item(`common filler${i}`)), item('common rare')];
    const index = new OverlapIndex(items);
    expect(index.best(new Set(['common', 'rare']))).toEqual({ item: items[1_200], overlap: 1 });
    expect(index.best(new Set(['common']))).toBeNull();
  });
});
