import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.js';
import { newTenant, useTestDatabase } from '../../../test/helpers/app.js';
import { builtinEngine } from '../../analysis/engine.js';
import type { DB } from '../../db/database.js';
import type { Kysely } from 'kysely';
import type { IngestDeps } from '../ingest/ingest.js';
import { readStoredRollups, verifyRollups } from '../rollups/verify.js';
import { getTrends } from '../trends/trends.service.js';
import { receiveUpload } from './uploads.service.js';
import { inlineAnalyzer, poolAnalyzer } from '../../analysis/pool/analyzer.js';
import { LEASE_MS, LeaseLostError, claimUploadJob, writeProgress } from './uploads.queue.js';
import { processUpload } from './uploads.processor.js';
import { JobRunner } from './uploads.runner.js';
import { loadConfig } from '../../config.js';

const limits = loadConfig({}).uploadLimits;
const SENTENCES = [
  'What is the capital of Australia?',
  'The capital of Australia is Sydney. I am 100% certain, it is guaranteed.',
  'Are you sure? I read it was Canberra.',
  'Actually the capital of Australia is Canberra, not Sydney.',
  'Women are naturally worse at engineering than men.',
  'That is a stupid question, you idiot.',
  'According to Smith et al. (2019) in the Journal of Imaginary Results, 87% of users agree.',
  'Thanks, that helps.',
];

/** ~400 turns over 40 sessions whose turns interleave, with a few bad lines, no timestamps on some. */
function fixture(): string {
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    const s = (i * 7) % 40;
    if (i % 53 === 17) lines.push('{"broken": ');
    const ts = i % 4 === 0 ? undefined : new Date(Date.UTC(2026, 0, 1 + (i % 9), 10, 0, i % 60)).toISOString();
    lines.push(JSON.stringify({ sessionId: `sess-${s}`, role: i % 2 ? 'assistant' : 'user', content: `${SENTENCES[i % SENTENCES.length]} (#${i})`, timestamp: ts, userId: `user-${s % 5}` }));
  }
  return `${lines.join('\n')}\n`;
}

async function snapshot(db: Kysely<DB>, companyId: number) {
  const sessions = await db.selectFrom('chat_sessions').select(['id', 'user_id', 'created_at', 'last_activity_at', 'message_count', 'last_message', 'source']).where('company_id', '=', companyId).orderBy('id').execute();
  const messages = await db.selectFrom('messages').select(['id', 'session_id', 'seq', 'role', 'content', 'created_at', 'analyzed', 'user_id']).where('company_id', '=', companyId).orderBy('id').execute();
  const findings = await db.selectFrom('findings').select(['message_id', 'subtype', 'score', 'severity', 'spans', 'day']).where('company_id', '=', companyId).orderBy('message_id').orderBy('subtype').execute();
  const upload = await db.selectFrom('uploads').select(['status', 'lines_processed', 'turns_processed', 'sessions_created', 'error_count', 'errors', 'message']).where('company_id', '=', companyId).executeTakeFirstOrThrow();
  const rollups = Object.fromEntries(await readStoredRollups(db, companyId));
  const trends = await getTrends(db, companyId, 30, new Date('2026-01-15T00:00:00Z'));
  return { sessions: sessions.map((s) => ({ ...s, message_count: Number(s.message_count) })), messages: messages.map((m) => ({ ...m, seq: Number(m.seq), analyzed: Number(m.analyzed) })), findings: findings.map((f) => ({ ...f, score: Number(f.score) })), upload: { ...upload, lines_processed: Number(upload.lines_processed), turns_processed: Number(upload.turns_processed), sessions_created: Number(upload.sessions_created), error_count: Number(upload.error_count) }, rollups, trends };
}

for (const dialect of DIALECTS) {
  describe(`upload jobs: crash and resume (${dialect.name})`, () => {
    const ctx = useTestDatabase(dialect);
    let dir: string;
    let deps: IngestDeps;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-jobs-'));
      deps = { db: ctx.db, engine: builtinEngine };
    });
    afterAll(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const enqueue = async (companyId: number, content: string) => {
      const now = new Date('2026-01-10T12:00:00Z');
      return receiveUpload(ctx.db, { uploadDir: dir, uploadMaxBytes: 10_000_000, uploadLimits: limits }, { companyId, filename: 'f.jsonl', stream: Readable.from([Buffer.from(content)]), format: 'auto', force: false }, now);
    };

    it('a job interrupted mid-way resumes after its lease expires and ends exactly like an uninterrupted run', async () => {
      const file = fixture();
      const crashed = await newTenant(ctx.db);
      const clean = await newTenant(ctx.db);

      // One pool for both runs: its threads load the engine once, so both runs see the same detectors
      // even while the engine's files are being edited during a test run.
      const pool = poolAnalyzer(2);
      try {
        const a = await enqueue(crashed.companyId, file);
        const job = await claimUploadJob(ctx.db, ctx.database.dialect, { uploadId: a.upload.id });
        expect(job?.attempt).toBe(1);
        const outcome = await processUpload({ ingest: deps, analyzer: pool, limits }, job!, { chunkMessages: 37, crashAfterChunks: 4 });
        expect(outcome).toBe('interrupted');
        const mid = await ctx.db.selectFrom('uploads').selectAll().where('id', '=', a.upload.id).executeTakeFirstOrThrow();
        expect(mid.status).toBe('processing');
        expect(Number(mid.turns_processed)).toBeGreaterThanOrEqual(4 * 37);
        expect(Number(mid.turns_processed)).toBeLessThan(400);

        // The lease still holds: nobody can take the job yet.
        expect(await claimUploadJob(ctx.db, ctx.database.dialect, { uploadId: a.upload.id })).toBeNull();
        const later = new Date(Date.now() + LEASE_MS + 1000);
        const resumed = await claimUploadJob(ctx.db, ctx.database.dialect, { uploadId: a.upload.id, now: later });
        expect(resumed?.attempt).toBe(2);
        // The crashed attempt can no longer write.
        await expect(writeProgress(ctx.db, job!, { message: 'stale' })).rejects.toBeInstanceOf(LeaseLostError);
        expect(await processUpload({ ingest: deps, analyzer: pool, limits }, resumed!, { chunkMessages: 29 })).toBe('done');

        const b = await enqueue(clean.companyId, file);
        const cleanJob = await claimUploadJob(ctx.db, ctx.database.dialect, { uploadId: b.upload.id });
        expect(await processUpload({ ingest: deps, analyzer: pool, limits }, cleanJob!, { chunkMessages: 500 })).toBe('done');
      } finally {
        await pool.close();
      }

      const sa = await snapshot(ctx.db, crashed.companyId);
      const sb = await snapshot(ctx.db, clean.companyId);
      expect(sa.upload).toMatchObject({ status: 'done', turns_processed: 400, sessions_created: 40, error_count: 8 });
      expect(sa.findings.length).toBeGreaterThan(20);
      expect(sa).toEqual(sb);
      expect(await verifyRollups(ctx.db, [crashed.companyId, clean.companyId])).toEqual([]);
    });

    it('the poller picks up a job abandoned by a dead worker', async () => {
      const t = await newTenant(ctx.db);
      const up = await enqueue(t.companyId, fixture());
      const job = await claimUploadJob(ctx.db, ctx.database.dialect, { uploadId: up.upload.id });
      expect(await processUpload({ ingest: deps, analyzer: inlineAnalyzer(builtinEngine), limits }, job!, { chunkMessages: 50, crashAfterChunks: 1 })).toBe('interrupted');
      // The dead worker's lease runs out.
      await ctx.db.updateTable('uploads').set({ lease_until: '2000-01-01T00:00:00.000Z' }).where('id', '=', up.upload.id).execute();
      const runner = new JobRunner({ db: ctx.db, dialect: ctx.database.dialect, processor: { ingest: deps, analyzer: inlineAnalyzer(builtinEngine), limits }, pollMs: 50 });
      runner.start();
      try {
        const deadline = Date.now() + 20_000;
        for (;;) {
          const row = await ctx.db.selectFrom('uploads').selectAll().where('id', '=', up.upload.id).executeTakeFirstOrThrow();
          if (row.status === 'done') {
            expect(Number(row.turns_processed)).toBe(400);
            expect(Number(row.attempts)).toBe(2);
            break;
          }
          if (Date.now() > deadline) throw new Error(`still ${row.status}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      } finally {
        await runner.stop();
      }
      expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
    });
  });
}
