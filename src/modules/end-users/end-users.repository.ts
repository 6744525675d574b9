/** Reads about one end user: served by end_users' key, chat_sessions_user and findings_session, and daily_users_user. */
import type { Executor } from '../../db/database.js';
import { counted } from '../sessions/sessions.query.js';

export async function findEndUser(db: Executor, companyId: number, userId: string) {
  return db.selectFrom('end_users').selectAll().where('company_id', '=', companyId).where('user_id', '=', userId).executeTakeFirst();
}

export async function countSessions(db: Executor, companyId: number, userId: string): Promise<number> {
  const row = await db
    .selectFrom('chat_sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Counted findings of the user's sessions by day and category (all days, or from `fromDay`). */
export async function findingsByDay(db: Executor, companyId: number, userId: string) {
  return db
    .selectFrom('chat_sessions')
    .innerJoin('findings', (j) => j.onRef('findings.company_id', '=', 'chat_sessions.company_id').onRef('findings.session_id', '=', 'chat_sessions.id'))
    .select(['findings.day', 'findings.category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('chat_sessions.company_id', '=', companyId)
    .where('chat_sessions.user_id', '=', userId)
    .where(counted)
    .groupBy(['findings.day', 'findings.category'])
    .execute();
}

export async function queriesByDay(db: Executor, companyId: number, userId: string, fromDay: string, toDay: string) {
  return db
    .selectFrom('daily_users')
    .select(['day', 'user_queries'])
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute();
}
