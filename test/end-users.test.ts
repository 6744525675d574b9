/** The user page's API (issue 14): one end user's counts and daily activity; their sessions and findings by filter. Both databases. */
import { describe, expect, it } from 'vitest';
import { batchMessage, client, newTenant, sentAgo, sentDay, todayUtc, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe.each(DIALECTS)('GET /api/users/:userId on $name', (dialect) => {
  const ctx = useTestServer(dialect);

  const msg = (sessionId: string, messageId: string, daysAgo: number, content: string, userId = 'u1') => batchMessage(sessionId, messageId, sentAgo(daysAgo * 1440 + 1), content, { userId });

  async function company() {
    const t = await newTenant(ctx.db);
    const res = await client(ctx.url, t.ingest).post('/api/ingest', {
      events: [
        { id: 'c1', type: 'connection', timestamp: sentAgo(3 * 1440), userId: 'u1', email: 'u1@example.com' },
        { id: 's1', type: 'session.started', timestamp: sentAgo(2 * 1440 + 5), sessionId: 'old', userId: 'u1' },
        msg('old', 'o1', 2, 'hello'),
        msg('old', 'o2', 2, 'you idiot [[HOSTILE_LANGUAGE:medium]]'),
        { id: 's2', type: 'session.started', timestamp: sentAgo(10), sessionId: 'new', userId: 'u1' },
        { ...msg('new', 'n1', 0, 'men are better drivers [[GENDER_BIAS:medium]]'), timestamp: sentAgo(5) },
        { id: 's3', type: 'session.started', timestamp: sentAgo(10), sessionId: 'other', userId: 'u2' },
        { ...msg('other', 'x1', 0, 'damn [[PROFANITY:low]]', 'u2'), timestamp: sentAgo(4) },
      ],
    });
    expect(res.status).toBe(200);
    return { t, api: client(ctx.url, t.analyst) };
  }

  it('answers the user’s counts and activity per day; their sessions and findings come through the filters', async () => {
    const { api } = await company();
    const res = await api.get('/api/users/u1?days=7');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: 'u1', email: 'u1@example.com', sessionCount: 2, findingCount: 2, categories: { hallucination: 0, bias: 1, toxicity: 1 } });
    expect(res.body.activity).toHaveLength(7);
    expect(res.body.activity.at(-1).date).toBe(todayUtc());
    expect(res.body.activity.find((d: { date: string }) => d.date === sentDay())).toEqual({ date: sentDay(), queries: 1, findings: 1 });
    expect(res.body.activity.find((d: { date: string }) => d.date === sentDay(-2))).toEqual({ date: sentDay(-2), queries: 2, findings: 1 });
    const sessions = await api.get('/api/search/sessions?userId=u1');
    expect(sessions.body.sessions.map((s: { id: string }) => s.id)).toEqual(['new', 'old']);
    const findings = await api.get('/api/findings?userId=u1');
    expect(findings.body.findings.map((f: { subtype: string }) => f.subtype)).toEqual(['GENDER_BIAS', 'HOSTILE_LANGUAGE']);
    // A dismissed finding leaves the user's counts too.
    const id = findings.body.findings[0].id;
    await api.put(`/api/findings/${id}/review`, { status: 'dismissed' });
    expect((await api.get('/api/users/u1')).body).toMatchObject({ findingCount: 1, categories: { bias: 0, toxicity: 1 } });
  });

  it('404 for a user never seen, and for another company’s user', async () => {
    const a = await company();
    const b = await newTenant(ctx.db);
    expect((await a.api.get('/api/users/nobody')).status).toBe(404);
    const other = await client(ctx.url, b.analyst).get('/api/users/u1');
    expect(other.status).toBe(404);
    expect(other.body.error.message).toBe('end user u1 has no sessions or activity');
    expect((await client(ctx.url, b.analyst).get('/api/findings?userId=u1')).body.findings).toEqual([]);
    expect((await client(ctx.url).get('/api/users/u1')).status).toBe(401);
    expect((await client(ctx.url, b.ingest).get('/api/users/u1')).status).toBe(403);
    expect((await a.api.get('/api/users/u1?days=366')).status).toBe(400);
  });
});
