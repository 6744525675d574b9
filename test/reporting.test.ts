import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/modules/auth/auth.service.js';
import { type Tenant, client, newTenant, todayUtc, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

const ENDPOINTS = ['chat-sessions', 'chats-feedback', 'tools', 'used-documents', 'user-activities', 'users'];

describe.each(DIALECTS)('GET /api/v2/reporting/* on $name', (dialect) => {
  const ctx = useTestServer(dialect);
  let t: Tenant;
  const day = (n: number) => todayUtc(-n);
  const at = (n: number, hh = '10:00:00', ms = '000') => `${day(n)}T${hh}.${ms}Z`;
  /** How the reporting API writes a time: UTC to the second, like Paradigm's examples. */
  const reported = (n: number, hh: string) => `${day(n)}T${hh}Z`;

  beforeAll(async () => {
    t = await newTenant(ctx.db);
    const docs = [
      { id: 11, filename: 'handbook.pdf', title: 'Employee Handbook', content: 'Twenty-five days of vacation.' },
      { id: 12, filename: 'travel.pdf', title: 'Travel Policy' },
    ];
    const events = [
      { id: 'c1', type: 'connection', timestamp: at(2, '08:00:00'), userId: 'u1', email: 'u1@acme.test' },
      { id: 'c2', type: 'connection', timestamp: at(2, '09:30:00', '750'), userId: 'u1', email: 'u1@acme.test' },
      { id: 's1', type: 'session.started', timestamp: at(2), sessionId: 'A', userId: 'u1' },
      { id: 'm1', type: 'message', timestamp: at(2, '10:01:00'), sessionId: 'A', messageId: 'a1', role: 'user', content: 'How many vacation days?' },
      { id: 'm2', type: 'message', timestamp: at(2, '10:02:00'), sessionId: 'A', messageId: 'a2', role: 'assistant', content: '25 days.', model: 'gpt-4o', documents: docs, tools: [{ name: 'document_search' }] },
      { id: 'm3', type: 'message', timestamp: at(2, '10:03:00'), sessionId: 'A', messageId: 'a3', role: 'user', content: 'Thanks' },
      { id: 'm4', type: 'message', timestamp: at(2, '10:04:00', '999'), sessionId: 'A', messageId: 'a4', role: 'assistant', content: 'You are welcome.', model: 'mistral' },
      { id: 'f1', type: 'feedback', timestamp: at(2, '10:05:00'), messageId: 'a2', kind: 'like' },
      { id: 'f2', type: 'feedback', timestamp: at(2, '10:06:00'), messageId: 'a2', kind: 'copy' },
      { id: 'f3', type: 'feedback', timestamp: at(0, '10:06:00'), messageId: 'a4', kind: 'dislike' },
      { id: 'm5', type: 'message', timestamp: at(0), sessionId: 'B', messageId: 'b1', role: 'user', content: 'Travel limit?', userId: 'u2' },
      { id: 'm6', type: 'message', timestamp: at(0, '10:00:30'), sessionId: 'B', messageId: 'b2', role: 'assistant', content: '150 per night.', model: 'gpt-4o', documents: [docs[1]], tools: [{ name: 'document_search' }, { name: 'web_search' }] },
    ];
    const res = await client(ctx.url, t.ingest).post('/api/ingest', { events });
    expect(res.body.results.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
  });

  const get = (path: string, key = t.analyst) => client(ctx.url, key).get(path);

  it('chat-sessions: the seed tutorial fields per day, zero-filled', async () => {
    const res = await get(`/api/v2/reporting/chat-sessions/?company_id=${t.companyId}&start_date=${day(3)}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.metadata).sort()).toEqual(
      ['average_session_length', 'last_model_response_date', 'model_responses_count', 'model_responses_with_docs_count', 'sessions_count', 'unique_models_count', 'user_queries_count'].sort(),
    );
    for (const m of Object.values(res.body.metadata)) expect(m).toEqual({ description: expect.any(String), unit: expect.any(String) });
    expect(res.body.metadata.average_session_length.unit).toBe('messages');
    // Paradigm's order, and its agent-mode legend: Chatlens has no agent mode, so no per-day agent numbers.
    expect(Object.keys(res.body)).toEqual(['metadata', 'reporting', 'metadata_agent']);
    expect(Object.keys(res.body.metadata_agent)).toEqual([
      'threads_count',
      'unique_models_count',
      'average_thread_length',
      'user_queries_count',
      'model_responses_with_docs_count',
      'model_responses_count',
      'last_model_response_date',
    ]);
    for (const m of Object.values(res.body.metadata_agent)) expect(m).toEqual({ description: expect.stringMatching(/not reported/), unit: expect.any(String) });
    expect(res.body.reporting).toHaveLength(1);
    expect(res.body.reporting[0].company).toEqual({ name: t.name, id: t.companyId });
    const dates = res.body.reporting[0].dates;
    expect(dates.map((d: { date: string }) => d.date)).toEqual([day(3), day(2), day(1), day(0)]);
    expect(dates[0]).toEqual({
      date: day(3),
      sessions: { sessions_count: 0, unique_models_count: 0, average_session_length: 0 },
      chats: { user_queries_count: 0, model_responses_with_docs_count: 0, model_responses_count: 0, last_model_response_date: null },
    });
    expect(dates[1]).toEqual({
      date: day(2),
      sessions: { sessions_count: 1, unique_models_count: 2, average_session_length: 4 },
      chats: { user_queries_count: 2, model_responses_with_docs_count: 1, model_responses_count: 2, last_model_response_date: reported(2, '10:04:00') },
    });
    expect(dates[3].sessions).toEqual({ sessions_count: 1, unique_models_count: 1, average_session_length: 2 });
  });

  it('chats-feedback: likes, dislikes and copies on the day they were given', async () => {
    const res = await get(`/api/v2/reporting/chats-feedback?start_date=${day(2)}&end_date=${day(0)}`);
    expect(Object.keys(res.body.metadata).sort()).toEqual(['copies_count', 'dislikes_count', 'likes_count', 'model_responses_count']);
    expect(res.body.reporting[0].dates).toEqual([
      { date: day(2), model_responses_count: 2, feedbacks: { likes_count: 1, dislikes_count: 0, copies_count: 1 } },
      { date: day(1), model_responses_count: 0, feedbacks: { likes_count: 0, dislikes_count: 0, copies_count: 0 } },
      { date: day(0), model_responses_count: 1, feedbacks: { likes_count: 0, dislikes_count: 1, copies_count: 0 } },
    ]);
  });

  it('tools and used-documents: per-day usage lists', async () => {
    const tools = await get(`/api/v2/reporting/tools/?start_date=${day(2)}`);
    expect(tools.body.metadata).toHaveProperty('usage_count');
    expect(tools.body.reporting[0].dates[0]).toEqual({ date: day(2), tools: [{ tool_name: 'document_search', usage_count: 1 }] });
    expect(tools.body.reporting[0].dates[1]).toEqual({ date: day(1), tools: [] });
    expect(tools.body.reporting[0].dates[2].tools).toEqual([
      { tool_name: 'document_search', usage_count: 1 },
      { tool_name: 'web_search', usage_count: 1 },
    ]);
    const docs = await get(`/api/v2/reporting/used-documents/?start_date=${day(2)}`);
    expect(docs.body.reporting[0].dates[0].documents).toEqual([
      { document_filename: 'handbook.pdf', document_title: 'Employee Handbook', document_id: 11, usage_count: 1 },
      { document_filename: 'travel.pdf', document_title: 'Travel Policy', document_id: 12, usage_count: 1 },
    ]);
    expect(docs.body.reporting[0].dates[2].documents).toEqual([
      { document_filename: 'travel.pdf', document_title: 'Travel Policy', document_id: 12, usage_count: 1 },
    ]);
  });

  it('user-activities and users: active users, latest connections, members', async () => {
    const act = await get(`/api/v2/reporting/user-activities/?start_date=${day(2)}`);
    // Sent pre-serialised (its answer is the API's largest): still JSON, in Paradigm's key order.
    expect(act.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(act.body)).toEqual(['metadata', 'reporting']);
    expect(act.body.reporting[0].dates[0]).toEqual({
      date: day(2),
      active_users_count: 1,
      users: [{ user_id: 'u1', email: 'u1@acme.test', last_connection_date: reported(2, '09:30:00'), user_queries_count: 2 }],
    });
    expect(act.body.reporting[0].dates[1]).toEqual({ date: day(1), active_users_count: 0, users: [] });
    expect(act.body.reporting[0].dates[2].users).toEqual([{ user_id: 'u2', email: null, last_connection_date: null, user_queries_count: 1 }]);

    const users = await get(`/api/v2/reporting/users/?start_date=${day(1)}`);
    expect(Object.keys(users.body)).toEqual(['reporting', 'metadata']);
    expect(users.body.reporting).toEqual([{ company: { id: t.companyId, name: t.name }, total_historical_members: 2, current_active_members: 1 }]);
    const earlier = await get(`/api/v2/reporting/users?start_date=${day(5)}&end_date=${day(2)}`);
    expect(earlier.body.reporting[0]).toMatchObject({ total_historical_members: 1, current_active_members: 1 });
  });

  it('accepts every path with and without the trailing slash and tolerates Content-Type on GET', async () => {
    for (const e of ENDPOINTS) {
      for (const path of [`/api/v2/reporting/${e}/`, `/api/v2/reporting/${e}`]) {
        const res = await client(ctx.url, t.admin).get(`${path}?start_date=${day(1)}&unknown_filter=1`, { 'content-type': 'application/json' });
        expect(res.status, path).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      }
    }
  });

  it('answers 400 naming the parameter for bad dates', async () => {
    const cases: [string, RegExp][] = [
      ['', /start_date is required/],
      ['start_date=2025-13-01', /start_date must be a date in YYYY-MM-DD format/],
      ['start_date=01/02/2025', /start_date must be a date in YYYY-MM-DD format/],
      [`start_date=${day(0)}&end_date=${day(3)}`, /end_date must be on or after start_date/],
      ['start_date=2025-01-01&end_date=tomorrow', /end_date must be a date/],
      ['start_date=2025-01-01&company_id=abc', /company_id must be an integer/],
    ];
    for (const e of ENDPOINTS) {
      for (const [q, re] of cases) {
        const res = await get(`/api/v2/reporting/${e}/?${q}`);
        expect(res.status, `${e}?${q}`).toBe(400);
        expect(res.body.error.message).toMatch(re);
      }
    }
  });

  it('scopes company keys to their company and gives a platform admin every company', async () => {
    const other = await newTenant(ctx.db);
    const foreign = await get(`/api/v2/reporting/chat-sessions/?start_date=${day(1)}&company_id=${other.companyId}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('FORBIDDEN');
    const { key } = await createApiKey(ctx.db, { companyId: null, role: 'admin' });
    const all = await get(`/api/v2/reporting/chat-sessions/?start_date=${day(2)}`, key);
    const ids = all.body.reporting.map((r: { company: { id: number } }) => r.company.id);
    expect(ids).toContain(t.companyId);
    expect(ids).toContain(other.companyId);
    const one = await get(`/api/v2/reporting/chat-sessions/?start_date=${day(2)}&company_id=${t.companyId}`, key);
    expect(one.body.reporting).toHaveLength(1);
    expect(one.body.reporting[0].dates[0].chats.user_queries_count).toBe(2);
    const missing = await get(`/api/v2/reporting/chat-sessions/?start_date=${day(2)}&company_id=999999`, key);
    expect(missing.status).toBe(404);
  });

  it('user-activities and used-documents page through each day: counts cover everyone, lists are busiest first', async () => {
    const p = await newTenant(ctx.db);
    // Seven users on one day with 1 to 7 queries each; four documents used 1 to 4 times.
    const events = [];
    for (let u = 1; u <= 7; u++) {
      for (let q = 0; q < u; q++) events.push({ id: `q${u}-${q}`, type: 'message', timestamp: at(1, `1${q}:00:00`), sessionId: `S${u}`, messageId: `S${u}-${q}`, role: 'user', content: 'hi', userId: `user${u}` });
    }
    for (let d = 1; d <= 4; d++) {
      for (let k = 0; k < d; k++) events.push({ id: `d${d}-${k}`, type: 'message', timestamp: at(1, '12:00:00'), sessionId: 'D', messageId: `D${d}-${k}`, role: 'assistant', content: 'see doc', documents: [{ id: d, filename: `doc${d}.pdf` }] });
    }
    expect((await client(ctx.url, p.ingest).post('/api/ingest', { events })).status).toBe(200);
    const api = client(ctx.url, p.analyst);
    const users = async (query: string) => (await api.get(`/api/v2/reporting/user-activities/?start_date=${day(1)}&end_date=${day(1)}&${query}`)).body.reporting[0].dates[0];
    const pages = [await users('limit=3'), await users('limit=3&offset=3'), await users('limit=3&offset=6')];
    for (const page of pages) expect(page.active_users_count).toBe(7);
    expect(pages.map((pg) => pg.users.map((u: { user_id: string }) => u.user_id))).toEqual([['user7', 'user6', 'user5'], ['user4', 'user3', 'user2'], ['user1']]);
    expect((await users('')).users).toHaveLength(7); // 100 per day by default
    const docs = (await api.get(`/api/v2/reporting/used-documents/?start_date=${day(1)}&end_date=${day(1)}&limit=2&offset=1`)).body.reporting[0].dates[0].documents;
    expect(docs.map((d: { document_id: number; usage_count: number }) => [d.document_id, d.usage_count])).toEqual([[3, 3], [2, 2]]);
    expect((await api.get(`/api/v2/reporting/user-activities/?start_date=${day(1)}&limit=0`)).status).toBe(400);
  });

  it('users: members active in a past window are counted, also when they were active again later', async () => {
    const m = await newTenant(ctx.db);
    const msg = (id: string, user: string, n: number) => ({ id, type: 'message', timestamp: at(n), sessionId: `M-${id}`, messageId: id, role: 'user', content: 'hello', userId: user });
    // ann: day 5 only; bob: days 5 and 1; cy: day 1 only; dee: day 7 only.
    const events = [msg('a5', 'ann', 5), msg('b5', 'bob', 5), msg('b1', 'bob', 1), msg('c1', 'cy', 1), msg('d7', 'dee', 7)];
    expect((await client(ctx.url, m.ingest).post('/api/ingest', { events })).status).toBe(200);
    const members = async (start: number, end: number) => (await client(ctx.url, m.analyst).get(`/api/v2/reporting/users/?start_date=${day(start)}&end_date=${day(end)}`)).body.reporting[0];
    expect(await members(6, 4)).toMatchObject({ total_historical_members: 3, current_active_members: 2 }); // ann, bob
    expect(await members(4, 2)).toMatchObject({ total_historical_members: 3, current_active_members: 0 });
    expect(await members(2, 0)).toMatchObject({ total_historical_members: 4, current_active_members: 2 }); // bob, cy
    expect(await members(8, 0)).toMatchObject({ total_historical_members: 4, current_active_members: 4 });
  });

  it('user-activities never answers a day as it was before a late turn, an e-mail change, an erasure or a write from outside', async () => {
    const a = await newTenant(ctx.db);
    const msg = (id: string, user: string, n: number, hh = '10:00:00') => ({ id, type: 'message', timestamp: at(n, hh), sessionId: `S-${user}-${n}`, messageId: id, role: 'user', content: 'hello', userId: user });
    const conn = (id: string, user: string, n: number, email: string) => ({ id, type: 'connection', timestamp: at(n, '08:00:00'), userId: user, email });
    const window = `start_date=${day(4)}&end_date=${day(0)}`;
    const pages = ['', 'limit=2', 'limit=2&offset=2'];
    const read = async (t: Tenant) => {
      const out = [];
      for (const page of pages) {
        const res = await client(ctx.url, t.analyst).get(`/api/v2/reporting/user-activities/?${window}&${page}`);
        expect(res.status).toBe(200);
        out.push(res.body.reporting[0].dates);
      }
      return out;
    };
    /** What a company that received `events` in one go answers, read for the first time. */
    const fresh = async (events: object[]) => {
      const twin = await newTenant(ctx.db);
      expect((await client(ctx.url, twin.ingest).post('/api/ingest', { events })).status).toBe(200);
      return read(twin);
    };
    const sent: object[] = [];
    const send = async (events: object[]) => {
      expect((await client(ctx.url, a.ingest).post('/api/ingest', { events })).status).toBe(200);
      sent.push(...events);
    };

    await send([conn('c1', 'u1', 3, 'u1@old.test'), msg('m1', 'u1', 3), msg('m2', 'u1', 3, '11:00:00'), msg('m3', 'u2', 3), conn('c2', 'u2', 2, 'u2@acme.test'), msg('m4', 'u2', 2), msg('m5', 'u3', 1)]);
    const first = await read(a);
    expect(first).toEqual(await fresh(sent));
    expect(first[0][1]).toEqual({
      date: day(3),
      active_users_count: 2,
      users: [
        { user_id: 'u1', email: 'u1@old.test', last_connection_date: reported(3, '08:00:00'), user_queries_count: 2 },
        { user_id: 'u2', email: 'u2@acme.test', last_connection_date: null, user_queries_count: 1 },
      ],
    });
    expect(await read(a)).toEqual(first);

    // Turns backfilled into days already read: a new user, and one who becomes the busiest.
    await send([msg('m6', 'u4', 3), msg('m7', 'u2', 3, '12:00:00'), msg('m8', 'u2', 3, '13:00:00'), msg('m9', 'u4', 2)]);
    const late = await read(a);
    expect(late).toEqual(await fresh(sent));
    expect(late[0][1].active_users_count).toBe(3);
    expect(late[0][1].users.map((u: { user_id: string }) => u.user_id)).toEqual(['u2', 'u1', 'u4']);
    expect(late[2][1].users.map((u: { user_id: string }) => u.user_id)).toEqual(['u4']);

    // A new e-mail, sent today, shows on every earlier day the user was listed.
    await send([conn('c3', 'u1', 0, 'u1@new.test')]);
    const changed = await read(a);
    expect(changed).toEqual(await fresh(sent));
    expect(changed[0][1].users.find((u: { user_id: string }) => u.user_id === 'u1').email).toBe('u1@new.test');

    // Erasure takes the user out of every day and count.
    expect((await client(ctx.url, a.admin).delete('/api/users/u2')).status).toBe(200);
    const erased = await read(a);
    expect(erased).toEqual(await fresh(sent.filter((e) => (e as { userId?: string }).userId !== 'u2')));
    expect(erased[0][1]).toMatchObject({ active_users_count: 2 });
    expect(erased[0][2]).toMatchObject({ date: day(2), active_users_count: 1 });

    // Writes that bypass the app (another process, psql) are seen too.
    await ctx.db.updateTable('end_users').set({ email: 'u4@by-hand.test' }).where('company_id', '=', a.companyId).where('user_id', '=', 'u4').execute();
    await ctx.db.deleteFrom('daily_users').where('company_id', '=', a.companyId).where('day', '=', day(1)).where('user_id', '=', 'u3').execute();
    const byHand = await read(a);
    expect(byHand[0][1].users.find((u: { user_id: string }) => u.user_id === 'u4').email).toBe('u4@by-hand.test');
    expect(byHand[0][3]).toEqual({ date: day(1), active_users_count: 0, users: [] });
  });
});
