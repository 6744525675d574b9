/**
 * What the request limits cost (issue 9 item 11):
 * - one bucket check (`TokenBuckets.take`) against a bare Map lookup and update (baseline);
 * - live turns over HTTP (SQLite, no-op engine, 8 clients) with limits on — set high enough that
 *   nothing is refused, so every request pays the checks — against the same server with limits
 *   off (baseline), in interleaved rounds; min and median of the rounds.
 *
 *   npx tsx bench/rate-limit.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../src/app.js';
import type { AnalysisEngine } from '../src/analysis/types.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/connect.js';
import { sqliteDialect } from '../src/db/dialect/sqlite.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { TokenBuckets } from '../src/lib/token-buckets.js';
import { createApiKey } from '../src/modules/auth/auth.service.js';
import { createCompany } from '../src/modules/companies/companies.service.js';

const noop: AnalysisEngine = { version: 'noop@1', analyze: () => [] };
const ROUNDS = 5;
const TURNS = 1500;
const CLIENTS = 8;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function microbench(): void {
  const keys = Array.from({ length: 1000 }, (_, i) => `k${i}`);
  const rate = { perSecond: 1e9, burst: 1e9 };
  const n = 2_000_000;
  const buckets = new TokenBuckets<string>();
  const map = new Map<string, { tokens: number; at: number }>();
  const ns = { take: [] as number[], map: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    let t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) buckets.take(keys[i % 1000], rate);
    ns.take.push(Number(process.hrtime.bigint() - t) / n);
    t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      const k = keys[i % 1000];
      const e = map.get(k);
      if (e) e.tokens -= 1;
      else map.set(k, { tokens: 1e9, at: performance.now() });
    }
    ns.map.push(Number(process.hrtime.bigint() - t) / n);
  }
  console.log(`one bucket check: min ${Math.min(...ns.take).toFixed(0)} ns, median ${median(ns.take).toFixed(0)} ns`);
  console.log(`  Map get+update  min ${Math.min(...ns.map).toFixed(0)} ns, median ${median(ns.map).toFixed(0)} ns (baseline; ratio ${(median(ns.take) / median(ns.map)).toFixed(1)})`);
}

async function server(limits: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-bench-'));
  const database = await openDatabase(sqliteDialect(path.join(dir, 'bench.db')));
  await migrateToLatest(database.db, database.dialect);
  const company = await createCompany(database.db, 'bench');
  const key = (await createApiKey(database.db, { companyId: company.id, role: 'ingest' })).key;
  const off = { CHATLENS_RATE_LIMIT_PER_SECOND: '0', CHATLENS_ADDRESS_RATE_LIMIT_PER_SECOND: '0', CHATLENS_AUTH_FAILURE_LIMIT_PER_SECOND: '0' };
  const high = { CHATLENS_RATE_LIMIT_PER_SECOND: '1000000', CHATLENS_RATE_LIMIT_BURST: '1000000', CHATLENS_ADDRESS_RATE_LIMIT_PER_SECOND: '1000000', CHATLENS_ADDRESS_RATE_LIMIT_BURST: '1000000' };
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', ...(limits ? high : off) }), database, engine: noop });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  let round = 0;
  return {
    /** Turns per second over `TURNS` live turns from `CLIENTS` clients. */
    async measure(): Promise<number> {
      round++;
      let next = 0;
      const started = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let i = next++; i < TURNS; i = next++) {
            const res = await fetch(`${url}/api/sessions/r${round}-s${i % 100}/messages`, {
              method: 'POST',
              headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
              body: JSON.stringify({ messageId: `r${round}-m${i}`, role: i % 2 ? 'assistant' : 'user', content: 'When is my invoice due?' }),
            });
            if (res.status !== 201) throw new Error(`turn answered ${res.status}: ${await res.text()}`);
          }
        }),
      );
      return TURNS / (Number(process.hrtime.bigint() - started) / 1e9);
    },
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function run(): Promise<void> {
  microbench();
  const on = await server(true);
  const off = await server(false);
  const rates = { on: [] as number[], off: [] as number[] };
  await on.measure();
  await off.measure();
  for (let r = 0; r < ROUNDS; r++) {
    // Interleaved, so a noisy neighbour slows both alike.
    rates.off.push(await off.measure());
    rates.on.push(await on.measure());
  }
  console.log(`live turns over HTTP (SQLite, no-op engine, ${CLIENTS} clients, ${TURNS} turns a round, ${ROUNDS} rounds):`);
  console.log(`  limits on   min ${Math.min(...rates.on).toFixed(0)} turns/s, median ${median(rates.on).toFixed(0)} turns/s`);
  console.log(`  limits off  min ${Math.min(...rates.off).toFixed(0)} turns/s, median ${median(rates.off).toFixed(0)} turns/s (baseline; ratio ${(median(rates.on) / median(rates.off)).toFixed(3)})`);
  await on.close();
  await off.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
