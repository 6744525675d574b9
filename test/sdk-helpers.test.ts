/**
 * The SDK's helpers against the real server, on every dialect: a conversation recorded without
 * building a single event by hand, read back through the reporting and monitoring APIs; message
 * ids unique per company, with the errors a caller sees; the paginated lists as iterators.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ChatlensClient, ConflictError, EventRejectedError, type FlaggedTurn, messageEvent } from '../src/client/index.js';
import { type Tenant, newTenant, todayUtc, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe.each(DIALECTS)('SDK helpers against the real server on $name', (dialect) => {
  const ctx = useTestServer(dialect);
  let t: Tenant;
  beforeAll(async () => {
    t = await newTenant(ctx.db);
  });

  it('records a whole conversation through the helpers: it shows in the monitor, the transcript and the reports', async () => {
    const chatlens = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.ingest });
    await chatlens.connection('u-helpers', { email: 'ana@helpers.test' });
    const sessionId = await chatlens.startSession({ userId: 'u-helpers' });
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const q = await chatlens.recordTurn(sessionId, { role: 'user', content: 'What plans do you offer?' });
    const a = await chatlens.recordTurn(sessionId, { role: 'assistant', content: 'Three plans.', model: 'gpt-4o', tools: [{ name: 'web_search' }] });
    expect(q.message.id).not.toBe(a.message.id);
    expect(a.session.messageCount).toBe(2);
    await chatlens.feedback(a.message.id, 'like', { userId: 'u-helpers' });
    await chatlens.feedback(a.message.id, 'copy');
    await chatlens.endSession(sessionId);

    const reader = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.analyst });
    const transcript = await reader.session(sessionId);
    expect(transcript).toMatchObject({ userId: 'u-helpers', endedReason: 'user', messageCount: 2 });
    expect(transcript.messages.map((m) => [m.id, m.role])).toEqual([
      [q.message.id, 'user'],
      [a.message.id, 'assistant'],
    ]);
    const day = { start_date: todayUtc(), end_date: todayUtc() };
    const feedback = (await reader.reporting.chatsFeedback(day)).reporting[0].dates[0];
    expect(feedback.feedbacks).toEqual({ likes_count: 1, dislikes_count: 0, copies_count: 1 });
    const activity = (await reader.reporting.userActivities(day)).reporting[0].dates[0];
    expect(activity.users).toContainEqual(expect.objectContaining({ user_id: 'u-helpers', email: 'ana@helpers.test', user_queries_count: 1 }));
    const tools = (await reader.reporting.tools(day)).reporting[0].dates[0].tools;
    expect(tools).toEqual([{ tool_name: 'web_search', usage_count: 1 }]);
  });

  it('message ids are unique per company: a reused id is a clear error, another company may use it', async () => {
    const chatlens = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.ingest });
    await chatlens.recordTurn('ids-1', { messageId: 'm-shared', role: 'user', content: 'first' });
    // The same turn again (a retry) is the stored one, not an error.
    const again = await chatlens.recordTurn('ids-1', { messageId: 'm-shared', role: 'user', content: 'first' });
    expect(again.session.messageCount).toBe(1);

    const live = await chatlens.recordTurn('ids-2', { messageId: 'm-shared', role: 'user', content: 'another session' }).catch((e) => e);
    expect(live).toBeInstanceOf(ConflictError);
    expect(live.status).toBe(409);
    expect(live.message).toBe('messageId m-shared already exists: message ids are unique per company, across sessions');
    expect(live.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const [result] = await chatlens.ingest([messageEvent('ids-3', { messageId: 'm-shared', role: 'user', content: 'bulk' })]);
    expect(result).toMatchObject({ status: 'rejected', error: expect.stringMatching(/messageId m-shared already exists/) });

    const other = await newTenant(ctx.db);
    const elsewhere = await new ChatlensClient({ baseUrl: ctx.url, apiKey: other.ingest }).recordTurn('ids-1', { messageId: 'm-shared', role: 'user', content: 'other company' });
    expect(elsewhere.message.id).toBe('m-shared');

    // A helper whose event the server refuses throws with the reason.
    const refused = await chatlens.feedback('no-such-message', 'dislike').catch((e) => e);
    expect(refused).toBeInstanceOf(EventRejectedError);
    expect(refused.reason).toMatch(/messageId no-such-message is not a known message/);
  });

  it('a buffered conversation, feedback included, can travel in one batch: events apply in the order they were added', async () => {
    const chatlens = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.ingest });
    const rejected: string[] = [];
    const buffer = chatlens.createIngestBuffer({ maxBatch: 100, flushIntervalMs: 60_000, onRejected: (e, reason) => rejected.push(`${e.type}: ${reason}`) });
    buffer.connection('u-batch', { email: 'bo@helpers.test' });
    const sessionId = buffer.startSession({ userId: 'u-batch' });
    buffer.recordTurn(sessionId, { role: 'user', content: 'Where is my order?' });
    const answer = buffer.recordTurn(sessionId, { role: 'assistant', content: 'It ships tomorrow.' });
    buffer.feedback(answer, 'dislike', { userId: 'u-batch' });
    buffer.endSession(sessionId);
    expect(await buffer.shutdown()).toEqual({ queued: 0, delivered: 6, rejected: 0 });
    expect(rejected).toEqual([]);
    const reader = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.analyst });
    expect(await reader.session(sessionId)).toMatchObject({ userId: 'u-batch', endedReason: 'user', messageCount: 2 });
    const day = { start_date: todayUtc(), end_date: todayUtc() };
    expect((await reader.reporting.chatsFeedback(day)).reporting[0].dates[0].feedbacks.dislikes_count).toBe(1);
  });

  it('iterates every flagged turn across pages, filtered by category', async () => {
    const chatlens = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.admin });
    for (let i = 0; i < 5; i++) await chatlens.recordTurn(`flag-${i}`, { role: 'user', content: `rude ${i} [[PROFANITY:low]]` });
    await chatlens.recordTurn('flag-bias', { role: 'assistant', content: 'biased [[GENDER_BIAS:low]]' });
    const pages: number[] = [];
    const seen: FlaggedTurn[] = [];
    const counting = new ChatlensClient({
      baseUrl: ctx.url,
      apiKey: t.analyst,
      fetch: (input, init) => {
        pages.push(1);
        return fetch(input, init);
      },
    });
    for await (const f of counting.iterateFlaggedTurns({ category: 'toxicity', days: 1, limit: 2 })) seen.push(f);
    expect(seen.map((f) => f.sessionId).sort()).toEqual(['flag-0', 'flag-1', 'flag-2', 'flag-3', 'flag-4']);
    expect(seen.every((f) => f.category === 'toxicity' && f.subtype === 'PROFANITY')).toBe(true);
    expect(pages).toHaveLength(3);
  });

  it('refuses to start without a usable server URL', () => {
    expect(() => new ChatlensClient({ baseUrl: 'localhost:8080', apiKey: 'k' })).toThrow(/baseUrl must start with http:\/\/ or https:\/\//);
  });
});
