import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/helpers/app.js';
import { DIALECTS, POSTGRES_EXPECTED } from '../../../test/helpers/db.js';
import { builtinEngine } from '../../analysis/engine.js';
import { createApiKey } from '../auth/auth.service.js';
import { createCompany } from '../companies/companies.service.js';

const ABUSE = 'You are a fucking idiot, shut up';

it('runs on PostgreSQL when CI asks for it', () => {
  expect(DIALECTS.some((d) => d.name === 'postgres')).toBe(POSTGRES_EXPECTED);
});

for (const dialect of DIALECTS) {
  describe(`GET /api/findings (${dialect.name})`, () => {
    const ctx = useTestServer(dialect, { engine: builtinEngine });

    async function company(name: string) {
      const c = await createCompany(ctx.db, `${name} ${Math.random().toString(36).slice(2, 8)}`);
      const { key } = await createApiKey(ctx.db, { companyId: c.id, role: 'admin', name: 'test' });
      const read = await createApiKey(ctx.db, { companyId: c.id, role: 'analyst', name: 'read' });
      const ingest = await createApiKey(ctx.db, { companyId: c.id, role: 'ingest', name: 'ingest' });
      return { id: c.id, key, readKey: read.key, ingestKey: ingest.key };
    }

    async function send(key: string, session: string, messageId: string, content: string, timestamp: string) {
      const res = await ctx.server.app.inject({
        method: 'POST',
        url: `/api/sessions/${session}/messages`,
        headers: { authorization: `Bearer ${key}` },
        payload: { messageId, role: 'user', content, timestamp, userId: 'u1' },
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json() as { findings: { id: number; subtype: string }[] };
    }

    const get = (key: string, query: string) => ctx.server.app.inject({ method: 'GET', url: `/api/findings${query}`, headers: { authorization: `Bearer ${key}` } });

    it('lists flagged turns newest first with their excerpt, and pages through the cursor', async () => {
      const c = await company('Findings');
      const base = Date.now() - 3_600_000;
      for (let i = 0; i < 3; i++) await send(c.ingestKey, `s-${i}`, `m-${i}`, ABUSE, new Date(base + i * 60_000).toISOString());
      await send(c.ingestKey, 's-clean', 'm-clean', 'What are your opening hours?', new Date(base + 10 * 60_000).toISOString());

      const all = await get(c.readKey, '?limit=100');
      expect(all.statusCode).toBe(200);
      const body = all.json() as { findings: { id: number; sessionId: string; messageId: string; createdAt: string; category: string; subtype: string; excerpt: string }[]; nextCursor: string | null };
      expect(body.nextCursor).toBeNull();
      expect(body.findings.length).toBeGreaterThanOrEqual(3);
      expect(new Set(body.findings.map((f) => f.messageId))).toEqual(new Set(['m-0', 'm-1', 'm-2']));
      expect(body.findings.every((f) => f.category === 'toxicity')).toBe(true);
      expect(body.findings[0].messageId).toBe('m-2');
      expect(body.findings[0].createdAt).toBe(new Date(base + 2 * 60_000).toISOString());
      for (const f of body.findings as unknown as { excerpt: string; before: string; after: string }[]) {
        expect(ABUSE.toLowerCase()).toContain(f.excerpt.toLowerCase());
        expect(f.before + f.excerpt + f.after).toBe(ABUSE);
      }
      const times = body.findings.map((f) => f.createdAt);
      expect([...times].sort().reverse()).toEqual(times);

      // Page by page through the cursor gives the same list, in the same order.
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(c.readKey, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        const page = res.json() as { findings: { id: number }[]; nextCursor: string | null };
        expect(page.findings.length).toBeLessThanOrEqual(2);
        seen.push(...page.findings.map((f) => f.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(body.findings.map((f) => f.id));

      // Filters by subtype and by category.
      const subtype = body.findings[0].subtype;
      const bySubtype = (await get(c.readKey, `?subtype=${subtype}&limit=100`)).json() as { findings: { subtype: string }[] };
      expect(bySubtype.findings.length).toBe(body.findings.filter((f) => f.subtype === subtype).length);
      expect((await get(c.readKey, '?category=bias')).json()).toEqual({ findings: [], nextCursor: null });
    });

    it('orders by message time across days and pages over day boundaries (sent out of order)', async () => {
      const c = await company('Findings days');
      const midnight = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
      const at = (ms: number) => new Date(ms).toISOString();
      // Either side of two midnights (ids say days ago and UTC time), sent so that ids do not follow time.
      const turns = [
        { id: 'ago2-235959', at: at(midnight - 86_400_000 - 1_000) },
        { id: 'ago2-000001', at: at(midnight - 2 * 86_400_000 + 1_000) },
        { id: 'ago1-000001', at: at(midnight - 86_400_000 + 1_000) },
        { id: 'ago2-000002', at: at(midnight - 2 * 86_400_000 + 2_000) },
        { id: 'ago3-235959', at: at(midnight - 2 * 86_400_000 - 1_000) },
      ];
      for (const t of turns) await send(c.ingestKey, `s-${t.id}`, t.id, ABUSE, t.at);
      const newestFirst = [...turns].sort((a, b) => b.at.localeCompare(a.at)).map((t) => t.id);

      const all = (await get(c.readKey, '?limit=100')).json() as { findings: { id: number; messageId: string }[] };
      const messages = all.findings.map((f) => f.messageId).filter((m, i, xs) => m !== xs[i - 1]);
      expect(messages).toEqual(newestFirst);

      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page = (await get(c.readKey, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json() as { findings: { id: number }[]; nextCursor: string | null };
        seen.push(...page.findings.map((f) => f.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.findings.map((f) => f.id));
    });

    it('keeps to the window of days', async () => {
      const c = await company('Window');
      await send(c.ingestKey, 'old', 'm-old', ABUSE, new Date(Date.now() - 10 * 86_400_000).toISOString());
      await send(c.ingestKey, 'new', 'm-new', ABUSE, new Date(Date.now() - 60_000).toISOString());
      const week = (await get(c.readKey, '?days=7&limit=100')).json() as { findings: { messageId: string }[] };
      expect(new Set(week.findings.map((f) => f.messageId))).toEqual(new Set(['m-new']));
      const month = (await get(c.readKey, '?days=30&limit=100')).json() as { findings: { messageId: string }[] };
      expect(new Set(month.findings.map((f) => f.messageId))).toEqual(new Set(['m-new', 'm-old']));
    });

    it('rejects bad parameters with a message naming them', async () => {
      const c = await company('Errors');
      for (const q of ['?days=0', '?days=366', '?limit=101', '?subtype=NOPE', '?category=nope', '?cursor=abc']) {
        const res = await get(c.readKey, q);
        expect(res.statusCode, q).toBe(400);
        expect(res.json().error.code).toBe('BAD_REQUEST');
      }
      const mismatch = await get(c.readKey, '?category=bias&subtype=PROFANITY');
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.json().error.message).toContain('PROFANITY');
    });

    it('is scoped to the caller’s company and needs the read role', async () => {
      const a = await company('Tenant A');
      const b = await company('Tenant B');
      await send(a.ingestKey, 'sa', 'm-a', ABUSE, new Date(Date.now() - 60_000).toISOString());
      const fromB = (await get(b.readKey, '?limit=100')).json() as { findings: unknown[] };
      expect(fromB.findings).toEqual([]);
      expect((await get(b.readKey, `?company_id=${a.id}`)).statusCode).toBe(403);
      expect((await get(a.ingestKey, '')).statusCode).toBe(403);
      expect((await ctx.server.app.inject({ method: 'GET', url: '/api/findings' })).statusCode).toBe(401);
    });
  });
}
