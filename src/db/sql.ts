/**
 * Runs the hand-written statements of the hot paths. Their text is written once (with `?`
 * placeholders and the dialect's row sources, db/dialect/syntax.ts) and executed as a compiled
 * query: nothing is built by a query builder per call, and the driver reuses the prepared
 * statement for the same text (db/dialect/sqlite.ts caches them; PostgreSQL names them).
 */
import { CompiledQuery, type RawBuilder, sql as kyselySql } from 'kysely';
import type { Executor } from './database.js';
import { postgresSyntax } from './dialect/postgres-syntax.js';
import { sqliteSyntax } from './dialect/sqlite-syntax.js';
import type { Column, Sql, SqlSyntax } from './dialect/syntax.js';

export type { Column, Sql, SqlSyntax } from './dialect/syntax.js';

const known = new WeakMap<object, SqlSyntax>();
const probe = kyselySql`select ${0}`;

/**
 * The syntax of the database behind an executor (a database handle or a transaction). Asked of
 * Kysely's own compiler, once per executor: a PostgreSQL compiler numbers its placeholders.
 */
export function syntaxOf(db: Executor): SqlSyntax {
  let s = known.get(db);
  if (!s) {
    s = probe.compile(db).sql.includes('$1') ? postgresSyntax : sqliteSyntax;
    known.set(db, s);
  }
  return s;
}

function compiled(syntax: SqlSyntax, s: Sql): CompiledQuery {
  return CompiledQuery.raw(syntax.placeholders(s.text), s.params);
}

/** Rows of a statement. */
export async function all<R>(db: Executor, s: Sql): Promise<R[]> {
  return (await db.executeQuery<R>(compiled(syntaxOf(db), s))).rows;
}

/** Runs a statement; the number of rows it changed. */
export async function run(db: Executor, s: Sql): Promise<number> {
  const r = await db.executeQuery(compiled(syntaxOf(db), s));
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Runs independent writes (to different tables): as one statement where the database can
 * (PostgreSQL, one round trip), else one after another. Answers the rows of `returning`, writes
 * with a RETURNING clause run after the others.
 */
export async function runWrites<R = never>(db: Executor, statements: readonly Sql[], returning: readonly Sql[] = []): Promise<R[]> {
  if (statements.length + returning.length === 0) return [];
  const combined = syntaxOf(db).combineWrites(statements, returning);
  if (combined && returning.length > 0) return all<R>(db, combined);
  if (combined) {
    await run(db, combined);
    return [];
  }
  for (const s of statements) await run(db, s);
  const rows: R[] = [];
  for (const s of returning) rows.push(...(await all<R>(db, s)));
  return rows;
}

/**
 * A statement over many rows (a multi-row insert, an update from a row source): `build` receives
 * the row source (aliased `v`) and returns the text, built once per database and row count.
 */
export class RowsStatement {
  private readonly texts = new Map<string, string>();
  private readonly names: readonly string[];

  constructor(
    readonly columns: readonly Column[],
    private readonly build: (source: string, syntax: SqlSyntax) => string,
  ) {
    this.names = columns.map((c) => c.name);
  }

  /** The statements writing `rows` (each row in `columns` order), in blocks the database prefers. */
  statements(syntax: SqlSyntax, rows: readonly (readonly unknown[])[]): Sql[] {
    return this.blocks(syntax, rows.length, (start) => (r, c) => rows[start + r][c]);
  }

  /**
   * The statements writing `rows` given as objects, each value under its column's name (absent:
   * null); `fixed` holds the values every row shares (the company), so the rows need not carry them.
   */
  statementsOf(syntax: SqlSyntax, rows: readonly object[], fixed: Readonly<Record<string, unknown>> = {}): Sql[] {
    const names = this.names;
    const shared = names.map((n) => (Object.hasOwn(fixed, n) ? { value: fixed[n] ?? null } : null));
    return this.blocks(syntax, rows.length, (start) => (r, c) => {
      const s = shared[c];
      return s ? s.value : ((rows[start + r] as Record<string, unknown>)[names[c]] ?? null);
    });
  }

  private blocks(syntax: SqlSyntax, count: number, valueOf: (start: number) => (row: number, column: number) => unknown): Sql[] {
    const out: Sql[] = [];
    let start = 0;
    for (const n of syntax.blocks(count, this.columns.length)) {
      const key = `${syntax.name}:${n}`;
      let text = this.texts.get(key);
      if (text === undefined) {
        text = this.build(syntax.rowSource('v', this.columns, n), syntax);
        this.texts.set(key, text);
      }
      out.push({ text, params: syntax.rowParams(this.columns, n, valueOf(start)) });
      start += n;
    }
    return out;
  }
}

/** Columns from `name:type` pairs, e.g. `cols('id:text', 'seq:integer')`. */
export function cols(...specs: string[]): Column[] {
  return specs.map((s) => {
    const [name, type] = s.split(':');
    return { name, type: (type ?? 'text') as Column['type'] };
  });
}

/**
 * A hand-written fragment (`?` placeholders) inside a Kysely query: its parameters become the
 * query's own, numbered by Kysely in their place.
 */
export function fragment<T = unknown>(s: Sql): RawBuilder<T> {
  const parts = s.text.split('?');
  if (parts.length - 1 !== s.params.length) throw new Error(`fragment has ${parts.length - 1} placeholders for ${s.params.length} parameters`);
  const pieces = parts.flatMap((p, i) => (i < s.params.length ? [kyselySql.raw(p), kyselySql`${s.params[i]}`] : [kyselySql.raw(p)]));
  return kyselySql<T>`${kyselySql.join(pieces, kyselySql.raw(''))}`;
}
