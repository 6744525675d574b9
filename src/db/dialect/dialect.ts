/**
 * What differs between SQLite and PostgreSQL, in one interface both implement, so query code
 * never asks which database it is on.
 */
import type { ColumnDefinitionBuilder, Dialect, Kysely } from 'kysely';

/**
 * What a database error means for the caller: `unavailable` (connection lost, time-out, database
 * restarting: retry later, 503) or `storage_full` (disk full: 507). Anything else is a bug (500).
 */
export type DatabaseFault = 'unavailable' | 'storage_full';

export type ConnectionErrorListener = (err: Error) => void;

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
  /**
   * Creates the full-text index of `messages.content` that `SqlSyntax.sessionsWithText` reads, filled
   * from the stored messages and kept current as messages are written or deleted.
   */
  createTextSearch(db: Kysely<unknown>): Promise<void>;
  dropTextSearch(db: Kysely<unknown>): Promise<void>;
  /** Run once after connecting (pragmas, session settings). */
  afterConnect(db: Kysely<unknown>): Promise<void>;
  /**
   * The schema holding Kysely's migration bookkeeping (PostgreSQL: the current schema). Kysely
   * otherwise takes those tables as present when any schema of the database has them, and then
   * fails on a fresh schema next to another Kysely application, or next to a test's schema.
   */
  migrationTableSchema(db: Kysely<unknown>): Promise<string | undefined>;
  /** Recognises errors that are the database's state, not a bug: see `DatabaseFault`. */
  classifyError(err: unknown): DatabaseFault | null;
  /**
   * Hears about connections lost while idle (the pool has already dropped them and reconnects on
   * next use). Returns a function that stops listening.
   */
  onConnectionError(listener: ConnectionErrorListener): () => void;
  /**
   * A number that changes whenever another connection (another process: the CLI, a worker) has
   * committed to the database, read without a round trip; absent where that cannot be known so
   * cheaply (PostgreSQL). Lets a process keep answers it read (a verified key) exactly as long as
   * nobody else can have changed them.
   */
  commitsElsewhere?(): number;
  /**
   * A number that changes whenever an API key may have been changed by another connection (a
   * revocation by the CLI, another server process, or by hand in psql), or undefined while that
   * cannot be known: then nothing read from api_keys may be kept. SQLite: `commitsElsewhere`.
   * PostgreSQL: the notices of the trigger `createKeyChangeNotices` makes, heard on a connection
   * of its own (opened on the first call; undefined until it listens, and while it is lost).
   */
  keyChangesElsewhere(): number | undefined;
  /** Makes every change to api_keys known to the other connections (PostgreSQL: a trigger that notifies). */
  createKeyChangeNotices(db: Kysely<unknown>): Promise<void>;
  dropKeyChangeNotices(db: Kysely<unknown>): Promise<void>;
  /**
   * Triggers keeping daily_user_counts exact: a day's count of daily_users rows, and a revision
   * that changes with any of that day's rows or with the e-mail of one of its users.
   */
  createDailyUserCounts(db: Kysely<unknown>): Promise<void>;
  dropDailyUserCounts(db: Kysely<unknown>): Promise<void>;
  /** A short description for logs that never includes credentials. */
  describe(): string;
}
