/**
 * Read endpoints at 100 k turns (and 1 M with `--full`) on SQLite, over real HTTP from one
 * client in a worker thread: p50 / p99 per endpoint, rounds interleaved across endpoints, beside
 * `GET /health` (no database) measured in the same rounds as the baseline. Target (issue 11): no
 * read endpoint's p99 above 20 ms at 1 M turns. The 1 M / 100 k ratio of p50 shows what grows
 * with data outside the window read. Databases are seeded once and cached (reads-seed.ts).
 *
 * user-activities keeps each day's answer until something it lists changes (daily_user_counts),
 * so it is measured twice: as read again and again, and with the window's last day rewritten
 * before each request (a daily_users row updated through the server's own database handle, as
 * its live traffic does to today), which makes that day be read again.
 *
 *   npx tsx bench/reads.bench.ts [--quick | --full]
 */
import { pathToFileURL } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { builtinEngine } from '../src/analysis/index.js';
import { openDatabase } from '../src/db/connect.js';
import type { DB } from '../src/db/database.js';
import { sqliteDialect } from '../src/db/dialect/sqlite.js';
import { type LoadResult, flag, load, median, mm, quantile, serve, target } from './lib.js';
import { type ReadsDb, readsDb } from './reads-seed.js';

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Endpoint {
  name: string;
  path: string;
  /** A write made before each request (not timed); such an endpoint is read one request at a time. */
  before?: (db: Kysely<DB>) => Promise<unknown>;
}

/** Every read endpoint, with windows ending on the seeded day. */
async function endpoints(seed: ReadsDb): Promise<Endpoint[]> {
  const database = await openDatabase(sqliteDialect(seed.file));
  try {
    const count = Number((await sql<{ n: number }>`select count(*) as n from chat_sessions where company_id = ${seed.companyId}`.execute(database.db)).rows[0].n);
    const at = async (fraction: number) =>
      (
        await sql<{ id: string }>`select id from chat_sessions where company_id = ${seed.companyId}
          order by last_activity_at desc, id desc limit 1 offset ${Math.floor(count * fraction)}`.execute(database.db)
      ).rows[0].id;
    const deep = await at(0.95);
    const middle = await at(0.5);
    const since = new Date(seed.seededAt - 400 * DAY).toISOString();
    const end = dayOf(seed.seededAt);
    const start90 = dayOf(seed.seededAt - 89 * DAY);
    const report = (p: string, extra = '') => ({ name: `reporting/${p}, 90 d`, path: `/api/v2/reporting/${p}/?start_date=${start90}&end_date=${end}${extra}` });
    return [
      { name: 'GET /health (baseline)', path: '/health' },
      { name: 'monitor, first page', path: `/api/monitor/sessions?since=${encodeURIComponent(since)}&limit=20` },
      { name: 'monitor, cursor at 95 % depth', path: `/api/monitor/sessions?since=${encodeURIComponent(since)}&limit=20&cursor=${encodeURIComponent(deep)}` },
      { name: 'transcript', path: `/api/sessions/${encodeURIComponent(middle)}` },
      { name: 'trends, 365 d', path: '/api/trends?days=365' },
      report('chat-sessions'),
      report('chats-feedback'),
      report('tools'),
      report('used-documents'),
      report('user-activities'),
      {
        ...report('user-activities'),
        name: 'reporting/user-activities, 90 d, last day rewritten',
        before: (db) =>
          sql`UPDATE daily_users SET user_queries = user_queries WHERE rowid =
                (SELECT rowid FROM daily_users WHERE company_id = ${seed.companyId} AND day <= ${end} ORDER BY day DESC LIMIT 1)`.execute(db),
      },
      report('users'),
      { name: 'findings, 30 d, first page', path: '/api/findings?days=30' },
    ];
  } finally {
    await database.close();
  }
}

type Figures = Map<string, LoadResult[]>;

/** `requests` reads one after another from this thread, each after `before` (not timed). */
async function readsAfter(url: string, path: string, headers: Record<string, string>, requests: number, warmup: number, before: () => Promise<unknown>): Promise<LoadResult> {
  const lat: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  let spent = 0;
  for (let i = 0; i < warmup + requests; i++) {
    await before();
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${url}${path}`, { headers });
    await res.arrayBuffer();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (i < warmup) continue;
    lat.push(ms);
    spent += ms;
    if (res.status < 200 || res.status >= 300) {
      errors++;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  }
  return { perSecond: lat.length / (spent / 1000), p50: median(lat), p99: quantile(lat, 0.99), errors, statuses };
}

async function measureTier(turns: number, rounds: number, requests: number): Promise<{ seed: ReadsDb; figures: Figures }> {
  const seed = await readsDb(turns);
  const list = await endpoints(seed);
  const database = await openDatabase(sqliteDialect(seed.file));
  const server = await serve(database, builtinEngine);
  const figures: Figures = new Map(list.map((e) => [e.name, []]));
  try {
    const headers = { authorization: `Bearer ${seed.adminKey}` };
    // Every endpoint must answer 200 before it is timed.
    for (const e of list) {
      const res = await fetch(`${server.url}${e.path}`, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${e.name}: ${e.path} answered ${res.status}`);
    }
    for (let r = 0; r < rounds; r++) {
      for (const e of list) {
        const before = e.before;
        const result = before
          ? await readsAfter(server.url, e.path, headers, requests, 5, () => before(database.db))
          : await load({ url: server.url, clients: 1, requests, warmup: 5, headers, kind: 'get', path: e.path, prefix: '', texts: [] });
        if (result.errors) throw new Error(`${e.name}: ${result.errors} error answers`);
        figures.get(e.name)!.push(result);
      }
    }
  } finally {
    await server.close();
    await database.close();
  }
  return { seed, figures };
}

export async function run(): Promise<void> {
  const quick = flag('quick');
  const tiers = flag('full') ? [100_000, 1_000_000] : [100_000];
  const rounds = quick ? 2 : 3;
  const requests = quick ? 40 : 100;
  console.log(`read endpoints, SQLite, one client over HTTP, ${rounds} rounds interleaved across endpoints, ${requests} requests each (min / median of the rounds' p50 and p99)`);
  const results: { turns: number; figures: Figures }[] = [];
  for (const turns of tiers) {
    const { seed, figures } = await measureTier(turns, rounds, requests);
    results.push({ turns, figures });
    console.log(`  ${seed.turns.toLocaleString('en')} turns:`);
    for (const [name, xs] of figures) {
      console.log(`    ${name.padEnd(52)} p50 ${mm(xs.map((x) => x.p50), 2).padStart(13)} ms   p99 ${mm(xs.map((x) => x.p99), 2).padStart(13)} ms`);
    }
  }
  const last = results.at(-1)!;
  const first = results[0];
  if (results.length > 1) {
    console.log('  p50 growth 100 k → 1 M turns (median p50 ratio):');
    for (const [name, xs] of last.figures) {
      const before = median(first.figures.get(name)!.map((x) => x.p50));
      console.log(`    ${name.padEnd(52)} ×${(median(xs.map((x) => x.p50)) / before).toFixed(2)}`);
    }
  }
  const tier = last.turns >= 1_000_000 ? '1 M' : '100 k (run --full for 1 M)';
  const health = last.figures.get('GET /health (baseline)')!;
  const healthP99 = median(health.map((x) => x.p99));
  for (const [name, xs] of last.figures) {
    if (name.startsWith('GET /health')) continue;
    const p99 = median(xs.map((x) => x.p99));
    target(`${name} p99 ≤ 20 ms at ${tier}`, `p99 ${p99.toFixed(2)} ms`, `/health p99 ${healthP99.toFixed(2)} ms`, p99 <= 20);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
