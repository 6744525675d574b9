/**
 * Trains the hashed n-gram logistic regressions the detectors load:
 *   src/analysis/models/toxicity.json       heads toxic, hostile, profanity, inappropriate
 *   src/analysis/models/bias.json           head biased
 *   src/analysis/models/hallucination.json  heads title, ungrounded, contradiction, grounding
 *
 *   npx tsx scripts/train-models.ts [--dev ../shared/eval/dev]
 *
 * Reads ONLY files whose licence allows training (see ALLOWED), straight from the dev folder;
 * no data file is copied into the project. Rows whose id hashes into the validation split
 * (src/analysis/models/split.ts) are never trained on; train and validation metrics are printed
 * and stored in each model's provenance. Deterministic: fixed seed, fixed order.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEvalJsonl, type EvalRow } from '../src/analysis/eval.js';
import { type FeatureOptions, type SparseVector, featurize, storeHead, type StoredModel } from '../src/analysis/models/linear.js';
import { splitOf } from '../src/analysis/models/split.js';
import { analyzeText } from '../src/analysis/text.js';
import { toxicityCues } from '../src/analysis/detectors/toxicity.js';
import { biasCues } from '../src/analysis/detectors/bias.js';
import {
  buildSupport,
  groundingFeatures,
  pairVector,
  titleFeatures,
  ungroundedCues,
} from '../src/analysis/detectors/hallucination.js';
import { BIAS_EXAMPLES, TOXICITY_EXAMPLES, type Example } from './train-examples.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argDev = process.argv.indexOf('--dev');
const DEV = path.resolve(ROOT, argDev > 0 ? process.argv[argDev + 1] : '../shared/eval/dev');
const OUT = path.join(ROOT, 'src/analysis/models');

/** Files we may train on, with their licence. Anything else in the folder is evaluation-only. */
const ALLOWED: Record<string, string> = {
  'hallucination-halueval.jsonl': 'MIT (RUCAIBox/HaluEval)',
  'hallucination-chatprotect.jsonl': 'Apache-2.0 (eth-sri/ChatProtect)',
  'hallucination-hallucinated-references.jsonl': 'MIT (microsoft/hallucinated-references)',
  'bias-toxigen.jsonl': 'CDLA-Permissive-2.0 data / MIT code (microsoft/TOXIGEN)',
  'toxicity-davidson-hate-offensive.jsonl': 'MIT (t-davidson/hate-speech-and-offensive-language)',
  'toxicity-openai-moderation.jsonl': 'MIT (openai/moderation-api-release)',
};

function load(file: string): EvalRow[] {
  if (!(file in ALLOWED)) throw new Error(`${file} is not licensed for training`);
  const p = path.join(DEV, file);
  if (!existsSync(p)) throw new Error(`missing ${p}; pass --dev <folder>`);
  return parseEvalJsonl(readFileSync(p, 'utf8'), file);
}

// ---------------------------------------------------------------- logistic regression

interface Sample {
  x: SparseVector;
  y: 0 | 1;
  split: 'train' | 'validation';
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface TrainOptions {
  bits: number;
  epochs: number;
  lr: number;
  l2: number;
}

/** AdaGrad logistic regression with L2, classes re-weighted to balance. */
function train(samples: Sample[], o: TrainOptions): { bias: number; weights: Float32Array } {
  const dim = 1 << o.bits;
  const w = new Float32Array(dim);
  const g2 = new Float32Array(dim).fill(1e-6);
  let b = 0;
  let gb = 1e-6;
  const data = samples.filter((s) => s.split === 'train');
  const posN = data.filter((s) => s.y === 1).length;
  const negN = data.length - posN;
  const wPos = data.length / (2 * Math.max(1, posN));
  const wNeg = data.length / (2 * Math.max(1, negN));
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
      const err = (p - s.y) * (s.y === 1 ? wPos : wNeg);
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

interface Metrics {
  n: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  auc: number;
}

function metrics(samples: Sample[], bias: number, w: Float32Array): Metrics {
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

/**
 * Bias shift so that at most `targetFpr` of training negatives score at or above 0.5, measured
 * on out-of-fold scores (5 folds of the training split): a model's scores on its own training
 * rows are far too confident to calibrate on.
 */
function calibrationShift(samples: Sample[], o: TrainOptions, keep: number, targetFpr: number | undefined, oof?: Map<Sample, number>, calibrateOn?: Set<Sample>): number {
  if (targetFpr === undefined) return 0;
  const trainRows = samples.filter((s) => s.split === 'train');
  const negScores: number[] = [];
  for (let fold = 0; fold < 5; fold++) {
    const fit = trainRows.map((s, i) => ({ ...s, split: (i % 5 === fold ? 'validation' : 'train') as Sample['split'] }));
    const { bias, weights } = train(fit, o);
    const pruned = prune(weights, keep);
    fit.forEach((s, k) => {
      if (s.split !== 'validation') return;
      let z = bias;
      for (let i = 0; i < s.x.idx.length; i++) z += pruned[s.x.idx[i]] * s.x.val[i];
      oof?.set(trainRows[k], z);
      if (s.y === 0 && (!calibrateOn || calibrateOn.has(trainRows[k]))) negScores.push(z);
    });
  }
  negScores.sort((a, b) => b - a);
  const k = Math.floor(targetFpr * negScores.length);
  const shift = -(negScores[Math.min(k, negScores.length - 1)] ?? 0) - 1e-3;
  if (oof) for (const [s, z] of oof) oof.set(s, z + shift);
  return shift;
}

/**
 * `--oof=<file>`: also write each head's out-of-fold calibrated logits for the training rows
 * (by row id), to choose rule/model combinations on training data without touching validation.
 */
const OOF_FILE = process.argv.find((a) => a.startsWith('--oof='))?.slice(6);
const oofOut: Record<string, Record<string, number>> = {};

function prune(weights: Float32Array, keep: number): Float32Array {
  const abs = Array.from(weights, Math.abs).filter((v) => v > 0).sort((a, b) => b - a);
  const minAbs = abs.length > keep ? abs[keep] : 0;
  return weights.map((w) => (Math.abs(w) < minAbs ? 0 : w));
}

interface HeadSpec {
  name: string;
  samples: Sample[];
  /** Row ids of the samples (for --oof). */
  ids?: (string | null)[];
  opts: TrainOptions;
  /** Keep at most this many non-zero weights (size budget). */
  keep: number;
  targetFpr?: number;
  /** Calibrate on these samples' negatives only (default: every training negative). */
  calibrateOn?: Set<Sample>;
}

function fitHeads(specs: HeadSpec[]): { heads: StoredModel['heads']; report: Record<string, unknown> } {
  const heads: StoredModel['heads'] = {};
  const report: Record<string, unknown> = {};
  for (const spec of specs) {
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
    const oof = OOF_FILE && spec.ids ? new Map<Sample, number>() : undefined;
    const shift = calibrationShift(spec.samples, spec.opts, spec.keep, spec.targetFpr, oof, spec.calibrateOn);
    if (oof && spec.ids) {
      const byId: Record<string, number> = (oofOut[spec.name] = {});
      spec.samples.forEach((s, i) => {
        const id = spec.ids![i];
        if (id && oof.has(s)) byId[id] = Math.round(oof.get(s)! * 1000) / 1000;
      });
    }
    stored.bias = Math.round((rawBias + shift) * 1e4) / 1e4;
    const trainM = metrics(spec.samples.filter((s) => s.split === 'train'), stored.bias, dense);
    const validation = metrics(spec.samples.filter((s) => s.split === 'validation'), stored.bias, dense);
    heads[spec.name] = stored;
    report[spec.name] = { train: trainM, validation, weights: stored.idx.length, targetFpr: spec.targetFpr ?? null, calibrationShift: Math.round(shift * 1000) / 1000 };
    console.log(`${spec.name.padEnd(14)} train ${JSON.stringify(trainM)}\n${''.padEnd(14)} valid ${JSON.stringify(validation)}`);
  }
  return { heads, report };
}

function commit(): string {
  try {
    const head = execSync('git rev-parse HEAD', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execSync('git status --porcelain -- scripts src/analysis', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return dirty ? `${head} (uncommitted changes)` : head;
  } catch {
    return 'unknown (no git)';
  }
}

function save(name: string, bits: number, features: FeatureOptions, fitted: ReturnType<typeof fitHeads>, files: string[], notes: string): void {
  const model: StoredModel = {
    name,
    bits,
    features,
    heads: fitted.heads,
    provenance: {
      script: 'scripts/train-models.ts',
      scriptCommit: commit(),
      trainedOn: files.map((f) => ({ file: f, licence: ALLOWED[f] })),
      ownExamples: 'scripts/train-examples.ts (written by the Chatlens team, MIT)',
      split: 'train = rows whose FNV-1a(id) % 5 != 0; validation (never trained on) = the rest',
      notes,
      metrics: fitted.report,
    },
  };
  const file = path.join(OUT, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(model)}\n`);
  console.log(`wrote ${path.relative(ROOT, file)} (${(readFileSync(file).length / 1024).toFixed(0)} KiB)\n`);
}

function exampleSamples(examples: Example[], head: string | null, vec: (text: string) => SparseVector): Sample[] {
  return examples.map((e) => ({
    x: vec(e.text),
    y: (head === null ? e.label : e.heads?.includes(head) ? 1 : 0) as 0 | 1,
    split: 'train' as const,
  }));
}

// ---------------------------------------------------------------- toxicity

function trainToxicity(): void {
  const files = ['toxicity-davidson-hate-offensive.jsonl', 'toxicity-openai-moderation.jsonl'];
  const rows = files.flatMap(load);
  const bits = 18;
  const features: FeatureOptions = { words: true, bigrams: true, chars: [3, 4] };
  const vec = (text: string): SparseVector => {
    const a = analyzeText(text);
    return featurize(a, features, bits, toxicityCues(a).cues);
  };
  const xs = rows.map((r) => vec(r.text));
  const exX = TOXICITY_EXAMPLES.map((e) => vec(e.text));
  const has = (r: EvalRow, s: string): boolean => r.flagged && (r.subtype === s || (Array.isArray(r.meta?.all_subtypes) && (r.meta!.all_subtypes as string[]).includes(s)));
  const head = (name: string, label: (r: EvalRow) => boolean, targetFpr?: number): HeadSpec => {
    const samples: Sample[] = [
      ...rows.map((r, i) => ({ x: xs[i], y: (label(r) ? 1 : 0) as 0 | 1, split: splitOf(r.id) })),
      ...TOXICITY_EXAMPLES.map((e, i) => ({ x: exX[i], y: (name === 'toxic' ? e.label : e.heads?.includes(name) ? 1 : 0) as 0 | 1, split: 'train' as const})),
    ];
    return {
      name,
      samples,
      // Calibrate on the data sets' negatives only: our own negatives are easier and would let
      // more of the hard ones through at the same target.
      calibrateOn: new Set(samples.slice(0, rows.length)),
      ids: [...rows.map((r) => r.id), ...TOXICITY_EXAMPLES.map((_, i) => `example:${i}`)],
      opts: { bits, epochs: 8, lr: 0.1, l2: 1e-2 },
      keep: 22000,
      targetFpr,
    };
  };
  const fitted = fitHeads([
    head('toxic', (r) => r.flagged, 0.05),
    head('hostile', (r) => has(r, 'HOSTILE_LANGUAGE'), 0.05),
    head('profanity', (r) => has(r, 'PROFANITY'), 0.06),
    head('inappropriate', (r) => has(r, 'INAPPROPRIATE_CONTENT'), 0.05),
  ]);
  save('toxicity', bits, features, fitted, files, 'Labels: flagged → toxic; subtype or meta.all_subtypes → subtype heads. Bias shifted so ≤ targetFpr of training negatives pass 0.5.');
}

// ---------------------------------------------------------------- bias

const BIAS_TARGET_FPR = 0.075;

function trainBias(): void {
  const files = ['bias-toxigen.jsonl'];
  const rows = files.flatMap(load);
  const bits = 18;
  const features: FeatureOptions = { words: true, bigrams: true, chars: [] };
  const vec = (text: string): SparseVector => {
    const a = analyzeText(text);
    return featurize(a, features, bits, biasCues(a));
  };
  const samples: Sample[] = [
    ...rows.map((r) => ({ x: vec(r.text), y: (r.flagged ? 1 : 0) as 0 | 1, split: splitOf(r.id) })),
    ...exampleSamples(BIAS_EXAMPLES, null, vec),
  ];
  const ids = [...rows.map((r) => r.id), ...BIAS_EXAMPLES.map((_, i) => `example:${i}`)];
  // Calibrate on ToxiGen's neutral statements only: our own negatives are easier and would let
  // more of ToxiGen's hard negatives through at the same target.
  const calibrateOn = new Set(samples.slice(0, rows.length));
  const fitted = fitHeads([{ name: 'biased', samples, ids, opts: { bits, epochs: 10, lr: 0.1, l2: 1e-2 }, keep: 20000, targetFpr: BIAS_TARGET_FPR, calibrateOn }]);
  save('bias', bits, features, fitted, files, 'ToxiGen hate_* statements → 1, neutral_* → 0. CrowS-Pairs (CC BY-SA) is evaluation-only and never read here.');
}

// ---------------------------------------------------------------- hallucination

function trainHallucination(): void {
  const files = ['hallucination-halueval.jsonl', 'hallucination-chatprotect.jsonl', 'hallucination-hallucinated-references.jsonl'];
  const [halu, chat, refs] = files.map(load);
  const bits = 17;
  const features: FeatureOptions = { words: true, bigrams: true, chars: [] };
  const named = { bits, epochs: 30, lr: 0.1, l2: 1e-4 };

  const title: Sample[] = refs.map((r) => ({ x: titleFeatures(analyzeText(r.text)), y: (r.flagged ? 1 : 0) as 0 | 1, split: splitOf(r.id) }));

  const general = halu.filter((r) => r.meta?.task === 'general');
  const ungrounded: Sample[] = general.map((r) => {
    const a = analyzeText(r.text);
    return { x: featurize(a, features, bits, ungroundedCues(a)), y: (r.flagged ? 1 : 0) as 0 | 1, split: splitOf(r.id) };
  });

  const contradiction: Sample[] = chat.map((r) => {
    const a = analyzeText(String(r.meta?.orig ?? r.text));
    const b = analyzeText(String(r.meta?.alt ?? r.text));
    const sa = Math.max(0, a.sentences.length - 1);
    return { x: pairVector(a, sa, b, 0), y: (r.flagged ? 1 : 0) as 0 | 1, split: splitOf(r.id) };
  });

  const qa = halu.filter((r) => r.meta?.task === 'qa');
  const grounding: Sample[] = qa.map((r) => ({
    x: groundingFeatures(analyzeText(r.text), buildSupport([{ id: 1, content: r.context ?? '' }], r.question)),
    y: (r.flagged ? 1 : 0) as 0 | 1,
    split: splitOf(r.id),
  }));

  const fitted = fitHeads([
    { name: 'title', samples: title, opts: { bits, epochs: 10, lr: 0.1, l2: 3e-2 }, keep: 15000, targetFpr: 0.12 },
    { name: 'ungrounded', samples: ungrounded, opts: { bits, epochs: 3, lr: 0.1, l2: 1e-2 }, keep: 15000, targetFpr: 0.04 },
    { name: 'contradiction', samples: contradiction, opts: named, keep: 4096, targetFpr: 0.1 },
    { name: 'grounding', samples: grounding, opts: named, keep: 4096, targetFpr: 0.06 },
  ]);
  save('hallucination', bits, features, fitted, files, 'title: hallucinated-references (flagged = title not found); ungrounded: HaluEval general; contradiction: ChatProtect (meta.orig vs meta.alt); grounding: HaluEval QA with the knowledge as document.');
}

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
if (!only || only === 'bias') trainBias();
if (!only || only === 'toxicity') trainToxicity();
if (!only || only === 'hallucination') trainHallucination();
if (OOF_FILE) writeFileSync(OOF_FILE, JSON.stringify(oofOut));
