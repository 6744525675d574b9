/**
 * Hostility declared against a group with no insult word in it: hatred said in the first person
 * ("I hate Muslims", "We really can't stand gay people") and a group told it does not belong
 * ("Muslims have no place in a civilised country", "Gays are not welcome here"). The words are
 * ordinary ("hate", "welcome"); what makes them hostile is a named group as their object.
 * Written for Chatlens from general knowledge of English.
 */
import { WEAK_IDENTITY } from '../lexicons.js';
import type { IdentityMention, TextAnalysis } from '../text.js';
import type { Span } from '../types.js';
import { turnSpan } from '../detector.js';

const HATE_VERBS = new Set(['hate', 'despise', 'loathe', 'detest', 'abhor']);
/** What may stand between the verb and the group: "I hate all Muslims", not "I hate seeing …". */
const BETWEEN = new Set(['all', 'the', 'those', 'these', 'every', 'most', 'fucking', 'damn', 'damned', 'bloody', 'filthy', 'stinking']);
const SUBJECTS = new Set(['i', 'we', "i'm", 'im']);
/** Weak identity words that still name a whole group as the object of hatred. */
const HATED_PLURALS = new Set(['men', 'women', 'girls', 'elderly', 'minorities', 'immigrants']);
/** A group told it does not belong, read right after the group's words. */
const EXCLUDED = /^\s+(?:[\w'-]+\s+){0,2}?(?:(?:have|has) no (?:place|business|right to be)|(?:are|is)(?: not|n't) welcome|(?:do not|don't|does not|doesn't) belong (?:here|in|among|with)|(?:are|is) not wanted|(?:aren't|isn't) wanted)\b/i;

function named(m: IdentityMention): boolean {
  return !WEAK_IDENTITY.has(m.value) || HATED_PLURALS.has(m.value);
}

/** Spans of hatred declared against, or exclusion of, a named group (empty when there is none). */
export function groupHostility(a: TextAnalysis): Span[] {
  const out: Span[] = [];
  const toks = a.tokens;
  for (const m of a.identities) {
    if (!named(m)) continue;
    const sentenceStart = a.sentences[m.sentence].tokenStart;
    // "I (really) hate (all) Muslims", "we can't stand gay people".
    for (let h = m.token - 1; h >= Math.max(sentenceStart, m.token - 3); h--) {
      const w = toks[h].norm;
      const hates = (HATE_VERBS.has(w) || (w.endsWith('s') && HATE_VERBS.has(w.slice(0, -1)))) && !toks[h].negated;
      const cantStand = w === 'stand' && h >= 1 && /^(?:can't|cannot|cant)$/.test(toks[h - 1].norm);
      if (!hates && !cantStand) {
        if (BETWEEN.has(w)) continue;
        break;
      }
      const from = cantStand ? h - 1 : h;
      for (let s = from - 1; s >= Math.max(sentenceStart, from - 3); s--) {
        if (SUBJECTS.has(toks[s].norm)) {
          out.push(turnSpan(a.text, toks[s].start, m.end));
          break;
        }
      }
      break;
    }
    if (EXCLUDED.test(a.text.slice(m.end, m.end + 60))) {
      const e = EXCLUDED.exec(a.text.slice(m.end, m.end + 60))!;
      out.push(turnSpan(a.text, m.start, m.end + e[0].length));
    }
  }
  return out;
}
