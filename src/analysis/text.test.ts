import { describe, expect, it } from 'vitest';
import { analyzeText, normalise } from './text.js';

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
