/**
 * Fast pre-tests for the toxicity phrase patterns (lexicons.ts): every condescension, hostile
 * and threat pattern is tried only at ASCII word starts, and only with the branches that can
 * begin with that word's first letter. A match here says "some pattern matches"; the single
 * patterns then run to get the spans.
 */
import { CONDESCENSION_PATTERNS, HOSTILE_PATTERNS, THREAT_PATTERNS } from '../lexicons.js';
import { PATRONISING_PATTERNS } from './toxicity-condescension.js';

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

const PHRASES_ANY = bucketed([...CONDESCENSION_PATTERNS, ...PATRONISING_PATTERNS, ...HOSTILE_PATTERNS], 'imy');
const THREATS_ANY = bucketed(THREAT_PATTERNS, 'iy');
const PATRONISING_ANY = bucketed(PATRONISING_PATTERNS, 'imy');

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
export const patronisingAnyMatch = (text: string): boolean => testAtWordStarts(PATRONISING_ANY, text);
