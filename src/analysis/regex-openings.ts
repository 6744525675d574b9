/**
 * What a regex source's match can begin with, read off the source: its top-level branches, the
 * boundary a branch opens with, and the literal characters that must follow (word-starts.ts
 * files each branch by them). Reads only what it is sure of; anything it cannot read widens the
 * answer (a shorter prefix), never narrows it.
 */

/** Top-level `|` branches of a regex source. */
export function splitTop(src: string): string[] {
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

/** Index of the `)` closing the group that opens at `src[0]`, or -1. */
function groupEnd(src: string): number {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === '[') {
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
    } else if (src[i] === '(') depth++;
    else if (src[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

const OPTIONAL = /^[?*{]/;
/** A quantifier that lets what it follows match nothing: `?`, `*`, `{0,n}` (lazy or not). */
const SKIPPABLE = /^(?:[?*]|\{0(?:,\d*)?\})\??/;

/** A character that stands for itself in a regex source (outside a class). */
function isLiteral(ch: string | undefined): ch is string {
  return ch !== undefined && !'\\[](){}?*+|.^$'.includes(ch);
}

/**
 * The branch without leading lookbehinds and its `\b` or `^`, or null when it does not begin
 * with one of those (a match could then start inside a word or at a space).
 */
export function afterBoundary(branch: string): string | null {
  let s = branch;
  while (s.startsWith('(?<!') || s.startsWith('(?<=')) {
    const end = groupEnd(s);
    if (end < 0) return null;
    s = s.slice(end + 1);
  }
  if (s.startsWith('\\b')) return s.slice(2);
  if (s.startsWith('^')) return s.slice(1);
  return null;
}

/** A quantifier at the start of `s`: `?`, `*`, `+` or `{…}`. */
const QUANTIFIER = /^[?*+{]/;

/**
 * The first `n` characters a match of `s` can begin with, lower case, as a set of prefixes; a
 * prefix shorter than `n` means what follows it could not be read off the source (any character
 * may follow), and '' that not even the first could. Reads literal characters, `\b` (it
 * consumes nothing), and groups of branches, each branch followed by what follows the group;
 * anything else (classes, escapes, lookarounds, a quantified character) ends the prefix there,
 * which is always safe: a shorter prefix is tried at more places, never fewer.
 */
function heads(s: string, n: number): Set<string> {
  if (n === 0 || s === '') return new Set(['']);
  const c = s[0];
  if (s.startsWith('\\b')) return heads(s.slice(2), n);
  if (isLiteral(c) && c.charCodeAt(0) < 128) {
    const after = s.slice(1);
    if (OPTIONAL.test(after)) return new Set(['']);
    if (after.startsWith('+')) return new Set([c.toLowerCase()]);
    return new Set([...heads(after, n - 1)].map((h) => c.toLowerCase() + h));
  }
  if (c === '(' && (s[1] !== '?' || s.startsWith('(?:'))) {
    const end = groupEnd(s);
    if (end < 0) return new Set(['']);
    const branches = splitTop(s.slice(s[1] === '?' ? 3 : 1, end));
    const rest = s.slice(end + 1);
    const out = new Set<string>();
    if (QUANTIFIER.test(rest)) {
      // "(?:go )?kill", "(?:ha)+": a match begins in the group (a branch read to its end is
      // followed by something not read) or, when the group may be skipped, with what follows it.
      if (!SKIPPABLE.test(rest) && !rest.startsWith('+')) return new Set(['']);
      for (const b of branches) for (const h of heads(b, n)) out.add(h);
      if (SKIPPABLE.test(rest)) for (const h of heads(rest.replace(SKIPPABLE, ''), n)) out.add(h);
      return out;
    }
    for (const b of branches) for (const h of heads(b + rest, n)) out.add(h);
    return out;
  }
  return new Set(['']);
}

/**
 * Whether a match of `s` (a source after its boundary) must begin with an ASCII word character:
 * a letter, digit or `_`, `\d` or `\w`, or a group whose branches all do (an optional group
 * only when what follows it does too). Conservative: false when unsure.
 */
export function beginsWithWordChar(s: string): boolean {
  if (s === '') return false;
  if (/^[a-z0-9_]/i.test(s) || s.startsWith('\\d') || s.startsWith('\\w')) {
    // "a?" or "a*" may consume nothing; "a+" and "a{1,}" always consume an "a".
    const rest = s.slice(s[0] === '\\' ? 2 : 1);
    return !SKIPPABLE.test(rest) || beginsWithWordChar(rest.replace(SKIPPABLE, ''));
  }
  if (s.startsWith('(?:')) {
    const end = groupEnd(s);
    if (end < 0) return false;
    const inner = splitTop(s.slice(3, end)).every(beginsWithWordChar);
    const rest = s.slice(end + 1);
    if (SKIPPABLE.test(rest)) return inner && beginsWithWordChar(rest.replace(SKIPPABLE, ''));
    return inner;
  }
  return false;
}

/**
 * The literal prefixes a match of `s` (a source after its boundary) can begin with, lower case:
 * as long as can be read off the source up to `PREFIX_DEPTH` characters, shorter where the
 * openings multiply past `PREFIX_MAX` (a group of groups), '' when not even the first can be read.
 */
export function prefixes(s: string): string[] {
  for (let n = PREFIX_DEPTH; n > 0; n--) {
    const out = heads(s, n);
    if (out.size <= PREFIX_MAX) return [...out];
  }
  return [''];
}
const PREFIX_DEPTH = 12;
const PREFIX_MAX = 256;
