/**
 * Training of one hashed-feature logistic-regression head: AdaGrad with L2 and balanced
 * classes, pruned to a weight budget, int8-quantised (`storeHead`), and calibrated so that a
 * target share of out-of-fold training negatives scores at or above 0.5. Deterministic: fixed
 * seed, fixed order.
 */
import { type SparseVector, type StoredHead, storeHead } from '../../src/analysis/models/linear.js';

export interface Sample {
  x: SparseVector;
  y: 0 | 1;
  /** Only 'train' samples are fitted on; 'validation' ones are only measured. */
  split: 'train' | 'validation';
  /** Per-sample weight (default 1), e.g. to give every source the same total weight. */
  w?: number;
}

export interface TrainOptions {
  bits: number;
  epochs: number;
  lr: number;
  l2: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** AdaGrad logistic regression with L2, classes re-weighted to balance. */
export function train(samples: Sample[], o: TrainOptions): { bias: number; weights: Float32Array } {
  const dim = 1 << o.bits;
  const w = new Float32Array(dim);
  const g2 = new Float32Array(dim).fill(1e-6);
  let b = 0;
  let gb = 1e-6;
  const data = samples.filter((s) => s.split === 'train');
  let posW = 0;
  let allW = 0;
  for (const s of data) {
    allW += s.w ?? 1;
    if (s.y === 1) posW += s.w ?? 1;
  }
  const wPos = allW / (2 * Math.max(1e-9, posW || 1));
  const wNeg = allW / (2 * Math.max(1e-9, allW - posW || 1));
  const rand = rng(42);
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const s = data[k];
      let z = b;
      for (let i = 0; i < s.x.idx.length; i++) z += w[s.x.idx[i]] * s.x.val[i];
      const p = 1 / (1 + Math.exp(-z));
      const err = (p - s.y) * (s.y === 1 ? wPos : wNeg) * (s.w ?? 1);
      for (let i = 0; i < s.x.idx.length; i++) {
        const j = s.x.idx[i];
        const g = err * s.x.val[i] + o.l2 * w[j];
        g2[j] += g * g;
        w[j] -= (o.lr * g) / Math.sqrt(g2[j]);
      }
      gb += err * err;
      b -= (o.lr * err) / Math.sqrt(gb);
    }
  }
  return { bias: b, weights: w };
}

export interface Metrics {
  n: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  auc: number;
}

export function metrics(samples: Sample[], bias: number, w: Float32Array): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const scored: [number, number][] = [];
  for (const s of samples) {
    let z = bias;
    for (let i = 0; i < s.x.idx.length; i++) z += w[s.x.idx[i]] * s.x.val[i];
    scored.push([z, s.y]);
    const pred = z >= 0;
    if (s.y === 1) pred ? tp++ : fn++;
    else pred ? fp++ : tn++;
  }
  scored.sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let pos = 0;
  scored.forEach(([, y], i) => {
    if (y === 1) {
      rankSum += i + 1;
      pos++;
    }
  });
  const neg = scored.length - pos;
  const auc = pos && neg ? (rankSum - (pos * (pos + 1)) / 2) / (pos * neg) : 0;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    n: samples.length,
    accuracy: r((tp + tn) / Math.max(1, samples.length)),
    precision: r(precision),
    recall: r(recall),
    f1: r(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
    auc: r(auc),
  };
}

/** Zeroes every weight below the `keep` largest in absolute value. */
export function prune(weights: Float32Array, keep: number): Float32Array {
  const abs = Array.from(weights, Math.abs).filter((v) => v > 0).sort((a, b) => b - a);
  const minAbs = abs.length > keep ? abs[keep] : 0;
  return weights.map((w) => (Math.abs(w) < minAbs ? 0 : w));
}

/**
 * Bias shift so that at most `targetFpr` of training negatives score at or above 0.5, measured
 * on out-of-fold scores (5 folds of the training samples): a model's scores on its own training
 * rows are far too confident to calibrate on. `oof` receives each training sample's out-of-fold
 * logit after the shift; `calibrateOn` restricts the negatives counted.
 */
export function calibrationShift(
  samples: Sample[],
  o: TrainOptions,
  keep: number,
  targetFpr: number,
  oof?: Map<Sample, number>,
  calibrateOn?: Set<Sample>,
): number {
  const trainRows = samples.filter((s) => s.split === 'train');
  const negScores: number[] = [];
  const local = new Map<Sample, number>();
  for (let fold = 0; fold < 5; fold++) {
    const fit = trainRows.map((s, i) => ({ ...s, split: (i % 5 === fold ? 'validation' : 'train') as Sample['split'] }));
    const { bias, weights } = train(fit, o);
    const pruned = prune(weights, keep);
    fit.forEach((s, k) => {
      if (s.split !== 'validation') return;
      let z = bias;
      for (let i = 0; i < s.x.idx.length; i++) z += pruned[s.x.idx[i]] * s.x.val[i];
      local.set(trainRows[k], z);
      if (s.y === 0 && (!calibrateOn || calibrateOn.has(trainRows[k]))) negScores.push(z);
    });
  }
  negScores.sort((a, b) => b - a);
  const k = Math.floor(targetFpr * negScores.length);
  const shift = -(negScores[Math.min(k, negScores.length - 1)] ?? 0) - 1e-3;
  if (oof) for (const [s, z] of local) oof.set(s, z + shift);
  return shift;
}

export interface HeadSpec {
  name: string;
  samples: Sample[];
  opts: TrainOptions;
  /** Keep at most this many non-zero weights (size budget). */
  keep: number;
  targetFpr?: number;
  /** Calibrate on these samples' negatives only (default: every training negative). */
  calibrateOn?: Set<Sample>;
  /** Receives the out-of-fold calibrated logit of every training sample. */
  oof?: Map<Sample, number>;
}

export interface FittedHead {
  head: StoredHead;
  report: { train: Metrics; validation: Metrics; weights: number; targetFpr: number | null; calibrationShift: number };
}

/** Trains, prunes, quantises and calibrates one head. */
export function fitHead(spec: HeadSpec): FittedHead {
  const { bias: rawBias, weights } = train(spec.samples, spec.opts);
  const abs = Array.from(weights, Math.abs).filter((v) => v > 0).sort((a, b) => b - a);
  const minAbs = abs.length > spec.keep ? abs[spec.keep] : 0;
  const stored = storeHead(rawBias, weights, minAbs || 1e-9);
  // Measure on the pruned, quantised weights the detector will actually use.
  const dense = new Float32Array(weights.length);
  let at = 0;
  stored.idx.forEach((d, i) => {
    at += d;
    dense[at] = stored.q[i] * stored.scale;
  });
  const shift = spec.targetFpr === undefined ? 0 : calibrationShift(spec.samples, spec.opts, spec.keep, spec.targetFpr, spec.oof, spec.calibrateOn);
  stored.bias = Math.round((rawBias + shift) * 1e4) / 1e4;
  const trainM = metrics(spec.samples.filter((s) => s.split === 'train'), stored.bias, dense);
  const validation = metrics(spec.samples.filter((s) => s.split === 'validation'), stored.bias, dense);
  return {
    head: stored,
    report: { train: trainM, validation, weights: stored.idx.length, targetFpr: spec.targetFpr ?? null, calibrationShift: Math.round(shift * 1000) / 1000 },
  };
}
