/**
 * The delivery job contract: a delivery row is the job (pending → delivering → delivered |
 * failed), claimed through db/jobs.ts with a lease exactly like upload jobs, and run by the
 * process's JobRunner as its `webhooks` queue (modules/uploads/uploads.runner.ts). Because the
 * job is a row, a delivery waiting for its next attempt survives a restart, and any server or
 * `chatlens worker` sharing the database may send it.
 *
 * Retries: a failed attempt is tried again after 30 s, 1 min, 2 min, … doubling up to 6 h between
 * attempts, for 24 h after the event (about 13 attempts); then the delivery fails.
 */
import type { Kysely } from 'kysely';
import type { WebhookLimits } from '../../config.js';
import type { DB } from '../../db/database.js';
import type { ChatlensDialect } from '../../db/dialect/dialect.js';
import { type LeasedQueue, claimLeased } from '../../db/jobs.js';
import type { JobQueue } from '../uploads/uploads.runner.js';
import { deliver } from './webhooks.deliver.js';
import type { WebhookEvent, WebhookFormat } from './webhooks.js';
import * as repo from './webhooks.repository.js';

export const WEBHOOK_QUEUE = 'webhooks';
export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_GAP_MS = 6 * 3_600_000;
export const RETRY_WINDOW_MS = 24 * 3_600_000;
/** Finished deliveries (and their attempts) are kept this long for the dashboard, then deleted. */
export const KEEP_FINISHED_MS = 30 * 86_400_000;
const PRUNE_BATCH = 500;

/** The wait after failed attempt `attempt` (1-based). */
export function backoffMs(attempt: number): number {
  return Math.min(MAX_RETRY_GAP_MS, FIRST_RETRY_MS * 2 ** Math.min(30, Math.max(0, attempt - 1)));
}

export interface WebhookDeps {
  db: Kysely<DB>;
  dialect: Pick<ChatlensDialect, 'supportsSkipLocked'>;
  limits: WebhookLimits;
  /** The clock of enqueueing, claims and backoff (tests move it instead of waiting). */
  now: () => Date;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** A lease outlives the longest attempt (the time-out) with a margin. */
function leaseMs(limits: WebhookLimits): number {
  return limits.timeoutMs + 30_000;
}

export class JobPayloadError extends Error {}

/** The stored event, validated when claimed: a row written by hand or an older version never reaches a receiver half-formed. */
export function decodeEvent(text: string): WebhookEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new JobPayloadError('the stored event is not JSON');
  }
  const e = raw as Partial<WebhookEvent> | null;
  if (!e || typeof e !== 'object' || typeof e.id !== 'string' || typeof e.type !== 'string' || typeof e.createdAt !== 'string' || typeof e.data !== 'object' || e.data === null) {
    throw new JobPayloadError('the stored event lacks id, type, createdAt or data');
  }
  return e as WebhookEvent;
}

/** Claims the next due delivery and runs one attempt; false when none is due. */
export async function runNextDelivery(deps: WebhookDeps): Promise<boolean> {
  const queue: LeasedQueue<{ id: number; attempts: number }> = {
    find: (x, nowIso, skipLocked) => repo.findDueDelivery(x, nowIso, skipLocked),
    take: (x, c, _nowIso, until) => repo.takeDelivery(x, c.id, Number(c.attempts), until),
  };
  const taken = await claimLeased(deps.db, deps.dialect, queue, { now: deps.now(), leaseMs: leaseMs(deps.limits) });
  if (!taken) {
    // Nothing due: tidy up instead, a bounded batch at a time.
    const before = new Date(deps.now().getTime() - KEEP_FINISHED_MS).toISOString();
    return (await deps.db.transaction().execute((trx) => repo.pruneFinished(trx, before, PRUNE_BATCH))) > 0;
  }
  const row = await repo.getDeliveryRow(deps.db, taken.id);
  if (!row) return true;
  const attempt = Number(row.attempts);
  const job = { id: Number(row.id), companyId: Number(row.company_id), attempt };
  const startedAt = deps.now();
  const record = async (outcome: { ok: boolean; statusCode: number | null; response: string | null; error: string | null; durationMs: number }) => {
    const now = deps.now();
    const created = Date.parse(row.created_at);
    const next = new Date(now.getTime() + backoffMs(attempt));
    const giveUp = !outcome.ok && next.getTime() > created + RETRY_WINDOW_MS;
    const status = outcome.ok ? 'delivered' : giveUp ? 'failed' : 'pending';
    const kept = await deps.db.transaction().execute((trx) =>
      repo.finishAttempt(
        trx,
        job,
        { company_id: job.companyId, delivery_id: job.id, attempt, started_at: startedAt.toISOString(), duration_ms: outcome.durationMs, status_code: outcome.statusCode, response: outcome.response, error: outcome.error },
        {
          status,
          next_attempt_at: status === 'pending' ? next.toISOString() : row.next_attempt_at,
          finished_at: status === 'pending' ? null : now.toISOString(),
          last_status_code: outcome.statusCode,
          last_error: outcome.error,
        },
      ),
    );
    if (!kept) deps.log?.warn({ deliveryId: job.id, attempt }, 'webhook delivery: the lease was lost; another worker owns it now');
    else if (!outcome.ok) deps.log?.warn({ deliveryId: job.id, webhookId: Number(row.webhook_id), attempt, statusCode: outcome.statusCode, error: outcome.error, final: giveUp }, giveUp ? 'webhook delivery failed for good' : 'webhook delivery failed; it will be retried');
  };

  const hook = await repo.webhookOfDelivery(deps.db, job.companyId, Number(row.webhook_id));
  if (!hook || !hook.active) {
    await record({ ok: false, statusCode: null, response: null, error: hook ? 'the webhook is disabled' : 'the webhook was deleted', durationMs: 0 });
    return true;
  }
  let event: WebhookEvent;
  try {
    event = decodeEvent(row.payload);
  } catch (err) {
    await deps.db.transaction().execute((trx) =>
      repo.finishAttempt(trx, job, { company_id: job.companyId, delivery_id: job.id, attempt, started_at: startedAt.toISOString(), duration_ms: 0, status_code: null, response: null, error: (err as Error).message }, { status: 'failed', finished_at: deps.now().toISOString(), last_error: (err as Error).message }),
    );
    return true;
  }
  const outcome = await deliver({ url: hook.url, format: hook.format as WebhookFormat, secret: hook.secret }, event, { deliveryId: job.id, attempt, now: startedAt }, deps.limits);
  await record(outcome);
  return true;
}

/**
 * Deliveries a process sends at once: each lane claims its own job, so one receiver that never
 * answers holds one lane for its time-out while the others keep delivering.
 */
export const WEBHOOK_LANES = 4;

/** The `webhooks` queues of the process's JobRunner: WEBHOOK_LANES lanes of one name (a kick wakes them all). */
export function webhookQueues(deps: WebhookDeps): JobQueue[] {
  return Array.from({ length: WEBHOOK_LANES }, () => webhookQueue(deps));
}

function webhookQueue(deps: WebhookDeps): JobQueue {
  return {
    name: WEBHOOK_QUEUE,
    runNext: () => runNextDelivery(deps),
    nextDueInMs: async () => {
      const t = await repo.nextDue(deps.db);
      return t === null ? null : Date.parse(t) - deps.now().getTime();
    },
  };
}
