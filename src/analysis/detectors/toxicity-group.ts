/**
 * Hostility declared against a group with no insult word in it: hatred said in the first person
 * ("I hate Muslims", "We really can't stand gay people") and a group told it does not belong
 * ("Muslims have no place in a civilised country", "Gays are not welcome here"). The words are
 * ordinary ("hate", "welcome"); what makes them hostile is a named group as their object.
 * Written for Chatlens from general knowledge of English.
 */
import { WEAK_IDENTITY } from '../lexicons.js';
import { type IdentityMention, STOPWORDS, type TextAnalysis, perAnalysis } from '../text.js';
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

/** 1 at the first token of each named group's mention (once per analysis: both readings below use it). */
const namedTokens = perAnalysis((a: TextAnalysis): Uint8Array => {
  const at = new Uint8Array(a.tokens.length);
  for (const m of a.identities) if (named(m)) at[m.token] = 1;
  return at;
});

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
  const namedAt = namedTokens(a);
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

/**
 * Violence called for against a named group: an imperative or a request ("Kill all the X", "we
 * must drive the X out of our town", "everyone should go out and beat up X", "I urge you all to
 * attack the X"), the speaker's own intent ("I want to shoot those X"), or a wish in the passive
 * ("X should be gassed"). A prediction ("they will attack Muslims again"), a negation ("nobody
 * should hurt X") or a question about the past ("why did the Nazis kill the Jews?") is none.
 */
export function groupViolence(a: TextAnalysis): Span[] {
  const out: Span[] = [];
  const toks = a.tokens;
  if (!a.identities.some(named)) return out;
  const namedAt = namedTokens(a);
  for (let v = 0; v < toks.length; v++) {
    const verb = toks[v].norm;
    if (!VIOLENCE.has(verb) || toks[v].negated) continue;
    const particle = PARTICLES[verb];
    let o = v + 1;
    if (particle && particle.includes(toks[o]?.norm ?? '')) o++;
    while (o < toks.length && o <= v + 5 && OBJECT_BEFORE.has(toks[o].norm)) o++;
    const target = toks[o];
    if (!target || target.sentence !== toks[v].sentence) continue;
    const group = (namedAt[o] === 1 && !namesAThing(toks, o)) || (WORSHIP.has(target.norm) && o > v + 1);
    if (!group) continue;
    // Verbs that are violence only with their particle: "beat up X", "drive X out".
    if (particle && !particle.includes(toks[v + 1]?.norm ?? '') && !particle.includes(toks[o + 1]?.norm ?? '') && !particle.includes(toks[o + 2]?.norm ?? '')) continue;
    const s = a.sentences[toks[v].sentence];
    const lead = a.text.slice(s.start, toks[v].start);
    if (NOT_A_CALL.test(lead) || PAST_QUESTION.test(lead) || (verb === 'attack' && (SPORT.test(a.text.slice(s.start, s.end)) || nationalityAt(a, o)))) continue;
    if (CALL_ANY.test(lead) || CALL_SELF.test(lead)) out.push(turnSpan(a.text, toks[v].start, target.end));
  }
  for (const m of a.identities) {
    if (!named(m)) continue;
    const w = WISHED.exec(a.text.slice(m.end, m.end + 80));
    if (w && a.sentences[m.sentence].end >= m.end + w[0].length) out.push(turnSpan(a.text, m.start, m.end + w[0].length));
  }
  return out;
}

const VIOLENCE = new Set([
  'kill', 'murder', 'shoot', 'attack', 'hang', 'lynch', 'stab', 'bomb', 'gas', 'burn', 'exterminate', 'eradicate', 'slaughter', 'massacre',
  'hunt', 'rape', 'torch', 'assault', 'hurt', 'execute', 'behead', 'purge', 'eliminate', 'butcher', 'nuke', 'beat', 'string', 'wipe', 'round',
  'drive', 'cleanse', 'bash', 'punch', 'stone', 'firebomb', 'cull',
]);
/** Verbs that are violence only with one of these, right after them or after their object. */
const PARTICLES: Record<string, string[] | undefined> = { beat: ['up'], string: ['up'], wipe: ['out'], round: ['up'], drive: ['out', 'away'], hunt: ['down'], burn: ['down', 'alive'], bash: ['up', 'in'] };
const OBJECT_BEFORE = new Set(['all', 'the', 'those', 'these', 'that', 'this', 'every', 'each', 'last', 'single', 'some', 'of', 'any', 'more', 'fucking', 'damn', 'damned', 'bloody', 'filthy', 'dirty', 'stinking', 'local', 'their', 'them', 'down', 'up', 'out', 'a', 'few']);
/**
 * A group's adjective before a noun that names no people ("kill the Spanish lesson", "hunt down
 * Mexican restaurants"): the object is the thing. A plural group noun ("the Jews") is the people.
 */
function namesAThing(toks: TextAnalysis['tokens'], o: number): boolean {
  const next = toks[o + 1];
  return !!next && next.sentence === toks[o].sentence && !toks[o].norm.endsWith('s') && !PEOPLE_NOUNS.has(next.norm) && !NOT_A_NOUN.has(next.norm);
}
const NOT_A_NOUN = new Set(['out', 'of', 'from', 'in', 'at', 'on', 'and', 'or', 'to', 'away', 'down', 'up', 'with', 'for', 'by', 'who', 'that', 'because', 'now', 'tonight', 'today', 'tomorrow', 'here', 'there', 'alone', 'first', 'next', 'again', 'too', 'already', 'all', 'before', 'after', 'when', 'if', 'so', 'like', 'where', 'off', 'back', 'dead', 'alive']);
const PEOPLE_NOUNS = new Set(['people', 'men', 'women', 'man', 'woman', 'kids', 'children', 'folks', 'families', 'family', 'community', 'communities', 'guys', 'boys', 'girls', 'boy', 'girl', 'immigrants', 'refugees', 'neighbours', 'neighbors', 'students', 'workers', 'person', 'persons', 'couple', 'couples', 'population', 'citizens', 'residents', 'settlers', 'population', 'kid', 'child', 'teens', 'teenagers', 'youth', 'scum', 'bastards', 'pigs', 'rats', 'vermin']);
/** "We need to attack the Italians early": a match, not people (nationalities are attacked on pitches). */
const nationalityAt = (a: TextAnalysis, o: number): boolean => a.identities.some((m) => m.token === o && m.group === 'nationality');
const SPORT = /\b(?:defen[cs]e|goals?|match|game|final|league|team|pitch|wing|midfield|keeper|score|half|tournament|cup|innings|serve|set|quarter|period|possession|counter)\b/i;
const WORSHIP = new Set(['mosque', 'mosques', 'synagogue', 'synagogues', 'gurdwara', 'gurdwaras', 'temple', 'temples']);
/** What comes right before a called-for act: a sentence's start (the imperative), or a request. */
const CALL_ANY = /(?:(?:^\W*|[,;:]\s*)(?:(?:someone|somebody|anyone|anybody|everyone|everybody|y'all|you all|all of you|guys|boys|people) )?|\b(?:just|please|let's|lets|let us|go|gotta|must|should|need to|needs to|have to|has to|got to|ought to|shall|time to|(?:urge|urging|call on|calling on|encourage|encouraging|beg|begging|tell|telling) (?:[\w'-]+ ){1,3}?to|help (?:me|us))\s+)(?:(?:[\w'-]+ ){0,5}?and )?(?:(?:go|get|come|head) (?:out )?(?:and|to) )?(?:(?:just|all|finally|really|simply|seriously|fucking|literally|go) )?$/i;
/** The speaker's own intent: "I want to …", "we will …" (not "they will": a prediction). */
const CALL_SELF = /\b(?:i|we)(?:'ll| will| am going to|'m going to|'m gonna| are going to|'re going to| gonna| want to| wanna| would love to|'d love to| have to| need to| must| should| shall| plan to| intend to| am gonna)\s+(?:(?:go|get|come|head) (?:out )?(?:and|to) )?(?:(?:just|all|finally|really|simply|seriously|fucking|literally) )?$/i;
const NOT_A_CALL = /\b(?:no one|nobody|never|not|n't|nt|don't|dont|shouldn't|mustn't|wouldn't|won't|cannot|can't|refuse to|stop|if)\b/i;
const PAST_QUESTION = /\b(?:why|how|when|where) (?:did|do|does|were|was|had|have|has|would|could)\b/i;
/** The group wished a violent end in the passive: "… should be gassed", "… deserve to be shot". */
const WISHED = /^\s+(?:[\w'-]+\s+){0,5}?(?:should|must|need to|needs to|ought to|deserve to|deserves to|have to|has to)(?: all)? be (?:(?:publicly|all|just|immediately|simply) )?(?:killed|shot|hanged|hung|gassed|burned|burnt|lynched|beaten|executed|exterminated|wiped out|eradicated|slaughtered|put down|rounded up|put in camps|sterili[sz]ed|castrated|stoned|beheaded|culled|eliminated|purged|hunted down|lined up and shot)\b/i;
