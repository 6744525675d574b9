/**
 * The optional LLM judge, wired behind ingestion: after a turn is committed it may be sent to
 * the judge in the background; confirmed or added findings are stored later with their rollups,
 * and announced to the company's webhooks as the engine's are (the `alerts` hook, in the same
 * transaction). The live path never waits on it, and a slow or failing judge only means fewer findings.
 */
import { lockMessage } from '../reviews/reviews.repository.js';
import type { Kysely } from 'kysely';
import type { Judge } from '../../analysis/judge.js';
import type { Finding } from '../../analysis/types.js';
import type { DB, Executor } from '../../db/database.js';
import { dayOf } from '../../lib/time.js';
import { getCompany } from '../companies/companies.service.js';
import { RollupBatch } from '../rollups/rollups.js';
import type { IngestDeps, StoredMessageRef } from './ingest.js';
import { addFindingRollups, applyCompanyPolicy, findingRows } from './ingest.pipeline.js';
import * as repo from './ingest.repository.js';

/** Findings a review added to a stored message, as webhooks announce them. */
export interface ReviewedFindings {
  messageId: string;
  sessionId: string;
  userId: string | null;
  /** When the message was stored. */
  createdAt: string;
  findings: Finding[];
}

/**
 * Runs in the transaction that stored a review's findings (webhook deliveries are enqueued there,
 * modules/webhooks/webhooks.events.ts); `afterCommit` runs once it committed.
 */
export type ReviewAlerts = (trx: Executor, companyId: number, added: ReviewedFindings, afterCommit: (fn: () => void) => void) => Promise<void>;

/**
 * Stores judge findings for a message through the write path's steps (policy → finding rows →
 * rollup contribution → alerts): only subtypes it does not have yet; a category counts the turn once.
 */
export async function addReviewedFindings(db: Kysely<DB>, companyId: number, messageId: string, findings: Finding[], alerts?: ReviewAlerts): Promise<number> {
  const company = await getCompany(db, companyId);
  const committed: (() => void)[] = [];
  const added = await db.transaction().execute(async (trx) => {
    // Locked as a review locks it, so a dismissal meanwhile cannot make the category count drift.
    if (!(await lockMessage(trx, companyId, messageId))) return 0;
    const message = await repo.findMessage(trx, companyId, messageId);
    if (!message) return 0;
    const { kept } = applyCompanyPolicy(findings, company.policy, message.content);
    const existing = await repo.findingsOfMessage(trx, companyId, messageId);
    const have = new Set(existing.map((f) => f.subtype));
    const fresh = kept.filter((f) => !have.has(f.subtype));
    if (fresh.length === 0) return 0;
    const day = dayOf(message.created_at);
    await repo.insertFindings(trx, findingRows(companyId, { messageId, sessionId: message.session_id, day }, fresh));
    const batch = new RollupBatch(companyId);
    // A dismissed finding no longer flags the turn: a fresh one of its category flags it again.
    addFindingRollups(batch, day, fresh, new Set(existing.filter((f) => f.review_status !== 'dismissed').map((f) => f.category)));
    await batch.apply(trx);
    await alerts?.(trx, companyId, { messageId, sessionId: message.session_id, userId: message.user_id, createdAt: message.created_at, findings: fresh }, (fn) => committed.push(fn));
    return fresh.length;
  });
  for (const fn of committed) fn();
  return added;
}

export interface ReviewQueue {
  onMessageStored: NonNullable<IngestDeps['onMessageStored']>;
  /** Resolves when every queued review has finished (tests, graceful shutdown). */
  drain(): Promise<void>;
}

/**
 * A bounded queue in front of the judge: at most `concurrency` requests at once and `maxQueued`
 * waiting; past that, turns are skipped (and logged) rather than letting memory grow.
 */
export function reviewQueue(
  db: Kysely<DB>,
  judge: Judge,
  log: { warn(obj: object, msg: string): void },
  options: { concurrency?: number; maxQueued?: number; alerts?: ReviewAlerts } = {},
): ReviewQueue {
  const concurrency = options.concurrency ?? 4;
  const maxQueued = options.maxQueued ?? 1000;
  const waiting: (() => Promise<void>)[] = [];
  let running = 0;
  let idle: (() => void)[] = [];

  const pump = () => {
    while (running < concurrency && waiting.length > 0) {
      const job = waiting.shift()!;
      running++;
      void job()
        .catch((err) => log.warn({ err }, 'judge review failed'))
        .finally(() => {
          running--;
          pump();
        });
    }
    if (running === 0 && waiting.length === 0) {
      const done = idle;
      idle = [];
      for (const resolve of done) resolve();
    }
  };

  return {
    onMessageStored(companyId: number, ref: StoredMessageRef) {
      if (!judge.shouldReview(ref.turn, ref.findings)) return;
      if (waiting.length >= maxQueued) {
        log.warn({ messageId: ref.messageId }, 'judge queue full; turn not reviewed');
        return;
      }
      waiting.push(async () => {
        const found = await judge.review(ref.turn, ref.context, ref.findings);
        if (found.length > 0) await addReviewedFindings(db, companyId, ref.messageId, found, options.alerts);
      });
      pump();
    },
    drain: () => (running === 0 && waiting.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))),
  };
}
