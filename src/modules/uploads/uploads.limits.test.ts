/**
 * A small upload must not create unbounded work (issue 9 item 6): a gzip that expands too far or
 * too much is refused when received; records per upload and messages per session in an upload are
 * capped while processing, each refusal naming its setting.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDatabase } from '../../../test/helpers/db.js';
import { newTenant, useTestDatabase, useTestServer } from '../../../test/helpers/app.js';
import { markerEngine } from '../../../test/helpers/test-engine.js';
import { inlineAnalyzer } from '../../analysis/pool/analyzer.js';
import { type UploadLimits, loadConfig } from '../../config.js';
import { verifyRollups } from '../rollups/verify.js';
import { processUpload } from './uploads.processor.js';
import { claimUploadJob } from './uploads.queue.js';
import { receiveUpload } from './uploads.service.js';
import { getJson, postUpload, startUploadServer, waitForUpload } from '../../../test/helpers/uploads.js';

const line = (sessionId: string, i: number) => JSON.stringify({ sessionId, role: i % 2 ? 'assistant' : 'user', content: `turn ${i} of ${sessionId}`, timestamp: new Date(Date.UTC(2026, 0, 5, 10, 0, i % 60)).toISOString() });

/** Text that gzips like real transcripts (a few times), not like a bomb. */
function ordinaryJsonl(bytes: number): string {
  const words = ['refund', 'invoice', 'password', 'delivery', 'Berlin', 'upgrade', 'thanks', 'order', 'account', 'plan', 'billing', 'support'];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const content = Array.from({ length: 12 }, () => words[Math.floor(rnd() * words.length)] + Math.floor(rnd() * 1000)).join(' ');
    const l = JSON.stringify({ sessionId: `o${i % 40}`, role: i % 2 ? 'assistant' : 'user', content });
    lines.push(l);
    size += l.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

function filesUnder(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
}

async function storedIds(database: TestDatabase, companyId: number): Promise<string[]> {
  const rows = await database.db.selectFrom('messages').select('id').where('company_id', '=', companyId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

const LIMITS = { CHATLENS_UPLOAD_MAX_DECOMPRESSED_BYTES: String(8 * 1024 * 1024), CHATLENS_UPLOAD_MAX_RECORDS: '50', CHATLENS_UPLOAD_MAX_SESSION_MESSAGES: '30' };

for (const dialect of DIALECTS) {
  describe(`upload limits (${dialect.name})`, () => {
    const ctx = useTestServer(dialect, { start: (database) => startUploadServer(database, markerEngine, { env: LIMITS }) });

    it('refuses a gzip bomb with 413 when it arrives, naming the expansion limit, and keeps nothing', async () => {
      const t = await newTenant(ctx.db);
      // 200 lines of 100 KB of one letter: 20 MB that gzips to ~20 KB, 1,000:1 (the audit's bomb was 344:1).
      const bomb = zlib.gzipSync(`${JSON.stringify({ sessionId: 'bomb', role: 'user', content: 'a'.repeat(100_000) })}\n`.repeat(200));
      expect(bomb.length).toBeLessThan(64 * 1024);
      const r = await postUpload(ctx.url, t.ingest, bomb, { filename: 'chats.jsonl.gz' });
      expect(r.status).toBe(413);
      expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(r.body.error.message).toMatch(/expands more than 100 times when decompressed .*CHATLENS_UPLOAD_MAX_EXPANSION/);
      expect(filesUnder(path.join(ctx.server.uploadDir, String(t.companyId)))).toEqual([]);
      expect((await getJson(ctx.url, t.ingest, '/api/uploads')).body.uploads).toEqual([]);
      expect(await storedIds(ctx.database, t.companyId)).toEqual([]);
    });

    it('refuses a gzip that decompresses past CHATLENS_UPLOAD_MAX_DECOMPRESSED_BYTES, whatever its ratio', async () => {
      const t = await newTenant(ctx.db);
      const text = ordinaryJsonl(10 * 1024 * 1024);
      const gz = zlib.gzipSync(text);
      // An ordinary ratio: only the size limit can refuse it.
      expect(text.length / gz.length).toBeLessThan(10);
      const r = await postUpload(ctx.url, t.ingest, gz, { filename: 'big.jsonl.gz' });
      expect(r.status).toBe(413);
      expect(r.body.error.message).toMatch(/larger than 8 MB once decompressed.*CHATLENS_UPLOAD_MAX_DECOMPRESSED_BYTES/);
      expect(filesUnder(path.join(ctx.server.uploadDir, String(t.companyId)))).toEqual([]);
      // The same content under the limit is taken.
      const small = await postUpload(ctx.url, t.ingest, zlib.gzipSync(ordinaryJsonl(100 * 1024)), { filename: 'small.jsonl.gz' });
      expect(small.status).toBe(202);
    });

    it('stops an upload at CHATLENS_UPLOAD_MAX_RECORDS: the first records are stored, the upload fails saying why', async () => {
      const t = await newTenant(ctx.db);
      const lines = Array.from({ length: 80 }, (_, i) => line(`r${i % 4}`, i));
      const posted = await postUpload(ctx.url, t.ingest, lines.join('\n'));
      expect(posted.status).toBe(202);
      const done = await waitForUpload(ctx.server, t.ingest, posted.body.upload.id);
      expect(done).toMatchObject({ status: 'failed', linesProcessed: 50, turnsProcessed: 50, sessionsCreated: 4 });
      expect(done.message).toMatch(/more than 50 records, the most one upload may hold \(CHATLENS_UPLOAD_MAX_RECORDS\).*50 turns stored/);
      expect((await storedIds(ctx.database, t.companyId)).length).toBe(50);
      // What was stored is a finished historical conversation, as after any upload.
      const open = await ctx.db.selectFrom('chat_sessions').select('id').where('company_id', '=', t.companyId).where('ended_at', 'is', null).execute();
      expect(open).toEqual([]);
      expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
    });

    it('stores at most CHATLENS_UPLOAD_MAX_SESSION_MESSAGES messages of one session per upload, an error for each line beyond', async () => {
      const t = await newTenant(ctx.db);
      // 45 lines to session "big" interleaved with 5 to "small": 50 records, within the record limit.
      const lines = Array.from({ length: 50 }, (_, i) => (i % 10 === 9 ? line('small', i) : line('big', i)));
      const posted = await postUpload(ctx.url, t.ingest, lines.join('\n'));
      const done = await waitForUpload(ctx.server, t.ingest, posted.body.upload.id);
      expect(done).toMatchObject({ status: 'done', turnsProcessed: 35, errorCount: 15 });
      const bigLines = lines.map((l, i) => (l.includes('"big"') ? i + 1 : 0)).filter(Boolean);
      expect(done.errors.map((e: { line: number }) => e.line)).toEqual(bigLines.slice(30));
      expect(done.errors[0].reason).toMatch(/^session big already holds 30 messages from this upload, the most one upload may store in a session \(CHATLENS_UPLOAD_MAX_SESSION_MESSAGES\); skipped$/);
      const counts = await ctx.db.selectFrom('chat_sessions').select(['id', 'message_count']).where('company_id', '=', t.companyId).orderBy('id').execute();
      expect(counts.map((c) => [c.id, Number(c.message_count)])).toEqual([['big', 30], ['small', 5]]);

      // A JSON session of 50 messages: 30 stored, one error for its record.
      const doc = JSON.stringify([{ id: 'doc', messages: Array.from({ length: 50 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `m${i}` })) }]);
      const d = await waitForUpload(ctx.server, t.ingest, (await postUpload(ctx.url, t.ingest, doc, { filename: 'doc.json' })).body.upload.id);
      expect(d).toMatchObject({ status: 'done', turnsProcessed: 30, errorCount: 1 });
      expect(d.errors[0]).toEqual({ line: 1, reason: expect.stringMatching(/^session doc already holds 30 messages .*; 20 messages skipped$/) });
      expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
    });
  });

  describe(`upload limits while processing (${dialect.name})`, () => {
    const ctx = useTestDatabase(dialect);
    let dir: string;
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-limits-'));
    });
    afterAll(async () => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const defaults = loadConfig({}).uploadLimits;
    const enqueue = (companyId: number, content: Buffer | string) =>
      receiveUpload(ctx.db, { uploadDir: dir, uploadMaxBytes: 50_000_000, uploadLimits: defaults }, { companyId, filename: 'f', stream: Readable.from([Buffer.from(content)]), format: 'auto', force: false });
    // Each claim an hour after the last: an interrupted attempt's lease has run out by the next one.
    let hours = 0;
    const run = async (uploadId: number, limits: UploadLimits, options: { chunkMessages?: number; crashAfterChunks?: number } = {}) => {
      const job = await claimUploadJob(ctx.db, ctx.database.dialect, { uploadId, now: new Date(Date.now() + ++hours * 3_600_000) });
      return processUpload({ ingest: { db: ctx.db, engine: markerEngine }, analyzer: inlineAnalyzer(markerEngine), limits }, job!, options);
    };

    it('fails a queued gzip that expands past the limits in force when it is read', async () => {
      const t = await newTenant(ctx.db);
      const up = await enqueue(t.companyId, zlib.gzipSync(ordinaryJsonl(2 * 1024 * 1024)));
      expect(await run(up.upload.id, { ...defaults, maxExpansion: 2 })).toBe('failed');
      const row = await ctx.db.selectFrom('uploads').selectAll().where('id', '=', up.upload.id).executeTakeFirstOrThrow();
      expect(row.message).toMatch(/expands more than 2 times when decompressed.*CHATLENS_UPLOAD_MAX_EXPANSION/);
    });

    it('a job interrupted around the per-session limit resumes to exactly what an uninterrupted run stores', async () => {
      const lines = Array.from({ length: 120 }, (_, i) => line(`s${i % 3}`, i));
      const limits = { ...defaults, maxSessionMessages: 25 };
      const crashed = await newTenant(ctx.db);
      const clean = await newTenant(ctx.db);
      const a = await enqueue(crashed.companyId, lines.join('\n'));
      // Chunks of 7 messages: the limit (25 per session) is crossed in the resumed run.
      expect(await run(a.upload.id, limits, { chunkMessages: 7, crashAfterChunks: 6 })).toBe('interrupted');
      expect(await run(a.upload.id, limits, { chunkMessages: 11 })).toBe('done');
      const b = await enqueue(clean.companyId, lines.join('\n'));
      expect(await run(b.upload.id, limits)).toBe('done');
      const rows = (id: number) => ctx.db.selectFrom('uploads').select(['turns_processed', 'error_count', 'errors']).where('id', '=', id).executeTakeFirstOrThrow();
      const [ra, rb] = [await rows(a.upload.id), await rows(b.upload.id)];
      expect(Number(ra.turns_processed)).toBe(75);
      expect(Number(ra.error_count)).toBe(45);
      expect({ ...ra, errors: JSON.parse(ra.errors) }).toEqual({ ...rb, errors: JSON.parse(rb.errors) });
      // Ids derive from the file's content and positions, so the two companies' rows compare directly.
      expect(await storedIds(ctx.database, crashed.companyId)).toEqual(await storedIds(ctx.database, clean.companyId));
      expect(await verifyRollups(ctx.db, [crashed.companyId, clean.companyId])).toEqual([]);
    });
  });
}
