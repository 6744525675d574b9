/**
 * Full-text search over message content: the query language both databases understand the same
 * way, parsed once here, and what each database does with it (sqlite-syntax.ts: FTS5 over
 * `messages_fts`; postgres-syntax.ts: `to_tsvector('simple', content)` with a GIN index).
 *
 * The language is deliberately small so the two databases agree: words (letters and digits,
 * compared without case; every word must occur), `"quoted phrases"` (words next to each other, in
 * order) and a trailing `*` for a prefix (`refund*`). Anything else (punctuation, operators) only
 * separates words. Neither side stems nor drops stop words, and diacritics count (`café` ≠ `cafe`).
 */

/** One clause: a word, or a phrase of several; `prefix` makes its last word a prefix. */
export interface TextClause {
  words: string[];
  prefix: boolean;
}

/** Every clause must match a message (AND). */
export interface TextQuery {
  clauses: TextClause[];
}

/** A search is at most this many characters and clauses: each clause is one index lookup. */
export const TEXT_QUERY_MAX_CHARS = 200;
export const TEXT_QUERY_MAX_CLAUSES = 8;

/**
 * Parses a search string; null when it holds no word at all. Throws a message for the caller
 * when it is longer than the limits.
 */
export function parseTextQuery(input: string): TextQuery | null {
  if (input.length > TEXT_QUERY_MAX_CHARS) throw new RangeError(`at most ${TEXT_QUERY_MAX_CHARS} characters`);
  const clauses: TextClause[] = [];
  // Quoted phrases first, then the words outside them.
  const parts = input.split('"');
  parts.forEach((part, i) => {
    const inQuotes = i % 2 === 1 && i < parts.length - 1;
    if (inQuotes) {
      const words = (part.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16);
      if (words.length > 0) clauses.push({ words, prefix: parts[i + 1]?.startsWith('*') ?? false });
      return;
    }
    for (const m of part.toLowerCase().matchAll(/([\p{L}\p{N}]+)(\*)?/gu)) clauses.push({ words: [m[1]], prefix: m[2] === '*' });
  });
  if (clauses.length === 0) return null;
  if (clauses.length > TEXT_QUERY_MAX_CLAUSES) throw new RangeError(`at most ${TEXT_QUERY_MAX_CLAUSES} words or phrases`);
  return { clauses };
}

/** FTS5's MATCH string: `"a b" "c"*` (words are letters and digits only, so quoting is safe). */
export function fts5Match(q: TextQuery): string {
  return q.clauses.map((c) => `"${c.words.join(' ')}"${c.prefix ? '*' : ''}`).join(' AND ');
}

/** PostgreSQL's `to_tsquery('simple', …)` string: `a <-> b & c:*`. */
export function tsQuery(q: TextQuery): string {
  return q.clauses
    .map((c) => {
      const words = c.words.map((w, i) => (c.prefix && i === c.words.length - 1 ? `${w}:*` : w));
      return words.length > 1 ? `(${words.join(' <-> ')})` : words[0];
    })
    .join(' & ');
}
