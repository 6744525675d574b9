/**
 * The claim every background job goes through (upload jobs, webhook deliveries): a job is a row
 * that a worker takes with a lease. PostgreSQL skips rows other workers hold
 * (`FOR UPDATE SKIP LOCKED`); SQLite has one writer, so a compare-and-set on the row's attempt
 * counter is enough. The attempt counter doubles as the fencing token of later writes: a worker
 * whose lease ran out and was taken over can no longer write.
 */
import type { Kysely } from 'kysely';
import type { DB, Executor } from './database.js';
import type { ChatlensDialect } from './dialect/dialect.js';

/** How a feature's queue finds and takes one of its rows. */
export interface LeasedQueue<C> {
  /** The next claimable row (locked with `FOR UPDATE SKIP LOCKED` when `skipLocked`). */
  find(x: Executor, nowIso: string, skipLocked: boolean): Promise<C | undefined>;
  /** Takes it for the next attempt unless another worker did first (compare-and-set on attempts). */
  take(x: Executor, candidate: C, nowIso: string, leaseUntilIso: string): Promise<boolean>;
}

/** Claims one row of `queue`; null when none is claimable. Lost races are retried a few times. */
export async function claimLeased<C>(
  db: Kysely<DB>,
  dialect: Pick<ChatlensDialect, 'supportsSkipLocked'>,
  queue: LeasedQueue<C>,
  options: { now: Date; leaseMs: number },
): Promise<C | null> {
  const nowIso = options.now.toISOString();
  const until = new Date(options.now.getTime() + options.leaseMs).toISOString();
  for (let tries = 0; tries < 5; tries++) {
    const claim = async (x: Executor) => {
      const candidate = await queue.find(x, nowIso, dialect.supportsSkipLocked);
      if (candidate === undefined) return { found: false as const };
      return { found: true as const, candidate, ok: await queue.take(x, candidate, nowIso, until) };
    };
    const r = dialect.supportsSkipLocked ? await db.transaction().execute(claim) : await claim(db);
    if (!r.found) return null;
    if (r.ok) return r.candidate;
  }
  return null;
}
