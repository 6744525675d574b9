import { describe, expect, it } from 'vitest';
import { builtinEngine } from '../src/analysis/engine.js';
import { seedDemo } from '../src/demo/seed.js';
import type { DB } from '../src/db/database.js';
import type { Kysely } from 'kysely';
import { DIALECTS } from './helpers/db.js';

const sqlite = DIALECTS[0];

/** Every finding of a company's messages, in a stable order, without its row id. */
async function findings(db: Kysely<DB>, companyId: number) {
  return db
    .selectFrom('findings')
    .select(['message_id', 'session_id', 'day', 'category', 'subtype', 'score', 'severity', 'spans', 'explanation', 'detector'])
    .where('company_id', '=', companyId)
    .orderBy('message_id')
    .orderBy('subtype')
    .orderBy('score')
    .execute();
}

async function endings(db: Kysely<DB>, companyId: number) {
  return db.selectFrom('chat_sessions').select(['id', 'ended_reason', 'message_count']).where('company_id', '=', companyId).orderBy('id').execute();
}

describe('demo load', () => {
  it('analyses each distinct turn once and stores the findings analysing every turn gives', async () => {
    const now = new Date('2026-11-20T15:00:00Z');
    const memo = await sqlite.open();
    const every = await sqlite.open();
    try {
      const a = await seedDemo(memo.db, builtinEngine, { companies: 2, days: 12, now });
      const b = await seedDemo(every.db, builtinEngine, { companies: 2, days: 12, now, memo: false });
      expect(a.events).toBe(b.events);
      for (const [i, c] of a.companies.entries()) {
        const found = await findings(memo.db, c.id);
        expect(found.length).toBeGreaterThan(20);
        expect(found).toEqual(await findings(every.db, b.companies[i].id));
        const sessions = await endings(memo.db, c.id);
        expect(sessions.some((s) => s.ended_reason === 'violation')).toBe(true);
        expect(sessions).toEqual(await endings(every.db, b.companies[i].id));
      }
    } finally {
      await memo.destroy();
      await every.destroy();
    }
  }, 120_000);
});
