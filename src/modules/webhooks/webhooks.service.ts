/** Webhooks of a company: settings (the secret is answered once, at creation or rotation), test events, deliveries. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { WebhookLimits } from '../../config.js';
import type { DB, WebhookAttemptRow, WebhookDeliveryRow, WebhookRow } from '../../db/database.js';
import { badRequest, conflict, notFound } from '../../errors.js';
import { makeEvent } from './webhooks.events.js';
import { urlProblem } from './webhooks.deliver.js';
import {
  type CreateWebhookBody,
  type Delivery,
  type DeliveryPage,
  MAX_WEBHOOKS,
  type UpdateWebhookBody,
  type Webhook,
  type WebhookCreated,
  type WebhookEventType,
  type WebhookFormat,
} from './webhooks.js';
import * as repo from './webhooks.repository.js';

export interface WebhookServiceDeps {
  db: Kysely<DB>;
  limits: WebhookLimits;
  now: () => Date;
  /** Starts sending at once (the JobRunner's webhook lane). */
  kick?: () => void;
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function toWebhook(r: WebhookRow): Webhook {
  return {
    id: Number(r.id),
    url: r.url,
    description: r.description,
    format: r.format as WebhookFormat,
    active: Number(r.active) === 1,
    events: {
      sessionViolation: Number(r.on_violation) === 1,
      minSeverity: (r.min_severity as Webhook['events']['minSeverity']) ?? null,
      dailyRate: r.rate_threshold === null ? null : { threshold: Number(r.rate_threshold), minTurns: Number(r.rate_min_turns) },
    },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toDelivery(r: WebhookDeliveryRow, attempts: WebhookAttemptRow[]): Delivery {
  let event: unknown = null;
  try {
    event = JSON.parse(r.payload);
  } catch {
    event = null;
  }
  const open = r.status === 'pending' || r.status === 'delivering';
  return {
    id: Number(r.id),
    webhookId: Number(r.webhook_id),
    eventType: r.event_type as WebhookEventType,
    status: r.status,
    createdAt: r.created_at,
    nextAttemptAt: open ? r.next_attempt_at : null,
    finishedAt: r.finished_at,
    event,
    attempts: attempts.map((a) => ({
      attempt: Number(a.attempt),
      startedAt: a.started_at,
      durationMs: Number(a.duration_ms),
      statusCode: a.status_code === null ? null : Number(a.status_code),
      response: a.response,
      error: a.error,
    })),
  };
}

function checkUrl(url: string, limits: WebhookLimits): void {
  const problem = urlProblem(url, limits);
  if (problem) throw badRequest(problem);
}

function eventColumns(events: CreateWebhookBody['events']) {
  return {
    ...(events.sessionViolation !== undefined ? { on_violation: events.sessionViolation ? 1 : 0 } : {}),
    ...(events.minSeverity !== undefined ? { min_severity: events.minSeverity } : {}),
    ...(events.dailyRate !== undefined
      ? { rate_threshold: events.dailyRate?.threshold ?? null, ...(events.dailyRate ? { rate_min_turns: events.dailyRate.minTurns ?? 20 } : {}) }
      : {}),
  };
}

async function mustFind(db: Kysely<DB>, companyId: number, id: number): Promise<WebhookRow> {
  const row = await repo.findWebhook(db, companyId, id);
  if (!row) throw notFound(`webhook ${id} does not exist`);
  return row;
}

export async function listWebhooks(deps: WebhookServiceDeps, companyId: number): Promise<Webhook[]> {
  return (await repo.listWebhooks(deps.db, companyId)).map(toWebhook);
}

export async function getWebhook(deps: WebhookServiceDeps, companyId: number, id: number): Promise<Webhook> {
  return toWebhook(await mustFind(deps.db, companyId, id));
}

export async function createWebhook(deps: WebhookServiceDeps, companyId: number, body: CreateWebhookBody): Promise<WebhookCreated> {
  checkUrl(body.url, deps.limits);
  const e = body.events;
  if (!e.sessionViolation && !e.minSeverity && !e.dailyRate) throw badRequest('events must turn on at least one of sessionViolation, minSeverity, dailyRate');
  const secret = newSecret();
  const now = deps.now().toISOString();
  const id = await deps.db.transaction().execute(async (trx) => {
    if ((await repo.countWebhooks(trx, companyId)) >= MAX_WEBHOOKS) throw conflict(`a company may have at most ${MAX_WEBHOOKS} webhooks; delete one first`);
    return repo.insertWebhook(trx, {
      company_id: companyId,
      url: body.url,
      description: body.description ?? null,
      format: body.format ?? 'json',
      secret,
      active: body.active === false ? 0 : 1,
      on_violation: 0,
      min_severity: null,
      rate_threshold: null,
      rate_min_turns: 20,
      ...eventColumns(e),
      created_at: now,
      updated_at: now,
    });
  });
  return { webhook: await getWebhook(deps, companyId, id), secret };
}

export async function updateWebhook(deps: WebhookServiceDeps, companyId: number, id: number, body: UpdateWebhookBody): Promise<Webhook> {
  await mustFind(deps.db, companyId, id);
  if (body.url !== undefined) checkUrl(body.url, deps.limits);
  await repo.updateWebhook(deps.db, companyId, id, {
    ...(body.url !== undefined ? { url: body.url } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.format !== undefined ? { format: body.format } : {}),
    ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
    ...(body.events ? eventColumns(body.events) : {}),
    updated_at: deps.now().toISOString(),
  });
  return getWebhook(deps, companyId, id);
}

export async function rotateSecret(deps: WebhookServiceDeps, companyId: number, id: number): Promise<WebhookCreated> {
  await mustFind(deps.db, companyId, id);
  const secret = newSecret();
  await repo.updateWebhook(deps.db, companyId, id, { secret, updated_at: deps.now().toISOString() });
  return { webhook: await getWebhook(deps, companyId, id), secret };
}

export async function deleteWebhook(deps: WebhookServiceDeps, companyId: number, id: number): Promise<void> {
  const gone = await deps.db.transaction().execute((trx) => repo.deleteWebhook(trx, companyId, id));
  if (!gone) throw notFound(`webhook ${id} does not exist`);
}

/** Enqueues a sample event for this webhook, delivered like any other (refused while the webhook is disabled). */
export async function sendTestEvent(deps: WebhookServiceDeps, companyId: number, id: number): Promise<Delivery> {
  const hook = await mustFind(deps.db, companyId, id);
  if (Number(hook.active) !== 1) throw conflict(`webhook ${id} is disabled; enable it to send a test event`);
  const now = deps.now().toISOString();
  const key = `test:${now}:${newSecret().slice(6, 18)}`;
  const event = makeEvent(companyId, key, 'test', now, { message: 'A test event from Chatlens: this webhook is set up.', webhookId: id });
  const deliveryId = await repo.insertDelivery(deps.db, {
    company_id: companyId,
    webhook_id: id,
    event_type: 'test',
    event_key: key,
    payload: JSON.stringify(event),
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
  });
  deps.kick?.();
  const row = await repo.findDelivery(deps.db, companyId, deliveryId);
  return toDelivery(row!, []);
}

export async function listDeliveries(deps: WebhookServiceDeps, companyId: number, webhookId: number, page: { limit: number; cursor?: string }): Promise<DeliveryPage> {
  await mustFind(deps.db, companyId, webhookId);
  let before: number | null = null;
  if (page.cursor !== undefined) {
    if (!/^[1-9]\d{0,9}$/.test(page.cursor)) throw badRequest('cursor must be the nextCursor of a previous page');
    before = Number(page.cursor);
  }
  const rows = await repo.listDeliveries(deps.db, companyId, webhookId, before, page.limit + 1);
  const shown = rows.slice(0, page.limit);
  const attempts = await repo.attemptsOf(deps.db, companyId, shown.map((r) => Number(r.id)));
  const byDelivery = new Map<number, WebhookAttemptRow[]>();
  for (const a of attempts) {
    const list = byDelivery.get(Number(a.delivery_id)) ?? [];
    list.push(a);
    byDelivery.set(Number(a.delivery_id), list);
  }
  return {
    deliveries: shown.map((r) => toDelivery(r, byDelivery.get(Number(r.id)) ?? [])),
    nextCursor: rows.length > page.limit ? String(shown[shown.length - 1].id) : null,
  };
}
