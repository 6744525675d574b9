/**
 * What the benchmarks share: figures (min / median of repeated runs), target lines, a scratch
 * SQLite database that counts its statements, the app on a real port, and an HTTP load generator
 * that runs in its own thread so the server's event loop is not the client's.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LogEvent } from 'kysely';
import type { BulkAnalyzer } from '../src/analysis/pool/analyzer.js';
import type { AnalysisEngine } from '../src/analysis/types.js';
import { type Database, openDatabase } from '../src/db/connect.js';
import { sqliteDialect } from '../src/db/dialect/sqlite.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createApiKey } from '../src/modules/auth/auth.service.js';
import { createCompany } from '../src/modules/companies/companies.service.js';
import { type UploadTestServer, startUploadServer } from '../test/helpers/uploads.js';

/** The repository's root folder (ends with a slash). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds dist/ as `npm start` does before it runs (incremental: ~0.1 s when up to date), for the
 * benches that measure the compiled code.
 */
export function buildDist(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}

/** Command-line flags of `npm run bench -- …`. */
export const ARGS = process.argv.slice(2);
export const flag = (name: string): boolean => ARGS.includes(`--${name}`);
export function option(name: string): string | undefined {
  const i = ARGS.indexOf(`--${name}`);
  if (i >= 0 && ARGS[i + 1] && !ARGS[i + 1].startsWith('--')) return ARGS[i + 1];
  const eq = ARGS.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

export const sorted = (xs: ArrayLike<number>): number[] => Array.from(xs).sort((a, b) => a - b);
export const median = (xs: ArrayLike<number>): number => {
  const s = sorted(xs);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
export const quantile = (xs: ArrayLike<number>, q: number): number => {
  const s = sorted(xs);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * q))] : NaN;
};
export const min = (xs: number[]): number => Math.min(...xs);
export const max = (xs: number[]): number => Math.max(...xs);
export const elapsedMs = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

/**
 * CPU time of this process's main thread, in ms (Linux's schedstat, nanoseconds), where the
 * server runs when the load comes from a worker thread; NaN elsewhere.
 */
export function mainThreadCpuMs(): number {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

/** "min / median" of repeated figures, with a unit and a number format. */
export function mm(xs: number[], digits = 0, lowIsBest = true): string {
  const best = lowIsBest ? min(xs) : max(xs);
  return `${best.toFixed(digits)} / ${median(xs).toFixed(digits)}`;
}

/** Every target checked in this run, printed together at the end by run.ts. */
export const TARGETS: { name: string; figure: string; baseline: string; met: boolean }[] = [];

/** Prints a target's figure beside its baseline and records whether it is met (on the median). */
export function target(name: string, figure: string, baseline: string, met: boolean): void {
  TARGETS.push({ name, figure, baseline, met });
  console.log(`  TARGET ${met ? 'met   ' : 'MISSED'} ${name}: ${figure}  [baseline: ${baseline}]`);
}

export function printTargets(): void {
  if (!TARGETS.length) return;
  console.log('\n== targets (medians; baselines measured in the same run)');
  for (const t of TARGETS) console.log(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.name.padEnd(58)} ${t.figure}  [${t.baseline}]`);
}

export interface ScratchDb extends Database {
  dir: string;
  file: string;
  /** Statements run since the last reset (every statement goes through Kysely's log hook). */
  statements: { count: number };
  destroy(): Promise<void>;
}

/**
 * A migrated SQLite database in a temporary directory that counts the statements it runs;
 * `onQuery` hears each of them too.
 */
export async function scratchSqlite(file?: string, onQuery?: (event: LogEvent) => void): Promise<ScratchDb> {
  const dir = file ? path.dirname(file) : fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-bench-'));
  const dbFile = file ?? path.join(dir, 'bench.db');
  const statements = { count: 0 };
  const database = await openDatabase(sqliteDialect(dbFile), {
    onQuery: (e) => {
      statements.count++;
      onQuery?.(e);
    },
  });
  await migrateToLatest(database.db, database.dialect);
  statements.count = 0;
  return {
    ...database,
    dir,
    file: dbFile,
    statements,
    destroy: async () => {
      await database.close();
      if (!file) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Keys {
  companyId: number;
  ingest: string;
  admin: string;
}

export async function newCompany(database: Database, name = 'bench'): Promise<Keys> {
  const company = await createCompany(database.db, name);
  const key = async (role: 'admin' | 'ingest') => (await createApiKey(database.db, { companyId: company.id, role })).key;
  return { companyId: company.id, ingest: await key('ingest'), admin: await key('admin') };
}

export type Served = UploadTestServer;

/**
 * Rate limits off: one key sends thousands of requests a second in a benchmark, and what is
 * measured is the path behind the limits (bench/rate-limit.bench.ts measures the limits themselves).
 */
export const NO_RATE_LIMITS = { CHATLENS_RATE_LIMIT_PER_SECOND: '0', CHATLENS_ADDRESS_RATE_LIMIT_PER_SECOND: '0', CHATLENS_AUTH_FAILURE_LIMIT_PER_SECOND: '0' };

/**
 * The real app, built as production builds it (the uploads suites' server), listening on a free
 * port; with `analyzer`, it analyses on that pool instead of one of its own.
 */
export async function serve(database: Database, engine: AnalysisEngine, env: Record<string, string> = {}, analyzer?: BulkAnalyzer): Promise<Served> {
  // `workers` unset: the analysis pool's default size, as in production.
  return startUploadServer(database, engine, { env: { ...NO_RATE_LIMITS, ...env }, uploads: { workers: undefined, analyzer } });
}

export interface LoadSpec {
  url: string;
  /** Concurrent clients, each with one keep-alive connection. */
  clients: number;
  /** Requests in all (after `warmup` requests that are not counted). */
  requests: number;
  warmup: number;
  headers: Record<string, string>;
  /** `live` posts turns of `texts` to /api/sessions/<prefix-client-n>/messages; `hello` posts `{}` to /; `get` reads `path`. */
  kind: 'live' | 'hello' | 'get';
  path?: string;
  prefix: string;
  texts: string[];
  /**
   * Open loop: requests are due at this many a second in all (request i at start + i / rate),
   * whatever the answers; a client waits for its next request's due time, and a latency counts
   * from the due time, so a server that falls behind is charged for the wait it caused (no
   * coordinated omission). Without it the load is closed: every client sends again at once.
   */
  rate?: number;
}

export interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  /** Answers outside 2xx (after the warm-up). */
  errors: number;
  /** Those answers by status (0: the connection failed). */
  statuses: Record<number, number>;
}

/* The client loop, in plain JavaScript so the worker thread needs no TypeScript loader. */
const LOAD_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const s = workerData;
const u = new URL(s.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: s.clients });
function post(path, body) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const get = s.kind === 'get';
    const req = http.request({ host: u.hostname, port: u.port, path: get ? s.path : path, method: get ? 'GET' : 'POST', agent,
      headers: get ? s.headers : { ...s.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve([Number(process.hrtime.bigint() - t0) / 1e6, res.statusCode]));
    });
    req.on('error', () => resolve([Number(process.hrtime.bigint() - t0) / 1e6, 0]));
    req.end(get ? undefined : body);
  });
}
let next = 0;
const total = s.requests + s.warmup;
const lat = [];
let errors = 0;
const statuses = {};
let started = 0n;
const t0 = process.hrtime.bigint();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function client(c) {
  let n = 0;
  for (;;) {
    const i = next++;
    if (i >= total) return;
    // Open loop: wait for this request's due time. A request no client was free to send when it
    // fell due (every one waiting on the server) counts from its due time; a timer's own lateness
    // is the client's, and is not counted.
    let late = 0;
    if (s.rate) {
      const due = Number(t0) / 1e6 + (i * 1000) / s.rate;
      const now = Number(process.hrtime.bigint()) / 1e6;
      if (due > now) await sleep(due - now);
      else late = now - due;
    }
    if (i === s.warmup) started = process.hrtime.bigint();
    let path = '/', body = '{}';
    if (s.kind === 'live') {
      const turn = n++;
      const session = s.prefix + '-' + c + '-' + Math.floor(turn / 8);
      const role = turn % 2 ? 'assistant' : 'user';
      body = JSON.stringify({ messageId: session + '-' + turn, role, content: s.texts[(turn + c) % s.texts.length], userId: 'bench-user-' + (c % 4) });
      path = '/api/sessions/' + session + '/messages';
    }
    const [ms, status] = await post(path, body);
    if (i >= s.warmup) { lat.push(ms + late); if (status < 200 || status >= 300) { errors++; statuses[status] = (statuses[status] || 0) + 1; } }
  }
}
Promise.all(Array.from({ length: s.clients }, (_, c) => client(c))).then(() => {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  parentPort.postMessage({ lat, seconds, errors, statuses });
});
`;

/** Runs a load from a worker thread: closed (`clients` requests in flight at all times) or, with `rate`, open. */
export function load(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(LOAD_WORKER, { eval: true, workerData: spec });
    w.once('message', (m: { lat: number[]; seconds: number; errors: number; statuses: Record<number, number> }) => {
      resolve({ perSecond: m.lat.length / m.seconds, p50: median(m.lat), p99: quantile(m.lat, 0.99), errors: m.errors, statuses: m.statuses });
      void w.terminate();
    });
    w.once('error', reject);
  });
}

/* One client posting JSON bodies one after another, in plain JavaScript for the same reason. */
const SEQUENCE_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const s = workerData;
const u = new URL(s.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent,
      headers: { ...s.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const parts = [];
      res.on('data', (b) => parts.push(b));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(parts).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
(async () => {
  const t0 = process.hrtime.bigint();
  const answers = [];
  for (const payload of s.payloads) answers.push(await post(JSON.stringify(payload)));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  agent.destroy();
  parentPort.postMessage({ ms, answers });
})().catch((err) => parentPort.postMessage({ error: String(err) }));
`;

export interface Answer {
  status: number;
  text: string;
}

/**
 * Posts `payloads` to `url` one after another from a worker thread, as a client in another
 * process would: each body is serialised and sent there, and the server's thread does only the
 * server's work. Time from the first request to the last answer, ms, with every answer.
 */
export function postInTurn(url: string, headers: Record<string, string>, payloads: unknown[]): Promise<{ ms: number; answers: Answer[] }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(SEQUENCE_WORKER, { eval: true, workerData: { url, headers, payloads } });
    w.once('message', (m: { ms: number; answers: Answer[]; error?: string }) => {
      void w.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve(m);
    });
    w.once('error', reject);
  });
}
