import type { Executor } from '../../db/database.js';
import { dayOf } from '../../lib/time.js';
import { counted } from '../sessions/sessions.query.js';

export interface FindingFilter {
  fromDay: string;
  category: string | null;
  subtype: string | null;
  /** Only findings of this end user's sessions. */
  userId?: string | null;
}

export interface FindingPosition {
  createdAt: string;
  id: number;
}

/** The message time of one finding, which is where a cursor resumes. */
export async function findingPosition(db: Executor, companyId: number, id: number): Promise<FindingPosition | null> {
  const row = await db
    .selectFrom('findings')
    .innerJoin('messages', (j) => j.onRef('messages.company_id', '=', 'findings.company_id').onRef('messages.id', '=', 'findings.message_id'))
    .select(['findings.id', 'messages.created_at'])
    .where('findings.company_id', '=', companyId)
    .where('findings.id', '=', id)
    .executeTakeFirst();
  return row ? { createdAt: row.created_at, id: Number(row.id) } : null;
}

/** The columns a flagged turn is built from (findings.ts toFlaggedTurn), with its review. */
export function flaggedTurns(db: Executor, companyId: number) {
  return db
    .selectFrom('findings')
    .innerJoin('messages', (j) => j.onRef('messages.company_id', '=', 'findings.company_id').onRef('messages.id', '=', 'findings.message_id'))
    .select([
      'findings.id',
      'findings.session_id',
      'findings.message_id',
      'messages.created_at',
      'findings.category',
      'findings.subtype',
      'findings.severity',
      'findings.score',
      'findings.explanation',
      'findings.spans',
      'messages.content',
      'findings.review_status',
      'findings.review_note',
      'findings.reviewed_by',
      'findings.reviewed_at',
    ])
    .where('findings.company_id', '=', companyId);
}

/**
 * Newest message first, ties by finding id descending. A finding's `day` is its message's UTC day,
 * so ordering by day first gives the same order while letting findings_day walk the window from
 * its newest day and stop once the page is full: only the newest days' findings are joined and
 * sorted, not the whole window's (30 days at 1 M turns: ~4,000 findings read for a page of 50).
 */
export async function listFindings(db: Executor, companyId: number, f: FindingFilter, limit: number, after: FindingPosition | null) {
  let q = flaggedTurns(db, companyId)
    .where('findings.day', '>=', f.fromDay)
    // A dismissed finding leaves the list the moment it is dismissed.
    .where(counted);
  if (f.userId) {
    const userId = f.userId;
    q = q.where('findings.session_id', 'in', (eb) => eb.selectFrom('chat_sessions').select('chat_sessions.id').where('chat_sessions.company_id', '=', companyId).where('chat_sessions.user_id', '=', userId));
  }
  if (f.subtype) q = q.where('findings.subtype', '=', f.subtype);
  if (f.category) q = q.where('findings.category', '=', f.category);
  if (after) {
    const afterDay = dayOf(after.createdAt);
    q = q.where('findings.day', '<=', afterDay).where((eb) =>
      eb.or([
        eb('messages.created_at', '<', after.createdAt),
        eb.and([eb('messages.created_at', '=', after.createdAt), eb('findings.id', '<', after.id)]),
      ]),
    );
  }
  return q.orderBy('findings.day', 'desc').orderBy('messages.created_at', 'desc').orderBy('findings.id', 'desc').limit(limit).execute();
}
