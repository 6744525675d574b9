/**
 * Bulk write paths on SQLite, through the real app over HTTP (issue 11):
 * - `POST /api/ingest` in requests of 1,000 events and an upload of the same turns (JSONL), with
 *   the built-in engine, against the detectors alone on the same turns in a pool of the same
 *   number of worker threads (target ≥ 0.8×);
 * - the same ingest with a no-op engine, against raw better-sqlite3 inserts of the same rows,
 *   one prepared statement in one transaction per 1,000 events (target ≥ 0.25×);
 * - statements per stored turn on both bulk paths, counted through Kysely's log hook, which hears
 *   every statement the app runs (target ≤ 1).
 * Rounds are interleaved; min and median are printed (turns/s: best and median). The apps with
 * the built-in engine analyse on the baseline's own pool, so both run on threads equally warm: a
 * fresh thread spends its first ~15,000 turns compiling the engine (V8's optimising compiler, on
 * its platform threads), which a server pays once after it starts. That fresh start is printed too,
 * as information: the same ingest on an app with a pool of its own, warmed with one request.
 *
 *   npx tsx bench/write.bench.ts [--quick]
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import BetterSqlite from 'better-sqlite3';
import { builtinEngine } from '../src/analysis/index.js';
import { type BulkAnalyzer, defaultThreads, poolAnalyzer } from '../src/analysis/pool/analyzer.js';
import type { SessionGroup } from '../src/analysis/pool/task.js';
import type { AnalysisEngine } from '../src/analysis/types.js';
import { type ScratchDb, type Served, elapsedMs, flag, mainThreadCpuMs, median, mm, newCompany, postInTurn, scratchSqlite, serve, target } from './lib.js';
import { type Event, type TrafficOptions, batches, jsonlLines } from './traffic.js';

const noop: AnalysisEngine = { version: 'noop@1', analyze: () => [] };

const turnsIn = (b: Event[]) => b.reduce((n, e) => n + (e.type === 'message' ? 1 : 0), 0);

interface Stored {
  turnsPerSecond: number;
  statementsPerTurn: number;
  /** Main-thread CPU per stored turn, µs (NaN without /proc). */
  cpuPerTurn: number;
}

async function post(server: Served, key: string, events: Event[]): Promise<void> {
  const res = await fetch(`${server.url}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  checkAnswer(res.status, await res.json());
}

/** Every event of a bench request is new and valid: anything else is a broken bench. */
function checkAnswer(status: number, body: { results?: { status: string }[] }): void {
  if (status !== 200 || !body.results || body.results.some((r) => r.status !== 'accepted')) throw new Error(`ingest answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
}

/**
 * A fresh server, on `analyzer` if given (else on a pool of its own), warmed with one request of a
 * few hundred turns (for another company): it starts a pool of its own (~1–2 s from source) and
 * compiles the app's hot code, so the timed requests are not the app's start.
 */
async function warmServer(database: ScratchDb, engine: AnalysisEngine, analyzer?: BulkAnalyzer): Promise<Served> {
  const server = await serve(database, engine, {}, analyzer);
  const keys = await newCompany(database, 'warm-up');
  for (const b of batches({ turns: 300, days: 2, users: 20, prefix: 'warm' }, 1000)) await post(server, keys.ingest, b);
  return server;
}

/**
 * Posts every batch in order on a fresh database, from a client on a thread of its own (a worker:
 * the client's serialising and sending are not the server's work); turns/s from the first request
 * to the last answer.
 */
async function ingestRun(engine: AnalysisEngine, work: Event[][], turns: number, analyzer?: BulkAnalyzer): Promise<Stored> {
  const database = await scratchSqlite();
  const server = await warmServer(database, engine, analyzer);
  try {
    const keys = await newCompany(database);
    database.statements.count = 0;
    const cpu = mainThreadCpuMs();
    const { ms, answers } = await postInTurn(`${server.url}/api/ingest`, { authorization: `Bearer ${keys.ingest}` }, work.map((events) => ({ events })));
    const cpuMs = mainThreadCpuMs() - cpu;
    for (const a of answers) checkAnswer(a.status, JSON.parse(a.text));
    return { turnsPerSecond: (turns / ms) * 1000, statementsPerTurn: database.statements.count / turns, cpuPerTurn: (cpuMs * 1000) / turns };
  } finally {
    await server.close();
    await database.destroy();
  }
}

/** Uploads the turns as one JSONL file; turns/s from the start of the POST until the upload is done. */
async function uploadRun(jsonl: string, turns: number, analyzer: BulkAnalyzer): Promise<Stored> {
  const database = await scratchSqlite();
  const server = await warmServer(database, builtinEngine, analyzer);
  try {
    const keys = await newCompany(database);
    database.statements.count = 0;
    const cpu = mainThreadCpuMs();
    const t0 = process.hrtime.bigint();
    const form = new FormData();
    form.append('file', new Blob([jsonl]), 'chats.jsonl');
    const res = await fetch(`${server.url}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${keys.admin}` }, body: form });
    const { upload } = (await res.json()) as { upload: { id: number } };
    if (res.status !== 202) throw new Error(`upload answered ${res.status}`);
    for (const deadline = Date.now() + 600_000; ; ) {
      await server.app.uploadJobs.idle();
      const r = await fetch(`${server.url}/api/uploads/${upload.id}`, { headers: { authorization: `Bearer ${keys.admin}` } });
      const status = ((await r.json()) as { status: string }).status;
      if (status === 'done') break;
      if (status !== 'queued' && status !== 'processing') throw new Error(`upload ${status}`);
      if (Date.now() > deadline) throw new Error('upload still not done after 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const ms = elapsedMs(t0);
    return { turnsPerSecond: (turns / ms) * 1000, statementsPerTurn: database.statements.count / turns, cpuPerTurn: ((mainThreadCpuMs() - cpu) * 1000) / turns };
  } finally {
    await server.close();
    await database.destroy();
  }
}

/** The same turns' analysis alone: per request, its sessions as groups in the pool, as the write path hands them. */
async function detectorRun(pool: ReturnType<typeof poolAnalyzer>, work: Event[][], turns: number): Promise<number> {
  const chunks: SessionGroup[][] = work.map((b) => {
    const groups = new Map<unknown, SessionGroup>();
    for (const e of b) {
      if (e.type !== 'message') continue;
      let g = groups.get(e.sessionId);
      if (!g) groups.set(e.sessionId, (g = { key: String(e.sessionId), seed: [], messages: [] }));
      g.messages.push({ role: e.role as 'user', content: e.content as string, documents: (e.documents as never[]) ?? [] });
    }
    return [...groups.values()];
  });
  const t0 = process.hrtime.bigint();
  for (const c of chunks) await pool.analyze(c);
  return (turns / elapsedMs(t0)) * 1000;
}

/**
 * Raw driver: the same rows into the app's own tables and indexes (a migrated database), one
 * prepared INSERT per message and one session upsert per message, one transaction per request;
 * no analysis, no idempotency ledger, no rollups. With the app's pragmas (src/db/dialect/sqlite.ts).
 */
async function rawRun(work: Event[][], turns: number): Promise<number> {
  const scratch = await scratchSqlite();
  const companyId = (await newCompany(scratch)).companyId;
  await scratch.close();
  const db = new BetterSqlite(scratch.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const session = db.prepare(`insert into chat_sessions (company_id, id, user_id, created_at, last_activity_at, message_count, last_message, source)
    values (?, ?, ?, ?, ?, 1, ?, 'live') on conflict (company_id, id) do update set last_activity_at = excluded.last_activity_at, message_count = message_count + 1, last_message = excluded.last_message`);
  const insert = db.prepare(`insert into messages (company_id, id, session_id, seq, role, content, user_id, model, documents, tools, created_at, analyzed, engine_version, source)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'raw', 'live')`);
  const seq = new Map<unknown, number>();
  const t0 = process.hrtime.bigint();
  for (const b of work) {
    db.transaction(() => {
      for (const e of b) {
        if (e.type !== 'message') continue;
        const n = (seq.get(e.sessionId) ?? 0) + 1;
        seq.set(e.sessionId, n);
        session.run(companyId, e.sessionId, e.userId ?? null, e.timestamp, e.timestamp, String(e.content).slice(0, 200));
        insert.run(companyId, e.messageId, e.sessionId, n, e.role, e.content, e.userId ?? null, e.model ?? null, JSON.stringify(e.documents ?? []), JSON.stringify(e.tools ?? []), e.timestamp);
      }
    })();
  }
  const ms = elapsedMs(t0);
  db.close();
  fs.rmSync(scratch.dir, { recursive: true, force: true });
  return (turns / ms) * 1000;
}

export async function run(): Promise<void> {
  const quick = flag('quick');
  const rounds = quick ? 2 : 3;
  const opts: TrafficOptions = { turns: quick ? 6_000 : 12_000, days: 30, users: 200, prefix: 'w' };
  const work = [...batches(opts, 1000)];
  const turns = work.reduce((n, b) => n + turnsIn(b), 0);
  const jsonl = `${jsonlLines(opts).join('\n')}\n`;
  const threads = defaultThreads();
  console.log(`bulk writes, SQLite: ${turns} turns in ${work.length} requests of ≤1,000 events; ${threads} analysis thread(s); ${rounds} interleaved rounds after one not counted, best / median`);

  const pool = poolAnalyzer(threads);
  await detectorRun(pool, work.slice(0, 2), turnsIn(work[0]) + turnsIn(work[1])); // start the threads, load the engine
  // The apps share the baseline's pool; closing an app leaves it running.
  const shared: BulkAnalyzer = { ...pool, close: async () => {} };
  const fig = { detector: [] as number[], ingest: [] as number[], fresh: [] as number[], upload: [] as number[], noop: [] as number[], raw: [] as number[], ingestStatements: [] as number[], uploadStatements: [] as number[] };
  const cpu = { ingest: [] as number[], upload: [] as number[], noop: [] as number[] };
  try {
    // Round 0 is not counted: V8 compiles the hot code meanwhile, the app's on this thread and
    // the engine's on the pool's (each on its first ~15,000 turns; a first app in the process
    // spent ~25 µs more main-thread CPU and ~35 µs more compiler time per turn than a later one).
    for (let r = 0; r <= rounds; r++) {
      const detector = await detectorRun(pool, work, turns);
      const ingest = await ingestRun(builtinEngine, work, turns, shared);
      const fresh = await ingestRun(builtinEngine, work, turns);
      const upload = await uploadRun(jsonl, turns, shared);
      const raw = await rawRun(work, turns);
      const noopRun = await ingestRun(noop, work, turns);
      if (r === 0) continue;
      fig.detector.push(detector);
      fig.ingest.push(ingest.turnsPerSecond);
      fig.ingestStatements.push(ingest.statementsPerTurn);
      cpu.ingest.push(ingest.cpuPerTurn);
      fig.fresh.push(fresh.turnsPerSecond);
      fig.upload.push(upload.turnsPerSecond);
      fig.uploadStatements.push(upload.statementsPerTurn);
      cpu.upload.push(upload.cpuPerTurn);
      fig.raw.push(raw);
      fig.noop.push(noopRun.turnsPerSecond);
      cpu.noop.push(noopRun.cpuPerTurn);
    }
  } finally {
    await pool.close();
  }
  const row = (label: string, xs: number[], unit = 'turns/s') => console.log(`  ${label.padEnd(46)} ${mm(xs, 0, false).padStart(17)} ${unit}`);
  row(`detectors alone, pool of ${threads} (baseline)`, fig.detector);
  row('POST /api/ingest, built-in engine', fig.ingest);
  row('the same, on a fresh pool of its own (info)', fig.fresh);
  row('upload (JSONL), built-in engine', fig.upload);
  row('raw better-sqlite3 inserts (baseline)', fig.raw);
  row('POST /api/ingest, no-op engine', fig.noop);
  console.log(`  statements per stored turn: ingest ${mm(fig.ingestStatements, 3)}, upload ${mm(fig.uploadStatements, 3)} (min / median)`);
  console.log(`  main-thread CPU per stored turn (µs, min / median): ingest ${mm(cpu.ingest, 1)}, upload ${mm(cpu.upload, 1)}, no-op ingest ${mm(cpu.noop, 1)}`);
  const det = median(fig.detector);
  const raw = median(fig.raw);
  const ratio = (xs: number[], base: number) => `${(median(xs) / base).toFixed(2)}×`;
  target('ingest ≥ 0.8× detector-only rate (SQLite)', `${median(fig.ingest).toFixed(0)} turns/s = ${ratio(fig.ingest, det)}`, `detectors ${det.toFixed(0)} turns/s`, median(fig.ingest) >= 0.8 * det);
  target('upload ≥ 0.8× detector-only rate (SQLite)', `${median(fig.upload).toFixed(0)} turns/s = ${ratio(fig.upload, det)}`, `detectors ${det.toFixed(0)} turns/s`, median(fig.upload) >= 0.8 * det);
  target('no-op-engine ingest ≥ 0.25× raw driver inserts', `${median(fig.noop).toFixed(0)} turns/s = ${ratio(fig.noop, raw)}`, `raw ${raw.toFixed(0)} turns/s`, median(fig.noop) >= 0.25 * raw);
  target('statements per stored turn ≤ 1, ingest', median(fig.ingestStatements).toFixed(3), 'counted', median(fig.ingestStatements) <= 1);
  target('statements per stored turn ≤ 1, upload', median(fig.uploadStatements).toFixed(3), 'counted', median(fig.uploadStatements) <= 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
