/**
 * The session export over a year of demo traffic, on the embedded database, through the real
 * HTTP route: the streamed export (keyset pages) against a baseline in the same run that loads
 * the same sessions, messages and findings into memory first and serialises them at once. Figures:
 * time, size, and the peak heap above the level before each run (sampled every 20 ms), repeated
 * and interleaved; min and median are printed.
 *
 *   npx tsx bench/export.bench.ts            (BENCH_EXPORT_DAYS=365 by default)
 *   node --expose-gc --import tsx bench/export.bench.ts   (collects garbage before each run: steadier figures)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../src/app.js';
import { builtinEngine } from '../src/analysis/index.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connect.js';
import { sqliteDialect } from '../src/db/dialect/sqlite.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { createApiKey } from '../src/modules/auth/auth.service.js';
import { NO_RATE_LIMITS } from './lib.js';

interface Figures {
  ms: number;
  bytes: number;
  /** Peak heap above the heap before the run (0 when collection kept it below the start level). */
  peakHeapMb: number;
  /** Peak heap in use during the run. */
  peakAbsMb: number;
}

async function sampled(fn: () => Promise<number>): Promise<Figures> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const t0 = process.hrtime.bigint();
  const bytes = await fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { ms, bytes, peakHeapMb: (peak - before) / 1048576, peakAbsMb: peak / 1048576 };
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const min = (xs: number[]) => Math.min(...xs);

export async function run(): Promise<void> {
  const days = Number(process.env.BENCH_EXPORT_DAYS ?? 365);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-bench-export-'));
  const database = await openDatabase(sqliteDialect(path.join(dir, 'bench.db')));
  try {
    await migrateToLatest(database.db, database.dialect);
    const seed = await seedDemo(database.db, builtinEngine, { companies: 1, days });
    const companyId = seed.companies[0].id;
    const { key } = await createApiKey(database.db, { companyId, role: 'analyst' });
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', ...NO_RATE_LIMITS, CHATLENS_DATA_DIR: dir }), database, engine: builtinEngine, uploads: { workers: 0 } });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const end = new Date().toISOString().slice(0, 10);
    const start = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

    // Streamed: the route, read chunk by chunk and counted, never kept.
    const streamed = () =>
      sampled(async () => {
        const res = await fetch(`${url}/api/export/sessions?format=jsonl&start_date=${start}&end_date=${end}`, { headers: { authorization: `Bearer ${key}` } });
        let bytes = 0;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
        return bytes;
      });
    // Baseline: everything read first, then one JSONL string, as an export without paging would.
    const loaded = () =>
      sampled(async () => {
        const db = database.db;
        const sessions = await db.selectFrom('chat_sessions').selectAll().where('company_id', '=', companyId).orderBy('created_at').orderBy('id').execute();
        const messages = await db.selectFrom('messages').selectAll().where('company_id', '=', companyId).orderBy('session_id').orderBy('seq').execute();
        const findings = await db.selectFrom('findings').selectAll().where('company_id', '=', companyId).execute();
        const bySession = groupBy(messages, (m) => m.session_id);
        const byMessage = groupBy(findings, (f) => f.message_id);
        const text = sessions
          .map((s) => JSON.stringify({ ...s, messages: (bySession.get(s.id) ?? []).map((m) => ({ ...m, findings: byMessage.get(m.id) ?? [] })) }))
          .join('\n');
        return Buffer.byteLength(text);
      });

    const runs: { streamed: Figures[]; loaded: Figures[] } = { streamed: [], loaded: [] };
    for (let i = 0; i < 3; i++) {
      runs.streamed.push(await streamed());
      runs.loaded.push(await loaded());
    }
    const sessions = await database.db.selectFrom('chat_sessions').select((eb) => eb.fn.countAll().as('n')).where('company_id', '=', companyId).executeTakeFirst();
    console.log(`export of ${days} days of demo traffic (SQLite): ${Number(sessions?.n)} sessions, ${(runs.streamed[0].bytes / 1048576).toFixed(1)} MB of JSONL; 3 runs each, interleaved`);
    for (const [name, r] of [['streamed (keyset pages)', runs.streamed], ['loaded at once (baseline)', runs.loaded]] as const) {
      console.log(
        `  ${name.padEnd(26)} time min ${min(r.map((x) => x.ms)).toFixed(0)} ms, median ${median(r.map((x) => x.ms)).toFixed(0)} ms; peak heap above start min ${min(r.map((x) => x.peakHeapMb)).toFixed(1)} MB, median ${median(r.map((x) => x.peakHeapMb)).toFixed(1)} MB (peak heap in use: median ${median(r.map((x) => x.peakAbsMb)).toFixed(0)} MB)`,
      );
    }
    console.log(`  peak heap ratio streamed / loaded (medians): ${(median(runs.streamed.map((x) => x.peakHeapMb)) / median(runs.loaded.map((x) => x.peakHeapMb))).toFixed(2)}`);
    await app.close();
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
