/**
 * Which webhook events a chunk of live traffic causes (and findings a review adds to a stored
 * turn: the LLM judge's, the citation verifier's), enqueued in the chunk's own transaction
 * (IngestDeps.alerts): an alert exists exactly when what caused it was committed, and a crash
 * between commit and enqueue cannot lose it. The cost on the write path is nothing for a chunk
 * without findings (no statement at all), and otherwise one indexed read of the company's active
 * webhooks, one read of the day's rollup row when a rate is watched, and one insert.
 *
 * Only live traffic (ingest API, live turns, the proxy, OpenTelemetry) raises alerts: an upload is history, and
 * a year of it would otherwise page someone thousands of times.
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import { CATEGORIES, type Category, type Severity, severityRank } from '../../analysis/types.js';
import type { Executor, WebhookDeliveriesTable, WebhookRow } from '../../db/database.js';
import type { IngestOptions, StoredTurn } from '../ingest/ingest.js';
import type { ReviewedFindings } from '../ingest/judge-review.js';
import type { FindingSummary, WebhookEvent, WebhookEventType } from './webhooks.js';
import * as repo from './webhooks.repository.js';

/** The id receivers see: the same for every attempt and every webhook of the company. */
export function eventId(companyId: number, key: string): string {
  return `evt_${createHash('sha256').update(`${companyId}\u0000${key}`).digest('hex').slice(0, 32)}`;
}

export function makeEvent(companyId: number, key: string, type: WebhookEventType, createdAt: string, data: Record<string, unknown>): WebhookEvent {
  return { id: eventId(companyId, key), type, createdAt, companyId, data };
}

function summary(f: Pick<StoredTurn['findings'][number], 'category' | 'subtype' | 'severity' | 'score' | 'explanation'>): FindingSummary {
  return { category: f.category, subtype: f.subtype, severity: f.severity, score: f.score, explanation: f.explanation };
}

interface Pending {
  key: string;
  event: WebhookEvent;
  wants(hook: WebhookRow): boolean;
}

/** The events of a chunk for the company's webhooks, enqueued in `trx`; returns how many deliveries were new. */
export async function enqueueChunkAlerts(trx: Executor, companyId: number, options: IngestOptions, stored: readonly (StoredTurn | null)[], now: Date): Promise<number> {
  if (options.source === 'upload') return 0;
  const turns = stored.filter((t): t is StoredTurn => t !== null && (t.findings.length > 0 || t.endedNow));
  if (turns.length === 0) return 0;
  const hooks = await repo.activeWebhooks(trx, companyId);
  if (hooks.length === 0) return 0;
  const createdAt = now.toISOString();
  const pending: Pending[] = [];

  for (const t of turns) {
    if (t.endedNow) {
      const key = `violation:${t.sessionId}`;
      pending.push({
        key,
        event: makeEvent(companyId, key, 'session.violation', createdAt, {
          sessionId: t.sessionId,
          userId: t.userId,
          messageId: t.messageId,
          endedAt: t.session.endedAt,
          findings: t.findings.map(summary),
        }),
        wants: (h) => h.on_violation === 1,
      });
    }
    const bySeverity = (min: string | null) => (min === null ? [] : t.findings.filter((f) => severityRank(f.severity) >= severityRank(min as Severity)));
    // One event per threshold in use: a webhook at `high` sees only the turn's high findings.
    for (const level of new Set(hooks.map((h) => h.min_severity).filter((s): s is string => s !== null))) {
      const found = bySeverity(level);
      if (found.length === 0) continue;
      const key = `finding:${t.messageId}:${level}`;
      pending.push({
        key,
        event: makeEvent(companyId, key, 'finding.created', createdAt, {
          sessionId: t.sessionId,
          userId: t.userId,
          messageId: t.messageId,
          messageCreatedAt: t.createdAt,
          minSeverity: level,
          findings: found.map(summary),
        }),
        wants: (h) => h.min_severity === level,
      });
    }
  }

  const days = [...new Set(turns.filter((t) => t.findings.length > 0).map((t) => t.createdAt.slice(0, 10)))];
  pending.push(...(await rateEvents(trx, companyId, hooks, days, createdAt)));
  return insert(trx, companyId, hooks, pending, createdAt);
}

/**
 * The events of findings a review added to a stored live turn: `finding.created` for each
 * webhook's threshold they reach, and a daily rate they push over a threshold. Keyed by the
 * subtypes added (a review adds a subtype to a message at most once), so the engine's earlier
 * event for the same message and threshold does not swallow this one.
 */
export async function enqueueReviewAlerts(trx: Executor, companyId: number, added: ReviewedFindings, now: Date): Promise<number> {
  if (added.findings.length === 0) return 0;
  const hooks = await repo.activeWebhooks(trx, companyId);
  if (hooks.length === 0) return 0;
  const createdAt = now.toISOString();
  const subtypes = [...new Set(added.findings.map((f) => f.subtype))].sort().join(',');
  const pending: Pending[] = [];
  for (const level of new Set(hooks.map((h) => h.min_severity).filter((s): s is string => s !== null))) {
    const found = added.findings.filter((f) => severityRank(f.severity) >= severityRank(level as Severity));
    if (found.length === 0) continue;
    const key = `finding:${added.messageId}:${level}:review:${subtypes}`;
    pending.push({
      key,
      event: makeEvent(companyId, key, 'finding.created', createdAt, {
        sessionId: added.sessionId,
        userId: added.userId,
        messageId: added.messageId,
        messageCreatedAt: added.createdAt,
        minSeverity: level,
        findings: found.map(summary),
      }),
      wants: (h) => h.min_severity === level,
    });
  }
  pending.push(...(await rateEvents(trx, companyId, hooks, [added.createdAt.slice(0, 10)], createdAt)));
  return insert(trx, companyId, hooks, pending, createdAt);
}

/** A daily rate at or above a webhook's threshold, once per webhook, day and category. */
async function rateEvents(trx: Executor, companyId: number, hooks: WebhookRow[], days: string[], createdAt: string): Promise<Pending[]> {
  const pending: Pending[] = [];
  const rated = hooks.filter((h) => h.rate_threshold !== null);
  if (rated.length > 0) {
    for (const r of await repo.dayRates(trx, companyId, days)) {
      const analysed = Number(r.turns_analyzed);
      for (const category of CATEGORIES) {
        const flagged = Number(r[`${category}_flagged` as `${Category}_flagged`]);
        const rate = analysed > 0 ? flagged / analysed : 0;
        for (const h of rated) {
          if (analysed < h.rate_min_turns || rate < Number(h.rate_threshold)) continue;
          // Once per webhook, day and category: the first time the rate is at or above the threshold.
          const key = `rate:${r.day}:${category}:${h.id}`;
          pending.push({
            key,
            event: makeEvent(companyId, key, 'rate.threshold_crossed', createdAt, { day: r.day, category, rate, threshold: Number(h.rate_threshold), flaggedTurns: flagged, turnsAnalyzed: analysed }),
            wants: (x) => x.id === h.id,
          });
        }
      }
    }
  }

  return pending;
}

async function insert(trx: Executor, companyId: number, hooks: WebhookRow[], pending: Pending[], createdAt: string): Promise<number> {
  const rows: Insertable<WebhookDeliveriesTable>[] = [];
  for (const p of pending) {
    for (const h of hooks) {
      if (!p.wants(h)) continue;
      rows.push({ company_id: companyId, webhook_id: h.id, event_type: p.event.type, event_key: p.key, payload: JSON.stringify(p.event), status: 'pending', attempts: 0, next_attempt_at: createdAt, created_at: createdAt });
    }
  }
  return repo.insertDeliveries(trx, rows);
}
