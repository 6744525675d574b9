/**
 * kill -9 durability (issue 9): the real `chatlens serve` in a child process takes a stream of
 * `POST /api/ingest` batches and an upload, and is killed with SIGKILL at seeded random moments.
 * After every crash, with the server down: every acknowledged event is stored, nothing is stored
 * twice, and the rollups agree with the raw rows (`rollups verify`). The next run re-sends what
 * was never acknowledged plus some batches that were (retries, answered `duplicate`), and the
 * upload killed mid-way resumes to exactly what an uninterrupted upload of the same file stores.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../src/config.js';
import type { DB } from '../src/db/database.js';
import { readStoredRollups, verifyRollups } from '../src/modules/rollups/verify.js';
import { DIALECTS } from './helpers/db.js';
import { NO_RATE_LIMITS, type Tenant, newTenant, useTestDatabase } from './helpers/app.js';
import { seededRandom } from '../src/lib/random.js';

const BIN = fileURLToPath(new URL('../bin/chatlens.js', import.meta.url));
const SEED = 9_0913;
/** Crash rounds before the last, uninterrupted one; each kills the server once. */
const CRASHES = 4;
const BATCHES = 20;
const BATCH_SIZE = 40;

const SENTENCES = [
  'How do I reset my password?',
  'Open Settings, then Security, and choose Reset password.',
  'Can I get a refund for last month?',
  'Refunds are possible within 30 days; I have opened a request for you.',
  'The capital of Australia is Sydney, I am 100% certain.',
  'Thanks, that helps a lot.',
];

type Event = Record<string, unknown> & { id: string; type: string };

/** Batches of messages (sessions spanning batches), each with a feedback event on one of its own messages. */
function traffic(): Event[][] {
  const t0 = Date.UTC(2026, 0, 10, 9, 0, 0);
  const batches: Event[][] = [];
  let n = 0;
  for (let b = 0; b < BATCHES; b++) {
    const batch: Event[] = [];
    for (let i = 0; i < BATCH_SIZE - 1; i++, n++) {
      const session = `live-${n % 23}`;
      batch.push({ id: `e${n}`, type: 'message', sessionId: session, messageId: `m${n}`, role: n % 2 ? 'assistant' : 'user', content: `${SENTENCES[n % SENTENCES.length]} (#${n})`, timestamp: new Date(t0 + n * 7_000).toISOString(), userId: `u${n % 9}` });
    }
    batch.push({ id: `f${b}`, type: 'feedback', messageId: `m${n - 2}`, kind: b % 3 ? 'like' : 'dislike', timestamp: new Date(t0 + n * 7_000).toISOString() });
    batches.push(batch);
  }
  return batches;
}

/** 2,000 turns over 60 interleaved sessions: four chunks of processing, so a kill lands mid-way. */
function uploadFile(): string {
  const lines: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const s = (i * 7) % 60;
    lines.push(JSON.stringify({ sessionId: `up-${s}`, role: i % 2 ? 'assistant' : 'user', content: `${SENTENCES[(i * 5) % SENTENCES.length]} (upload #${i})`, timestamp: new Date(Date.UTC(2026, 0, 3 + (i % 5), 8, 0, i % 60)).toISOString() }));
  }
  return `${lines.join('\n')}\n`;
}

interface Child {
  proc: ChildProcess;
  url: string;
  exited: Promise<void>;
}

async function startServer(args: string[], dataDir: string): Promise<Child> {
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', ...args], {
    // Writers retry at full speed through every crash: past the per-key rate on purpose.
    env: { LOG_LEVEL: 'silent', CHATLENS_DATA_DIR: dataDir, CHATLENS_UPLOAD_DIR: path.join(dataDir, 'uploads'), ...NO_RATE_LIMITS },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${err}`)), 20_000);
    proc.stderr!.on('data', (d) => {
      err += d;
      const m = /running on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.once('exit', (code) => reject(new Error(`the server exited (${code}): ${err}`)));
  });
  return { proc, url, exited };
}

async function post(url: string, key: string, body: unknown): Promise<{ status: number; body: any } | null> {
  try {
    const res = await fetch(`${url}/api/ingest`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  } catch {
    return null; // no answer: the server died under the request
  }
}

async function sendUpload(url: string, key: string, content: string): Promise<{ id: number } | null> {
  try {
    const form = new FormData();
    form.append('file', new Blob([content]), 'history.jsonl');
    const res = await fetch(`${url}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
    if (res.status !== 202 && res.status !== 200) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    return { id: (await res.json()).upload.id };
  } catch (err) {
    if (err instanceof Error && /answered/.test(err.message)) throw err;
    return null;
  }
}

async function uploadSnapshot(db: Kysely<DB>, companyId: number) {
  const sessions = await db.selectFrom('chat_sessions').select(['id', 'user_id', 'created_at', 'last_activity_at', 'ended_at', 'message_count', 'last_message']).where('company_id', '=', companyId).orderBy('id').execute();
  const messages = await db.selectFrom('messages').select(['id', 'session_id', 'seq', 'role', 'content', 'created_at', 'analyzed']).where('company_id', '=', companyId).orderBy('id').execute();
  const findings = await db.selectFrom('findings').select(['message_id', 'subtype', 'score', 'severity', 'spans']).where('company_id', '=', companyId).orderBy('message_id').orderBy('subtype').execute();
  const upload = await db.selectFrom('uploads').select(['status', 'lines_processed', 'turns_processed', 'sessions_created', 'error_count', 'errors', 'message']).where('company_id', '=', companyId).executeTakeFirstOrThrow();
  return {
    sessions: sessions.map((s) => ({ ...s, message_count: Number(s.message_count) })),
    messages: messages.map((m) => ({ ...m, seq: Number(m.seq), analyzed: Number(m.analyzed) })),
    findings: findings.map((f) => ({ ...f, score: Number(f.score) })),
    upload: { ...upload, lines_processed: Number(upload.lines_processed), turns_processed: Number(upload.turns_processed), sessions_created: Number(upload.sessions_created), error_count: Number(upload.error_count) },
    rollups: Object.fromEntries(await readStoredRollups(db, companyId)),
  };
}

const pgUrl = testDatabaseUrl();

for (const dialect of DIALECTS) {
  describe(`kill -9 durability (${dialect.name})`, () => {
    const ctx = useTestDatabase(dialect);
    let dataDir: string;
    let serverArgs: string[];
    let live: Tenant;
    let crashed: Tenant;
    let clean: Tenant;
    let child: Child | null = null;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-kill9-'));
      if (dialect.name === 'sqlite') {
        serverArgs = ['--db', ctx.database.location];
      } else {
        // The test's own schema, as the server's search_path: migrated already, so the server's
        // start-up migration finds nothing to do.
        const u = new URL(pgUrl!);
        u.searchParams.set('options', `-c search_path=${ctx.database.location}`);
        serverArgs = ['--database-url', u.toString()];
      }
      [live, crashed, clean] = [await newTenant(ctx.db), await newTenant(ctx.db), await newTenant(ctx.db)];
    });
    afterAll(async () => {
      if (child) {
        child.proc.kill('SIGKILL');
        await child.exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    /** With the server down: every acknowledged event stored once, positions dense, rollups exact. */
    async function checkAfterCrash(acked: Map<string, Event>) {
      const db = ctx.db;
      const stored = new Set((await db.selectFrom('ingested_events').select('event_id').where('company_id', '=', live.companyId).execute()).map((r) => r.event_id));
      const messages = new Set((await db.selectFrom('messages').select('id').where('company_id', '=', live.companyId).execute()).map((r) => r.id));
      const feedback = new Set((await db.selectFrom('feedback').select('id').where('company_id', '=', live.companyId).execute()).map((r) => r.id));
      const lost = [...acked.values()].filter((e) => !stored.has(e.id) || (e.type === 'message' ? !messages.has(e.messageId as string) : !feedback.has(e.id)));
      expect(lost.map((e) => e.id), 'acknowledged events lost').toEqual([]);
      // Nothing twice: every stored message is one event, and each session's positions are 0..n-1.
      expect(messages.size).toBe([...stored].filter((id) => id.startsWith('e')).length);
      const sessions = await db.selectFrom('chat_sessions').select(['id', 'message_count']).where('company_id', '=', live.companyId).execute();
      const seqs = await db.selectFrom('messages').select(['session_id', 'seq']).where('company_id', '=', live.companyId).orderBy('session_id').orderBy('seq').execute();
      for (const s of sessions) {
        const mine = seqs.filter((r) => r.session_id === s.id).map((r) => Number(r.seq));
        expect(mine, `positions of ${s.id}`).toEqual(Array.from({ length: Number(s.message_count) }, (_, i) => i));
      }
      expect(await verifyRollups(db, [live.companyId, crashed.companyId])).toEqual([]);
    }

    it('loses no acknowledged event, stores no retry twice, keeps rollups exact, and resumes the upload exactly', async () => {
      const random = seededRandom(SEED + (dialect.name === 'sqlite' ? 0 : 1));
      const batches = traffic();
      const file = uploadFile();
      const acked = new Map<string, Event>();
      const firstStatus = new Map<string, string>();
      const unacked: number[] = [];
      let next = 0;
      let upload: { id: number } | null = null;
      let uploadKilledMidway = false;
      let retriedDuplicates = 0;

      for (let round = 0; round <= CRASHES; round++) {
        const last = round === CRASHES;
        child = await startServer(serverArgs, dataDir);
        const { url } = child;
        // The upload goes first, so it is being processed while the batches arrive.
        if (!upload) upload = await sendUpload(url, crashed.ingest, file);
        // First what was never acknowledged, then a few batches that were, sent again as a client
        // does after a time-out (retries must come back `duplicate`).
        const pending = unacked.splice(0);
        const retries = [...new Set(Array.from({ length: 3 }, () => Math.floor(random() * Math.max(1, next))))].filter((b) => !pending.includes(b) && b < next);
        const queue = [...pending, ...retries];
        // Where this round dies: after a few acknowledged batches (so the crash lands with requests
        // in flight, at a random moment of the next one) or, while the upload is processing,
        // part-way through it, once a random number of its turns are committed (it commits 500 at a
        // time, so at least two of its four chunks are still to come).
        const batchesBeforeKill = 1 + Math.floor(random() * 3);
        const killDelayMs = random() * 250;
        const uploadRow = upload ? await ctx.db.selectFrom('uploads').select('status').where('id', '=', upload.id).executeTakeFirst() : undefined;
        const uploadTurnsBeforeKill = uploadRow && uploadRow.status !== 'done' && !uploadKilledMidway ? 300 + Math.floor(random() * 600) : 0;
        let ackedThisRound = 0;
        let killed = false;
        const uploadProgress = async () =>
          upload ? Number((await ctx.db.selectFrom('uploads').select('turns_processed').where('id', '=', upload.id).executeTakeFirst())?.turns_processed ?? 0) : 0;
        const killer = last
          ? null
          : (async () => {
              while (uploadTurnsBeforeKill > 0 ? (await uploadProgress()) < uploadTurnsBeforeKill : ackedThisRound < batchesBeforeKill) {
                await new Promise((r) => setTimeout(r, 10));
              }
              // Mid-upload the kill comes at once: a delay could let a fast chunk finish the upload
              // first on a loaded machine. Between batches the random delay puts it mid-request.
              if (uploadTurnsBeforeKill === 0) await new Promise((r) => setTimeout(r, killDelayMs));
              killed = true;
              child!.proc.kill('SIGKILL');
            })();
        while (last ? queue.length > 0 || next < BATCHES : !killed) {
          const b = queue.length ? queue.shift()! : next < BATCHES ? next++ : -1;
          if (b < 0) {
            await new Promise((r) => setTimeout(r, 20));
            continue;
          }
          const res = await post(url, live.ingest, { events: batches[b] });
          if (!res) {
            unacked.push(b);
            continue;
          }
          expect(res.status).toBe(200);
          batches[b].forEach((e, i) => {
            const status = res.body.results[i].status as string;
            expect(status, `${e.id}: ${res.body.results[i].error ?? ''}`).not.toBe('rejected');
            if (firstStatus.get(e.id) === 'accepted') {
              expect(status, `a retry of ${e.id} was stored again`).toBe('duplicate');
              retriedDuplicates++;
            } else if (!firstStatus.has(e.id)) firstStatus.set(e.id, status);
            acked.set(e.id, e);
          });
          ackedThisRound++;
        }
        if (killer) {
          await killer;
          await child.exited;
          child = null;
          const row = upload ? await ctx.db.selectFrom('uploads').select(['status', 'lease_until', 'turns_processed']).where('id', '=', upload.id).executeTakeFirst() : undefined;
          if (row?.status === 'processing') {
            if (Number(row.turns_processed) > 0) uploadKilledMidway = true;
            // The dead server's lease runs out (30 s in real time); the next server's poll resumes the job.
            await ctx.db.updateTable('uploads').set({ lease_until: '2000-01-01T00:00:00.000Z' }).where('id', '=', upload!.id).execute();
          }
          await checkAfterCrash(acked);
        }
      }

      // The last server was never killed: everything is acknowledged and the upload finishes.
      expect(acked.size).toBe(BATCHES * BATCH_SIZE);
      expect(retriedDuplicates).toBeGreaterThan(0);
      const waitDone = async (id: number) => {
        const deadline = Date.now() + 60_000;
        for (;;) {
          const row = await ctx.db.selectFrom('uploads').select('status').where('id', '=', id).executeTakeFirstOrThrow();
          if (row.status === 'done' || row.status === 'failed') return row.status;
          if (Date.now() > deadline) throw new Error(`upload ${id} still ${row.status}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      expect(await waitDone(upload!.id)).toBe('done');
      const reference = await sendUpload(child!.url, clean.ingest, file);
      expect(await waitDone(reference!.id)).toBe('done');
      child!.proc.kill('SIGTERM');
      await child!.exited;
      child = null;

      await checkAfterCrash(acked);
      const a = await uploadSnapshot(ctx.db, crashed.companyId);
      const b = await uploadSnapshot(ctx.db, clean.companyId);
      expect(a.upload).toMatchObject({ status: 'done', turns_processed: 2000, sessions_created: 60, error_count: 0 });
      expect(a).toEqual(b);
      expect(await verifyRollups(ctx.db, [live.companyId, crashed.companyId, clean.companyId])).toEqual([]);
      // The seeded kills landed while the upload was being processed at least once.
      expect(uploadKilledMidway).toBe(true);
    }, 90_000);
  });
}
