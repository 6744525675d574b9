/**
 * Live turns (`POST /api/sessions/:id/messages`, analysed inline) at 16 concurrent clients over
 * real HTTP, against a Fastify hello-world POST served by the same process and loaded by the same
 * client in the same rounds (interleaved). Targets (issue 11): p50 ≤ 2 ms + the detector's own
 * p50 on SQLite (≤ 5 ms + detector on PostgreSQL), req/s ≥ 25 % of hello-world.
 * PostgreSQL runs when TEST_DATABASE_URL or `--pg <url>` is given, in a throwaway schema
 * dropped afterwards. Beside the timings it counts the API-key reads per live turn (the
 * statement hook sees each), a figure load on the machine does not change.
 *
 *   npx tsx bench/live.bench.ts [--quick] [--pg postgres://…]
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { type LogEvent, sql } from 'kysely';
import { builtinEngine } from '../src/analysis/index.js';
import { createSessionCache } from '../src/analysis/session.js';
import type { Turn } from '../src/analysis/types.js';
import { testDatabaseUrl } from '../src/config.js';
import { type Database, openDatabase } from '../src/db/connect.js';
import { postgresDialect } from '../src/db/dialect/postgres.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { PROFILES } from '../src/demo/content.js';
import { type LoadResult, flag, load, median, mm, newCompany, option, scratchSqlite, serve, target } from './lib.js';

const CLIENTS = 16;

/** The turns the clients send: user questions and assistant answers of the demo profiles. */
function texts(): string[] {
  const out: string[] = [];
  for (const p of PROFILES) for (const ex of [...p.normal, ...p.problems]) out.push(ex.user, ex.assistant);
  return out;
}

/** The detector's own time per turn (µs, p50) on the same texts, in sessions of 8 turns as the clients send them. */
function detectorP50(all: string[]): number {
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (let s = 0; s < all.length / 8; s++) {
      const history: Turn[] = [];
      const session = createSessionCache();
      for (let k = 0; k < 8; k++) {
        const turn: Turn = { role: k % 2 ? 'assistant' : 'user', content: all[(s * 8 + k) % all.length] };
        const t0 = process.hrtime.bigint();
        builtinEngine.analyze(turn, { documents: [], history: [...history], question: history.at(-1)?.content }, { session });
        if (round > 0) times.push(Number(process.hrtime.bigint() - t0) / 1000);
        history.push(turn);
      }
    }
  }
  return median(times);
}

async function helloWorld(): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  app.post('/', async () => ({ hello: 'world' }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
}

interface Figures {
  live: LoadResult[];
  hello: LoadResult[];
  /** API-key reads per live turn, each round (warm-up included). */
  keyReads: number[];
}

/** Counts the statements reading an API key (auth.repository findApiKeyByLookup). */
function keyReadCounter() {
  const counter = { count: 0, onQuery: (e: LogEvent) => void (e.query.sql.includes('FROM api_keys WHERE lookup') && counter.count++) };
  return counter;
}

async function measure(database: Database, label: string, rounds: number, requests: number, all: string[], keyReads: { count: number }): Promise<Figures> {
  const server = await serve(database, builtinEngine);
  const hello = await helloWorld();
  const keys = await newCompany(database, `live ${label}`);
  const run = randomBytes(3).toString('hex');
  const headers = { authorization: `Bearer ${keys.ingest}` };
  const f: Figures = { live: [], hello: [], keyReads: [] };
  const warmup = 64;
  try {
    for (let r = 0; r < rounds; r++) {
      f.hello.push(await load({ url: hello.url, clients: CLIENTS, requests: requests * 4, warmup: 200, headers: {}, kind: 'hello', prefix: '', texts: [] }));
      const reads = keyReads.count;
      const live = await load({ url: server.url, clients: CLIENTS, requests, warmup, headers, kind: 'live', prefix: `${run}${r}`, texts: all });
      if (live.errors) {
        const by = Object.entries(live.statuses).map(([status, n]) => `${n} × ${status === '0' ? 'no answer' : status}`).join(', ');
        console.log(`  (${live.errors} live turns answered outside 2xx: ${by})`);
      }
      f.live.push(live);
      f.keyReads.push((keyReads.count - reads) / (requests + warmup));
    }
  } finally {
    await hello.close();
    await server.close();
  }
  return f;
}

function report(label: string, f: Figures, detectorUs: number, p50BudgetMs: number): void {
  const rows: [string, LoadResult[]][] = [
    ['Fastify hello-world POST (baseline)', f.hello],
    [`live turn, ${label}`, f.live],
  ];
  for (const [name, xs] of rows) {
    console.log(
      `  ${name.padEnd(38)} ${mm(xs.map((x) => x.perSecond), 0, false).padStart(15)} req/s   p50 ${mm(xs.map((x) => x.p50), 2).padStart(13)} ms   p99 ${mm(xs.map((x) => x.p99), 2).padStart(13)} ms`,
    );
  }
  console.log(`  API-key reads per live turn, ${label}: ${f.keyReads.map((x) => x.toFixed(4)).join(' / ')} (each round)`);
  const p50 = median(f.live.map((x) => x.p50));
  const rps = median(f.live.map((x) => x.perSecond));
  const helloRps = median(f.hello.map((x) => x.perSecond));
  const budget = p50BudgetMs + detectorUs / 1000;
  target(`live turn p50 ≤ ${p50BudgetMs} ms + detector, ${label}, 16 clients`, `p50 ${p50.toFixed(2)} ms (budget ${budget.toFixed(2)} ms)`, `detector p50 ${(detectorUs / 1000).toFixed(3)} ms; hello-world p50 ${median(f.hello.map((x) => x.p50)).toFixed(2)} ms`, p50 <= budget);
  target(`live turn req/s ≥ 25% of hello-world, ${label}`, `${rps.toFixed(0)} req/s = ${((rps / helloRps) * 100).toFixed(1)}%`, `hello-world ${helloRps.toFixed(0)} req/s`, rps >= 0.25 * helloRps);
}

export async function run(): Promise<void> {
  const quick = flag('quick');
  const rounds = quick ? 2 : 3;
  const requests = quick ? 1500 : 3000;
  const all = texts();
  const detectorUs = detectorP50(all);
  console.log(`live turns, ${CLIENTS} concurrent keep-alive clients in a worker thread, ${requests} turns a round (hello-world: 4×), ${rounds} interleaved rounds, best / median`);
  console.log(`  detector alone: p50 ${detectorUs.toFixed(0)} µs per turn (same texts, sessions of 8 turns)`);

  const sqliteReads = keyReadCounter();
  const sqlite = await scratchSqlite(undefined, sqliteReads.onQuery);
  try {
    report('SQLite', await measure(sqlite, 'SQLite', rounds, requests, all, sqliteReads), detectorUs, 2);
  } finally {
    await sqlite.destroy();
  }

  const pgUrl = option('pg') ?? testDatabaseUrl();
  if (!pgUrl) {
    console.log('  PostgreSQL: skipped (set TEST_DATABASE_URL or pass --pg <url>)');
    return;
  }
  const schema = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const pgReads = keyReadCounter();
  const pg = await openDatabase(postgresDialect(pgUrl, { schema }), { onQuery: pgReads.onQuery });
  try {
    await migrateToLatest(pg.db, pg.dialect, { schema });
    report('PostgreSQL', await measure(pg, 'PostgreSQL', rounds, requests, all, pgReads), detectorUs, 5);
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(pg.db);
    await pg.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
