/**
 * Toxicity: HOSTILE_LANGUAGE, CONDESCENSION, INAPPROPRIATE_CONTENT, PROFANITY.
 *
 * Two layers, combined per subtype by taking the stronger:
 *  1. Rules with exact spans: obscenity (MIT) for profanity and slurs, including obfuscated
 *     spellings ("f.u.c.k", "sh1t"), then our allow-list for false hits (Scunthorpe, cocktail,
 *     cum laude), medical vocabulary, quoted or discussed slurs and reclaimed terms; threat,
 *     directed-insult and condescension phrasings from lexicons.ts.
 *  2. A hashed n-gram logistic regression (models/toxicity.json, trained by
 *     scripts/train-models.ts on MIT-licensed data) for toxic text without a listed word.
 */
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import {
  CONDESCENSION_PATTERNS,
  EXTRA_PROFANITY,
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
} from '../lexicons.js';
import { featurize, logits, packHeads, sigmoid, strongestToken } from '../models/linear.js';
import type { TextAnalysis } from '../text.js';
import type { Finding, Severity, Span, Subtype } from '../types.js';
import { type Detector, bundledModel, finding, sentenceSpan, severityFor, turnSpan } from '../detector.js';

const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
const model = bundledModel('toxicity');
/** The four heads scored in one pass over the features (interleaved int8 codes). */
const HEADS = packHeads(model, ['toxic', 'hostile', 'profanity', 'inappropriate']);
const z = new Float64Array(4);

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
const chunkCache = new Map<string, boolean>();
const CHUNK_CACHE_MAX = 50_000;

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
    let hit = chunkCache.get(chunk);
    if (hit === undefined) {
      hit = matcher.hasMatch(chunk);
      if (chunkCache.size >= CHUNK_CACHE_MAX) chunkCache.clear();
      chunkCache.set(chunk, hit);
    }
    if (hit) return true;
  }
  return false;
}

/** obscenity matches, classified and filtered through our allow-list. */
export function lexiconHits(text: string): LexiconHit[] {
  if (text.length === 0 || !mayContainTerm(text)) return [];
  const hits: LexiconHit[] = [];
  const reclaimed = RECLAIMED.test(text);
  for (const m of matcher.getAllMatches(text, true)) {
    const start = m.startIndex;
    const end = m.endIndex + 1;
    if (hits.some((h) => h.start < end && start < h.end)) continue;
    const word = englishDataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? '';
    let ws = start;
    let we = end;
    while (ws > 0 && /[\p{L}]/u.test(text[ws - 1])) ws--;
    while (we < text.length && /[\p{L}]/u.test(text[we])) we++;
    const whole = text.slice(ws, we).toLowerCase();
    if (PROFANITY_ALLOW.has(whole) && !(whole.startsWith('dyke') && !reclaimed && !/march|bike/i.test(text))) continue;
    if (whole === 'laude' || (word === 'cum' && /\bcum laude\b/i.test(text))) continue;
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
  }
  return hits;
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

/**
 * One scan for all condescension and hostile phrasings (far cheaper than running each
 * pattern); the single patterns run only on the rare turns this matches, to get every span.
 */
/** Top-level `|` branches of a regex source (no character classes with `|` or `(` expected). */
function splitTop(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      out.push(src.slice(start, i));
      start = i + 1;
    }
  }
  out.push(src.slice(start));
  return out;
}

/**
 * Lower-case letters a match of `src` can start with, or null when that cannot be read off
 * the source simply (the branch then goes to every bucket). Understands a leading `\b` / `^`,
 * a literal letter, and a non-capturing group of branches; anything else (optional groups,
 * classes, escapes) gives null, which is always safe.
 */
function firstLetters(src: string): Set<string> | null {
  let s = src;
  if (s.startsWith('\\b')) s = s.slice(2);
  else if (s.startsWith('^')) s = s.slice(1);
  const c = s[0];
  if (c !== undefined && /[a-z]/i.test(c)) {
    if (/^[?*{]/.test(s.slice(1))) return null;
    return new Set([c.toLowerCase()]);
  }
  if (s.startsWith('(?:')) {
    let depth = 0;
    let end = -1;
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '\\') i++;
      else if (s[i] === '[') {
        while (i < s.length && s[i] !== ']') i += s[i] === '\\' ? 2 : 1;
      } else if (s[i] === '(') depth++;
      else if (s[i] === ')' && --depth === 0) {
        end = i;
        break;
      }
    }
    if (end < 0 || /^[?*{]/.test(s.slice(end + 1))) return null;
    const set = new Set<string>();
    for (const branch of splitTop(s.slice(3, end))) {
      const f = firstLetters(branch);
      if (!f) return null;
      for (const l of f) set.add(l);
    }
    return set;
  }
  return null;
}

/**
 * One sticky regex per possible first character of a match (a–z, plus one for digits and
 * "_"), each holding only the branches that can start with it: at a word start only the
 * bucket of its first character is tried. Every branch of these patterns begins with `\b` (or
 * `^`) and a letter, so a match can only start at an ASCII word character not preceded by
 * one; testing there gives the same answer as scanning every offset (checked in
 * toxicity.test.ts against the plain scan).
 */
function bucketed(patterns: RegExp[], flags: string): (RegExp | null)[] {
  const branches = patterns.flatMap((re) => splitTop(re.source));
  const byKey = new Map<string, RegExp | null>();
  for (const key of [...'abcdefghijklmnopqrstuvwxyz', '#']) {
    const mine = branches.filter((b) => {
      const f = firstLetters(b);
      return f === null || f.has(key);
    });
    byKey.set(key, mine.length ? new RegExp(mine.map((b) => `(?:${b})`).join('|'), flags) : null);
  }
  // Indexed by char code of an ASCII word character: letters by their lower case, digits and _ by '#'.
  const out: (RegExp | null)[] = [];
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c).toLowerCase();
    out.push(/[a-z]/.test(ch) ? byKey.get(ch)! : byKey.get('#')!);
  }
  return out;
}

const PHRASES_ANY = bucketed([...CONDESCENSION_PATTERNS, ...HOSTILE_PATTERNS], 'imy');
const THREATS_ANY = bucketed(THREAT_PATTERNS, 'iy');

/** ASCII word character, as `\b` sees it in a non-unicode regex. */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function testAtWordStarts(buckets: (RegExp | null)[], text: string): boolean {
  let prevWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const w = isWordCode(c);
    if (w && !prevWord) {
      const re = buckets[c];
      if (re) {
        re.lastIndex = i;
        if (re.test(text)) return true;
      }
    }
    prevWord = w;
  }
  return false;
}

export const phrasesAnyMatch = (text: string): boolean => testAtWordStarts(PHRASES_ANY, text);
export const threatsAnyMatch = (text: string): boolean => testAtWordStarts(THREATS_ANY, text);

export function toxicityCues(a: TextAnalysis): ToxicityCues {
  const text = a.text;
  const hits = lexiconHits(text);
  const listed = listMatches(a);
  for (const [i, j] of listed.filter((m) => m[2] & SLUR)) {
    const start = a.tokens[i].start;
    const end = a.tokens[j].end;
    if (hits.some((h) => h.start < end && start < h.end)) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    const quoted = /["'“‘]$/.test(before) && /^["'”’]/.test(text.slice(end, end + 1));
    hits.push({ start, end, word: a.tokens[i].norm, kind: 'slur', mentioned: quoted || MENTION_FRAMES.test(before), extra: true });
  }
  for (const [i] of listed.filter((m) => m[2] & PROFANE && m[0] === m[1])) {
    const { start, end } = a.tokens[i];
    if (hits.some((h) => h.start < end && start < h.end)) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    const quoted = /["'“‘]$/.test(before) && /^["'”’]/.test(text.slice(end, end + 1));
    hits.push({ start, end, word: a.tokens[i].norm, kind: 'profanity', mentioned: quoted || MENTION_FRAMES.test(before), extra: true });
  }
  const threats: Span[] = [];
  if (threatsAnyMatch(text)) for (const re of THREAT_PATTERNS) {
    const m = re.exec(text);
    if (m) threats.push(turnSpan(text, m.index, m.index + m[0].length));
  }
  const insults: Span[] = [];
  for (const i of a.secondPerson) {
    for (let k = i + 1; k <= i + 4 && k < a.tokens.length; k++) {
      const t = a.tokens[k];
      if (t.sentence !== a.tokens[i].sentence) break;
      if (INSULTS.has(t.norm) && !t.negated) {
        insults.push(turnSpan(text, a.tokens[i].start, t.end));
        break;
      }
    }
  }
  const insults3p: Span[] = [];
  if (!insults.length) {
    for (const t of a.tokens) {
      if (INSULTS_ANYWHERE.has(t.norm) && !t.negated) {
        const before = text.slice(Math.max(0, t.start - 2), t.start);
        if (!/["'“‘]\s?$/.test(before)) insults3p.push(turnSpan(text, t.start, t.end));
      }
    }
  }
  const phrases = phrasesAnyMatch(text);
  const hostilePhrases: Span[] = [];
  if (phrases) for (const re of HOSTILE_PATTERNS) {
    const m = re.exec(text);
    if (m && m[0].trim()) hostilePhrases.push(turnSpan(text, m.index, m.index + m[0].length));
  }
  const harm = listed.filter((m) => m[2] & HARM).map(([i, j]) => turnSpan(text, a.tokens[i].start, a.tokens[j].end));
  const condescension: Span[] = [];
  if (phrases) for (const re of CONDESCENSION_PATTERNS) {
    const m = re.exec(text);
    if (m && m[0].trim()) {
      let s = m.index;
      let e = m.index + m[0].length;
      while (s < e && /[\s,.!?]/.test(text[s])) s++;
      while (e > s && /[\s,.!?]/.test(text[e - 1])) e--;
      if (e > s) condescension.push(turnSpan(text, s, e));
    }
  }
  const cues: string[] = [];
  for (const h of hits) cues.push(h.mentioned ? `mention:${h.kind}` : h.extra ? `lex2:${h.kind}` : `lex:${h.kind}`);
  if (threats.length) cues.push('threat');
  if (insults.length) cues.push('insult2p');
  if (insults3p.length) cues.push('insult3p');
  if (condescension.length) cues.push('condescension');
  if (a.secondPerson.length) cues.push('second-person');
  if (harm.length) cues.push('harm-words');
  if (hostilePhrases.length) cues.push('hostile-phrase');
  const sexual = listed.filter((m) => m[2] & SEXUAL).length;
  if (sexual) cues.push(sexual > 1 ? 'sexual-words:2' : 'sexual-words');
  return { hits, threats, insults, insults3p, hostilePhrases, harm, condescension, cues };
}

export function toxicityFeatures(a: TextAnalysis, cues: string[]) {
  return featurize(a, model.features, model.bits, cues);
}

export const toxicityDetector: Detector = {
  id: 'toxicity',
  version: '1.0.0',
  category: 'toxicity',
  roles: ['user', 'assistant', 'system', 'tool'],
  detect(input) {
    const a = input.analysis;
    if (a.tokens.length === 0) return [];
    const c = toxicityCues(a);
    const x = featurize(a, model.features, model.bits, c.cues);
    logits(HEADS, x, z);
    const p = { toxic: sigmoid(z[0]), hostile: sigmoid(z[1]), profanity: sigmoid(z[2]), inappropriate: sigmoid(z[3]) };
    return toxicityFindings(this, a, c, p);
  },
};

export interface ToxicityProbabilities {
  toxic: number;
  hostile: number;
  profanity: number;
  inappropriate: number;
}

/**
 * Rule and model combination, separate from the model call so scripts can replay it on
 * out-of-fold probabilities of the training rows (`train-models.ts --oof=…`); the constants
 * below were chosen that way, never on validation rows: a coordinate search maximising F1 on
 * the Davidson + OpenAI-moderation training rows while keeping their combined out-of-fold
 * false-positive rate at or under the previous operating point (0.097). Every listed word or
 * phrase except obscenity's own slurs and the threat patterns needs some support from the
 * model (OpenAI-moderation treats casual swearing as clean; Davidson labels are noisy), and
 * the `inappropriate` head's cut is raised by one logit: at the pooled calibration it flagged
 * ~60 % of the (hard, often sexual-topic) OpenAI-moderation negatives out of fold.
 * `modelOffset` moves the whole operating point: 0.1 lowers the out-of-fold FPR to 0.087
 * (validation FPR 0.078, F1 0.80 → 0.799).
 */
export const TOXICITY_RULES = {
  /** Listed swear word: score = max(profanity head, base + gain · toxic head). */
  profanityBase: 0.35,
  profanityGain: 0.4,
  /** Listed sexual term: score = max(inappropriate head, base + gain · toxic head). */
  sexualBase: 0.35,
  sexualGain: 0.4,
  /** Directed insult ("you idiot"): score = max(hostile head, base + gain · toxic head). */
  insult: 0.3,
  insultGain: 0.4,
  /**
   * Insult word not aimed at the reader: score = max(hostile head, base + gain · toxic head).
   * Off (0): neutral out of fold, and it flagged our own hard negatives ("I felt like an idiot").
   * The `insult3p` cue still feeds the model.
   */
  insult3p: 0,
  insult3pGain: 0,
  /** Dehumanising phrase: score = max(hostile head, base + gain · toxic head). */
  hostilePhrase: 0.3,
  hostilePhraseGain: 0.5,
  /** Slur used (not mentioned): score = max(hostile head, base + gain · toxic head). */
  slur: 0.85,
  slurGain: 0,
  /** Slur from our own list: score = max(hostile head, base + gain · toxic head). */
  extraSlur: 0.3,
  extraSlurGain: 0.5,
  /**
   * Logit offset subtracted from every head: the heads are calibrated one by one, and their
   * combination with the rules flagged more training negatives out of fold than any one head.
   */
  modelOffset: 0,
  /** Logit offsets subtracted from the subtype heads (raise a head's own cut). */
  hostileOffset: -0.3,
  profanityOffset: 0,
  inappropriateOffset: 1,
  /** Condescension phrasing: base + per extra pattern + when addressed to "you" + gain · toxic. */
  condescensionBase: 0.3,
};

/**
 * Stacked combiner: a logistic regression over the four heads' logits, the rule combination's
 * best score and the rule hits (`stackFeatures`), fitted by scripts/fit-toxicity-stack.ts on
 * out-of-fold head scores of the Davidson + OpenAI-moderation training rows; `threshold` (a
 * logit) is the one maximising out-of-fold F1 with the out-of-fold FPR held at 0.085. It
 * decides whether a turn is toxic (threats always are): when it says no, findings at or above
 * 0.5 are lowered to its score; when it says yes and no finding reaches 0.5, the strongest is
 * raised to it (or the most likely subtype is reported). Condescension findings are never
 * lowered (the training rows hold almost none). `null` turns it off (rules only).
 */
export interface ToxicityStack {
  threshold: number;
  bias: number;
  weights: Record<(typeof STACK_FEATURES)[number], number>;
}

export const STACK_FEATURES = [
  'toxic', 'hostile', 'profanity', 'inappropriate', 'rules', 'slur', 'extraSlur', 'profane', 'extraProfane',
  'sexual', 'medical', 'insult2p', 'insult3p', 'hostilePhrase', 'harm', 'condescension',
  'secondPerson', 'sexualWords', 'length',
] as const;

export const TOXICITY_STACK: ToxicityStack | null = {
  threshold: 0.44,
  bias: 1.7415,
  weights: {
    toxic: 4.8099, hostile: 4.0014, profanity: 2.052, inappropriate: -0.5945, rules: 1.0637, slur: -0.4744,
    extraSlur: 0.064, profane: 0.9863, extraProfane: 0.4615, sexual: 0.5051, medical: 1.1436, insult2p: -0.653,
    insult3p: 0.4193, hostilePhrase: 1.6545, harm: 0.9881, condescension: 1.721, secondPerson: 0.3141,
    sexualWords: 1.2049, length: -0.3455,
  },
};

const clampLogit = (p: number): number => {
  const z = Math.log(p / (1 - p + 1e-12) + 1e-12);
  return z < -8 ? -8 : z > 8 ? 8 : z;
};

/**
 * A slur that is only quoted, discussed or reclaimed must not carry the model: the heads are
 * halved (as in the rule combination) before the stacker sees them, and such a turn is never
 * raised by it.
 */
const mentionMemo = new WeakMap<ToxicityCues, boolean>();
function mentionOnly(a: TextAnalysis, c: ToxicityCues): boolean {
  let m = mentionMemo.get(c);
  if (m === undefined) {
    m = !c.threats.length && !c.insults.length &&
      (c.hits.length > 0 ? c.hits.every((h) => h.mentioned) : RECLAIMED.test(a.text));
    mentionMemo.set(c, m);
  }
  return m;
}

/** Features of the stacked combiner, in `STACK_FEATURES` order. */
export function stackFeatures(a: TextAnalysis, c: ToxicityCues, p0: ToxicityProbabilities, rulesMax = ruleMax(a, c, p0)): number[] {
  const k = mentionOnly(a, c) ? 0.5 : 1;
  const p = { toxic: p0.toxic * k, hostile: p0.hostile * k, profanity: p0.profanity * k, inappropriate: p0.inappropriate * k };
  const used = c.hits.filter((h) => !h.mentioned);
  const count = (f: (h: LexiconHit) => boolean): number => (used.some(f) ? 1 : 0);
  return [
    clampLogit(p.toxic) / 4,
    clampLogit(p.hostile) / 4,
    clampLogit(p.profanity) / 4,
    clampLogit(p.inappropriate) / 4,
    clampLogit(Math.min(0.99, Math.max(0.01, rulesMax))) / 4,
    count((h) => h.kind === 'slur' && !h.extra),
    count((h) => h.kind === 'slur' && !!h.extra),
    count((h) => h.kind === 'profanity' && !h.extra),
    count((h) => h.kind === 'profanity' && !!h.extra),
    count((h) => h.kind === 'sexual'),
    count((h) => h.kind === 'medical'),
    c.insults.length ? 1 : 0,
    c.insults3p.length ? 1 : 0,
    c.hostilePhrases.length ? 1 : 0,
    c.harm.length ? 1 : 0,
    Math.min(2, c.condescension.length) / 2,
    a.secondPerson.length ? 1 : 0,
    c.cues.includes('sexual-words:2') ? 1 : c.cues.includes('sexual-words') ? 0.5 : 0,
    Math.min(1, Math.log1p(a.tokens.length) / 5),
  ];
}

function ruleMax(a: TextAnalysis, c: ToxicityCues, p: ToxicityProbabilities): number {
  let m = 0;
  for (const f of ruleFindings(toxicityDetector, a, c, p)) if (f.score > m) m = f.score;
  return m;
}

const BASE_SEVERITY: Partial<Record<Subtype, Severity>> = {
  HOSTILE_LANGUAGE: 'high',
  PROFANITY: 'low',
  INAPPROPRIATE_CONTENT: 'medium',
  CONDESCENSION: 'low',
};

export function toxicityFindings(
  detector: Detector,
  a: TextAnalysis,
  c: ToxicityCues,
  p0: ToxicityProbabilities,
  stack: ToxicityStack | null = TOXICITY_STACK,
): Finding[] {
  const out = ruleFindings(detector, a, c, p0);
  if (!stack || c.threats.length) return out;
  let rulesMax = 0;
  for (const f of out) if (f.score > rulesMax) rulesMax = f.score;
  const x = stackFeatures(a, c, p0, rulesMax);
  let z = stack.bias - stack.threshold;
  STACK_FEATURES.forEach((name, k) => (z += stack.weights[name] * x[k]));
  const s = Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
  const rescore = (f: Finding, score: number): void => {
    f.score = score;
    f.severity = severityFor(BASE_SEVERITY[f.subtype] ?? 'medium', score);
  };
  if (s < 0.5) {
    // Condescension is left to its own rules: the stacker's training rows have almost none.
    for (const f of out) if (f.score >= 0.5 && f.subtype !== 'CONDESCENSION') rescore(f, s);
    return out;
  }
  if (rulesMax >= 0.5 || mentionOnly(a, c)) return out;
  if (out.length) {
    rescore(out.reduce((x, y) => (y.score > x.score ? y : x)), s);
    return out;
  }
  // No rule fired: the most likely subtype by its head, with the heaviest word's sentence.
  const ranked: [Subtype, number, string][] = [
    ['HOSTILE_LANGUAGE', p0.hostile, 'hostile'],
    ['PROFANITY', p0.profanity, 'profanity'],
    ['INAPPROPRIATE_CONTENT', p0.inappropriate, 'inappropriate'],
  ];
  ranked.sort((u, v) => v[1] - u[1]);
  const t = strongestToken(model.heads[ranked[0][2]], a, model.bits);
  const sent = a.sentences[t >= 0 ? a.tokens[t].sentence : 0] ?? a.sentences[0];
  out.push(finding(detector, ranked[0][0], s, BASE_SEVERITY[ranked[0][0]] ?? 'medium', sent ? [sentenceSpan(a, sent)] : [], 'Toxic wording (model).'));
  return out;
}

function ruleFindings(detector: Detector, a: TextAnalysis, c: ToxicityCues, p0: ToxicityProbabilities): Finding[] {
    const R = TOXICITY_RULES;
    const shift = (x: number, off: number): number => (off ? 1 / (1 + Math.exp(-(Math.log(x / (1 - x + 1e-12)) - off))) : x);
    const p = {
      toxic: shift(p0.toxic, R.modelOffset),
      hostile: shift(p0.hostile, R.hostileOffset + R.modelOffset),
      profanity: shift(p0.profanity, R.profanityOffset + R.modelOffset),
      inappropriate: shift(p0.inappropriate, R.inappropriateOffset + R.modelOffset),
    };
    // A slur that is only quoted, discussed or reclaimed must not carry the model either.
    if (mentionOnly(a, c)) {
      p.toxic *= 0.5;
      p.hostile *= 0.5;
      p.profanity *= 0.5;
      p.inappropriate *= 0.5;
    }
    const out: Finding[] = [];
    const text = a.text;
    const evidence = (head: keyof typeof model.heads | string): Span[] => {
      const t = strongestToken(model.heads[head], a, model.bits);
      const s = a.sentences[t >= 0 ? a.tokens[t].sentence : 0] ?? a.sentences[0];
      return s ? [sentenceSpan(a, s)] : [];
    };
    const used = c.hits.filter((h) => !h.mentioned);
    const spansOf = (kind: string): Span[] =>
      used.filter((h) => h.kind === kind).map((h) => turnSpan(text, h.start, h.end));

    // HOSTILE_LANGUAGE: threats, slurs used (not discussed), insults aimed at the reader.
    const slurSpans = used.filter((h) => h.kind === 'slur' && !h.extra).map((h) => turnSpan(text, h.start, h.end));
    const extraSlurSpans = used.filter((h) => h.kind === 'slur' && h.extra).map((h) => turnSpan(text, h.start, h.end));
    let hostile = p.hostile;
    let hostileSpans: Span[] = [];
    let why = 'Hostile wording (model).';
    if (c.threats.length) {
      hostile = Math.max(hostile, 0.95);
      hostileSpans = c.threats;
      why = 'Threatens or wishes harm.';
    } else if (slurSpans.length) {
      hostile = Math.max(hostile, R.slur + R.slurGain * p.toxic);
      hostileSpans = slurSpans;
      why = 'Uses a slur.';
    } else if (extraSlurSpans.length && R.extraSlur + R.extraSlurGain * p.toxic >= 0.5) {
      hostile = Math.max(hostile, R.extraSlur + R.extraSlurGain * p.toxic);
      hostileSpans = extraSlurSpans;
      why = 'Uses a slur.';
    } else if (c.insults.length) {
      hostile = Math.max(hostile, R.insult + R.insultGain * p.toxic);
      hostileSpans = c.insults;
      why = 'Insults the reader directly.';
    } else if (c.hostilePhrases.length && R.hostilePhrase + R.hostilePhraseGain * p.toxic >= 0.5) {
      hostile = Math.max(hostile, R.hostilePhrase + R.hostilePhraseGain * p.toxic);
      hostileSpans = c.hostilePhrases;
      why = 'Dehumanising or exclusionary wording.';
    } else if (c.insults3p.length && R.insult3p + R.insult3pGain * p.toxic >= 0.5) {
      hostile = Math.max(hostile, R.insult3p + R.insult3pGain * p.toxic);
      hostileSpans = c.insults3p;
      why = 'Insulting wording.';
    }
    if (hostile >= 0.5 || hostileSpans.length) {
      out.push(finding(detector, 'HOSTILE_LANGUAGE', hostile, c.threats.length ? 'critical' : 'high', hostileSpans.length ? hostileSpans : evidence('hostile'), why));
    }

    // PROFANITY: listed swear words (obfuscation-aware) or the model.
    const profSpans = spansOf('profanity');
    const profanity = profSpans.length ? Math.max(p.profanity, R.profanityBase + R.profanityGain * p.toxic) : p.profanity;
    if (profanity >= 0.5 || profSpans.length) {
      out.push(finding(detector, 'PROFANITY', profanity, 'low', profSpans.length ? profSpans : evidence('profanity'), profSpans.length ? 'Profanity.' : 'Profane wording (model).'));
    }

    // INAPPROPRIATE_CONTENT: sexual or violent content. Clinical words count only with the model.
    const sexSpans = spansOf('sexual');
    const medSpans = spansOf('medical');
    let inappropriate = p.inappropriate;
    if (sexSpans.length) inappropriate = Math.max(inappropriate, R.sexualBase + R.sexualGain * p.toxic);
    if (medSpans.length && p.toxic > 0.5) inappropriate = Math.max(inappropriate, p.toxic);
    if (inappropriate >= 0.5 || sexSpans.length) {
      const spans = sexSpans.length ? sexSpans : medSpans.length ? medSpans : evidence('inappropriate');
      out.push(finding(detector, 'INAPPROPRIATE_CONTENT', inappropriate, 'medium', spans, 'Sexual or violent content.'));
    }

    // CONDESCENSION: patronising phrasing; stronger when aimed at the reader.
    if (c.condescension.length) {
      const directed = a.secondPerson.length > 0 ? 0.08 : 0;
      const score = Math.min(0.95, R.condescensionBase + 0.12 * c.condescension.length + directed + 0.2 * p.toxic);
      out.push(finding(detector, 'CONDESCENSION', score, 'low', c.condescension, 'Talks down to the reader.'));
    }

    // The overall head catches toxic text none of the subtype signals explains.
    if (p.toxic >= 0.5 && !out.some((f) => f.score >= 0.5)) {
      const ranked: [Subtype, number][] = [
        ['HOSTILE_LANGUAGE', p.hostile],
        ['PROFANITY', p.profanity],
        ['INAPPROPRIATE_CONTENT', p.inappropriate],
      ];
      ranked.sort((x, y) => y[1] - x[1]);
      const head = ranked[0][0] === 'HOSTILE_LANGUAGE' ? 'hostile' : ranked[0][0] === 'PROFANITY' ? 'profanity' : 'inappropriate';
      const existing = out.findIndex((f) => f.subtype === ranked[0][0]);
      const f = finding(detector, ranked[0][0], p.toxic, ranked[0][0] === 'PROFANITY' ? 'low' : 'medium', evidence(head), 'Toxic wording (model).');
      if (existing >= 0) out[existing] = f;
      else out.push(f);
    }
    return out;
}
