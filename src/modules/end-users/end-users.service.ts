/** `GET /api/users/:userId`: one end user's sessions, findings and activity over time, for the dashboard's user page. */
import type { Kysely } from 'kysely';
import type { Category } from '../../analysis/types.js';
import type { DB } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { addDays, dayOf, daysInRange } from '../../lib/time.js';
import type { EndUser } from './end-users.js';
import * as repo from './end-users.repository.js';

export async function getEndUser(db: Kysely<DB>, companyId: number, userId: string, days: number, now: Date = new Date()): Promise<EndUser> {
  const to = dayOf(now);
  const from = addDays(to, -(days - 1));
  const [user, sessionCount, findings, queries] = await Promise.all([
    repo.findEndUser(db, companyId, userId),
    repo.countSessions(db, companyId, userId),
    repo.findingsByDay(db, companyId, userId),
    repo.queriesByDay(db, companyId, userId, from, to),
  ]);
  if (!user && sessionCount === 0) throw notFound(`end user ${userId} has no sessions or activity`);
  const categories: Record<Category, number> = { hallucination: 0, bias: 0, toxicity: 0 };
  const findingsOn = new Map<string, number>();
  for (const f of findings) {
    categories[f.category as Category] += Number(f.n);
    findingsOn.set(f.day, (findingsOn.get(f.day) ?? 0) + Number(f.n));
  }
  const queriesOn = new Map(queries.map((q) => [q.day, Number(q.user_queries)]));
  return {
    userId,
    email: user?.email ?? null,
    firstSeenAt: user?.first_seen_at ?? null,
    lastSeenAt: user?.last_seen_at ?? null,
    sessionCount,
    findingCount: categories.hallucination + categories.bias + categories.toxicity,
    categories,
    activity: daysInRange(from, to).map((date) => ({ date, queries: queriesOn.get(date) ?? 0, findings: findingsOn.get(date) ?? 0 })),
  };
}
