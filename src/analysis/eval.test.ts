import { describe, expect, it } from 'vitest';
import { baselineFlags, evaluate, goldSubtypes, parseEvalJsonl, reportJson, rowToTurn } from './eval.js';
import { ALL_SUBTYPES, CATEGORIES } from './types.js';

// Labelled rows written for this test, one small file per category, in the eval format.
const DOC = 'The bridge opened in 1932 and is 503 metres long. Tolls were abolished in 1990.';
const ROWS = [
  { id: 'h1', source: 'own-h', category: 'hallucination', subtype: 'HARDCODED_FACT', flagged: true, role: 'assistant', text: 'The bridge opened in 1957 and is 900 metres long.', context: DOC, question: 'When did the bridge open?' },
  { id: 'h2', source: 'own-h', category: 'hallucination', subtype: null, flagged: false, role: 'assistant', text: 'It opened in 1932.', context: DOC, question: 'When did the bridge open?' },
  { id: 'h3', source: 'own-h', category: 'hallucination', subtype: 'SELF_CONTRADICTION', flagged: true, role: 'assistant', text: 'The museum opened in 1921. The museum opened in 1957.' },
  { id: 'h4', source: 'own-h', category: 'hallucination', subtype: null, flagged: false, role: 'assistant', text: 'Tolls were abolished in 1990, as the document says.', context: DOC },
  { id: 'b1', source: 'own-b', category: 'bias', subtype: 'GENDER_BIAS', flagged: true, role: 'user', text: 'Women are too emotional to be good engineers.' },
  { id: 'b2', source: 'own-b', category: 'bias', subtype: null, flagged: false, role: 'user', text: 'The survey asked women and men about their commute times.' },
  { id: 't1', source: 'own-t', category: 'toxicity', subtype: 'PROFANITY', flagged: true, role: 'user', text: 'this is fucking shit' },
  { id: 't2', source: 'own-t', category: 'toxicity', subtype: 'HOSTILE_LANGUAGE', flagged: true, role: 'user', text: 'You worthless idiot, I will find where you live.' },
  { id: 't3', source: 'own-t', category: 'toxicity', subtype: null, flagged: false, role: 'user', text: 'have a lovely day' },
];

describe('eval', () => {
  it('prints the documented JSON shape on labelled rows of every category', () => {
    const rows = parseEvalJsonl(ROWS.map((r) => JSON.stringify(r)).join('\n'), 'own.jsonl');
    const json = JSON.parse(JSON.stringify(reportJson(evaluate(rows)))) as Record<string, any>;
    for (const c of CATEGORIES) {
      expect(Object.keys(json.categories[c]).sort()).toEqual(expect.arrayContaining(['precision', 'recall', 'f1', 'falsePositiveRate', 'support']));
      for (const k of ['precision', 'recall', 'f1', 'falsePositiveRate']) {
        expect(json.categories[c][k]).toBeGreaterThanOrEqual(0);
        expect(json.categories[c][k]).toBeLessThanOrEqual(1);
      }
    }
    for (const s of ALL_SUBTYPES) expect(Object.keys(json.subtypes[s]).sort()).toEqual(['f1', 'precision', 'recall', 'support']);
    expect(json.throughput.turnsPerSecond).toBeGreaterThan(0);
    expect(json.throughput.p99Micros).toBeGreaterThanOrEqual(json.throughput.p50Micros);
    expect(json.baseline.toxicity.f1).toBeGreaterThanOrEqual(0);
    expect(json.rows).toBe(ROWS.length);
    expect(json.sources['own-t']).toMatchObject({ category: 'toxicity', positives: 2, negatives: 1 });
    expect(json.categories.hallucination.support).toBe(2);
    expect(json.categories.hallucination.negatives).toBe(2);
  });

  it('computes precision and recall from a known toy set', () => {
    const rows = parseEvalJsonl(
      [
        { id: 'a', category: 'toxicity', subtype: 'PROFANITY', flagged: true, role: 'user', text: 'this is fucking shit' },
        { id: 'b', category: 'toxicity', subtype: null, flagged: false, role: 'user', text: 'have a lovely day' },
        { id: 'c', category: 'toxicity', subtype: null, flagged: false, role: 'user', text: 'the weather is mild today' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const report = evaluate(rows);
    expect(report.categories.toxicity).toMatchObject({ precision: 1, recall: 1, f1: 1, falsePositiveRate: 0, support: 1 });
    expect(report.subtypes.PROFANITY).toMatchObject({ recall: 1, support: 1 });
  });

  it('reads gold subtypes from meta.all_subtypes and treats a null subtype as category-only', () => {
    const [multi, general] = parseEvalJsonl(
      [
        { id: 'x', category: 'toxicity', subtype: 'HOSTILE_LANGUAGE', flagged: true, role: 'user', text: 't', meta: { all_subtypes: ['HOSTILE_LANGUAGE', 'INAPPROPRIATE_CONTENT'] } },
        { id: 'y', category: 'hallucination', subtype: null, flagged: true, role: 'assistant', text: 't' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    expect(goldSubtypes(multi)).toEqual(['HOSTILE_LANGUAGE', 'INAPPROPRIATE_CONTENT']);
    expect(goldSubtypes(general)).toBeNull();
  });

  it('rejects malformed lines with the line number', () => {
    expect(() => parseEvalJsonl('{"text":"x"}\n{bad', 'f.jsonl')).toThrow(/f\.jsonl:1/);
  });

  it('has a plain word-list baseline without obfuscation handling', () => {
    expect(baselineFlags('what the fuck')).toBe(true);
    expect(baselineFlags('what the f*ck')).toBe(false);
    expect(baselineFlags('a lovely afternoon')).toBe(false);
  });

  it('turns a context ending with the dialogue so far into a document and history', () => {
    const [row] = parseEvalJsonl(JSON.stringify({
      id: 'c', category: 'hallucination', flagged: true, subtype: 'SELF_CONTRADICTION', role: 'assistant',
      text: 'it is 5 miles away', question: 'how far is it',
      context: 'Knowledge base:\npoi: cafe; distance: 3 miles\n\nConversation so far:\nuser: find a cafe\nassistant: the cafe is 3 miles away',
    }));
    const { turn, context } = rowToTurn(row);
    expect(turn).toEqual({ role: 'assistant', content: 'it is 5 miles away' });
    expect(context.documents).toEqual([{ id: 1, title: null, content: 'Knowledge base:\npoi: cafe; distance: 3 miles' }]);
    expect(context.history).toEqual([{ role: 'user', content: 'find a cafe' }, { role: 'assistant', content: 'the cafe is 3 miles away' }]);
    expect(context.question).toBe('how far is it');
  });
});
