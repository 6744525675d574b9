/**
 * The shared analysis pass: every detector reads the same `TextAnalysis` of a turn instead of
 * re-tokenising it. Offsets on every token and mention point into the ORIGINAL string, so a
 * detector can build a verbatim span without knowing how the text was normalised
 * (normalisation and tokenisation: tokens.ts).
 */
import { NOT_NAMES, OPENING_VERBS } from './lexicons.js';
import { type IdentityMention, findIdentities } from './identity-mentions.js';
import { type Sentence, sentenceAt, splitSentences } from './sentences.js';
import { Covered } from './covered.js';
import { type Token, tokenise } from './tokens.js';

export { normalise, type Normalised, type Token } from './tokens.js';
export { type Sentence, sentenceAt } from './sentences.js';
export type { IdentityMention } from './identity-mentions.js';

export interface Mention {
  start: number;
  end: number;
  /** Normalised value: digits without separators for numbers, lower-case text otherwise. */
  value: string;
  sentence: number;
}

export interface CitationMention extends Mention {
  kind: 'marker' | 'doi' | 'url' | 'author-year' | 'title';
}


export interface TextAnalysis {
  text: string;
  norm: string;
  tokens: Token[];
  sentences: Sentence[];
  numbers: Mention[];
  years: Mention[];
  names: Mention[];
  citations: CitationMention[];
  identities: IdentityMention[];
  /** Token indices of hedging words ("may", "suggests", "approximately"). */
  hedges: number[];
  /** Token indices of boosters and absolutes ("definitely", "always", "proven"). */
  boosters: number[];
  /** Token indices addressing the reader ("you", "your"). */
  secondPerson: number[];
  /** What `perAnalysis` functions computed for this analysis, by their slot. */
  memo: unknown[];
}

/**
 * Word lists as one table from a word to the bits of the lists it is in: a hot loop that asks a
 * token about several lists looks it up once (`TOKEN_CLASS` here, the contradiction rules' words).
 */
export function wordBits(lists: readonly (readonly [number, Iterable<string>])[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const [bit, list] of lists) for (const w of list) out.set(w, (out.get(w) ?? 0) | bit);
  return out;
}

const NEGATORS = new Set([
  'not', 'no', 'never', 'nor', 'none', 'nobody', 'nothing', 'neither', 'without', 'cannot',
  "don't", "doesn't", "isn't", "aren't", "wasn't", "weren't", "can't", "won't", "wouldn't",
  "shouldn't", "couldn't", "didn't", "hasn't", "haven't", "hadn't", "ain't", 'dont', 'doesnt',
  'isnt', 'arent', 'wasnt', 'cant', 'wont', 'didnt',
]);

/** Tokens a negator reaches: "not all women are bad drivers" negates through "drivers". */
const NEGATION_WINDOW = 5;

export const HEDGES = new Set([
  'may', 'might', 'could', 'possibly', 'perhaps', 'likely', 'unlikely', 'probably', 'suggest',
  'suggests', 'suggested', 'appear', 'appears', 'seem', 'seems', 'approximately', 'roughly',
  'around', 'about', 'estimated', 'potentially', 'generally', 'typically', 'often', 'usually',
  'sometimes', 'somewhat', 'apparently', 'reportedly', 'allegedly', 'believe', 'think',
  'uncertain', 'unclear', 'associated', 'linked', 'correlated', 'indicate', 'indicates',
  'preliminary', 'can', 'tend', 'tends', 'arguably', 'presumably', 'maybe',
]);

export const BOOSTERS = new Set([
  'definitely', 'certainly', 'undoubtedly', 'undeniably', 'unquestionably', 'clearly',
  'obviously', 'always', 'never', 'proven', 'proves', 'prove', 'guaranteed', 'guarantee',
  'guarantees', 'absolutely', 'surely', 'indisputably', 'conclusively', 'definitively',
  'certain', 'everyone', 'nobody', 'completely', 'totally', 'entirely', 'impossible',
  'fact', 'cure', 'cures', 'cause', 'causes', 'caused', 'will', 'must', 'every', 'all',
  'solves', 'eliminates', 'ensures', 'ensure', 'exactly', 'precisely', 'only',
]);

const SECOND_PERSON = new Set(['you', 'your', 'yours', 'yourself', 'yourselves', "you're", 'youre', 'u', 'ur', "you've", "you'll", "you'd"]);

/**
 * Which of the lists above a token is in, as bits: a turn's tokens are looked up once for all four
 * instead of once per list (the lookups were half of `analyzeText`'s own time; on the analysis
 * bench's turns `analyzeText` went from 27 to 21 µs a turn).
 */
const NEGATOR = 1;
const HEDGE = 2;
const BOOSTER = 4;
const SECOND = 8;
const TOKEN_CLASS = wordBits([[NEGATOR, NEGATORS], [HEDGE, HEDGES], [BOOSTER, BOOSTERS], [SECOND, SECOND_PERSON]]);

const MONTHS = /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;

const NUMBER_RE = /(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w)/g;
const DOI_RE = /\b10\.\d{4,9}\/[^\s"<>,;]+[^\s"<>,;.)\]]/gi;
const URL_RE = /\bhttps?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:!?]/gi;
const MARKER_RE = /\[(\d{1,3})(?:\s*[,–-]\s*\d{1,3})*\]/g;
const AUTHOR_YEAR_RE =
  /\b([A-Z][A-Za-z'-]+)(?: et al\.?| (?:and|&) [A-Z][A-Za-z'-]+)?,? \(?((?:19|20)\d{2})[a-z]?\)?/g;
const QUOTED_TITLE_RE = /"([^"\n]{12,200})"/g;

export function analyzeText(text: string): TextAnalysis {
  const { norm, tokens } = tokenise(text);
  const classes = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) classes[i] = TOKEN_CLASS.get(tokens[i].norm) ?? 0;

  const sentences = splitSentences(text, tokens);
  markNegation(text, tokens, sentences, classes);

  const numbers: Mention[] = [];
  const years: Mention[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    const value = m[0].replace(/,/g, '');
    const mention = { start: m.index, end: m.index + m[0].length, value, sentence: sentenceAt(sentences, m.index) };
    numbers.push(mention);
    if (/^(1[0-9]|20)\d{2}$/.test(value)) years.push(mention);
  }

  const names = findNames(text, tokens, sentences);
  const citations = findCitations(text, sentences);
  const identities = findIdentities(tokens, text);

  const hedges: number[] = [];
  const boosters: number[] = [];
  const secondPerson: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const c = classes[i];
    if (c & HEDGE) hedges.push(i);
    if (c & BOOSTER) boosters.push(i);
    if (c & SECOND) secondPerson.push(i);
  }

  return { text, norm, tokens, sentences, numbers, years, names, citations, identities, hedges, boosters, secondPerson, memo: [] };
}

function markNegation(text: string, tokens: Token[], sentences: Sentence[], classes: Uint8Array): void {
  for (const s of sentences) {
    let reach = -1;
    // A question opening on a negated auxiliary ("Don't you think they are vermin?", "Aren't
    // they just animals?", "Isn't the store open on Sundays?") asks for a yes: it asserts what
    // follows, it does not deny it.
    const leading = s.tokenEnd > s.tokenStart && tokens[s.tokenStart].norm.endsWith("n't") && /\?\s*$/.test(text.slice(s.start, s.end));
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      if (i <= reach) tokens[i].negated = true;
      if ((classes[i] & NEGATOR || tokens[i].norm.endsWith("n't")) && !(leading && i === s.tokenStart)) reach = i + NEGATION_WINDOW;
    }
  }
}


function findNames(text: string, tokens: Token[], sentences: Sentence[]): Mention[] {
  const names: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    const first = sentences[t.sentence]?.tokenStart === i;
    const nameLike = t.cap && !NOT_NAMES.has(t.norm) && !/^\d/.test(t.norm) && !(first && OPENING_VERBS.has(t.norm));
    if (!nameLike) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length && tokens[j].sentence === t.sentence) {
      const gap = text.slice(tokens[j - 1].end, tokens[j].start);
      if (!/^[ '-]?$/.test(gap) && gap !== ' ' && !/^\s$/.test(gap)) break;
      if (tokens[j].cap && !NOT_NAMES.has(tokens[j].norm)) j++;
      else if ((tokens[j].norm === 'of' || tokens[j].norm === 'de' || tokens[j].norm === 'van') && tokens[j + 1]?.cap) j++;
      else break;
    }
    // A single capitalised word opening a sentence is usually just grammar.
    if (!(first && j === i + 1)) {
      const start = t.start;
      const end = tokens[j - 1].end;
      names.push({ start, end, value: text.slice(start, end).toLowerCase(), sentence: t.sentence });
    }
    i = j;
  }
  return names;
}

function findCitations(text: string, sentences: Sentence[]): CitationMention[] {
  const out: CitationMention[] = [];
  let taken: Covered | undefined; // made once there is a citation
  const add = (kind: CitationMention['kind'], start: number, end: number, value: string): void => {
    if (taken?.overlaps(start, end)) return;
    out.push((taken ??= new Covered(text.length)).add({ kind, start, end, value, sentence: sentenceAt(sentences, start) }));
  };
  // A URL, DOI or marker needs "://", "10." or "[": most turns have none and skip that scan.
  if (text.includes('://')) for (const m of text.matchAll(URL_RE)) add('url', m.index, m.index + m[0].length, m[0].toLowerCase());
  if (text.includes('10.')) for (const m of text.matchAll(DOI_RE)) add('doi', m.index, m.index + m[0].length, m[0].toLowerCase());
  if (text.includes('[')) for (const m of text.matchAll(MARKER_RE)) add('marker', m.index, m.index + m[0].length, m[1]);
  for (const m of text.matchAll(AUTHOR_YEAR_RE)) {
    if (!/et al|\(|&| and /.test(m[0])) continue;
    add('author-year', m.index, m.index + m[0].length, `${m[1].toLowerCase()} ${m[2]}`);
  }
  // A quoted title needs a quotation mark: most turns have none and skip the copy.
  const quoted = /["\u201c\u201d]/.test(text) ? text.replace(/[\u201c\u201d]/g, '"') : '';
  for (const m of quoted.matchAll(QUOTED_TITLE_RE)) {
    const inner = m[1];
    const words = inner.split(/\s+/);
    const capitalised = words.filter((w) => /^[A-Z]/.test(w)).length;
    if (words.length >= 3 && capitalised / words.length >= 0.5) {
      add('title', m.index + 1, m.index + 1 + inner.length, inner.toLowerCase());
    }
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

/** Lower-case content words of a text, for cheap grounding checks against documents. */
export const STOPWORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from',
  'as', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'it', 'its', 'this', 'that', 'these',
  'those', 'he', 'she', 'they', 'his', 'her', 'their', 'them', 'him', 'we', 'our', 'you', 'your',
  'i', 'me', 'my', 'has', 'have', 'had', 'do', 'does', 'did', 'not', 'no', 'so', 'than', 'then',
  'there', 'which', 'who', 'whom', 'what', 'when', 'where', 'how', 'also', 'into', 'about', 'can',
  'will', 'would', 'should', 'could', 'may', 'might', 'if', 'all', 'any', 'some', 'such', 'one',
  'more', 'most', 'other', 'only', 'both', 'after', 'before', 'over', 'under', 'known', 'became',
]);

/** Slots of `TextAnalysis.memo` handed out so far, one per `perAnalysis` function. */
let memoSlots = 0;

/**
 * `fn` computed at most once per analysis: several detectors read the same derived signal of a
 * turn (the bias rules' sentence signals feed the toxicity model, the bias model and the bias
 * rules), and this shares one computation between them. Kept in a slot of the analysis's `memo`,
 * so the result goes with the analysis (WeakMaps keyed by the analysis cost two hash lookups a
 * call and made every garbage collection slower: 15.6 % of a turn's CPU profile was the collector
 * with them, 4.3 % without). Callers must not mutate what it returns.
 */
export function perAnalysis<T>(fn: (a: TextAnalysis) => T): (a: TextAnalysis) => T {
  const slot = memoSlots++;
  return (a) => {
    const known = a.memo[slot];
    if (known !== undefined) return known as T;
    const value = fn(a);
    a.memo[slot] = value;
    return value;
  };
}

/** The identity mentions of each sentence that has any, in order (once per analysis). */
export const identitiesBySentence = perAnalysis((a: TextAnalysis): Map<number, IdentityMention[]> => {
  const out = new Map<number, IdentityMention[]>();
  for (const m of a.identities) {
    const list = out.get(m.sentence);
    if (list) list.push(m);
    else out.set(m.sentence, [m]);
  }
  return out;
});

/**
 * `fn` computed at most once per sentence of an analysis, when first asked: the sentence-pair
 * rules read each sentence's facts once for every pair it is in (up to 29 pairs a sentence).
 * `fn` answers null, never undefined, for "nothing" (undefined marks a sentence not read yet).
 */
export function perSentence<T extends NonNullable<unknown> | null>(fn: (a: TextAnalysis, s: number) => T): (a: TextAnalysis, s: number) => T {
  const memo = perAnalysis((): T[] => []);
  return (a, s) => {
    const list = memo(a);
    let value = list[s];
    if (value === undefined) value = list[s] = fn(a, s);
    return value;
  };
}

export function isMonth(word: string): boolean {
  return MONTHS.test(word);
}

/** The text of the sentence of `a` that holds offset `at` (the whole text when there is none). */
export function sentenceTextAt(a: TextAnalysis, at: number): string {
  const s = a.sentences[sentenceAt(a.sentences, at)];
  return s ? a.text.slice(s.start, s.end) : a.text;
}
