import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baselineFlags, evaluate, goldSubtypes, parseEvalJsonl, reportJson } from './eval.js';
import { ALL_SUBTYPES, CATEGORIES } from './types.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEV = path.resolve(ROOT, '../shared/eval/dev');

function sample(file: string, n: number) {
  const text = readFileSync(path.join(DEV, file), 'utf8').split('\n').slice(0, n).join('\n');
  return parseEvalJsonl(text, file);
}

describe('eval', () => {
  it('prints the documented JSON shape on a sample of the dev files', () => {
    const rows = [
      ...sample('hallucination-halueval.jsonl', 40),
      ...sample('hallucination-chatprotect.jsonl', 40),
      ...sample('bias-toxigen.jsonl', 40),
      ...sample('toxicity-openai-moderation.jsonl', 40),
    ];
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
});
