import pg from 'pg';
import { type ColumnDefinitionBuilder, type Driver, type Kysely, PostgresDialect, type PostgresDialectConfig, sql } from 'kysely';
import type { ChatlensDialect, ConnectionErrorListener, DatabaseFault } from './dialect.js';
import { NoticeListener } from './postgres-notices.js';
import { preparedName } from './postgres-syntax.js';

/** The channel the api_keys trigger notifies (migration 20270202000000_api_key_changes). */
export const KEY_CHANGES_CHANNEL = 'chatlens_api_keys';

// COUNT(*) and SUM() come back as bigint; pg returns those as strings unless told otherwise.
// Counts here stay far below 2^53, so parse them as numbers once, here.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface PostgresTimeouts {
  /** Opening a connection, and waiting for a free one in the pool; 0 waits forever. */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL cancels a statement running longer (`statement_timeout`); the client also stops
   * waiting for an answer one second later, which is what ends a request when the network to the
   * database is cut and no answer can ever come. 0: no limit (migrations, maintenance commands).
   */
  statementTimeoutMs?: number;
  /** PostgreSQL ends a session left idle inside a transaction this long (`idle_in_transaction_session_timeout`). */
  idleInTransactionTimeoutMs?: number;
}

export interface PostgresOptions extends PostgresTimeouts {
  max?: number;
  /** Use this schema (created if missing) instead of public; tests get one each so runs never collide. */
  schema?: string;
  /** Shown in pg_stat_activity, so an operator can tell Chatlens' connections apart. */
  applicationName?: string;
}

/** Without a time-out of its own a lost connection could keep a request waiting for minutes. */
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** The client gives PostgreSQL this long past `statement_timeout` to report the cancellation itself. */
const READ_TIMEOUT_MARGIN_MS = 1_000;

/**
 * A client that closes its socket when an answer never comes: pg's `query_timeout` fails the
 * query but keeps the connection, whose next query would wait behind the lost one. With the
 * socket closed the pool drops the client and opens a fresh one when the database is back.
 */
class GuardedClient extends pg.Client {
  override query(...args: unknown[]): never {
    // The hot paths' hand-written statements run as named prepared statements, parsed and planned
    // once per connection instead of on every call (postgres-syntax.ts names them).
    const name = typeof args[0] === 'string' ? preparedName(args[0]) : undefined;
    if (name) args = [{ name, text: args[0], values: args[1] }, ...args.slice(2)];
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) {
      return result.catch((err: unknown) => {
        if (err instanceof Error && err.message === 'Query read timeout') {
          (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
        }
        throw err;
      }) as never;
    }
    return result as never;
  }
}

/** Kysely's PostgreSQL dialect whose destroy() also closes the connection listening beside the pool. */
class ListeningPostgresDialect extends PostgresDialect {
  constructor(
    config: PostgresDialectConfig,
    private readonly listener: NoticeListener,
  ) {
    super(config);
  }
  override createDriver(): Driver {
    const driver = super.createDriver();
    const destroy = driver.destroy.bind(driver);
    return Object.assign(driver, {
      destroy: async () => {
        await this.listener.stop();
        await destroy();
      },
    });
  }
}

// SQLSTATEs that mean "the database cannot serve this now; retrying later can work".
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a restart or a fail-over
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '57014', // query_canceled: statement_timeout
  '25P03', // idle_in_transaction_session_timeout
  '53300', // too_many_connections
  '53200', // out_of_memory
  '55P03', // lock_not_available
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// pg and pg-pool report lost or stuck connections with plain Errors and these messages.
const LOST_CONNECTION = /^(Connection terminated|Query read timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

export function classifyPostgresError(err: unknown): DatabaseFault | null {
  if (!(err instanceof Error)) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code === '53100') return 'storage_full'; // disk_full
    if (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || NETWORK_CODES.has(code)) return 'unavailable';
  }
  return LOST_CONNECTION.test(err.message) ? 'unavailable' : null;
}

export function postgresDialect(url: string, options: PostgresOptions = {}): ChatlensDialect {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new Error(`invalid schema name ${options.schema}`);
  }
  const listeners = new Set<ConnectionErrorListener>();
  const report = (err: Error) => {
    if (listeners.size === 0) process.stderr.write(`chatlens: PostgreSQL connection lost (${err.message}); reconnecting on next use\n`);
    for (const listener of listeners) listener(err);
  };
  const statementTimeoutMs = options.statementTimeoutMs ?? 0;
  let keyChanges: NoticeListener | null = null;
  return {
    name: 'postgres',
    counterType: 'bigint',
    supportsSkipLocked: true,
    createKyselyDialect() {
      const pool = new pg.Pool({
        connectionString: url,
        Client: GuardedClient,
        max: options.max ?? 10,
        connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        keepAlive: true,
        application_name: options.applicationName ?? 'chatlens',
        ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + READ_TIMEOUT_MARGIN_MS } : {}),
        ...(options.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs } : {}),
        ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      });
      // A backend that dies (pg_terminate_backend, restart, fail-over) makes its client emit
      // 'error'. Unheard, that event ends the process. The pool already drops the broken client
      // and connects again on next use; here the error is only reported. Clients in use get a
      // listener too: one killed between two queries of a transaction emits while checked out.
      pool.on('error', report);
      pool.on('connect', (client) => client.on('error', report));
      keyChanges = new NoticeListener(
        {
          connectionString: url,
          connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
          keepAlive: true,
          application_name: options.applicationName ?? 'chatlens',
          ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
        },
        KEY_CHANGES_CHANNEL,
        // The schema the trigger names: that of the api_keys this process's queries find.
        `select n.nspname as payload from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = 'api_keys'::regclass`,
        report,
      );
      return new ListeningPostgresDialect({ pool }, keyChanges);
    },
    autoIncrementPrimaryKey: (col: ColumnDefinitionBuilder) => col.primaryKey().generatedByDefaultAsIdentity(),
    async afterConnect(db: Kysely<unknown>) {
      if (options.schema) await sql`create schema if not exists ${sql.id(options.schema)}`.execute(db);
      else await sql`select 1`.execute(db);
    },
    // A GIN index on the expression SqlSyntax.sessionsWithText uses; PostgreSQL keeps it current itself.
    async createTextSearch(db: Kysely<unknown>) {
      await sql`create index messages_text on messages using gin (to_tsvector('simple', content))`.execute(db);
    },
    async dropTextSearch(db: Kysely<unknown>) {
      await sql`drop index if exists messages_text`.execute(db);
    },
    async migrationTableSchema(db: Kysely<unknown>) {
      return (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0].schema;
    },
    keyChangesElsewhere: () => keyChanges?.current(),
    // Row triggers on the columns a verification depends on: last_used_at, refreshed once a
    // minute per key in use, must not drop every kept key. pg_notify sends at commit, once per
    // transaction and payload, and never for a rolled-back change.
    async createKeyChangeNotices(db: Kysely<unknown>) {
      await sql`create or replace function chatlens_api_keys_changed() returns trigger language plpgsql as $$
                begin
                  perform pg_notify(${sql.raw(`'${KEY_CHANGES_CHANNEL}'`)}, tg_table_schema);
                  return null;
                end $$`.execute(db);
      await sql`create trigger api_keys_changed after update of lookup, hash, role, company_id, revoked_at or delete on api_keys
                for each row execute function chatlens_api_keys_changed()`.execute(db);
      await sql`create trigger api_keys_truncated after truncate on api_keys
                for each statement execute function chatlens_api_keys_changed()`.execute(db);
    },
    async dropKeyChangeNotices(db: Kysely<unknown>) {
      await sql`drop trigger if exists api_keys_truncated on api_keys`.execute(db);
      await sql`drop trigger if exists api_keys_changed on api_keys`.execute(db);
      await sql`drop function if exists chatlens_api_keys_changed()`.execute(db);
    },
    // daily_users: one statement-level trigger per kind of change, counting its rows set-wise (row
    // triggers cost ~30 µs a row: +10 ms on a bulk chunk's 300 user-days, measured); counts rows are
    // upserted in key order, as the rollups are, so concurrent writers lock them in one order. An
    // upsert that updates fires the UPDATE trigger. The e-mail triggers are row triggers that fire
    // only when an e-mail really changes (the ingest upsert rewrites it each time).
    async createDailyUserCounts(db: Kysely<unknown>) {
      const count = (rows: string) =>
        `insert into daily_user_counts (company_id, day, active_users, revision)
           select company_id, day, sum(n), 1 from (${rows}) x group by company_id, day order by company_id, day
           on conflict (company_id, day) do update
           set active_users = daily_user_counts.active_users + excluded.active_users, revision = daily_user_counts.revision + 1`;
      const functions: [string, string][] = [
        ['chatlens_daily_users_added', count('select company_id, day, 1 as n from added')],
        ['chatlens_daily_users_deleted', count('select company_id, day, -1 as n from removed')],
        ['chatlens_daily_users_changed', count('select company_id, day, 1 as n from added union all select company_id, day, -1 from removed')],
      ];
      for (const [name, body] of functions) {
        await sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $$ begin ${body}; return null; end $$`).execute(db);
      }
      await sql`create trigger daily_users_added after insert on daily_users referencing new table as added
                for each statement execute function chatlens_daily_users_added()`.execute(db);
      await sql`create trigger daily_users_deleted after delete on daily_users referencing old table as removed
                for each statement execute function chatlens_daily_users_deleted()`.execute(db);
      await sql`create trigger daily_users_changed after update on daily_users referencing old table as removed new table as added
                for each statement execute function chatlens_daily_users_changed()`.execute(db);
      await sql`create or replace function chatlens_end_user_emails() returns trigger language plpgsql as $$
                begin
                  if tg_op in ('UPDATE', 'DELETE') then
                    update daily_user_counts set revision = revision + 1 where company_id = old.company_id
                      and day in (select day from daily_users where company_id = old.company_id and user_id = old.user_id);
                  end if;
                  if tg_op in ('UPDATE', 'INSERT') then
                    update daily_user_counts set revision = revision + 1 where company_id = new.company_id
                      and day in (select day from daily_users where company_id = new.company_id and user_id = new.user_id);
                  end if;
                  return null;
                end $$`.execute(db);
      await sql`create trigger end_users_email_added after insert on end_users
                for each row when (new.email is not null) execute function chatlens_end_user_emails()`.execute(db);
      await sql`create trigger end_users_email_deleted after delete on end_users
                for each row when (old.email is not null) execute function chatlens_end_user_emails()`.execute(db);
      await sql`create trigger end_users_email_changed after update of email, company_id, user_id on end_users
                for each row when (old.email is distinct from new.email or old.company_id <> new.company_id or old.user_id <> new.user_id)
                execute function chatlens_end_user_emails()`.execute(db);
    },
    async dropDailyUserCounts(db: Kysely<unknown>) {
      for (const t of ['daily_users_added', 'daily_users_deleted', 'daily_users_changed']) await sql`drop trigger if exists ${sql.id(t)} on daily_users`.execute(db);
      for (const t of ['end_users_email_added', 'end_users_email_deleted', 'end_users_email_changed']) await sql`drop trigger if exists ${sql.id(t)} on end_users`.execute(db);
      for (const f of ['chatlens_daily_users_added', 'chatlens_daily_users_deleted', 'chatlens_daily_users_changed', 'chatlens_end_user_emails']) {
        await sql`drop function if exists ${sql.id(f)}()`.execute(db);
      }
    },
    classifyError: classifyPostgresError,
    onConnectionError(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    describe: () => {
      try {
        const u = new URL(url);
        return `postgres://${u.hostname}:${u.port || 5432}${u.pathname}`;
      } catch {
        return 'postgres';
      }
    },
  };
}
