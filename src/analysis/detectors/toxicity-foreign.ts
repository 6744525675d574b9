/**
 * Abuse written in French, Spanish, Portuguese, German, Italian or Dutch (lists in
 * lexicons-foreign.ts), as the English rules' own structures: swear words and slurs are lexicon
 * hits, threats and insults aimed at the reader are spans (toxicity-cues.ts adds them to its
 * `hits`, `threats` and `insults`, so the scores and severities are the English ones).
 *
 * A language's lists are read only in a turn written in it: its function words (language.ts)
 * plus the abuse found in it must outnumber the English function words. So an English turn is
 * left alone, and a short one such as "vaffanculo" or "te voy a matar", too short for two
 * function words, is still read. Turns with no listed word at all stop at one set look-up a word.
 */
import { FOREIGN_LEXICONS, type ForeignLexicon } from '../lexicons-foreign.js';
import { type OtherLanguage, languageCounts, pickLanguage } from '../language.js';
import type { TextAnalysis } from '../text.js';
import type { Span } from '../types.js';
import { turnSpan } from '../detector.js';
import { perKey } from '../../lib/per-key.js';

/** A swear word or slur found: the shape of toxicity-cues.ts's LexiconHit (not imported: it imports us). */
export interface ForeignHit {
  start: number;
  end: number;
  word: string;
  kind: 'slur' | 'profanity';
  /** Quoted or reported ("il m'a traité de …"). */
  mentioned: boolean;
  extra: true;
}

export interface ForeignCues {
  lang: OtherLanguage;
  hits: ForeignHit[];
  threats: Span[];
  insults: Span[];
}

/** Lower case, accents stripped (as tokens.ts does), "ß" as "ss", typographic apostrophes plain. */
export function fold(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').replace(/’/g, "'");
}

interface Compiled {
  lex: ForeignLexicon;
  /** Word or phrase (words joined by one space) → kind; "=" entries keep their accented form. */
  words: Map<string, { kind: 'slur' | 'profanity'; exact?: string }>;
  firstWords: Set<string>;
  longest: number;
  prefixes: string[];
  insults: Set<string>;
  address: Set<string>;
  fillers: Set<string>;
  negators: Set<string>;
  threatWords: Set<string>;
}

const LANGS = Object.keys(FOREIGN_LEXICONS) as OtherLanguage[];
const COMPILED = new Map<OtherLanguage, Compiled>();
/**
 * Folded word → the languages (bits, in LANGS order) whose swear words, slurs or threats it may
 * be part of: a listed word, a phrase's longest word ("cago", not "me", of "me cago en"), a
 * threat's verb. Insult words count only with an address word of the same language, since
 * "idiot", "clown" or "cons" are English words too.
 */
const CANDIDATES = new Map<string, number>();
/** In CANDIDATES' values: language bits of insult words shifted by INSULT, of address words by ADDRESS. */
const INSULT = 8;
const ADDRESS = 16;
const LANG_BITS = 0xff;
/** Compound prefixes by their first three letters' codes ("kut" → kut*, "sch" → scheiss*). */
const PREFIXES = new Map<number, [string, number][]>();
const head = (w: string): number => (w.charCodeAt(0) << 16) | (w.charCodeAt(1) << 8) | w.charCodeAt(2);

LANGS.forEach((lang, k) => {
  const lex = FOREIGN_LEXICONS[lang];
  const c: Compiled = {
    lex, words: new Map(), firstWords: new Set(), longest: 1, prefixes: [],
    insults: new Set(lex.insults.map(fold)), address: new Set(lex.address.map(fold)),
    fillers: new Set(lex.fillers.map(fold)), negators: new Set(lex.negators.map(fold)),
    threatWords: new Set(lex.threatWords.map(fold)),
  };
  const mark = (w: string, shift = 0): void => void CANDIDATES.set(w, (CANDIDATES.get(w) ?? 0) | (1 << (k + shift)));
  for (const [list, kind] of [[lex.profanity, 'profanity'], [lex.slurs, 'slur']] as const) {
    for (const raw of list) {
      if (raw.endsWith('*')) {
        c.prefixes.push(fold(raw.slice(0, -1)));
        const p = fold(raw.slice(0, -1));
        PREFIXES.set(head(p), [...(PREFIXES.get(head(p)) ?? []), [p, 1 << k]]);
        continue;
      }
      const exact = raw.startsWith('=') ? raw.slice(1).normalize('NFC') : undefined;
      const key = fold(exact ?? raw);
      // A slur listed as profanity too stays a slur.
      if (c.words.get(key)?.kind !== 'slur') c.words.set(key, { kind, exact });
      const parts = key.split(' ');
      c.longest = Math.max(c.longest, parts.length);
      if (parts.length > 1) c.firstWords.add(parts[0]);
      mark(parts.reduce((x, y) => (y.length > x.length ? y : x)));
    }
  }
  for (const w of lex.threatWords) mark(fold(w));
  for (const w of c.insults) mark(w, INSULT);
  for (const w of c.address) mark(w, ADDRESS);
  COMPILED.set(lang, c);
});

interface Unit {
  norm: string;
  start: number;
  end: number;
  sentence: number;
}

/** The turn's words, elided ones apart ("t'es" → "t'", "es"), folded. */
function unitsOf(a: TextAnalysis): Unit[] {
  const out: Unit[] = [];
  const push = (s: string, start: number, end: number, sentence: number): void => {
    out.push({ norm: s.includes('ß') ? s.replace(/ß/g, 'ss') : s, start, end, sentence });
  };
  for (const t of a.tokens) {
    const n = t.norm;
    if (n.includes("'") && t.end - t.start === n.length) {
      let from = 0;
      for (let k = n.indexOf("'"); k >= 0; k = n.indexOf("'", from)) {
        push(n.slice(from, k + 1), t.start + from, t.start + k + 1, t.sentence);
        from = k + 1;
      }
      push(n.slice(from), t.start + from, t.end, t.sentence);
    } else push(n, t.start, t.end, t.sentence);
  }
  return out;
}

/**
 * `computeCandidateBits` per word, kept (words repeat across turns): one lookup a token instead
 * of two scans, a lookup and a prefix test.
 */
const candidateBits = perKey(computeCandidateBits, 50_000);

/** CANDIDATES' bits of a word, of its elided parts ("t'", "es") and of the prefixes it starts with. */
function computeCandidateBits(word: string): number {
  const norm = word.includes('ß') ? word.replace(/ß/g, 'ss') : word;
  let bits = CANDIDATES.get(norm) ?? 0;
  if (norm.includes("'")) {
    let from = 0;
    for (let k = norm.indexOf("'"); k >= 0; k = norm.indexOf("'", from)) {
      bits |= CANDIDATES.get(norm.slice(from, k + 1)) ?? 0;
      from = k + 1;
    }
    bits |= CANDIDATES.get(norm.slice(from)) ?? 0;
  }
  if (norm.length >= 5) for (const [p, bit] of PREFIXES.get(head(norm)) ?? []) if (norm.length >= p.length + 2 && norm.startsWith(p)) bits |= bit;
  return bits;
}

/** A masked or leetspeak word: letters with "*", "@", "$" or digits among them ("p*ta", "m3rde"). */
const LEET_IN_WORD = /[a-z][013457]|[013457][a-z]/i;
const maybeMasked = (text: string): boolean => text.includes('*') || text.includes('@') || text.includes('$') || LEET_IN_WORD.test(text);
const MASKED_WORD = /(?<![\p{L}\d*@$])[\p{L}\d*@$]*\p{L}[\p{L}\d*@$]*(?![\p{L}\d*@$])/gu;
const LEET: Record<string, string> = { 0: 'o', 1: 'i', 3: 'e', 4: 'a', 5: 's', 7: 't', '@': 'a', $: 's' };

interface Masked {
  start: number;
  end: number;
  /** Per language, the listed word it stands for. */
  words: Map<OtherLanguage, string>;
}

/** The listed single words a masked word can stand for: each "*" one letter, at most half of it. */
function maskedWords(text: string): Masked[] {
  const out: Masked[] = [];
  for (const m of text.matchAll(MASKED_WORD)) {
    if (!/[*@$\d]/.test(m[0])) continue;
    const w = fold(m[0]).replace(/[013457@$]/g, (ch) => LEET[ch]);
    const stars = w.split('*').length - 1;
    if (w.length < 4 || /\d/.test(w) || stars * 2 > w.length) continue;
    const words = new Map<OtherLanguage, string>();
    for (const [lang, c] of COMPILED) {
      if (!stars) {
        if (c.words.has(w) && !c.words.get(w)!.exact) words.set(lang, w);
        continue;
      }
      for (const key of c.words.keys()) {
        if (key.length !== w.length || key.includes(' ')) continue;
        let ok = true;
        for (let k = 0; k < w.length && ok; k++) ok = w[k] === '*' ? /[a-z]/.test(key[k]) : w[k] === key[k];
        if (ok) {
          words.set(lang, key);
          break;
        }
      }
    }
    if (words.size) out.push({ start: m.index, end: m.index + m[0].length, words });
  }
  return out;
}

const QUOTE_BEFORE = /["'“‘«„]\s?$/;
const QUOTE_AFTER = /^\s?["'”’»“]/;

/** Finds of one language's lists in the turn. */
/** What one language's lists found, and how many of the turn's words they cover. */
type Finds = Omit<ForeignCues, 'lang'> & { words: number };

function findIn(lang: OtherLanguage, c: Compiled, text: string, units: Unit[], joined: string, pos: number[], masked: Masked[]): Finds {
  const { lex } = c;
  const harmless: [number, number][] = [];
  if (lex.harmless) for (const m of joined.matchAll(new RegExp(lex.harmless.source, 'g'))) harmless.push([m.index, m.index + m[0].length]);
  const reported = (i: number, j: number): boolean => {
    const before = joined.slice(Math.max(0, pos[i] - 60), pos[i]);
    const after = joined.slice(pos[j] + units[j].norm.length, pos[j] + units[j].norm.length + 60);
    const quoted = QUOTE_BEFORE.test(text.slice(Math.max(0, units[i].start - 2), units[i].start)) && QUOTE_AFTER.test(text.slice(units[j].end, units[j].end + 2));
    return quoted || lex.mentionBefore.test(before) || (lex.mentionAfter?.test(after) ?? false);
  };
  const hits: ForeignHit[] = [];
  let words = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i].norm;
    let key = u;
    let j = i;
    let entry = c.words.get(u);
    // Longest phrase first ("fils de pute" before "pute").
    if (c.firstWords.has(u)) {
      for (let len = Math.min(c.longest, units.length - i); len > 1; len--) {
        const phrase = joined.slice(pos[i], pos[i + len - 1] + units[i + len - 1].norm.length);
        const e = c.words.get(phrase);
        if (e) [entry, key, j] = [e, phrase, i + len - 1];
        if (e) break;
      }
    }
    if (entry?.exact && text.slice(units[i].start, units[j].end).normalize('NFC').toLowerCase() !== entry.exact) entry = undefined;
    if (!entry && !c.prefixes.some((p) => u.length >= p.length + 2 && u.startsWith(p))) continue;
    if (harmless.some(([s, e]) => pos[i] >= s && pos[i] < e)) continue;
    hits.push({ start: units[i].start, end: units[j].end, word: key, kind: entry?.kind ?? 'profanity', mentioned: reported(i, j), extra: true });
    words += j - i + 1;
    i = j;
  }
  for (const m of masked) {
    const key = m.words.get(lang);
    if (!key || hits.some((h) => h.start < m.end && m.start < h.end)) continue;
    const quoted = QUOTE_BEFORE.test(text.slice(Math.max(0, m.start - 2), m.start)) && QUOTE_AFTER.test(text.slice(m.end, m.end + 2));
    hits.push({ start: m.start, end: m.end, word: key, kind: c.words.get(key)!.kind, mentioned: quoted, extra: true });
    words++;
  }

  // An insult after a form of address with only fillers between, not negated.
  const insults: Span[] = [];
  let from = -1;
  let gap = 0;
  let negated = false;
  for (let i = 0; i < units.length; i++) {
    const u = units[i].norm;
    if (from >= 0 && units[i].sentence !== units[from].sentence) from = -1;
    if (from >= 0 && c.insults.has(u)) {
      if (!negated && !reported(from, i)) {
        insults.push(turnSpan(text, units[from].start, units[i].end));
        words += i - from + 1;
      }
      from = -1;
    } else if (c.address.has(u)) {
      negated = from >= 0 ? negated : (i > 0 && c.negators.has(units[i - 1].norm)) || (i > 1 && c.negators.has(units[i - 2].norm));
      from = i;
      gap = 0;
    } else if (from >= 0 && c.negators.has(u)) negated = true;
    else if (from >= 0 && c.fillers.has(u) && ++gap <= 4) continue;
    else from = -1;
  }

  const threats: Span[] = [];
  if (units.some((x) => c.threatWords.has(x.norm))) {
    for (const re of lex.threats) {
      const m = re.exec(joined);
      if (!m) continue;
      const i = unitAt(pos, m.index);
      const j = unitAt(pos, m.index + m[0].trimEnd().length - 1);
      threats.push(turnSpan(text, units[i].start, units[j].end));
      words += j - i + 1;
    }
  }
  return { hits, threats, insults, words };
}

/** The unit whose text holds offset `at` of the joined string. */
function unitAt(pos: number[], at: number): number {
  let lo = 0;
  let hi = pos.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pos[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Abuse in the language the turn is written in, when that is one of the six; else null. */
export function foreignCues(a: TextAnalysis): ForeignCues | null {
  let all = 0;
  for (const t of a.tokens) all |= candidateBits(t.norm);
  let bits = (all & LANG_BITS) | ((all >> INSULT) & (all >> ADDRESS) & LANG_BITS);
  const masked = maybeMasked(a.text) ? maskedWords(a.text) : [];
  for (const m of masked) for (const lang of m.words.keys()) bits |= 1 << LANGS.indexOf(lang);
  if (!bits) return null;
  const units = unitsOf(a);
  const pos: number[] = [];
  let joined = '';
  for (const u of units) {
    pos.push(joined.length);
    joined += `${u.norm} `;
  }
  const found = new Map<OtherLanguage, Finds>();
  LANGS.forEach((lang, k) => {
    if (!(bits & (1 << k))) return;
    const f = findIn(lang, COMPILED.get(lang)!, a.text, units, joined, pos, masked);
    if (f.hits.length || f.threats.length || f.insults.length) found.set(lang, f);
  });
  if (!found.size) return null;
  // The words of the abuse found count as words of its language, so "vaffanculo" alone is
  // Italian and "os voy a matar a todos" Spanish (whose "os" and "a" are Portuguese words too).
  const counts = languageCounts(a.text);
  for (const [lang, f] of found) counts.set(lang, (counts.get(lang) ?? 0) + f.words);
  const lang = pickLanguage(counts, 1);
  const f = lang && found.get(lang);
  return f ? { lang, hits: f.hits, threats: f.threats, insults: f.insults } : null;
}
