/**
 * Write and read paths on the embedded database:
 * - ingestion throughput (events/s) with the real engine, against the same events with a no-op
 *   engine (the ratio is what analysis costs on the write path);
 * - trends over 365 days read from rollups, against the same numbers computed by scanning raw
 *   messages and findings (the ratio is what the rollups save).
 *
 *   npx tsx bench/ingest.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { builtinEngine } from '../src/analysis/index.js';
import type { AnalysisEngine } from '../src/analysis/types.js';
import { openDatabase } from '../src/db/connect.js';
import { sqliteDialect } from '../src/db/dialect/sqlite.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createCompany } from '../src/modules/companies/companies.service.js';
import { ingestEvents } from '../src/modules/ingest/ingest.service.js';
import { getTrends } from '../src/modules/trends/trends.service.js';

const noop: AnalysisEngine = { version: 'noop@1', analyze: () => [] };

const QUESTIONS = ['What plans do you offer?', 'When is my invoice due?', 'You are useless, give me a human.', 'Can I work from home on Fridays?'];
const ANSWERS = [
  'We offer three plans starting from 15 euros per month; roaming in the EU is included in every plan.',
  'Invoices are issued on the first day of each month and payment is due within 14 days.',
  'Absolutely, this is guaranteed to work every time, according to the 2021 study by Smith et al. [4].',
  'Remote work is allowed up to three days per week with manager approval.',
];

function events(sessions: number, days: number): Record<string, unknown>[][] {
  const now = Date.now();
  const out: Record<string, unknown>[][] = [];
  for (let s = 0; s < sessions; s++) {
    const t0 = now - (s % days) * 86_400_000 - 3_600_000;
    const batch: Record<string, unknown>[] = [];
    for (let k = 0; k < 3; k++) {
      const i = (s + k) % 4;
      const ts = (o: number) => new Date(t0 + k * 60_000 + o).toISOString();
      batch.push({ id: `u${s}-${k}`, type: 'message', timestamp: ts(0), sessionId: `s${s}`, messageId: `mu${s}-${k}`, role: 'user', content: QUESTIONS[i], userId: `user${s % 50}` });
      batch.push({ id: `a${s}-${k}`, type: 'message', timestamp: ts(5000), sessionId: `s${s}`, messageId: `ma${s}-${k}`, role: 'assistant', content: ANSWERS[i], model: 'gpt-4o' });
    }
    out.push(batch);
  }
  return out;
}

async function ingestRun(engine: AnalysisEngine, sessions: number, days: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-bench-'));
  const database = await openDatabase(sqliteDialect(path.join(dir, 'bench.db')));
  await migrateToLatest(database.db, database.dialect);
  const company = await createCompany(database.db, 'bench');
  const batches = events(sessions, days);
  const started = process.hrtime.bigint();
  let n = 0;
  for (const b of batches) {
    await ingestEvents({ db: database.db, engine }, company.id, b);
    n += b.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { database, dir, companyId: company.id, eventsPerSecond: n / seconds, events: n };
}

async function timeIt(fn: () => Promise<unknown>, runs = 20): Promise<number> {
  await fn();
  const started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await fn();
  return Number(process.hrtime.bigint() - started) / 1e6 / runs;
}

export async function run(): Promise<void> {
  const sessions = 3000;
  const days = 365;
  const base = await ingestRun(noop, sessions, days);
  const real = await ingestRun(builtinEngine, sessions, days);
  console.log(`ingest (SQLite, requests of 6 events): ${real.events} events`);
  console.log(`  real engine  ${real.eventsPerSecond.toFixed(0)} events/s`);
  console.log(`  no-op engine ${base.eventsPerSecond.toFixed(0)} events/s (baseline; ratio ${(real.eventsPerSecond / base.eventsPerSecond).toFixed(2)})`);

  const db = real.database.db;
  const rollupMs = await timeIt(() => getTrends(db, real.companyId, 365));
  // The same daily totals computed from raw rows, as a report without rollups would have to.
  const scanMs = await timeIt(() =>
    sql`select substr(m.created_at, 1, 10) as day, count(*) as turns,
               count(distinct case when f.category = 'toxicity' then m.id end) as tox
        from messages m left join findings f on f.company_id = m.company_id and f.message_id = m.id
        where m.company_id = ${real.companyId} and m.analyzed = 1 group by day`.execute(db),
  );
  console.log(`trends, 365 days over ${real.events} messages:`);
  console.log(`  from rollups   ${rollupMs.toFixed(2)} ms`);
  console.log(`  raw-row scan   ${scanMs.toFixed(2)} ms (baseline; rollups are ${(scanMs / rollupMs).toFixed(1)}x faster)`);

  for (const r of [base, real]) {
    await r.database.close();
    fs.rmSync(r.dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
