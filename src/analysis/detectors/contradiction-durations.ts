/**
 * Durations that contradict each other within one answer: two sentences giving one thing lengths
 * of time that cannot both hold ("within 5 business days" / "about three weeks"). A rule of its
 * own beside contradiction-rules.ts: it names the thing a duration is of itself, so it needs no
 * pairing of the two sentences by shared words.
 */
import { STOPWORDS, type TextAnalysis, perSentence } from '../text.js';
import { listItems } from './contradiction-rules.js';
import { SUBORDINATE } from './contradiction-words.js';
import { tokenStems } from './grounding.js';
import { smallNumber } from './number-words.js';

/** Days in one of each unit a duration is given in. */
const UNIT_DAYS: Record<string, number> = { hour: 1 / 24, day: 1, week: 7, month: 30, year: 365 };
const DURATION = /\b(\d+(?:\.\d+)?|[a-z]+)(?:\s*(?:-|–|to)\s*(\d+(?:\.\d+)?|[a-z]+))?[\s-]+(?:business |working |calendar )?(hour|day|week|month|year)s?\b/gi;
/** What DURATION cannot match without: most sentences are ruled out by this one cheap test. */
const UNIT_WORD = /hour|day|week|month|year/i;
/** A condition or contrast: the sentence gives the duration of a case, not of the thing itself. */
const CASE_WORDS = /\b(?:if|unless|when|whereas|while|otherwise|except|extended|express|standard|additional|extra|per|each|every|up to|at least|at most|more than|less than)\b/i;

/** Verbs that only say how long: the thing whose duration is given is the words around them. */
const DURATION_VERBS = new Set(['take', 'takes', 'took', 'taking', 'last', 'lasts', 'lasted', 'arrive', 'arrives', 'need', 'needs', 'run', 'runs', 'usually', 'typically', 'normally', 'about', 'around', 'roughly', 'approximately', 'within', 'will', 'expect', 'get', 'gets']);

interface Duration {
  /** Least and most days. */
  days: [number, number];
  /** Content words before the duration, length words aside: what it is the duration of. */
  of: Set<string>;
}

/** The one duration of sentence s, computed once per analysis however many pairs it is in. */
const duration = perSentence(computeDuration);

/** A number written in digits or as one word ("5", "three"). */
function numberValue(word: string | undefined): number | undefined {
  return word === undefined ? undefined : /\d/.test(word) ? Number(word) : smallNumber(word);
}

/** The one duration a sentence gives; null when none, several, or a case. */
function computeDuration(a: TextAnalysis, s: number): Duration | null {
  const { start, end, tokenStart, tokenEnd } = a.sentences[s];
  const text = a.text.slice(start, end);
  if (!UNIT_WORD.test(text) || CASE_WORDS.test(text)) return null;
  let found: Duration | null = null;
  const stems = tokenStems(a);
  for (const m of text.matchAll(DURATION)) {
    const low = numberValue(m[1]);
    const high = m[2] === undefined ? low : numberValue(m[2]);
    if (low === undefined || high === undefined) continue;
    if (found) return null;
    const unit = UNIT_DAYS[m[3].toLowerCase()];
    const of = new Set<string>();
    for (let k = tokenStart; k < tokenEnd && a.tokens[k].start < start + m.index; k++) {
      const w = a.tokens[k].norm;
      if (!STOPWORDS.has(w) && !DURATION_VERBS.has(w) && !SUBORDINATE.has(w) && !/\d/.test(w) && w.length > 2) of.add(stems[k]);
    }
    found = { days: [low * unit, high * unit], of };
  }
  return found;
}

const PRONOUN_DURATION = new Set(['it', 'this', 'that']);

/**
 * Two sentences giving one thing durations that cannot both hold ("The refund will arrive
 * within 5 business days." / "Refunds usually take about three weeks to arrive."): units
 * converted, ranges apart by more than half again. The thing is the words before the duration,
 * the same in both ("international shipping" is not "shipping"), or "it" in the next sentence;
 * never a case ("if", "express", "up to" …). Sentence j may be of an earlier answer `b`.
 */
export function durationContradiction(a: TextAnalysis, i: number, j: number, b: TextAnalysis = a): number {
  const x = duration(a, i);
  const y = duration(b, j);
  if (!x || !y || listItems(a, i, b, j)) return 0;
  const pronoun = b === a && j === i + 1 && y.of.size === 0 && PRONOUN_DURATION.has(a.tokens[a.sentences[j].tokenStart]?.norm ?? '');
  const same = x.of.size > 0 && x.of.size === y.of.size && [...x.of].every((w) => y.of.has(w));
  if (!same && !(pronoun && x.of.size > 0)) return 0;
  const apart = x.days[1] * 1.5 < y.days[0] || y.days[1] * 1.5 < x.days[0];
  return apart ? 0.7 : 0;
}

const COUNT = String.raw`(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of)`;
/** A number that adds to another: "5 more minutes", "2 extra days", "another 3 weeks", "a further 10 %". */
const INCREMENT = new RegExp(String.raw`\b${COUNT} (?:more|extra|additional|further)\b|\b(?:another|a further|an extra|an additional) ${COUNT}\b`, 'i');

/**
 * Both sentences give amounts and one adds to the other ("simmer for 15 minutes" / "leave it for
 * 5 more minutes"; "25 days a year" / "2 extra days after 10 years"): its number is an increment,
 * which a total does not contradict. Without a number on both sides the pair is compared as any.
 */
export function increments(a: TextAnalysis, i: number, b: TextAnalysis, j: number): boolean {
  const x = amounts(a, i);
  const y = amounts(b, j);
  return x !== NO_NUMBER && y !== NO_NUMBER && (x === INCREMENTED || y === INCREMENTED);
}

const NO_NUMBER = 0;
const NUMBER = 1;
const INCREMENTED = 2;
/** Whether a sentence gives a number, and an increment; once per sentence, however many pairs it is in. */
const amounts = perSentence((a, s) => {
  const text = a.text.slice(a.sentences[s].start, a.sentences[s].end);
  return !/\d/.test(text) ? NO_NUMBER : INCREMENT.test(text) ? INCREMENTED : NUMBER;
});
