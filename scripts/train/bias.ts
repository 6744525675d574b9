/**
 * The bias model: head `biased` over words, bigrams and the detector's cues (identity groups,
 * traits, generalisations), trained on every trainable bias source and our own examples, each
 * source with the same total weight. DiaSafety's replies are read with the user turn they answer
 * (its `question`): their bias is often only visible there.
 */
import type { EvalRow } from '../../src/analysis/eval.js';
import { type FeatureOptions, type SparseVector, type StoredModel, featurize } from '../../src/analysis/models/linear.js';
import { analyzeText } from '../../src/analysis/text.js';
import { biasCues } from '../../src/analysis/detectors/bias.js';
import { BIAS_EXAMPLES } from '../train-examples.js';
import { type Sample, fitHead } from './logreg.js';
import { assertTrainable } from './sources.js';
import { keepSharedFeatures } from './shared-features.js';
import { sourceWeights } from './weights.js';

export const BIAS_CONFIG = {
  bits: 18,
  features: { words: true, bigrams: true, chars: [], clean: true } as FeatureOptions,
  epochs: 8,
  l2: 1e-2,
  keep: 30000,
  /**
   * Share of clean training rows (out of fold) scored ≥ 0.5. 8 % until the detector learnt to read
   * talk about a stereotype (questions, reports, accusations, denials, one person); with those
   * damped, 10 % gave the best quick leave-one-source-out mean (F1 0.468 at 9.7 % clean turns
   * flagged, against 0.452 / 9.0 % at 8 % and 0.456 / 9.7 % at 9 %).
   */
  targetFpr: 0.1,
  skip: ['diasafety'] as string[],
  /** Toxicity sources whose rows also train the head (hate against a group is bias, a clean sentence about one is not). */
  borrow: [] as string[],
  /** Train only on features found in at least this many sources (train/shared-features.ts). */
  minSources: 1,
  /** Rule weights the detector uses with this model (BIAS_RULES overrides). */
  rules: { traitStrong: 0.3, traitWeak: 0.1, topicStrong: 0.05, generalStrong: 0.05, generalWeak: 0.02, traitAndGeneral: 0.2 } as Record<string, number>,
};

export function trainBias(rows: EvalRow[], cache: Map<string, SparseVector>, config = BIAS_CONFIG, log?: (l: string) => void): StoredModel {
  assertTrainable(rows);
  // DiaSafety's biased replies are only biased given the user turn ("unironically this"): read
  // alone they teach the head that agreement is bias. They train nothing; they are still scored.
  rows = rows.filter((r) => !config.skip.includes(r.source ?? '') && (r.category === 'bias' || config.borrow.includes(r.source ?? '')));
  const { bits, features } = config;
  const key = `bias2:${JSON.stringify(features)}:${bits}`;
  const vec = (id: string, text: string): SparseVector => {
    let x = cache.get(`${key}:${id}`);
    if (!x) {
      const a = analyzeText(text);
      x = featurize(a, features, bits, biasCues(a, true));
      cache.set(`${key}:${id}`, x);
    }
    return x;
  };
  const items = keepSharedFeatures([
    ...rows.map((r) => ({ source: `${r.category}:${r.source ?? ''}`, x: vec(r.id, r.text), y: (r.flagged ? 1 : 0) as 0 | 1, real: true })),
    ...BIAS_EXAMPLES.map((e, i) => ({ source: 'examples', x: vec(`example:${i}`, e.text), y: e.label, real: false })),
  ], config.minSources);
  const w = sourceWeights(items.map((it) => it.source));
  const samples: Sample[] = items.map((it, i) => ({ x: it.x, y: it.y, split: 'train', w: w[i] }));
  const fitted = fitHead({
    name: 'biased',
    samples,
    opts: { bits, epochs: config.epochs, lr: 0.1, l2: config.l2 },
    keep: config.keep,
    targetFpr: config.targetFpr,
    calibrateOn: new Set(samples.filter((s, i) => items[i].real && s.y === 0)),
  });
  log?.(`  biased ${JSON.stringify(fitted.report.train)}`);
  return { name: 'bias', bits, features, heads: { biased: fitted.head }, params: { rules: config.rules }, provenance: { sources: [...new Set(rows.map((r) => r.source))].sort(), metrics: { biased: fitted.report } } };
}
