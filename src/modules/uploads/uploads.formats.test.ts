import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.js';
import { newTenant, useTestServer } from '../../../test/helpers/app.js';
import { markerEngine } from '../../../test/helpers/test-engine.js';
import { verifyRollups } from '../rollups/verify.js';
import { daysAgo, getJson, postUpload, startUploadServer, waitForUpload } from '../../../test/helpers/uploads.js';

const T = (n: number) => daysAgo(2, 12, n);

/** The same two sessions (3 + 2 turns, one flagged) in every format. */
const FILES: Record<string, { name: string; content: string; format: string }> = {
  'chatlens-jsonl': {
    name: 'a.jsonl',
    format: 'chatlens-jsonl',
    content: [
      { sessionId: 'A', role: 'user', content: 'q1', timestamp: T(0), userId: 'u1' },
      { sessionId: 'A', role: 'assistant', content: 'a1 [[PROFANITY:high]]', timestamp: T(1) },
      { sessionId: 'A', role: 'user', content: 'q2', timestamp: T(2), userId: 'u1' },
      { sessionId: 'B', role: 'user', content: 'q3', timestamp: T(3) },
      { sessionId: 'B', role: 'assistant', content: 'a3', timestamp: T(4) },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n'),
  },
  json: {
    name: 'a.json',
    format: 'json',
    content: JSON.stringify(
      {
        sessions: [
          { id: 'A', userId: 'u1', messages: [{ role: 'user', content: 'q1', timestamp: T(0) }, { role: 'assistant', content: 'a1 [[PROFANITY:high]]', timestamp: T(1) }, { role: 'user', content: 'q2', timestamp: T(2) }] },
          { id: 'B', messages: [{ role: 'user', content: 'q3', timestamp: T(3) }, { role: 'assistant', content: 'a3', timestamp: T(4) }] },
        ],
      },
      null,
      2,
    ),
  },
  csv: {
    name: 'a.csv',
    format: 'csv',
    content: `session_id,role,content,timestamp,user\nA,user,q1,${T(0)},u1\nA,assistant,"a1 [[PROFANITY:high]]",${T(1)},\nA,user,q2,${T(2)},u1\nB,user,q3,${T(3)},\nB,assistant,a3,${T(4)},\n`,
  },
  'openai-jsonl': {
    name: 'a.jsonl',
    format: 'openai-jsonl',
    content: [
      { id: 'A', messages: [{ role: 'user', content: 'q1' }, { role: 'assistant', content: [{ type: 'text', text: 'a1 [[PROFANITY:high]]' }] }, { role: 'user', content: 'q2' }] },
      { id: 'B', messages: [{ role: 'user', content: 'q3' }, { role: 'assistant', content: 'a3' }] },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n'),
  },
  sharegpt: {
    name: 'a.json',
    format: 'sharegpt',
    content: JSON.stringify([
      { id: 'A', conversations: [{ from: 'human', value: 'q1' }, { from: 'gpt', value: 'a1 [[PROFANITY:high]]' }, { from: 'human', value: 'q2' }] },
      { id: 'B', conversations: [{ from: 'human', value: 'q3' }, { from: 'gpt', value: 'a3' }] },
    ]),
  },
};

for (const dialect of DIALECTS) {
  describe(`uploads, every format (${dialect.name})`, () => {
    const ctx = useTestServer(dialect, { start: (database) => startUploadServer(database, markerEngine) });

    for (const [label, f] of Object.entries(FILES)) {
      for (const gzip of [false, true]) {
        it(`${label}${gzip ? ' (gzip)' : ''}: detected and stored`, async () => {
          const t = await newTenant(ctx.db);
          const body = gzip ? zlib.gzipSync(f.content) : Buffer.from(f.content);
          const posted = await postUpload(ctx.url, t.admin, body, { filename: f.name + (gzip ? '.gz' : '') });
          expect(posted.status).toBe(202);
          const done = await waitForUpload(ctx.server, t.admin, posted.body.upload.id);
          expect(done).toMatchObject({ status: 'done', format: f.format, turnsProcessed: 5, sessionsCreated: 2, errorCount: 0 });
          const sessions = await ctx.db.selectFrom('chat_sessions').select(['id', 'message_count', 'source']).where('company_id', '=', t.companyId).orderBy('id').execute();
          expect(sessions.map((s) => [s.id, Number(s.message_count), s.source])).toEqual([
            ['A', 3, 'upload'],
            ['B', 2, 'upload'],
          ]);
          const findings = await ctx.db.selectFrom('findings').select(['subtype']).where('company_id', '=', t.companyId).execute();
          expect(findings.map((x) => x.subtype)).toEqual(['PROFANITY']);
          expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
        });
      }
    }

    it('an explicit format overrides detection', async () => {
      const t = await newTenant(ctx.db);
      const posted = await postUpload(ctx.url, t.admin, FILES.sharegpt.content, { fields: { format: 'json' } });
      const done = await waitForUpload(ctx.server, t.admin, posted.body.upload.id);
      expect(done).toMatchObject({ status: 'done', format: 'json', turnsProcessed: 5 });
      const viaQuery = await postUpload(ctx.url, t.admin, FILES.csv.content, { query: 'format=csv' });
      expect((await waitForUpload(ctx.server, t.admin, viaQuery.body.upload.id)).format).toBe('csv');
    });

    it('orders turns without timestamps by file order at the upload time', async () => {
      const t = await newTenant(ctx.db);
      const posted = await postUpload(ctx.url, t.admin, 'session_id,role,content\nN,user,first\nN,assistant,second\nN,user,third\n');
      const done = await waitForUpload(ctx.server, t.admin, posted.body.upload.id);
      expect(done.status).toBe('done');
      const transcript = await getJson(ctx.url, t.admin, '/api/sessions/N');
      const text = JSON.stringify(transcript.body);
      expect(text.indexOf('first')).toBeLessThan(text.indexOf('second'));
      expect(text.indexOf('second')).toBeLessThan(text.indexOf('third'));
      const rows = await ctx.db.selectFrom('messages').select(['created_at']).where('company_id', '=', t.companyId).execute();
      expect(new Set(rows.map((r) => r.created_at))).toEqual(new Set([done.receivedAt]));
    });
  });
}
