import { beforeAll, describe, expect, it } from 'vitest';
import { builtinEngine } from '../src/analysis/engine.js';
import { seedDemo } from '../src/demo/seed.js';
import { verifyRollups } from '../src/modules/rollups/verify.js';
import { getTrends } from '../src/modules/trends/trends.service.js';
import { useTestDatabase } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe.each(DIALECTS)('demo load and rollups on $name', (dialect) => {
  const ctx = useTestDatabase(dialect);
  let companies: { id: number }[];
  beforeAll(async () => {
    companies = (await seedDemo(ctx.db, builtinEngine, { companies: 2, days: 14 })).companies;
  }, 120_000);

  it('rollups recomputed from raw rows agree with the stored ones', async () => {
    expect(await verifyRollups(ctx.db, companies.map((c) => c.id))).toEqual([]);
  });

  it('detects a rollup that drifted from the raw rows', async () => {
    const id = companies[1].id;
    const row = await ctx.db.selectFrom('daily_rollups').select(['day', 'user_queries']).where('company_id', '=', id).orderBy('day').executeTakeFirstOrThrow();
    await ctx.db.updateTable('daily_rollups').set({ user_queries: Number(row.user_queries) + 1 }).where('company_id', '=', id).where('day', '=', row.day).execute();
    const diffs = await verifyRollups(ctx.db, [id]);
    expect(diffs).toEqual([{ companyId: id, key: `daily_rollups|${row.day}|user_queries`, stored: String(Number(row.user_queries) + 1), recomputed: String(row.user_queries) }]);
    await ctx.db.updateTable('daily_rollups').set({ user_queries: Number(row.user_queries) }).where('company_id', '=', id).where('day', '=', row.day).execute();
  });

  it("counts each day's active users, and detects a count that drifted from them", async () => {
    const id = companies[1].id;
    const row = await ctx.db.selectFrom('daily_user_counts').select(['day', 'active_users']).where('company_id', '=', id).orderBy('day').executeTakeFirstOrThrow();
    const users = await ctx.db.selectFrom('daily_users').select('user_id').where('company_id', '=', id).where('day', '=', row.day).execute();
    expect(Number(row.active_users)).toBe(users.length);
    await ctx.db.updateTable('daily_user_counts').set({ active_users: users.length + 1 }).where('company_id', '=', id).where('day', '=', row.day).execute();
    expect(await verifyRollups(ctx.db, [id])).toEqual([{ companyId: id, key: `daily_user_counts|${row.day}|active_users`, stored: String(users.length + 1), recomputed: String(users.length) }]);
    await ctx.db.updateTable('daily_user_counts').set({ active_users: users.length }).where('company_id', '=', id).where('day', '=', row.day).execute();
  });

  it('produces realistic traffic: findings from the real engine and sessions ended for violations', async () => {
    const id = companies[0].id;
    const trends = await getTrends(ctx.db, id, 14);
    expect(trends.totals.issues).toBeGreaterThan(0);
    expect(trends.dailyData.filter((d) => d.totalIssues > 0).length).toBeGreaterThan(2);
    const ended = await ctx.db
      .selectFrom('chat_sessions')
      .select(['id'])
      .where('company_id', '=', id)
      .where('ended_reason', '=', 'violation')
      .execute();
    expect(ended.length).toBeGreaterThan(0);
    const active = await ctx.db.selectFrom('chat_sessions').select('id').where('company_id', '=', id).where('ended_at', 'is', null).execute();
    expect(active.length).toBeGreaterThan(0);
  });
});
