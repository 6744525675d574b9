/**
 * Erasure and retention through the real app on each dialect. The reports and trends after an
 * erasure are checked against a twin company that never received the erased traffic: the two
 * must answer the same, and `rollups verify` must find nothing to correct.
 */
import { describe, expect, it } from 'vitest';
import { verifyRollups } from '../src/modules/rollups/verify.js';
import { DIALECTS } from './helpers/db.js';
import { type Tenant, client, newTenant, useTestServer } from './helpers/app.js';

const DAY = 86_400_000;
const at = (daysAgo: number, minute = 0) => {
  const d = new Date(Date.now() - daysAgo * DAY);
  d.setUTCHours(10, minute, 0, 0);
  return d.toISOString();
};
const dayAgo = (n: number) => at(n).slice(0, 10);

/** A user's conversation: a session with a user turn, a flagged assistant turn using a document and a tool, feedback, a connection. */
function conversation(user: string, session: string, daysAgo: number, flagged = true) {
  return [
    { id: `${session}-c`, type: 'connection', timestamp: at(daysAgo, 0), userId: user, email: `${user}@example.com` },
    { id: `${session}-s`, type: 'session.started', timestamp: at(daysAgo, 1), sessionId: session, userId: user },
    { id: `${session}-1`, type: 'message', timestamp: at(daysAgo, 2), sessionId: session, messageId: `${session}-m1`, role: 'user', content: `question from ${user}` },
    {
      id: `${session}-2`,
      type: 'message',
      timestamp: at(daysAgo, 3),
      sessionId: session,
      messageId: `${session}-m2`,
      role: 'assistant',
      content: flagged ? 'surely so [[OVERCONFIDENCE:medium]] [[PROFANITY:low]]' : 'an answer',
      model: 'gpt-4o',
      documents: [{ id: 7, filename: 'plans.pdf', title: 'Plans' }],
      tools: [{ name: 'search' }],
    },
    { id: `${session}-f`, type: 'feedback', timestamp: at(daysAgo, 4), messageId: `${session}-m2`, kind: 'like', userId: user },
  ];
}

async function everything(url: string, key: string) {
  const c = client(url, key);
  const w = `start_date=${dayAgo(45)}&end_date=${dayAgo(0)}`;
  const out: Record<string, unknown> = {};
  for (const r of ['chat-sessions', 'chats-feedback', 'tools', 'used-documents', 'user-activities', 'users']) {
    const res = await c.get(`/api/v2/reporting/${r}/?${w}`);
    expect(res.status, r).toBe(200);
    const { company: _company, ...rest } = res.body.reporting[0];
    out[r] = rest;
  }
  const trends = await c.get('/api/trends?days=45');
  expect(trends.status).toBe(200);
  out.trends = trends.body;
  return out;
}

describe.each(DIALECTS)('erasure and retention on $name', (dialect) => {
  let clockMs = Date.now();
  const ctx = useTestServer(dialect, { clock: () => new Date(clockMs), uploads: { workers: 0 } });

  async function send(t: Tenant, events: object[]) {
    const r = await client(ctx.url, t.ingest).post('/api/ingest', { events });
    expect(r.status).toBe(200);
    expect(r.body.results.filter((x: any) => x.status !== 'accepted')).toEqual([]);
  }

  const shared = [...conversation('u2', 'b1', 3), ...conversation('u2', 'b2', 1, false), ...conversation('u3', 'c1', 1)];

  it('erasing an end user removes every raw row of theirs; reports and trends equal a company that never had them', async () => {
    const a = await newTenant(ctx.db);
    const twin = await newTenant(ctx.db);
    // u1 has two sessions, a turn in u3's session, feedback on u2's message and two connections.
    const theirs = [
      ...conversation('u1', 'a1', 3),
      ...conversation('u1', 'a2', 1),
      { id: 'a3-m', type: 'message', timestamp: at(1, 30), sessionId: 'c1', messageId: 'c1-u1', role: 'user', content: 'u1 joins in', userId: 'u1' },
      { id: 'a-fb', type: 'feedback', timestamp: at(1, 40), messageId: 'b1-m2', kind: 'dislike', userId: 'u1' },
    ];
    await send(a, [...shared, ...theirs]);
    await send(twin, shared);
    expect(await everything(ctx.url, a.admin)).not.toEqual(await everything(ctx.url, twin.admin));

    const admin = client(ctx.url, a.admin);
    const erased = await admin.delete('/api/users/u1');
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toEqual({ sessions: 2, messages: 5, findings: 4, feedback: 3, connections: 2 });

    expect(await everything(ctx.url, a.admin)).toEqual(await everything(ctx.url, twin.admin));
    expect(await verifyRollups(ctx.db, [a.companyId, twin.companyId])).toEqual([]);
    const db = ctx.db;
    const c = a.companyId;
    expect(await db.selectFrom('chat_sessions').select('id').where('company_id', '=', c).where('user_id', '=', 'u1').execute()).toEqual([]);
    expect(await db.selectFrom('messages').select('id').where('company_id', '=', c).where('user_id', '=', 'u1').execute()).toEqual([]);
    expect(await db.selectFrom('messages').select('id').where('company_id', '=', c).where('session_id', 'in', ['a1', 'a2']).execute()).toEqual([]);
    expect(await db.selectFrom('findings').select('id').where('company_id', '=', c).where('session_id', 'in', ['a1', 'a2']).execute()).toEqual([]);
    expect(await db.selectFrom('feedback').select('id').where('company_id', '=', c).where('user_id', '=', 'u1').execute()).toEqual([]);
    expect(await db.selectFrom('connections').select('id').where('company_id', '=', c).where('user_id', '=', 'u1').execute()).toEqual([]);
    expect(await db.selectFrom('end_users').select('user_id').where('company_id', '=', c).where('user_id', '=', 'u1').execute()).toEqual([]);
    expect(await db.selectFrom('daily_users').select('day').where('company_id', '=', c).where('user_id', '=', 'u1').execute()).toEqual([]);
    const keys = await db.selectFrom('ingested_events').select('event_id').where('company_id', '=', c).where('scope', '=', 'live').execute();
    expect(keys.filter((k) => k.event_id.startsWith('a1:') || k.event_id.startsWith('a2:'))).toEqual([]);
    // u3's session no longer previews u1's turn as its last message.
    const c1 = await db.selectFrom('chat_sessions').select('last_message').where('company_id', '=', c).where('id', '=', 'c1').executeTakeFirstOrThrow();
    expect(c1.last_message).not.toContain('u1 joins in');
    // Other users' rows are untouched.
    expect((await db.selectFrom('messages').select('id').where('company_id', '=', c).where('session_id', '=', 'c1').execute()).length).toBe(2);

    const log = await admin.get('/api/audit-log');
    expect(log.status).toBe(200);
    expect(log.body.entries[0]).toMatchObject({ action: 'erase.user', target: 'u1', counts: erased.body.erased, id: erased.body.auditId });
    expect(log.body.entries[0].actor).toMatch(/^api key \d+/);
    expect(Date.parse(log.body.entries[0].at)).not.toBeNaN();

    // Asking again finds nothing: 404, and no second audit entry.
    const again = await admin.delete('/api/users/u1');
    expect(again.status).toBe(404);
    expect(again.body.error.message).toContain('u1');
    expect((await admin.get('/api/audit-log')).body.entries).toHaveLength(1);
  });

  it('erasing one session removes it with its messages, findings and feedback; reports match a company without it', async () => {
    const a = await newTenant(ctx.db);
    const twin = await newTenant(ctx.db);
    await send(a, [...shared, ...conversation('u2', 'x1', 2)].filter((e: any) => e.id !== 'x1-c'));
    await send(twin, shared);
    // As if x1 had come through the proxy: its conversation's opening maps to it.
    await ctx.db.insertInto('proxy_threads').values({ company_id: a.companyId, thread_key: 'opening-of-x1', session_id: 'x1', created_at: new Date().toISOString() }).execute();
    const admin = client(ctx.url, a.admin);
    const r = await admin.delete('/api/sessions/x1');
    expect(r.status).toBe(200);
    expect(r.body.erased).toEqual({ sessions: 1, messages: 2, findings: 2, feedback: 1, connections: 0 });
    expect(await everything(ctx.url, a.admin)).toEqual(await everything(ctx.url, twin.admin));
    expect(await verifyRollups(ctx.db, [a.companyId])).toEqual([]);
    expect((await client(ctx.url, a.analyst).get('/api/sessions/x1')).status).toBe(404);
    expect(await ctx.db.selectFrom('proxy_threads').select('thread_key').where('company_id', '=', a.companyId).execute()).toEqual([]);
    expect((await admin.delete('/api/sessions/x1')).status).toBe(404);
    expect((await admin.get('/api/audit-log')).body.entries[0]).toMatchObject({ action: 'erase.session', target: 'x1' });
  });

  it('retention deletes expired sessions in bounded steps and keeps the daily rollups of the days it purged', async () => {
    const a = await newTenant(ctx.db);
    const admin = client(ctx.url, a.admin);
    expect((await admin.get('/api/retention')).body).toEqual({ days: null, rawKeptFrom: null });
    // 260 old sessions (more than one step), a recent one, and a like given today on an old message.
    const old: object[] = [];
    for (let i = 0; i < 260; i++) {
      old.push({ id: `o${i}`, type: 'message', timestamp: at(40, i % 50), sessionId: `old${i}`, messageId: `old${i}-m`, role: 'assistant', content: i % 4 === 0 ? 'x [[PROFANITY:low]]' : 'fine', userId: `ou${i % 7}` });
    }
    await send(a, old);
    await send(a, [...conversation('u9', 'new1', 2), { id: 'late-like', type: 'feedback', timestamp: new Date().toISOString(), messageId: 'old1-m', kind: 'like' }]);
    const before = await everything(ctx.url, a.admin);

    const set = await admin.put('/api/retention', { days: 30 });
    expect(set.status).toBe(200);
    expect(set.body.days).toBe(30);
    await ctx.server.app.uploadJobs.idle();

    const db = ctx.db;
    const left = await db.selectFrom('chat_sessions').select('id').where('company_id', '=', a.companyId).execute();
    expect(left.map((s) => s.id)).toEqual(['new1']);
    expect(await db.selectFrom('messages').select('id').where('company_id', '=', a.companyId).where('session_id', 'like', 'old%').execute()).toEqual([]);
    expect(await db.selectFrom('findings').select('id').where('company_id', '=', a.companyId).where('session_id', 'like', 'old%').execute()).toEqual([]);
    expect(await db.selectFrom('feedback').select('id').where('company_id', '=', a.companyId).where('id', '=', 'late-like').execute()).toEqual([]);

    const after = (await everything(ctx.url, a.admin)) as any;
    const b = before as any;
    // The purged days keep their counts; today loses the like given on a purged message.
    expect(after.trends.dailyData.find((d: any) => d.date === dayAgo(40))).toEqual(b.trends.dailyData.find((d: any) => d.date === dayAgo(40)));
    expect(after['chat-sessions'].dates.find((d: any) => d.date === dayAgo(40))).toEqual(b['chat-sessions'].dates.find((d: any) => d.date === dayAgo(40)));
    const likes = (r: any) => r['chats-feedback'].dates.find((d: any) => d.date === dayAgo(0));
    expect(JSON.stringify(likes(after))).not.toEqual(JSON.stringify(likes(b)));
    const retention = (await admin.get('/api/retention')).body;
    expect(retention).toEqual({ days: 30, rawKeptFrom: dayAgo(30) });
    expect(await verifyRollups(db, [a.companyId])).toEqual([]);

    const log = (await admin.get('/api/audit-log')).body.entries;
    expect(log.map((e: any) => e.action)).toEqual(['retention.purged', 'retention.changed']);
    expect(log[0]).toMatchObject({ actor: 'retention', counts: { sessions: 260, messages: 260, feedback: 1 } });
    expect(log[1].counts).toEqual({ from: null, to: 30 });

    // A later run finds nothing more; moving the clock 5 days on expires the recent session too.
    clockMs += 29 * DAY;
    ctx.server.app.uploadJobs.kickQueue('retention');
    await ctx.server.app.uploadJobs.idle();
    expect(await db.selectFrom('chat_sessions').select('id').where('company_id', '=', a.companyId).execute()).toEqual([]);
    expect(await verifyRollups(db, [a.companyId])).toEqual([]);
    clockMs -= 29 * DAY;
  });

  it('retention also expires the records of refused uploads', async () => {
    const a = await newTenant(ctx.db);
    const admin = client(ctx.url, a.admin);
    const form = new FormData();
    form.append('file', new Blob(['not a transcript at all']), 'diary.txt');
    const refused = await fetch(`${ctx.url}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${a.admin}` }, body: form });
    expect(refused.status).toBe(415);
    const listed = async () => (await admin.get('/api/uploads/refusals')).body.refusals.map((r: { filename: string }) => r.filename);
    expect(await listed()).toEqual(['diary.txt']);
    expect((await admin.put('/api/retention', { days: 30 })).status).toBe(200);
    await ctx.server.app.uploadJobs.idle();
    expect(await listed()).toEqual(['diary.txt']);
    clockMs += 31 * DAY;
    try {
      ctx.server.app.uploadJobs.kickQueue('retention');
      await ctx.server.app.uploadJobs.idle();
      expect(await listed()).toEqual([]);
    } finally {
      clockMs -= 31 * DAY;
    }
  });

  it('refuses bad retention values and bad audit-log pages with 400; pages the audit log by cursor', async () => {
    const a = await newTenant(ctx.db);
    const admin = client(ctx.url, a.admin);
    for (const days of [5, 6, 7]) expect((await admin.put('/api/retention', { days })).status).toBe(200);
    const first = await admin.get('/api/audit-log?limit=2');
    expect(first.body.entries.map((e: any) => e.counts.to)).toEqual([7, 6]);
    const second = await admin.get(`/api/audit-log?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.entries.map((e: any) => e.counts.to)).toEqual([5]);
    expect(second.body.nextCursor).toBe(null);
    const bad = await admin.get('/api/audit-log?cursor=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('cursor');
    expect((await admin.get('/api/audit-log?limit=0')).status).toBe(400);
    for (const days of [0, -1, 1.5, 'x']) {
      const r = await client(ctx.url, a.admin).put('/api/retention', { days });
      expect(r.status, String(days)).toBe(400);
      expect(r.body.error.message).toContain('days');
    }
  });

  it('tenant isolation: another company’s keys erase and read nothing; analysts and ingest keys are refused', async () => {
    const a = await newTenant(ctx.db);
    const other = await newTenant(ctx.db);
    await send(a, conversation('u1', 's1', 1));
    await client(ctx.url, a.admin).put('/api/retention', { days: 400 });
    const them = client(ctx.url, other.admin);
    expect((await them.delete('/api/users/u1')).status).toBe(404);
    expect((await them.delete('/api/sessions/s1')).status).toBe(404);
    expect((await them.get('/api/audit-log')).body.entries).toEqual([]);
    expect((await them.get('/api/retention')).body.days).toBe(null);
    expect((await them.delete(`/api/users/u1?company_id=${a.companyId}`)).status).toBe(403);
    for (const key of [a.analyst, a.ingest]) {
      const c = client(ctx.url, key);
      expect((await c.delete('/api/users/u1')).status).toBe(403);
      expect((await c.delete('/api/sessions/s1')).status).toBe(403);
      expect((await c.get('/api/audit-log')).status).toBe(403);
      expect((await c.put('/api/retention', { days: 1 })).status).toBe(403);
    }
    expect((await ctx.db.selectFrom('messages').select('id').where('company_id', '=', a.companyId).execute()).length).toBe(2);
  });
});
