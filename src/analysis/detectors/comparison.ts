/**
 * "Who was born first, Martin Heidegger or Lydia Davis?" answered "Lydia Davis was born first"
 * when the documents give 1889 and 1947: a question that asks which of two named things came
 * first (or later), and an answer that picks the one the documents' years put second. Only
 * questions about time (born, older, younger, first, earlier, later, released, founded …), and
 * only when the documents give a year beside each name; anything else is left to the other
 * readings. A rule: no training source has enough such pairs for a held-out source to learn them.
 */
import type { TextAnalysis } from '../text.js';
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

/** The first year written after `name` in the documents, within the paragraph that names it. */
function yearOf(name: string, documents: string): number | null {
  const lower = documents.toLowerCase();
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
  const years = names.map((n) => yearOf(n, documents));
  if (years[0] === null || years[1] === null || years[0] === years[1]) return null;
  // The answer's pick: the offered name it writes first, read with its own direction word when it
  // has one ("Cornel West is younger than Elytis" picks West as the later).
  const text = a.text.toLowerCase();
  const at = names.map((n, i) => {
    const key = n.toLowerCase();
    const full = text.indexOf(key);
    if (full >= 0) return full;
    // Else a word of this name the other lacks ("West" of "Cornel West"; "3" of "Version 3").
    const other = new Set(names[1 - i].toLowerCase().split(/\s+/));
    const own = key.split(/\s+/).filter((w) => !other.has(w) && (w.length > 3 || /^\d+$/.test(w))).pop();
    return own ? text.search(new RegExp(`\\b${own.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`)) : -1;
  });
  if (at[0] < 0 && at[1] < 0) return null;
  const picked = at[1] < 0 || (at[0] >= 0 && at[0] < at[1]) ? 0 : 1;
  const saysLater = LATER.test(a.text) && !EARLIER.test(a.text);
  const saysEarlier = EARLIER.test(a.text) && !LATER.test(a.text);
  if (!saysLater && !saysEarlier) return null;
  const pickedYear = years[picked]!;
  const otherYear = years[1 - picked]!;
  const right = saysLater ? pickedYear > otherYear : pickedYear < otherYear;
  if (right) return null;
  const s = a.sentences.find((x) => x.start <= at[picked] && at[picked] < x.end) ?? a.sentences[0];
  return {
    spans: s ? [sentenceSpan(a, s)] : [],
    why: `The documents date ${names[picked]} ${pickedYear} and ${names[1 - picked]} ${otherYear}: the answer has them the other way round.`,
  };
}
