/**
 * "Does any of these patterns match?" for long lists of word phrases, tried only at word starts.
 *
 * A big case-insensitive alternation costs V8 most of its time trying every branch at every
 * offset. Almost every branch of the phrase lists begins with `\b` (or `^`) and a letter, so a
 * match can only start at an ASCII word character not preceded by one, and only the branches
 * whose literal opening the text goes on with need trying there. The openings are read off each
 * branch (through groups: "(?:i|we) will" opens with "i will" or "we will", and a branch opening
 * with a digit, "9\/11", is found only where a digit is) into a trie of up to twelve characters;
 * at a word start the text walks the trie and the deepest node it reaches holds the branches to
 * try, as one sticky regex. Branches that cannot be read that way (a leading space, class or
 * escape) go to a `residual` regex scanned the ordinary way, so the answer is the same as the
 * plain alternation's for every text (word-starts.test.ts checks it against the plain scan).
 *
 * Measured on the bench's 300-character turns (CPU time per text): the 22 counter-stereotype
 * patterns 9.3 µs as one alternation, 3.9 µs bucketed by two characters; the 100 toxicity phrase
 * patterns 74 µs as one alternation, 5.0 µs bucketed by first letter only, 4.2 µs by two. Of
 * those about 1.4 µs is the scan for word starts itself, so a short list (10 veiled threats: 0.9
 * µs as a plain alternation, 2.3 µs with its own scan) gains only when it reads a scan the turn
 * has anyway (`wordStartsOf`). Reading past two characters, so that "you will" is not tried at
 * every "you", took the whole engine from 3,946 to 4,207 turns/s (CPU, compiled, ten alternated
 * process pairs).
 *
 * Flags: only `i` and `m` are supported; `u` would let non-ASCII letters match ASCII ones.
 */
import { perAnalysis } from './text.js';

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
function afterBoundary(branch: string): string | null {
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
function beginsWithWordChar(s: string): boolean {
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

/** ASCII word character, as `\b` sees it in a non-unicode regex. */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * The literal prefixes a match of `s` (a source after its boundary) can begin with, lower case:
 * as long as can be read off the source up to `PREFIX_DEPTH` characters, shorter where the
 * openings multiply past `PREFIX_MAX` (a group of groups), '' when not even the first can be read.
 */
function prefixes(s: string): string[] {
  for (let n = PREFIX_DEPTH; n > 0; n--) {
    const out = heads(s, n);
    if (out.size <= PREFIX_MAX) return [...out];
  }
  return [''];
}
const PREFIX_DEPTH = 12;
const PREFIX_MAX = 256;

/**
 * A node of the prefix trie: the branches whose every match begins with the characters on the
 * path to it (`branches`: those of its ancestors too), as one sticky regex compiled on first use.
 */
interface PrefixNode {
  /** Characters read to reach it. */
  depth: number;
  next: Map<number, PrefixNode> | null;
  branches: number[];
  regex: RegExp | null | undefined;
}

export interface WordStartMatcher {
  /** The trie's nodes two characters deep, by the first character's code times 128 plus the second's (lower case); a shallower node where the trie ends sooner, null where no branch can begin. */
  buckets: (PrefixNode | null)[];
  /** The branches that are not tried at word starts only, as one ordinary regex (or null). */
  residual: RegExp | null;
  /** Regex of a node's branches (null when none), compiled once per distinct set. */
  compile(node: PrefixNode): RegExp | null;
}

/**
 * The branches of `patterns` in a trie of the literal prefixes a match can begin with: at a word
 * start only the branches whose prefix the text goes on with are tried, in one sticky regex. The
 * first two characters index an array (most word starts end there); deeper characters walk the
 * trie, so "you will" is not tried at every "you".
 */
export function wordStartMatcher(patterns: readonly RegExp[], flags: string): WordStartMatcher {
  if (/[^im]/.test(flags)) throw new Error(`wordStartMatcher supports the flags i and m only, not "${flags}"`);
  const all = patterns.flatMap((re) => splitTop(re.source));
  const atWords: string[] = [];
  const rest: string[] = [];
  const root: PrefixNode = { depth: 0, next: null, branches: [], regex: undefined };
  const child = (node: PrefixNode, c: number): PrefixNode => {
    node.next ??= new Map();
    let n = node.next.get(c);
    if (!n) node.next.set(c, (n = { depth: node.depth + 1, next: null, branches: [], regex: undefined }));
    return n;
  };
  for (const source of all) {
    const body = afterBoundary(source);
    if (body === null || !beginsWithWordChar(body)) {
      rest.push(source);
      continue;
    }
    const id = atWords.push(source) - 1;
    for (const prefix of prefixes(body)) {
      let node = root;
      for (let k = 0; k < prefix.length; k++) node = child(node, prefix.charCodeAt(k));
      node.branches.push(id);
    }
  }
  // Each node holds its ancestors' branches too: the deepest node a word start reaches is its set.
  // A node with no branch below it is cut off: no match can begin with its path.
  const inherit = (node: PrefixNode, above: number[]): boolean => {
    let live = node.branches.length > 0;
    node.branches = [...new Set([...above, ...node.branches])].sort((x, y) => x - y);
    for (const [c, n] of node.next ?? []) {
      if (inherit(n, node.branches)) live = true;
      else node.next!.delete(c);
    }
    if (node.next?.size === 0) node.next = null;
    return live;
  };
  inherit(root, []);
  const compiled = new Map<string, RegExp | null>();
  const compile = (node: PrefixNode): RegExp | null => {
    if (node.regex === undefined) {
      const id = node.branches.join(',');
      if (!compiled.has(id)) compiled.set(id, node.branches.length ? new RegExp(node.branches.map((i) => `(?:${atWords[i]})`).join('|'), `${flags}y`) : null);
      node.regex = compiled.get(id)!;
    }
    return node.regex;
  };
  const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
  const buckets: (PrefixNode | null)[] = new Array(128 * 128).fill(null);
  for (let c1 = 0; c1 < 128; c1++) {
    if (!isWordCode(c1)) continue;
    const one = root.next?.get(lower(c1)) ?? root;
    for (let c2 = 0; c2 < 128; c2++) {
      const node = (one !== root && one.next?.get(lower(c2))) || one;
      // Only a node two characters deep is walked on from (regexAt); a shallower one is its own set.
      buckets[c1 * 128 + c2] = node.branches.length || (node.depth === 2 && node.next) ? node : null;
    }
  }
  const residual = rest.length ? new RegExp(rest.map((b) => `(?:${b})`).join('|'), flags) : null;
  return { buckets, residual, compile };
}

/**
 * The ASCII word starts of a text (`at`) and their bucket keys (`key`: the first character's
 * code times 128 plus the next character's, lower case, or 0 when that is not ASCII or the text
 * ends: no opening holds such a character). Found once per turn and read by every matcher: the
 * scan alone costs about 1.4 µs per 300 characters.
 */
export interface WordStarts {
  at: number[];
  key: number[];
}

export function wordStarts(text: string): WordStarts {
  const at: number[] = [];
  const key: number[] = [];
  let prevWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const w = isWordCode(c);
    if (w && !prevWord) {
      let next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 128) next = 0;
      else if (next >= 65 && next <= 90) next += 32;
      at.push(i);
      key.push(c * 128 + next);
    }
    prevWord = w;
  }
  return { at, key };
}

/**
 * The regex to try at word start `k`: its bucket's node, then down the trie as far as the text
 * goes on with a branch's prefix (from a node two characters deep: a shallower one is where the
 * trie or the text ended).
 */
function regexAt(m: WordStartMatcher, text: string, starts: WordStarts, k: number): RegExp | null {
  const bucket = m.buckets[starts.key[k]];
  if (!bucket) return null;
  let node: PrefixNode = bucket;
  if (node.depth === 2 && node.next !== null) {
    for (let i = starts.at[k] + 2; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c += 32;
      const n = node.next.get(c);
      if (!n) break;
      node = n;
      if (node.next === null) break;
    }
  }
  return node.regex === undefined ? m.compile(node) : node.regex;
}

/** `wordStarts` of an analysed turn's text, found once however many matchers read it. */
export const wordStartsOf = perAnalysis((a) => wordStarts(a.text));

/** Whether any branch matches `text` (the same answer as the plain alternation's `test`). */
export function anyMatch(m: WordStartMatcher, text: string, starts: WordStarts = wordStarts(text)): boolean {
  for (let k = 0; k < starts.at.length; k++) {
    const re = regexAt(m, text, starts, k);
    if (re) {
      re.lastIndex = starts.at[k];
      if (re.test(text)) return true;
    }
  }
  return m.residual !== null && m.residual.test(text);
}

/**
 * Every word start at which some branch matches, in order ([] when none does). Only for
 * matchers without a residual, whose every match begins at a word start.
 */
export function matchStarts(m: WordStartMatcher, text: string, starts: WordStarts = wordStarts(text)): number[] {
  if (m.residual) throw new Error('matchStarts needs a matcher whose every branch is tried at word starts');
  const out: number[] = [];
  for (let k = 0; k < starts.at.length; k++) {
    const re = regexAt(m, text, starts, k);
    if (re) {
      re.lastIndex = starts.at[k];
      if (re.test(text)) out.push(starts.at[k]);
    }
  }
  return out;
}

const stickyCopies = new Map<RegExp, RegExp>();

/**
 * `re.exec(text)` with `re` tried only at `starts`, the `matchStarts` of a matcher holding every
 * branch of `re` (with at least its flags): `re` can match nowhere else, so its leftmost match
 * begins at the first of them where it matches, and is the same match. With a phrase somewhere
 * in a turn, its 100 patterns run one by one cost about 45 µs this way round.
 */
export function execAt(re: RegExp, text: string, starts: readonly number[]): RegExpExecArray | null {
  let sticky = stickyCopies.get(re);
  if (!sticky) {
    sticky = new RegExp(re.source, `${re.flags.replace(/[gy]/g, '')}y`);
    stickyCopies.set(re, sticky);
  }
  for (const i of starts) {
    sticky.lastIndex = i;
    const m = sticky.exec(text);
    if (m) return m;
  }
  return null;
}

/** `anyMatch` over `patterns` as a function of the text (and optionally its word starts). */
export function anyMatcher(patterns: readonly RegExp[], flags: string): (text: string, starts?: WordStarts) => boolean {
  const m = wordStartMatcher(patterns, flags);
  return (text, starts) => anyMatch(m, text, starts);
}
