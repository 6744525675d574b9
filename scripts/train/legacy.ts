/**
 * The training pipeline as it was before leave-one-source-out evaluation (kept to measure the
 * previous engine the same way as the new one): toxicity heads on word/bigram/char n-grams of
 * Davidson + OpenAI-moderation, the bias head on ToxiGen, the hallucination heads on HaluEval,
 * ChatProtect and hallucinated-references, each on the rows whose id hashes into the training
 * split (src/analysis/models/split.ts), plus our own examples.
 */
import type { EvalRow } from '../../src/analysis/eval.js';
import { type FeatureOptions, type SparseVector, type StoredModel, featurize } from '../../src/analysis/models/linear.js';
import { splitOf } from '../../src/analysis/models/split.js';
import { analyzeText } from '../../src/analysis/text.js';
import { toxicityCues } from '../../src/analysis/detectors/toxicity.js';
import { biasCues } from '../../src/analysis/detectors/bias.js';
import { buildSupport, groundingFeatures, pairVector, titleFeatures, ungroundedCues } from '../../src/analysis/detectors/hallucination.js';
import { BIAS_EXAMPLES, TOXICITY_EXAMPLES } from '../train-examples.js';
import { type HeadSpec, type Sample, fitHead } from './logreg.js';
import { assertTrainable } from './sources.js';

export const LEGACY_SOURCES = ['halueval', 'chatprotect', 'hallucinated-references', 'toxigen', 'davidson-hate-offensive', 'openai-moderation'];

export interface TrainResult {
  model: StoredModel;
  /** Per head: out-of-fold calibrated logits of the training rows by row id (own examples as `example:<i>`). */
  oof: Record<string, Record<string, number>>;
}

export interface LegacyOptions {
  /** Features per row id, shared between calls (leave-one-source-out featurises once). */
  cache?: Map<string, SparseVector>;
  /** Collect out-of-fold logits (for fitting the rule combinations). */
  oof?: boolean;
  log?: (line: string) => void;
}

function cached(o: LegacyOptions, key: string, make: () => SparseVector): SparseVector {
  if (!o.cache) return make();
  let x = o.cache.get(key);
  if (!x) o.cache.set(key, (x = make()));
  return x;
}

function fit(name: string, bits: number, features: FeatureOptions, specs: (HeadSpec & { ids?: string[] })[], rows: EvalRow[], o: LegacyOptions): TrainResult {
  const heads: StoredModel['heads'] = {};
  const report: Record<string, unknown> = {};
  const oof: TrainResult['oof'] = {};
  for (const spec of specs) {
    const map = o.oof && spec.ids ? new Map<Sample, number>() : undefined;
    const fitted = fitHead({ ...spec, oof: map });
    heads[spec.name] = fitted.head;
    report[spec.name] = fitted.report;
    o.log?.(`${spec.name.padEnd(14)} train ${JSON.stringify(fitted.report.train)}\n${''.padEnd(14)} valid ${JSON.stringify(fitted.report.validation)}`);
    if (map && spec.ids) {
      const byId: Record<string, number> = (oof[spec.name] = {});
      spec.samples.forEach((s, i) => {
        if (map.has(s)) byId[spec.ids![i]] = Math.round(map.get(s)! * 1000) / 1000;
      });
    }
  }
  const sources = [...new Set(rows.map((r) => r.source ?? ''))].sort();
  return { model: { name, bits, features, heads, provenance: { sources, metrics: report } }, oof };
}

const has = (r: EvalRow, s: string): boolean =>
  r.flagged && (r.subtype === s || (Array.isArray(r.meta?.all_subtypes) && (r.meta!.all_subtypes as string[]).includes(s)));

export function trainToxicityLegacy(rows: EvalRow[], o: LegacyOptions = {}): TrainResult {
  assertTrainable(rows);
  const bits = 18;
  const features: FeatureOptions = { words: true, bigrams: true, chars: [3, 4] };
  const vec = (text: string): SparseVector => {
    const a = analyzeText(text);
    return featurize(a, features, bits, toxicityCues(a).cues);
  };
  const xs = rows.map((r) => cached(o, `tox:${r.id}`, () => vec(r.text)));
  const exX = TOXICITY_EXAMPLES.map((e, i) => cached(o, `tox:example:${i}`, () => vec(e.text)));
  const head = (name: string, label: (r: EvalRow) => boolean, targetFpr: number): HeadSpec & { ids: string[] } => {
    const samples: Sample[] = [
      ...rows.map((r, i) => ({ x: xs[i], y: (label(r) ? 1 : 0) as 0 | 1, split: splitOf(r.id) })),
      ...TOXICITY_EXAMPLES.map((e, i) => ({ x: exX[i], y: (name === 'toxic' ? e.label : e.heads?.includes(name) ? 1 : 0) as 0 | 1, split: 'train' as const })),
    ];
    return {
      name,
      samples,
      // Calibrate on the data sets' negatives only: our own negatives are easier.
      calibrateOn: new Set(samples.slice(0, rows.length)),
      ids: [...rows.map((r) => r.id), ...TOXICITY_EXAMPLES.map((_, i) => `example:${i}`)],
      opts: { bits, epochs: 8, lr: 0.1, l2: 1e-2 },
      keep: 22000,
      targetFpr,
    };
  };
  return fit('toxicity', bits, features, [
    head('toxic', (r) => r.flagged, 0.05),
    head('hostile', (r) => has(r, 'HOSTILE_LANGUAGE'), 0.05),
    head('profanity', (r) => has(r, 'PROFANITY'), 0.06),
    head('inappropriate', (r) => has(r, 'INAPPROPRIATE_CONTENT'), 0.05),
  ], rows, o);
}

export function trainBiasLegacy(rows: EvalRow[], o: LegacyOptions = {}): TrainResult {
  assertTrainable(rows);
  const bits = 18;
  const features: FeatureOptions = { words: true, bigrams: true, chars: [] };
  const vec = (text: string): SparseVector => {
    const a = analyzeText(text);
    return featurize(a, features, bits, biasCues(a));
  };
  const samples: Sample[] = [
    ...rows.map((r) => ({ x: cached(o, `bias:${r.id}`, () => vec(r.text)), y: (r.flagged ? 1 : 0) as 0 | 1, split: splitOf(r.id) })),
    ...BIAS_EXAMPLES.map((e, i) => ({ x: cached(o, `bias:example:${i}`, () => vec(e.text)), y: e.label, split: 'train' as const })),
  ];
  const ids = [...rows.map((r) => r.id), ...BIAS_EXAMPLES.map((_, i) => `example:${i}`)];
  // Calibrate on the data sets' negatives only: our own negatives are easier.
  const calibrateOn = new Set(samples.slice(0, rows.length));
  return fit('bias', bits, features, [{ name: 'biased', samples, ids, opts: { bits, epochs: 10, lr: 0.1, l2: 1e-2 }, keep: 20000, targetFpr: 0.075, calibrateOn }], rows, o);
}

export function trainHallucinationLegacy(rows: EvalRow[], o: LegacyOptions = {}): TrainResult {
  assertTrainable(rows);
  const bits = 17;
  const features: FeatureOptions = { words: true, bigrams: true, chars: [] };
  const named = { bits, epochs: 30, lr: 0.1, l2: 1e-4 };
  const of = (source: string): EvalRow[] => rows.filter((r) => r.source === source);
  const y = (r: EvalRow): 0 | 1 => (r.flagged ? 1 : 0);

  const title: Sample[] = of('hallucinated-references').map((r) => ({ x: cached(o, `title:${r.id}`, () => titleFeatures(analyzeText(r.text), bits)), y: y(r), split: splitOf(r.id) }));
  const halu = of('halueval');
  const ungrounded: Sample[] = halu.filter((r) => r.meta?.task === 'general').map((r) => ({
    x: cached(o, `ungr:${r.id}`, () => {
      const a = analyzeText(r.text);
      return featurize(a, features, bits, ungroundedCues(a));
    }),
    y: y(r),
    split: splitOf(r.id),
  }));
  const contradiction: Sample[] = of('chatprotect').map((r) => ({
    x: cached(o, `contra:${r.id}`, () => {
      const a = analyzeText(String(r.meta?.orig ?? r.text));
      const b = analyzeText(String(r.meta?.alt ?? r.text));
      return pairVector(a, Math.max(0, a.sentences.length - 1), b, 0);
    }),
    y: y(r),
    split: splitOf(r.id),
  }));
  const grounding: Sample[] = halu.filter((r) => r.meta?.task === 'qa').map((r) => ({
    x: cached(o, `ground:${r.id}`, () => groundingFeatures(analyzeText(r.text), buildSupport([{ id: 1, content: r.context ?? '' }], r.question))),
    y: y(r),
    split: splitOf(r.id),
  }));
  const specs: HeadSpec[] = [
    { name: 'title', samples: title, opts: { bits, epochs: 10, lr: 0.1, l2: 3e-2 }, keep: 15000, targetFpr: 0.12 },
    { name: 'ungrounded', samples: ungrounded, opts: { bits, epochs: 3, lr: 0.1, l2: 1e-2 }, keep: 15000, targetFpr: 0.04 },
    { name: 'contradiction', samples: contradiction, opts: named, keep: 4096, targetFpr: 0.1 },
    { name: 'grounding', samples: grounding, opts: named, keep: 4096, targetFpr: 0.06 },
  ];
  // A head without any sample (its only source held out) is left out: the detector then scores 0.
  return fit('hallucination', bits, features, specs.filter((s) => s.samples.length > 0), rows, o);
}

/** The previous pipeline for leave-one-source-out runs (only its six sources). */
export const legacyPipeline = {
  name: 'legacy (before issue 8)',
  uses: (source: string): boolean => LEGACY_SOURCES.includes(source),
  train(category: 'toxicity' | 'bias' | 'hallucination', rows: EvalRow[], cache: Map<string, SparseVector>): StoredModel {
    const fn = category === 'toxicity' ? trainToxicityLegacy : category === 'bias' ? trainBiasLegacy : trainHallucinationLegacy;
    return fn(rows, { cache }).model;
  },
};
