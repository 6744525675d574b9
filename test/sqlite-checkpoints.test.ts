/**
 * SQLite's WAL checkpoints run in a worker thread, not inside the commit of a live turn
 * (src/db/dialect/sqlite-checkpoints.ts). Live turns go through the real app over HTTP into a
 * SQLite file: the serving connection never checkpoints itself, the worker's RESTART brings the
 * log file back to its size limit while turns keep arriving, every turn is there after the file
 * is reopened, and closing the database leaves everything in the database file, even while
 * another connection is open (which keeps SQLite from checkpointing as the last one to close).
 * A long reader in another process costs writers one wait per RESTART threshold, and writers
 * wait for a RESTART's write lock rather than fail. A process that writes little never starts
 * the worker.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/connect.js';
import type { CheckpointOptions, CheckpointReport } from '../src/db/dialect/sqlite-checkpoints.js';
import { sqliteDialect } from '../src/db/dialect/sqlite.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { NO_RATE_LIMITS, type TestServer, client, newTenant, startTestServer } from './helpers/app.js';

/** 128 KB: the log file is cut back to this after it starts over. */
const WAL_LIMIT = 128 * 1024;
/** The worker from the start; RESTART from 64 frames (~260 KB), so the log passes the limit before it starts over. */
const FAST: CheckpointOptions = { startAfterBytes: 0, intervalMs: 25, restartFrames: 64, restartWaitMs: 200 };

const dirs: string[] = [];
const open: { server?: TestServer; database?: Database; outside?: BetterSqlite.Database }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.server?.close();
    await o.database?.close();
    o.outside?.close();
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function serveFile(checkpoints: CheckpointOptions, reports: CheckpointReport[] = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-checkpoints-'));
  dirs.push(dir);
  const file = path.join(dir, 'chatlens.db');
  const database = await openDatabase(sqliteDialect(file, { checkpoints, walSizeLimit: WAL_LIMIT, onCheckpoint: (r) => reports.push(r) }));
  await migrateToLatest(database.db, database.dialect);
  const tenant = await newTenant(database.db);
  const server = await startTestServer(database, undefined, NO_RATE_LIMITS);
  const handles: (typeof open)[number] = { server, database };
  open.push(handles);
  const api = client(server.url, tenant.ingest);
  return { dir, file, database, tenant, server, api, handles, reports, walSize: () => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0) };
}

const turn = (i: number) => ({ messageId: `m${i}`, role: i % 2 ? 'assistant' : 'user', content: `Turn ${i}: ${'the refund policy allows returns within thirty days of delivery. '.repeat(8)}`, userId: `u${i % 5}` });

/** Messages of a company in a SQLite file opened by itself (no log beside it, or its log replayed). */
function storedMessages(file: string, companyId: number): number {
  const db = new BetterSqlite(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return Number(db.prepare('select count(*) from messages where company_id = ?').pluck().get(companyId));
  } finally {
    db.close();
  }
}

/** Waits for something the worker thread brings about (no time is asserted; the deadline only stops a hang). */
async function until(what: string, check: () => boolean, deadlineMs = 10_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Once a checkpoint has copied everything written, a commit starts the log over and cuts its file
 * back to the limit. Usually the next commit; but one that begins while the worker's next
 * checkpoint holds the log's read locks cannot start it over (SQLite restarts a log only when it
 * can take them all, and does not wait for them), so a later turn may be the one. Returns the
 * turns sent.
 */
async function expectLogToStartOver(s: Awaited<ReturnType<typeof serveFile>>, next: number): Promise<number> {
  for (let sent = 1; sent <= 5; sent++) {
    const seen = s.reports.length;
    await until('a checkpoint of the whole log', () => s.reports.slice(seen).some((r) => !r.busy && r.log > 0 && r.checkpointed === r.log));
    expect((await s.api.post('/api/sessions/last/messages', turn(next + sent - 1))).status).toBe(201);
    if (s.walSize() <= WAL_LIMIT) return sent;
  }
  throw new Error(`the log was not started over after 5 full checkpoints: ${s.walSize()} bytes`);
}

describe('SQLite WAL checkpoints', () => {
  it('are made by the worker, not by the serving connection; RESTART cuts the log back while turns arrive, and every turn is kept', async () => {
    const s = await serveFile(FAST);
    expect((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(s.database.db)).rows[0].wal_autocheckpoint).toBe(0);

    const TURNS = 400;
    let largest = 0;
    for (let i = 0; i < TURNS; i += 8) {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, k) => s.api.post(`/api/sessions/s${(i + k) % 40}/messages`, turn(i + k))));
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
      largest = Math.max(largest, s.walSize());
    }
    // The log grew past the limit (RESTART waits for 64 frames) and was started over by the worker
    // many times: without checkpoints these turns leave a log of 8 MB (measured).
    expect(largest).toBeGreaterThan(WAL_LIMIT);
    expect(largest).toBeLessThan(4 * 1024 * 1024);
    expect(s.reports.filter((r) => r.mode === 'RESTART' && !r.busy).length).toBeGreaterThan(0);

    const last = await expectLogToStartOver(s, TURNS);

    await s.server.close();
    await s.database.close();
    s.handles.server = undefined;
    s.handles.database = undefined;
    expect(storedMessages(s.file, s.tenant.companyId)).toBe(TURNS + last);
  });

  it('held back by a long reader, make writers wait once per 64 frames of log, not at every tick, and start the log over once it ends', async () => {
    const s = await serveFile(FAST);
    // Another process in the middle of a long read: no checkpoint can pass its snapshot.
    const outside = new BetterSqlite(s.file);
    s.handles.outside = outside;
    outside.exec('begin');
    outside.prepare('select count(*) from messages').get();

    for (let i = 0; i < 240; i += 8) {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, k) => s.api.post(`/api/sessions/r${(i + k) % 24}/messages`, turn(i + k))));
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    }
    const failed = s.reports.filter((r) => r.mode === 'RESTART' && r.busy);
    const log = Math.max(...s.reports.map((r) => r.log));
    expect(failed.length).toBeGreaterThan(0);
    // Each failed RESTART held writes for up to 200 ms; one per tick would be one every 25 ms.
    expect(failed.length).toBeLessThanOrEqual(Math.ceil(log / FAST.restartFrames));
    expect(s.walSize()).toBeGreaterThan(4 * WAL_LIMIT);

    outside.exec('commit');
    await expectLogToStartOver(s, 240);
  });

  it('hold writers back, never fail them, while they hold the write lock: live turns, and a review, which reads before it writes', async () => {
    const s = await serveFile({ ...FAST, intervalMs: 3_600_000 });
    for (const i of [0, 1]) expect((await s.api.post(`/api/sessions/w${i}/messages`, turn(10 + i))).status).toBe(201);
    expect((await s.api.post('/api/sessions/w0/messages', { messageId: 'rude', role: 'assistant', content: 'Rude [[PROFANITY:low]] answer' })).status).toBe(201);
    const reviewer = client(s.server.url, s.tenant.analyst);
    const findingId = (await reviewer.get('/api/findings')).body.findings[0].id;
    // A RESTART (or another process writing) holds the write lock from another thread for 300 ms:
    // the transactions wait for it (busy_timeout) and then commit. One that had read first used to
    // be refused at once (SQLITE_BUSY: SQLite does not wait to turn a reader into the writer).
    const holder = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       const db = new (require(workerData.driver))(workerData.file);
       db.exec('begin immediate');
       parentPort.postMessage('locked');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
       db.exec('commit');
       db.close();`,
      { eval: true, workerData: { file: s.file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } },
    );
    const exited = once(holder, 'exit');
    await once(holder, 'message');
    const [review, ...turns] = await Promise.all([
      reviewer.put(`/api/findings/${findingId}/review`, { status: 'dismissed' }),
      ...[0, 1, 2, 3].map((i) => s.api.post(`/api/sessions/w${i % 2}/messages`, turn(i))),
    ]);
    expect(review.status).toBe(200);
    expect(turns.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    await exited;
  });

  it('closing the database checkpoints it: the database file alone holds every turn, even with another connection open', async () => {
    // The worker never gets to checkpoint during the test: only the close can.
    const s = await serveFile({ ...FAST, intervalMs: 3_600_000 });
    // Another process's connection, idle: SQLite leaves the log alone when a connection that is
    // not the last one closes.
    const outside = new BetterSqlite(s.file);
    s.handles.outside = outside;
    expect(outside.pragma('wal_checkpoint(TRUNCATE)', { simple: true })).toBe(0); // schema and tenant into the file

    for (let i = 0; i < 40; i++) expect((await s.api.post(`/api/sessions/c${i % 4}/messages`, turn(i))).status).toBe(201);
    const copy = path.join(s.dir, 'copy.db');
    fs.copyFileSync(s.file, copy);
    expect(storedMessages(copy, s.tenant.companyId)).toBe(0); // the turns are in the log only
    expect(s.walSize()).toBeGreaterThan(0);

    await s.server.close();
    await s.database.close();
    s.handles.server = undefined;
    s.handles.database = undefined;
    expect(s.walSize()).toBe(0);
    fs.copyFileSync(s.file, copy);
    expect(storedMessages(copy, s.tenant.companyId)).toBe(40);
  });

  it('start only once a process has written enough log; until then SQLite checkpoints as it always did', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-checkpoints-'));
    dirs.push(dir);
    const reports: CheckpointReport[] = [];
    const database = await openDatabase(sqliteDialect(path.join(dir, 'lazy.db'), { checkpoints: { ...FAST, startAfterBytes: 256 * 1024 }, onCheckpoint: (r) => reports.push(r) }));
    open.push({ database });
    const autoCheckpoint = async () => (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db)).rows[0].wal_autocheckpoint;
    const write = (rows: number) => database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows; i++) await sql`insert into t (body) values (${'x'.repeat(1000)})`.execute(trx);
    });
    await sql`create table t (id integer primary key, body text)`.execute(database.db);

    await write(20);
    await new Promise((r) => setTimeout(r, 8 * FAST.intervalMs)); // the log's size is looked at every 25 ms
    expect(await autoCheckpoint()).toBe(1000);
    expect(reports).toEqual([]);

    await write(400);
    await until('the worker', () => reports.length > 0);
    expect(await autoCheckpoint()).toBe(0);
  });
});
