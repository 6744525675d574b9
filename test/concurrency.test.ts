/**
 * Concurrent writes to the same sessions (issue 9, item 3) and unambiguous idempotency keys
 * (item 4): every request succeeds, sequence numbers stay unique and dense, counts are exact and
 * the rollups agree with the raw rows afterwards, on both databases.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { parseEvent } from '../src/chat/events.js';
import { LIVE } from '../src/modules/ingest/ingest.js';
import { storeChunk } from '../src/modules/ingest/ingest.store.js';
import { verifyRollups } from '../src/modules/rollups/verify.js';
import { ago, batchMessage, client, newTenant, sentAgo, sentDay, useTestServer } from './helpers/app.js';
import { DIALECTS, type TestDialect } from './helpers/db.js';
import { markerEngine } from './helpers/test-engine.js';

describe.each(DIALECTS)('concurrent writes on $name', (dialect) => {
  const ctx = useTestServer(dialect);

  async function transcript(key: string, sessionId: string) {
    const res = await client(ctx.url, key).get(`/api/sessions/${encodeURIComponent(sessionId)}`);
    expect(res.status).toBe(200);
    return res.body as { messageCount: number; messages: { id: string; index: number }[] };
  }

  it('20 parallel live turns to a new session all succeed, with dense unique positions', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.post('/api/sessions/P/messages', { messageId: `p${i}`, role: 'user', content: `turn ${i}`, userId: 'ann' })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const s = await transcript(t.analyst, 'P');
    expect(s.messageCount).toBe(20);
    expect(s.messages.map((m) => m.index)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(new Set(s.messages.map((m) => m.id)).size).toBe(20);
    const report = await client(ctx.url, t.analyst).get(`/api/v2/reporting/chat-sessions/?start_date=${ago(0).slice(0, 10)}`);
    expect(report.body.reporting[0].dates.at(-1)).toMatchObject({ sessions: { sessions_count: 1, average_session_length: 20 }, chats: { user_queries_count: 20 } });
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });

  it('live turns arriving together each get the answer they would get alone', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    // Before: an ended session, and a message already stored.
    expect((await api.post('/api/sessions/ended/messages', { messageId: 'e0', role: 'user', content: 'hello' })).status).toBe(201);
    await api.post('/api/ingest', { events: [{ id: 'close', type: 'session.ended', timestamp: ago(0), sessionId: 'ended', reason: 'user' }] });
    expect((await api.post('/api/sessions/again/messages', { messageId: 'a0', role: 'user', content: 'first time' })).status).toBe(201);

    const sent = [
      ...Array.from({ length: 12 }, (_, i) => ({ session: `s${i}`, body: { messageId: `m${i}`, role: 'user', content: `question ${i} about my invoice` } })),
      { session: 'ended', body: { messageId: 'e1', role: 'user', content: 'are you there?' } },
      { session: 'again', body: { messageId: 'a0', role: 'user', content: 'first time' } },
      { session: 'toxic', body: { messageId: 't1', role: 'user', content: 'Go away [[HOSTILE_LANGUAGE:critical]]' } },
      { session: 'bad', body: { messageId: '', role: 'user', content: 'no id' } },
    ];
    const answers = await Promise.all(sent.map((x) => api.post(`/api/sessions/${x.session}/messages`, x.body)));
    const statuses = Object.fromEntries(sent.map((x, i) => [x.session, answers[i].status]));
    for (let i = 0; i < 12; i++) expect(statuses[`s${i}`]).toBe(201);
    expect(statuses).toMatchObject({ ended: 409, again: 200, toxic: 201, bad: 400 });
    expect(answers[12].body.error.message).toMatch(/ended/);
    // Each answer is its own turn's: its session, its findings.
    answers.slice(0, 12).forEach((a, i) => expect(a.body).toMatchObject({ message: { id: `m${i}`, sessionId: `s${i}` }, findings: [], session: { id: `s${i}`, messageCount: 1, endedAt: null } }));
    const toxic = answers[14].body;
    expect(toxic.findings.map((f: { category: string }) => f.category)).toContain('toxicity');
    expect(toxic.session).toMatchObject({ id: 'toxic', endedReason: 'violation' });
    expect((await transcript(t.analyst, 'ended')).messageCount).toBe(1);
    expect((await transcript(t.analyst, 'again')).messageCount).toBe(1);
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });

  it('10 parallel ingest batches sharing new sessions are all stored whole', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const sessions = ['A', 'B', 'C', 'D', 'E'];
    const batch = (b: number) => ({
      events: [
        { id: `start-${b}`, type: 'session.started', timestamp: sentAgo(30), sessionId: sessions[b % 5], userId: `u${b}` },
        // Each batch visits the shared sessions in its own order.
        ...sessions.map((_, k) => {
          const sessionId = sessions[(b + k * 3) % 5];
          return { id: `e-${b}-${k}`, type: 'message', timestamp: sentAgo(20 - k), sessionId, messageId: `m-${b}-${k}`, role: k % 2 ? 'assistant' : 'user', content: `batch ${b} turn ${k}`, userId: `u${b}` };
        }),
        { id: `conn-${b}`, type: 'connection', timestamp: sentAgo(25), userId: `u${b % 3}`, email: `u${b % 3}@example.com` },
      ],
    });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, b) => api.post('/api/ingest', batch(b))));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    for (const a of answers) expect(a.body.results.map((r: { status: string }) => r.status)).toEqual(Array(7).fill('accepted'));
    for (const id of sessions) {
      const s = await transcript(t.analyst, id);
      expect(s.messageCount).toBe(10);
      expect(s.messages.map((m) => m.index)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    }
    const report = await client(ctx.url, t.analyst).get(`/api/v2/reporting/chat-sessions/?start_date=${sentDay()}`);
    expect(report.body.reporting[0].dates.find((d: { date: string }) => d.date === sentDay()).sessions).toMatchObject({ sessions_count: 5, average_session_length: 10 });
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });

  it('refuses two messages at one position of a session (unique constraint)', async () => {
    const t = await newTenant(ctx.db);
    await client(ctx.url, t.ingest).post('/api/sessions/U/messages', { messageId: 'u0', role: 'user', content: 'hello' });
    const row = {
      company_id: t.companyId,
      id: 'u0-copy',
      session_id: 'U',
      seq: 0,
      role: 'user' as const,
      content: 'same position',
      user_id: null,
      model: null,
      documents: null,
      tools: null,
      created_at: ago(0),
      analyzed: 0,
      engine_version: null,
      source: 'live',
      upload_id: null,
    };
    await expect(ctx.db.insertInto('messages').values(row).execute()).rejects.toThrow(/unique|duplicate/i);
  });
});

describe.each(DIALECTS)('idempotency keys on $name', (dialect) => {
  const ctx = useTestServer(dialect);

  it('a live turn ("S:x", "y") and a live turn ("S", "x:y") are two turns', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const first = await api.post(`/api/sessions/${encodeURIComponent('S:x')}/messages`, { messageId: 'y', role: 'user', content: 'first' });
    const second = await api.post('/api/sessions/S/messages', { messageId: 'x:y', role: 'user', content: 'second' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const read = client(ctx.url, t.analyst);
    expect((await read.get(`/api/sessions/${encodeURIComponent('S:x')}`)).body.messages.map((m: { content: string }) => m.content)).toEqual(['first']);
    expect((await read.get('/api/sessions/S')).body.messages.map((m: { content: string }) => m.content)).toEqual(['second']);
    // Re-sending either is still recognised as the same turn.
    expect((await api.post('/api/sessions/S/messages', { messageId: 'x:y', role: 'user', content: 'second' })).status).toBe(200);
  });

  it('an ingest event id never collides with the key of a live turn', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const live = await api.post('/api/sessions/K/messages', { messageId: 'k1', role: 'user', content: 'live turn' });
    expect(live.status).toBe(201);
    const res = await api.post('/api/ingest', {
      events: [{ id: 'live:K:k1', type: 'message', timestamp: ago(0), sessionId: 'K2', messageId: 'k2', role: 'user', content: 'an event whose id looks like a live key' }],
    });
    expect(res.body.results).toEqual([{ id: 'live:K:k1', status: 'accepted' }]);
    expect((await client(ctx.url, t.analyst).get('/api/sessions/K2')).body.messageCount).toBe(1);
  });
});

/**
 * A chunk that waits on another (for a session that chunk locked or created, or an event id it
 * claimed) sees what that chunk committed, as a chunk that started after it would: on
 * PostgreSQL the claim, the locks and the reads are one statement, whose snapshot is older than
 * the wait (ingest.repository.ts readAtOnce).
 */
describe.each(DIALECTS)('a chunk waiting on another on $name', (dialect: TestDialect) => {
  const ctx = useTestServer(dialect);

  /** Runs `events` in a transaction held open until `next` (another request) is waiting on it; then both finish. */
  async function whileHeld(companyId: number, events: Record<string, unknown>[], next: () => Promise<unknown>) {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let written = () => {};
    const inside = new Promise<void>((resolve) => (written = resolve));
    const items = events.map((raw) => ({ id: String(raw.id), key: String(raw.id), event: parseEvent(raw) }));
    const first = storeChunk({ db: ctx.db, engine: markerEngine }, companyId, LIVE, { scope: 'event', items }, async () => {
      written();
      await held;
    });
    await inside;
    const second = next();
    await waitingOnALock();
    release();
    await first;
    return second;
  }

  /** Until a statement of the write path waits on a row lock (PostgreSQL); SQLite runs one transaction at a time. */
  async function waitingOnALock() {
    for (let i = 0; i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (dialect.name === 'sqlite') return;
      const { rows } = await sql<{ n: number }>`select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and query like 'WITH claim AS%'`.execute(ctx.db);
      if (Number(rows[0].n) > 0) return;
    }
  }

  const feedback = (id: string, messageId: string) => ({ id, type: 'feedback', timestamp: sentAgo(0), messageId, kind: 'like' });

  it('after a session it locked: sees the messages that chunk added', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    expect((await api.post('/api/ingest', { events: [batchMessage('S', 's0', 3, 'first')] })).body.results[0].status).toBe('accepted');
    const res = (await whileHeld(t.companyId, [batchMessage('S', 's1', 2, 'second')], () =>
      api.post('/api/ingest', { events: [batchMessage('S', 's2', 1, 'third'), feedback('f1', 's1')] }),
    )) as { body: { results: { status: string }[] } };
    expect(res.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const s = (await client(ctx.url, t.analyst).get('/api/sessions/S')).body as { messages: { id: string; index: number }[] };
    expect(s.messages.map((m) => [m.id, m.index])).toEqual([['s0', 0], ['s1', 1], ['s2', 2]]);
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });

  it('after a session it created: continues that session', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const res = (await whileHeld(t.companyId, [batchMessage('N', 'n0', 2, 'first')], () =>
      api.post('/api/ingest', { events: [batchMessage('N', 'n1', 1, 'second'), feedback('f1', 'n0')] }),
    )) as { body: { results: { status: string }[] } };
    expect(res.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const s = (await client(ctx.url, t.analyst).get('/api/sessions/N')).body as { messageCount: number; messages: { id: string; index: number }[] };
    expect(s.messages.map((m) => [m.id, m.index])).toEqual([['n0', 0], ['n1', 1]]);
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });

  it('after an event id it claimed: a duplicate, whose message the other events see', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const event = batchMessage('D', 'd0', 1, 'first');
    const res = (await whileHeld(t.companyId, [event], () => api.post('/api/ingest', { events: [event, feedback('f1', 'd0')] }))) as {
      body: { results: { status: string }[] };
    };
    expect(res.body.results.map((r) => r.status)).toEqual(['duplicate', 'accepted']);
    expect(await verifyRollups(ctx.db, [t.companyId])).toEqual([]);
  });
});
