/**
 * The word lists the contradiction rules read (contradiction-rules.ts), and which of them a word
 * is in as one lookup (`classOf`).
 */
import { STOPWORDS, type TextAnalysis, wordBits } from '../text.js';
import { BASE_VERBS, VERBS } from '../verbs.js';
import { NEGATORS } from './clause-negation.js';
import { stem } from './grounding.js';

const OPPOSITES: [string, string][] = [
  ['open', 'closed'], ['allowed', 'banned'], ['allowed', 'forbidden'], ['allowed', 'prohibited'],
  ['included', 'excluded'], ['free', 'paid'], ['safe', 'dangerous'], ['safe', 'unsafe'], ['direct', 'indirect'],
  ['available', 'unavailable'], ['possible', 'impossible'], ['legal', 'illegal'], ['true', 'false'],
  ['alive', 'dead'], ['married', 'single'], ['won', 'lost'], ['increased', 'decreased'], ['rose', 'fell'],
  ['accepted', 'rejected'], ['approved', 'denied'], ['online', 'offline'], ['public', 'private'],
  ['supported', 'unsupported'], ['compatible', 'incompatible'], ['required', 'optional'], ['always', 'never'],
  // States of an account, an order or a product that support answers give (issue 8, 2026-12-03).
  ['active', 'inactive'], ['enabled', 'disabled'], ['valid', 'invalid'], ['eligible', 'ineligible'],
  ['refundable', 'non-refundable'], ['complete', 'incomplete'], ['locked', 'unlocked'], ['correct', 'incorrect'],
];
export const OPPOSITE = new Map<string, string>();
/**
 * The same pairs as the facts' stems hold them ("closed" is "clos"), for sentences of two turns
 * ("We are open on Sundays." / "We are closed on Sundays."). Not within one turn: stemmed,
 * "opening" and "closing" a laptop are two steps of one story.
 */
export const OPPOSITE_STEMS = new Map<string, string>();
for (const [x, y] of OPPOSITES) {
  OPPOSITE.set(x, y);
  OPPOSITE.set(y, x);
  OPPOSITE_STEMS.set(stem(x), stem(y));
  OPPOSITE_STEMS.set(stem(y), stem(x));
}

/** Words that frame a restatement ("as mentioned", "later") rather than say anything. */
const FILLER = new Set(['yes', 'however', 'later', 'history', 'mentioned', 'said', 'noted', 'stated', 'indeed', 'actually', 'fact', 'again', 'also', 'its', 'well']);

/** Words opening a subordinate clause ("Since your account was opened …"): not part of its subject. */
export const SUBORDINATE = new Set(['since', 'because', 'although', 'though', 'when', 'once', 'after', 'before', 'while', 'unless', 'until']);

/**
 * Adverbs that open a predicate: after a subject, the subject has ended ("Card refunds | usually
 * appear …"). A verb ends it too (VERBS), unless it is the subject's first word or follows a
 * determiner, where it is a noun ("The changes …", "Orders to the UK take …").
 */
const PREDICATE_START = new Set(['usually', 'typically', 'normally', 'generally', 'often', 'always', 'never', 'also', 'only', 'still', 'now', 'then', 'currently', 'already', 'sometimes', 'rarely']);

/** Pronouns that are a sentence's subject when they open it. */
const SUBJECT_PRONOUNS = new Set(['it', 'he', 'she', 'they', 'we', 'you', 'i']);

/** Verbs that end a sentence's subject in the plain statements these rules compare. */
export const SUBJECT_END = new Set(['is', 'was', 'are', 'were', 'has', 'had', 'have', 'will', 'can', 'did', 'does', 'do', 'would', 'could', 'may', 'might']);

/**
 * Words opening a condition or a scope: what follows says in which case the sentence holds ("on
 * weekends", "with the screen at full brightness", "for international orders", "if you pay by
 * card"). Not "in", "at", "to", "from" or "by", which as often carry the fact itself ("in the
 * army", "by William Ponder") or a verb ("to arrive").
 */
const SCOPE_OPENERS = new Set(['on', 'with', 'without', 'for', 'during', 'under', 'outside', 'except', 'including', 'excluding', 'if', 'unless']);

/** Openers of a case only at the start of a sentence ("When you cancel, …", "Since you switched to Basic, …"); elsewhere as often a time ("until 1940 when it was sold"). */
const FRONT_OPENERS = new Set(['when', 'whenever', 'once', 'since', 'because']);

/** Words an answer opens with before what it says ("Yes, …", "So …", "But …"). */
const OPENING_WORDS = new Set(['yes', 'yeah', 'yep', 'no', 'nope', 'sure', 'so', 'and', 'but', 'then', 'also', 'however', 'well', 'ok', 'okay', 'now', 'alternatively', 'otherwise']);

/** Scope openers that always make a condition, wherever they stand. */
const CONDITIONS = new Set(['if', 'unless', 'except', 'excluding']);

/** What may stand between a scope opener and its word ("for [all your] orders"). */
export const DETERMINERS = new Set(['the', 'a', 'an', 'your', 'my', 'our', 'his', 'her', 'its', 'their', 'this', 'that', 'these', 'those', 'all', 'any', 'each', 'every', 'you', 'we', 'they', 'it']);

const ENUMERATION = new Set(['including', 'includes', 'include', 'such', 'several', 'various', 'among', 'many', 'also', 'other', 'others', 'numerous', 'example', 'any']);

/** Whether a word holds an ASCII digit (`/\d/`), without a regex call per token. */
export function hasDigit(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** "is", "was", "are", "were", "has", "had": after a capitalised first word, a name's verb ("Sydney is"). */
export const NAME_VERBS = new Set(['is', 'was', 'are', 'were', 'has', 'had']);

/**
 * Relations that hold one value for one subject: a person is born, dies and marries once, a
 * building is built and located once. Two sentences about the same subject that give such a
 * relation different years or different places contradict each other, however much else they
 * say ("It was built in 1847 by William Ponder." / "The house was built by William Nichols in 1839.").
 */
export const FUNCTIONAL = new Set([
  'born', 'died', 'founded', 'established', 'built', 'constructed', 'completed', 'located', 'headquartered',
  'based', 'held', 'married', 'stationed', 'opened', 'released', 'premiered', 'buried', 'incorporated',
]);

/**
 * Which of the word lists of this file a word is in, as bits: the contradiction rules' facts read
 * about fifteen lists per token, and one Map lookup per token instead of one Set lookup per list
 * (with the five-letter prefixes read only by a pair that differs in negation) took them from
 * ~32 to ~20 µs a turn on the analysis bench's mix, where they were ~5 % of the engine.
 */
export const IS = {
  enumeration: 1 << 0, subjectPronoun: 1 << 1, negator: 1 << 2, subjectEnd: 1 << 3, functional: 1 << 4,
  predicateStart: 1 << 5, verb: 1 << 6, determiner: 1 << 7, scopeOpener: 1 << 8, frontOpener: 1 << 9,
  openingWord: 1 << 10, stopword: 1 << 11, filler: 1 << 12, subordinate: 1 << 13, condition: 1 << 14,
} as const;
const CLASSES = wordBits([
  [IS.enumeration, ENUMERATION], [IS.subjectPronoun, SUBJECT_PRONOUNS], [IS.negator, NEGATORS], [IS.subjectEnd, SUBJECT_END],
  [IS.functional, FUNCTIONAL], [IS.predicateStart, PREDICATE_START], [IS.verb, VERBS], [IS.determiner, DETERMINERS],
  [IS.scopeOpener, SCOPE_OPENERS], [IS.frontOpener, FRONT_OPENERS], [IS.openingWord, OPENING_WORDS], [IS.stopword, STOPWORDS],
  [IS.filler, FILLER], [IS.subordinate, SUBORDINATE], [IS.condition, CONDITIONS],
]);

/** The bits of `w` (0 for a word in no list). */
export function classOf(w: string): number {
  return CLASSES.get(w) ?? 0;
}

/** Words an instruction can open with before its verb ("Please call …", "Never go …", "Don't use …"). */
const INSTRUCTION_OPENERS = new Set(['please', 'so', 'then', 'and', 'just', 'also', 'always', 'never', "don't", 'dont', 'do', 'not']);
/** Words after a sentence's first verb that make it a noun ("Return shipping is free", "Use of the pool …"). */
const NOT_AFTER_INSTRUCTION = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'will', 'can', 'could', 'should', 'may', 'of', "'s"]);

/** Whether the sentence tells the reader what to do: it opens on a verb's base form, after at most two opening words. */
export function instruction(a: TextAnalysis, tokenStart: number, tokenEnd: number): boolean {
  let i = tokenStart;
  while (i < tokenEnd && i < tokenStart + 2 && INSTRUCTION_OPENERS.has(a.tokens[i].norm)) i++;
  if (i >= tokenEnd || !BASE_VERBS.has(a.tokens[i].norm) || a.text[a.tokens[i].end] === '-') return false;
  return !(i + 1 < tokenEnd && NOT_AFTER_INSTRUCTION.has(a.tokens[i + 1].norm));
}
