import { describe, expect, it } from 'vitest';
import { HANDOFF_MESSAGE } from '../src/modules/ingest/ingest.pipeline.js';
import { ago, batchMessage, client, newTenant, sentAgo, sentDay, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe.each(DIALECTS)('ingestion on $name', (dialect) => {
  const ctx = useTestServer(dialect);

  const msg = (id: string, sessionId: string, role: string, content: string, when: number | string = 1, extra: object = {}) => batchMessage(sessionId, id, when, content, { role, ...extra });

  it('stores a batch and answers per event in the order received', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const res = await api.post('/api/ingest', {
      events: [
        { id: 'c1', type: 'connection', timestamp: ago(10), userId: 'alice', email: 'alice@example.com' },
        { id: 's1', type: 'session.started', timestamp: ago(9), sessionId: 'S1', userId: 'alice' },
        msg('m1', 'S1', 'user', 'What plans do you have?', 8),
        msg('m2', 'S1', 'assistant', 'We have three plans.', 7, { model: 'gpt-x', documents: [{ id: 7, filename: 'plans.pdf', title: 'Plans' }], tools: [{ name: 'search' }] }),
        { id: 'f1', type: 'feedback', timestamp: ago(6), messageId: 'm2', kind: 'like', userId: 'alice' },
        { id: 'x1', type: 'session.ended', timestamp: ago(5), sessionId: 'S1', reason: 'user' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual(['c1', 's1', 'e-m1', 'e-m2', 'f1', 'x1'].map((id) => ({ id, status: 'accepted' })));

    const transcript = await client(ctx.url, t.analyst).get('/api/sessions/S1');
    expect(transcript.status).toBe(200);
    expect(transcript.body.messages.map((m: { id: string }) => m.id)).toEqual(['m1', 'm2']);
    expect(transcript.body.messages[1]).toMatchObject({
      role: 'assistant',
      model: 'gpt-x',
      documents: [{ id: 7, filename: 'plans.pdf', title: 'Plans' }],
      tools: [{ name: 'search' }],
      feedback: [{ kind: 'like', userId: 'alice' }],
    });
    expect(transcript.body).toMatchObject({ endedReason: 'user', messageCount: 2, userId: 'alice', source: 'live' });
  });

  it('treats a re-sent event id as a duplicate and never stores it twice', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const events = [msg('d1', 'D', 'user', 'hello', sentAgo(3)), msg('d2', 'D', 'assistant', 'hi there', sentAgo(2))];
    await api.post('/api/ingest', { events });
    const again = await api.post('/api/ingest', { events });
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);
    const s = await client(ctx.url, t.analyst).get('/api/sessions/D');
    expect(s.body.messageCount).toBe(2);
    const report = await client(ctx.url, t.analyst).get(`/api/v2/reporting/chat-sessions/?start_date=${sentDay()}`);
    expect(report.body.reporting[0].dates.find((d: { date: string }) => d.date === sentDay()).chats.user_queries_count).toBe(1);
  });

  it('rejects a bad event with its reason and keeps the good ones', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const res = await api.post('/api/ingest', {
      events: [
        msg('g1', 'G', 'user', 'fine', 3),
        { id: 'bad-role', type: 'message', timestamp: ago(2), sessionId: 'G', messageId: 'b1', role: 'robot', content: 'x' },
        { id: 'bad-time', type: 'message', timestamp: 'yesterday', sessionId: 'G', messageId: 'b2', role: 'user', content: 'x' },
        { id: 'bad-type', type: 'teleport' },
        { id: 'orphan', type: 'feedback', timestamp: ago(1), messageId: 'nope', kind: 'like' },
        msg('g2', 'G', 'assistant', 'also fine', 1),
      ],
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.results.map((r: { id: string }) => [r.id, r]));
    expect(byId['e-g1'].status).toBe('accepted');
    expect(byId['e-g2'].status).toBe('accepted');
    expect(byId['bad-role']).toMatchObject({ status: 'rejected', error: expect.stringContaining('role') });
    expect(byId['bad-time']).toMatchObject({ status: 'rejected', error: expect.stringContaining('timestamp') });
    expect(byId['bad-type']).toMatchObject({ status: 'rejected', error: expect.stringContaining('type') });
    expect(byId.orphan).toMatchObject({ status: 'rejected', error: expect.stringContaining('nope') });
    // A rejected event is not remembered: fixed and re-sent, it is accepted.
    const fixed = await api.post('/api/ingest', { events: [{ id: 'bad-role', type: 'message', timestamp: ago(1), sessionId: 'G', messageId: 'b1', role: 'user', content: 'x' }] });
    expect(fixed.body.results[0].status).toBe('accepted');
    expect((await client(ctx.url, t.analyst).get('/api/sessions/G')).body.messageCount).toBe(3);
  });

  it('stores each session a request starts in its final state, and none whose every event was refused', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    await api.post('/api/ingest', { events: [msg('taken', 'OLD', 'user', 'first', 6)] });
    const res = await api.post('/api/ingest', {
      events: [
        { id: 'n-start', type: 'session.started', timestamp: ago(5), sessionId: 'NEW', userId: 'bob' },
        msg('n1', 'NEW', 'user', 'a question', 4),
        msg('n2', 'NEW', 'assistant', 'an answer', 3),
        { id: 'n-end', type: 'session.ended', timestamp: ago(2), sessionId: 'NEW', reason: 'user' },
        // A new session whose one message is refused (its id is stored already) is not started.
        msg('taken', 'GHOST', 'user', 'again', 3, { id: 'ghost-event' }),
        // Nor is a session that is only ended.
        { id: 'x-end', type: 'session.ended', timestamp: ago(2), sessionId: 'NEVER', reason: 'user' },
      ],
    });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'rejected', 'rejected']);
    const analyst = client(ctx.url, t.analyst);
    const started = await analyst.get('/api/sessions/NEW');
    expect(started.body).toMatchObject({ userId: 'bob', messageCount: 2, endedReason: 'user' });
    expect((await analyst.get('/api/sessions/GHOST')).status).toBe(404);
    expect((await analyst.get('/api/sessions/NEVER')).status).toBe(404);
    const monitor = await analyst.get(`/api/monitor/sessions?since=${encodeURIComponent(ago(60))}`);
    expect(monitor.body.sessions.map((s: { id: string }) => s.id).sort()).toEqual(['NEW', 'OLD']);
    expect(monitor.body.sessions.find((s: { id: string }) => s.id === 'NEW')).toMatchObject({ lastMessage: 'an answer', messageCount: 2 });
    // The refused event is not remembered: sent again with a fresh message id, it starts its session.
    const again = await api.post('/api/ingest', { events: [msg('fresh', 'GHOST', 'user', 'again', 1, { id: 'ghost-event' })] });
    expect(again.body.results[0].status).toBe('accepted');
    expect((await analyst.get('/api/sessions/GHOST')).body).toMatchObject({ messageCount: 1 });
  });

  it('answers 400 for a malformed body as a whole', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const notJson = await api.post('/api/ingest', '{"events": [', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('BAD_REQUEST');
    const noEvents = await api.post('/api/ingest', { nothing: true });
    expect(noEvents.status).toBe(400);
    expect(noEvents.body.error.message).toContain('events');
    const tooMany = await api.post('/api/ingest', { events: Array.from({ length: 1001 }, (_, i) => ({ id: `x${i}` })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toMatch(/events must be an array of at most 1000 items/);
  });

  it('analyses a live turn inline and ends the session on a violation with a handoff message', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const ok = await api.post('/api/sessions/L1/messages', { messageId: 'l1', role: 'user', content: 'Hello there', userId: 'bob' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ findings: [], session: { id: 'L1', endedAt: null, endedReason: null, messageCount: 1 } });

    const low = await api.post('/api/sessions/L1/messages', { messageId: 'l2', role: 'assistant', content: 'Sure [[OVERCONFIDENCE:medium]]' });
    expect(low.body.findings).toHaveLength(1);
    expect(low.body.findings[0]).toMatchObject({ category: 'hallucination', subtype: 'OVERCONFIDENCE', severity: 'medium' });
    expect(low.body.findings[0].spans[0]).toEqual({ start: 5, end: 30, text: '[[OVERCONFIDENCE:medium]]', where: 'turn' });
    expect(low.body.session.endedReason).toBeNull();

    const bad = await api.post('/api/sessions/L1/messages', { messageId: 'l3', role: 'user', content: 'you [[HOSTILE_LANGUAGE:high]]' });
    expect(bad.status).toBe(201);
    expect(bad.body.session).toMatchObject({ endedReason: 'violation', messageCount: 4 });
    expect(bad.body.session.endedAt).not.toBeNull();

    const monitor = await client(ctx.url, t.analyst).get('/api/monitor/sessions');
    const s = monitor.body.sessions.find((x: { id: string }) => x.id === 'L1');
    expect(s).toMatchObject({ endedReason: 'violation', messageCount: 4, lastMessage: HANDOFF_MESSAGE });

    const transcript = await client(ctx.url, t.analyst).get('/api/sessions/L1');
    const last = transcript.body.messages.at(-1);
    expect(last).toMatchObject({ role: 'system', content: HANDOFF_MESSAGE, analyzed: false });
    // The handoff is not a model response in the reporting counts.
    const report = await client(ctx.url, t.analyst).get(`/api/v2/reporting/chat-sessions/?start_date=${ago(0).slice(0, 10)}`);
    expect(report.body.reporting[0].dates.at(-1).chats).toMatchObject({ user_queries_count: 2, model_responses_count: 1 });

    // A further turn on the ended session is refused, and re-sending an old one is idempotent.
    expect((await api.post('/api/sessions/L1/messages', { messageId: 'l4', role: 'user', content: 'hello?' })).status).toBe(409);
    const resent = await api.post('/api/sessions/L1/messages', { messageId: 'l3', role: 'user', content: 'you [[HOSTILE_LANGUAGE:high]]' });
    expect(resent.status).toBe(200);
    expect(resent.body.findings).toHaveLength(1);
  });

  it('a stored session takes its end user from the first later turn that names one, and keeps its start', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const analyst = client(ctx.url, t.analyst);
    const send = (messageId: string, role: string, content: string, userId?: string) => api.post('/api/sessions/U1/messages', { messageId, role, content, ...(userId ? { userId } : {}) });
    expect((await send('u1', 'user', 'Hello, is anyone there?')).status).toBe(201);
    const started = (await analyst.get('/api/sessions/U1')).body;
    expect(started).toMatchObject({ userId: null, messageCount: 1 });
    expect((await send('u2', 'assistant', 'Yes, how can I help?')).status).toBe(201);
    expect((await send('u3', 'user', 'What are your opening hours?', 'carol')).status).toBe(201);
    // A later turn naming another user does not take the session from the first it named.
    expect((await send('u4', 'user', 'And on Sundays?', 'dave')).status).toBe(201);
    const after = (await analyst.get('/api/sessions/U1')).body;
    expect(after).toMatchObject({ userId: 'carol', messageCount: 4, createdAt: started.createdAt, source: 'live' });
    // The monitor finds it by that user (chat_sessions_user), and not by the other.
    const byUser = async (userId: string) => (await analyst.get(`/api/monitor/sessions?userId=${userId}`)).body.sessions.map((s: { id: string }) => s.id);
    expect(await byUser('carol')).toEqual(['U1']);
    expect(await byUser('dave')).toEqual([]);
  });

  it('respects the company policy threshold', async () => {
    const t = await newTenant(ctx.db);
    const admin = client(ctx.url, t.admin);
    const policy = (await admin.get('/api/policy')).body;
    expect(policy).toMatchObject({ preset: 'standard', endSessionAt: 'high' });
    const put = await admin.put('/api/policy', { ...policy, endSessionAt: 'critical' });
    expect(put.status).toBe(200);
    const res = await client(ctx.url, t.ingest).post('/api/sessions/P1/messages', { messageId: 'p1', role: 'user', content: '[[PROFANITY:high]]' });
    expect(res.body.session.endedReason).toBeNull();
    const crit = await client(ctx.url, t.ingest).post('/api/sessions/P1/messages', { messageId: 'p2', role: 'user', content: '[[PROFANITY:critical]]' });
    expect(crit.body.session.endedReason).toBe('violation');
  });

  it('applies a policy change from the very next live turn, though the turns before it were analysed under the old one', async () => {
    const t = await newTenant(ctx.db);
    const admin = client(ctx.url, t.admin);
    const api = client(ctx.url, t.ingest);
    const policy = (await admin.get('/api/policy')).body;
    const turn = (session: string) => api.post(`/api/sessions/${session}/messages`, { messageId: `${session}-1`, role: 'user', content: '[[PROFANITY:high]]' });
    // Busy traffic under the default policy (high ends a session)…
    const before = await Promise.all(['A1', 'A2', 'A3', 'A4'].map(turn));
    expect(before.map((r) => r.body.session.endedReason)).toEqual(['violation', 'violation', 'violation', 'violation']);
    // …then only critical ends one: the next turn is analysed under it,
    expect((await admin.put('/api/policy', { ...policy, endSessionAt: 'critical' })).status).toBe(200);
    expect((await turn('B1')).body.session.endedReason).toBeNull();
    // and so is the turn after the change back.
    expect((await admin.put('/api/policy', { ...policy, endSessionAt: 'high' })).status).toBe(200);
    expect((await turn('C1')).body.session.endedReason).toBe('violation');
  });

  it('validates the live turn body with a message naming the field', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const noRole = await api.post('/api/sessions/V/messages', { messageId: 'v1', content: 'x' });
    expect(noRole.status).toBe(400);
    expect(noRole.body.error.message).toBe('role is required');
    const badRole = await api.post('/api/sessions/V/messages', { messageId: 'v1', role: 'bot', content: 'x' });
    expect(badRole.body.error.message).toMatch(/^role must be one of user, assistant, system, tool/);
  });

  it('refuses the NUL character, which PostgreSQL text cannot hold, with a 400 or a rejection naming the field', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.ingest);
    const res = await api.post('/api/ingest', { events: [msg('n1', 'N', 'user', 'bad \u0000 byte'), msg('n2', 'N\u0000', 'user', 'fine'), msg('n3', 'N', 'user', 'fine')] });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: 'e-n1', status: 'rejected', error: 'content must not contain the NUL character (\\u0000)' },
      { id: 'e-n2', status: 'rejected', error: 'sessionId must not contain the NUL character (\\u0000)' },
      { id: 'e-n3', status: 'accepted' },
    ]);
    const live = await api.post('/api/sessions/N%00/messages', { messageId: 'x', role: 'user', content: 'hi' });
    expect(live.status).toBe(400);
    expect((await client(ctx.url, t.analyst).get('/api/sessions/%00')).status).toBe(400);
  });
});
