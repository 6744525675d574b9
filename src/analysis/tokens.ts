/**
 * Normalisation and tokenisation for the shared analysis pass (text.ts). Normalisation is
 * lower-casing, typographic quotes and dashes to ASCII, and accents stripped (NFKD minus
 * combining marks); `Normalised` keeps a per-character map back to the original, so every
 * token's offsets point into the original string.
 */
export interface Token {
  /** Normalised form (lower case, ASCII quotes). */
  norm: string;
  /** Offsets into the original text. */
  start: number;
  end: number;
  sentence: number;
  /** Starts with an upper-case letter in the original. */
  cap: boolean;
  /** Within a few tokens after a negator in the same sentence. */
  negated: boolean;
}

export interface Normalised {
  norm: string;
  /** For each char of `norm`, the original offset where it starts and ends. */
  from: Int32Array;
  to: Int32Array;
}

const QUOTE_MAP: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '`': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u00a0': ' ', '\u200b': '',
};

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

export function normalise(text: string): Normalised {
  const from = new Int32Array(text.length + 1);
  const to = new Int32Array(text.length + 1);
  let out = '';
  let n = 0;
  if (isAscii(text)) {
    for (let i = 0; i < text.length; i++) {
      from[i] = i;
      to[i] = i + 1;
    }
    return { norm: text.toLowerCase(), from, to };
  }
  let fromArr = from;
  let toArr = to;
  const push = (s: string, start: number, end: number): void => {
    for (let k = 0; k < s.length; k++) {
      if (n >= fromArr.length) {
        const grownFrom = new Int32Array(fromArr.length * 2);
        grownFrom.set(fromArr);
        fromArr = grownFrom;
        const grownTo = new Int32Array(toArr.length * 2);
        grownTo.set(toArr);
        toArr = grownTo;
      }
      fromArr[n] = start;
      toArr[n] = end;
      n++;
    }
    out += s;
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    if (cp < 128) push(ch.toLowerCase(), i, i + 1);
    else if (QUOTE_MAP[ch] !== undefined) push(QUOTE_MAP[ch], i, i + width);
    else push(ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase(), i, i + width);
    i += width;
  }
  return { norm: out, from: fromArr.subarray(0, n), to: toArr.subarray(0, n) };
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:['.][\p{L}\p{N}]+)*/gu;

/**
 * The normalised text and its tokens, with offsets into `text`. An ASCII text needs no offset
 * map (its normalised form is it lower-cased, character for character), so none is built.
 */
export function tokenise(text: string): { norm: string; tokens: Token[] } {
  if (isAscii(text)) {
    const norm = text.toLowerCase();
    return { norm, tokens: asciiTokens(norm, text) };
  }
  const normalised = normalise(text);
  return { norm: normalised.norm, tokens: unicodeTokens(normalised, text) };
}

/**
 * Tokens of a normalised text. Inner dots and apostrophes are kept ("u.s", "3.5", "it's"); a
 * sentence-final dot never is: TOKEN_RE only takes one followed by a letter or digit.
 */
function unicodeTokens({ norm, from, to }: Normalised, text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of norm.matchAll(TOKEN_RE)) {
    const i = m.index;
    const j = m.index + m[0].length;
    const start = i < from.length ? from[i] : text.length;
    const end = j > 0 ? to[j - 1] : 0;
    const first = text.charAt(start);
    tokens.push({ norm: m[0], start, end, sentence: 0, cap: first !== first.toLowerCase(), negated: false });
  }
  return tokens;
}

/** A lower-case ASCII letter or a digit: TOKEN_RE's `[\p{L}\p{N}]` in lower-cased ASCII text. */
function isAsciiWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/**
 * `unicodeTokens` for an ASCII text, scanned by hand with the same rule: the unicode classes
 * made TOKEN_RE's matchAll about 5 µs of a 300-character turn, this loop about 1 µs.
 */
function asciiTokens(norm: string, text: string): Token[] {
  const tokens: Token[] = [];
  const n = norm.length;
  let i = 0;
  while (i < n) {
    if (!isAsciiWordCode(norm.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      while (j < n && isAsciiWordCode(norm.charCodeAt(j))) j++;
      const c = norm.charCodeAt(j);
      if ((c === 39 || c === 46) && j + 1 < n && isAsciiWordCode(norm.charCodeAt(j + 1))) j += 2; // "'" or "."
      else break;
    }
    const first = text.charCodeAt(i);
    tokens.push({ norm: norm.slice(i, j), start: i, end: j, sentence: 0, cap: first >= 65 && first <= 90, negated: false });
    i = j;
  }
  return tokens;
}
