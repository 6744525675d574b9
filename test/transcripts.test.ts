/**
 * `GET /api/sessions/:id` a page at a time (issue 9 item 6): a long transcript comes back as its
 * first page with `nextCursor`, pages follow in order without gaps or repeats, each message keeps
 * its findings and feedback, and a page stops early when its text would be too large.
 */
import { describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/db.js';
import { client, newTenant, useTestServer } from './helpers/app.js';
import { ChatlensClient } from '../src/client/index.js';

interface Page {
  id: string;
  messageCount: number;
  nextCursor: string | null;
  messages: { id: string; index: number; content: string; findings: { subtype: string }[]; feedback: { kind: string }[] }[];
}

const at = (i: number) => new Date(Date.UTC(2026, 0, 5, 10, 0, 0) + i * 1000).toISOString();

for (const dialect of DIALECTS) {
  describe(`transcripts by page (${dialect.name})`, () => {
    const ctx = useTestServer(dialect);

    it('serves 250 messages as pages of 100 by default, in order, each with its findings and feedback', async () => {
      const t = await newTenant(ctx.db);
      const events: object[] = Array.from({ length: 250 }, (_, i) => ({
        id: `e${i}`,
        type: 'message',
        sessionId: 'long',
        messageId: `m${i}`,
        role: i % 2 ? 'assistant' : 'user',
        content: `turn ${i}${i % 50 === 7 ? ' [[OVERCONFIDENCE:low]]' : ''}`,
        timestamp: at(i),
      }));
      events.push({ id: 'f1', type: 'feedback', messageId: 'm151', kind: 'like', timestamp: at(300) });
      const sent = await client(ctx.url, t.ingest).post('/api/ingest', { events });
      expect(sent.body.results.every((r: { status: string }) => r.status === 'accepted')).toBe(true);

      const api = client(ctx.url, t.analyst);
      const first = (await api.get<Page>('/api/sessions/long')).body;
      // The fields clients already read are still there; `messages` is now the first page.
      expect(first).toMatchObject({ id: 'long', messageCount: 250, nextCursor: '99' });
      expect(first.messages.map((m) => m.index)).toEqual(Array.from({ length: 100 }, (_, i) => i));

      const seen: Page['messages'] = [...first.messages];
      let cursor = first.nextCursor;
      const cursors: string[] = [];
      while (cursor) {
        cursors.push(cursor);
        const page = (await api.get<Page>(`/api/sessions/long?cursor=${cursor}`)).body;
        seen.push(...page.messages);
        cursor = page.nextCursor;
      }
      expect(cursors).toEqual(['99', '199']);
      expect(seen.map((m) => m.id)).toEqual(Array.from({ length: 250 }, (_, i) => `m${i}`));
      expect(seen.filter((m) => m.findings.length).map((m) => m.id)).toEqual(['m7', 'm57', 'm107', 'm157', 'm207']);
      expect(seen.find((m) => m.id === 'm151')?.feedback.map((f) => f.kind)).toEqual(['like']);

      const whole = (await api.get<Page>('/api/sessions/long?limit=500')).body;
      expect(whole.nextCursor).toBeNull();
      expect(whole.messages.map((m) => m.id)).toEqual(seen.map((m) => m.id));
      const small = (await api.get<Page>('/api/sessions/long?limit=30&cursor=239')).body;
      expect(small.messages.map((m) => m.index)).toEqual([240, 241, 242, 243, 244, 245, 246, 247, 248, 249]);
      expect(small.nextCursor).toBeNull();

      // The SDK follows the pages for you.
      const sdk = new ChatlensClient({ baseUrl: ctx.url, apiKey: t.analyst, maxRetries: 0 });
      const ids: string[] = [];
      for await (const m of sdk.sessionMessages('long', { limit: 64 })) ids.push(m.id);
      expect(ids).toEqual(seen.map((m) => m.id));
      const full = await sdk.transcript('long');
      expect(full.messages.map((m) => m.id)).toEqual(seen.map((m) => m.id));
      expect(full.nextCursor).toBeNull();
      expect((await sdk.session('long', { limit: 10 })).nextCursor).toBe('9');
    });

    it('ends a page early when its text would pass about 2 million characters', async () => {
      const t = await newTenant(ctx.db);
      const big = (i: number) => `${String(i).padStart(3, '0')} ${'x'.repeat(190_000)}`;
      const events = Array.from({ length: 12 }, (_, i) => ({ id: `b${i}`, type: 'message', sessionId: 'heavy', messageId: `h${i}`, role: 'user', content: big(i), timestamp: at(i) }));
      expect((await client(ctx.url, t.ingest).post('/api/ingest', { events })).status).toBe(200);
      const api = client(ctx.url, t.analyst);
      const first = await api.get<Page>('/api/sessions/heavy?limit=500');
      // Ten messages of 190,004 characters fit; the eleventh would pass the budget.
      expect(first.body.messages.map((m) => m.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(first.body.nextCursor).toBe('9');
      expect(Number(first.headers.get('content-length'))).toBeLessThan(2_200_000);
      const rest = await api.get<Page>(`/api/sessions/heavy?limit=500&cursor=${first.body.nextCursor}`);
      expect(rest.body.messages.map((m) => m.content.slice(0, 3))).toEqual(['010', '011']);
      expect(rest.body.nextCursor).toBeNull();
    });

    it('refuses a bad cursor or limit with 400 naming it, and keeps tenants apart', async () => {
      const t = await newTenant(ctx.db);
      const other = await newTenant(ctx.db);
      await client(ctx.url, t.ingest).post('/api/sessions/mine/messages', { messageId: 'a', role: 'user', content: 'hello' });
      const api = client(ctx.url, t.analyst);
      for (const q of ['cursor=abc', 'cursor=-1', 'cursor=1e3', 'limit=0', 'limit=501']) {
        const r = await api.get(`/api/sessions/mine?${q}`);
        expect(r.status, q).toBe(400);
        expect(r.body.error.message, q).toMatch(q.split('=')[0]);
      }
      expect((await api.get<Page>('/api/sessions/mine?cursor=0')).body).toMatchObject({ messages: [], nextCursor: null, messageCount: 1 });
      expect((await client(ctx.url, other.analyst).get('/api/sessions/mine')).status).toBe(404);
    });
  });
}
