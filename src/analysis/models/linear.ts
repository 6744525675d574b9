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
import { type TextAnalysis, perAnalysis } from '../text.js';

export interface FeatureOptions {
  words: boolean;
  bigrams: boolean;
  /** Character n-gram lengths taken inside each token padded with boundary marks, e.g. [3, 4]. */
  chars: number[];
  /**
   * Leave out what says where a text was posted rather than what it says: @handles, URLs and a
   * leading retweet mark. A model should not learn that a tweet's furniture is toxic.
   */
  clean?: boolean;
  /**
   * Read every identity term (`TextAnalysis.identities`: "women", "gay people", "Muslims") as the
   * one word `<identity>`, so a head learns what is said of a group rather than which groups its
   * training data spoke ill of: "I hate Muslims" reads as "I hate Jews" did, and "gay people are
   * wonderful" no longer inherits the weight "gay" took on in hateful posts.
   */
  identities?: boolean;
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
const H_CUE = fnvAppend(FNV_OFFSET, 'cue:');
const H_BIAS_FEATURE = fnv1a('bias');

/**
 * Scratch accumulator shared by calls (single-threaded): a small open-addressing table keyed by
 * bucket (sized from an upper bound on the turn's feature count), so a turn touches a few KB
 * instead of a 2 MB dense array. Output is identical to a dense accumulator: buckets come out in
 * first-insertion order with the same sums.
 */
let tabKeys = new Int32Array(1 << 12).fill(-1);
let tabVals = new Float64Array(1 << 12);
let touched = new Uint32Array(1 << 11);
let touchedSlot = new Uint32Array(1 << 11);

let tmask = 0;
let fmask = 0;
let n = 0;

/** Adds weight `w` to the bucket of hash `h` (module-level so it inlines; no closure per call). */
function addHash(h: number, w: number): void {
  const k = (h >>> 0) & fmask;
  const keys = tabKeys;
  let s = (Math.imul(k, 0x9e3779b1) >>> 0) & tmask;
  for (;;) {
    const at = keys[s];
    if (at === k) break;
    if (at === -1) {
      keys[s] = k;
      touched[n] = k;
      touchedSlot[n++] = s;
      break;
    }
    s = (s + 1) & tmask;
  }
  tabVals[s] += w;
}

/** Features of a text, plus optional named cues computed by a detector (e.g. "cue:threat"). */
export function featurize(a: TextAnalysis, opts: FeatureOptions, bits: number, cues: readonly string[] = []): SparseVector {
  const mask = (1 << bits) - 1;
  const toks = a.tokens;
  const maxN = opts.chars.length > 0 ? opts.chars[opts.chars.length - 1] : 0;
  // Upper bound on distinct features: word + bigram + character n-grams per token, cues, bias.
  let bound = cues.length + 1 + 2 * toks.length;
  if (maxN > 0) for (let i = 0; i < toks.length; i++) bound += opts.chars.length * (toks[i].norm.length + 2);
  if (tabKeys.length < 2 * bound) {
    let size = tabKeys.length;
    while (size < 2 * bound) size *= 2;
    tabKeys = new Int32Array(size).fill(-1);
    tabVals = new Float64Array(size);
  }
  if (touched.length < bound) {
    touched = new Uint32Array(bound);
    touchedSlot = new Uint32Array(bound);
  }
  tmask = tabKeys.length - 1;
  fmask = mask;
  n = 0;
  // Hashes are computed incrementally over prefix + token (identical to fnv1a of the joined
  // string) so no feature string is built: this loop is the hottest code of a turn.
  const wantLen = new Uint8Array(maxN + 1);
  for (const len of opts.chars) wantLen[len] = 1;
  const skip = opts.clean ? furniture(a) : null;
  const ids = opts.identities && a.identities.length ? identityTokens(a) : null;
  for (let i = 0; i < toks.length; i++) {
    if (skip && skip[i]) continue;
    if (ids && ids[i] === ID_REST) continue;
    const t = ids && ids[i] === ID_FIRST ? IDENTITY_WORD : toks[i].norm;
    if (opts.words) addHash(fnvAppend(toks[i].negated ? H_NEG : H_WORD, t), 1);
    let next = i + 1;
    if (ids) while (next < toks.length && ids[next] === ID_REST) next++;
    if (opts.bigrams && next < toks.length && toks[next].sentence === toks[i].sentence) {
      addHash(fnvAppend(Math.imul(fnvAppend(H_BIGRAM, t) ^ 32, FNV_PRIME), ids && ids[next] === ID_FIRST ? IDENTITY_WORD : toks[next].norm), 1);
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
  for (const c of cues) addHash(fnvAppend(H_CUE, c), 2); // == fnv1a(`cue:${c}`)
  addHash(H_BIAS_FEATURE, 1);
  const vals = tabVals;
  const keys = tabKeys;
  let norm = 0;
  for (let i = 0; i < n; i++) norm += vals[touchedSlot[i]] * vals[touchedSlot[i]];
  norm = Math.sqrt(norm) || 1;
  const idx = new Uint32Array(n);
  const val = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const s = touchedSlot[i];
    idx[i] = touched[i];
    val[i] = vals[s] / norm;
    vals[s] = 0;
    keys[s] = -1;
  }
  return { idx, val };
}

/**
 * Tokens that are posting furniture: @handles, URL parts, a leading "RT". Once per analysis:
 * the toxicity and bias models both leave them out.
 */
const furniture = perAnalysis(findFurniture);

function findFurniture(a: TextAnalysis): Uint8Array {
  const out = new Uint8Array(a.tokens.length);
  const text = a.text;
  // Citations are sorted and never overlap (text.ts), so one pass over both finds the tokens of a URL.
  const urls = a.citations.filter((c) => c.kind === 'url');
  let u = 0;
  for (let i = 0; i < a.tokens.length; i++) {
    const t = a.tokens[i];
    while (u < urls.length && urls[u].end < t.end) u++;
    if (t.start > 0 && text.charCodeAt(t.start - 1) === 64) out[i] = 1; // '@'
    else if (i === 0 && t.norm === 'rt') out[i] = 1;
    else if (t.norm === 'http' || t.norm === 'https' || t.norm === 'amp') out[i] = 1;
    else if (u < urls.length && urls[u].start <= t.start) out[i] = 1;
  }
  return out;
}

const IDENTITY_WORD = '<identity>';
const ID_FIRST = 1;
const ID_REST = 2;

/**
 * Per token: ID_FIRST for the first token of an identity term, ID_REST for its other tokens
 * ("people" of "gay people"), 0 otherwise. Once per analysis, shared by the toxicity features and
 * the group-hostility rules (toxicity-group.ts).
 */
export const identityTokens = perAnalysis((a: TextAnalysis): Uint8Array => {
  const out = new Uint8Array(a.tokens.length);
  for (const m of a.identities) {
    out[m.token] = ID_FIRST;
    for (let k = m.token + 1; k < a.tokens.length && a.tokens[k].start < m.end; k++) out[k] = ID_REST;
  }
  return out;
});

/** Dense named features for models over hand-made signals (contradiction, grounding). */
export function namedFeatures(values: Record<string, number>, bits: number): SparseVector {
  const mask = (1 << bits) - 1;
  const counts = new Map<number, number>();
  // for-in visits the same keys in the same order as Object.entries without building the pairs.
  for (const k in values) {
    const v = values[k];
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
  /** Fitted constants the detector reads besides the heads (thresholds, combiners). */
  params?: Record<string, unknown>;
  provenance: Record<string, unknown>;
}

export interface LinearHead {
  bias: number;
  weights: Float32Array;
  /**
   * The same weights as int8 codes plus a 256-entry table of their float32 values
   * (`lut[q + 128] === weights[i]`): a quarter of the memory, so scoring a turn misses the
   * cache far less. Set by `loadModel`; `logit` falls back to `weights` without them.
   */
  q?: Int8Array;
  lut?: Float32Array;
}

/** Several heads of one model scored together: codes interleaved per bucket (one cache line). */
export interface PackedHeads {
  names: string[];
  biases: Float64Array;
  q: Int8Array;
  luts: Float32Array;
}

export interface LinearModel {
  name: string;
  bits: number;
  features: FeatureOptions;
  heads: Record<string, LinearHead>;
  params?: Record<string, unknown>;
}

export function loadModel(stored: StoredModel): LinearModel {
  const heads: Record<string, LinearHead> = {};
  for (const [name, h] of Object.entries(stored.heads)) {
    const weights = new Float32Array(1 << stored.bits);
    const q = new Int8Array(1 << stored.bits);
    const lut = new Float32Array(256);
    for (let v = -128; v < 128; v++) lut[v + 128] = v * h.scale;
    let at = 0;
    for (let i = 0; i < h.idx.length; i++) {
      at += h.idx[i];
      weights[at] = h.q[i] * h.scale;
      q[at] = h.q[i];
    }
    heads[name] = { bias: h.bias, weights, q, lut };
  }
  return { name: stored.name, bits: stored.bits, features: stored.features, heads, params: stored.params };
}

export function logit(head: LinearHead, x: SparseVector): number {
  let z = head.bias;
  const { q, lut } = head;
  if (q && lut) {
    for (let i = 0; i < x.idx.length; i++) z += lut[q[x.idx[i]] + 128] * x.val[i];
    return z;
  }
  for (let i = 0; i < x.idx.length; i++) z += head.weights[x.idx[i]] * x.val[i];
  return z;
}

/** Interleaves the int8 codes of `names` (heads of one loaded model) for `logits`. */
export function packHeads(model: LinearModel, names: string[]): PackedHeads {
  const H = names.length;
  const size = 1 << model.bits;
  const q = new Int8Array(size * H);
  const luts = new Float32Array(256 * H);
  const biases = new Float64Array(H);
  names.forEach((name, h) => {
    const head = model.heads[name];
    biases[h] = head.bias;
    if (!head.q || !head.lut) throw new Error(`head ${name} has no int8 codes`);
    luts.set(head.lut, 256 * h);
    for (let i = 0; i < size; i++) q[i * H + h] = head.q[i];
  });
  return { names, biases, q, luts };
}

/** Logits of every packed head on `x`, written to `out` (same sums as `logit` per head). */
export function logits(p: PackedHeads, x: SparseVector, out: Float64Array): Float64Array {
  const H = p.names.length;
  const { q, luts, biases } = p;
  if (H === 4) {
    let z0 = biases[0];
    let z1 = biases[1];
    let z2 = biases[2];
    let z3 = biases[3];
    for (let i = 0; i < x.idx.length; i++) {
      const b = x.idx[i] * 4;
      const v = x.val[i];
      z0 += luts[q[b] + 128] * v;
      z1 += luts[q[b + 1] + 384] * v;
      z2 += luts[q[b + 2] + 640] * v;
      z3 += luts[q[b + 3] + 896] * v;
    }
    out[0] = z0;
    out[1] = z1;
    out[2] = z2;
    out[3] = z3;
    return out;
  }
  for (let h = 0; h < H; h++) out[h] = biases[h];
  for (let i = 0; i < x.idx.length; i++) {
    const b = x.idx[i] * H;
    const v = x.val[i];
    for (let h = 0; h < H; h++) out[h] += luts[q[b + h] + 128 + 256 * h] * v;
  }
  return out;
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
    // The unigram's bucket as `featurize` hashes it: fnv1a(`n:${norm}`) or fnv1a(`w:${norm}`), no string built.
    const w = head.weights[fnvAppend(t.negated ? H_NEG : H_WORD, t.norm) & mask];
    if (w > bestW) {
      bestW = w;
      best = i;
    }
  }
  return best;
}
