/**
 * Hashed n-gram logistic regression: the small linear models behind several detectors.
 *
 * Features are strings (word uni/bigrams, character n-grams, named cues) hashed with FNV-1a
 * into 2^bits buckets and L2-normalised, so a long text does not score higher just for being
 * long. Weights ship as JSON with int8-quantised values for the non-zero buckets only; they are
 * expanded into one Float32Array per head when the model is loaded (once, at module import).
 *
 * Training lives in scripts/train-models.ts and uses `featurize` from here, so training and
 * inference cannot drift apart.
 */
import type { TextAnalysis } from '../text.js';

export interface FeatureOptions {
  words: boolean;
  bigrams: boolean;
  /** Character n-gram lengths taken inside each token padded with boundary marks, e.g. [3, 4]. */
  chars: number[];
}

export interface SparseVector {
  idx: Uint32Array;
  val: Float32Array;
}

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a state after hashing `h`'s string followed by `s` (so fnvAppend(FNV_OFFSET, s) == fnv1a(s)). */
function fnvAppend(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}
const H_WORD = fnvAppend(FNV_OFFSET, 'w:');
const H_NEG = fnvAppend(FNV_OFFSET, 'n:');
const H_BIGRAM = fnvAppend(FNV_OFFSET, 'b:');
const H_CHAR = fnvAppend(FNV_OFFSET, 'c');

/** Scratch accumulator shared by calls (single-threaded): avoids a Map per turn. */
let scratch = new Float64Array(1 << 16);
let touched = new Uint32Array(4096);

/** Features of a text, plus optional named cues computed by a detector (e.g. "cue:threat"). */
export function featurize(a: TextAnalysis, opts: FeatureOptions, bits: number, cues: readonly string[] = []): SparseVector {
  const mask = (1 << bits) - 1;
  if (scratch.length < 1 << bits) scratch = new Float64Array(1 << bits);
  let n = 0;
  const addHash = (h: number, w: number): void => {
    const k = (h >>> 0) & mask;
    if (scratch[k] === 0) {
      if (n === touched.length) {
        const grown = new Uint32Array(touched.length * 2);
        grown.set(touched);
        touched = grown;
      }
      touched[n++] = k;
    }
    scratch[k] += w;
  };
  const toks = a.tokens;
  // Hashes are computed incrementally over prefix + token (identical to fnv1a of the joined
  // string) so no feature string is built: this loop is the hottest code of a turn.
  const maxN = opts.chars.length > 0 ? opts.chars[opts.chars.length - 1] : 0;
  const wantLen = new Uint8Array(maxN + 1);
  for (const len of opts.chars) wantLen[len] = 1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i].norm;
    if (opts.words) addHash(fnvAppend(toks[i].negated ? H_NEG : H_WORD, t), 1);
    if (opts.bigrams && i + 1 < toks.length && toks[i + 1].sentence === toks[i].sentence) {
      addHash(fnvAppend(Math.imul(fnvAppend(H_BIGRAM, t) ^ 32, FNV_PRIME), toks[i + 1].norm), 1);
    }
    if (maxN > 0) {
      // Character n-grams of "<token>", hashed incrementally: identical to fnv1a(`c${gram}`).
      const L = t.length + 2;
      for (let k = 0; k < L; k++) {
        let h = H_CHAR;
        for (let len = 1; len <= maxN && k + len <= L; len++) {
          const at = k + len - 1;
          const code = at === 0 ? 60 : at === L - 1 ? 62 : t.charCodeAt(at - 1); // '<' … '>'
          h = Math.imul(h ^ code, FNV_PRIME);
          if (wantLen[len]) addHash(h, 0.5);
        }
      }
    }
  }
  for (const c of cues) addHash(fnv1a(`cue:${c}`), 2);
  addHash(fnv1a('bias'), 1);
  let norm = 0;
  for (let i = 0; i < n; i++) norm += scratch[touched[i]] * scratch[touched[i]];
  norm = Math.sqrt(norm) || 1;
  const idx = new Uint32Array(n);
  const val = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    idx[i] = touched[i];
    val[i] = scratch[touched[i]] / norm;
    scratch[touched[i]] = 0;
  }
  return { idx, val };
}

/** Dense named features for models over hand-made signals (contradiction, grounding). */
export function namedFeatures(values: Record<string, number>, bits: number): SparseVector {
  const mask = (1 << bits) - 1;
  const counts = new Map<number, number>();
  for (const [k, v] of Object.entries(values)) {
    if (v === 0) continue;
    const h = fnv1a(k) & mask;
    counts.set(h, (counts.get(h) ?? 0) + v);
  }
  const idx = new Uint32Array(counts.size);
  const val = new Float32Array(counts.size);
  let i = 0;
  for (const [k, v] of counts) {
    idx[i] = k;
    val[i] = v;
    i++;
  }
  return { idx, val };
}

/** A head as stored in the JSON file. */
export interface StoredHead {
  bias: number;
  /** Dequantisation factor: weight = q * scale. */
  scale: number;
  /** Bucket indices, delta-encoded and ascending. */
  idx: number[];
  q: number[];
}

export interface StoredModel {
  name: string;
  bits: number;
  features: FeatureOptions;
  heads: Record<string, StoredHead>;
  provenance: Record<string, unknown>;
}

export interface LinearHead {
  bias: number;
  weights: Float32Array;
}

export interface LinearModel {
  name: string;
  bits: number;
  features: FeatureOptions;
  heads: Record<string, LinearHead>;
}

export function loadModel(stored: StoredModel): LinearModel {
  const heads: Record<string, LinearHead> = {};
  for (const [name, h] of Object.entries(stored.heads)) {
    const weights = new Float32Array(1 << stored.bits);
    let at = 0;
    for (let i = 0; i < h.idx.length; i++) {
      at += h.idx[i];
      weights[at] = h.q[i] * h.scale;
    }
    heads[name] = { bias: h.bias, weights };
  }
  return { name: stored.name, bits: stored.bits, features: stored.features, heads };
}

export function logit(head: LinearHead, x: SparseVector): number {
  let z = head.bias;
  for (let i = 0; i < x.idx.length; i++) z += head.weights[x.idx[i]] * x.val[i];
  return z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function probability(head: LinearHead | undefined, x: SparseVector): number {
  return head ? sigmoid(logit(head, x)) : 0;
}

/** Quantise dense weights to int8, dropping buckets whose weight is below `minAbs`. */
export function storeHead(bias: number, weights: Float32Array, minAbs: number): StoredHead {
  let max = 0;
  for (const w of weights) if (Math.abs(w) > max) max = Math.abs(w);
  const scale = max / 127 || 1;
  const idx: number[] = [];
  const q: number[] = [];
  let prev = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (Math.abs(w) < minAbs) continue;
    const qv = Math.round(w / scale);
    if (qv === 0) continue;
    idx.push(i - prev);
    q.push(qv);
    prev = i;
  }
  return { bias: Math.round(bias * 1e4) / 1e4, scale: Number(scale.toPrecision(6)), idx, q };
}

/** Index of the token whose unigram weighs most towards the head, or -1 when none pushes it up. */
export function strongestToken(head: LinearHead | undefined, a: TextAnalysis, bits: number): number {
  if (!head) return -1;
  const mask = (1 << bits) - 1;
  let best = -1;
  let bestW = 0;
  for (let i = 0; i < a.tokens.length; i++) {
    const t = a.tokens[i];
    const w = head.weights[fnv1a(t.negated ? `n:${t.norm}` : `w:${t.norm}`) & mask];
    if (w > bestW) {
      bestW = w;
      best = i;
    }
  }
  return best;
}
