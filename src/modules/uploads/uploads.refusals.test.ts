/**
 * Refused uploads are listed (issue 14 §5): a file the server refuses when it is sent leaves no
 * upload and counts nowhere (the existing contract: GET /api/uploads stays empty), but
 * GET /api/uploads/refusals keeps the reason the uploader got, for every member of the company and
 * no one else. And an upload's summary counts in words: "1 turn stored in 1 new session".
 */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.js';
import { newTenant, useTestServer } from '../../../test/helpers/app.js';
import { markerEngine } from '../../../test/helpers/test-engine.js';
import { getJson, postUpload, startUploadServer, waitForUpload } from '../../../test/helpers/uploads.js';
import { insertRefusal, pruneRefusals } from './uploads.repository.js';

const MAX = 64 * 1024;

interface Refusal { id: number; filename: string; format: string; sizeBytes: number; code: string; statusCode: number; reason: string; refusedAt: string }

for (const dialect of DIALECTS) {
  describe(`uploads, refusals listed and summaries in words (${dialect.name})`, () => {
    const ctx = useTestServer(dialect, { start: (database) => startUploadServer(database, markerEngine, { maxBytes: MAX }) });

    it('lists each refused file with the status and reason its uploader got, newest first, and stores or counts nothing else', async () => {
      const t = await newTenant(ctx.db);
      const before = Date.now();
      const sent = [
        { name: 'big.jsonl', body: 'x'.repeat(MAX + 10), options: {} },
        { name: 'empty.jsonl', body: '', options: {} },
        { name: 'diary.txt', body: 'Dear diary, today the bot was rude.', options: {} },
        { name: 'wrong.csv', body: 'a,b\n1,2\n', options: { fields: { format: 'csv' } } },
      ];
      const answers: { status: number; body: any }[] = [];
      for (const f of sent) answers.push(await postUpload(ctx.url, t.ingest, f.body, { filename: f.name, ...f.options }));
      expect(answers.map((a) => a.status)).toEqual([413, 400, 415, 415]);

      const listed = await getJson(ctx.url, t.admin, '/api/uploads/refusals');
      expect(listed.status).toBe(200);
      const refusals = listed.body.refusals as Refusal[];
      expect(refusals.map((r) => r.filename)).toEqual(['wrong.csv', 'diary.txt', 'empty.jsonl', 'big.jsonl']);
      const byName = new Map(refusals.map((r) => [r.filename, r]));
      sent.forEach((f, i) => {
        const r = byName.get(f.name)!;
        expect(r.statusCode, f.name).toBe(answers[i].status);
        expect(r.code, f.name).toBe(answers[i].body.error.code);
        expect(r.reason, f.name).toBe(answers[i].body.error.message);
        expect(Date.parse(r.refusedAt), f.name).toBeGreaterThanOrEqual(before - 1000);
      });
      expect(byName.get('big.jsonl')!.sizeBytes).toBe(MAX);
      expect(byName.get('diary.txt')!.sizeBytes).toBe(Buffer.byteLength(sent[2].body));
      expect(byName.get('empty.jsonl')!.sizeBytes).toBe(0);
      expect(byName.get('wrong.csv')!.format).toBe('csv');
      expect(byName.get('diary.txt')!.format).toBe('auto');
      expect(byName.get('diary.txt')!.reason).toMatch(/could not recognise the format/);

      // Unchanged: no upload, no upload counted.
      expect((await getJson(ctx.url, t.ingest, '/api/uploads')).body.uploads).toEqual([]);
      expect((await getJson(ctx.url, t.admin, '/api/trends?days=1')).body.totals.uploads).toBe(0);
      // Accepted files are not refusals.
      const ok = await postUpload(ctx.url, t.ingest, JSON.stringify({ sessionId: 'fine', role: 'user', content: 'hello' }), { filename: 'fine.jsonl' });
      expect(ok.status).toBe(202);
      await waitForUpload(ctx.server, t.ingest, ok.body.upload.id);
      expect(((await getJson(ctx.url, t.admin, '/api/uploads/refusals')).body.refusals as Refusal[]).map((r) => r.filename)).not.toContain('fine.jsonl');
    });

    it('lists a gzip bomb refused while it was received', async () => {
      const t = await newTenant(ctx.db);
      const bomb = zlib.gzipSync(Buffer.alloc(4 * 1024 * 1024, 'a'));
      const r = await postUpload(ctx.url, t.ingest, bomb, { filename: 'bomb.jsonl.gz' });
      expect(r.status).toBe(413);
      const [refusal] = (await getJson(ctx.url, t.admin, '/api/uploads/refusals')).body.refusals as Refusal[];
      expect(refusal).toMatchObject({ filename: 'bomb.jsonl.gz', statusCode: 413, code: r.body.error.code, reason: r.body.error.message });
      expect(refusal.reason).toMatch(/CHATLENS_UPLOAD_MAX_EXPANSION/);
    });

    it('shows refusals to every member of the company and to no other company', async () => {
      const t = await newTenant(ctx.db);
      const other = await newTenant(ctx.db);
      await postUpload(ctx.url, t.ingest, 'not a transcript at all', { filename: 'mine.txt' });
      for (const key of [t.admin, t.analyst, t.ingest]) {
        const r = await getJson(ctx.url, key, '/api/uploads/refusals');
        expect(r.status).toBe(200);
        expect((r.body.refusals as Refusal[]).map((x) => x.filename)).toEqual(['mine.txt']);
      }
      expect((await getJson(ctx.url, other.admin, '/api/uploads/refusals')).body.refusals).toEqual([]);
      expect((await getJson(ctx.url, other.admin, `/api/uploads/refusals?company_id=${t.companyId}`)).status).toBe(403);
      expect((await getJson(ctx.url, 'nope', '/api/uploads/refusals')).status).toBe(401);
      const bad = await getJson(ctx.url, t.admin, '/api/uploads/refusals?limit=0');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/limit/);
    });

    it('keeps the newest refusals of a company up to the bound, leaving other companies alone', async () => {
      const a = await newTenant(ctx.db);
      const b = await newTenant(ctx.db);
      const row = (companyId: number, i: number) => ({ company_id: companyId, filename: `f${i}.txt`, format: 'auto', size_bytes: i, code: 'UNSUPPORTED_MEDIA_TYPE', status_code: 415, reason: `r${i}`, refused_at: new Date().toISOString() });
      for (let i = 0; i < 5; i++) await insertRefusal(ctx.db, row(a.companyId, i));
      for (let i = 0; i < 2; i++) await insertRefusal(ctx.db, row(b.companyId, i));
      await pruneRefusals(ctx.db, a.companyId, 3);
      const names = async (key: string) => ((await getJson(ctx.url, key, '/api/uploads/refusals')).body.refusals as Refusal[]).map((r) => r.filename);
      expect(await names(a.admin)).toEqual(['f4.txt', 'f3.txt', 'f2.txt']);
      expect(await names(b.admin)).toEqual(['f1.txt', 'f0.txt']);
    });

    it('words the summary of an upload in the singular when a count is one', async () => {
      const t = await newTenant(ctx.db);
      const one = await postUpload(ctx.url, t.ingest, JSON.stringify({ sessionId: 'one', role: 'user', content: 'hello' }));
      expect((await waitForUpload(ctx.server, t.ingest, one.body.upload.id)).message).toBe('1 turn stored in 1 new session from 1 record');
      const lines = [{ sessionId: 'two', role: 'user', content: 'hi' }, { sessionId: 'two', role: 'assistant', content: 'hello' }].map((l) => JSON.stringify(l));
      const mixed = await postUpload(ctx.url, t.ingest, [...lines, '{"broken'].join('\n'));
      expect((await waitForUpload(ctx.server, t.ingest, mixed.body.upload.id)).message).toBe('2 turns stored in 1 new session from 3 records; 1 with an error');
      const bad = await postUpload(ctx.url, t.ingest, '{"sessionId":"a","role":"alien","content":"x"}\n');
      expect((await waitForUpload(ctx.server, t.ingest, bad.body.upload.id)).message).toMatch(/^no turn could be stored: 1 error \(first: line 1: unknown role "alien"/);
    });
  });
}
