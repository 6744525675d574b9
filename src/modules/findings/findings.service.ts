/** `GET /api/findings`: flagged turns of the company, newest first, for review from the trends breakdown. */
import type { Kysely } from 'kysely';
import { type Category, type Subtype, categoryOf } from '../../analysis/types.js';
import type { DB } from '../../db/database.js';
import { badRequest } from '../../errors.js';
import { addDays, dayOf } from '../../lib/time.js';
import { type FlaggedTurnPage, toFlaggedTurn } from './findings.js';
import * as repo from './findings.repository.js';

export interface FindingsQuery {
  category: Category | null;
  subtype: Subtype | null;
  /** The window: this many UTC calendar days ending today, as in the trends. */
  days: number;
  limit: number;
  /** Id of the last finding of the previous page. */
  cursor: string | null;
  /** Only findings of this end user's sessions. */
  userId?: string | null;
  now?: Date;
}

export async function listFlaggedTurns(db: Kysely<DB>, companyId: number, q: FindingsQuery): Promise<FlaggedTurnPage> {
  if (q.subtype && q.category && categoryOf(q.subtype) !== q.category) {
    throw badRequest(`subtype ${q.subtype} is not in category ${q.category} (it is ${categoryOf(q.subtype)})`);
  }
  let after: repo.FindingPosition | null = null;
  if (q.cursor) {
    // An unknown cursor means "from the top", as on the monitor.
    after = await repo.findingPosition(db, companyId, Number(q.cursor));
  }
  const fromDay = addDays(dayOf(q.now ?? new Date()), -(q.days - 1));
  // One extra row tells whether another page exists.
  const rows = await repo.listFindings(db, companyId, { fromDay, category: q.category, subtype: q.subtype, userId: q.userId ?? null }, q.limit + 1, after);
  const page = rows.slice(0, q.limit).map(toFlaggedTurn);
  const last = page[page.length - 1];
  return { findings: page, nextCursor: rows.length > q.limit && last ? String(last.id) : null };
}
