/**
 * Tokens and latency on messages (issue 12, section 3): every way a message arrives carries them
 * to the transcript, and a bad value is refused with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markerEngine } from './helpers/test-engine.js';
import { batchMessage, client, newTenant, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { type UploadTestServer, postUpload, startUploadServer, waitForUpload } from './helpers/uploads.js';
import { verifyRollups } from '../src/modules/rollups/verify.js';
import { ChatlensClient, messageEvent } from '../src/client/index.js';

describe.each(DIALECTS)('message tokens and latency on $name', (dialect) => {
  const ctx = useTestServer(dialect);
  let uploads: UploadTestServer;
  beforeAll(async () => {
    uploads = await startUploadServer(ctx.database, markerEngine);
  });
  afterAll(async () => {
    await uploads?.close();
  });

  const message = (id: string, sessionId: string, role: string, extra: object = {}) =>
    batchMessage(sessionId, id, 5, role === 'user' ? 'How much is the pro plan?' : 'The pro plan is 20 euros a month.', { role, ...extra });

  it('stores what a batch event sends and shows it in the transcript; absent is null, not zero', async () => {
    const t = await newTenant(ctx.db);
    const res = await client(ctx.url, t.ingest).post('/api/ingest', {
      events: [
        message('q1', 'S', 'user'),
        message('a1', 'S', 'assistant', { model: 'gpt-4o', inputTokens: 1234, outputTokens: 56, latencyMs: 789 }),
        message('a2', 'S', 'assistant', { model: 'gpt-4o', inputTokens: 0, outputTokens: 0, latencyMs: 0 }),
      ],
    });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const transcript = await client(ctx.url, t.analyst).get('/api/sessions/S');
    expect(transcript.status).toBe(200);
    const [q1, a1, a2] = transcript.body.messages;
    expect(q1).toMatchObject({ id: 'q1', inputTokens: null, outputTokens: null, latencyMs: null });
    expect(a1).toMatchObject({ id: 'a1', model: 'gpt-4o', inputTokens: 1234, outputTokens: 56, latencyMs: 789 });
    expect(a2).toMatchObject({ id: 'a2', inputTokens: 0, outputTokens: 0, latencyMs: 0 });
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });

  it('stores what a live turn sends', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const res = await api.post('/api/sessions/L/messages', { messageId: 'l1', role: 'assistant', content: 'Hello.', model: 'claude-sonnet-4', inputTokens: 20, outputTokens: 3, latencyMs: 412 });
    expect(res.status).toBe(201);
    const transcript = await client(ctx.url, t.analyst).get('/api/sessions/L');
    expect(transcript.body.messages[0]).toMatchObject({ model: 'claude-sonnet-4', inputTokens: 20, outputTokens: 3, latencyMs: 412 });
  });

  it('the SDK sends them (recordTurn and messageEvent) and reads them back typed', async () => {
    const t = await newTenant(ctx.db);
    const sdk = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.ingest });
    await sdk.recordTurn('K', { role: 'assistant', content: 'Hi.', model: 'mistral-large', inputTokens: 7, outputTokens: 2, latencyMs: 99 });
    await sdk.ingest([messageEvent('K', { role: 'assistant', content: 'Bye.', model: 'mistral-large', inputTokens: 8, outputTokens: 1 })]);
    const reader = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.analyst });
    const messages = (await reader.transcript('K')).messages;
    const usage: [number | null, number | null, number | null][] = messages.map((m) => [m.inputTokens, m.outputTokens, m.latencyMs]);
    expect(usage).toEqual([
      [7, 2, 99],
      [8, 1, null],
    ]);
  });

  it('refuses negative, fractional, oversized and non-numeric values with a 400 naming the field', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    for (const [field, value] of [
      ['inputTokens', -1],
      ['outputTokens', 1.5],
      ['inputTokens', 100_000_001],
      ['latencyMs', 86_400_001],
      ['latencyMs', 'slow'],
    ] as const) {
      const live = await api.post('/api/sessions/B/messages', { messageId: `b-${field}`, role: 'assistant', content: 'x', [field]: value });
      expect(live.status).toBe(400);
      expect(live.body.error.code).toBe('BAD_REQUEST');
      expect(live.body.error.message).toContain(field);
      expect(live.body.error.requestId).toEqual(expect.any(String));

      const batch = await api.post('/api/ingest', { events: [message(`e-${field}-${String(value)}`, 'B', 'assistant', { [field]: value })] });
      expect(batch.status).toBe(200);
      expect(batch.body.results[0].status).toBe('rejected');
      expect(batch.body.results[0].error).toContain(field);
    }
    const transcript = await client(ctx.url, t.analyst).get('/api/sessions/B');
    expect(transcript.status).toBe(404);
  });

  it('reads usage from uploads: OpenAI and Anthropic usage objects, own fields, CSV columns', async () => {
    const t = await newTenant(ctx.db);
    const jsonl = [
      {
        id: 'U1',
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello', model: 'gpt-4o-mini', usage: { prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 }, latency_ms: 300 },
          { role: 'user', content: 'and?' },
          { role: 'assistant', content: 'more', metadata: { model_slug: 'claude-3-5-haiku', usage: { input_tokens: 40, output_tokens: 9 } } },
          { role: 'assistant', content: 'own', inputTokens: 5, outputTokens: 6, latencyMs: 7 },
        ],
      },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const up = await postUpload(uploads.url, t.ingest, jsonl, { filename: 'usage.jsonl' });
    expect(up.status).toBe(202);
    expect(await waitForUpload(uploads, t.ingest, up.body.upload.id)).toMatchObject({ status: 'done', errorCount: 0, turnsProcessed: 5 });
    const s = await client(ctx.url, t.analyst).get('/api/sessions/U1');
    expect(s.body.messages.map((m: any) => [m.inputTokens, m.outputTokens, m.latencyMs])).toEqual([
      [null, null, null],
      [11, 2, 300],
      [null, null, null],
      [40, 9, null],
      [5, 6, 7],
    ]);

    const csv = `session_id,role,content,model,prompt_tokens,completion_tokens,latency_ms\nC1,user,hi,,,,\nC1,assistant,hello,gpt-4o,120,30,950\nC1,assistant,bad,gpt-4o,-4,1,1\n`;
    const upCsv = await postUpload(uploads.url, t.ingest, csv, { filename: 'usage.csv' });
    const done = await waitForUpload(uploads, t.ingest, upCsv.body.upload.id);
    expect(done).toMatchObject({ status: 'done', turnsProcessed: 2, errorCount: 1 });
    expect(done.errors[0]).toMatchObject({ line: 4 });
    expect(done.errors[0].reason).toContain('inputTokens');
    const c = await client(ctx.url, t.analyst).get('/api/sessions/C1');
    expect(c.body.messages.map((m: any) => [m.model, m.inputTokens, m.outputTokens, m.latencyMs])).toEqual([
      [null, null, null, null],
      ['gpt-4o', 120, 30, 950],
    ]);
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });
});
