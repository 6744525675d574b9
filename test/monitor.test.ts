import { describe, expect, it } from 'vitest';
import { ago, batchMessage, client, newTenant, startTestServer, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe.each(DIALECTS)('GET /api/monitor/sessions on $name', (dialect) => {
  const ctx = useTestServer(dialect);

  const turn = (sessionId: string, messageId: string, minutesAgo: number, content = `message ${messageId}`) => batchMessage(sessionId, messageId, minutesAgo, content);

  it('has every field of the seed example with its type', async () => {
    const t = await newTenant(ctx.db);
    await client(ctx.url, t.ingest).post('/api/ingest', {
      events: [turn('a', 'a1', 5, 'We offer several data plans starting from...'), { id: 'end', type: 'session.ended', timestamp: ago(4), sessionId: 'a', reason: 'user' }],
    });
    const res = await client(ctx.url, t.analyst).get('/api/monitor/sessions');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['nextCursor', 'sessions']);
    const s = res.body.sessions[0];
    // The seed's seven fields, then what issue 14 added (fields may be added, never removed or changed).
    const seed = ['createdAt', 'endedAt', 'endedReason', 'id', 'lastActivityAt', 'lastMessage', 'messageCount'];
    expect(Object.keys(s).sort()).toEqual([...seed, 'categories', 'findingCount', 'severity', 'source', 'status', 'userId'].sort());
    expect(s).toMatchObject({ id: 'a', messageCount: 1, lastMessage: 'We offer several data plans starting from...', endedReason: 'user' });
    expect(s).toMatchObject({ userId: null, findingCount: 0, severity: null, categories: [], status: 'user', source: 'live' });
    for (const k of ['createdAt', 'lastActivityAt', 'endedAt']) expect(s[k]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(res.body.nextCursor).toBeNull();
  });

  it('orders by newest activity, honours since, and truncates lastMessage to 120 characters', async () => {
    const t = await newTenant(ctx.db);
    const long = 'x'.repeat(300);
    await client(ctx.url, t.ingest).post('/api/ingest', {
      events: [turn('old', 'o1', 45), turn('mid', 'm1', 20), turn('new', 'n1', 2, long)],
    });
    const api = client(ctx.url, t.analyst);
    const res = await api.get('/api/monitor/sessions');
    expect(res.body.sessions.map((s: { id: string }) => s.id)).toEqual(['new', 'mid']);
    expect(res.body.sessions[0].lastMessage).toHaveLength(120);
    expect(res.body.sessions[0].lastMessage.endsWith('…')).toBe(true);
    const wider = await api.get(`/api/monitor/sessions?since=${encodeURIComponent(ago(60))}`);
    expect(wider.body.sessions.map((s: { id: string }) => s.id)).toEqual(['new', 'mid', 'old']);
  });

  it('pages with the cursor without skipping or repeating while new traffic arrives', async () => {
    const t = await newTenant(ctx.db);
    const ingest = client(ctx.url, t.ingest);
    const ids = Array.from({ length: 25 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    // Two sessions share a timestamp so the id tie-break is exercised.
    const at = Date.now();
    await ingest.post('/api/ingest', {
      events: ids.map((id, i) => ({ ...turn(id, `${id}-1`, 0), timestamp: new Date(at - 60_000 * (1 + Math.floor(i / 2))).toISOString() })),
    });
    const api = client(ctx.url, t.analyst);
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const res: { body: { sessions: { id: string }[]; nextCursor: string | null } } = await api.get(
        `/api/monitor/sessions?limit=7&since=${encodeURIComponent(ago(60))}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.sessions.map((s) => s.id));
      if (res.body.nextCursor) expect(res.body.nextCursor).toBe(res.body.sessions.at(-1)!.id);
      cursor = res.body.nextCursor;
      page++;
      // New traffic between pages: a brand-new session, and new activity on the cursor's own session.
      await ingest.post('/api/ingest', { events: [turn(`fresh${page}`, `fresh${page}-1`, 0)] });
      if (cursor) await ingest.post('/api/ingest', { events: [turn(cursor, `${cursor}-again-${page}`, 0)] });
    } while (cursor);
    expect(page).toBe(4);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(ids);
  });

  it('rejects out-of-range parameters naming the parameter and range', async () => {
    const t = await newTenant(ctx.db);
    const api = client(ctx.url, t.analyst);
    for (const [q, re] of [
      ['limit=0', /^limit must be an integer from 1 to 100/],
      ['limit=101', /^limit must be an integer from 1 to 100/],
      ['limit=ten', /^limit must be an integer from 1 to 100/],
      ['since=yesterday', /^since must be an ISO 8601 date-time/],
    ] as const) {
      const res = await api.get(`/api/monitor/sessions?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
      expect(res.body.error.message).toMatch(re);
      expect(typeof res.body.error.requestId).toBe('string');
    }
  });

  it('reads pages without writing, and a cursor handed out by one server continues on another', async () => {
    const t = await newTenant(ctx.db);
    const ingest = client(ctx.url, t.ingest);
    const at = Date.now();
    await ingest.post('/api/ingest', { events: Array.from({ length: 12 }, (_, i) => ({ ...turn(`w${String(i).padStart(2, '0')}`, `w${i}-1`, 0), timestamp: new Date(at - 60_000 * (i + 1)).toISOString() })) });
    // Two servers on one database, as behind a load balancer; the first one's statements are watched.
    const kinds: string[] = [];
    const watched = { ...ctx.database, db: ctx.db.withPlugin({ transformQuery: (a) => (kinds.push(a.node.kind), a.node), transformResult: async (a) => a.result }) };
    const first = await startTestServer(watched);
    const second = await startTestServer(ctx.database);
    try {
      const q = `limit=5&since=${encodeURIComponent(ago(60))}`;
      // A first request lets the key's last-use time be written (auth does that once a minute).
      await client(first.url, t.analyst).get('/api/trends');
      kinds.length = 0;
      const page1 = (await client(first.url, t.analyst).get(`/api/monitor/sessions?${q}`)).body;
      const page2 = (await client(first.url, t.analyst).get(`/api/monitor/sessions?${q}&cursor=${page1.nextCursor}`)).body;
      expect(kinds.filter((k) => k !== 'SelectQueryNode')).toEqual([]);
      // The positions reach the database in the background, in one statement (with the pruning of
      // day-old positions, which runs at most every 10 minutes: here, the first time).
      await new Promise((r) => setTimeout(r, 2500));
      expect(kinds.filter((k) => k !== 'SelectQueryNode')).toEqual(['InsertQueryNode', 'DeleteQueryNode']);
      // page2's last session gets new activity; the second server still starts where page2 ended.
      await ingest.post('/api/ingest', { events: [turn(page2.nextCursor, `${page2.nextCursor}-again`, 0)] });
      const page3 = (await client(second.url, t.analyst).get(`/api/monitor/sessions?${q}&cursor=${page2.nextCursor}`)).body;
      const ids = [page1, page2, page3].flatMap((p: { sessions: { id: string }[] }) => p.sessions.map((s) => s.id));
      expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => `w${String(i).padStart(2, '0')}`));
    } finally {
      await first.close();
      await second.close();
    }
  });
});
