/**
 * An answer sentence that restates one document sentence but turns it around: most of its
 * content words are in that sentence, and one of the two is negated while the other is not
 * ("the plan does not include support" / "the plan includes support"), or the answer uses the
 * opposite of the document's word (open/closed, increase/decrease, flexible/inflexible,
 * negative/non-negative). Rules, not a trained head: no training source has enough of these for
 * a held-out source to learn them from the others.
 */
import { OverlapIndex } from './overlap-index.js';
import { STOPWORDS, type TextAnalysis } from '../text.js';
import type { Span } from '../types.js';
import { sentenceSpan, turnSpan } from '../detector.js';
import { type Support, tokenStems } from './grounding.js';
import { bound, clauseNegation } from './clause-negation.js';
import { OPPOSITE } from './contradiction-words.js';

/** Opposites beyond the contradiction rules' list, in the forms summaries use. */
const MORE_OPPOSITES: [string, string][] = [
  ['increase', 'decrease'], ['increases', 'decreases'], ['increasing', 'decreasing'], ['higher', 'lower'], ['more', 'fewer'],
  ['larger', 'smaller'], ['positive', 'negative'], ['strong', 'weak'], ['stronger', 'weaker'], ['success', 'failure'],
  ['agreed', 'disagreed'], ['agree', 'disagree'], ['accepted', 'declined'], ['before', 'after'], ['maximum', 'minimum'],
  ['easy', 'difficult'], ['cheap', 'expensive'], ['cheaper', 'expensive'], ['simple', 'complex'], ['internal', 'external'],
];
const OPPOSITE_OF = new Map(OPPOSITE);
for (const [x, y] of MORE_OPPOSITES) {
  OPPOSITE_OF.set(x, y);
  OPPOSITE_OF.set(y, x);
}

const NEGATORS = new Set(['not', 'no', 'never', 'cannot', 'nor', 'neither', 'none', 'without']);
/** Share of the answer sentence's content words its source sentence must hold to count as restated. */
const RESTATED = 0.5;
/** Content words an answer sentence needs before it can be said to restate anything. */
const MIN_CONTENT = 4;
const PREFIXED = /^(?:un|non)(\w{4,})$|^(?:in|im|il|ir|dis)(\w{3,}(?:ible|able|ent|ant|ive|ful|ular|ect|ed|ive|al))$/;

interface Unit {
  content: Set<string>;
  /** Words as written, with "non negative" also as "nonnegative". */
  words: Set<string>;
  negated: boolean;
  /** Content words inside a negation's reach ("does not [include phone support]"). */
  negatedWords: Set<string>;
}

/** A content word of a unit (its stem is compared). */
function isContent(w: string): boolean {
  return !STOPWORDS.has(w) && !NEGATORS.has(w) && w.length >= 3 && w !== 'non';
}

/**
 * A unit's content words alone: what an answer sentence is matched to its source by. Most answer
 * sentences restate no document sentence, and skip the rest of `unitOf` (its negation reach and
 * the sets of words).
 */
function contentWords(a: TextAnalysis, tokenStart: number, tokenEnd: number): Set<string> {
  const content = new Set<string>();
  const stems = tokenStems(a);
  for (let i = tokenStart; i < tokenEnd; i++) if (isContent(a.tokens[i].norm)) content.add(stems[i]);
  return content;
}

function unitOf(a: TextAnalysis, tokenStart: number, tokenEnd: number): Unit {
  const content = new Set<string>();
  const words = new Set<string>();
  let negated = false;
  const negatedWords = new Set<string>();
  const negation = clauseNegation(a, tokenStart, tokenEnd);
  const stems = tokenStems(a);
  for (let i = tokenStart; i < tokenEnd; i++) {
    const w = a.tokens[i].norm;
    if (negation[i - tokenStart] && !STOPWORDS.has(w) && w.length >= 3) negatedWords.add(stems[i]);
    words.add(w);
    if ((w === 'non' || w === 'un') && i + 1 < tokenEnd) words.add(w + a.tokens[i + 1].norm);
    if (((NEGATORS.has(w) || w.endsWith("n't")) && !bound(a, i)) || negation[i - tokenStart]) negated = true;
    if (isContent(w)) content.add(stems[i]);
  }
  return { content, words, negated, negatedWords };
}

const memo = new WeakMap<Support, OverlapIndex<Unit>>();

function documentUnits(support: Support): OverlapIndex<Unit> {
  const known = memo.get(support);
  if (known) return known;
  const units: Unit[] = [];
  for (const { analysis: d } of support.documents) for (const s of d.sentences) units.push(unitOf(d, s.tokenStart, s.tokenEnd));
  const index = new OverlapIndex(units);
  memo.set(support, index);
  return index;
}

/** Whether `w` (in the answer) is the opposite of a word of the source that the answer lacks. */
function opposed(w: string, source: Unit, answer: Unit): boolean {
  if (source.words.has(w)) return false;
  const opp = OPPOSITE_OF.get(w);
  if (opp && source.words.has(opp) && !answer.words.has(opp)) return true;
  const m = PREFIXED.exec(w);
  const base = m ? m[1] ?? m[2] : null;
  if (base && source.words.has(base)) return true;
  // The source has the prefixed word, the answer its base ("non-negative" → "negative").
  for (const p of ['un', 'non']) if (source.words.has(p + w) && !answer.words.has(p + w)) return true;
  return false;
}

/** The first answer sentence that turns its source sentence around, with the words that do it. */
export function documentConflict(a: TextAnalysis, support: Support): { spans: Span[]; why: string } | null {
  const units = documentUnits(support);
  if (!units.items.length) return null;
  for (let s = 0; s < a.sentences.length; s++) {
    const { tokenStart, tokenEnd } = a.sentences[s];
    const content = contentWords(a, tokenStart, tokenEnd);
    if (content.size < MIN_CONTENT) continue;
    const found = units.best(content);
    if (!found || found.overlap < RESTATED * content.size) continue;
    const best = found.item;
    const answer = unitOf(a, tokenStart, tokenEnd);
    for (let i = tokenStart; i < tokenEnd; i++) {
      const t = a.tokens[i];
      if (opposed(t.norm, best, answer)) return { spans: [turnSpan(a.text, t.start, t.end)], why: `Says "${t.norm}" where the document says the opposite.` };
    }
    // The negation must reach a word the other sentence states, not something else it mentions.
    const [neg, pos] = answer.negated ? [answer, best] : [best, answer];
    if (answer.negated !== best.negated && [...neg.negatedWords].some((w) => pos.content.has(w))) return { spans: [sentenceSpan(a, a.sentences[s])], why: answer.negated ? 'Negates what the document states.' : 'States what the document negates.' };
  }
  return null;
}
