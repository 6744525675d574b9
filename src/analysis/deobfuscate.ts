/**
 * Spellings that hide abuse from a word list: letters spaced out ("b l a c k"), digits for letters
 * ("h4te", "mu5lims", "h8"), words run together ("Ihateblackpeople") and one slip of the keyboard
 * in a group's name or a dehumanising word ("Mslims", "muslmis", "vremin"). `deobfuscate` rewrites
 * such a turn into plain words, with a map back to the original offsets, or returns null (almost
 * every turn, after one pass over its tokens: about 2 µs). The engine reads the rewritten turn for
 * toxicity and bias only, and keeps what it adds (engine.ts): a rewrite can only find abuse, never
 * hide it. Written for Chatlens.
 */
import { CONTEMPT_WORDS, DEHUMANISING } from './lexicons-harm.js';
import { IDENTITY_TERMS, INSULTS_ANYWHERE } from './lexicons.js';
import { STOPWORDS, type TextAnalysis } from './text.js';

export interface Rewritten {
  text: string;
  /** For every character of `text`, the offset of the original character it came from. */
  from: number[];
}

/**
 * Words that a slip of the keyboard is repaired into: names of groups that abuse is most often
 * aimed at, and words that dehumanise, long enough that one slip in them makes no real word. A
 * short list on purpose: without a dictionary, a longer one repairs real words ("believes" is one
 * letter from "believers", "tries" from "tribes").
 */
const TARGETS = new Set([
  'muslims', 'muslim', 'immigrants', 'immigrant', 'mexicans', 'refugees', 'christians', 'lesbians',
  'homosexuals', 'transgender', 'disabled', 'jewish', 'hindus', 'buddhists', 'foreigners',
  'vermin', 'parasites', 'cockroaches', 'disgusting', 'worthless', 'pathetic', 'terrorists', 'criminals',
]);
/** Real words one slip away from a target: never repaired. */
const NEAR_WORDS = new Set(['muslin', 'muslins']);

/**
 * A target with one inner letter dropped ("mslims") or two neighbouring inner letters swapped
 * ("muslmis") → the target. Only inside the word: a first or last letter dropped makes real words
 * ("sexual" from "asexual", "america" from "american"), and a letter swapped for another makes
 * too many ("better" and "bitter").
 */
const SLIPS = new Map<string, string>();
for (const t of TARGETS) {
  for (let i = 1; i < t.length - 1; i++) {
    const dropped = t.slice(0, i) + t.slice(i + 1);
    if (!SLIPS.has(dropped)) SLIPS.set(dropped, t);
    if (i + 1 < t.length - 1 && t[i] !== t[i + 1]) {
      const swapped = t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2);
      if (!SLIPS.has(swapped)) SLIPS.set(swapped, t);
    }
  }
}

/** Vocabulary for splitting words run together: every one is recognised when written apart. */
const PIECES = new Set<string>([
  ...[...IDENTITY_TERMS.keys()].filter((t) => !t.includes(' ')),
  ...INSULTS_ANYWHERE, ...CONTEMPT_WORDS, ...DEHUMANISING, ...STOPWORDS,
  'hate', 'hates', 'despise', 'kill', 'are', 'is', 'all', 'people', 'should', 'die', 'go', 'back',
  'i', 'you', 'we', 'they', 'them', 'not', 'welcome', 'disgusting', 'worthless', 'trash', 'scum',
]);
/** Pieces that make a run-together word worth reading: a group or a word of abuse. */
const LOADED_WORDS = new Set<string>([...IDENTITY_TERMS.keys(), ...INSULTS_ANYWHERE, ...DEHUMANISING, ...CONTEMPT_WORDS, ...TARGETS, 'hate']);
const LOADED = (w: string): boolean => LOADED_WORDS.has(w);

/** `word` cut into PIECES, the fewest pieces first, or null. */
function split(word: string): string[] | null {
  const n = word.length;
  const best: (string[] | null)[] = new Array(n + 1).fill(null);
  best[0] = [];
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - 14); j < i; j++) {
      const prev = best[j];
      const piece = word.slice(j, i);
      if (prev && PIECES.has(piece) && (!best[i] || best[i]!.length > prev.length + 1)) best[i] = [...prev, piece];
    }
  }
  const out = best[n];
  // Every piece a word of three letters or more, but an opening "I" ("ihateblackpeople"), so that
  // ordinary words are not cut into little ones ("transition" is no "trans it i on").
  return out && out.length >= 2 && out.some(LOADED) && out.every((p, k) => p.length >= 3 || (k === 0 && p === 'i')) ? out : null;
}

const LEET: Record<string, string> = { 0: 'o', 1: 'i', 3: 'e', 4: 'a', 5: 's', 7: 't', '@': 'a', $: 's' };
/** The longest run-together word split (a sentence's worth): the split is quadratic in its length. */
const MAX_RUN = 48;
/** What a run-together word must hold to be worth splitting ("ihateblackpeople"). */
const ANCHOR = /hate|musl|jew|gay|black|women|immigr|trans|lesb|asian|arab|mexic|refug|christ|hindu|disab|retard|scum|vermin|trash|disgust|kill/;

function leet(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    // "h8" for "hate", "gr8" for "great": an 8 after letters reads "ate".
    if (c === '8' && i > 0) out += 'ate';
    else out += LEET[c] ?? c;
  }
  return out;
}

/** The target a slip of the keyboard stands for, or null. */
function repair(word: string): string | null {
  const target = SLIPS.get(word);
  if (!target || TARGETS.has(word) || NEAR_WORDS.has(word) || STOPWORDS.has(word) || PIECES.has(word)) return null;
  return target;
}

/**
 * Somewhere in a turn, an ASCII letter and a digit (or "@", "$") side by side, as
 * /[a-z][0-9@$]|[0-9@$][a-z]/i finds them: the one test before any word is read for them. A loop
 * over the codes, since the regex tried both branches at every character (1 % of a turn).
 */
function lettersBesideDigits(text: string): boolean {
  let letter = false;
  let digit = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isLetter = (c | 32) >= 97 && (c | 32) <= 122;
    const isDigit = (c >= 48 && c <= 57) || c === 64 || c === 36;
    if ((letter && isDigit) || (digit && isLetter)) return true;
    letter = isLetter;
    digit = isDigit;
  }
  return false;
}

/** A letter and a digit (or "@", "$") in one word: "h4te", "mu5lims", "h8". */
function mixesDigits(w: string): boolean {
  let letter = false;
  let digit = false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) letter = true;
    else if ((c >= 48 && c <= 57) || c === 64 || c === 36) digit = true;
  }
  return letter && digit;
}

/**
 * The turn rewritten into plain words, or null when nothing in it looks obfuscated. Digits are
 * read as letters only where that makes a group's name or a word of abuse ("bl4ck", "h8"), not in
 * order numbers; slips of the keyboard are repaired only beside an intact group name or word of
 * abuse ("Mslims are disgusting"), so "the omen" is never read as anything.
 */
export function deobfuscate(a: TextAnalysis): Rewritten | null {
  const toks = a.tokens;
  const text = a.text;
  let fixed: (string | null)[] | null = null;
  const set = (i: number, w: string): void => {
    fixed ??= new Array<string | null>(toks.length).fill(null);
    fixed[i] = w;
  };
  // Spaced letters: three or more one-letter tokens a single space apart become one word; a
  // leading "I" stays a word ("I h a t e women").
  for (let i = 0; i < toks.length; ) {
    let j = i;
    while (j + 1 < toks.length && toks[j].end - toks[j].start === 1 && toks[j + 1].end - toks[j + 1].start === 1 && toks[j + 1].start === toks[j].end + 1 && text.charCodeAt(toks[j].end) === 32) j++;
    if (j - i >= 2 && toks[i].end - toks[i].start === 1) {
      let from = i;
      if (toks[i].norm === 'i' && text[toks[i].start] === 'I' && j - i >= 3) from = i + 1;
      if (j - from >= 2) {
        // A run may spell several words ("h a t e b l a c k"): split it as a run-together word.
        const joined = toks.slice(from, j + 1).map((t) => t.norm).join('');
        set(from, (joined.length <= MAX_RUN ? split(joined)?.join(' ') : null) ?? joined);
        for (let k = from + 1; k <= j; k++) set(k, '');
      }
      i = j + 1;
    } else i++;
  }
  // Digits read as letters, run-together words split; and which sentences hold a loaded word.
  let loadedSentences: Set<number> | null = null;
  const digits = lettersBesideDigits(text);
  for (let i = 0; i < toks.length; i++) {
    if (fixed?.[i] != null) continue;
    const w = toks[i].norm;
    let now = w;
    if (digits && w.length >= 2 && mixesDigits(w)) {
      const plain = leet(w);
      if (LOADED(plain)) set(i, (now = plain));
    } else if (w.length >= 9 && w.length <= MAX_RUN && ANCHOR.test(w) && !PIECES.has(w) && /^[a-z]+$/.test(w)) {
      const pieces = split(w);
      if (pieces) set(i, (now = pieces.join(' ')));
    }
    if (LOADED(now)) (loadedSentences ??= new Set()).add(toks[i].sentence);
  }
  if (loadedSentences) {
    // Slips of the keyboard, in a sentence that also holds an intact group name or word of abuse.
    for (let i = 0; i < toks.length; i++) {
      if (toks[i].norm.length < 5 || !loadedSentences.has(toks[i].sentence) || fixed?.[i] != null) continue;
      const r = repair(toks[i].norm);
      if (r) set(i, r);
    }
  }
  if (fixed === null) return null;
  const rewrite: (string | null)[] = fixed;
  let out = '';
  const from: number[] = [];
  let at = 0;
  const copy = (end: number): void => {
    for (; at < end; at++) {
      out += text[at];
      from.push(at);
    }
  };
  for (let i = 0; i < toks.length; i++) {
    if (rewrite[i] === null) continue;
    // The later letters of a joined run: already written with its first.
    if (rewrite[i] === '') continue;
    const t = toks[i];
    copy(t.start);
    // A joined run swallows the spaces between its letters.
    let last = t.end;
    for (let k = i + 1; k < toks.length && rewrite[k] === ''; k++) last = toks[k].end;
    const w = rewrite[i]!;
    // Letter for letter where the rewrite keeps the count of letters (spaces joined or inserted,
    // digits read as letters), so a span on the rewrite lands on the same letters of the turn.
    const letters: number[] = [];
    for (let k = t.start; k < last; k++) if (text[k] !== ' ') letters.push(k);
    const same = w.replace(/ /g, '').length === letters.length;
    let n = 0;
    for (let k = 0; k < w.length; k++) {
      out += w[k];
      if (!same) from.push(t.start + Math.min(k, last - t.start - 1));
      else if (w[k] === ' ') from.push(letters[Math.min(n, letters.length - 1)]);
      else from.push(letters[n++]);
    }
    at = last;
  }
  copy(text.length);
  return { text: out, from };
}
