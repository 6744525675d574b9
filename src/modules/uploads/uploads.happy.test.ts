import { loadConfig } from '../../config.js';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.js';
import { newTenant, useTestServer } from '../../../test/helpers/app.js';
import { markerEngine } from '../../../test/helpers/test-engine.js';
import { verifyRollups } from '../rollups/verify.js';
import { inlineAnalyzer } from '../../analysis/pool/analyzer.js';
import { claimUploadJob } from './uploads.queue.js';
import { processUpload } from './uploads.processor.js';
import { chatlensJsonl, getJson, postUpload, startUploadServer, waitForUpload } from '../../../test/helpers/uploads.js';

for (const dialect of DIALECTS) {
  describe(`uploads, happy path (${dialect.name})`, () => {
    const ctx = useTestServer(dialect, { start: (database) => startUploadServer(database, markerEngine) });

    it('turns a Chatlens JSONL file into sessions, messages, findings, trends and transcripts', async () => {
      const t = await newTenant(ctx.db);
      const file = chatlensJsonl(6, 4);
      const posted = await postUpload(ctx.url, t.ingest, file);
      expect(posted.status).toBe(202);
      expect(posted.body.duplicate).toBe(false);
      expect(posted.body.upload).toMatchObject({ filename: 'chats.jsonl', status: 'queued', sizeBytes: Buffer.byteLength(file) });

      const done = await waitForUpload(ctx.server, t.ingest, posted.body.upload.id);
      expect(done).toMatchObject({
        status: 'done',
        format: 'chatlens-jsonl',
        linesProcessed: 24,
        turnsProcessed: 24,
        sessionsCreated: 6,
        errorCount: 0,
        errors: [],
        bytesProcessed: Buffer.byteLength(file),
      });
      expect(done.startedAt).not.toBeNull();
      expect(done.finishedAt).not.toBeNull();

      const trends = await getJson(ctx.url, t.admin, '/api/trends?days=7');
      expect(trends.status).toBe(200);
      const today = new Date().toISOString().slice(0, 10);
      const days = trends.body.dailyData as { date: string; uploadCount: number; hallucinationRate: number; hallucinationFlagged: number }[];
      expect(days.find((d) => d.date === today)?.uploadCount).toBe(1);
      expect(trends.body.totals.uploads).toBe(1);
      // 24 turns analysed; flagged assistant turns: (s*4+t) % 5 === 1 with t odd.
      let flagged = 0;
      for (let s = 0; s < 6; s++) for (let tt = 1; tt < 4; tt += 2) if ((s * 4 + tt) % 5 === 1) flagged++;
      expect(days.reduce((n, d) => n + d.hallucinationFlagged, 0)).toBe(flagged);
      expect(trends.body.totals.hallucinationRate).toBeCloseTo(Math.round((flagged / 24) * 10_000) / 10_000, 4);

      const transcript = await getJson(ctx.url, t.admin, '/api/sessions/s0');
      expect(transcript.status).toBe(200);
      expect(JSON.stringify(transcript.body)).toContain('user turn 0 of session 0');

      const session = await ctx.db.selectFrom('chat_sessions').selectAll().where('company_id', '=', t.companyId).where('id', '=', 's0').executeTakeFirstOrThrow();
      expect(session.source).toBe('upload');
      expect(Number(session.upload_id)).toBe(posted.body.upload.id);
      // A historical conversation is over: it ends at its last message, never shows as active.
      expect(transcript.body.endedAt).toBe(transcript.body.lastActivityAt);
      expect(transcript.body.endedReason).toBe('user');
      const analyst = await getJson(ctx.url, t.analyst, `/api/uploads/${posted.body.upload.id}`);
      expect(analyst.status).toBe(200);

      const list = await getJson(ctx.url, t.admin, '/api/uploads');
      expect(list.body.uploads.map((u: { id: number }) => u.id)).toEqual([posted.body.upload.id]);
      expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
    });
    it('a server restarted after a crash resumes the interrupted upload when its lease runs out', async () => {
      const t = await newTenant(ctx.db);
      const first = await startUploadServer(ctx.database, markerEngine, { uploads: { processOnUpload: false } });
      const file = chatlensJsonl(20, 10);
      let id: number;
      try {
        const posted = await postUpload(first.url, t.ingest, file);
        id = posted.body.upload.id;
        expect((await getJson(first.url, t.ingest, `/api/uploads/${id}`)).body.status).toBe('queued');
        // The first server dies in the middle of the job.
        const job = await claimUploadJob(ctx.db, ctx.database.dialect, { uploadId: id });
        expect(await processUpload({ ingest: { db: ctx.db, engine: markerEngine }, analyzer: inlineAnalyzer(markerEngine), limits: loadConfig({}).uploadLimits }, job!, { chunkMessages: 40, crashAfterChunks: 2 })).toBe('interrupted');
        // The lease outlives the restart by a margin, so the job is still seen half done before it resumes.
        await ctx.db.updateTable('uploads').set({ lease_until: new Date(Date.now() + 1500).toISOString() }).where('id', '=', id).execute();
        // The restarted server shares the stored files.
        const second = await startUploadServer(ctx.database, markerEngine);
        try {
          const partial = await getJson(second.url, t.ingest, `/api/uploads/${id}`);
          expect(partial.body.status).toBe('processing');
          expect(partial.body.turnsProcessed).toBe(80);
          const deadline = Date.now() + 15_000;
          let done;
          for (;;) {
            done = (await getJson(second.url, t.ingest, `/api/uploads/${id}`)).body;
            if (done.status === 'done' || Date.now() > deadline) break;
            await new Promise((r) => setTimeout(r, 50));
          }
          expect(done).toMatchObject({ status: 'done', turnsProcessed: 200, sessionsCreated: 20, linesProcessed: 200, errorCount: 0 });
        } finally {
          await second.close();
        }
      } finally {
        await first.close();
      }
      expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
    });
  });
}
