/**
 * SELF_CONTRADICTION: every related pair of sentences in the turn, and each sentence against
 * earlier assistant turns, scored by the `contradiction` head (trained on ChatProtect,
 * Apache-2.0) over pair features: shared subject, differing numbers, years or names, negation
 * mismatch, antonyms, and a word alignment of the two sentences.
 */
import { type LinearModel, namedFeatures, probability, sigmoid, type SparseVector } from '../models/linear.js';
import { STOPWORDS, type TextAnalysis, perSentence } from '../text.js';
import type { Finding, Span } from '../types.js';
import { type DetectorId, type DetectorInput, finding, sentenceSpan } from '../detector.js';
import { NAMED_BITS, type Support, tokenStems } from './grounding.js';
import { durationContradiction, increments } from './contradiction-durations.js';
import { timeContradiction } from './contradiction-times.js';
import { relationContradiction, restatedRelation } from './contradiction-relations.js';
import { aboutOthers, comparableDisagreement, listItems, otherCases, ruleContradiction, swapsName } from './contradiction-rules.js';

const ANTONYMS: [string, string][] = [
  ['increase', 'decrease'], ['increased', 'decreased'], ['before', 'after'], ['first', 'last'],
  ['north', 'south'], ['east', 'west'], ['larger', 'smaller'], ['largest', 'smallest'],
  ['more', 'less'], ['higher', 'lower'], ['won', 'lost'], ['win', 'lose'], ['true', 'false'],
  ['alive', 'dead'], ['public', 'private'], ['male', 'female'], ['older', 'younger'],
  ['early', 'late'], ['success', 'failure'], ['successful', 'unsuccessful'], ['rise', 'fall'],
  ['always', 'never'], ['all', 'none'], ['democratic', 'republican'], ['liberal', 'conservative'],
];
const ANTONYM_OF = new Map<string, string>();
for (const [x, y] of ANTONYMS) {
  ANTONYM_OF.set(x, y);
  ANTONYM_OF.set(y, x);
}
const RELATIONS = new Set([
  'born', 'died', 'founded', 'established', 'located', 'released', 'built', 'married', 'won',
  'managed', 'owned', 'wrote', 'written', 'directed', 'played', 'served', 'elected', 'named',
  'graduated', 'studied', 'joined', 'created', 'designed', 'opened', 'published', 'produced',
  'composed', 'developed', 'headquartered', 'based', 'capacity', 'population', 'member',
]);

interface SentenceFacts {
  content: Set<string>;
  negations: number;
  first: string;
  relations: Set<string>;
  /** Set by `sentenceMentions`, for the sentences of pairs `related` lets through only. */
  mentions?: SentenceMentions;
}

interface SentenceMentions {
  numbers: Set<string>;
  years: Set<string>;
  names: Set<string>;
}

/** Facts per sentence, computed once per analysis however many pairs a sentence is in. */
const sentenceFacts = perSentence(computeFacts);

function computeFacts(a: TextAnalysis, s: number): SentenceFacts {
  const { tokenStart, tokenEnd } = a.sentences[s];
  const content = new Set<string>();
  const relations = new Set<string>();
  let negations = 0;
  let first = '';
  const stems = tokenStems(a);
  for (let i = tokenStart; i < tokenEnd; i++) {
    const t = a.tokens[i].norm;
    if (t === 'not' || t === 'never' || t === 'no' || t.endsWith("n't")) negations++;
    if (STOPWORDS.has(t) || t.length < 3) continue;
    if (!first) first = t;
    content.add(stems[i]);
    if (RELATIONS.has(t)) relations.add(t);
  }
  return { content, negations, first, relations };
}

/**
 * Numbers, years and names of sentence s, once per analysis. Apart from `computeFacts`: every
 * sentence's content words are read (by `related`), these only in the few related pairs.
 */
function sentenceMentions(a: TextAnalysis, s: number): SentenceMentions {
  const facts = sentenceFacts(a, s);
  if (facts.mentions) return facts.mentions;
  const { start, end } = a.sentences[s];
  const numbers = new Set<string>();
  const years = new Set<string>();
  for (const n of a.numbers) if (n.start >= start && n.end <= end) numbers.add(n.value);
  for (const y of a.years) if (y.start >= start && y.end <= end) years.add(y.value);
  const names = new Set<string>();
  for (const n of a.names) if (n.start >= start && n.end <= end) for (const w of n.value.split(/\s+/)) names.add(w);
  return (facts.mentions = { numbers, years, names });
}

function jaccard(x: Set<string>, y: Set<string>): number {
  if (x.size === 0 && y.size === 0) return 0;
  let inter = 0;
  for (const v of x) if (y.has(v)) inter++;
  return inter / (x.size + y.size - inter);
}

function differ(x: Set<string>, y: Set<string>): 'none' | 'same' | 'diff' | 'one' {
  if (x.size === 0 && y.size === 0) return 'none';
  if (x.size === 0 || y.size === 0) return 'one';
  for (const v of x) if (!y.has(v)) return 'diff';
  for (const v of y) if (!x.has(v)) return 'diff';
  return 'same';
}

export function pairFeatures(a: TextAnalysis, sa: number, b: TextAnalysis, sb: number): Record<string, number> {
  const x = sentenceFacts(a, sa);
  const y = sentenceFacts(b, sb);
  const xm = sentenceMentions(a, sa);
  const ym = sentenceMentions(b, sb);
  const jac = jaccard(x.content, y.content);
  const f: Record<string, number> = { bias: 1, jac };
  f[`jac:${Math.min(6, Math.floor(jac * 10))}`] = 1;
  if (x.first && x.first === y.first) f.sameFirst = 1;
  const nums = differ(xm.numbers, ym.numbers);
  const yrs = differ(xm.years, ym.years);
  const nms = differ(xm.names, ym.names);
  f[`num:${nums}`] = 1;
  f[`year:${yrs}`] = 1;
  f[`name:${nms}`] = 1;
  if (nums === 'diff' && jac > 0.2) f['num:diff:overlap'] = 1;
  if (yrs === 'diff' && jac > 0.15) f['year:diff:overlap'] = 1;
  if (nms === 'diff' && jac > 0.25) f['name:diff:overlap'] = 1;
  if ((x.negations > 0) !== (y.negations > 0)) f[jac > 0.3 ? 'neg:mismatch:overlap' : 'neg:mismatch'] = 1;
  for (const w of x.content) {
    const opp = ANTONYM_OF.get(w);
    if (opp && y.content.has(opp)) f.antonym = 1;
  }
  for (const r of x.relations) if (y.relations.has(r)) f[`rel:${r}`] = 1;
  if (f['rel:born'] || f['rel:founded'] || f['rel:died'] || f['rel:established'] || f['rel:released']) {
    if (yrs === 'diff') f['rel:year:diff'] = 1;
    if (nms === 'diff') f['rel:name:diff'] = 1;
  }
  let onlyX = 0;
  for (const v of x.content) if (!y.content.has(v)) onlyX++;
  let onlyY = 0;
  for (const v of y.content) if (!x.content.has(v)) onlyY++;
  f[`onlyMin:${Math.min(4, Math.min(onlyX, onlyY))}`] = 1;
  alignmentFeatures(a, sa, b, sb, f);
  return f;
}

/** Words that present the second sentence as more of the same, not a different answer. */
const ELABORATION = new Set(['also', 'additionally', 'furthermore', 'moreover', 'another', 'other', 'others', 'too', 'including', 'include', 'includes', 'besides', 'addition', 'various', 'several', 'many', 'both']);
const FRAME_WORDS = new Set(['in', 'on', 'at', 'by', 'from', 'to', 'of', 'as', 'was', 'were', 'is', 'are', 'for', 'with', 'the', 'a', 'an', 'named', 'called']);

/**
 * Word alignment of the two sentences (longest common subsequence): a contradiction typically
 * keeps the frame ("was born in ___") and swaps the filler for another name, number or date;
 * an elaboration adds words without replacing any.
 */
function alignmentFeatures(a: TextAnalysis, sa: number, b: TextAnalysis, sb: number, f: Record<string, number>): void {
  const A = a.sentences[sa];
  const B = b.sentences[sb];
  const n = Math.min(60, A.tokenEnd - A.tokenStart);
  const m = Math.min(60, B.tokenEnd - B.tokenStart);
  if (n === 0 || m === 0) return;
  const ta = a.tokens.slice(A.tokenStart, A.tokenStart + n);
  const tb = b.tokens.slice(B.tokenStart, B.tokenStart + m);
  const L = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      L[i * (m + 1) + j] = ta[i].norm === tb[j].norm ? L[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(L[(i + 1) * (m + 1) + j], L[i * (m + 1) + j + 1]);
    }
  }
  const lcs = L[0];
  f[`lcs:${Math.min(5, Math.floor((lcs / Math.min(n, m)) * 6))}`] = 1;
  // Walk the alignment, collecting blocks of unmatched words on each side between anchors.
  let i = 0;
  let j = 0;
  let subs = 0;
  let inserts = 0;
  let strongSubs = 0;
  const block = (xi: number, xe: number, yj: number, ye: number, prev: string): void => {
    if (xi === xe && yj === ye) return;
    if (xi === xe || yj === ye) {
      inserts++;
      return;
    }
    subs++;
    let capX = 0;
    let capY = 0;
    let numX = 0;
    let numY = 0;
    let negX = 0;
    let negY = 0;
    for (let k = xi; k < xe; k++) {
      if (ta[k].cap && k > 0) capX++;
      if (/\d/.test(ta[k].norm)) numX++;
      if (NEGATORS.has(ta[k].norm) || ta[k].norm.endsWith("n't")) negX++;
    }
    for (let k = yj; k < ye; k++) {
      if (tb[k].cap && k > 0) capY++;
      if (/\d/.test(tb[k].norm)) numY++;
      if (NEGATORS.has(tb[k].norm) || tb[k].norm.endsWith("n't")) negY++;
    }
    const small = xe - xi <= 4 && ye - yj <= 4;
    if (numX && numY) {
      f['sub:num'] = 1;
      strongSubs++;
    }
    if (capX && capY) {
      f[small ? 'sub:cap:small' : 'sub:cap'] = 1;
      strongSubs++;
    }
    if ((negX > 0) !== (negY > 0)) f['sub:neg'] = 1;
    if (FRAME_WORDS.has(prev) && small) f['sub:afterFrame'] = 1;
    if (small && prev) f[`sub:after:${prev}`] = 1;
    if (ANTONYM_OF.get(ta[xi].norm) === tb[yj].norm) f['sub:antonym'] = 1;
  };
  let bi = 0;
  let bj = 0;
  let prev = '';
  while (i < n && j < m) {
    if (ta[i].norm === tb[j].norm) {
      block(bi, i, bj, j, prev);
      prev = ta[i].norm;
      i++;
      j++;
      bi = i;
      bj = j;
    } else if (L[(i + 1) * (m + 1) + j] >= L[i * (m + 1) + j + 1]) i++;
    else j++;
  }
  block(bi, n, bj, m, prev);
  f[`subs:${Math.min(3, subs)}`] = 1;
  if (subs === 0 && inserts > 0) f.elaborates = 1;
  if (strongSubs) f[`strongSubs:${Math.min(2, strongSubs)}`] = 1;
  if (strongSubs && lcs >= 4) f['strongSub:frame'] = 1;
  const lcsB = Math.min(3, Math.floor((lcs / Math.min(n, m)) * 4));
  if (strongSubs) f[`strongSub:lcs:${lcsB}`] = 1;
  if (subs === 1) f[`oneSub:lcs:${lcsB}`] = 1;
  for (const t of tb) if (ELABORATION.has(t.norm)) f['cue:also'] = 1;
  for (const t of ta) if (ELABORATION.has(t.norm)) f['cue:also:first'] = 1;
  // Differing names/numbers as sets, sentence-initial capitals excluded.
  const capsA = new Set(ta.filter((t, k) => t.cap && k > 0 && !STOPWORDS.has(t.norm)).map((t) => t.norm));
  const capsB = new Set(tb.filter((t, k) => t.cap && k > 0 && !STOPWORDS.has(t.norm)).map((t) => t.norm));
  let onlyA = 0;
  let onlyB = 0;
  for (const c of capsA) if (!capsB.has(c)) onlyA++;
  for (const c of capsB) if (!capsA.has(c)) onlyB++;
  let shared = 0;
  for (const c of capsA) if (capsB.has(c)) shared++;
  if (onlyA && onlyB) {
    f[shared ? 'caps:swap:shared' : 'caps:swap'] = 1;
    f[`caps:swap:jac:${Math.min(3, Math.floor(jaccard(sentenceFacts(a, sa).content, sentenceFacts(b, sb).content) * 8))}`] = 1;
  }
  else if (onlyA || onlyB) f['caps:extra'] = 1;
}

const NEGATORS = new Set(['not', 'no', 'never', 'nor', 'none', 'neither', 'without', 'cannot']);

export function pairVector(a: TextAnalysis, sa: number, b: TextAnalysis, sb: number): SparseVector {
  return namedFeatures(pairFeatures(a, sa, b, sb), NAMED_BITS);
}

/** Pairs sharing almost nothing cannot contradict each other; skipping them saves time. */
function related(a: TextAnalysis, sa: number, b: TextAnalysis, sb: number): boolean {
  const x = sentenceFacts(a, sa).content;
  let shared = 0;
  for (const w of sentenceFacts(b, sb).content) if (x.has(w) && ++shared >= 2) return true;
  return false;
}

/** Logit discount per ln(pairs compared) for the best of many sentence pairs (fit on training rows). */
const PAIR_DISCOUNT = 1.5;

/**
 * Share of a sentence's content words that may be missing from the documents it restates: a
 * quarter, or half when it has numbers and every one of them is in the documents (answers reword:
 * "you get 2 extra days" for "employees receive 2 additional days").
 */
const RESTATES_MISSING = 0.25;
const RESTATES_MISSING_WITH_NUMBERS = 0.5;

/**
 * Whether sentence `s` restates the documents the answer was given: every number in it is in them,
 * and nearly every content word. Two such sentences that disagree report the documents' own
 * distinctions ("birth mothers get 16 weeks" / "if you are adopting, you get 12 weeks": the
 * policy's two cases), not a contradiction of the answer's own; whether the answer reports its
 * documents faithfully is the grounding detector's question (HARDCODED_FACT).
 */
function restatesDocuments(a: TextAnalysis, s: number, support: Support): boolean {
  const { start, end, tokenStart, tokenEnd } = a.sentences[s];
  let numbers = 0;
  for (const n of a.numbers) {
    if (n.start < start || n.end > end) continue;
    if (!support.numbers.has(n.value)) return false;
    numbers++;
  }
  const stems = tokenStems(a);
  let content = 0;
  let missing = 0;
  for (let i = tokenStart; i < tokenEnd; i++) {
    const w = a.tokens[i].norm;
    if (STOPWORDS.has(w) || w.length < 3) continue;
    content++;
    if (!support.tokens.has(stems[i])) missing++;
  }
  return content > 0 && missing <= (numbers ? RESTATES_MISSING_WITH_NUMBERS : RESTATES_MISSING) * content;
}

/**
 * The most contradictory related pair of the turn (and against earlier assistant turns), or null.
 * `support`: the documents the turn was given, when it was given any.
 */
export function selfContradiction(detector: DetectorId, model: LinearModel, input: DetectorInput, support: Support | null = null): Finding | null {
  const a = input.analysis;
  let contra: { p: number; spans: Span[] } | null = null;
  let pairs = 0;
  const n = Math.min(a.sentences.length, 30);
  let rule: { p: number; spans: Span[] } | null = null;
  const restated: (boolean | undefined)[] = [];
  const restates = (s: number): boolean => (restated[s] ??= support !== null && restatesDocuments(a, s, support));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (listItems(a, i, a, j) || increments(a, i, a, j) || (support && restates(i) && restates(j))) continue;
      // Durations name what they are the duration of themselves (durationContradiction): read before
      // the pairing tests, which a sentence's length words ("3-5 days" / "two weeks") can fail.
      const d = Math.max(durationContradiction(a, i, j), timeContradiction(a, i, j));
      if (d && (!rule || d > rule.p)) rule = { p: d, spans: [sentenceSpan(a, a.sentences[i]), sentenceSpan(a, a.sentences[j])] };
      // A pair neither related by its words nor restating one relation is settled here, before
      // the subject and case tests, which read each sentence's costlier facts (contradiction-rules.ts).
      const paired = related(a, i, a, j);
      if (!paired && !restatedRelation(a, i, j)) continue;
      if (aboutOthers(a, i, a, j) || otherCases(a, i, a, j)) continue;
      if (!paired) {
        // A relation restated in other words shares too few words to pair; only the relation rule reads it.
        const r = relationContradiction(a, i, j);
        if (r && (!rule || r > rule.p)) rule = { p: r, spans: [sentenceSpan(a, a.sentences[i]), sentenceSpan(a, a.sentences[j])] };
        continue;
      }
      pairs++;
      const p = probability(model.heads.contradiction, pairVector(a, i, a, j));
      if (!contra || p > contra.p) contra = { p, spans: [sentenceSpan(a, a.sentences[i]), sentenceSpan(a, a.sentences[j])] };
      const r = Math.max(ruleContradiction(a, i, j), relationContradiction(a, i, j));
      if (r && (!rule || r > rule.p)) rule = { p: r, spans: [sentenceSpan(a, a.sentences[i]), sentenceSpan(a, a.sentences[j])] };
    }
  }
  for (const h of input.assistantHistory()) {
    const m = Math.min(h.analysis.sentences.length, 30);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        // Durations and times of day name what they are of (as within the turn).
        const d = Math.max(durationContradiction(a, i, j, h.analysis), timeContradiction(a, i, j, h.analysis));
        if (d && (!rule || d > rule.p)) rule = { p: d, spans: [sentenceSpan(h.analysis, h.analysis.sentences[j], 'history', h.index), sentenceSpan(a, a.sentences[i])] };
        // An answer and an earlier one differ in many ways that are no contradiction ("899 Ames
        // Ct" / "1 miles away"): only comparable disagreements are scored, by rule and head. The
        // rule also reads pairs that share one word ("The meeting is at 3 pm." / "The meeting is
        // at 4 pm."; "open" / "closed on Sundays"); the head only pairs related by their words or
        // by a name swapped in the same words ("… on Thursday." / "… on Saturday.").
        if (increments(a, i, h.analysis, j) || !comparableDisagreement(a, i, h.analysis, j) || aboutOthers(a, i, h.analysis, j) || otherCases(a, i, h.analysis, j)) continue;
        const r = Math.max(ruleContradiction(a, i, j, h.analysis), relationContradiction(a, i, j, h.analysis));
        if (r && (!rule || r > rule.p)) rule = { p: r, spans: [sentenceSpan(h.analysis, h.analysis.sentences[j], 'history', h.index), sentenceSpan(a, a.sentences[i])] };
        if (!related(a, i, h.analysis, j) && !swapsName(a, i, h.analysis, j)) continue;
        pairs++;
        const p = probability(model.heads.contradiction, pairVector(a, i, h.analysis, j));
        if (!contra || p > contra.p) {
          contra = { p, spans: [sentenceSpan(h.analysis, h.analysis.sentences[j], 'history', h.index), sentenceSpan(a, a.sentences[i])] };
        }
      }
    }
  }
  // The best of many pairs is high by chance alone: discount by the number of pairs compared.
  if (contra && pairs > 1) contra.p = sigmoid(Math.log(contra.p / (1 - contra.p + 1e-9)) - PAIR_DISCOUNT * Math.log(pairs));
  if (rule && (!contra || rule.p > contra.p)) contra = rule;
  if (contra && contra.p >= 0.3) return finding(detector, 'SELF_CONTRADICTION', contra.p, 'medium', contra.spans, 'Two statements disagree on the same fact.');
  return null;
}
