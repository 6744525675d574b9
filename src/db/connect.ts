import { Kysely, type LogEvent } from 'kysely';
import type { DB } from './database.js';
import type { ChatlensDialect } from './dialect/dialect.js';
import { type PostgresTimeouts, postgresDialect } from './dialect/postgres.js';
import { sqliteDialect } from './dialect/sqlite.js';

export interface Database {
  db: Kysely<DB>;
  dialect: ChatlensDialect;
  close(): Promise<void>;
}

export interface DatabaseTarget {
  /** postgres:// URL; takes precedence over `sqlitePath`. */
  databaseUrl?: string | null;
  sqlitePath?: string;
  /** PostgreSQL time-outs (the server's, from config); SQLite has its own busy_timeout. */
  timeouts?: PostgresTimeouts;
}

export function dialectFor(target: DatabaseTarget): ChatlensDialect {
  if (target.databaseUrl) return postgresDialect(target.databaseUrl, target.timeouts);
  return sqliteDialect(target.sqlitePath ?? 'data/chatlens.db');
}

export interface OpenOptions {
  /** Hears every statement run, with its duration (the benchmarks count statements per stored turn). */
  onQuery?: (event: LogEvent) => void;
}

/** The dialect of each database handle opened here. */
const dialects = new WeakMap<object, ChatlensDialect>();

/**
 * For a database handle opened here: a number that changes whenever another process commits to
 * the database (ChatlensDialect.commitsElsewhere), or undefined where it cannot be known cheaply.
 */
export function commitsElsewhereOf(db: object): (() => number) | undefined {
  const dialect = dialects.get(db);
  return dialect?.commitsElsewhere?.bind(dialect);
}

/**
 * For a database handle opened here: a number that changes whenever another connection may have
 * changed an API key, undefined while that cannot be known (ChatlensDialect.keyChangesElsewhere).
 */
export function keyChangesElsewhereOf(db: object): (() => number | undefined) | undefined {
  const dialect = dialects.get(db);
  return dialect?.keyChangesElsewhere.bind(dialect);
}

export async function openDatabase(target: DatabaseTarget | ChatlensDialect, options: OpenOptions = {}): Promise<Database> {
  const dialect = 'createKyselyDialect' in target ? target : dialectFor(target);
  const db = new Kysely<DB>({ dialect: dialect.createKyselyDialect(), ...(options.onQuery ? { log: options.onQuery } : {}) });
  await dialect.afterConnect(db as Kysely<unknown>);
  dialects.set(db, dialect);
  return { db, dialect, close: () => db.destroy() };
}
