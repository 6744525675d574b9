/**
 * A reply that hands an insult back ("So are you.", "Takes one to know one", "Same to you", "Look
 * who's talking"): hostile as the answer to a turn that insults the reader, whose insult it aims
 * back at them; the same words after a compliment or a question are friendly ("You're amazing." —
 * "So are you!"). Read with the user turn the reply answers (issue 8: use the conversation).
 * Written for Chatlens from general knowledge of English; checked on exchanges written for the
 * purpose (docs/analysis.md, *Insults handed back*).
 */
import type { TextAnalysis } from '../text.js';
import { turnSpan } from '../detector.js';
import type { Span } from '../types.js';
import { toxicityCues } from './toxicity-cues.js';

/** The retort, at the start of the reply (a reply that goes on to explain is not one: "so are you asking …"). */
const RETORT =
  /^\W*(?:(?:(?:so|and) (?:are|were|do|did|is) (?:you|u)|same (?:to|with) (?:you|u)|(?:right )?back at (?:you|u|ya)|takes one to know one|look who'?s talking|pot,? (?:meet|calling) (?:the )?kettle|(?:no,? )?you (?:first|are|too))(?=\W*(?:(?:genius|buddy|pal|champ|einstein|sherlock|smartass|idiot|moron|loser|dude)\W*)?$)|(?:and )?(?:you'?re|you are) (?:a |an |the )?(?:bigger|worse|dumber|even (?:bigger|worse|dumber))\b|says the (?:[\w-]+ )?(?:guy|one|person|man|woman|idiot|clown|bot|dude) (?:who|that)\b)/i;

/** A swear aimed at the reader ("fuck you", "screw you"). */
const AIMED_SWEAR = /\b(?:fuck|screw|damn|f\*+k|fk) (?:you|u|off)\b/i;

/** Whether the user turn insults its reader: an insult aimed at "you", a hostile phrase, a swear at them. */
function insultsReader(question: TextAnalysis): boolean {
  const c = toxicityCues(question);
  return c.insults.length > 0 || c.hostilePhrases.length > 0 || AIMED_SWEAR.test(question.text);
}

/** The retort's span when `a` hands back an insult of the user turn it answers (read only then), else null. */
export function retortTo(a: TextAnalysis, question: () => TextAnalysis | null): Span | null {
  const m = RETORT.exec(a.text);
  if (!m) return null;
  const q = question();
  if (!q || !insultsReader(q)) return null;
  const start = m.index + m[0].length - m[0].trimStart().length;
  return turnSpan(a.text, start, m.index + m[0].length);
}
