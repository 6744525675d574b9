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
import { afterBoundary, beginsWithWordChar, prefixes, splitTop } from './regex-openings.js';
import { perAnalysis } from './text.js';

/** ASCII word character, as `\b` sees it in a non-unicode regex. */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * A node of the prefix trie while it is built: the branches whose every match begins with the
 * characters on the path to it (after `inherit`, those of its ancestors too).
 */
interface PrefixNode {
  /** Characters read to reach it. */
  depth: number;
  next: Map<number, PrefixNode> | null;
  branches: number[];
}

/**
 * The trie as it is read, flat: node ids index typed arrays, and a node's children are the edges
 * `edgeStart[n]` to `edgeStart[n + 1]` (a character code and a child each). Walked at every word
 * start by every matcher, so it is kept compact: as objects with a Map of children the walk cost
 * about two thirds of the twelve matchers' time on the bench's turns (20 of 30 µs a turn).
 */
export interface WordStartMatcher {
  /** The node two characters deep, by the first character's code times 128 plus the second's (lower case); a shallower node where the trie ends sooner; -1 where no branch can begin. */
  buckets: Int32Array;
  /** Characters read to reach each node. */
  depth: Uint8Array;
  edgeStart: Int32Array;
  edgeCode: Uint8Array;
  edgeTo: Int32Array;
  /** Each node's regex of its branches (null when none), compiled on first use (undefined until then). */
  regex: (RegExp | null | undefined)[];
  /** The branches that are not tried at word starts only, as one ordinary regex (or null). */
  residual: RegExp | null;
  /** Compiles node n's regex, once per distinct set of branches. */
  compile(n: number): RegExp | null;
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
  const root: PrefixNode = { depth: 0, next: null, branches: [] };
  const child = (node: PrefixNode, c: number): PrefixNode => {
    node.next ??= new Map();
    let n = node.next.get(c);
    if (!n) node.next.set(c, (n = { depth: node.depth + 1, next: null, branches: [] }));
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
  const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
  // Nodes get ids from the buckets down: a node two characters deep, or a shallower one where it
  // has branches itself; below a node two characters deep, the subtree the text walks (regexAt).
  const nodes: PrefixNode[] = [];
  const ids = new Map<PrefixNode, number>();
  const idOf = (node: PrefixNode): number => {
    let id = ids.get(node);
    if (id === undefined) {
      ids.set(node, (id = nodes.push(node) - 1));
      if (node.depth >= 2) for (const n of node.next?.values() ?? []) idOf(n);
    }
    return id;
  };
  const buckets = new Int32Array(128 * 128).fill(-1);
  for (let c1 = 0; c1 < 128; c1++) {
    if (!isWordCode(c1)) continue;
    const one = root.next?.get(lower(c1)) ?? root;
    for (let c2 = 0; c2 < 128; c2++) {
      const node = (one !== root && one.next?.get(lower(c2))) || one;
      if (node.branches.length || (node.depth === 2 && node.next)) buckets[c1 * 128 + c2] = idOf(node);
    }
  }
  const walked = (node: PrefixNode): [number, PrefixNode][] => (node.depth >= 2 && node.next ? [...node.next] : []);
  const edges = nodes.reduce((sum, node) => sum + walked(node).length, 0);
  const edgeStart = new Int32Array(nodes.length + 1);
  const edgeCode = new Uint8Array(edges);
  const edgeTo = new Int32Array(edges);
  let e = 0;
  nodes.forEach((node, id) => {
    edgeStart[id] = e;
    for (const [c, n] of walked(node)) {
      edgeCode[e] = c;
      edgeTo[e++] = ids.get(n)!;
    }
  });
  edgeStart[nodes.length] = e;
  const regex: (RegExp | null | undefined)[] = new Array(nodes.length).fill(undefined);
  const compiled = new Map<string, RegExp | null>();
  const compile = (n: number): RegExp | null => {
    const branches = nodes[n].branches;
    const key = branches.join(',');
    if (!compiled.has(key)) compiled.set(key, branches.length ? new RegExp(branches.map((i) => `(?:${atWords[i]})`).join('|'), `${flags}y`) : null);
    return (regex[n] = compiled.get(key)!);
  };
  const residual = rest.length ? new RegExp(rest.map((b) => `(?:${b})`).join('|'), flags) : null;
  return { buckets, depth: Uint8Array.from(nodes, (n) => n.depth), edgeStart, edgeCode, edgeTo, regex, residual, compile };
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
  let node = m.buckets[starts.key[k]];
  if (node < 0) return null;
  if (m.depth[node] === 2) {
    for (let i = starts.at[k] + 2; i < text.length; i++) {
      const from = m.edgeStart[node];
      const to = m.edgeStart[node + 1];
      if (from === to) break;
      let c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c += 32;
      let j = from;
      while (j < to && m.edgeCode[j] !== c) j++;
      if (j === to) break;
      node = m.edgeTo[j];
    }
  }
  const re = m.regex[node];
  return re === undefined ? m.compile(node) : re;
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
