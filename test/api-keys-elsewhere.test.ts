/**
 * Verified API keys on PostgreSQL (issue 11): the server keeps a key it verified and reads it
 * again only when the database notifies that some key changed (a trigger on api_keys, heard on a
 * connection of the server's own), whoever changed it: plain SQL, another server process, the
 * CLI. While that connection is down, every request reads its key again. Key reads are counted
 * with the statement hook the benchmarks use.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../src/config.js';
import { type Database, keyChangesElsewhereOf, openDatabase } from '../src/db/connect.js';
import { postgresDialect } from '../src/db/dialect/postgres.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { VERIFIED_KEY_TTL_MS } from '../src/modules/auth/verified-keys.js';
import { NO_RATE_LIMITS, type TestServer, client, newTenant, startTestServer } from './helpers/app.js';
import { DIALECTS, POSTGRES_EXPECTED, migrateInParallelWithOthers } from './helpers/db.js';

const pgUrl = testDatabaseUrl();
const POSTGRES = DIALECTS.filter((d) => d.name === 'postgres');

it('runs the PostgreSQL key-notice tests whenever CI provides PostgreSQL', () => {
  expect(POSTGRES.length).toBe(POSTGRES_EXPECTED ? 1 : 0);
});

/** A TCP relay to PostgreSQL that can refuse new connections, as a database restarting does. */
function relay(target: URL) {
  let refusing = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((down) => {
    if (refusing) return void down.destroy();
    const up = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [down, up]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    down.pipe(up).pipe(down);
    down.on('error', () => up.destroy());
    up.on('error', () => down.destroy());
  });
  return {
    async listen(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const u = new URL(target.href);
      u.hostname = '127.0.0.1';
      u.port = String((server.address() as net.AddressInfo).port);
      return u.href;
    },
    refuse: (on: boolean) => void (refusing = on),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Waits for a condition the server reaches by itself (a notice arriving, a reconnection), failing after 10 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within 10 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe.each(POSTGRES)('verified API keys on PostgreSQL, dropped when the database says a key changed', () => {
  const admin = new pg.Pool({ connectionString: pgUrl!, max: 2, application_name: 'chatlens_test_admin' });
  const schema = `t_keys_${randomBytes(5).toString('hex')}`;
  const applicationName = `chatlens_${schema}`;
  const link = relay(new URL(pgUrl!));
  let database: Database;
  let server: TestServer;
  let other: { database: Database; server: TestServer };
  let keyReads = 0;
  /** The server's view of key changes: a number, or undefined while it is not listening. */
  const changes = () => keyChangesElsewhereOf(database.db)!();

  beforeAll(async () => {
    const url = await link.listen();
    database = await openDatabase(postgresDialect(url, { schema, max: 4, applicationName }), {
      onQuery: (e) => void (e.query.sql.includes('FROM api_keys WHERE lookup') && keyReads++),
    });
    await migrateInParallelWithOthers(() => migrateToLatest(database.db, database.dialect, { schema }), schema);
    server = await startTestServer(database, undefined, NO_RATE_LIMITS);
    // Another server process's stand-in: its own pool and its own listener on the same schema.
    const otherDatabase = await openDatabase(postgresDialect(pgUrl!, { schema, max: 2 }));
    other = { database: otherDatabase, server: await startTestServer(otherDatabase, undefined, NO_RATE_LIMITS) };
  });

  afterAll(async () => {
    await other?.server.close();
    await other?.database.close();
    await server?.close();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await database?.close();
    await link.close();
    await admin.end();
  });

  /** `n` requests one after another, each answered 200; the key reads they cost, and how many reads the time they took allows. */
  async function readsFor(key: string, n: number): Promise<{ reads: number; allowed: number }> {
    const before = keyReads;
    const started = Date.now();
    for (let i = 0; i < n; i++) expect((await client(server.url, key).get('/api/trends')).status).toBe(200);
    // A verification is trusted for VERIFIED_KEY_TTL_MS at most: one read, and one more per period begun.
    return { reads: keyReads - before, allowed: 1 + Math.floor((Date.now() - started) / VERIFIED_KEY_TTL_MS) };
  }

  it('reads a key in use once, not on every request, once it listens', async () => {
    const t = await newTenant(database.db);
    expect((await client(server.url, t.analyst).get('/api/trends')).status).toBe(200);
    await until(() => changes() !== undefined, 'listening');
    const { reads, allowed } = await readsFor(t.analyst, 30);
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(allowed);
  });

  it('refuses a key revoked by plain SQL from the next request after the notice', async () => {
    const t = await newTenant(database.db);
    await until(() => changes() !== undefined, 'listening');
    await readsFor(t.analyst, 3);
    const before = keyReads;
    expect((await client(server.url, t.analyst).get('/api/trends')).status).toBe(200);
    expect(keyReads).toBe(before); // kept: the revocation below is not read by chance
    const heard = changes();
    await admin.query(`update ${schema}.api_keys set revoked_at = $1 where company_id = $2 and role = 'analyst'`, [new Date().toISOString(), t.companyId]);
    await until(() => changes() !== heard, 'the notice of the revocation');
    const res = await client(server.url, t.analyst).get('/api/trends');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHORIZED');
  });

  it('refuses a key revoked through another server process, and keeps the other keys working', async () => {
    const t = await newTenant(database.db);
    await until(() => changes() !== undefined, 'listening');
    const made = await client(server.url, t.admin).post('/api/keys', { role: 'ingest', name: 'revoked elsewhere' });
    const busy = client(server.url, made.body.key);
    const turn = (i: number) => busy.post('/api/sessions/K/messages', { messageId: `k${i}`, role: 'user', content: `turn ${i}` });
    expect((await Promise.all([0, 1, 2, 3].map(turn))).map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const heard = changes();
    expect((await client(other.server.url, t.admin).delete(`/api/keys/${made.body.info.id}`)).status).toBe(204);
    await until(() => changes() !== heard, 'the notice of the revocation');
    expect((await turn(4)).status).toBe(401);
    expect((await client(server.url, t.analyst).get('/api/trends')).status).toBe(200);
  });

  it('refuses a key revoked by `chatlens keys revoke` in another process', async () => {
    const t = await newTenant(database.db);
    await until(() => changes() !== undefined, 'listening');
    const made = await client(server.url, t.admin).post('/api/keys', { role: 'analyst', name: 'revoked by the CLI' });
    await readsFor(made.body.key, 2);
    const heard = changes();
    const url = new URL(pgUrl!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(CHATLENS_|DATABASE_URL$)/.test(k)));
    await promisify(execFile)(
      process.execPath,
      [path.resolve('bin/chatlens.js'), 'keys', 'revoke', String(made.body.info.id), '--company', String(t.companyId), '--database-url', url.href],
      { env: { ...env, LOG_LEVEL: 'silent' } },
    );
    await until(() => changes() !== heard, 'the notice of the revocation');
    expect((await client(server.url, made.body.key).get('/api/trends')).status).toBe(401);
  });

  it('reads the key on every request while its listening connection is down, refuses a revocation made then, and keeps keys again once back', async () => {
    const t = await newTenant(database.db);
    await until(() => changes() !== undefined, 'listening');
    await readsFor(t.analyst, 2);
    // The database ends the listening backend and takes no new connection for now (a restart,
    // a fail-over): the pool's open connections still serve, the listener cannot come back.
    link.refuse(true);
    try {
      const ended = await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and query ilike 'listen %'`, [applicationName]);
      expect(ended.rowCount).toBe(1);
      await until(() => changes() === undefined, 'the listening connection seen lost');
      const { reads } = await readsFor(t.analyst, 5);
      expect(reads).toBe(5);
      // Nobody can be notified now; the revocation counts from the next request all the same.
      await admin.query(`update ${schema}.api_keys set revoked_at = $1 where company_id = $2 and role = 'analyst'`, [new Date().toISOString(), t.companyId]);
      expect((await client(server.url, t.analyst).get('/api/trends')).status).toBe(401);
    } finally {
      link.refuse(false);
    }
    await until(() => changes() !== undefined, 'listening again');
    const { reads, allowed } = await readsFor(t.admin, 20);
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(allowed);
  });
});
