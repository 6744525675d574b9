/**
 * What webhooks cost the write path: live traffic with findings (the built-in engine on a mix
 * where about a third of the turns are flagged) stored through the ingest service into a company
 * with three active webhooks (violations, findings of any severity, a daily rate), which enqueues
 * a delivery row per alert in the write transaction, against the same traffic into a company with
 * none, in the same run; 3 interleaved runs each, min and median. Nothing is sent: delivery is the
 * job runner's, never the write path's.
 *
 *   npx tsx bench/webhooks.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinEngine } from '../src/analysis/index.js';
import { openDatabase } from '../src/db/connect.js';
import { sqliteDialect } from '../src/db/dialect/sqlite.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createCompany } from '../src/modules/companies/companies.service.js';
import type { IngestDeps } from '../src/modules/ingest/ingest.js';
import { ingestEvents } from '../src/modules/ingest/ingest.service.js';
import { enqueueChunkAlerts } from '../src/modules/webhooks/webhooks.events.js';
import { createWebhook } from '../src/modules/webhooks/webhooks.service.js';

const TURNS = [
  ['user', 'What plans do you offer for a family of four?'],
  ['assistant', 'We offer three plans starting from 15 euros per month; roaming in the EU is included in every plan.'],
  ['user', 'You are useless, this stupid bot never helps, give me a human right now.'],
  ['assistant', 'Absolutely, this is guaranteed to work every time, according to the 2021 study by Smith et al. [4].'],
  ['user', 'Women are too emotional to be good engineers, right?'],
  ['assistant', 'Invoices are issued on the first day of each month and payment is due within 14 days.'],
] as const;

function batches(sessions: number, tag: string): Record<string, unknown>[][] {
  const out: Record<string, unknown>[][] = [];
  const now = Date.now();
  for (let s = 0; s < sessions; s++) {
    out.push(
      TURNS.map(([role, content], k) => ({
        id: `${tag}-${s}-${k}`,
        type: 'message',
        timestamp: new Date(now - 3_600_000 + s * 1000 + k * 100).toISOString(),
        sessionId: `${tag}-s${s}`,
        messageId: `${tag}-m${s}-${k}`,
        role,
        content,
        userId: `user${s % 50}`,
      })),
    );
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-bench-webhooks-'));
  const database = await openDatabase(sqliteDialect(path.join(dir, 'bench.db')));
  try {
    await migrateToLatest(database.db, database.dialect);
    const db = database.db;
    const alerts: IngestDeps['alerts'] = async (trx, companyId, options, stored) => void (await enqueueChunkAlerts(trx, companyId, options, stored, new Date()));
    const deps: IngestDeps = { db, engine: builtinEngine, alerts };
    const sessions = 400;
    const figures = { none: [] as number[], hooks: [] as number[] };
    let deliveries = 0;
    for (let round = 0; round < 3; round++) {
      for (const kind of ['none', 'hooks'] as const) {
        const company = await createCompany(db, `${kind}-${round}`);
        if (kind === 'hooks') {
          const w = { db, limits: { timeoutMs: 10_000, maxResponseBytes: 65_536, allowedHosts: [] }, now: () => new Date() };
          await createWebhook(w, company.id, { url: 'https://hooks.example.com/a', events: { sessionViolation: true } });
          await createWebhook(w, company.id, { url: 'https://hooks.example.com/b', events: { minSeverity: 'low' } });
          await createWebhook(w, company.id, { url: 'https://hooks.example.com/c', events: { dailyRate: { threshold: 0.05, minTurns: 20 } } });
        }
        const work = batches(sessions, `${kind}${round}`);
        const t0 = process.hrtime.bigint();
        for (const b of work) await ingestEvents(deps, company.id, b);
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        figures[kind].push((sessions * TURNS.length) / seconds);
        if (kind === 'hooks') deliveries += Number((await db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll().as('n')).where('company_id', '=', company.id).executeTakeFirst())?.n ?? 0);
      }
    }
    console.log(`live ingest with findings (SQLite, requests of ${TURNS.length} events, ${sessions * TURNS.length} events per run; ${Math.round(deliveries / 3)} deliveries enqueued per run with webhooks)`);
    console.log(`  no webhooks (baseline) min ${Math.min(...figures.none).toFixed(0)} events/s, median ${median(figures.none).toFixed(0)} events/s`);
    console.log(`  3 webhooks             min ${Math.min(...figures.hooks).toFixed(0)} events/s, median ${median(figures.hooks).toFixed(0)} events/s`);
    console.log(`  ratio (medians) ${(median(figures.hooks) / median(figures.none)).toFixed(2)}`);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
