import { beforeAll, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ChatlensClient,
  ChatlensError,
  ConflictError,
  ForbiddenError,
  ServerError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  errorFromResponse,
  flattenChatSessions,
  mergeUsage,
  toCsv,
} from '../src/client/index.js';
import { ERROR_STATUS, type ErrorCode } from '../src/errors.js';
import { type Tenant, ago, newTenant, todayUtc, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe.each(DIALECTS)('TypeScript SDK against the real server on $name', (dialect) => {
  const ctx = useTestServer(dialect);
  let t: Tenant;
  beforeAll(async () => {
    t = await newTenant(ctx.db);
  });

  it('ingests in chunks of 1,000 and iterates every monitor page', async () => {
    const sdk = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.ingest });
    const events = Array.from({ length: 1203 }, (_, i) => ({
      id: `ev${i}`,
      type: 'message' as const,
      timestamp: ago(1 + (i % 20) / 10),
      sessionId: `S${i % 45}`,
      messageId: `m${i}`,
      role: (i % 2 ? 'assistant' : 'user') as 'user' | 'assistant',
      content: `turn ${i}`,
    }));
    const results = await sdk.ingest(events);
    expect(results).toHaveLength(1203);
    expect(results.every((r) => r.status === 'accepted')).toBe(true);

    const reader = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.analyst });
    const ids: string[] = [];
    for await (const s of reader.monitorSessions({ limit: 10 })) ids.push(s.id);
    expect(ids).toHaveLength(45);
    expect(new Set(ids).size).toBe(45);
  });

  it('records a live turn and reads the transcript, trends and merged usage', async () => {
    const sdk = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.admin });
    const turn = await sdk.recordTurn('live-1', { messageId: 'q1', role: 'user', content: 'hello [[PROFANITY:high]]', userId: 'u9' });
    expect(turn.session.endedReason).toBe('violation');
    const transcript = await sdk.session('live-1');
    expect(transcript.messages.map((m) => m.role)).toEqual(['user', 'system']);
    const trends = await sdk.trends(7);
    expect(trends.dailyData).toHaveLength(7);
    expect(trends.subtypeBreakdown.toxicity.PROFANITY).toBe(1);
    const flagged = await sdk.flaggedTurns({ subtype: 'PROFANITY', days: 7 });
    expect(flagged.findings.map((f) => [f.sessionId, f.messageId, f.excerpt])).toEqual([['live-1', 'q1', '[[PROFANITY:high]]']]);

    const q = { start_date: todayUtc(-1) };
    const chatSessions = await sdk.reporting.chatSessions(q);
    const flat = flattenChatSessions(chatSessions);
    expect(flat.map((r) => r.date)).toEqual([todayUtc(-1), todayUtc()]);
    const rows = mergeUsage({
      chatSessions,
      chatsFeedback: await sdk.reporting.chatsFeedback(q),
      tools: await sdk.reporting.tools(q),
      usedDocuments: await sdk.reporting.usedDocuments(q),
      userActivities: await sdk.reporting.userActivities(q),
    });
    const today = rows.at(-1)!;
    expect(today.user_queries).toBe(chatSessions.reporting[0].dates.at(-1)!.chats.user_queries_count);
    expect(today.active_users).toBe(1);
    const csv = toCsv(rows);
    const lines = csv.trimEnd().split('\r\n');
    // Scalar columns only: the per-tool map stays out unless asked for.
    expect(lines[0]).toBe(Object.keys(today).filter((k) => k !== 'tools').join(','));
    expect(lines).toHaveLength(3);
    expect(lines[2].split(',')[4]).toBe(String(today.user_queries));
  });

  it('maps error codes to typed errors carrying the request id', async () => {
    await expect(new ChatlensClient({ baseUrl: ctx.url, apiKey: 'clk_bad' }).trends()).rejects.toBeInstanceOf(UnauthorizedError);
    const err = await new ChatlensClient({ baseUrl: ctx.url, apiKey: t.ingest }).trends().catch((e) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err.status).toBe(403);
    expect(err.requestId).toMatch(/[0-9a-f-]{36}/);
    await expect(new ChatlensClient({ baseUrl: ctx.url, apiKey: t.analyst }).trends(0)).rejects.toBeInstanceOf(BadRequestError);
  });

  it('carries the code of a domain error from where it is raised to the SDK class', async () => {
    const sdk = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.ingest });
    // Transcript errors: an empty file is the caller's mistake (400), an unreadable format a 415.
    const empty = await sdk.uploadTranscript(new Blob(['   \n']), 'empty.jsonl').catch((e) => e);
    expect(empty).toBeInstanceOf(BadRequestError);
    expect(empty.message).toMatch(/empty/);
    await expect(sdk.uploadTranscript(new Blob(['just some prose\nno format here\n']), 'notes.txt')).rejects.toBeInstanceOf(UnsupportedMediaTypeError);
    // Event errors: a messageId stored by another path is a conflict on the live-turn endpoint.
    await sdk.ingest([{ id: 'e-dup', type: 'message', timestamp: ago(1), sessionId: 'bulk-1', messageId: 'shared-m', role: 'user', content: 'hi' }]);
    const dup = await sdk.recordTurn('live-2', { messageId: 'shared-m', role: 'user', content: 'hi again' }).catch((e) => e);
    expect(dup).toBeInstanceOf(ConflictError);
    expect(dup.message).toBe('messageId shared-m already exists: message ids are unique per company, across sessions');
  });

  it('lists refused uploads, newest first, with the status and reason their uploader got', async () => {
    const own = await newTenant(ctx.db);
    const uploader = new ChatlensClient({ baseUrl: ctx.url, apiKey: own.ingest });
    const unreadable = await uploader.uploadTranscript(new Blob(['just some prose\nno format here\n']), 'notes.txt').catch((e) => e);
    const empty = await uploader.uploadTranscript(new Blob(['   \n']), 'empty.jsonl').catch((e) => e);

    const analyst = new ChatlensClient({ baseUrl: ctx.url, apiKey: own.analyst });
    const refusals = await analyst.uploadRefusals();
    expect(refusals.map((r) => [r.filename, r.statusCode, r.code, r.reason])).toEqual([
      ['empty.jsonl', 400, empty.code, empty.message],
      ['notes.txt', 415, unreadable.code, unreadable.message],
    ]);
    expect((await analyst.uploadRefusals({ limit: 1 })).map((r) => r.filename)).toEqual(['empty.jsonl']);
    await expect(analyst.uploadRefusals({ limit: 0 })).rejects.toBeInstanceOf(BadRequestError);
    // Another company sees none of them.
    const other = await newTenant(ctx.db);
    expect(await new ChatlensClient({ baseUrl: ctx.url, apiKey: other.analyst }).uploadRefusals()).toEqual([]);
  });
});

describe('SDK error mapping', () => {
  it('has a class of its own for every code the server can answer with', () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
      const status = ERROR_STATUS[code];
      const err = errorFromResponse(status, { error: { code, message: 'x', requestId: 'r' } });
      expect(err.constructor, code).not.toBe(ChatlensError);
      expect(err.code).toBe(code);
      expect(err instanceof ServerError, code).toBe(status >= 500);
    }
    const unknown = errorFromResponse(418, { error: { code: 'TEAPOT', message: 'x', requestId: 'r' } });
    expect(unknown.constructor).toBe(ChatlensError);
    expect(errorFromResponse(502, null)).toBeInstanceOf(ServerError);
  });
});
