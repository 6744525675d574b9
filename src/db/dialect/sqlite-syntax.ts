/** Hand-written statements on SQLite (see syntax.ts): `?` placeholders, multi-row VALUES, no row locks. */
import type { SqlSyntax } from './syntax.js';
import { fts5Match } from './text-search.js';

// Statements carry one of these row counts, or the fewer rows left over, all in one statement,
// so each multi-row statement has at most 19 texts (each prepared once and reused) and a chunk
// of a few rows (a live chunk: one per turn of 16 clients) is one statement per table. Every
// statement that writes messages costs the full-text index a flush of its pending terms (FTS5
// writes a new segment at each statement's savepoint): 9 messages in one statement took 31–34 µs
// a row with their commit, as 4 + 4 + 1 rows 50–59 µs (better-sqlite3 alone, 2026-12-01).
const BLOCK_SIZES = [1024, 256, 64, 16];
// SQLite refuses statements with more than 32,766 parameters.
const MAX_PARAMS = 32_766;

export const sqliteSyntax: SqlSyntax = {
  name: 'sqlite',
  placeholders: (text) => text,
  // One writer at a time: the transaction that wrote first holds the database until it commits.
  lockRows: '',
  oneWriter: true,
  rowSource(alias, columns, rows) {
    const one = `(${columns.map(() => '?').join(', ')})`;
    const names = columns.map((c, i) => `column${i + 1} AS ${c.name}`).join(', ');
    return `(SELECT ${names} FROM (VALUES ${Array(rows).fill(one).join(', ')})) AS ${alias}`;
  },
  rowParams(columns, count, value) {
    const width = columns.length;
    const out = new Array<unknown>(count * width);
    for (let r = 0, k = 0; r < count; r++) for (let c = 0; c < width; c++) out[k++] = value(r, c);
    return out;
  },
  blocks(n, columnCount) {
    const out: number[] = [];
    let left = n;
    for (const size of BLOCK_SIZES) {
      if (size * columnCount > MAX_PARAMS) continue;
      while (left >= size) {
        out.push(size);
        left -= size;
      }
    }
    // The rows left over: one statement, unless the parameter limit needs more (a table that wide).
    const most = Math.floor(MAX_PARAMS / columnCount);
    while (left > 0) {
      const rows = Math.min(left, most);
      out.push(rows);
      left -= rows;
    }
    return out;
  },
  inList: (column) => `${column} IN (SELECT value FROM json_each(?))`,
  listParam: (values) => JSON.stringify(values),
  // Statements run in-process: one after another costs no round trip.
  combineWrites: () => null,
  writableCtes: false,
  forEachValue: () => null,
  // messages_fts is an external-content FTS5 index of messages.content, kept by triggers
  // (migration 20270103000000_find); its rowids are the messages' rowids.
  sessionsWithText: (companyId, query) => ({
    text: '(SELECT m.session_id FROM messages m WHERE m.company_id = ? AND m.rowid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?))',
    params: [companyId, fts5Match(query)],
  }),
};
