/** The real app over real HTTP, built with the same options function production uses. */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { type AppOptions, buildApp } from '../../src/app.js';
import type { AnalysisEngine } from '../../src/analysis/types.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/connect.js';
import type { DB } from '../../src/db/database.js';
import { createApiKey } from '../../src/modules/auth/auth.service.js';
import { createCompany } from '../../src/modules/companies/companies.service.js';
import type { TestDatabase, TestDialect } from './db.js';
import { markerEngine } from './test-engine.js';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

/**
 * Request rate limits off, for suites that send thousands of requests from one address with one
 * key to test something else (the limits have their own suite, test/rate-limits.test.ts).
 */
export const NO_RATE_LIMITS: Record<string, string> = {
  CHATLENS_RATE_LIMIT_PER_SECOND: '0',
  CHATLENS_ADDRESS_RATE_LIMIT_PER_SECOND: '0',
  CHATLENS_AUTH_FAILURE_LIMIT_PER_SECOND: '0',
};

/** What a suite may set on the app beyond its configuration: the background clock, the upload workers. */
export type TestAppOptions = Pick<AppOptions, 'clock' | 'uploads'>;

/** `env` holds configuration variables, read by the same `loadConfig` production uses. */
export async function startTestServer(
  database: Database,
  engine: AnalysisEngine = markerEngine,
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestServer> {
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', ...env }), database, engine, ...options });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, close: () => app.close() };
}

/** The database of a describe block, there from its beforeAll to its afterAll. */
export interface DatabaseContext {
  readonly database: TestDatabase;
  readonly db: Kysely<DB>;
}

/** The database and the app serving it over HTTP, for a describe block. */
export interface ServerContext<S extends { url: string } = TestServer> extends DatabaseContext {
  readonly server: S;
  readonly url: string;
}

export interface UseTestServerOptions<S> extends TestAppOptions {
  engine?: AnalysisEngine;
  /** Configuration variables, as for `startTestServer`. */
  env?: Record<string, string>;
  /** Starts another kind of server on the database instead (the uploads suites' `startUploadServer`). */
  start?: (database: TestDatabase) => Promise<S>;
}

/** What useTestDatabase and useTestServer hand out, filled in by their beforeAll. */
class SuiteContext<S extends { url: string }> implements ServerContext<S> {
  opened?: TestDatabase;
  started?: S;
  get database(): TestDatabase {
    return ready(this.opened, 'database');
  }
  get db(): Kysely<DB> {
    return this.database.db;
  }
  get server(): S {
    return ready(this.started, 'server');
  }
  get url(): string {
    return this.server.url;
  }
}

function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the test ${what} is not open: read it inside a test or hook, not while the suite is declared`);
  return value;
}

/**
 * Opens a fresh database of `dialect` before the enclosing describe block's tests and destroys it
 * after them. The context is filled in by beforeAll: read its fields inside tests and hooks.
 *
 * @example
 * describe.each(DIALECTS)('rollups on $name', (dialect) => {
 *   const ctx = useTestDatabase(dialect);
 *   it('…', async () => { await seedDemo(ctx.db, engine); });
 * });
 */
export function useTestDatabase(dialect: TestDialect): DatabaseContext {
  const ctx = new SuiteContext();
  beforeAll(async () => {
    ctx.opened = await dialect.open();
  });
  afterAll(async () => {
    await ctx.opened?.destroy();
  });
  return ctx;
}

/**
 * Opens a fresh database of `dialect` and starts the app on it (real HTTP on a free port) before
 * the enclosing describe block's tests; closes the server, then destroys the database, after them.
 * The context is filled in by beforeAll: read its fields inside tests and hooks. A suite's own
 * setup (tenants, stubs) goes in a beforeAll declared after this call, which runs after it; its
 * own afterAll runs before this one's (vitest.config.ts states that order).
 *
 * @example
 * describe.each(DIALECTS)('trends on $name', (dialect) => {
 *   const ctx = useTestServer(dialect, { env: NO_RATE_LIMITS });
 *   it('…', async () => { const t = await newTenant(ctx.db); await client(ctx.url, t.analyst).get('/api/trends'); });
 * });
 */
export function useTestServer<S extends { url: string; close(): Promise<void> }>(
  dialect: TestDialect,
  options: UseTestServerOptions<S> & { start: (database: TestDatabase) => Promise<S> },
): ServerContext<S>;
export function useTestServer(dialect: TestDialect, options?: UseTestServerOptions<TestServer>): ServerContext<TestServer>;
export function useTestServer<S extends { url: string; close(): Promise<void> }>(dialect: TestDialect, options: UseTestServerOptions<S> = {}): ServerContext<S> {
  const ctx = new SuiteContext<S>();
  const { engine, env, start, ...app } = options;
  beforeAll(async () => {
    ctx.opened = await dialect.open();
    ctx.started = start ? await start(ctx.opened) : ((await startTestServer(ctx.opened, engine, env, app)) as unknown as S);
  });
  afterAll(async () => {
    await ctx.started?.close();
    await ctx.opened?.destroy();
  });
  return ctx;
}

export interface Tenant {
  companyId: number;
  name: string;
  admin: string;
  analyst: string;
  ingest: string;
}

export async function newTenant(db: Kysely<DB>): Promise<Tenant> {
  const name = `Test ${randomBytes(4).toString('hex')}`;
  const company = await createCompany(db, name);
  const key = async (role: 'admin' | 'analyst' | 'ingest') => (await createApiKey(db, { companyId: company.id, role })).key;
  return { companyId: company.id, name, admin: await key('admin'), analyst: await key('analyst'), ingest: await key('ingest') };
}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** fetch with a bearer key and JSON in and out. */
export function client(baseUrl: string, key?: string) {
  const call = async <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
    put: <T = any>(path: string, body?: unknown) => call<T>('PUT', path, body),
    patch: <T = any>(path: string, body?: unknown) => call<T>('PATCH', path, body),
    delete: <T = any>(path: string) => call<T>('DELETE', path),
  };
}

/** A URL on a port nobody listens on (bound, then released): for "the server is unreachable". */
export async function closedPort(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

/** ISO time `minutesAgo` minutes before now. */
export function ago(minutes: number, from = Date.now()): string {
  return new Date(from - minutes * 60_000).toISOString();
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * What tests that read back by day what they sent count "minutes ago" from: the time this test
 * file loaded or, in the first six hours of a UTC day, the last second of the day before. Every
 * instant up to six hours before it is then in the past and on one UTC day (`sentDay()`), so a
 * run just after midnight reads the same days as one at noon. Tests about how long ago a turn was
 * (idle sessions, live windows) count from now with `ago()` instead.
 */
const SENT_AT = ((now: number) => (now % DAY_MS >= 6 * HOUR_MS ? now : now - (now % DAY_MS) - 1000))(Date.now());

/** ISO time `minutes` minutes before the instant day-reading tests count from (see SENT_AT). */
export function sentAgo(minutes: number): string {
  return ago(minutes, SENT_AT);
}

/** The UTC day (YYYY-MM-DD) that `sentAgo()` of up to six hours falls on, or `offsetDays` from it. */
export function sentDay(offsetDays = 0): string {
  return new Date(SENT_AT + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A batch `message` event (`POST /api/ingest`) from the user, sent `when`: that many minutes ago,
 * or at that ISO time (`sentAgo(…)`); its event id `e-<messageId>`; `extra` adds or overrides
 * fields (`role`, `userId`, usage…).
 */
export function batchMessage(sessionId: string, messageId: string, when: number | string, content: string, extra: object = {}): Record<string, unknown> {
  return { id: `e-${messageId}`, type: 'message', timestamp: typeof when === 'string' ? when : ago(when), sessionId, messageId, role: 'user', content, ...extra };
}

export function todayUtc(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
