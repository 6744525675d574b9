/**
 * The rule layer of the toxicity detector: obscenity's matches (MIT; obfuscation-aware) filtered
 * through our allow-list, our own word lists, threat / insult / hostile / condescension phrasing.
 * Every hit is both a rule with an exact span and a named cue for the model (`cues`).
 */
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import {
  EXTRA_PROFANITY,
  FOREIGN_HOMONYMS,
  homonymContext,
  MASKED_SWEARS,
  EXTRA_SLURS,
  HOSTILE_PATTERNS,
  SELF_HARM_TERMS,
  SEXUAL_TERMS,
  INSULTS,
  INSULTS_ANYWHERE,
  MEDICAL_TERMS,
  MENTION_FRAMES,
  OBSCENITY_SEXUAL,
  OBSCENITY_SLURS,
  PROFANITY_ALLOW,
  RECLAIMED,
  THREAT_PATTERNS,
  WEAK_IDENTITY,
} from '../lexicons.js';
import type { TextAnalysis } from '../text.js';
import { sentenceAt } from '../sentences.js';
import { otherLanguage } from '../language.js';
import type { Span } from '../types.js';
import { turnSpan } from '../detector.js';
import { perKey } from '../../lib/per-key.js';
import { Covered } from '../covered.js';
import { patronisingAnyMatch, phraseStarts, threatsAnyMatch } from './toxicity-phrases.js';
import { execAt, wordStartsOf } from '../word-starts.js';
import { condescensionSpans } from './toxicity-condescension.js';
import { foreignCues } from './toxicity-foreign.js';
import { type HarmCues, harmCues } from './toxicity-harm.js';
import { biasCues } from './bias.js';
import { affectionate, aimedAtThing, isThing, killedByThing, modifiesThing, possessedTarget, selfAimed } from './toxicity-objects.js';
import { inside, outside, reportedClauses, reportedIntents, reportedQuotes } from './toxicity-reported.js';

/** Three or more single letters with one separator between them ("f u c k", "s.h.i.t"). */
const SPACED_LETTERS = /(?<![A-Za-z0-9])[A-Za-z](?:[ .*_-][A-Za-z]){3,}(?![A-Za-z0-9])/g;

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

export type LexiconKind = 'slur' | 'sexual' | 'medical' | 'profanity';

export interface LexiconHit {
  start: number;
  end: number;
  word: string;
  kind: LexiconKind;
  /** Quoted, discussed ("the word ...") or reclaimed: reported weakly if at all. */
  mentioned: boolean;
  /** From our EXTRA_SLURS / EXTRA_PROFANITY lists (scored with model support) rather than obscenity. */
  extra?: boolean;
}

/**
 * obscenity costs ~85 µs on a 300-character turn, most of a turn's budget. Each
 * whitespace-separated chunk is checked on its own first (answers cached; the vocabulary of
 * chat repeats), and the full matcher runs only when a chunk matches. Obfuscation inside a
 * chunk ("f.u.c.k", "sh1t") is still found; a term spread over several chunks is not.
 */
const chunkMatches = perKey((chunk) => matcher.hasMatch(chunk), 50_000);

/** Exactly the characters of `\s` in a JS regex. */
function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The chunks of `text.split(/\s+/)` without building the array (same chunks, same order). */
function mayContainTerm(text: string): boolean {
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
    if (i >= n) break;
    let j = i + 1;
    while (j < n && !isSpaceCode(text.charCodeAt(j))) j++;
    const chunk = text.slice(i, j);
    i = j;
    if (chunkMatches(chunk)) return true;
  }
  return false;
}

/**
 * Whether a homonym is used in its harmless sense in `text` ("faggots in gravy", "the bitch and
 * her puppies", "coon hound"): a test of the whole turn, made once per word however often the
 * word occurs ("coon " 40,000 times took 12.7 s when each occurrence made it).
 */
function harmlessSenses(text: string): (word: string) => boolean {
  const known = new Map<string, boolean>();
  return (word) => {
    let sense = known.get(word);
    if (sense === undefined) known.set(word, (sense = homonymContext(word)?.test(text) ?? false));
    return sense;
  };
}

/** obscenity matches, classified and filtered through our allow-list. */
export function lexiconHits(text: string): LexiconHit[] {
  if (text.length === 0 || !mayContainTerm(text)) return [];
  const hits: LexiconHit[] = [];
  const reclaimed = RECLAIMED.test(text);
  // Whole-text tests are made once per turn (and word), not once per hit: a turn of thousands of
  // hits would otherwise scan itself thousands of times.
  let bikeOrMarch: boolean | undefined;
  let cumLaude: boolean | undefined;
  const harmless = harmlessSenses(text);
  let covered = 0; // end of the hits kept so far (matches come in order of their start)
  for (const m of matcher.getAllMatches(text, true)) {
    const start = m.startIndex;
    const end = m.endIndex + 1;
    if (start < covered) continue;
    const word = englishDataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? '';
    const whole = enclosingWord(text, start, end).toLowerCase();
    if (PROFANITY_ALLOW.has(whole) && !(whole.startsWith('dyke') && !reclaimed && !(bikeOrMarch ??= /march|bike/i.test(text)))) continue;
    if (whole === 'laude' || (word === 'cum' && (cumLaude ??= /\bcum laude\b/i.test(text)))) continue;
    if (harmless(whole)) continue;
    const kind: LexiconKind = OBSCENITY_SLURS.has(word)
      ? 'slur'
      : MEDICAL_TERMS.has(word)
        ? 'medical'
        : OBSCENITY_SEXUAL.has(word)
          ? 'sexual'
          : 'profanity';
    const before = text.slice(Math.max(0, start - 40), start);
    const quoted = /["'“‘]$/.test(before) && /^["'”’]/.test(text.slice(end, end + 1));
    const mentioned = quoted || MENTION_FRAMES.test(before) || (reclaimed && (word === 'dyke' || word === 'fag'));
    hits.push({ start, end, word, kind, mentioned });
    covered = end;
  }
  return hits;
}

/** Letters read either side of a match to find the word it is part of: no listed word is longer. */
const WORD_REACH = 32;
const LETTER = /\p{L}/u;

/** The word a match lies in (its letters either side, at most WORD_REACH of them each way). */
function enclosingWord(text: string, start: number, end: number): string {
  let ws = start;
  let we = end;
  const low = Math.max(0, start - WORD_REACH);
  const high = Math.min(text.length, end + WORD_REACH);
  while (ws > low && LETTER.test(text[ws - 1])) ws--;
  while (we < high && LETTER.test(text[we])) we++;
  return text.slice(ws, we);
}

export interface ToxicityCues {
  hits: LexiconHit[];
  threats: Span[];
  insults: Span[];
  /** Insult words not aimed at "you" ("the author is a moron"). */
  insults3p: Span[];
  /** Dehumanising or exclusionary phrasing ("go back to …", "… is a cancer on …"). */
  hostilePhrases: Span[];
  /** Self-harm or graphic injury words (a model cue only: as a rule it was neutral out of fold). */
  harm: Span[];
  condescension: Span[];
  /** A lone everyday phrase that talks down only in a toxic turn ("really?", "buddy"). */
  condescensionWeak: Span[];
  /** A condescension phrase that is aimed at the reader by its wording, "you" or not. */
  condescensionAimed: boolean;
  /** Offence without swear words, and counter-speech (toxicity-harm.ts). */
  offence: HarmCues;
  cues: string[];
}

/** Our word lists in one table (one pass over the tokens): word or two-word phrase → list bits. */
const SLUR = 1;
const PROFANE = 2;
const HARM = 4;
const SEXUAL = 8;
const WORDS = new Map<string, number>();
const FIRST_WORDS = new Set<string>();
for (const [list, bit] of [[EXTRA_SLURS, SLUR], [EXTRA_PROFANITY, PROFANE], [SELF_HARM_TERMS, HARM], [SEXUAL_TERMS, SEXUAL]] as const) {
  for (const w of list) {
    WORDS.set(w, (WORDS.get(w) ?? 0) | bit);
    if (w.includes(' ')) FIRST_WORDS.add(w.slice(0, w.indexOf(' ')));
  }
}

/** Whole-word (and two-word) matches of our lists, as [first token, last token, bits]. */
function listMatches(a: TextAnalysis): [number, number, number][] {
  const out: [number, number, number][] = [];
  const toks = a.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i].norm;
    const one = WORDS.get(t);
    if (one) out.push([i, i, one]);
    else if (FIRST_WORDS.has(t) && i + 1 < toks.length) {
      const two = WORDS.get(`${t} ${toks[i + 1].norm}`);
      if (two) out.push([i, i + 1, two]);
    }
  }
  return out;
}

/** The whole word a hit falls in, lower-cased ("Dickdarm" for a hit on "dick"). */
function wordOf(text: string, h: LexiconHit): string {
  return enclosingWord(text, h.start, h.end).toLowerCase();
}

/** Hits on a word that is an ordinary word of the language the turn is written in. */
function foreignHomonym(text: string): (h: LexiconHit) => boolean {
  const homonyms = FOREIGN_HOMONYMS[otherLanguage(text) ?? ''];
  return (h) => homonyms !== undefined && homonyms.has(wordOf(text, h));
}

export function toxicityCues(a: TextAnalysis): ToxicityCues {
  const text = a.text;
  const hits = lexiconHits(text);
  let covered = new Covered(text.length, hits);
  const listed = listMatches(a);
  const harmless = harmlessSenses(text);
  for (const [i, j] of listed.filter((m) => m[2] & SLUR)) {
    const start = a.tokens[i].start;
    const end = a.tokens[j].end;
    if (covered.overlaps(start, end)) continue;
    if (i === j && harmless(a.tokens[i].norm)) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    const quoted = /["'“‘]$/.test(before) && /^["'”’]/.test(text.slice(end, end + 1));
    hits.push(covered.add({ start, end, word: a.tokens[i].norm, kind: 'slur', mentioned: quoted || MENTION_FRAMES.test(before), extra: true }));
  }
  for (const [i] of listed.filter((m) => m[2] & PROFANE && m[0] === m[1])) {
    const { start, end } = a.tokens[i];
    if (covered.overlaps(start, end)) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    const quoted = /["'“‘]$/.test(before) && /^["'”’]/.test(text.slice(end, end + 1));
    hits.push(covered.add({ start, end, word: a.tokens[i].norm, kind: 'profanity', mentioned: quoted || MENTION_FRAMES.test(before), extra: true }));
  }
  for (const m of text.matchAll(MASKED_SWEARS)) {
    const start = m.index;
    const end = start + m[0].length;
    if (covered.overlaps(start, end)) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    hits.push(covered.add({ start, end, word: m[0].toLowerCase(), kind: 'profanity', mentioned: MENTION_FRAMES.test(before), extra: true }));
  }
  // Letters spelled out one by one ("f u c k", "b u l l s h i t", "f a g g o t"): obscenity reads
  // one chunk at a time, so the letters are joined and the word is looked up whole.
  for (const m of text.matchAll(SPACED_LETTERS)) {
    const end = m.index + m[0].length;
    // The article before the letters may join them ("hire a f a g g o t").
    for (const start of [m.index, m.index + 2]) {
      if (covered.overlaps(start, end)) break;
      const joined = lexiconHits(text.slice(start, end).replace(/[^A-Za-z]/g, ''))[0];
      if (!joined) continue;
      const before = text.slice(Math.max(0, start - 40), start);
      hits.push(covered.add({ start, end, word: joined.word, kind: joined.kind, mentioned: MENTION_FRAMES.test(before), extra: true }));
      break;
    }
  }
  if (hits.length) {
    const foreign = foreignHomonym(text);
    const kept = hits.filter((h) => !foreign(h));
    if (kept.length < hits.length) {
      hits.length = 0;
      for (const h of kept) hits.push(h);
      covered = new Covered(text.length, hits);
    }
  }
  // Abuse in the turn's own language, if not English (toxicity-foreign.ts), through the same cues.
  const other = foreignCues(a);
  if (other) for (const h of other.hits) if (!covered.overlaps(h.start, h.end)) hits.push(covered.add(h));
  const threats: Span[] = [];
  const words = wordStartsOf(a);
  if (threatsAnyMatch(text, words)) for (const re of THREAT_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    // "kill all the zombie processes", "burn them to a DVD" (photos): a thing, not a person.
    const end = m.index + m[0].length;
    const last = a.tokens.findIndex((t) => t.end === end);
    if ((last >= 0 && aimedAtThing(a, last)) || ideaSubject(a, m.index)) continue;
    // "Smoking will kill you", "how much caffeine would kill you?": what is lethal, not a threat.
    const first = a.tokens.findIndex((t) => t.start === m.index);
    if (first >= 0 && KILL_VERBS.has(a.tokens[first].norm) && killedByThing(a, first)) continue;
    threats.push(turnSpan(text, m.index, end));
  }
  if (other) threats.push(...other.threats);
  const insults: Span[] = [];
  for (const i of a.secondPerson) {
    for (let k = i + 1; k <= i + 4 && k < a.tokens.length; k++) {
      const t = a.tokens[k];
      if (t.sentence !== a.tokens[i].sentence) break;
      if (INSULTS.has(t.norm) && !t.negated && !affectionate(a, k)) {
        // "your app is garbage", "your colleague was clueless": not the reader (toxicity-objects.ts).
        if (possessedTarget(a, i, k) === 'reader') insults.push(turnSpan(text, a.tokens[i].start, t.end));
        break;
      }
    }
  }
  // Called a name at a sentence's edge: "Go learn to read, idiot." / "Idiot, it's the other button."
  if (!insults.length) {
    for (const s of a.sentences) {
      const first = a.tokens[s.tokenStart];
      const last = a.tokens[s.tokenEnd - 1];
      if (!first || !last) continue;
      if (INSULTS.has(last.norm) && !last.negated && s.tokenEnd - s.tokenStart > 2 && /,\s*$/.test(text.slice(a.tokens[s.tokenEnd - 2].end, last.start))) insults.push(turnSpan(text, last.start, last.end));
      else if (INSULTS.has(first.norm) && s.tokenEnd - s.tokenStart > 2 && /^\s*,/.test(text.slice(first.end, a.tokens[s.tokenStart + 1].start))) insults.push(turnSpan(text, first.start, first.end));
    }
  }
  if (other) insults.push(...other.insults);
  const insults3p: Span[] = [];
  if (!insults.length) {
    for (let k = 0; k < a.tokens.length; k++) {
      const t = a.tokens[k];
      if (INSULTS_ANYWHERE.has(t.norm) && !t.negated && !selfAimed(a, k)) {
        const before = text.slice(Math.max(0, t.start - 2), t.start);
        if (!/["'“‘]\s?$/.test(before)) insults3p.push(turnSpan(text, t.start, t.end));
      }
    }
  }
  const starts = phraseStarts(text, words);
  const phrases = starts.length > 0;
  const hostilePhrases: Span[] = [];
  if (phrases) for (const re of HOSTILE_PATTERNS) {
    const m = execAt(re, text, starts);
    if (!m || !m[0].trim()) continue;
    // "get rid of the rats in my garage", "slugs are eating my lettuce, how do I get rid of
    // them?": pests or things, in a sentence that names no group.
    const end = m.index + m[0].length;
    const last = a.tokens.findIndex((t) => t.end === end);
    if (last >= 0 && (isThing(a.tokens[last].norm) || aimedAtThing(a, last) || modifiesThing(a, last)) && !a.identities.some((g) => g.sentence === a.tokens[last].sentence && !WEAK_IDENTITY.has(g.value))) continue;
    hostilePhrases.push(turnSpan(text, m.index, end));
  }
  const harm = listed.filter((m) => m[2] & HARM).map(([i, j]) => turnSpan(text, a.tokens[i].start, a.tokens[j].end));
  const { spans: condescension, weak: condescensionWeak, aimed: condescensionAimed } = condescensionSpans(text, starts, phrases && patronisingAnyMatch(text, words));
  // harmCues is kept per analysis (an answer's compliance check reads the question's); the lists
  // dropped from below are this reading's copies.
  const shared = harmCues(a);
  const more = { ...shared, threats: [...shared.threats], violence: [...shared.violence], contempt: [...shared.contempt], suicide: [...shared.suicide] };
  // Someone else's words quoted or reported by the speaker (toxicity-reported.ts): mentioned, not used. Only
  // the phrases inside the quote go; the model still reads the words. Lowering the whole turn as
  // counter-speech was tried: quick LOSO openai-moderation recall 0.633 -> 0.620 (dialogue in
  // stories), and the turns below stay under 0.5 without it.
  const reported = [...reportedQuotes(text), ...reportedClauses(text)];
  let reportedAbuse = false;
  if (reported.length) {
    for (const h of hits) if (!h.mentioned && inside(reported, h.start, h.end)) h.mentioned = reportedAbuse = true;
    if (dropInside([threats, insults, hostilePhrases, condescension, condescensionWeak, more.threats, more.violence, more.contempt], reported)) reportedAbuse = true;
    // Someone else's words of wanting to die ("she said 'I don't want to be alive'"): a worry to
    // review, not the speaker's own intention to hand over.
    dropInside([more.suicide], reported);
  }
  // What someone else urged or meant to do: its threats and hostile phrases are reported, its words stay the speaker's.
  if (dropInside([threats, hostilePhrases, more.threats, more.violence], reportedIntents(a))) reportedAbuse = true;
  const cues: string[] = [];
  for (const h of hits) cues.push(h.mentioned ? `mention:${h.kind}` : h.extra ? `lex2:${h.kind}` : `lex:${h.kind}`);
  if (threats.length) cues.push('threat');
  if (insults.length) cues.push('insult2p');
  if (insults3p.length) cues.push('insult3p');
  if (condescension.length) cues.push('condescension');
  else if (condescensionWeak.length) cues.push('condescension-weak');
  if (a.secondPerson.length) cues.push('second-person');
  if (harm.length) cues.push('harm-words');
  if (hostilePhrases.length) cues.push('hostile-phrase');
  const sexual = listed.filter((m) => m[2] & SEXUAL).length;
  if (sexual) cues.push(sexual > 1 ? 'sexual-words:2' : 'sexual-words');
  cues.push(...more.cues);
  if (reportedAbuse) cues.push('reported-abuse');
  // A hateful statement about a group is toxic too: the bias rules' signals are cues here.
  if (a.identities.length) for (const b of biasCues(a)) if (b.includes('+')) cues.push(`bias:${b}`);
  return { hits, threats, insults, insults3p, hostilePhrases, harm, condescension, condescensionWeak, condescensionAimed, offence: more, cues };
}

/** Takes the spans inside `ranges` out of each list (in place); whether any went. */
function dropInside(lists: Span[][], ranges: readonly [number, number][]): boolean {
  let dropped = false;
  for (const list of lists) {
    const kept = outside(list, ranges);
    if (kept.length === list.length) continue;
    list.splice(0, list.length, ...kept);
    dropped = true;
  }
  return dropped;
}

/**
 * An idea or a thing as the subject of a wish of death ("the stereotype about Asian students
 * being robots needs to die", "this trend must die"): the sentence opens on it, not on a person.
 */
const IDEA_SUBJECT = /^\W*(?:the|this|that|these|those|every|any|your|my|our|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:stereotypes?|myths?|tropes?|ideas?|notions?|trends?|memes?|practices?|habits?|polic(?:y|ies)|rules?|laws?|traditions?|mindsets?|attitudes?|narratives?|jokes?|fads?|features?|updates?|bugs?|apps?|formats?|fonts?|designs?|versions?)\b/i;
/** Violent verbs that open a threat pattern's match, so that the subject is before it. */
const KILL_VERBS = new Set(['kill', 'shoot', 'hang', 'stab', 'gas', 'burn', 'lynch', 'exterminate', 'murder', 'wipe']);
function ideaSubject(a: TextAnalysis, at: number): boolean {
  const s = a.sentences[sentenceAt(a.sentences, at)];
  return !!s && IDEA_SUBJECT.test(a.text.slice(s.start, at));
}
