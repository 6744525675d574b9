import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.js';
import { client, newTenant, useTestServer } from '../../../test/helpers/app.js';
import { markerEngine } from '../../../test/helpers/test-engine.js';
import { verifyRollups } from '../rollups/verify.js';
import { chatlensJsonl, getJson, postUpload, startUploadServer, waitForUpload } from '../../../test/helpers/uploads.js';

const MAX = 64 * 1024;

for (const dialect of DIALECTS) {
  describe(`uploads, errors and refusals (${dialect.name})`, () => {
    const ctx = useTestServer(dialect, { start: (database) => startUploadServer(database, markerEngine, { maxBytes: MAX }) });

    it('keeps every good line and reports each bad one with its number and reason', async () => {
      const t = await newTenant(ctx.db);
      const good = (i: number) => JSON.stringify({ sessionId: `g${i % 3}`, role: i % 2 ? 'assistant' : 'user', content: `good ${i}` });
      const lines = [good(0), '{"sessionId": "x", broken', good(1), JSON.stringify({ sessionId: 'x', role: 'user', content: 'x', timestamp: 'yesterday-ish' }), good(2), '', JSON.stringify({ role: 'user', content: 'orphan' }), good(3), JSON.stringify({ sessionId: 'y', role: 'user', content: 42.5, documents: 'nope.pdf' }), '[1,2]', good(4)];
      const posted = await postUpload(ctx.url, t.ingest, lines.join('\n'));
      const done = await waitForUpload(ctx.server, t.ingest, posted.body.upload.id);
      expect(done.status).toBe('done');
      expect(done.turnsProcessed).toBe(6);
      expect(done.linesProcessed).toBe(11);
      expect(done.errorCount).toBe(4);
      expect(done.errors.map((e: { line: number }) => e.line)).toEqual([2, 4, 7, 10]);
      expect(done.errors[0].reason).toMatch(/invalid JSON/);
      expect(done.errors[1].reason).toMatch(/timestamp "yesterday-ish" is not a date/);
      expect(done.errors[2].reason).toMatch(/no session id/);
      expect(done.errors[3].reason).toMatch(/expected a JSON object/);
      expect(done.message).toMatch(/6 turns stored in 4 new sessions/);
      const contents = await ctx.db.selectFrom('messages').select('content').where('company_id', '=', t.companyId).execute();
      expect(contents.map((c) => c.content).sort()).toEqual(['42.5', 'good 0', 'good 1', 'good 2', 'good 3', 'good 4']);
      expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
    });

    it('refuses a line without content with the reason live ingest gives, and stores no empty turn', async () => {
      const t = await newTenant(ctx.db);
      const live = await client(ctx.url, t.ingest).post('/api/ingest', {
        events: [{ id: 'e1', type: 'message', sessionId: 'nc', messageId: 'm1', role: 'assistant', timestamp: new Date().toISOString() }],
      });
      expect(live.body.results[0]).toMatchObject({ status: 'rejected', error: expect.stringMatching(/^content must be a string/) });
      const lines = [{ sessionId: 'nc', role: 'user', content: 'hello' }, { sessionId: 'nc', role: 'assistant' }, { sessionId: 'nc', role: 'assistant', text: null }];
      const posted = await postUpload(ctx.url, t.ingest, lines.map((l) => JSON.stringify(l)).join('\n'));
      const done = await waitForUpload(ctx.server, t.ingest, posted.body.upload.id);
      expect(done).toMatchObject({ status: 'done', turnsProcessed: 1, errorCount: 2 });
      expect(done.errors).toEqual([
        { line: 2, reason: expect.stringMatching(/^content must be a string/) },
        { line: 3, reason: expect.stringMatching(/^content must be a string/) },
      ]);
      const stored = await ctx.db.selectFrom('messages').select(['content', 'role']).where('company_id', '=', t.companyId).execute();
      expect(stored).toEqual([{ content: 'hello', role: 'user' }]);
      expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
    });

    it('lists the first 100 errors and counts them all', async () => {
      const t = await newTenant(ctx.db);
      const lines = Array.from({ length: 150 }, (_, i) => (i % 3 === 0 ? JSON.stringify({ sessionId: 's', role: 'user', content: `${i}` }) : `bad ${i}`));
      const posted = await postUpload(ctx.url, t.ingest, lines.join('\n'));
      const done = await waitForUpload(ctx.server, t.ingest, posted.body.upload.id);
      expect(done.errorCount).toBe(100);
      expect(done.errors).toHaveLength(100);
      const more = await postUpload(ctx.url, t.ingest, [...lines, ...lines.map((l) => l.replace('bad', 'worse'))].join('\n'), { query: 'force=true' });
      const d2 = await waitForUpload(ctx.server, t.ingest, more.body.upload.id);
      expect(d2.errorCount).toBe(200);
      expect(d2.errors).toHaveLength(100);
    });

    it('accepts one of two identical uploads sent at the same moment', async () => {
      const t = await newTenant(ctx.db);
      const file = chatlensJsonl(2, 2);
      const both = await Promise.all([postUpload(ctx.url, t.ingest, file), postUpload(ctx.url, t.ingest, file)]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 202]);
      expect(both.map((r) => r.body.duplicate).sort()).toEqual([false, true]);
      expect(both[0].body.upload.id).toBe(both[1].body.upload.id);
      await waitForUpload(ctx.server, t.ingest, both[0].body.upload.id);
      const trends = await getJson(ctx.url, t.admin, '/api/trends?days=1');
      expect(trends.body.totals.uploads).toBe(1);
    });

    it('recognises a re-upload and does not count it twice; force=true processes it again under its own ids', async () => {
      const t = await newTenant(ctx.db);
      const file = chatlensJsonl(3, 4);
      const first = await postUpload(ctx.url, t.ingest, file);
      expect(first.status).toBe(202);
      await waitForUpload(ctx.server, t.ingest, first.body.upload.id);
      const again = await postUpload(ctx.url, t.ingest, file, { filename: 'renamed.jsonl' });
      expect(again.status).toBe(200);
      expect(again.body.duplicate).toBe(true);
      expect(again.body.upload.id).toBe(first.body.upload.id);
      expect(again.body.upload.status).toBe('done');
      const count = async () => Number((await ctx.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).where('company_id', '=', t.companyId).executeTakeFirstOrThrow()).n);
      expect(await count()).toBe(12);
      let trends = await getJson(ctx.url, t.admin, '/api/trends?days=7');
      expect(trends.body.totals.uploads).toBe(1);

      const forced = await postUpload(ctx.url, t.ingest, file, { query: 'force=true' });
      expect(forced.status).toBe(202);
      expect(forced.body.duplicate).toBe(false);
      const done = await waitForUpload(ctx.server, t.ingest, forced.body.upload.id);
      expect(done).toMatchObject({ status: 'done', turnsProcessed: 12, sessionsCreated: 3, errorCount: 0 });
      expect(await count()).toBe(24);
      const ids = await ctx.db.selectFrom('chat_sessions').select('id').where('company_id', '=', t.companyId).orderBy('id').execute();
      expect(ids.map((r) => r.id)).toEqual(['s0', 's1', 's2', `u${done.id}:s0`, `u${done.id}:s1`, `u${done.id}:s2`]);
      trends = await getJson(ctx.url, t.admin, '/api/trends?days=7');
      expect(trends.body.totals.uploads).toBe(2);
      expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);

      // Another company uploading the same file is not a duplicate.
      const other = await newTenant(ctx.db);
      expect((await postUpload(ctx.url, other.ingest, file)).status).toBe(202);
    });

    it('refuses a file over the size limit with 413 and keeps nothing', async () => {
      const t = await newTenant(ctx.db);
      const r = await postUpload(ctx.url, t.ingest, 'x'.repeat(MAX + 10));
      expect(r.status).toBe(413);
      expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(r.body.error.message).toMatch(/larger than the upload limit of 64 KB/);
      const dir = path.join(ctx.server.uploadDir, String(t.companyId));
      expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
      expect((await getJson(ctx.url, t.ingest, '/api/uploads')).body.uploads).toEqual([]);
    });

    it('refuses empty files, unknown formats and wrong encodings with a readable 4xx', async () => {
      const t = await newTenant(ctx.db);
      const empty = await postUpload(ctx.url, t.ingest, '');
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toMatch(/empty/);
      const unknown = await postUpload(ctx.url, t.ingest, 'Dear diary, today the bot was rude.');
      expect(unknown.status).toBe(415);
      expect(unknown.body.error.message).toMatch(/could not recognise the format/);
      const utf16 = await postUpload(ctx.url, t.ingest, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('session_id,role,content\n', 'utf16le')]));
      expect(utf16.status).toBe(415);
      expect(utf16.body.error.message).toMatch(/UTF-16/);
      const latin1 = await postUpload(ctx.url, t.ingest, Buffer.from('session_id,role,content\ns,user,d\xe9j\xe0 vu\n', 'latin1'));
      expect(latin1.status).toBe(415);
      expect(latin1.body.error.message).toMatch(/not valid UTF-8/);
      const badFormat = await postUpload(ctx.url, t.ingest, 'a', { query: 'format=xml' });
      expect(badFormat.status).toBe(400);
      expect(badFormat.body.error.message).toMatch(/format/);
      const wrongFormat = await postUpload(ctx.url, t.ingest, 'a,b\n1,2\n', { fields: { format: 'csv' } });
      expect(wrongFormat.status).toBe(415);
      expect(wrongFormat.body.error.message).toMatch(/must name columns for session id, role and content/);
      const noFile = await fetch(`${ctx.url}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${t.ingest}`, 'content-type': 'application/json' }, body: '{}' });
      expect(noFile.status).toBe(415);
      expect((await getJson(ctx.url, t.ingest, '/api/uploads')).body.uploads).toEqual([]);
    });

    it('fails an upload whose every line is bad, with a message', async () => {
      const t = await newTenant(ctx.db);
      const posted = await postUpload(ctx.url, t.ingest, '{"sessionId":"a","role":"alien","content":"x"}\n{"sessionId":"a"}\n');
      const done = await waitForUpload(ctx.server, t.ingest, posted.body.upload.id);
      expect(done.status).toBe('failed');
      expect(done.message).toMatch(/no turn could be stored: 2 errors \(first: line 1: unknown role "alien"/);
    });

    it('checks roles and tenants', async () => {
      const t = await newTenant(ctx.db);
      const other = await newTenant(ctx.db);
      expect((await postUpload(ctx.url, t.analyst, chatlensJsonl(1, 2))).status).toBe(403);
      expect((await postUpload(ctx.url, 'nope', chatlensJsonl(1, 2))).status).toBe(401);
      const mine = await postUpload(ctx.url, t.ingest, chatlensJsonl(1, 2));
      await waitForUpload(ctx.server, t.ingest, mine.body.upload.id);
      expect((await getJson(ctx.url, other.admin, `/api/uploads/${mine.body.upload.id}`)).status).toBe(404);
      expect((await getJson(ctx.url, other.admin, `/api/uploads?company_id=${t.companyId}`)).status).toBe(403);
      expect((await getJson(ctx.url, t.admin, `/api/uploads/999999`)).status).toBe(404);
    });
  });
}
