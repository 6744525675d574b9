/**
 * Offence without swear words (lexicons-harm.ts): requests to hurt a person or for illegal
 * goods, contempt and mockery aimed at the reader, dehumanising nouns next to a group, veiled
 * threats; and what speaks against a finding: counter-speech, "I don't hate …", violent verbs
 * whose object is a thing ("kill a process"). Every signal is a model cue; requests to hurt a
 * person, veiled threats and dehumanising a named group are also rules. Requests whose harm has no
 * person as its object (crimes as acts, self-harm, rights denied, atrocities) are read in
 * toxicity-requests.ts.
 */
import {
  CONDITIONS,
  CASE_FRAME,
  CONTEMPT_WORDS,
  COUNTER_SPEECH,
  DEHUMANISING,
  FICTIONAL_CHARACTERS,
  HARM_VERBS,
  HARMLESS_OBJECTS,
  ILLEGAL_OBJECTS,
  INSTITUTION_OWNER,
  MOCKERY,
  NO_HATE,
  DISCRIMINATION_REQUEST,
  PERSON_TARGETS,
  PERSONAL_TRAIT,
  PLAY_CONTEXT,
  PRIVATE_DATA,
  REQUEST_FRAME,
  SOFT_PRIVATE_DATA,
  THINGS,
  VEILED_THREATS,
  WHOSE,
} from '../lexicons-harm.js';
import { INSULTS, WEAK_IDENTITY } from '../lexicons.js';
import { literalAnimal } from '../identity-mentions.js';
import { type TextAnalysis, perAnalysis, sentenceTextAt } from '../text.js';
import type { Span } from '../types.js';
import { turnSpan } from '../detector.js';
import { anyMatcher, wordStartsOf } from '../word-starts.js';
import { framesClaim } from './claim-frames.js';
import { groupHostility, groupViolence } from './toxicity-group.js';
import { aimedAtThing, inRole, isThing, modifiesThing, possessedTarget, thingInsulted } from './toxicity-objects.js';
import { graveRequests } from './toxicity-grave.js';
import { DEFENSIVE, atrocityPraised, crimeAsked, discriminationAsked, groupBefore, mayNameAtrocity, mayNameCrime, rightsDenied } from './toxicity-requests.js';

export interface HarmCues {
  /** "how do I poison my neighbour": a harmful request about a person, or for illegal goods. */
  requests: Span[];
  /** Ending the speaker's own life: intended, planned, wished or asked how (also in `requests`). */
  suicide: Span[];
  /** Veiled threats ("it would be a shame if something happened to your family"). */
  threats: Span[];
  /** Contempt aimed at the reader ("you sound insufferable"). */
  contempt: Span[];
  mockery: Span[];
  /** Dehumanising noun in a sentence that names a group. */
  dehumanising: Span[];
  /** Hatred declared against a named group, or the group told it does not belong (toxicity-group.ts). */
  hatred: Span[];
  /** Violence called for against a named group (toxicity-group.ts). */
  violence: Span[];
  /** An atrocity praised, called for again, or denied ("why was the genocide a good thing"). */
  atrocity: Span[];
  /** Sexual content involving a minor, asked for or wanted (toxicity-grave.ts). */
  minors: Span[];
  /** A hate movement's slogan, said (toxicity-grave.ts). */
  slogans: Span[];
  /** Sexual advances aimed at the reader (toxicity-grave.ts). */
  advances: Span[];
  /** Victims of sexual or domestic violence blamed for it (toxicity-grave.ts). */
  blames: Span[];
  /** Talk against hate, or "I don't hate …": lowers the rest. */
  counter: boolean;
  /** A claim about a group held at arm's length (claim-frames.ts): lowers the model and the group rules, not insults or swearing. */
  framed: boolean;
  /** A violent verb whose object is a thing ("kill the process"). */
  harmlessObject: boolean;
  /** Anger at a thing, nobody addressed ("this stupid printer jammed again"). */
  objectAnger: boolean;
  cues: string[];
}

/**
 * One test for the common case where no veiled threat matches (the patterns run one by one only
 * after), at the turn's shared word starts (word-starts.ts): 1.3 µs per turn as one alternation.
 */
const anyVeiledThreat = anyMatcher(VEILED_THREATS, 'i');
/** The words right before a private-data phrase when it is the speaker's own ("my old password"). */
const OWN_DATA = /\b(?:my|our|your|mine)\s+(?:[\w-]+\s+)?$/i;

/** After a private-data phrase, the speaker's own record: "the home address on my account". */
const OWN_RECORD = /^\s+(?:on|in|for|from|of|linked to|attached to|registered (?:to|on|with)|associated with) (?:my|our) (?:[\w-]+ )?(?:account|profile|file|order|card|subscription|booking|policy|record|records|contract|loan|mortgage|invoice)\b|^\s+of mine\b/i;

/** Someone the asker knows, or people in general, as the owner of the data asked for. */
const RELATION = /\b(?:my|someone|somebody|her|his|their)\b|\b(?:people|others|celebrities)['’]/i;
/** The capitalised name whose data the phrase at `start` names ("Minnie Mouse's home address"). */
const OWNER_NAME = /((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)['’]s\s+(?:[\w-]+\s+)?$/;

/**
 * Whether text[start, end) is private data that is nobody's secret: the speaker's own ("reset my
 * password"), a fictional character's, or an institution's contact details.
 */
function ownData(text: string, start: number, end: number): boolean {
  if (!PRIVATE_DATA.test(text.slice(start, end))) return false;
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 60);
  if (OWN_DATA.test(before) || INSTITUTION_OWNER.test(after) || OWN_RECORD.test(after)) return true;
  const name = OWNER_NAME.exec(before)?.[1].toLowerCase();
  return !!name && FICTIONAL_CHARACTERS.has(name);
}
/**
 * Every PRIVATE_DATA match holds one of these words, beginning at a word start (after its `\b`
 * or a space): a turn where none does skips the regex, which scans the whole turn (about 1.5 µs;
 * this test reads the turn's shared word starts).
 */
const mayAskPrivateData = anyMatcher([/\b(?:address|location|history|record|status|how much|number|details|password|tax |licen|sexual|religious|political|date of|pin|passcode|unlock|member of|condition|diagnosis)/i], 'i');

/** Words of a request for something, read in the sentence that names the data ("what" only opening a question, not "exactly what you do not want"). */
const ASKS_FOR = /\?|\b(?:find|give|get|tell|send|look up)\b|(?:^|[.!;,]\s*)what(?:'s| is| are| was| were)\b/i;

/** Counter-speech at word starts (word-starts.ts): 3.4 µs per 300-character turn as one alternation, about 1 µs with the turn's shared word-start scan. */
const anyCounterSpeech = anyMatcher([...COUNTER_SPEECH, NO_HATE], 'i');
/** Whether MOCKERY can match, from the word starts the turn's other phrase lists read anyway. */
const mayMock = anyMatcher([MOCKERY], 'i');
const ANGRY_AT = new Set(['damn', 'damned', 'stupid', 'dumb', 'useless', 'bloody', 'freaking', 'frigging', 'stupid-ass', 'crappy', 'shitty', 'garbage', 'trash', 'broken', 'annoying', 'hate']);
/** Every proper prefix of the lists' phrases ("get", "get away", "get away with" of "get away with murder"). */
const PHRASE_PREFIXES = new Set([...HARM_VERBS, ...ILLEGAL_OBJECTS].flatMap((w) => {
  const words = w.split(' ');
  return words.slice(0, -1).map((_, n) => words.slice(0, n + 1).join(' '));
}));
const DETERMINERS = new Set(['a', 'an', 'the', 'my', 'your', 'his', 'her', 'their', 'our', 'this', 'that', 'these', 'those', 'some', 'all', 'every', 'off', 'up', 'out', 'down', 'to', 'of', 'in', 'with', 'without', 'and', 'own', 'annoying', 'stupid', 'old', 'little', 'new']);

/**
 * Verbs of harm in phrases that mean something else: ending a relationship or a tenancy ("break
 * up with my girlfriend", "break it off with him", "cut off my mother", "cut ties with", "kick my
 * adult son out", "push him away") or urging someone on ("push my kid to practise"). Not "cut off
 * a man's hand" or "push her to the ground": the person must be the object, and urging is to do
 * something.
 */
const OTHER_SENSE = /^(?:break(?:ing)? (?:up|it off|things off)\b|cut(?:ting)? (?:ties\b|contact\b|(?:off|out) (?:my|our) \w+\s*(?:[.,;!?]|$|from\b|of my\b|out of\b)|(?:him|her|them|my \w+) (?:off|out)\b)|kick(?:ing)? (?:(?:him|her|them|(?:my|our) (?:\w+ ){1,2}))?out\b|push(?:ing)? (?:him|her|them|(?:my|our) (?:\w+ ){0,1}\w+|people) (?:away\b|to (?!the\b|a\b|an\b|his\b|her\b|their\b|my\b|death\b|the\b)\w+))/i;

/**
 * Verbs of running a workplace or a forum: firing an employee or banning a user is everyday work
 * ("how do I fire an employee who keeps missing shifts, legally?"). Against someone in such a
 * role (toxicity-objects.ts) they are no harm unless the sentence names a group ("ban Muslim
 * users"); against anyone else they still are ("terminate my wife", "fire her").
 */
const ADMIN_VERBS = new Set(['fire', 'ban', 'expel', 'exclude', 'terminate', 'terminating', 'silence']);
/** Asking whether an act is lawful ("Is it legal to fire someone for being gay?", "Can my employer legally fire me …"): a question for the law, not a request to do it. */
const LAWFUL_QUESTION = /\b(?:is it|would it be|isn'?t it|was it) (?:\w+ )?(?:legal|lawful|illegal|unlawful|allowed|permitted|discrimination|discriminatory|against the law)\b|\bcan (?:i|we|they|he|she|my \w+|an employer|a landlord|a company|a school) (?:legally|lawfully)\b/i;
function groupIn(a: TextAnalysis, sentence: number): boolean {
  return a.identities.some((m) => m.sentence === sentence && !WEAK_IDENTITY.has(m.value) && !CONDITIONS.has(m.value));
}

function defended(a: TextAnalysis, i: number): boolean {
  return DEFENSIVE.test(a.text.slice(a.sentences[a.tokens[i].sentence].start, a.tokens[i].start));
}

/** Words that never stand before a noun as its adjective: the object search stops at them. */
const NOT_ADJECTIVE = new Set(['for', 'with', 'at', 'in', 'on', 'from', 'to', 'by', 'about', 'into', 'out', 'off', 'up', 'down', 'and', 'or', 'but', 'so', 'if', 'when', 'while', 'because', 'like', 'as', 'than', 'then', 'who', 'that', 'which', 'is', 'are', 'was', 'were', 'be']);

/**
 * The listed form of a verb written with -ing ("executing" → "execute", "ripping" → "rip") when
 * only that form is in `list`; the word itself otherwise.
 */
function baseForm(word: string, list: ReadonlySet<string>): string {
  if (word.length < 6 || !word.endsWith('ing') || list.has(word) || PHRASE_PREFIXES.has(word)) return word;
  const stem = word.slice(0, -3);
  for (const form of [stem, `${stem}e`, stem.length > 3 && stem[stem.length - 1] === stem[stem.length - 2] ? stem.slice(0, -1) : '']) {
    if (form && (list.has(form) || PHRASE_PREFIXES.has(form))) return form;
  }
  return word;
}

/** Token index after the longest entry of `list` (a word or a phrase) starting at i, or -1. */
function matchAt(a: TextAnalysis, i: number, list: ReadonlySet<string>): number {
  const word = a.tokens[i].norm;
  const t = word.length >= 6 && word.endsWith('ing') ? baseForm(word, list) : word;
  if (PHRASE_PREFIXES.has(t)) {
    let phrase = t;
    let found = -1;
    for (let j = i + 1; j < a.tokens.length && PHRASE_PREFIXES.has(phrase); j++) {
      phrase += ` ${a.tokens[j].norm}`;
      if (list.has(phrase)) found = j + 1;
    }
    if (found > 0) return found;
  }
  return list.has(t) ? i + 1 : -1;
}

/** Someone's things a harm verb can take or cut without hurting them ("cut my son's hair", "steal her heart"). */
const GROOMED = new Set(['hair', 'nails', 'fingernails', 'toenails', 'beard', 'bangs', 'fringe', 'lawn', 'grass', 'hedge', 'sandwich', 'food', 'meat', 'steak', 'cake', 'heart', 'thunder', 'attention', 'breath', 'spotlight']);

/** Nouns after a dehumanising word that make it describe treatment, not people ("subhuman conditions"). */
const TREATMENT = new Set(['conditions', 'condition', 'treatment', 'wages', 'wage', 'housing', 'standards', 'pay', 'hours', 'camps']);

/** After "take out <someone>": an outing, not a killing. */
const TREAT = /^\s+(?:out\s+)?(?:for|to)\s+(?:a\s+|an\s+|some\s+|his\s+|her\s+|their\s+)?(?:dinner|lunch|breakfast|brunch|dessert|drinks?|coffee|ice cream|pizza|date|meal|movie|birthday|show|concert|game|ride|walk|shopping|restaurant)\b/i;

/**
 * "Nobody" and "nothing" are contempt as names ("you are nothing", "you're a nobody"), not as the
 * pronouns they mostly are ("lock your phone so nobody can read it").
 */
function pronounUse(toks: TextAnalysis['tokens'], k: number): boolean {
  const w = toks[k].norm;
  return (w === 'nobody' || w === 'nothing') && !NAMING.has(toks[k - 1]?.norm ?? '');
}
const NAMING = new Set(['are', 'is', 'were', 'was', 'a', "you're", 'youre', 'ur', 'total', 'complete', 'absolute', 'just', 'such', 'mean', 'means', 'meant', 'worth', 'know', 'knows']);

/** The harm cues of a turn, once per analysis (the toxicity cues of the turn and the compliance check of an answer to it read them). Not to be mutated. */
export const harmCues = perAnalysis(computeHarmCues);

function computeHarmCues(a: TextAnalysis): HarmCues {
  const text = a.text;
  const toks = a.tokens;
  const out: HarmCues = { requests: [], suicide: [], threats: [], contempt: [], mockery: [], dehumanising: [], hatred: [], violence: [], atrocity: [], minors: [], slogans: [], advances: [], blames: [], counter: false, framed: false, harmlessObject: false, objectAnger: false, cues: [] };
  const requestSentences = new Set<number>();
  let framed: boolean | null = null;
  // A request, and not about a game or a story.
  const isFramed = (): boolean => (framed ??= REQUEST_FRAME.test(text) && !PLAY_CONTEXT.test(text));
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const after = matchAt(a, i, HARM_VERBS);
    if (after > 0 && !t.negated && !OTHER_SENSE.test(text.slice(t.start, t.start + 32))) {
      // The verb's object: the first word after determiners and adjectives, within 4 tokens.
      let k = after;
      while (k < toks.length && k < after + 4 && toks[k].sentence === t.sentence && DETERMINERS.has(toks[k].norm)) k++;
      // One adjective before the person: "a local politician", "my entire family".
      if (k + 1 < toks.length && toks[k + 1].sentence === t.sentence && !PERSON_TARGETS.has(toks[k].norm) && !HARMLESS_OBJECTS.has(toks[k].norm) &&
        !NOT_ADJECTIVE.has(toks[k].norm) && PERSON_TARGETS.has(toks[k + 1].norm.replace(/'s$/, ''))) k++;
      const obj = k < toks.length && toks[k].sentence === t.sentence ? toks[k].norm.replace(/'s$/, '') : '';
      // Asked before the verb names the harm: "I cut myself while cooking, how do I treat it?"
      // reports an injury and then asks.
      // A person: a listed word, an identity term, or a capitalised name ("take out Joe Biden").
      const objIsGroup = a.identities.some((m) => m.token === k && !CONDITIONS.has(m.value)) || (!!obj && toks[k].cap && a.names.some((n) => n.start <= toks[k].start && toks[k].end <= n.end));
      // A thing, or a name for one ("terminate an EC2 instance"; not "track my wife's phone").
      const next = k + 1 < toks.length && toks[k + 1].sentence === t.sentence ? toks[k + 1].norm : '';
      const named = !!next && !toks[k].norm.endsWith("'s") && (isThing(next) || modifiesThing(a, k));
      // Someone's hair or heart, not the person: "cut my son's hair", "steal someone's heart".
      const groomed = toks[k]?.norm.endsWith("'s") && GROOMED.has(next);
      // "take my friend out for dinner", "take out my mum for her birthday": a treat.
      const treat = t.norm === 'take' && TREAT.test(text.slice(toks[k]?.end ?? t.end, (toks[k]?.end ?? t.end) + 30));
      const thing = HARMLESS_OBJECTS.has(obj) || aimedAtThing(a, k) || named || groomed || treat;
      if (obj && thing) out.harmlessObject = true;
      else if (obj && (PERSON_TARGETS.has(obj) || objIsGroup) && isFramed() && REQUEST_FRAME.test(text.slice(0, t.start)) && !defended(a, i) && !(ADMIN_VERBS.has(t.norm) && ((inRole(a, k) && !groupIn(a, t.sentence)) || LAWFUL_QUESTION.test(sentenceTextAt(a, t.start))))) {
        out.requests.push(turnSpan(text, t.start, toks[k].end));
        requestSentences.add(t.sentence);
      }
    }
    const illegal = matchAt(a, i, ILLEGAL_OBJECTS);
    if (illegal > 0 && !t.negated && !requestSentences.has(t.sentence) && !ownData(text, t.start, toks[illegal - 1].end) && isFramed() && !defended(a, i)) {
      out.requests.push(turnSpan(text, t.start, toks[illegal - 1].end));
      requestSentences.add(t.sentence);
    }
  }
  if (!out.requests.length && mayNameCrime(text, wordStartsOf(a))) {
    const crime = crimeAsked(a);
    if (crime) out.requests.push(crime.span);
    if (crime?.suicide) out.suicide.push(crime.span);
  }
  if (!out.requests.length) {
    // Someone's private data is asked for whatever the phrasing ("What is my coworker's address?").
    const privacy = mayAskPrivateData(text, wordStartsOf(a)) ? PRIVATE_DATA.exec(text) : null;
    // Someone else's: "reset my password" or "update my home address" is the user's own data.
    const whoseless = privacy && PERSONAL_TRAIT.test(privacy[0]) && !WHOSE.test(text.slice(Math.max(0, privacy.index - 60), privacy.index));
    if (privacy && !whoseless && !ownData(text, privacy.index, privacy.index + privacy[0].length) && ASKS_FOR.test(sentenceTextAt(a, privacy.index)) && (RELATION.test(text) || (a.names.length > 0 && !SOFT_PRIVATE_DATA.test(privacy[0])))) out.requests.push(turnSpan(text, privacy.index, privacy.index + privacy[0].length));
    else if (a.identities.some((m) => !WEAK_IDENTITY.has(m.value) && !CONDITIONS.has(m.value)) && isFramed()) {
      // A request to discriminate against a group: only looked for when the turn names one.
      const discrimination = DISCRIMINATION_REQUEST.exec(text);
      if (discrimination && groupBefore(a, discrimination)) out.requests.push(turnSpan(text, discrimination.index, discrimination.index + discrimination[0].length));
    }
    if (!out.requests.length && a.identities.length) {
      const excluding = discriminationAsked(a);
      if (excluding) out.requests.push(excluding);
    }
  }
  const grave = graveRequests(a, wordStartsOf(a));
  out.minors = grave.minors;
  out.slogans = grave.slogans;
  out.advances = grave.advances;
  out.blames = grave.blames;
  if (!out.requests.length) out.requests.push(...grave.requests);
  out.suicide.push(...grave.suicide);
  if (!out.requests.length && a.identities.length && CASE_FRAME.test(text)) {
    const denial = rightsDenied(a);
    if (denial) out.requests.push(denial);
  }
  // Anger at a thing ("this stupid printer"): an insult word right before a thing, nobody addressed.
  if (!a.secondPerson.length) {
    for (let i = 0; i + 1 < toks.length; i++) {
      if ((CONTEMPT_WORDS.has(toks[i].norm) || ANGRY_AT.has(toks[i].norm)) && (THINGS.has(toks[i + 1].norm) || (i + 2 < toks.length && THINGS.has(toks[i + 2].norm)))) out.objectAnger = true;
    }
    if (!out.objectAnger && thingInsulted(a)) out.objectAnger = true;
  }
  // Contempt aimed at the reader; "your app is a joke" is anger at their product, so the turn
  // counts as anger at a thing when every "you" in it is such a possessive.
  let possessiveAnger = 0;
  for (const i of a.secondPerson) {
    for (let k = i + 1; k <= i + 5 && k < toks.length; k++) {
      if (toks[k].sentence !== toks[i].sentence) break;
      const w = toks[k].norm;
      if ((CONTEMPT_WORDS.has(w) || ANGRY_AT.has(w) || INSULTS.has(w)) && !toks[k].negated && !pronounUse(toks, k)) {
        const target = possessedTarget(a, i, k);
        if (target === 'reader' && CONTEMPT_WORDS.has(w)) out.contempt.push(turnSpan(text, toks[i].start, toks[k].end));
        if (target === 'thing') possessiveAnger++;
        break;
      }
    }
  }
  if (possessiveAnger > 0 && a.secondPerson.every((i) => /^(?:your|ur)$/.test(toks[i].norm))) out.objectAnger = true;
  const mock = mayMock(text, wordStartsOf(a)) ? MOCKERY.exec(text) : null;
  if (mock) out.mockery.push(turnSpan(text, mock.index, mock.index + mock[0].length));
  // Only next to a group named as such ("immigrants", not "her" or "guy").
  const groups = a.identities.filter((m) => !WEAK_IDENTITY.has(m.value));
  if (groups.length) {
    toks.forEach((t, i) => {
      // "Subhuman conditions", "a plague of delays": said of how people are treated or of a thing;
      // "pigs among animals that may not be eaten": animals.
      if (DEHUMANISING.has(t.norm) && !t.negated && !TREATMENT.has(toks[i + 1]?.norm ?? '') && !literalAnimal(toks, i) && groups.some((m) => m.sentence === t.sentence)) out.dehumanising.push(turnSpan(text, t.start, t.end));
    });
  }
  if (a.identities.length) {
    out.hatred = groupHostility(a);
    out.violence = groupViolence(a);
  }
  if (anyVeiledThreat(text, wordStartsOf(a))) {
    for (const re of VEILED_THREATS) {
      const m = re.exec(text);
      if (m) out.threats.push(turnSpan(text, m.index, m.index + m[0].length));
    }
  }
  out.counter = anyCounterSpeech(text, wordStartsOf(a));
  out.framed = framesClaim(a);
  if (mayNameAtrocity(text, wordStartsOf(a))) {
    const praised = atrocityPraised(a);
    if (praised) out.atrocity.push(praised);
  }
  if (out.requests.length) out.cues.push('harm-request');
  if (out.threats.length) out.cues.push('veiled-threat');
  if (out.contempt.length) out.cues.push('contempt2p');
  if (out.mockery.length) out.cues.push('mockery');
  if (out.dehumanising.length) out.cues.push('dehumanise');
  if (out.hatred.length) out.cues.push('group-hatred');
  if (out.violence.length) out.cues.push('group-violence');
  if (out.atrocity.length) out.cues.push('atrocity');
  if (out.counter) out.cues.push('counter-speech');
  if (out.framed) out.cues.push('claim-framed');
  if (out.harmlessObject) out.cues.push('harm-object');
  if (out.objectAnger) out.cues.push('object-anger');
  return out;
}
