import { describe, expect, it } from 'vitest';
import { analyzeText, normalise, sentenceAt } from './text.js';

describe('normalise', () => {
  it('maps every normalised character back to the original', () => {
    const text = 'Café “quoted” — naïve İstanbul 😀 end';
    const { norm, from, to } = normalise(text);
    expect(norm).toContain('cafe "quoted" - naive');
    for (let i = 0; i < norm.length; i++) {
      expect(from[i]).toBeLessThan(to[i]);
      expect(to[i]).toBeLessThanOrEqual(text.length);
    }
  });
});

describe('analyzeText', () => {
  it('gives token offsets into the original string', () => {
    const text = 'Ünïcode “Zoë” said: it’s fine.';
    const a = analyzeText(text);
    for (const t of a.tokens) expect(text.slice(t.start, t.end).toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace('’', "'")).toBe(t.norm);
    expect(a.tokens.map((t) => t.norm)).toContain("it's");
  });

  it('splits sentences but not after abbreviations', () => {
    const a = analyzeText('Dr. Smith arrived in the U.S. in 1990. He left in 1995! Why?');
    expect(a.sentences).toHaveLength(3);
  });

  it('cuts words with no sentence end between them into sentences of at most 200 words', () => {
    const text = 'women and immigrants never work '.repeat(100).trim(); // 500 words, no full stop
    const a = analyzeText(text);
    expect(a.sentences.map((s) => s.tokenEnd - s.tokenStart)).toEqual([200, 200, 100]);
    // The sentences still tile the turn, and every token knows its sentence.
    expect(a.sentences[0].start).toBe(0);
    expect(a.sentences.at(-1)!.end).toBe(text.length);
    for (let s = 1; s < a.sentences.length; s++) expect(a.sentences[s].start).toBe(a.sentences[s - 1].end);
    for (const [s, sentence] of a.sentences.entries()) {
      for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) expect(a.tokens[i].sentence).toBe(s);
    }
  });

  it('finds the sentence an offset falls in', () => {
    const text = 'One two. Three four. Five six.';
    const a = analyzeText(text);
    expect([0, 7, 8, text.indexOf('Three'), text.indexOf('Five'), text.length - 1, text.length + 5].map((o) => sentenceAt(a.sentences, o))).toEqual([0, 0, 1, 1, 2, 2, 2]);
    expect(sentenceAt([], 3)).toBe(0);
  });

  it('marks negation, numbers, years, names, hedges, boosters and second person', () => {
    const a = analyzeText('You may not know that Marie Curie definitely won 2 prizes in 1903 and 1911.');
    expect(a.tokens.find((t) => t.norm === 'know')?.negated).toBe(true);
    expect(a.numbers.map((n) => n.value)).toEqual(['2', '1903', '1911']);
    expect(a.years.map((n) => n.value)).toEqual(['1903', '1911']);
    expect(a.names.map((n) => n.value)).toContain('marie curie');
    expect(a.hedges.length).toBeGreaterThan(0);
    expect(a.boosters.length).toBeGreaterThan(0);
    expect(a.secondPerson).toEqual([0]);
  });

  it('finds citations of every kind', () => {
    const text = 'See [2], doi 10.1000/xyz123, https://example.org/a and (Smith et al., 2019) and "The Art of Computer Programming".';
    const kinds = analyzeText(text).citations.map((c) => c.kind).sort();
    expect(kinds).toEqual(['author-year', 'doi', 'marker', 'title', 'url']);
    for (const c of analyzeText(text).citations) expect(c.end).toBeGreaterThan(c.start);
  });

  it('finds identity terms, including two-word ones', () => {
    const a = analyzeText('Older workers and African Americans were surveyed.');
    expect(a.identities.map((m) => [m.value, m.group])).toEqual([
      ['older workers', 'age'],
      ['african americans', 'race'],
    ]);
  });
});
