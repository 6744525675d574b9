/**
 * Retention as a queue of the process's JobRunner (modules/uploads/uploads.runner.ts), next to
 * upload jobs and webhook deliveries: each `runNext` is one bounded step (privacy.service.ts
 * purgeStep), so the runner's poll works through a large backlog a step at a time. Steps lock the
 * sessions they delete (skipping those another process holds on PostgreSQL), so any number of
 * servers and workers can run it on one database without deleting or uncounting a row twice.
 */
import type { JobQueue } from '../uploads/uploads.runner.js';
import { type PrivacyDeps, runRetentionStep } from './privacy.service.js';

export const RETENTION_QUEUE = 'retention';

export function retentionQueue(deps: PrivacyDeps): JobQueue {
  // Expiry moves with the calendar: the runner's poll (every 2 s in `serve` and `worker`) looks again.
  return { name: RETENTION_QUEUE, runNext: () => runRetentionStep(deps), nextDueInMs: async () => null };
}
