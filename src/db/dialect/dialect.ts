/**
 * What differs between SQLite and PostgreSQL, in one interface both implement, so query code
 * never asks which database it is on.
 */
import type { ColumnDefinitionBuilder, Dialect, Kysely } from 'kysely';

export interface ChatlensDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Builds the Kysely dialect (opens the file or the pool). */
  createKyselyDialect(): Dialect;
  /** An auto-incrementing integer primary key column. */
  autoIncrementPrimaryKey(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** The type used for integer counters that may pass 2^31 (bigint on PostgreSQL). */
  readonly counterType: 'integer' | 'bigint';
  /** Whether `SELECT ... FOR UPDATE SKIP LOCKED` exists; without it jobs are claimed by a lease update alone. */
  readonly supportsSkipLocked: boolean;
  /** Run once after connecting (pragmas, session settings). */
  afterConnect(db: Kysely<unknown>): Promise<void>;
  /**
   * The schema holding Kysely's migration bookkeeping (PostgreSQL: the current schema). Kysely
   * otherwise takes those tables as present when any schema of the database has them, and then
   * fails on a fresh schema next to another Kysely application, or next to a test's schema.
   */
  migrationTableSchema(db: Kysely<unknown>): Promise<string | undefined>;
  /** A short description for logs that never includes credentials. */
  describe(): string;
}
