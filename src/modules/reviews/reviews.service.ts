/**
 * Analysts' reviews (issue 14, section 2). A dismissed finding stops counting at once: its issue,
 * its subtype and (when no other counted finding of that category remains on the turn) its
 * category's flagged turn are taken out of the daily rollups in the same transaction, so trends
 * and `rollups verify` stay exact; undoing the dismissal puts them back. Confirmed findings and
 * turns flagged as missed are kept as labelled examples (`chatlens eval --export-reviewed`).
 */
import type { Kysely } from 'kysely';
import { CATEGORIES, type Category, SUBTYPES, type Subtype, categoryOf } from '../../analysis/types.js';
import type { DB, Executor } from '../../db/database.js';
import { badRequest, notFound } from '../../errors.js';
import { addDays, dayOf, isoNow } from '../../lib/time.js';
import { type FlaggedTurn, type ReviewStatus, toFlaggedTurn } from '../findings/findings.js';
import { RollupBatch } from '../rollups/rollups.js';
import { parseJsonList } from '../sessions/sessions.js';
import type { MissedBody, MissedFinding, PrecisionReport, ReviewQueuePage } from './reviews.js';
import { flaggedTurns } from '../findings/findings.repository.js';
import * as repo from './reviews.repository.js';

/** Who acted, as stored: `account:<id>` for a dashboard sign-in, `key:<id>` for an API key. */
export type Reviewer = string;

/**
 * Sets (or with `status` null, clears) the review of a finding and moves the rollups when the
 * finding starts or stops counting. The message row is locked first, so concurrent reviews of
 * findings of one turn (and the judge adding findings to it) decide the category count in turn.
 */
export async function setFindingReview(
  db: Kysely<DB>,
  companyId: number,
  findingId: number,
  review: { status: ReviewStatus | null; note?: string | null },
  by: Reviewer,
  now: Date = new Date(),
): Promise<FlaggedTurn> {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findingBasics(trx, companyId, findingId);
    if (!before) throw notFound(`finding ${findingId} does not exist`);
    await repo.lockMessage(trx, companyId, before.message_id);
    // Read again under the lock: another review may have committed in between.
    const f = (await repo.findingBasics(trx, companyId, findingId))!;
    const wasCounted = f.review_status !== 'dismissed';
    const willCount = review.status !== 'dismissed';
    await repo.setReview(trx, companyId, findingId, {
      status: review.status,
      note: review.status ? (review.note ?? null) : null,
      by: review.status ? by : null,
      at: review.status ? isoNow(now) : null,
    });
    if (wasCounted !== willCount) await moveRollups(trx, companyId, f, willCount ? 1 : -1);
  });
  const row = await flaggedTurns(db, companyId).where('findings.id', '=', findingId).executeTakeFirstOrThrow();
  return toFlaggedTurn(row);
}

async function moveRollups(trx: Executor, companyId: number, f: { id: number | string | bigint; message_id: string; day: string; category: string; subtype: string }, delta: 1 | -1) {
  const siblings = await repo.findingsOfMessage(trx, companyId, f.message_id);
  const categoryStillFlagged = siblings.some((s) => Number(s.id) !== Number(f.id) && s.category === f.category && s.review_status !== 'dismissed');
  const batch = new RollupBatch(companyId);
  batch.add(f.day, 'issues', delta);
  batch.subtype(f.day, f.subtype, delta);
  if (!categoryStillFlagged) batch.add(f.day, `${f.category as Category}_flagged`, delta);
  await batch.apply(trx);
}

export interface QueueQuery {
  days: number;
  limit: number;
  cursor: string | null;
  now?: Date;
}

/** Findings awaiting review in the last `days` UTC days: most severe first, then newest. */
export async function reviewQueue(db: Kysely<DB>, companyId: number, q: QueueQuery): Promise<ReviewQueuePage> {
  const fromDay = addDays(dayOf(q.now ?? new Date()), -(q.days - 1));
  // An unknown or already reviewed cursor finding still has a position: the queue goes on after it.
  const after = q.cursor ? await repo.queuePosition(db, companyId, Number(q.cursor)) : null;
  const [rows, pending] = await Promise.all([repo.pendingFindings(db, companyId, fromDay, q.limit + 1, after), repo.countPending(db, companyId, fromDay)]);
  const page = rows.slice(0, q.limit).map(toFlaggedTurn);
  const last = page[page.length - 1];
  return { findings: page, pending, nextCursor: rows.length > q.limit && last ? String(last.id) : null };
}

/** Precision per subtype from the reviews of findings whose turns fall in the window. */
export async function precision(db: Kysely<DB>, companyId: number, window: { from: string; to: string }): Promise<PrecisionReport> {
  const [reviews, missed] = await Promise.all([repo.reviewCounts(db, companyId, window.from, window.to), repo.missedCounts(db, companyId, window.from, window.to)]);
  const count = (subtype: string, status: string) => Number(reviews.find((r) => r.subtype === subtype && r.review_status === status)?.n ?? 0);
  return {
    from: window.from,
    to: window.to,
    subtypes: CATEGORIES.flatMap((category) =>
      SUBTYPES[category].map((subtype) => {
        const confirmed = count(subtype, 'confirmed');
        const dismissed = count(subtype, 'dismissed');
        return {
          category,
          subtype,
          confirmed,
          dismissed,
          missed: Number(missed.find((m) => m.subtype === subtype)?.n ?? 0),
          precision: confirmed + dismissed > 0 ? Math.round((confirmed / (confirmed + dismissed)) * 10_000) / 10_000 : null,
        };
      }),
    ),
  };
}

function toMissed(r: NonNullable<Awaited<ReturnType<typeof repo.missedById>>>): MissedFinding {
  return {
    id: Number(r.id),
    sessionId: r.session_id,
    messageId: r.message_id,
    category: r.category as Category,
    subtype: r.subtype as Subtype,
    spans: parseJsonList(r.spans),
    note: r.note,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** Records a turn the engine missed: a labelled example; trends keep counting the engine's findings only. */
export async function flagMissed(db: Kysely<DB>, companyId: number, messageId: string, body: MissedBody, by: Reviewer, now: Date = new Date()): Promise<MissedFinding> {
  const category = categoryOf(body.subtype);
  if (body.category && body.category !== category) throw badRequest(`subtype ${body.subtype} is not in category ${body.category} (it is ${category})`);
  const message = await repo.findMessage(db, companyId, messageId);
  if (!message) throw notFound(`message ${messageId} does not exist`);
  if (body.end <= body.start || body.end > message.content.length) {
    throw badRequest(`start and end must mark a span of the message: 0 ≤ start < end ≤ ${message.content.length} (got ${body.start}–${body.end})`);
  }
  const span = { start: body.start, end: body.end, text: message.content.slice(body.start, body.end), where: 'turn' as const };
  const id = await repo.insertMissed(db, {
    company_id: companyId,
    message_id: messageId,
    session_id: message.session_id,
    day: dayOf(message.created_at),
    category,
    subtype: body.subtype,
    spans: JSON.stringify([span]),
    note: body.note ?? null,
    created_by: by,
    created_at: isoNow(now),
  });
  return toMissed((await repo.missedById(db, companyId, id))!);
}

/** One line of the labelled JSONL format (../shared/eval README; `chatlens eval` reads it back). */
export interface LabelledRow {
  id: string;
  source: string;
  category: Category;
  subtype: Subtype | null;
  flagged: boolean;
  role: 'user' | 'assistant';
  text: string;
  context: string | null;
  question: string | null;
  meta: Record<string, unknown>;
}

/**
 * The reviewed turns of a window as labelled rows, one per (turn, category) an analyst spoke
 * about: confirmed findings and missed flags make a positive (primary subtype first, all in
 * `meta.all_subtypes`); a category whose findings were all dismissed makes a negative, with the
 * dismissed subtype as `meta.eval_subtype` (a matched negative). Read a page of turns at a time.
 */
export async function* labelledRows(db: Kysely<DB>, companyId: number, window: { from: string; to: string }, pageSize = 500): AsyncGenerator<LabelledRow> {
  let after: { day: string; id: string } | null = null;
  for (;;) {
    const ids = await repo.labelledMessageIds(db, companyId, window.from, window.to, after, pageSize);
    if (ids.length === 0) return;
    const messageIds = ids.map((r) => r.message_id);
    const [messages, findings, missed] = await Promise.all([
      repo.messagesByIds(db, companyId, messageIds),
      repo.findingsOfMessages(db, companyId, messageIds),
      repo.missedOfMessages(db, companyId, messageIds),
    ]);
    const byId = new Map(messages.map((m) => [m.id, m]));
    for (const { message_id: id } of ids) {
      const m = byId.get(id);
      if (!m || (m.role !== 'user' && m.role !== 'assistant')) continue;
      const docs = parseJsonList<{ content?: string }>(m.documents).map((d) => d.content).filter((c): c is string => typeof c === 'string' && c.length > 0);
      const question = m.role === 'assistant' ? ((await repo.previousUserTurn(db, companyId, m.session_id, Number(m.seq)))?.content ?? null) : null;
      for (const category of CATEGORIES) {
        const fs = findings.filter((f) => f.message_id === id && f.category === category && f.review_status !== null);
        const ms = missed.filter((x) => x.message_id === id && x.category === category);
        const positives = [...fs.filter((f) => f.review_status === 'confirmed').map((f) => f.subtype), ...ms.map((x) => x.subtype)] as Subtype[];
        const dismissed = fs.filter((f) => f.review_status === 'dismissed').map((f) => f.subtype) as Subtype[];
        if (positives.length === 0 && dismissed.length === 0) continue;
        const flagged = positives.length > 0;
        const all = [...new Set(positives)];
        yield {
          id: `chatlens:${id}:${category}`,
          source: 'chatlens-reviews',
          category,
          subtype: flagged ? all[0] : null,
          flagged,
          role: m.role,
          text: m.content,
          context: docs.length > 0 ? docs.join('\n\n') : null,
          question,
          meta: {
            sessionId: m.session_id,
            messageId: id,
            ...(flagged ? { all_subtypes: all } : { eval_subtype: dismissed[0] }),
            ...(flagged && dismissed.length > 0 ? { dismissed_subtypes: dismissed } : {}),
            notes: [...fs.map((f) => f.review_note), ...ms.map((x) => x.note)].filter((n): n is string => !!n),
          },
        };
      }
    }
    if (ids.length < pageSize) return;
    const last = ids[ids.length - 1];
    after = { day: last.day, id: last.message_id };
  }
}
