/**
 * The optional LLM judge, wired behind ingestion: after a turn is committed it may be sent to
 * the judge in the background; confirmed or added findings are stored later with their rollups.
 * The live path never waits on it, and a slow or failing judge only means fewer findings.
 */
import type { Kysely } from 'kysely';
import type { Judge } from '../../analysis/judge.js';
import { applyPolicy } from '../../analysis/policy.js';
import type { Finding } from '../../analysis/types.js';
import type { DB } from '../../db/database.js';
import { dayOf } from '../../lib/time.js';
import { getCompany } from '../companies/companies.service.js';
import { RollupBatch } from '../rollups/rollups.js';
import * as sessions from '../sessions/sessions.repository.js';
import type { IngestDeps, StoredMessageRef } from './ingest.service.js';

/** Stores judge findings for a message: only subtypes it does not have yet, with their rollups. */
export async function addReviewedFindings(db: Kysely<DB>, companyId: number, messageId: string, findings: Finding[]): Promise<number> {
  const company = await getCompany(db, companyId);
  return db.transaction().execute(async (trx) => {
    const message = await sessions.findMessage(trx, companyId, messageId);
    if (!message) return 0;
    const { kept } = applyPolicy(findings, company.policy, message.content);
    const existing = await sessions.findingsOfMessage(trx, companyId, messageId);
    const have = new Set(existing.map((f) => f.subtype));
    const haveCategory = new Set(existing.map((f) => f.category));
    const fresh = kept.filter((f) => !have.has(f.subtype));
    if (fresh.length === 0) return 0;
    const day = dayOf(message.created_at);
    await sessions.insertFindings(
      trx,
      fresh.map((f) => ({
        company_id: companyId,
        message_id: messageId,
        session_id: message.session_id,
        day,
        category: f.category,
        subtype: f.subtype,
        score: f.score,
        severity: f.severity,
        spans: JSON.stringify(f.spans),
        explanation: f.explanation,
        detector: f.detector,
      })),
    );
    const batch = new RollupBatch(companyId);
    batch.add(day, 'issues', fresh.length);
    for (const f of fresh) batch.subtype(day, f.subtype);
    for (const c of new Set(fresh.map((f) => f.category))) if (!haveCategory.has(c)) batch.add(day, `${c}_flagged`);
    await batch.apply(trx);
    return fresh.length;
  });
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
  options: { concurrency?: number; maxQueued?: number } = {},
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
        if (found.length > 0) await addReviewedFindings(db, companyId, ref.messageId, found);
      });
      pump();
    },
    drain: () => (running === 0 && waiting.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))),
  };
}
