/**
 * "Who was born first, Martin Heidegger or Lydia Davis?" answered "Lydia Davis was born first"
 * when the documents give 1889 and 1947: a question that asks which of two named things came
 * first (or later), and an answer that picks the one the documents' years put second. Only
 * questions about time (born, older, younger, first, earlier, later, released, founded …), and
 * only when the documents give a year beside each name; anything else is left to the other
 * readings. A rule: no training source has enough such pairs for a held-out source to learn them.
 */
import { type TextAnalysis, sentenceAt } from '../text.js';
import type { Span } from '../types.js';
import { sentenceSpan } from '../detector.js';
import type { Support } from './grounding.js';

/** Words asking for the earlier of the two, and for the later. */
const EARLIER = /\b(?:first|earlier|earliest|before|older|oldest|sooner)\b/i;
const LATER = /\b(?:second|later|latest|last|after|younger|youngest|newer|newest|more recent|most recent)\b/i;
/** The question is about time, not size or number ("which has more members" is not read). */
const ABOUT_TIME = /\b(?:born|older|oldest|younger|youngest|released|founded|formed|established|published|opened|built|started|created|launched|came out|come out|introduced|written|debuted|first|earlier|later|second)\b/i;
/** "…, X or Y?": the two names offered, each a run of words before and after " or ". */
const OFFERED = /(?:^|[,:;]\s*|\b(?:first|second|earlier|later|older|younger|oldest|youngest|newer|released|born|founded)\s+)([^,:;?]{2,80}?)\s+or\s+([^,:;?]{2,80}?)\s*\??\s*$/i;
/** A year as documents write it, also glued to a day ("26 September 188926 May 1976"). */
const YEAR = /(?<!\d)(1[0-9]{3}|20[0-9]{2})/g;

/** The first year written after `name` in the documents (`lower` is them in lower case), within the paragraph that names it. */
function yearOf(name: string, documents: string, lower: string): number | null {
  const key = name.toLowerCase().replace(/^the\s+/, '').trim();
  if (key.length < 3) return null;
  let at = lower.indexOf(key);
  // A surname alone names the person too ("Heidegger"), when the full name is not written.
  if (at < 0) {
    const words = key.split(/\s+/).filter((w) => w.length > 3);
    if (words.length < 2) return null;
    at = lower.indexOf(words[words.length - 1]);
    if (at < 0) return null;
  }
  const window = documents.slice(at + key.length, at + key.length + 200);
  const end = window.search(/\n\n|(?<=[a-z)])\.(?=[A-Z])/);
  YEAR.lastIndex = 0;
  const m = YEAR.exec(end >= 0 ? window.slice(0, end) : window);
  return m ? Number(m[1]) : null;
}

export interface ComparisonConflict {
  spans: Span[];
  why: string;
}

/**
 * The answer's pick of the two, against the documents' years; null when the question is not such
 * a comparison, the documents do not date both, the years tie, or the answer picks neither or both.
 */
export function comparisonConflict(a: TextAnalysis, question: string | null | undefined, support: Support): ComparisonConflict | null {
  if (!question || !/\bor\b/i.test(question) || !ABOUT_TIME.test(question)) return null;
  const offered = OFFERED.exec(question.trim());
  if (!offered) return null;
  // "Who is older Glenn Hughes or Ross Lynch?": the first name starts after the question's words.
  const first = offered[1].replace(/^.*\b(?:first|second|earlier|later|older|younger|oldest|youngest|newer|released|born|founded)\s+/i, '');
  const names = [first, offered[2]].map((n) => n.replace(/^(?:the|a|an)\s+/i, '').trim());
  const documents = support.documents.map((d) => d.doc.content ?? '').join('\n\n');
  const lower = documents.toLowerCase();
  const years = names.map((n) => yearOf(n, documents, lower));
  if (years[0] === null || years[1] === null || years[0] === years[1]) return null;
  // The answer's pick: the offered name it writes first, read with its own direction word when it
  // has one ("Cornel West is younger than Elytis" picks West as the later).
  const text = a.text.toLowerCase();
  const at = names.map((n, i) => mentions(text, n, names[1 - i])[0] ?? -1);
  if (at[0] < 0 && at[1] < 0) return null;
  const picked = at[1] < 0 || (at[0] >= 0 && at[0] < at[1]) ? 0 : 1;
  const saysLater = LATER.test(a.text) && !EARLIER.test(a.text);
  const saysEarlier = EARLIER.test(a.text) && !LATER.test(a.text);
  if (!saysLater && !saysEarlier) return null;
  const pickedYear = years[picked]!;
  const otherYear = years[1 - picked]!;
  const right = saysLater ? pickedYear > otherYear : pickedYear < otherYear;
  if (right) return null;
  const s = a.sentences[sentenceAt(a.sentences, at[picked])];
  return {
    spans: s ? [sentenceSpan(a, s)] : [],
    why: `The documents date ${names[picked]} ${pickedYear} and ${names[1 - picked]} ${otherYear}: the answer has them the other way round.`,
  };
}

/** A name as questions write it: capitalised words, with the small words names carry ("Bank of America"). */
const NAME = "(?:[\\p{Lu}\\p{N}][\\p{L}\\p{N}'’.&-]*)(?:\\s+(?:of|the|and|de|del|la|le|von|van|da|[\\p{Lu}\\p{N}][\\p{L}\\p{N}'’.&-]*))*";
const NAME_PAIR = new RegExp(`(${NAME})\\s+or\\s+(?:the\\s+)?(${NAME})`, 'u');
/** Words a question begins with, not part of the first name ("Is Advanced Micro Devices or …"). */
const QUESTION_WORD = /^(?:(?:is|was|were|are|which|who|what|did|does|do|has|have|had|can|could|would|should|in|of)\s+)+/i;
/** A comparison of amount, rank or time: read by the year rule or not at all. */
const COMPARATIVE = /\b(?:more|less|fewer|larger|largest|smaller|smallest|bigger|biggest|higher|highest|lower|lowest|older|oldest|younger|youngest|first|earlier|later|second|longer|shorter|further|farther|closer|nearer|most|least|best|better|worse|worst|same)\b/i;
const ANSWER_NEGATION = /\b(?:not|never|neither|nor|no|n't|isn't|wasn't|doesn't|didn't|unclear|unknown)\b/i;
const WH_WORDS = new Set(['which', 'what', 'who', 'whom', 'whose', 'where', 'when', 'how', 'is', 'was', 'were', 'are', 'did', 'does', 'do', 'has', 'have', 'had', 'the', 'a', 'an', 'of', 'or', 'and', 'in', 'to', 'one', 'these', 'two', 'following']);

/** The two names a question offers ("Which species, Cardwellia or Ochagavia, is native to …"). */
export function offeredNames(question: string): [string, string] | null {
  const m = NAME_PAIR.exec(question);
  if (!m) return null;
  const x = m[1].replace(QUESTION_WORD, '').replace(/\s+(?:of|the|and)$/i, '').trim();
  const y = m[2].replace(/\s+(?:of|the|and)$/i, '').trim();
  if (x.length < 2 || y.length < 2 || x.toLowerCase() === y.toLowerCase()) return null;
  return [x, y];
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const stemOf = (w: string): string => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);

/**
 * Where a name is written in `text` (lower case): in full, or by a word the other name lacks
 * ("West" of "Cornel West", "3" of "Version 3").
 */
function mentions(text: string, name: string, other: string): number[] {
  const key = name.toLowerCase();
  const out: number[] = [];
  for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) out.push(i);
  if (out.length) return out;
  const theirs = new Set(words(other));
  const own = words(name).filter((w) => !theirs.has(w) && (w.length > 3 || /^\d+$/.test(w))).pop();
  if (!own) return out;
  const re = new RegExp(`\\b${own}\\b`, 'gu');
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

/**
 * "Which species, Cardwellia or Ochagavia, is native to South America?" answered "Cardwellia is
 * native to South America" when the documents say it of Ochagavia: a question offering two names
 * and asking which has a property (not more, older or first: those are amounts and times), and an
 * answer that gives the property to the name the documents do not say it of, or to both ("both X
 * and Y were inducted"). The documents' text after each mention of a name, up to a mention of the
 * other, is what they say of it; one name must hold at least half of the question's property
 * words, and the only ones said of one name alone.
 */
export function choiceConflict(a: TextAnalysis, question: string | null | undefined, support: Support): ComparisonConflict | null {
  if (!question || COMPARATIVE.test(question)) return null;
  const names = offeredNames(question);
  if (!names) return null;
  const nameWords = new Set([...words(names[0]), ...words(names[1])]);
  const property = new Set(words(question).filter((w) => !nameWords.has(w) && !WH_WORDS.has(w) && w.length > 2).map(stemOf));
  if (property.size < 2) return null;
  const documents = support.documents.map((d) => d.doc.content ?? '').join('\n\n').toLowerCase();
  const at = [mentions(documents, names[0], names[1]), mentions(documents, names[1], names[0])];
  if (!at[0].length || !at[1].length) return null;
  const owned = [0, 1].map((i) => {
    const text: string[] = [];
    for (const start of at[i]) {
      const next = at[1 - i].find((p) => p > start) ?? documents.length;
      text.push(documents.slice(start, Math.min(next, start + 400)));
    }
    return new Set(words(text.join(' ')).map(stemOf));
  });
  // Property words said of one name only decide ("phone" of Premium, where both have "plan").
  const cover = owned.map((o) => [...property].filter((p) => o.has(p)).length / property.size);
  const only = owned.map((o, i) => [...property].filter((p) => o.has(p) && !owned[1 - i].has(p)).length);
  const holder = cover[0] >= 0.5 && only[0] > 0 && only[1] === 0 ? 0 : cover[1] >= 0.5 && only[1] > 0 && only[0] === 0 ? 1 : -1;
  if (holder < 0) return null;
  // The answer's pick: the offered name it writes first, stated with the property (or alone).
  const answer = a.text.toLowerCase();
  if (ANSWER_NEGATION.test(answer)) return null;
  const picks = [mentions(answer, names[0], names[1])[0] ?? -1, mentions(answer, names[1], names[0])[0] ?? -1];
  if (picks[0] < 0 && picks[1] < 0) return null;
  const picked = picks[1] < 0 || (picks[0] >= 0 && picks[0] < picks[1]) ? 0 : 1;
  const answerWords = words(answer).map(stemOf);
  if (answerWords.length > 10 && !answerWords.some((w) => property.has(w))) return null;
  // "Both X and Y were inducted": the documents say it of one of them only.
  const at0 = answer.search(/\bboth\b/);
  const both = at0 >= 0 && picks[0] > at0 && picks[1] > at0 && /^[^,:;.]*\band\b[^,:;.]*$/.test(answer.slice(at0, Math.max(...picks)));
  // An answer naming both otherwise says something of each: which is its pick is not read.
  if (!both && picks[0] >= 0 && picks[1] >= 0) return null;
  if (picked === holder && !both) return null;
  const s = a.sentences[sentenceAt(a.sentences, picks[picked])];
  return {
    spans: s ? [sentenceSpan(a, s)] : [],
    why: `The documents say this of ${names[holder as 0 | 1]}, not of ${names[1 - (holder as 0 | 1)]}.`,
  };
}
