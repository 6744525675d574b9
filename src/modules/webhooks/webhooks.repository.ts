/** Every SQL statement on the webhook tables. Each is scoped by company, except the job claim, which serves every company. */
import type { Insertable, Updateable } from 'kysely';
import type { DB, Executor, WebhookDeliveriesTable, WebhooksTable } from '../../db/database.js';

export async function listWebhooks(db: Executor, companyId: number) {
  return db.selectFrom('webhooks').selectAll().where('company_id', '=', companyId).orderBy('id').execute();
}

/** The company's active webhooks (the write path reads them when a chunk of live traffic has findings). */
export async function activeWebhooks(db: Executor, companyId: number) {
  return db.selectFrom('webhooks').selectAll().where('company_id', '=', companyId).where('active', '=', 1).orderBy('id').execute();
}

export async function findWebhook(db: Executor, companyId: number, id: number) {
  return db.selectFrom('webhooks').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

export async function countWebhooks(db: Executor, companyId: number): Promise<number> {
  const r = await db.selectFrom('webhooks').select((eb) => eb.fn.countAll().as('n')).where('company_id', '=', companyId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertWebhook(db: Executor, row: Insertable<WebhooksTable>): Promise<number> {
  const r = await db.insertInto('webhooks').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateWebhook(db: Executor, companyId: number, id: number, patch: Updateable<WebhooksTable>): Promise<boolean> {
  const r = await db.updateTable('webhooks').set(patch).where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes the webhook with its deliveries and their attempts. */
export async function deleteWebhook(db: Executor, companyId: number, id: number): Promise<boolean> {
  await db
    .deleteFrom('webhook_attempts')
    .where('company_id', '=', companyId)
    .where('delivery_id', 'in', db.selectFrom('webhook_deliveries').select('id').where('company_id', '=', companyId).where('webhook_id', '=', id))
    .execute();
  await db.deleteFrom('webhook_deliveries').where('company_id', '=', companyId).where('webhook_id', '=', id).execute();
  const r = await db.deleteFrom('webhooks').where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Enqueues deliveries; an event already enqueued for a webhook is skipped. Returns how many were new. */
export async function insertDeliveries(db: Executor, rows: Insertable<WebhookDeliveriesTable>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db
    .insertInto('webhook_deliveries')
    .values(rows)
    .onConflict((oc) => oc.columns(['webhook_id', 'event_key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export async function insertDelivery(db: Executor, row: Insertable<WebhookDeliveriesTable>): Promise<number> {
  const r = await db.insertInto('webhook_deliveries').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Rollup counters of some days (the daily-rate events read them after the chunk's own increments). */
export async function dayRates(db: Executor, companyId: number, days: string[]) {
  if (days.length === 0) return [];
  return db
    .selectFrom('daily_rollups')
    .select(['day', 'turns_analyzed', 'hallucination_flagged', 'bias_flagged', 'toxicity_flagged'])
    .where('company_id', '=', companyId)
    .where('day', 'in', days)
    .execute();
}

/** A page of a webhook's deliveries, newest first; `before` is the id of the last one of the previous page. */
export async function listDeliveries(db: Executor, companyId: number, webhookId: number, before: number | null, limit: number) {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('company_id', '=', companyId).where('webhook_id', '=', webhookId);
  if (before !== null) q = q.where('id', '<', before);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export async function findDelivery(db: Executor, companyId: number, id: number) {
  return db.selectFrom('webhook_deliveries').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

export async function attemptsOf(db: Executor, companyId: number, deliveryIds: number[]) {
  if (deliveryIds.length === 0) return [];
  return db.selectFrom('webhook_attempts').selectAll().where('company_id', '=', companyId).where('delivery_id', 'in', deliveryIds).orderBy('delivery_id').orderBy('attempt').execute();
}

// The job queue. A job is its delivery row: pending → delivering (leased) → delivered | failed.

/** The delivery due first: pending and due, or delivering with a lease that ran out. */
export async function findDueDelivery(db: Executor, now: string, skipLocked: boolean) {
  const q = db
    .selectFrom('webhook_deliveries')
    .select(['id', 'attempts'])
    .where((eb) => eb.or([eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]), eb.and([eb('status', '=', 'delivering'), eb('lease_until', '<', now)])]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(1);
  return (skipLocked ? q.forUpdate().skipLocked() : q).executeTakeFirst();
}

/** Takes the delivery for attempt `attempts + 1` unless another worker took it first. */
export async function takeDelivery(db: Executor, id: number, attempts: number, leaseUntil: string): Promise<boolean> {
  const r = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'delivering', lease_until: leaseUntil, attempts: attempts + 1 })
    .where('id', '=', id)
    .where('attempts', '=', attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function getDeliveryRow(db: Executor, id: number) {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function webhookOfDelivery(db: Executor, companyId: number, webhookId: number) {
  return db.selectFrom('webhooks').selectAll().where('company_id', '=', companyId).where('id', '=', webhookId).executeTakeFirst();
}

/** Ends an attempt held under `attempt` (the fencing token): records it and moves the job on. False when the lease was lost. */
export async function finishAttempt(
  db: Executor,
  job: { id: number; companyId: number; attempt: number },
  attempt: Insertable<DB['webhook_attempts']>,
  patch: Updateable<WebhookDeliveriesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('webhook_deliveries')
    .set({ ...patch, lease_until: null })
    .where('id', '=', job.id)
    .where('attempts', '=', job.attempt)
    .where('status', '=', 'delivering')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  await db.insertInto('webhook_attempts').values(attempt).onConflict((oc) => oc.columns(['company_id', 'delivery_id', 'attempt']).doNothing()).execute();
  return true;
}

/** The earliest time a pending delivery is due or a held lease runs out. */
export async function nextDue(db: Executor): Promise<string | null> {
  const pending = await db.selectFrom('webhook_deliveries').select((eb) => eb.fn.min('next_attempt_at').as('t')).where('status', '=', 'pending').executeTakeFirst();
  const leased = await db.selectFrom('webhook_deliveries').select((eb) => eb.fn.min('lease_until').as('t')).where('status', '=', 'delivering').executeTakeFirst();
  const times = [pending?.t, leased?.t].filter((t): t is string => typeof t === 'string' && t.length > 0);
  return times.length ? times.sort()[0] : null;
}

/** Deletes up to `limit` deliveries that finished before `before`, with their attempts; returns how many. */
export async function pruneFinished(db: Executor, before: string, limit: number): Promise<number> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select(['id', 'company_id'])
    .where('status', 'in', ['delivered', 'failed'])
    .where('finished_at', '<', before)
    .orderBy('finished_at')
    .limit(limit)
    .execute();
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => Number(r.id));
  await db.deleteFrom('webhook_attempts').where('delivery_id', 'in', ids).execute();
  await db.deleteFrom('webhook_deliveries').where('id', 'in', ids).where('status', 'in', ['delivered', 'failed']).execute();
  return rows.length;
}
