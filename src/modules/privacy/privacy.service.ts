/**
 * Erasure of one end user or one session, retention, and the audit log that records both.
 * Each step runs in a transaction that deletes raw rows and takes their counts back from the
 * rollups together (privacy.remove.ts), so reports and trends always match the raw rows left.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import type { ChatlensDialect } from '../../db/dialect/dialect.js';
import { badRequest, notFound } from '../../errors.js';
import { addDays, dayOf } from '../../lib/time.js';
import type { Principal } from '../auth/auth.js';
import type { AuditAction, AuditEntry, AuditPage, Erasure, Retention } from './privacy.js';
import { NOTHING, type RemovedCounts, addCounts, removeRows } from './privacy.remove.js';
import * as repo from './privacy.repository.js';
import { deleteRefusalsBefore } from '../uploads/uploads.repository.js';

export interface PrivacyDeps {
  db: Kysely<DB>;
  dialect: Pick<ChatlensDialect, 'supportsSkipLocked'>;
  now: () => Date;
}

/** Sessions per erasure transaction: one user's history is erased in bounded steps. */
const ERASE_BATCH = 100;
/** A retention step deletes up to this many sessions, and stops adding sessions past PURGE_MESSAGES messages. */
export const PURGE_SESSIONS = 200;
export const PURGE_MESSAGES = 5_000;

async function actorOf(deps: PrivacyDeps, p: Principal | undefined): Promise<string> {
  if (!p) return 'unknown';
  if (p.kind === 'account' && p.accountId !== undefined) return `account ${p.accountId} ${(await repo.accountEmail(deps.db, p.accountId)) ?? ''}`.trim();
  if (p.keyId !== undefined) return `api key ${p.keyId} ${(await repo.keyLabel(deps.db, p.keyId)) ?? ''}`.trim();
  return p.kind;
}

function audit(deps: PrivacyDeps, x: Parameters<typeof repo.insertAudit>[0], companyId: number, actor: string, action: AuditAction, target: string | null, counts: object) {
  return repo.insertAudit(x, { company_id: companyId, at: deps.now().toISOString(), actor, action, target, counts: JSON.stringify(counts) });
}

/** Erases one session with its messages, findings and feedback on them. */
export async function eraseSession(deps: PrivacyDeps, companyId: number, sessionId: string, principal: Principal | undefined): Promise<Erasure> {
  const actor = await actorOf(deps, principal);
  return deps.db.transaction().execute(async (trx) => {
    const session = await repo.lockSession(trx, companyId, sessionId, deps.dialect.supportsSkipLocked);
    if (!session) throw notFound(`session ${sessionId} does not exist`);
    const messages = await repo.messagesOfSessions(trx, companyId, [sessionId]);
    const erased = await removeRows(trx, companyId, { sessions: [session], messages }, null);
    const auditId = await audit(deps, trx, companyId, actor, 'erase.session', sessionId, erased);
    return { erased, auditId };
  });
}

/**
 * Erases one end user: their sessions (with every message, finding and feedback in them), their
 * messages and feedback elsewhere, their connections, and their end-user and daily rows. Sessions
 * go in steps of ERASE_BATCH, each its own transaction; an erasure cut short is completed by
 * asking again. 404 when nothing of the user is stored.
 */
export async function eraseUser(deps: PrivacyDeps, companyId: number, userId: string, principal: Principal | undefined): Promise<Erasure> {
  const actor = await actorOf(deps, principal);
  let total: RemovedCounts = NOTHING;
  for (;;) {
    const step = await deps.db.transaction().execute(async (trx) => {
      const sessions = await repo.sessionsOfUser(trx, companyId, userId, ERASE_BATCH, deps.dialect.supportsSkipLocked);
      if (sessions.length === 0) return null;
      return removeRows(trx, companyId, { sessions, messages: await repo.messagesOfSessions(trx, companyId, sessions.map((s) => s.id)) }, null);
    });
    if (!step) break;
    total = addCounts(total, step);
  }
  return deps.db.transaction().execute(async (trx) => {
    // Their user turns left in other people's sessions still count on their daily rows: find them there.
    const stray = [];
    for (const d of await repo.dailyUserRows(trx, companyId, userId)) {
      if (Number(d.user_queries) > 0) stray.push(...(await repo.userMessagesOnDay(trx, companyId, userId, d.day)));
    }
    const feedback = await repo.feedbackOfUser(trx, companyId, userId);
    const connections = await repo.connectionsOfUser(trx, companyId, userId);
    const rest = await removeRows(trx, companyId, { sessions: [], messages: stray, feedback, connections }, null);
    await repo.deleteDailyUser(trx, companyId, userId);
    const endUser = await repo.deleteEndUser(trx, companyId, userId);
    total = addCounts(total, rest);
    if (endUser === 0 && Object.values(total).every((n) => n === 0)) throw notFound(`end user ${userId} has nothing stored`);
    const auditId = await audit(deps, trx, companyId, actor, 'erase.user', userId, total);
    return { erased: total, auditId };
  });
}

// ── Retention ─────────────────────────────────────────────────────────────────────────────

export async function getRetention(deps: PrivacyDeps, companyId: number): Promise<Retention> {
  const r = await repo.retentionOf(deps.db, companyId);
  if (!r) throw notFound(`company ${companyId} does not exist`);
  return { days: r.retention_days === null ? null : Number(r.retention_days), rawKeptFrom: r.raw_kept_from };
}

export async function setRetention(deps: PrivacyDeps, companyId: number, days: number | null, principal: Principal | undefined): Promise<Retention> {
  if (days !== null && (!Number.isInteger(days) || days < 1)) throw badRequest('days must be a whole number of days from 1, or null');
  const actor = await actorOf(deps, principal);
  const before = await getRetention(deps, companyId);
  await deps.db.transaction().execute(async (trx) => {
    await repo.setRetention(trx, companyId, days);
    await audit(deps, trx, companyId, actor, 'retention.changed', 'retention days', { from: before.days, to: days });
  });
  return getRetention(deps, companyId);
}

/** The first moment of the day `days` days before today: sessions last active before it expire. */
export function retentionCutoff(now: Date, days: number): string {
  return addDays(dayOf(now), -days);
}

/**
 * One bounded retention step for a company: deletes the oldest expired sessions (up to
 * PURGE_SESSIONS, and PURGE_MESSAGES messages), keeps the rollups of the days they fell on, and
 * adds the counts to the day's audit entry; refused-upload records expire with them. Returns
 * what it deleted.
 */
export async function purgeStep(deps: PrivacyDeps, companyId: number, days: number): Promise<RemovedCounts> {
  const cutoffDay = retentionCutoff(deps.now(), days);
  return deps.db.transaction().execute(async (trx) => {
    // A refused upload's record (its file name and reason) expires like the traffic.
    await deleteRefusalsBefore(trx, companyId, `${cutoffDay}T00:00:00.000Z`);
    const candidates = await repo.expiredSessions(trx, companyId, `${cutoffDay}T00:00:00.000Z`, PURGE_SESSIONS, deps.dialect.supportsSkipLocked);
    if (candidates.length === 0) return NOTHING;
    const sessions = [];
    let messages = 0;
    for (const s of candidates) {
      if (sessions.length > 0 && messages + Number(s.message_count) > PURGE_MESSAGES) break;
      sessions.push(s);
      messages += Number(s.message_count);
    }
    const removed = await removeRows(trx, companyId, { sessions, messages: await repo.messagesOfSessions(trx, companyId, sessions.map((s) => s.id)) }, cutoffDay);
    await repo.raiseRawKeptFrom(trx, companyId, cutoffDay);
    await repo.addToPurgeAudit(trx, companyId, deps.now().toISOString(), cutoffDay, removed);
    return removed;
  });
}

/** One retention step for the first company with expired sessions; false when none has any. */
export async function runRetentionStep(deps: PrivacyDeps): Promise<boolean> {
  for (const c of await repo.companiesWithRetention(deps.db)) {
    const removed = await purgeStep(deps, Number(c.id), Number(c.retention_days));
    if (removed.sessions > 0) return true;
  }
  return false;
}

// ── Audit log ─────────────────────────────────────────────────────────────────────────────

export async function auditLog(deps: PrivacyDeps, companyId: number, page: { limit: number; cursor?: string }): Promise<AuditPage> {
  let before: number | null = null;
  if (page.cursor !== undefined) {
    if (!/^[1-9]\d{0,9}$/.test(page.cursor)) throw badRequest('cursor must be the nextCursor of a previous page');
    before = Number(page.cursor);
  }
  const rows = await repo.auditPage(deps.db, companyId, before, page.limit + 1);
  const shown = rows.slice(0, page.limit);
  const entries: AuditEntry[] = shown.map((r) => {
    let counts: AuditEntry['counts'] = {};
    try {
      counts = JSON.parse(r.counts) as AuditEntry['counts'];
    } catch {
      counts = {};
    }
    return { id: Number(r.id), at: r.at, actor: r.actor, action: r.action as AuditAction, target: r.target, counts };
  });
  return { entries, nextCursor: rows.length > page.limit ? String(shown[shown.length - 1].id) : null };
}
