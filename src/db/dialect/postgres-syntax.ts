/**
 * Hand-written statements on PostgreSQL (see syntax.ts): `$n` placeholders, one array per column
 * through `unnest` (one statement text whatever the row count, so it is prepared once), row locks,
 * and independent writes combined into one statement so they cost one round trip.
 */
import { tsQuery } from './text-search.js';
import type { Column, ColumnType, Sql, SqlSyntax } from './syntax.js';

const ARRAY_TYPE: Record<ColumnType, string> = { text: 'text[]', integer: 'integer[]', bigint: 'bigint[]', real: 'real[]' };

// Statement texts are few (they are written in code), so their converted forms are kept, each
// with the name it is prepared under on every connection. Names are never reused for another text.
const converted = new Map<string, string>();
const names = new Map<string, string>();
const MAX_CONVERTED = 2000;
let named = 0;

function numbered(text: string): string {
  let out = converted.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    if (converted.size >= MAX_CONVERTED) {
      converted.clear();
      names.clear();
    }
    converted.set(text, out);
    names.set(out, `chatlens_${++named}`);
  }
  return out;
}

/** The name a hand-written statement is prepared under, or undefined for any other text. */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}

export const postgresSyntax: SqlSyntax = {
  name: 'postgres',
  placeholders: numbered,
  lockRows: ' FOR UPDATE',
  oneWriter: false,
  rowSource: (alias, columns) => `unnest(${columns.map((c) => `?::${ARRAY_TYPE[c.type]}`).join(', ')}) AS ${alias}(${columns.map((c) => c.name).join(', ')})`,
  rowParams(columns: readonly Column[], count, value) {
    return columns.map((_, c) => {
      const out = new Array<unknown>(count);
      for (let r = 0; r < count; r++) out[r] = value(r, c);
      return out;
    });
  },
  blocks: (n) => (n > 0 ? [n] : []),
  inList: (column, type) => `${column} = ANY(?::${ARRAY_TYPE[type]})`,
  listParam: (values) => [...values],
  combineWrites(statements: readonly Sql[], returning: readonly Sql[] = []): Sql | null {
    const all = [...statements, ...returning];
    if (all.length < 2) return null;
    const rows = returning.map((_, i) => `SELECT * FROM w${statements.length + i}`).join(' UNION ALL ');
    return {
      text: `WITH ${all.map((s, i) => `w${i} AS (${s.text})`).join(', ')} ${rows || 'SELECT 1'}`,
      params: all.flatMap((s) => s.params),
    };
  },
  writableCtes: true,
  forEachValue: (type, inner, order) =>
    `SELECT v.value AS value, x.* FROM unnest(?::${ARRAY_TYPE[type]}) AS v(value) CROSS JOIN LATERAL (${inner}) AS x ORDER BY v.value, ${order}`,
  // The expression of the GIN index messages_text (migration 20270103000000_find), so it is used.
  // OFFSET 0 keeps the planner from flattening the subquery into a walk of the newest sessions
  // that recomputes to_tsvector for each of their messages: for a rare word that walk read every
  // session (0.9 s at 160,000 messages, bench/find.bench.ts); collected once it is an index lookup.
  sessionsWithText: (companyId, query) => ({
    text: "(SELECT m.session_id FROM messages m WHERE m.company_id = ? AND to_tsvector('simple', m.content) @@ to_tsquery('simple', ?) OFFSET 0)",
    params: [companyId, tsQuery(query)],
  }),
};
