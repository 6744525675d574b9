import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type ColumnDefinitionBuilder, CompiledQuery, type DatabaseConnection, type Driver, type Kysely, SqliteDialect, sql } from 'kysely';
import type { ChatlensDialect, DatabaseFault } from './dialect.js';
import { type WalOptions, checkpointsOffThePath } from './sqlite-checkpoints.js';
import { reusePreparedStatements } from './sqlite-statements.js';

/**
 * On SQLITE_FULL, SQLITE_IOERR or SQLITE_NOMEM, SQLite rolls the whole transaction back itself.
 * Kysely then rolls back again, fails ("no transaction is active") and throws that instead of the
 * cause, turning a full disk into a riddle. Rolling back or releasing inside a transaction that
 * is already gone does nothing here, so the original error reaches the caller.
 */
class AutoRollbackAwareDialect extends SqliteDialect {
  constructor(
    private readonly database: Database.Database,
    /** Runs before the connection closes (sqlite-checkpoints.ts: the last checkpoint). */
    private readonly beforeClose: () => Promise<void>,
  ) {
    super({ database });
  }
  override createDriver(): Driver {
    const driver = super.createDriver();
    const gone = () => !this.database.inTransaction;
    const { rollbackTransaction, rollbackToSavepoint, releaseSavepoint, destroy } = driver;
    return Object.assign(driver, {
      // Every transaction here writes, and takes the write lock as it begins, waiting for it
      // (busy_timeout) while another connection holds it: the checkpoint worker's RESTART, another
      // process. A plain (deferred) BEGIN asks for it at the first write, and one that had read
      // first got SQLITE_BUSY at once (503): SQLite does not wait to turn a reader into the writer.
      // In-process it changes nothing: Kysely runs one transaction at a time on the connection.
      beginTransaction: async (connection: DatabaseConnection) => void (await connection.executeQuery(CompiledQuery.raw('begin immediate'))),
      rollbackTransaction: (...a: Parameters<Driver['rollbackTransaction']>) => (gone() ? Promise.resolve() : rollbackTransaction.apply(driver, a)),
      rollbackToSavepoint: (...a: Parameters<NonNullable<Driver['rollbackToSavepoint']>>) => (gone() ? Promise.resolve() : rollbackToSavepoint!.apply(driver, a)),
      releaseSavepoint: (...a: Parameters<NonNullable<Driver['releaseSavepoint']>>) => (gone() ? Promise.resolve() : releaseSavepoint!.apply(driver, a)),
      destroy: async () => {
        await this.beforeClose();
        await destroy.apply(driver);
      },
    });
  }
}

/** How the WAL is checkpointed (sqlite-checkpoints.ts); the defaults are production's. */
export type SqliteOptions = WalOptions;

export function sqliteDialect(file: string, options: SqliteOptions = {}): ChatlensDialect {
  let dataVersion: Database.Statement | null = null;
  const commitsElsewhere = () => (dataVersion ? Number(dataVersion.get()) : 0);
  return {
    name: 'sqlite',
    counterType: 'integer',
    supportsSkipLocked: false,
    createKyselyDialect() {
      if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      const database = new Database(file);
      // WAL lets readers run while a writer commits; NORMAL sync is durable across app crashes
      // (only an OS crash can lose the last transactions) and ~10x faster than FULL for small writes.
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = NORMAL');
      database.pragma('foreign_keys = ON');
      database.pragma('busy_timeout = 5000');
      const checkpoints = file === ':memory:' ? null : checkpointsOffThePath(database, file, options);
      reusePreparedStatements(database);
      // Changes exactly when another connection commits: a few microseconds, no file read.
      dataVersion = database.prepare('PRAGMA data_version').pluck();
      return new AutoRollbackAwareDialect(database, async () => checkpoints?.close());
    },
    autoIncrementPrimaryKey: (col: ColumnDefinitionBuilder) => col.primaryKey().autoIncrement(),
    async afterConnect(db: Kysely<unknown>) {
      await sql`select 1`.execute(db);
    },
    // An external-content FTS5 table: the text is not stored twice, only its index. Triggers keep
    // it in step with every insert, delete and content change of messages (rowids stay stable:
    // the table is never rebuilt). Diacritics are kept, as PostgreSQL's 'simple' keeps them.
    async createTextSearch(db: Kysely<unknown>) {
      await sql`create virtual table messages_fts using fts5(content, content='messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')`.execute(db);
      await sql`create trigger messages_fts_insert after insert on messages begin
                  insert into messages_fts(rowid, content) values (new.rowid, new.content); end`.execute(db);
      await sql`create trigger messages_fts_delete after delete on messages begin
                  insert into messages_fts(messages_fts, rowid, content) values ('delete', old.rowid, old.content); end`.execute(db);
      await sql`create trigger messages_fts_update after update of content on messages begin
                  insert into messages_fts(messages_fts, rowid, content) values ('delete', old.rowid, old.content);
                  insert into messages_fts(rowid, content) values (new.rowid, new.content); end`.execute(db);
      await sql`insert into messages_fts(messages_fts) values ('rebuild')`.execute(db);
    },
    async dropTextSearch(db: Kysely<unknown>) {
      for (const t of ['messages_fts_insert', 'messages_fts_delete', 'messages_fts_update']) await sql`drop trigger if exists ${sql.id(t)}`.execute(db);
      await sql`drop table if exists messages_fts`.execute(db);
    },
    // Row triggers (SQLite has no others); an upsert that updates fires the UPDATE ones. The
    // e-mail triggers fire when an e-mail really changes (the ingest upsert rewrites it each time).
    async createDailyUserCounts(db: Kysely<unknown>) {
      const added = `INSERT INTO daily_user_counts (company_id, day, active_users, revision) VALUES (new.company_id, new.day, 1, 1)
        ON CONFLICT (company_id, day) DO UPDATE SET active_users = active_users + 1, revision = revision + 1;`;
      const removed = 'UPDATE daily_user_counts SET active_users = active_users - 1, revision = revision + 1 WHERE company_id = old.company_id AND day = old.day;';
      const daysOf = (row: 'new' | 'old') =>
        `UPDATE daily_user_counts SET revision = revision + 1 WHERE company_id = ${row}.company_id
           AND day IN (SELECT day FROM daily_users WHERE company_id = ${row}.company_id AND user_id = ${row}.user_id);`;
      for (const trigger of [
        `daily_users_added AFTER INSERT ON daily_users BEGIN ${added} END`,
        `daily_users_deleted AFTER DELETE ON daily_users BEGIN ${removed} END`,
        `daily_users_moved AFTER UPDATE OF company_id, day ON daily_users BEGIN ${removed} ${added} END`,
        `daily_users_changed AFTER UPDATE OF user_id, user_queries, last_connection_at ON daily_users BEGIN
           UPDATE daily_user_counts SET revision = revision + 1 WHERE company_id = new.company_id AND day = new.day; END`,
        `end_users_email_added AFTER INSERT ON end_users WHEN new.email IS NOT NULL BEGIN ${daysOf('new')} END`,
        `end_users_email_deleted AFTER DELETE ON end_users WHEN old.email IS NOT NULL BEGIN ${daysOf('old')} END`,
        `end_users_email_changed AFTER UPDATE OF email, company_id, user_id ON end_users
           WHEN old.email IS NOT new.email OR old.company_id IS NOT new.company_id OR old.user_id IS NOT new.user_id
           BEGIN ${daysOf('old')} ${daysOf('new')} END`,
      ]) {
        await sql.raw(`CREATE TRIGGER ${trigger}`).execute(db);
      }
    },
    async dropDailyUserCounts(db: Kysely<unknown>) {
      for (const t of ['daily_users_added', 'daily_users_deleted', 'daily_users_moved', 'daily_users_changed', 'end_users_email_added', 'end_users_email_deleted', 'end_users_email_changed']) {
        await sql`drop trigger if exists ${sql.id(t)}`.execute(db);
      }
    },
    migrationTableSchema: async () => undefined,
    classifyError: classifySqliteError,
    // One file, no connections to lose.
    onConnectionError: () => () => {},
    commitsElsewhere,
    // Any commit of another connection: one file, and data_version says it without a read.
    keyChangesElsewhere: commitsElsewhere,
    createKeyChangeNotices: async () => {},
    dropKeyChangeNotices: async () => {},
    describe: () => `sqlite:${file}`,
  };
}

export function classifySqliteError(err: unknown): DatabaseFault | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL') return 'storage_full';
  // Another writer held the lock past busy_timeout (5 s): the request can be retried.
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return 'unavailable';
  return null;
}
