/**
 * The leave-one-source-out harness behind `npm run eval`, on rows written here: a source's own
 * rows never reach the training of the model it is scored with, measure-only sources are never
 * trained on, and the means are taken over sources.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EvalRow } from '../../src/analysis/eval.js';
import type { StoredModel } from '../../src/analysis/models/linear.js';
import { runLoso, type Pipeline } from '../../scripts/train/loso.js';
import { summarise } from '../../scripts/train/loso-report.js';
import { assertTrainable } from '../../scripts/train/sources.js';

const shipped = JSON.parse(readFileSync(new URL('../../src/analysis/models/toxicity.json', import.meta.url), 'utf8')) as StoredModel;

const row = (id: string, source: string, flagged: boolean, text: string): EvalRow => ({
  id, source, category: 'toxicity', subtype: flagged ? 'PROFANITY' : null, flagged, role: 'user', text, meta: {},
});
const ROWS: EvalRow[] = [
  row('a1', 'davidson-hate-offensive', true, 'this is fucking shit'),
  row('a2', 'davidson-hate-offensive', false, 'lovely weather for a walk'),
  row('b1', 'openai-moderation', true, 'what the fuck is this crap'),
  row('b2', 'openai-moderation', false, 'the invoice is attached'),
  row('c1', 'ucc', true, 'damn this shit again'),
  row('c2', 'ucc', false, 'thanks for the update'),
];

describe('leave-one-source-out', () => {
  it('trains every fold without the source it scores, and never on measure-only sources', () => {
    const seen: string[][] = [];
    const pipeline: Pipeline = {
      name: 'recording',
      uses: () => true,
      train(_category, rows) {
        seen.push(rows.map((r) => r.id).sort());
        return shipped;
      },
    };
    const report = runLoso(ROWS, pipeline);
    expect(seen).toEqual(expect.arrayContaining([['b1', 'b2'], ['a1', 'a2'], ['a1', 'a2', 'b1', 'b2']]));
    expect(seen).toHaveLength(3);
    expect(report.results.map((r) => [r.source, r.heldOut])).toEqual([
      ['davidson-hate-offensive', true], ['openai-moderation', true], ['ucc', false],
    ]);
    for (const r of report.results) expect(r.metrics).toMatchObject({ support: 1, negatives: 1 });
    const summary = summarise(report);
    const mean = (k: 'f1' | 'recall') => Math.round((report.results.reduce((s, r) => s + r.metrics[k === 'f1' ? 'f1' : 'recall'], 0) / 3) * 1000) / 1000;
    expect(summary.categories.toxicity!.mean.f1).toBe(mean('f1'));
    expect(summary.categories.toxicity!.mean.recall).toBe(mean('recall'));
    expect(summary.targets.find((t) => t.name === 'toxicity F1')).toBeDefined();
  });

  it('refuses to train on rows whose licence does not allow it', () => {
    expect(() => assertTrainable([ROWS[0], ROWS[2]])).not.toThrow();
    expect(() => assertTrainable([ROWS[4]])).toThrow(/ucc/);
    expect(() => assertTrainable([row('x', 'oss-incivility', true, 'x')])).toThrow(/may not be trained on/);
    expect(() => assertTrainable([{ ...ROWS[0], source: undefined }])).toThrow();
  });
});
