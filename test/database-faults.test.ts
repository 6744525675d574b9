/**
 * The server against a database that fails under it: backends terminated (restart, fail-over),
 * a network that stops carrying packets, statements stuck behind a lock, a full disk. The faults
 * are made here, on the real PostgreSQL and SQLite: pg_terminate_backend, a TCP proxy that stops
 * forwarding, a lock held by another session, a trigger raising PostgreSQL's disk_full error, and
 * SQLite's max_page_count.
 */
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../src/config.js';
import { type Database, openDatabase } from '../src/db/connect.js';
import { type PostgresOptions, postgresDialect } from '../src/db/dialect/postgres.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { NO_RATE_LIMITS, type TestServer, client, newTenant, startTestServer, useTestServer } from './helpers/app.js';
import { DIALECTS, POSTGRES_EXPECTED, migrateInParallelWithOthers } from './helpers/db.js';

const pgUrl = testDatabaseUrl();
const POSTGRES = DIALECTS.filter((d) => d.name === 'postgres');

it('runs the PostgreSQL fault tests whenever CI provides PostgreSQL', () => {
  expect(POSTGRES.length).toBe(POSTGRES_EXPECTED ? 1 : 0);
});

/** Every answer to a fault is the envelope: 503 UNAVAILABLE, never a bare 500 or a hang. */
function expectUnavailable(res: { status: number; body: any; headers: Headers }) {
  expect(res.status).toBe(503);
  expect(res.body.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/database/i), requestId: expect.any(String) });
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
}

/**
 * Posts as a client retries a 503: up to four tries, backing off. Right after a termination the
 * pool may still hold a terminated idle connection whose notice it has not read yet, so the first
 * retry can be another honest 503; the next one runs on a fresh connection.
 */
async function postRetrying(api: ReturnType<typeof client>, path: string, body: unknown) {
  let res = await api.post(path, body);
  for (let attempt = 1; attempt < 4 && res.status === 503; attempt++) {
    expectUnavailable(res);
    await new Promise((r) => setTimeout(r, 50 * attempt));
    res = await api.post(path, body);
  }
  return res;
}

/** A request that must be answered: a hang fails the test instead of waiting for ever. */
async function answered(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** A TCP proxy to PostgreSQL that can stop carrying data both ways, as a cut network does. */
function partitionableProxy(target: URL) {
  let cut = false;
  const paused = new Set<() => void>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((downstream) => {
    sockets.add(downstream);
    const connectUpstream = () => {
      const upstream = net.connect(Number(target.port || 5432), target.hostname);
      sockets.add(upstream);
      for (const [from, to] of [[downstream, upstream], [upstream, downstream]] as const) {
        from.on('data', (chunk) => {
          if (!cut) return void to.write(chunk);
          // Hold the bytes, as TCP would retransmit them once the network is back.
          from.pause();
          paused.add(() => {
            to.write(chunk);
            from.resume();
          });
        });
        from.on('error', () => to.destroy());
        from.on('close', () => to.destroy());
      }
    };
    if (cut) {
      downstream.pause();
      paused.add(() => {
        downstream.resume();
        connectUpstream();
      });
    } else connectUpstream();
  });
  return {
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const u = new URL(target.href);
      u.hostname = '127.0.0.1';
      u.port = String((server.address() as net.AddressInfo).port);
      return u.href;
    },
    cut() {
      cut = true;
    },
    heal() {
      cut = false;
      for (const resume of paused) resume();
      paused.clear();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe.each(POSTGRES)('PostgreSQL faults', () => {
  const admin = new pg.Pool({ connectionString: pgUrl!, max: 2, application_name: 'chatlens_test_admin' });
  const opened: { database: Database; schema: string; server: TestServer }[] = [];
  /** Run once the servers are closed (the TCP proxy must outlive the pool that uses it). */
  const cleanups: (() => Promise<unknown>)[] = [];

  /** A server on its own schema, with a pool named so this test can find (and kill) its backends. */
  async function start(options: PostgresOptions & { url?: string } = {}) {
    const schema = `t_faults_${randomBytes(5).toString('hex')}`;
    const applicationName = `chatlens_${schema}`;
    const database = await openDatabase(postgresDialect(options.url ?? pgUrl!, { max: 4, ...options, schema, applicationName }));
    await migrateInParallelWithOthers(() => migrateToLatest(database.db, database.dialect), schema);
    // Four writers at full speed with one key: past the per-key rate on purpose.
    const server = await startTestServer(database, undefined, NO_RATE_LIMITS);
    opened.push({ database, schema, server });
    const tenant = await newTenant(database.db);
    const terminate = async () =>
      (await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName])).rowCount ?? 0;
    return { database, server, tenant, terminate };
  }

  afterEach(async () => {
    for (const o of opened.splice(0)) {
      await o.server.close();
      await admin.query(`drop schema if exists ${o.schema} cascade`);
      await o.database.close();
    }
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  afterAll(() => admin.end());

  it('keeps serving when its connections are terminated while idle', async () => {
    const { server, tenant, terminate } = await start();
    const api = client(server.url, tenant.analyst);
    // Several requests at once open several pooled connections, which then sit idle.
    const warm = await Promise.all(Array.from({ length: 4 }, () => api.get('/api/trends?days=7')));
    expect(warm.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await terminate()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    // The process is alive, dropped the dead connections and connects again on use.
    const after = await api.get('/api/trends?days=7');
    expect(after.status).toBe(200);
    expect((await api.get('/health')).status).toBe(200);
  });

  it('answers 503 to requests in flight when their backend is terminated, and serves them when retried', async () => {
    const { server, tenant, terminate } = await start();
    const api = client(server.url, tenant.ingest);
    // Another session holds a lock every authenticated request needs, so requests are surely in
    // flight (waiting in PostgreSQL) when their backends are terminated.
    const locker = await admin.connect();
    try {
      await locker.query('begin');
      await locker.query(`lock table ${opened[0].schema}.api_keys in access exclusive mode`);
      const inFlight = Array.from({ length: 3 }, (_, i) =>
        answered(`${server.url}/api/sessions/s-${i}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tenant.ingest}`, 'content-type': 'application/json' },
          body: JSON.stringify({ messageId: `m-${i}`, role: 'user', content: 'hello' }),
        }),
      );
      await waitFor(async () => (await admin.query(`select count(*)::int as n from pg_locks where not granted`)).rows[0].n >= 3);
      expect(await terminate()).toBeGreaterThanOrEqual(3);
      for (const res of await Promise.all(inFlight)) expectUnavailable(res);
    } finally {
      await locker.query('rollback');
      locker.release();
    }
    // Retried as a client retries a 503, the same turns are stored.
    for (let i = 0; i < 3; i++) {
      const retry = await postRetrying(api, `/api/sessions/s-${i}/messages`, { messageId: `m-${i}`, role: 'user', content: 'hello' });
      expect(retry.status).toBe(201);
    }
    expect((await client(server.url, tenant.analyst).get('/api/sessions/s-2')).body.messageCount).toBe(1);
  });

  it('survives repeated terminations under steady traffic: every answer is a success or a 503 envelope', async () => {
    const { server, tenant, terminate } = await start();
    const api = client(server.url, tenant.ingest);
    let stop = false;
    const statuses: number[] = [];
    const failures: { path: string; body: unknown }[] = [];
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const path = `/api/sessions/w${w}/messages`;
        const body = { messageId: `w${w}-${i}`, role: 'user', content: `turn ${i}` };
        const res = await api.post(path, body);
        statuses.push(res.status);
        if (res.status === 503) {
          expectUnavailable(res);
          failures.push({ path, body });
        } else expect(res.status).toBe(201);
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    // Each termination comes after a few more answers, however slow the machine: a fixed pause
    // let as few as ten requests through in all on a loaded CI runner.
    for (let k = 0; k < 5; k++) {
      const mark = statuses.length;
      for (let i = 0; i < 1500 && statuses.length < mark + 4; i++) await new Promise((r) => setTimeout(r, 20));
      expect(statuses.length).toBeGreaterThanOrEqual(mark + 4);
      await terminate();
    }
    stop = true;
    await Promise.all(workers);
    // Whatever failed goes through when retried as a client retries a 503, and nothing was stored twice.
    for (const f of failures) expect([200, 201]).toContain((await postRetrying(api, f.path, f.body)).status);
    const reader = client(server.url, tenant.analyst);
    const stored = (await Promise.all([0, 1, 2, 3].map((w) => reader.get(`/api/sessions/w${w}`)))).reduce((n, r) => n + r.body.messages.length, 0);
    expect(stored).toBe(statuses.length);
  });

  it('answers 503 when a statement outlives the statement time-out', async () => {
    const { server, tenant, database } = await start({ statementTimeoutMs: 1000, idleInTransactionTimeoutMs: 3000 });
    // The pool's sessions carry the configured limits.
    expect((await sql<{ statement_timeout: string }>`show statement_timeout`.execute(database.db)).rows[0].statement_timeout).toBe('1s');
    expect((await sql<{ t: string }>`select current_setting('idle_in_transaction_session_timeout') as t`.execute(database.db)).rows[0].t).toBe('3s');
    const locker = await admin.connect();
    try {
      await locker.query('begin');
      await locker.query(`lock table ${opened[0].schema}.api_keys in access exclusive mode`);
      expectUnavailable(await answered(`${server.url}/api/trends`, { headers: { authorization: `Bearer ${tenant.analyst}` } }));
    } finally {
      await locker.query('rollback');
      locker.release();
    }
    expect((await client(server.url, tenant.analyst).get('/api/trends')).status).toBe(200);
  });

  it('answers 503 within the time-outs when the network to the database stops carrying data, and recovers', async () => {
    const proxy = partitionableProxy(new URL(pgUrl!));
    const url = await proxy.listen();
    cleanups.push(() => proxy.close());
    const { server, tenant } = await start({ url, statementTimeoutMs: 1000, connectTimeoutMs: 1000 });
    const api = client(server.url, tenant.analyst);
    expect((await api.get('/api/trends?days=7')).status).toBe(200);
    expect((await answered(`${server.url}/ready`)).status).toBe(200);

    proxy.cut();
    const auth = { headers: { authorization: `Bearer ${tenant.analyst}` } };
    // In-flight queries hit the read time-out; later ones find no free connection in time.
    const during = await Promise.all(Array.from({ length: 6 }, () => answered(`${server.url}/api/trends?days=7`, auth)));
    for (const res of during) expectUnavailable(res);
    const ready = await answered(`${server.url}/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('UNAVAILABLE');
    // Liveness does not depend on the database: restarting the process would not help.
    expect((await answered(`${server.url}/health`)).status).toBe(200);

    proxy.heal();
    await waitFor(async () => (await answered(`${server.url}/api/trends?days=7`, auth)).status === 200);
    expect((await answered(`${server.url}/ready`)).status).toBe(200);
  });
});

describe.each(DIALECTS)('a full disk on $name', (dialect) => {
  const ctx = useTestServer(dialect);

  it('answers 507 saying storage is full, and stores the turn once space is back', async () => {
    const tenant = await newTenant(ctx.db);
    const api = client(ctx.url, tenant.ingest);
    expect((await api.post('/api/sessions/s1/messages', { messageId: 'm1', role: 'user', content: 'hello' })).status).toBe(201);
    const fill = dialect.name === 'sqlite' ? fillSqlite : fillPostgres;
    const free = await fill(ctx.database);
    const turn = { messageId: 'm2', role: 'user', content: 'x'.repeat(50_000) };
    const full = await api.post('/api/sessions/s1/messages', turn);
    expect(full.status).toBe(507);
    expect(full.body.error).toMatchObject({ code: 'STORAGE_FULL', message: expect.stringMatching(/storage is full/i) });
    // A batch too: the whole request is refused, not one event 'rejected' with an internal message.
    const batch = await api.post('/api/ingest', {
      events: [{ id: 'e1', type: 'message', timestamp: new Date().toISOString(), sessionId: 's2', messageId: 'm3', role: 'user', content: 'y'.repeat(50_000) }],
    });
    expect(batch.status).toBe(507);
    expect(batch.body.error.code).toBe('STORAGE_FULL');
    // Readiness is about reaching the database; the process itself keeps answering.
    expect((await api.get('/health')).status).toBe(200);
    await free();
    expect((await api.post('/api/sessions/s1/messages', turn)).status).toBe(201);
  });
});

/** SQLite refuses to grow the file past max_page_count with SQLITE_FULL, as on a full disk. */
async function fillSqlite(database: Database) {
  const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(database.db)).rows[0].page_count;
  await sql.raw(`pragma max_page_count = ${pages}`).execute(database.db);
  return async () => {
    await sql.raw('pragma max_page_count = 1073741823').execute(database.db);
  };
}

/** PostgreSQL's own disk_full error (SQLSTATE 53100), raised by a trigger on the messages table. */
async function fillPostgres(database: Database) {
  await sql`create function disk_is_full() returns trigger language plpgsql as $$
    begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$`.execute(database.db);
  await sql`create trigger disk_is_full before insert on messages for each row execute function disk_is_full()`.execute(database.db);
  return async () => {
    await sql`drop trigger disk_is_full on messages`.execute(database.db);
    await sql`drop function disk_is_full()`.execute(database.db);
  };
}

async function waitFor(check: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
