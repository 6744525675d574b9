/**
 * The big databases of the read benchmark: one company with `turns` turns over 400 days (about
 * 6 turns a session, so 1 M turns is ~167 k sessions), stored through the bulk writer the demo
 * uses (src/demo/seed.ts: chunks of 2,000 events stored set-wise) so sessions, messages,
 * findings and every rollup are what the app itself writes.
 *
 * Seeding is slow next to the reads themselves, so each database is made once and kept in
 * os.tmpdir()/chatlens-bench-reads/, named after the latest migration (the schema version) and the
 * generator's version: a schema change or a new generator makes a new one; delete the directory
 * to reclaim the space (about 600 MB at 1 M turns, 60 MB at 100 k; seeding 1 M took about a
 * minute on the 2-core dev machine). A database is renamed into place only once complete, so an
 * interrupted seed is never reused.
 *
 * Findings come from the built-in engine, memoised per (role, text, documents) because the
 * generator repeats the demo's texts: seeding stays fast and the findings are real. What is
 * measured is the reads, not this.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtinEngine } from '../src/analysis/index.js';
import { inlineAnalyzer } from '../src/analysis/pool/analyzer.js';
import type { AnalysisEngine, Finding } from '../src/analysis/types.js';
import { parseEvent } from '../src/chat/events.js';
import { openDatabase } from '../src/db/connect.js';
import { sqliteDialect } from '../src/db/dialect/sqlite.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { LIVE } from '../src/modules/ingest/ingest.js';
import { BulkWriter, type LaunchedChunk } from '../src/modules/ingest/ingest.bulk.js';
import { elapsedMs, newCompany } from './lib.js';
import { traffic } from './traffic.js';

/** Bump when the generated traffic changes, so cached databases are made again. */
const GENERATOR_VERSION = 1;
const DAYS = 400;
const CHUNK_EVENTS = 2000;

export interface ReadsDb {
  file: string;
  turns: number;
  companyId: number;
  adminKey: string;
  /** The generator's "now": windows of the reads end on this day, so a cached database reads the same. */
  seededAt: number;
}

function schemaVersion(): string {
  const dir = new URL('../src/db/migrations/', import.meta.url);
  const names = fs.readdirSync(dir).filter((f) => /^\d+_.*\.ts$/.test(f)).sort();
  return names.at(-1)!.split('_')[0];
}

/** The built-in engine, remembering the findings of a text it has seen (history aside). */
function memoEngine(): AnalysisEngine {
  const memo = new Map<string, Finding[]>();
  return {
    version: builtinEngine.version,
    analyze(turn, context, options) {
      const key = `${turn.role}\0${turn.content}\0${context.documents.length}`;
      let f = memo.get(key);
      if (!f) memo.set(key, (f = builtinEngine.analyze(turn, context, options)));
      return f;
    },
  };
}

export async function readsDb(turns: number): Promise<ReadsDb> {
  const dir = path.join(os.tmpdir(), 'chatlens-bench-reads');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `schema-${schemaVersion()}-gen${GENERATOR_VERSION}-${turns}.db`);
  const meta = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(meta)) {
    console.log(`  using the cached ${turns.toLocaleString('en')}-turn database ${file}`);
    return JSON.parse(fs.readFileSync(meta, 'utf8')) as ReadsDb;
  }
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  console.log(`  seeding ${turns.toLocaleString('en')} turns into ${file} (once; cached for later runs)…`);
  const t0 = process.hrtime.bigint();
  const database = await openDatabase(sqliteDialect(partial));
  let stored = 0;
  let companyId = 0;
  let adminKey = '';
  const seededAt = Date.now();
  try {
    await migrateToLatest(database.db, database.dialect);
    const keys = await newCompany(database, 'Bench reads');
    companyId = keys.companyId;
    adminKey = keys.admin;
    const engine = memoEngine();
    const writer = new BulkWriter({ deps: { db: database.db, engine }, companyId, options: LIVE, scope: 'event', analyzer: inlineAnalyzer(engine) });
    let previous: LaunchedChunk | null = null;
    let chunk: Record<string, unknown>[] = [];
    const flush = async () => {
      const items = chunk.map((raw) => {
        const event = parseEvent(raw);
        return { id: event.id, key: event.id, event };
      });
      chunk = [];
      const launched = await writer.launch(items);
      if (previous) await writer.store(previous);
      previous = launched;
    };
    for (const session of traffic({ turns, days: DAYS, users: Math.max(100, Math.round(turns / 200)), prefix: 'r', now: seededAt })) {
      if (chunk.length + session.length > CHUNK_EVENTS) await flush();
      chunk.push(...session);
      stored += session.filter((e) => e.type === 'message').length;
    }
    if (chunk.length) await flush();
    if (previous) await writer.store(previous);
  } finally {
    await database.close();
  }
  fs.renameSync(partial, file);
  const result: ReadsDb = { file, turns: stored, companyId, adminKey, seededAt };
  fs.writeFileSync(meta, JSON.stringify(result));
  console.log(`  seeded ${stored.toLocaleString('en')} turns in ${(elapsedMs(t0) / 1000).toFixed(0)} s`);
  return result;
}
