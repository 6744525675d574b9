/**
 * Finding sessions at volume (issue 14): a page of the monitor with each filter and the full-text
 * search, on SQLite, against the unfiltered monitor page measured in the same run (the baseline).
 * The data: a year of sessions (default 60,000 sessions, 240,000 messages, 1 in 12 turns flagged)
 * in one company, next to a second company of the same size (so every query has to stay in its
 * tenant). Rows are written with plain multi-row inserts (no analysis), so building takes seconds.
 *
 *   npx tsx bench/find.bench.ts [sessions]
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/find.bench.ts   # also PostgreSQL (own schema, dropped after)
 *
 * Figures are printed, never asserted: min and median of 7 interleaved rounds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.js';
import { sqliteDialect } from '../src/db/dialect/sqlite.js';
import { postgresDialect } from '../src/db/dialect/postgres.js';
import type { ChatlensDialect } from '../src/db/dialect/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { DB } from '../src/db/database.js';
import type { Kysely } from 'kysely';
import { NO_FILTERS, type SessionFilters } from '../src/modules/sessions/sessions.filters.js';
import { parseTextQuery } from '../src/db/dialect/text-search.js';
import { pageOfSessions } from '../src/modules/sessions/sessions.query.js';
import { searchSessions } from '../src/modules/sessions/sessions.service.js';

const WORDS = ['plan', 'price', 'refund', 'router', 'invoice', 'contract', 'upgrade', 'support', 'network', 'account', 'billing', 'roaming', 'coverage', 'modem', 'fiber'];
const SUBTYPES: [string, string][] = [
  ['toxicity', 'PROFANITY'],
  ['toxicity', 'HOSTILE_LANGUAGE'],
  ['bias', 'GENDER_BIAS'],
  ['hallucination', 'OVERCONFIDENCE'],
  ['hallucination', 'FABRICATED_CITATION'],
];

async function build(db: Kysely<DB>, companyId: number, sessions: number): Promise<void> {
  const start = Date.parse('2026-01-01T00:00:00Z');
  const span = 365 * 86_400_000;
  let findingId = 0;
  for (let base = 0; base < sessions; base += 500) {
    const ss = [];
    const ms = [];
    const fs_ = [];
    for (let i = base; i < Math.min(sessions, base + 500); i++) {
      const t0 = start + Math.floor((i / sessions) * span);
      const id = `c${companyId}-s${i}`;
      const last = new Date(t0 + 4 * 60_000).toISOString();
      ss.push({ company_id: companyId, id, user_id: `u${i % 5000}`, created_at: new Date(t0).toISOString(), last_activity_at: last, ended_at: last, ended_reason: i % 50 === 0 ? 'violation' : 'user', message_count: 4, last_message: 'bye', source: i % 10 === 0 ? 'upload' : 'live', upload_id: null } as const);
      for (let k = 0; k < 4; k++) {
        const w = (n: number) => WORDS[(i * 7 + k * 3 + n) % WORDS.length];
        // One session in 20,000 says "zeppelin": the rare word of the search benchmark.
        const content = `Question about my ${w(0)} and the ${w(1)}, also ${w(2)} ${i % 20_000 === 7 && k === 1 ? 'zeppelin ' : ''}please help with the ${w(3)} today`;
        const mid = `${id}-m${k}`;
        ms.push({ company_id: companyId, id: mid, session_id: id, seq: k, role: k % 2 === 0 ? 'user' : 'assistant', content, user_id: null, model: null, documents: null, tools: null, created_at: new Date(t0 + k * 60_000).toISOString(), analyzed: 1, engine_version: 'bench', source: 'live', upload_id: null } as const);
        if ((i * 4 + k) % 12 === 5) {
          const [category, subtype] = SUBTYPES[findingId++ % SUBTYPES.length];
          // FABRICATED_CITATION is rare: one flagged turn in 100 is one.
          const st = findingId % 100 === 0 ? 'FABRICATED_CITATION' : subtype === 'FABRICATED_CITATION' ? 'OVERCONFIDENCE' : subtype;
          fs_.push({ company_id: companyId, message_id: mid, session_id: id, day: new Date(t0).toISOString().slice(0, 10), category: st === 'FABRICATED_CITATION' || st === 'OVERCONFIDENCE' ? 'hallucination' : category, subtype: st, score: 0.9, severity: i % 3 === 0 ? 'high' : 'medium', spans: '[]', explanation: 'bench', detector: 'bench' });
        }
      }
    }
    await db.insertInto('chat_sessions').values(ss).execute();
    for (let j = 0; j < ms.length; j += 1000) await db.insertInto('messages').values(ms.slice(j, j + 1000)).execute();
    if (fs_.length) await db.insertInto('findings').values(fs_).execute();
  }
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)] };
}

export async function run(sessions = Number(process.argv[2]) || 60_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-find-bench-'));
  try {
    console.log('-- SQLite');
    await measure(sqliteDialect(path.join(dir, 'bench.db')), sessions, async () => {});
    await writeCost(dir);
    const url = process.env.BENCH_DATABASE_URL;
    if (url) {
      const schema = `find_bench_${process.pid}`;
      console.log('-- PostgreSQL');
      await measure(postgresDialect(url, { schema, max: 2 }), sessions, async (db) => void (await sql`drop schema ${sql.id(schema)} cascade`.execute(db)));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What the FTS5 index costs the write path on SQLite: the same multi-row inserts of messages into a
 * database with the index (its triggers) and into one without it, interleaved.
 */
async function writeCost(dir: string): Promise<void> {
  const open = async (name: string, withIndex: boolean) => {
    const d = await openDatabase(sqliteDialect(path.join(dir, name)));
    await migrateToLatest(d.db, d.dialect);
    if (!withIndex) await d.dialect.dropTextSearch(d.db as Kysely<unknown>);
    return d;
  };
  const [withFts, without] = [await open('fts.db', true), await open('plain.db', false)];
  const rows = (round: number) =>
    Array.from({ length: 5000 }, (_, i) => ({
      company_id: 1, id: `r${round}-${i}`, session_id: `s${round}-${Math.floor(i / 4)}`, seq: i % 4, role: 'user' as const,
      content: `Question about my ${WORDS[i % WORDS.length]} and the ${WORDS[(i * 7) % WORDS.length]}, please help with the ${WORDS[(i * 3) % WORDS.length]} today, it is urgent`,
      user_id: null, model: null, documents: null, tools: null, created_at: new Date().toISOString(), analyzed: 1, engine_version: 'bench', source: 'live' as const, upload_id: null,
    }));
  const times = { withFts: [] as number[], without: [] as number[] };
  for (let round = 0; round < 7; round++) {
    for (const [key, d] of [['without', without], ['withFts', withFts]] as const) {
      const batch = rows(round);
      const a = performance.now();
      await d.db.transaction().execute(async (trx) => {
        for (let j = 0; j < batch.length; j += 500) await trx.insertInto('messages').values(batch.slice(j, j + 500)).execute();
      });
      times[key].push(performance.now() - a);
    }
  }
  const base = stats(times.without);
  const fts = stats(times.withFts);
  console.log(`insert 5,000 messages, no text index (baseline)   min ${base.min.toFixed(1).padStart(7)} ms  median ${base.median.toFixed(1).padStart(7)} ms`);
  console.log(`insert 5,000 messages, FTS5 index kept by triggers min ${fts.min.toFixed(1).padStart(7)} ms  median ${fts.median.toFixed(1).padStart(7)} ms  ×${(fts.median / base.median).toFixed(2)} baseline`);
  await withFts.close();
  await without.close();
}

async function measure(dialect: ChatlensDialect, sessions: number, cleanUp: (db: Kysely<DB>) => Promise<void>): Promise<void> {
  const database = await openDatabase(dialect);
  try {
    await migrateToLatest(database.db, database.dialect);
    const db = database.db;
    const t0 = performance.now();
    for (const name of ['Bench A', 'Bench B']) await db.insertInto('companies').values({ name, policy: '{"preset":"standard"}', created_at: new Date().toISOString() }).execute();
    const [a, b] = (await db.selectFrom('companies').select('id').orderBy('id').execute()).map((r) => Number(r.id));
    await build(db, a, sessions);
    await build(db, b, sessions);
    await sql`analyze`.execute(db);
    console.log(`built ${sessions * 2} sessions, ${sessions * 8} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const idleBefore = new Date().toISOString();
    const page = (f: Partial<SessionFilters>) => () => pageOfSessions(db, a, { ...NO_FILTERS, since: '2026-01-01T00:00:00.000Z', ...f }, { idleBefore, after: null, limit: 21 });
    const cases: [string, () => Promise<unknown>][] = [
      ['baseline: monitor page, no filter', page({})],
      ['status=violation', page({ status: 'violation' })],
      ['userId (one of 5,000)', page({ userId: 'u4242' })],
      ['hasFindings=true', page({ hasFindings: true })],
      ['category=bias', page({ category: 'bias' })],
      ['subtype=FABRICATED_CITATION (rare)', page({ subtype: 'FABRICATED_CITATION' })],
      ['minSeverity=high + source=upload', page({ minSeverity: 'high', source: 'upload' })],
      ['q=refund (common word)', page({ text: parseTextQuery('refund') })],
      ['q=zeppelin (rare word)', page({ text: parseTextQuery('zeppelin') })],
      ['q="refund and the" (phrase)', page({ text: parseTextQuery('"refund and the"') })],
      ['search API with counts, q=router*', () => searchSessions(db, a, { filters: { ...NO_FILTERS, text: parseTextQuery('router*') }, limit: 20, cursor: null })],
      ['deep page (after the 30,000th session)', () => pageOfSessions(db, a, { ...NO_FILTERS, since: '2026-01-01T00:00:00.000Z' }, { idleBefore, after: { lastActivityAt: new Date(Date.parse('2026-07-01T00:00:00Z')).toISOString(), id: `c${a}-s0` }, limit: 21 })],
    ];
    const times = new Map<string, number[]>(cases.map(([n]) => [n, []]));
    for (let round = 0; round < 7; round++) {
      for (const [name, fn] of cases) {
        const a = performance.now();
        await fn();
        times.get(name)!.push(performance.now() - a);
      }
    }
    const base = stats(times.get(cases[0][0])!).median;
    for (const [name] of cases) {
      const s = stats(times.get(name)!);
      console.log(`${name.padEnd(44)} min ${s.min.toFixed(2).padStart(8)} ms  median ${s.median.toFixed(2).padStart(8)} ms  ×${(s.median / base).toFixed(1)} baseline`);
    }
  } finally {
    await cleanUp(database.db).catch(() => {});
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
