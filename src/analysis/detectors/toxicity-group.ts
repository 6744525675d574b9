/**
 * Hostility declared against a group with no insult word in it: hatred said in the first person
 * ("I hate Muslims", "We really can't stand gay people") and a group told it does not belong
 * ("Muslims have no place in a civilised country", "Gays are not welcome here"). The words are
 * ordinary ("hate", "welcome"); what makes them hostile is a named group as their object.
 * Written for Chatlens from general knowledge of English.
 */
import { WEAK_IDENTITY } from '../lexicons.js';
import { type IdentityMention, STOPWORDS, type TextAnalysis } from '../text.js';
import type { Span } from '../types.js';
import { turnSpan } from '../detector.js';
import { identityTokens } from '../models/linear.js';

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
    // "I (really) hate (all) Muslims", "we can't stand gay people".
    const subject = hater(a, m.token);
    if (subject >= 0) out.push(turnSpan(a.text, toks[subject].start, m.end));
    if (EXCLUDED.test(a.text.slice(m.end, m.end + 60))) {
      const e = EXCLUDED.exec(a.text.slice(m.end, m.end + 60))!;
      out.push(turnSpan(a.text, m.start, m.end + e[0].length));
    }
  }
  // "I met some Jews yesterday. I hate them.", "… They make me sick.": a pronoun for a group
  // named earlier in the turn, with nothing else plural in between to stand for.
  // One pass: the latest named group, and whether another plural came after it.
  const inMention = identityTokens(a);
  const namedAt = new Uint8Array(toks.length);
  for (const m of a.identities) if (named(m)) namedAt[m.token] = 1;
  let last = -1;
  let other = false;
  for (let i = 0; i < toks.length; i++) {
    if (namedAt[i]) {
      last = i;
      other = false;
      continue;
    }
    if (last < 0) continue;
    const w = toks[i].norm;
    if ((w === 'them' || (w === 'they' && !toks[i].negated)) && !other) {
      const span = pronounHostility(a, i);
      if (span) out.push(span);
    }
    // The pronoun stands for the group only when no plural was named after it (the noun right
    // after a group adjective is the group: "the new trans neighbours").
    if (i > last + 1 && !inMention[i] && pluralOther(toks[i].norm)) other = true;
  }
  return out;
}

/**
 * A word that may be another plural a pronoun stands for ("the cakes were awful, I hate them"):
 * ends in -s (not -ss, -us, -is), is no function word and names no group. Verbs in -s count too,
 * which only makes the reading more careful.
 */
function pluralOther(w: string): boolean {
  return w.length >= 4 && /[^sui]s$/.test(w) && !STOPWORDS.has(w) && !S_ADVERBS.has(w);
}

const S_ADVERBS = new Set(['downstairs', 'upstairs', 'always', 'sometimes', 'perhaps', 'towards', 'afterwards', 'besides', 'outdoors', 'indoors', 'nowadays', 'anyways', 'sideways', 'nevertheless', 'regardless', 'unless', 'whereas', 'across']);

/** Revulsion said of a pronoun: "they make me sick", "they disgust me". */
const REVULSION = /^\s+(?:really |just |honestly )?(?:make me (?:sick|want to (?:puke|vomit|throw up))|disgust me|sicken me|repulse me|creep me out)\b/i;

function pronounHostility(a: TextAnalysis, i: number): Span | null {
  const toks = a.tokens;
  const w = toks[i].norm;
  if (w === 'they') {
    const m = REVULSION.exec(a.text.slice(toks[i].end, toks[i].end + 40));
    return m ? turnSpan(a.text, toks[i].start, toks[i].end + m[0].length) : null;
  }
  // "them" as the object of hatred: "I (really) hate (all of) them", "we can't stand them".
  const subject = hater(a, i);
  return subject >= 0 ? turnSpan(a.text, toks[subject].start, toks[i].end) : null;
}

/**
 * The "I" or "we" who hates the object at token `obj` ("I (really) hate (all of) …", "we can't
 * stand …"), or -1: a verb of hatred, not negated, right before the object but for a few words
 * like "all", "those", "fucking"; its subject within three words before it, in the same sentence.
 */
function hater(a: TextAnalysis, obj: number): number {
  const toks = a.tokens;
  const start = a.sentences[toks[obj].sentence].tokenStart;
  let h = obj - 1;
  while (h >= Math.max(start, obj - 3) && (BETWEEN.has(toks[h].norm) || toks[h].norm === 'of')) h--;
  if (h < start) return -1;
  const v = toks[h].norm;
  const hates = (HATE_VERBS.has(v) || (v.endsWith('s') && HATE_VERBS.has(v.slice(0, -1)))) && !toks[h].negated;
  const cantStand = v === 'stand' && h >= 1 && /^(?:can't|cannot|cant)$/.test(toks[h - 1].norm);
  if (!hates && !cantStand) return -1;
  const from = cantStand ? h - 1 : h;
  for (let s = from - 1; s >= Math.max(start, from - 3); s--) if (SUBJECTS.has(toks[s].norm)) return s;
  return -1;
}
