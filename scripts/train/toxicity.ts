/**
 * The toxicity model: heads `toxic`, `hostile`, `profanity`, `inappropriate` over word, bigram and
 * character n-grams plus the detector's rule cues, trained on every trainable toxicity source and
 * our own examples. Every source carries the same total weight, so no single data set's
 * conventions (Davidson's swearing is offensive, OpenAI-moderation's is clean) dominate.
 */
import type { EvalRow } from '../../src/analysis/eval.js';
import { type FeatureOptions, type SparseVector, type StoredModel, featurize } from '../../src/analysis/models/linear.js';
import { analyzeText } from '../../src/analysis/text.js';
import { toxicityCues } from '../../src/analysis/detectors/toxicity.js';
import { GATE_DEFAULTS, type GateParams } from '../../src/analysis/detectors/toxicity-decide.js';
import { TOXICITY_EXAMPLES } from '../train-examples.js';
import { type HeadSpec, type Sample, fitHead } from './logreg.js';
import { assertTrainable } from './sources.js';
import { keepSharedFeatures } from './shared-features.js';
import { sourceWeights } from './weights.js';

export interface ToxicityConfig {
  bits: number;
  features: FeatureOptions;
  epochs: number;
  l2: number;
  keep: number;
  /** Share of out-of-fold training negatives each head may flag (its calibration). */
  targetFpr: Record<'toxic' | 'hostile' | 'profanity' | 'inappropriate', number>;
  /** The detector's decision constants (src/analysis/detectors/toxicity-decide.ts). */
  gate: GateParams;
  /** Bias sources whose rows also train the toxicity heads (a biased statement is hostile, a neutral one clean). */
  borrow: string[];
  /** Give every source the same total weight (else every row weighs the same). */
  sourceWeighted: boolean;
  /** Train only on features found in at least this many sources (train/shared-features.ts). */
  minSources: number;
}

export const TOXICITY_CONFIG: ToxicityConfig = {
  bits: 18,
  // No character n-grams: held out, they lowered the head's ranking (AUC 0.695 without, 0.682 with).
  features: { words: true, bigrams: true, chars: [], clean: true, identities: true },
  epochs: 6,
  l2: 1e-2,
  keep: 30000,
  // 5 % kept the mean clean-turn rate under 10 % until the private-data rule stopped flagging
  // fictional characters and institutions (XSTest clean 10.8 % → 3.1 %); 6 % spends that margin
  // on recall (quick leave-one-source-out: F1 0.510 → 0.525, clean 0.083 → 0.095).
  targetFpr: { toxic: 0.06, hostile: 0.06, profanity: 0.06, inappropriate: 0.06 },
  gate: GATE_DEFAULTS,
  borrow: ['toxigen'],
  sourceWeighted: true,
  minSources: 3,
};

const has = (r: EvalRow, s: string): boolean =>
  r.flagged && (r.category === 'bias' ? s === 'HOSTILE_LANGUAGE' : r.subtype === s || (Array.isArray(r.meta?.all_subtypes) && (r.meta!.all_subtypes as string[]).includes(s)));

export function trainToxicity(rows: EvalRow[], cache: Map<string, SparseVector>, config: ToxicityConfig = TOXICITY_CONFIG, log?: (l: string) => void): StoredModel {
  assertTrainable(rows);
  rows = rows.filter((r) => r.category === 'toxicity' || config.borrow.includes(r.source ?? ''));
  const { bits, features } = config;
  const key = `tox2:${JSON.stringify(features)}:${bits}`;
  const vec = (id: string, text: string): SparseVector => {
    let x = cache.get(`${key}:${id}`);
    if (!x) {
      const a = analyzeText(text);
      x = featurize(a, features, bits, toxicityCues(a).cues);
      cache.set(`${key}:${id}`, x);
    }
    return x;
  };
  const items = keepSharedFeatures([
    ...rows.map((r) => ({ id: r.id, source: `${r.category}:${r.source ?? ''}`, x: vec(r.id, r.text), row: r as EvalRow | null, ex: null as (typeof TOXICITY_EXAMPLES)[number] | null })),
    ...TOXICITY_EXAMPLES.map((e, i) => ({ id: `example:${i}`, source: 'examples', x: vec(`example:${i}`, e.text), row: null, ex: e })),
  ], config.minSources);
  const weights = config.sourceWeighted ? sourceWeights(items.map((it) => it.source)) : items.map(() => 1);
  const label = (it: (typeof items)[number], head: string, subtype: string | null): 0 | 1 => {
    if (it.row) return (subtype ? has(it.row, subtype) : it.row.flagged) ? 1 : 0;
    return (head === 'toxic' ? it.ex!.label : it.ex!.heads?.includes(head) ? 1 : 0) as 0 | 1;
  };
  const heads = {} as StoredModel['heads'];
  const report: Record<string, unknown> = {};
  const specs: [keyof ToxicityConfig['targetFpr'], string | null][] = [
    ['toxic', null], ['hostile', 'HOSTILE_LANGUAGE'], ['profanity', 'PROFANITY'], ['inappropriate', 'INAPPROPRIATE_CONTENT'],
  ];
  for (const [name, subtype] of specs) {
    const samples: Sample[] = items.map((it, i) => ({ x: it.x, y: label(it, name, subtype), split: 'train', w: weights[i] }));
    const spec: HeadSpec = {
      name,
      samples,
      opts: { bits, epochs: config.epochs, lr: 0.1, l2: config.l2 },
      keep: config.keep,
      targetFpr: config.targetFpr[name],
      // Calibrate on the data sets' clean rows: our own negatives are easier.
      calibrateOn: new Set(samples.filter((_, i) => items[i].row && !items[i].row!.flagged)),
    };
    const fitted = fitHead(spec);
    heads[name] = fitted.head;
    report[name] = fitted.report;
    log?.(`  ${name.padEnd(14)} ${JSON.stringify(fitted.report.train)}`);
  }
  const params: Record<string, unknown> = { ...config.gate };
  return { name: 'toxicity', bits, features, heads, params, provenance: { sources: [...new Set(rows.map((r) => r.source))].sort(), metrics: report } };
}
