import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, applyPolicy } from './policy.js';
import { MAX_SPANS } from './spans.js';
import { builtinEngine, createEngine } from './index.js';
import type { AnalysisContext, Finding, Turn } from './types.js';

const SAMPLES: [Turn, AnalysisContext][] = [
  [{ role: 'assistant', content: 'Ünïcode “quotes” — According to [4] it’s definitely founded in 1987 by Jöhn Smïth. It was founded in 1990 by Jöhn Smïth.' }, { documents: [{ id: 1, title: 'Doc', content: 'Founded in 1992.' }], history: [] }],
  [{ role: 'user', content: 'Yöu are a f*cking idiot 😀 and women are too emotional to lead.' }, { documents: [], history: [] }],
  [{ role: 'assistant', content: 'The bridge opened in 1951.' }, { documents: [], history: [{ role: 'assistant', content: 'Sure — the bridge opened in 1932 in the city.' }, { role: 'user', content: 'ok' }] }],
];

// Written for this test: turns of every kind the detectors report on, with their context.
const DOC = { id: 7, title: 'Refund policy', content: 'Refunds are processed within 14 days. The premium plan costs 29 euros per month. Support is open from 9am to 5pm.' };
const MORE: [Turn, AnalysisContext][] = [
  ...[
    'You are a complete moron and I hope you get fired.',
    'This stupid piece of shit app crashed again, what the hell.',
    'Shut up, nobody cares about your pathetic opinion, loser.',
    'I will find where you live and you will regret this.',
    'Oh wow, did you even read the manual before asking? Good grief.',
    'Send me nudes or I will tell everyone your secrets.',
    'Old people are useless with technology and should not be hired.',
    'Muslims are violent and cannot be trusted.',
    'Women are too emotional to be good engineers.',
    'Mexicans are all lazy and dirty.',
    'Thanks, the new router works fine now.',
  ].map((content): [Turn, AnalysisContext] => [{ role: 'user', content }, { documents: [], history: [] }]),
  [{ role: 'assistant', content: 'Refunds take 45 days and the premium plan costs 99 euros per month, as Mr. Dupont confirmed.' }, { documents: [DOC], history: [], question: 'How long do refunds take?' }],
  [{ role: 'assistant', content: 'Refunds are processed within 14 days [3]. This is guaranteed to work for everyone, without a doubt.' }, { documents: [DOC], history: [] }],
  [{ role: 'assistant', content: 'The museum opened in 1921 and has 40 rooms. The museum opened in 1957 and has 40 rooms.' }, { documents: [], history: [] }],
  [{ role: 'assistant', content: 'As shown by Miller et al. (2018), see https://example.org/study and doi 10.1234/abcd.5678 for details.' }, { documents: [DOC], history: [] }],
  [{ role: 'assistant', content: 'The plan costs 29 euros.' }, { documents: [DOC], history: [{ role: 'user', content: 'price?' }, { role: 'assistant', content: 'The plan costs 35 euros per month.' }], question: 'How much is it?' }],
];

function checkSpans(f: Finding, turn: Turn, ctx: AnalysisContext): void {
  expect(f.spans.length).toBeGreaterThan(0);
  for (const s of f.spans) {
    const source = s.where === 'turn' ? turn.content : s.where === 'history' ? ctx.history[s.turnIndex!].content : ctx.documents.find((d) => d.id === s.documentId)!.content!;
    expect(source.slice(s.start, s.end)).toBe(s.text);
    expect(s.end).toBeGreaterThan(s.start);
  }
}

describe('builtin engine', () => {
  it('has a version', () => {
    expect(builtinEngine.version).toMatch(/^chatlens-builtin@\d+\.\d+\.\d+$/);
  });

  it('returns findings whose spans are verbatim slices of the original text', () => {
    let count = 0;
    const seen = new Set<string>();
    for (const [turn, ctx] of [...SAMPLES, ...MORE]) {
      for (const f of builtinEngine.analyze(turn, ctx)) {
        seen.add(f.category);
        for (const s of f.spans) seen.add(s.where);
        checkSpans(f, turn, ctx);
        expect(f.score).toBeGreaterThanOrEqual(0);
        expect(f.score).toBeLessThanOrEqual(1);
        expect(f.detector).toMatch(/^[a-z-]+@\d+\.\d+\.\d+$/);
        count++;
      }
    }
    expect(count).toBeGreaterThan(15);
    expect([...seen].sort()).toEqual(expect.arrayContaining(['bias', 'hallucination', 'history', 'toxicity', 'turn']));
  });

  it('is deterministic', () => {
    for (const [turn, ctx] of SAMPLES) {
      const a = JSON.stringify(builtinEngine.analyze(turn, ctx));
      const b = JSON.stringify(createEngine().analyze(turn, ctx));
      expect(b).toBe(a);
    }
  });

  it('keeps at most 50 spans a finding, every distinct text first', () => {
    const content = `${'Fuck this. '.repeat(80)}What shit.`;
    const [profanity] = builtinEngine.analyze({ role: 'user', content }, { documents: [], history: [] }).filter((f) => f.subtype === 'PROFANITY');
    expect(profanity.spans).toHaveLength(MAX_SPANS);
    expect(profanity.spans.map((s) => s.text)).toContain('shit');
    // Still in the order of the turn, and verbatim.
    for (let i = 1; i < profanity.spans.length; i++) expect(profanity.spans[i].start).toBeGreaterThan(profanity.spans[i - 1].start);
    for (const s of profanity.spans) expect(content.slice(s.start, s.end)).toBe(s.text);
  });

  it("keeps at most 50 spans of a company's deny-listed terms", () => {
    const text = `${'blorp '.repeat(300)}and Zorg.`;
    const { kept } = applyPolicy([], { ...DEFAULT_POLICY, denyList: ['blorp', 'zorg'] }, text);
    expect(kept).toHaveLength(1);
    expect(kept[0].spans).toHaveLength(MAX_SPANS);
    expect(kept[0].spans.map((s) => s.text)).toContain('Zorg');
  });

  // Written for this test: the longest turn the ingest API takes (200,000 characters), in shapes
  // whose reading once cost the square of their length (80 s for the spelled-out letters).
  it('reads the longest turns, whatever their shape', () => {
    const fill = (unit: string) => unit.repeat(Math.ceil(200_000 / unit.length)).slice(0, 200_000);
    const none: AnalysisContext = { documents: [], history: [] };
    const subtypes = (content: string, role: Turn['role'] = 'user', ctx = none) => builtinEngine.analyze({ role, content }, ctx).map((f) => f.subtype);
    expect(subtypes(fill('f u c k '))).toContain('PROFANITY');
    expect(subtypes(fill('f.u.c.k y0u b1tch '))).toContain('PROFANITY');
    expect(subtypes(fill('coon '))).toContain('HOSTILE_LANGUAGE'); // a slur with a harmless sense, 40,000 times
    expect(subtypes(fill('"you are an idiot" said he. '))).toContain('HOSTILE_LANGUAGE');
    expect(subtypes(fill('women and immigrants are lazy people who never work hard and lie about it '))).toContain('STEREOTYPING');
    expect(subtypes(fill('Our team answers questions about billing and returns every day. '))).toEqual([]);
    const doc: AnalysisContext = { documents: [{ id: 1, title: 'Notes', content: 'The office opens at 9.' }], history: [] };
    expect(subtypes(fill('1234 5678 '), 'assistant', doc)).toContain('HARDCODED_FACT');
    // An answer as long against ten documents as long (restating them cost the product of the lengths).
    const policy = 'Our support team answers questions about billing and returns every day. Refunds are processed within 14 days. ';
    const documents: AnalysisContext = { documents: Array.from({ length: 10 }, (_, id) => ({ id, title: `Policy ${id}`, content: fill(policy) })), history: [] };
    expect(subtypes(fill(policy), 'assistant', documents)).toEqual([]);
    expect(subtypes(fill(policy.replace('14 days', '45 days')), 'assistant', documents)).toContain('HARDCODED_FACT');
    // And against a session of eight such turns (each answer sentence was paired with earlier ones word by word).
    const fee = (euros: number) => fill(`The delivery fee is ${euros} euros for every order. `);
    const history: AnalysisContext = { documents: [], history: Array.from({ length: 8 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: i % 2 ? fee(50) : fill('1234 5678 ') })) };
    expect(subtypes(fee(45), 'assistant', history)).toContain('SELF_CONTRADICTION');
    expect(subtypes(fee(50), 'assistant', history)).not.toContain('SELF_CONTRADICTION');
  });

  it('returns nothing for empty turns', () => {
    expect(builtinEngine.analyze({ role: 'assistant', content: '   ' }, { documents: [], history: [] })).toEqual([]);
  });

  it('runs only the detectors it is given', () => {
    const engine = createEngine({ detectors: [] });
    expect(engine.analyze({ role: 'user', content: 'fuck this' }, { documents: [], history: [] })).toEqual([]);
    expect(engine.version).toContain('+custom');
  });
});
