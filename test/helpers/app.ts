/** The real app over real HTTP, built with the same options function production uses. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../../src/app.js';
import type { AnalysisEngine } from '../../src/analysis/types.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/connect.js';
import type { DB } from '../../src/db/database.js';
import { createApiKey } from '../../src/modules/auth/auth.service.js';
import { createCompany } from '../../src/modules/companies/companies.service.js';
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

/** `env` holds configuration variables, read by the same `loadConfig` production uses. */
export async function startTestServer(database: Database, engine: AnalysisEngine = markerEngine, env: Record<string, string> = {}): Promise<TestServer> {
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', ...env }), database, engine });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, close: () => app.close() };
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

/** ISO time `minutesAgo` minutes before now. */
export function ago(minutes: number, from = Date.now()): string {
  return new Date(from - minutes * 60_000).toISOString();
}

export function todayUtc(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
