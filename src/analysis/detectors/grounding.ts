/**
 * HARDCODED_FACT: what the documents and question support, what the answer states beyond
 * them, and the `grounding` head over those signals (trained on HaluEval QA, MIT); without
 * documents, the `ungrounded` head over the wording (HaluEval general, MIT).
 */
import { derivedTimes } from './clock-times.js';
import { perKey } from '../../lib/per-key.js';
import { firstIndex } from '../../lib/search.js';
import { type LinearModel, featurize, namedFeatures, probability, type SparseVector } from '../models/linear.js';
import { STOPWORDS, analyzeText, perAnalysis, sentenceTextAt, type TextAnalysis, type Token } from '../text.js';
import { GENERIC_WORDS } from '../lexicons.js';
import { spelledCounts, spelledNumbers } from './number-words.js';
import type { ContextDocument, Finding, Span } from '../types.js';
import { type DetectorId, type DetectorInput, finding, turnSpan } from '../detector.js';

/** Bucket bits of the named-feature heads (contradiction, grounding). */
export const NAMED_BITS = 12;

export interface Support {
  tokens: Set<string>;
  /** How often each stem occurs in the documents (how many records a count can stand for). */
  counts: Map<string, number>;
  /** Stems of the question alone (to tell what an answer takes from the documents). */
  questionTokens: Set<string>;
  numbers: Set<string>;
  years: Set<string>;
  lower: string;
  /** Hedging words in the documents (for OVERCONFIDENCE). */
  hedges: number;
  documents: { doc: ContextDocument; analysis: TextAnalysis }[];
}

/**
 * Documents repeat across the turns of a session, so their analysis is memoised by content
 * (bounded; the result depends only on the key, so analysis stays deterministic).
 */
const supportCache = new Map<string, Support>();
const SUPPORT_CACHE_MAX = 256;

/**
 * The previous call's fields and support: the turns of a session pass the same documents one
 * after another, and comparing the fields costs less than the cache key (a JSON copy of every
 * document, hashed): about 2 µs a turn with one short document, more with long ones.
 */
let previous: { fields: (string | number | null)[]; support: Support } | null = null;

export function buildSupport(documents: ContextDocument[], question?: string | null): Support {
  const fields: (string | number | null)[] = [];
  for (const d of documents) fields.push(d.id, d.title ?? null, d.filename ?? null, d.content ?? null);
  fields.push(question ?? null);
  if (previous && previous.fields.length === fields.length && previous.fields.every((f, i) => f === fields[i])) return previous.support;
  const key = JSON.stringify([documents.map((d) => [d.id, d.title ?? null, d.filename ?? null, d.content ?? null]), question ?? null]);
  let support = supportCache.get(key);
  if (!support) {
    support = computeSupport(documents, question);
    if (supportCache.size >= SUPPORT_CACHE_MAX) supportCache.delete(supportCache.keys().next().value as string);
    supportCache.set(key, support);
  }
  previous = { fields, support };
  return support;
}

function computeSupport(documents: ContextDocument[], question?: string | null): Support {
  const tokens = new Set<string>();
  const counts = new Map<string, number>();
  const questionTokens = new Set<string>();
  const numbers = new Set<string>();
  const years = new Set<string>();
  let lower = '';
  let hedges = 0;
  const docs: Support['documents'] = [];
  const addText = (text: string, isDoc: boolean, doc?: ContextDocument): void => {
    const a = analyzeText(text);
    for (const t of a.tokens) {
      const w = stem(t.norm);
      (isDoc ? tokens : questionTokens).add(w);
      // "St. Anne's Hospital" holds "Anne" too.
      if (t.norm.endsWith("'s") || t.norm.endsWith('’s')) (isDoc ? tokens : questionTokens).add(stem(possessiveless(t.norm)));
      if (isDoc) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    for (const n of a.numbers) numbers.add(n.value);
    for (const v of spelledNumbers(a)) numbers.add(v);
    for (const y of a.years) years.add(y.value);
    lower += `\n${a.norm}`;
    if (isDoc) hedges += a.hedges.length;
    if (doc) docs.push({ doc, analysis: a });
  };
  for (const d of documents) {
    const text = [d.title, d.filename, d.content].filter(Boolean).join('\n');
    if (text) addText(text, true, d);
  }
  if (question) addText(question, false);
  for (const t of questionTokens) tokens.add(t);
  return { tokens, counts, questionTokens, numbers, years, lower, hedges, documents: docs };
}

/** A crude stem so "founded"/"founding" and "albums"/"album" count as the same word. */
export function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/**
 * `stem` of every token's normalised form, computed once per analysis: the grounding features,
 * both contradiction readings, the document-conflict units and the overconfidence sources all
 * stem the same tokens (`endsWith`, mostly from here, was 3.7 % of the instructions of a turn).
 */
export const tokenStems = perAnalysis((a) => a.tokens.map((t) => stem(t.norm)));

/** Who said it is not what is claimed: "published in X", "researchers at X" name a source. */
/**
 * Where to turn next, not a fact: "I'd suggest checking with HR", "contact your GP", "ask the
 * IT helpdesk". A name right after a referral is whom to ask.
 */
const REFERRAL = /\b(?:check(?:ing)? with|ask(?:ing)?|contact(?:ing)?|speak(?:ing)? (?:to|with)|talk(?:ing)? to|reach(?:ing)? out to|get(?:ting)? in touch with|call(?:ing)?|e-?mail(?:ing)?|consult(?:ing)?|rais(?:e|ing) (?:it|this) with)\s+(?:your |the |our |a |an )?(?:local )?$/i;
/** Whom to ask, named before what they can do: "your line manager or HR will know". */
const REFERRED_TO = /^\s+(?:will|can|could|should|would|may) (?:know|help|advise|tell you|answer|confirm|be able to (?:help|tell|answer|confirm|advise))\b/i;
/** A sentence saying the documents hold no answer ("the documents don't say whether …"): its names are the question's topic. */
const NO_ANSWER_IN_DOCS = /\b(?:documents?|policy|polic(?:ies)|text|sources?|information|guide|handbook|manual|page|article|materials?|records?|files?) (?:(?:i|you) (?:have|was|were) (?:given|provided) )?(?:do(?:es)?n'?t|do(?:es)? not|did not|didn'?t) (?:say|mention|specify|state|include|list|address|cover)\b|\bi (?:couldn'?t|could not|can'?t|cannot|was unable to) (?:find|see)\b|\bno (?:information|mention|details) (?:about|on|of)\b/i;

const ATTRIBUTION = /\b(?:published in|according to|journal|(?:researchers?|scientists?|experts?|team|study|studies) (?:at|from|of)|led by)\s+(?:the\s+)?$/i;
const INSTITUTION = /\b(?:university|college|institute|school|hospital|journal|centre|center|society|association|foundation|department)\b/i;

/** Share of an answer's content words missing from the documents above which they are not its source. */
const OFF_SOURCE_RATIO = 0.6;
/** Content words up to which an answer counts as a direct answer (one claim, not a summary). */
const DIRECT_ANSWER_WORDS = 12;

export interface Unsupported {
  numbers: Span[];
  names: Span[];
  contentRatio: number;
  content: number;
  supportedNumbers: number;
  /** Content words the documents and question do not contain. */
  novel: Span[];
  /** Names of several words each of which the documents contain, but not together. */
  recombined: Span[];
}

/** A name as it reads in normalised text (lower case, no accents, single spaces, no possessive). */
function phrase(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[’']s$/, '').replace(/\s+/g, ' ').trim();
}

/** "manager's" is checked as "manager". Most words do not end in "s" and skip the regex. */
function possessiveless(word: string): string {
  return word.endsWith('s') ? word.replace(/['’]s$/, '') : word;
}

/** Titles before a name ("Dr. Lopez", "Prof. Reed"): the name is the words after them. */
const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'rev', 'judge', 'president', 'ceo']);

/** Per unit of time, the other units the same span is written in, and how many of them it is. */
const UNIT_FACTORS: Record<string, [string, number][]> = {
  week: [['day', 7]],
  month: [['week', 52 / 12]],
  year: [['month', 12], ['week', 52], ['day', 365]],
  day: [['hour', 24]],
  hour: [['minute', 60]],
  minute: [['second', 60]],
};

/** Per unit, every other unit the same span can be written in: n of this unit is n × times / per of that one. */
const SAME_SPAN = new Map<string, { unit: string; times: number; per: number }[]>();
for (const [from, fs] of Object.entries(UNIT_FACTORS)) {
  for (const [to, f] of fs) {
    SAME_SPAN.set(from, [...(SAME_SPAN.get(from) ?? []), { unit: to, times: f, per: 1 }]);
    SAME_SPAN.set(to, [...(SAME_SPAN.get(to) ?? []), { unit: from, times: 1, per: f }]);
  }
}

/**
 * "Two weeks" against the documents' "14 days", "24 months" against "2 years": the same span in
 * another unit of time. The unit is the word after the number; the documents' number must stand
 * before the other unit's word (read off their text, which `support.lower` holds).
 */
function inOtherUnit(after: Token | undefined, value: string, support: Support): boolean {
  const others = after ? SAME_SPAN.get(after.norm.replace(/s$/, '')) : undefined;
  if (!others) return false;
  const n = Number(value.replace(/,/g, ''));
  return others.some(({ unit, times, per }) => Number.isInteger((n * times) / per) && spanPattern((n * times) / per, unit).test(support.lower));
}

/** "14 days", "14-day" for a key "<value> <unit>": compiled once per value and unit (bounded). */
const spanPatternOf = perKey((key) => {
  const [value, unit] = key.split(' ');
  return new RegExp(`(?<![\\d.])${value}(?:,\\d{3})*\\s*(?:-\\s*)?${unit}s?\\b`);
}, 1000);
const spanPattern = (value: number, unit: string): RegExp => spanPatternOf(`${value} ${unit}`);

/** Whether one of the two words after a count occurs in the documents at least that many times. */
function countedInDocuments(a: TextAnalysis, at: number, value: string, support: Support): boolean {
  if (at < 0) return false;
  const times = Number(value);
  // "meetings" stems to "meeting", the documents' "meeting" to "meet": try both.
  return a.tokens.slice(at, at + 2).some((t) => Math.max(support.counts.get(stem(t.norm)) ?? 0, support.counts.get(stem(stem(t.norm))) ?? 0) >= times);
}

/** Index of the first token that starts at or after `end` (the unit or the noun a number counts), or -1. */
function tokenAfter(a: TextAnalysis, end: number): number {
  const i = firstIndex(a.tokens.length, (k) => a.tokens[k].start >= end);
  return i < a.tokens.length ? i : -1;
}

/** Whether a range lies inside one of `spans`, in logarithmic time (a turn can hold thousands of either). */
function within(spans: readonly { start: number; end: number }[]): (start: number, end: number) => boolean {
  const sorted = [...spans].sort((x, y) => x.start - y.start);
  const reach: number[] = []; // the furthest end of the spans up to each one
  for (const sp of sorted) reach.push(Math.max(sp.end, reach[reach.length - 1] ?? -1));
  return (start, end) => {
    const after = firstIndex(sorted.length, (k) => sorted[k].start > start); // the spans from here on start after the range
    return after > 0 && reach[after - 1] >= end;
  };
}

export function unsupportedFacts(a: TextAnalysis, support: Support): Unsupported {
  const numbers: Span[] = [];
  let supportedNumbers = 0;
  const after = (end: number) => tokenAfter(a, end);
  const inCitation = within(a.citations);
  const worked = derivedTimes(a.text, support.lower).map(([start, end]) => ({ start, end }));
  const workedOut = worked.length ? within(worked) : () => false;
  for (const n of a.numbers) {
    if (inCitation(n.start, n.end)) continue;
    if (support.numbers.has(n.value) || inOtherUnit(a.tokens[after(n.end)], n.value, support) || workedOut(n.start, n.end)) supportedNumbers++;
    else numbers.push(turnSpan(a.text, n.start, n.end));
  }
  // "twelve gold albums" is as checkable as "12 gold albums"; "two meetings" is also supported
  // by two records that each name a meeting (a calendar, a list of orders).
  for (const n of spelledCounts(a)) {
    const at = support.numbers.has(n.value) ? -1 : after(n.end);
    if (support.numbers.has(n.value) || countedInDocuments(a, at, n.value, support) || inOtherUnit(a.tokens[at], n.value, support)) supportedNumbers++;
    else numbers.push(turnSpan(a.text, n.start, n.end));
  }
  const names: Span[] = [];
  const recombined: Span[] = [];
  for (const n of a.names) {
    if (ATTRIBUTION.test(a.text.slice(Math.max(0, n.start - 30), n.start)) || INSTITUTION.test(n.value)) continue;
    if (REFERRAL.test(a.text.slice(Math.max(0, n.start - 30), n.start)) || REFERRED_TO.test(a.text.slice(n.end, n.end + 30)) || NO_ANSWER_IN_DOCS.test(sentenceTextAt(a, n.start))) continue;
    // "Dr. Lopez" names "Dr. Maria Lopez": a title is no part of what must be found together.
    const words = n.value.split(/[\s'-]+/).map((w) => w.replace(/\.$/, '')).filter((w) => w.length > 1 && !TITLES.has(w));
    if (words.length && words.some((w) => !support.tokens.has(stem(w.normalize('NFKD').replace(/\p{M}/gu, ''))))) {
      names.push(turnSpan(a.text, n.start, n.end));
    } else if (words.length > 1 && !support.lower.includes(phrase(words.join(' '))) && !support.lower.includes(phrase(n.value))) {
      // Every word is in the documents, the name is not: "Rainbow Estate" made of "Rainbow
      // Terrace" and "Lullwater Estate" is an entity nobody mentioned.
      recombined.push(turnSpan(a.text, n.start, n.end));
    }
  }
  let content = 0;
  let missing = 0;
  const novel: Span[] = [];
  const stems = tokenStems(a);
  for (let k = 0; k < a.tokens.length; k++) {
    const t = a.tokens[k];
    if (STOPWORDS.has(t.norm) || t.norm.length < 3) continue;
    content++;
    // The token's stem, kept per analysis, unless the word is a possessive ("employer's").
    const possessive = t.norm.endsWith("'s") || t.norm.endsWith('’s');
    if (!support.tokens.has(possessive ? stem(possessiveless(t.norm)) : stems[k])) {
      missing++;
      novel.push(turnSpan(a.text, t.start, t.end));
    }
  }
  return { numbers, names, recombined, contentRatio: content ? missing / content : 0, content, supportedNumbers, novel };
}

/** Non-answers and guesses ("it is unclear", "no information") state no grounded fact either. */
const UNCERTAIN_ANSWER = new Set(['unclear', 'unknown', 'uncertain', 'information', 'unable', 'sorry', 'cannot', 'impossible', 'specified', 'mentioned', 'provided']);

/** `u` is `unsupportedFacts(a, support)` when the caller already has it. */
export function groundingFeatures(a: TextAnalysis, support: Support, u: Unsupported = unsupportedFacts(a, support)): SparseVector {
  const f: Record<string, number> = { bias: 1 };
  f[`ratio:${Math.min(5, Math.floor(u.contentRatio * 6))}`] = 1;
  f.ratio = u.contentRatio;
  if (u.numbers.length) f['num:unsupported'] = 1;
  if (u.supportedNumbers) f['num:supported'] = 1;
  if (u.names.length) f['name:unsupported'] = 1;
  if (u.names.length > 1) f['name:unsupported2'] = 1;
  if (a.names.length && !u.names.length) f[u.recombined.length ? 'name:recombined' : 'name:allsupported'] = 1;
  if (u.content === 0) f['content:none'] = 1;
  if (u.contentRatio === 0 && u.content > 0) f['content:allsupported'] = 1;
  const yearUnsupported = a.years.some((y) => !support.years.has(y.value));
  if (yearUnsupported && support.years.size) f['year:conflict'] = 1;
  // Unsupported novel content: how many content words neither the documents nor the question
  // contain (count, not share of the answer, so a long answer that only restates the documents
  // stays clean and a one-word answer of the wrong entity is still caught by names/numbers).
  const novel = u.novel.length;
  f[`novel:${Math.min(4, novel)}`] = 1;
  if (novel && u.content) f[`novelRatio:${Math.min(3, Math.floor((novel / u.content) * 4))}`] = 1;
  let fromDocs = 0;
  const stems = tokenStems(a);
  for (let i = 0; i < a.tokens.length; i++) {
    const t = a.tokens[i];
    if (UNCERTAIN_ANSWER.has(t.norm)) f['uncertain'] = 1;
    if (STOPWORDS.has(t.norm) || t.norm.length < 2) continue;
    const st = stems[i];
    if (support.tokens.has(st) && !support.questionTokens.has(st)) fromDocs++;
  }
  // An answer should take something from the documents beyond the question's own words.
  f[`fromDocs:${Math.min(3, fromDocs)}`] = 1;
  return namedFeatures(f, NAMED_BITS);
}

const WH_QUESTION = /\b(?:who|whom|whose|what|when|where|which|why|how (?:many|much|long|old|far|big|tall)|in which|what year)\b/i;

/** HARDCODED_FACT for one turn; `cited` says a citation finding already covers it (no documents). */
export function hardcodedFact(detector: DetectorId, model: LinearModel, input: DetectorInput, support: Support | null, hasDocs: boolean, cited: boolean): Finding | null {
  const a = input.analysis;
  if (hasDocs && support) {
    const u = unsupportedFacts(a, support);
    const p = probability(model.heads.grounding, groundingFeatures(a, support, u));
    const direct = !!input.context.question && u.content <= DIRECT_ANSWER_WORDS;
    let spans = [...u.numbers, ...u.names, ...u.recombined].sort((x, y) => x.start - y.start);
    // No unsupported number or name: in a short, direct answer the novel wording is the claim
    // (point at it, up to 5 words); in a longer text novel wording is paraphrase, not a fact.
    // Everyday words ("yes", "best", "walk through") are wording, not a claim: only the rest counts.
    // When the answer's own numbers or names are all in the documents, its other words are wording.
    const groundedSpecifics = u.supportedNumbers > 0 || (a.names.length > 0 && !u.names.length);
    // Only an answer to a question asking for a fact (who, what, when …) is its wording; a reply to
    // a request ("direct me there") is an action, not a claim.
    const asksFact = WH_QUESTION.test(input.context.question ?? '');
    if (!spans.length && p >= 0.5 && direct && asksFact && !groundedSpecifics) spans = u.novel.filter((w) => !GENERIC_WORDS.has(possessiveless(w.text.toLowerCase()))).slice(0, 5);
    // Only specifics (numbers, dates, names) are reported: paraphrase alone is not a fact.
    // When most of the answer's wording is absent from the documents, they are not its source
    // (a summary of another text, a press release of a paper) and specifics cannot be judged
    // against them: reported below the standard threshold. Measured: 95 % of HaluEval's
    // grounded answers are under this ratio, 84 % of the press releases are over it.
    // A short, direct answer to a question, mostly absent from the documents, is simply
    // unsupported; without a question the text is a summary or restatement of another text.
    const offSource = u.contentRatio >= OFF_SOURCE_RATIO && !direct;
    const score = offSource ? p * 0.45 : p;
    if (score >= 0.3 && spans.length) {
      return finding(detector, 'HARDCODED_FACT', score, 'medium', spans, offSource ? 'States specifics absent from documents it barely draws on.' : 'States specifics the provided documents do not contain.');
    }
  } else if (!cited) {
    const p = probability(model.heads.ungrounded, featurize(a, model.features, model.bits, ungroundedCues(a)));
    // The specifics are its numbers and names: a turn without any states none ("You must keep the
    // receipt."), however the head scores its wording.
    const facts = [...a.numbers, ...a.names].sort((x, y) => x.start - y.start).slice(0, 5);
    if (p >= 0.3 && facts.length > 0) {
      const spans = facts.map((f) => turnSpan(a.text, f.start, f.end));
      return finding(detector, 'HARDCODED_FACT', p, 'medium', spans, 'Asserts specifics with no document to support them.');
    }
  }
  return null;
}

export function ungroundedCues(a: TextAnalysis): string[] {
  const cues: string[] = [];
  if (a.numbers.length) cues.push('has:number');
  if (a.years.length) cues.push('has:year');
  if (a.names.length > 2) cues.push('has:names');
  if (a.hedges.length === 0) cues.push('no-hedge');
  return cues;
}
