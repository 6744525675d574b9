/**
 * The one query behind every filtered list of sessions (the monitor, the sessions search, the
 * export): filters in, one keyset page out, on both databases. Order: newest activity first, ties
 * by id; a page after `after` seeks through chat_sessions_recent (or chat_sessions_user for one end
 * user), and each finding filter is one probe of findings_session per session visited. Full-text
 * search is the dialect's (`SqlSyntax.sessionsWithText`).
 *
 * `pageOfSessions(db, companyId, filters, { idleBefore, after, limit })` is the entry point; a
 * caller that streams everything (export) passes the last row's `{ lastActivityAt, id }` as
 * `after` until a page comes back shorter than `limit`.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { SEVERITIES } from '../../analysis/types.js';
import type { DB, Executor } from '../../db/database.js';
import { fragment, syntaxOf } from '../../db/sql.js';
import type { SessionFilters } from './sessions.filters.js';

export interface ActivityPosition {
  lastActivityAt: string;
  id: string;
}

export interface PageOptions {
  /** Open sessions last active at or before this time are idle (now minus the company's idle time). */
  idleBefore: string;
  after: ActivityPosition | null;
  limit: number;
}

export const SESSION_LIST_COLUMNS = ['id', 'user_id', 'created_at', 'last_activity_at', 'ended_at', 'ended_reason', 'message_count', 'last_message', 'source'] as const;

/** A dismissed finding counts nowhere (trends, lists, filters); unreviewed and confirmed ones do. */
export function counted(eb: ExpressionBuilder<DB, 'findings'>) {
  return eb.or([eb('findings.review_status', 'is', null), eb('findings.review_status', '!=', 'dismissed')]);
}

/**
 * The filters as one condition on `chat_sessions` rows, for any query of that table: the monitor's
 * and the search's pages here, the export's in its own order. `idleBefore` decides `active` / `idle`.
 */
export function matchingSessions(db: Executor, companyId: number, f: SessionFilters, idleBefore: string) {
  return (eb: ExpressionBuilder<DB, 'chat_sessions'>) => {
    const c: Expression<SqlBool>[] = [];
    if (f.since) c.push(eb('chat_sessions.last_activity_at', '>', f.since));
    if (f.until) c.push(eb('chat_sessions.created_at', '<=', f.until));
    if (f.userId !== null) c.push(eb('chat_sessions.user_id', '=', f.userId));
    if (f.source) c.push(eb('chat_sessions.source', '=', f.source));
    if (f.status === 'active') c.push(eb('chat_sessions.ended_at', 'is', null), eb('chat_sessions.last_activity_at', '>', idleBefore));
    if (f.status === 'idle') c.push(eb('chat_sessions.ended_at', 'is', null), eb('chat_sessions.last_activity_at', '<=', idleBefore));
    if (f.status === 'user' || f.status === 'violation') c.push(eb('chat_sessions.ended_reason', '=', f.status));
    if (f.hasFindings !== null || f.category !== null || f.subtype !== null || f.minSeverity !== null) {
      const probe = eb
        .selectFrom('findings')
        .select(sql.lit(1).as('one'))
        .whereRef('findings.company_id', '=', 'chat_sessions.company_id')
        .whereRef('findings.session_id', '=', 'chat_sessions.id')
        .where(counted)
        .$if(f.category !== null, (p) => p.where('findings.category', '=', f.category!))
        .$if(f.subtype !== null, (p) => p.where('findings.subtype', '=', f.subtype!))
        .$if(f.minSeverity !== null, (p) => p.where('findings.severity', 'in', SEVERITIES.slice(SEVERITIES.indexOf(f.minSeverity!))));
      c.push(f.hasFindings === false ? eb.not(eb.exists(probe)) : eb.exists(probe));
    }
    if (f.text) c.push(eb('chat_sessions.id', 'in', fragment<string>(syntaxOf(db).sessionsWithText(companyId, f.text))));
    return eb.and(c);
  };
}

export async function pageOfSessions(db: Executor, companyId: number, f: SessionFilters, o: PageOptions) {
  let q = db
    .selectFrom('chat_sessions')
    .select(SESSION_LIST_COLUMNS.map((c) => `chat_sessions.${c}` as const))
    .where('chat_sessions.company_id', '=', companyId)
    .where(matchingSessions(db, companyId, f, o.idleBefore));
  const after = o.after;
  if (after) {
    q = q
      .where('chat_sessions.last_activity_at', '<=', after.lastActivityAt)
      .where((eb) => eb.or([eb('chat_sessions.last_activity_at', '<', after.lastActivityAt), eb('chat_sessions.id', '>', after.id)]));
  }
  return q.orderBy('chat_sessions.last_activity_at', 'desc').orderBy('chat_sessions.id', 'asc').limit(o.limit).execute();
}

export type SessionListRow = Awaited<ReturnType<typeof pageOfSessions>>[number];

/** Counted findings of these sessions by category and severity: what a page shows per session. */
export async function findingSummaries(db: Executor, companyId: number, sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('findings')
    .select(['session_id', 'category', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
    .where('company_id', '=', companyId)
    .where('session_id', 'in', sessionIds)
    .where(counted)
    .groupBy(['session_id', 'category', 'severity'])
    .execute();
}
