/**
 * How hand-written statements differ between the two databases: placeholders, row locks, many
 * rows in one statement, and several writes in one round trip. The write path's hot statements
 * are written once against this interface (db/sql.ts runs them), so query code never asks which
 * database it is on.
 */

import type { TextQuery } from './text-search.js';

export type ColumnType = 'text' | 'integer' | 'bigint' | 'real';

export interface Column {
  name: string;
  type: ColumnType;
}

/** A statement with `?` placeholders and its parameters, before the database's own placeholder form. */
export interface Sql {
  text: string;
  params: unknown[];
}

export interface SqlSyntax {
  readonly name: 'sqlite' | 'postgres';
  /** The statement in this database's placeholder form (`?` stays `?`; PostgreSQL numbers them `$1`…). */
  placeholders(text: string): string;
  /** Appended to a SELECT whose rows must stay locked until commit; empty where writers are serialised anyway. */
  readonly lockRows: string;
  /**
   * Whether transactions that write run one at a time (SQLite: each takes the write lock as it
   * begins and holds it until it ends), so what one reads cannot change before it commits: a
   * chunk then reserves no placeholder rows for the sessions it starts (ingest.repository.ts
   * readChunk) and inserts each once, with its final state.
   */
  readonly oneWriter: boolean;
  /**
   * A FROM item holding `rows` rows of parameters with these columns, named `alias`: multi-row
   * VALUES on SQLite, `unnest` over one array per column on PostgreSQL.
   */
  rowSource(alias: string, columns: readonly Column[], rows: number): string;
  /**
   * The parameters of `rowSource` for `count` rows, in its order; `value(row, column)` gives each
   * value by position. Filled straight from the caller's rows, with no array per row in between
   * (a chunk's statements carry ~20,000 values: the copies showed in the write path's profile).
   */
  rowParams(columns: readonly Column[], count: number, value: (row: number, column: number) => unknown): unknown[];
  /**
   * How many rows each statement carries when writing `n` rows: a few fixed sizes and the rows
   * left over on SQLite (so each size is prepared once), all of them at once on PostgreSQL (arrays
   * have no size in the text).
   */
  blocks(n: number, columnCount: number): number[];
  /** `column IN (…)` over one list parameter, whatever its length. */
  inList(column: string, type: ColumnType): string;
  listParam(values: readonly unknown[]): unknown;
  /**
   * Independent writes to different tables as one statement (PostgreSQL: data-modifying CTEs,
   * one round trip instead of one each), or null where running them in turn costs nothing. The
   * statement's rows are those of `returning` (writes with a RETURNING clause, run with the others).
   */
  combineWrites(statements: readonly Sql[], returning?: readonly Sql[]): Sql | null;
  /**
   * Whether a statement can write in its WITH clause and read what those writes returned
   * (PostgreSQL): inserts, row locks and reads that wait on nothing the client computes in
   * between then cost one round trip. SQLite, whose statements cost none, runs them in turn.
   */
  readonly writableCtes: boolean;
  /**
   * `inner` run once for each value of a list parameter, as one statement whose rows carry the
   * value as `value`, ordered by it and then by `order` (over the inner columns, aliased `x`):
   * a LATERAL join over the unnested list on PostgreSQL, one round trip instead of one per value.
   * Null on SQLite, where a statement costs no round trip and running `inner` per value (an index
   * seek each) measured faster than a compound SELECT of them. `inner` names the value `v.value`;
   * its parameters follow the list's.
   */
  forEachValue(type: ColumnType, inner: string, order: string): string | null;
  /**
   * A parenthesised subquery of the session ids of the company's messages containing the text
   * query (text-search.ts): FTS5 on SQLite, full-text search with a GIN index on PostgreSQL. Its
   * one parameter placeholder before the query's is the company id. The matches are collected
   * once (an index lookup per word), then the sessions are walked in the caller's order.
   */
  sessionsWithText(companyId: number, query: TextQuery): Sql;
}
