/**
 * The write path's entry points: events from the ingest API (one transaction per request, one
 * savepoint per event, so a bad event never costs the good ones), a live turn (analysed inline,
 * answered with its findings), bulk messages (uploads: one transaction per chunk). Each stores
 * messages through the pipeline in ingest.pipeline.ts and applies the rollups in the same
 * transaction as the raw rows.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Finding } from '../../analysis/types.js';
import { HISTORY_TURNS } from '../../chat/context.js';
import { EventError, type IngestEvent, type MessageInput, parseEvent, parseMessageFields } from '../../chat/events.js';
import type { Turn } from '../../chat/turn.js';
import type { DB } from '../../db/database.js';
import { type ErrorCode, conflict } from '../../errors.js';
import { dayOf, isoNow } from '../../lib/time.js';
import { getCompany } from '../companies/companies.service.js';
import { RollupBatch } from '../rollups/rollups.js';
import { toStoredFinding } from '../findings/findings.js';
import { type EventResult, type EventStatus, type IngestDeps, type IngestOptions, LIVE, type StoredTurn } from './ingest.js';
import { type WriteContext, openSession, storeMessage } from './ingest.pipeline.js';
import * as repo from './ingest.repository.js';

/** A live turn: ended on a violation, and refused (409) in a session that has ended. */
const LIVE_TURN: IngestOptions = { ...LIVE, refuseEndedSessions: true };

/** Event id of the implicit event behind a live turn, so re-sending the same message is a duplicate. */
export function liveTurnEventId(sessionId: string, messageId: string): string {
  return `live:${sessionId}:${messageId}`;
}

export async function ingestEvents(
  deps: IngestDeps,
  companyId: number,
  rawEvents: unknown[],
  options: IngestOptions = LIVE,
): Promise<EventResult[]> {
  const company = await getCompany(deps.db, companyId);
  const ctx: WriteContext = { deps, companyId, policy: company.policy, options };
  const parsed = rawEvents.map((raw) => {
    const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : '';
    try {
      return { id, event: parseEvent(raw) };
    } catch (err) {
      return { id, error: (err as Error).message };
    }
  });
  // A deadlock between two concurrent batches rolls one back whole; it is safe to run again
  // because nothing of it was committed and every event is idempotent.
  for (let attempt = 1; ; attempt++) {
    try {
      return await ingestParsed(ctx, parsed);
    } catch (err) {
      if (attempt >= 3 || !isRetryable(err)) throw err;
    }
  }
}

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === '40P01' || code === '40001';
}

/**
 * One transaction for the whole request, one savepoint per event: a rejected event rolls back
 * alone, the good ones commit together, and the rollups of the request are applied once.
 */
async function ingestParsed(ctx: WriteContext, parsed: ({ id: string; event: IngestEvent } | { id: string; error: string })[]): Promise<EventResult[]> {
  const results: EventResult[] = [];
  const afters: (() => void)[] = [];
  const total = new RollupBatch(ctx.companyId);
  const trx = await ctx.deps.db.startTransaction().execute();
  try {
    for (const p of parsed) {
      if ('error' in p) {
        results.push({ id: p.id, status: 'rejected', error: p.error });
        continue;
      }
      const sp = await trx.savepoint('event').execute();
      try {
        const batch = new RollupBatch(ctx.companyId);
        const applied = await applyOnce(sp, ctx, p.event.id, p.event.type, batch, (t, b) => applyEvent(t, ctx, p.event, b));
        await sp.releaseSavepoint('event').execute();
        if (applied.status === 'accepted') {
          total.merge(batch);
          if (applied.after) afters.push(applied.after);
        }
        results.push({ id: p.id, status: applied.status });
      } catch (err) {
        await (await sp.rollbackToSavepoint('event').execute()).releaseSavepoint('event').execute();
        if (!(err instanceof EventError)) throw err;
        results.push({ id: p.id, status: 'rejected', error: err.message });
      }
    }
    await total.apply(trx);
    await trx.commit().execute();
  } catch (err) {
    await trx.rollback().execute().catch(() => {});
    throw err;
  }
  for (const after of afters) after();
  return results;
}

type Applied = { status: 'accepted'; after?: () => void } | { status: 'duplicate' };

/** Records the event id (a duplicate stops here) and applies the event. */
async function applyOnce(
  trx: Transaction<DB>,
  ctx: WriteContext,
  eventId: string,
  type: string,
  batch: RollupBatch,
  apply: (trx: Transaction<DB>, batch: RollupBatch) => Promise<(() => void) | void>,
): Promise<Applied> {
  if (!(await repo.recordEvent(trx, ctx.companyId, eventId, type))) return { status: 'duplicate' };
  const after = await apply(trx, batch);
  return { status: 'accepted', after: after ?? undefined };
}

async function applyInTransaction(
  ctx: WriteContext,
  eventId: string,
  type: string,
  apply: (trx: Transaction<DB>, batch: RollupBatch) => Promise<(() => void) | void>,
): Promise<EventStatus> {
  const applied = await ctx.deps.db.transaction().execute(async (trx) => {
    const batch = new RollupBatch(ctx.companyId);
    const a = await applyOnce(trx, ctx, eventId, type, batch, apply);
    await batch.apply(trx);
    return a;
  });
  if (applied.status === 'accepted') applied.after?.();
  return applied.status;
}

async function applyEvent(trx: Transaction<DB>, ctx: WriteContext, e: IngestEvent, batch: RollupBatch): Promise<(() => void) | void> {
  switch (e.type) {
    case 'session.started':
      await openSession(trx, ctx, e.sessionId, e.userId, e.timestamp, batch);
      return;
    case 'message':
      return (await storeMessage(trx, ctx, e, batch)).after;
    case 'feedback':
      await storeFeedback(trx, ctx, e, batch);
      return;
    case 'session.ended':
      await endSession(trx, ctx, e.sessionId, e.timestamp);
      return;
    case 'connection':
      await storeConnection(trx, ctx, e, batch);
      return;
  }
}

async function storeFeedback(trx: Transaction<DB>, ctx: WriteContext, e: Extract<IngestEvent, { type: 'feedback' }>, batch: RollupBatch) {
  const message = await repo.findMessage(trx, ctx.companyId, e.messageId);
  if (!message) throw new EventError(`messageId ${e.messageId} is not a known message`);
  await repo.insertFeedback(trx, { companyId: ctx.companyId, id: e.id, messageId: e.messageId, kind: e.kind, userId: e.userId, at: e.timestamp });
  batch.add(dayOf(e.timestamp), e.kind === 'like' ? 'likes' : e.kind === 'dislike' ? 'dislikes' : 'copies');
}

async function endSession(trx: Transaction<DB>, ctx: WriteContext, sessionId: string, at: string) {
  const session = await repo.findSession(trx, ctx.companyId, sessionId);
  if (!session) throw new EventError(`sessionId ${sessionId} is not a known session`);
  if (session.ended_at) return; // the first end wins: a violation is not overwritten by a later close
  await repo.updateSession(trx, ctx.companyId, sessionId, {
    ended_at: at,
    ended_reason: 'user',
    last_activity_at: at > session.last_activity_at ? at : session.last_activity_at,
  });
}

async function storeConnection(trx: Transaction<DB>, ctx: WriteContext, e: Extract<IngestEvent, { type: 'connection' }>, batch: RollupBatch) {
  await repo.insertConnection(trx, { companyId: ctx.companyId, id: e.id, userId: e.userId, email: e.email, at: e.timestamp });
  await repo.upsertEndUser(trx, ctx.companyId, e.userId, e.timestamp, { email: e.email, connection: true });
  batch.user(dayOf(e.timestamp), e.userId, 0, e.timestamp);
}

export interface LiveTurnResult {
  created: boolean;
  turn: StoredTurn;
}

/**
 * One live turn: stored and analysed inline, so the answer tells the chat product at once
 * whether the session was just ended for a violation. Re-sending the same messageId returns
 * the stored turn unchanged.
 */
export async function recordLiveTurn(
  deps: IngestDeps,
  companyId: number,
  sessionId: string,
  body: Record<string, unknown>,
  now: string = isoNow(),
): Promise<LiveTurnResult> {
  // An invalid body is a 400 and a messageId stored before (by another path) a 409: both are
  // EventErrors whose code the HTTP layer maps.
  const m = parseMessageFields(body, sessionId, now);
  const company = await getCompany(deps.db, companyId);
  const ctx: WriteContext = { deps, companyId, policy: company.policy, options: LIVE_TURN };
  let stored: (StoredTurn & { after?: () => void }) | null = null;
  const status = await applyInTransaction(ctx, liveTurnEventId(sessionId, m.messageId), 'message', async (trx, batch) => {
    stored = await storeMessage(trx, ctx, m, batch);
    return stored.after;
  });
  if (status === 'accepted' && stored) return { created: true, turn: stored };
  return { created: false, turn: await readStoredTurn(deps.db, companyId, sessionId, m.messageId) };
}

async function readStoredTurn(db: Kysely<DB>, companyId: number, sessionId: string, messageId: string): Promise<StoredTurn> {
  const [session, findings] = await Promise.all([
    repo.findSession(db, companyId, sessionId),
    repo.findingsOfMessage(db, companyId, messageId),
  ]);
  if (!session) throw conflict(`session ${sessionId} does not exist`);
  return {
    messageId,
    sessionId,
    findings: findings.map(toStoredFinding),
    session: { id: session.id, endedAt: session.ended_at, endedReason: session.ended_reason, messageCount: session.message_count },
    sessionCreated: false,
    analyzed: true,
  };
}

export interface BulkMessage {
  /** Idempotency key: a message whose event id was seen before is a duplicate. */
  eventId: string;
  message: MessageInput;
  /** Findings computed elsewhere (a worker pool) from the same turn and context; analysed here when absent. */
  findings?: Finding[] | null;
}

export interface BulkResult {
  /** A rejected message carries the code of its EventError (CONFLICT: the messageId is already stored). */
  results: (EventResult & { code?: ErrorCode })[];
  sessionsCreated: number;
  turnsAnalyzed: number;
}

/**
 * Stores many messages in one transaction (bulk paths: uploads, re-analysis). Rollups are
 * applied once for the whole chunk; `inTransaction` lets the caller record its own progress in
 * the same transaction, so a crash never leaves progress and data out of step.
 */
export async function ingestMessages(
  deps: IngestDeps,
  companyId: number,
  items: BulkMessage[],
  options: IngestOptions,
  inTransaction?: (trx: Transaction<DB>, result: BulkResult) => Promise<void>,
): Promise<BulkResult> {
  const company = await getCompany(deps.db, companyId);
  const ctx: WriteContext = { deps, companyId, policy: company.policy, options };
  return deps.db.transaction().execute(async (trx) => {
    const batch = new RollupBatch(companyId);
    const out: BulkResult = { results: [], sessionsCreated: 0, turnsAnalyzed: 0 };
    for (const item of items) {
      if (!(await repo.recordEvent(trx, companyId, item.eventId, 'message'))) {
        out.results.push({ id: item.eventId, status: 'duplicate' });
        continue;
      }
      try {
        const stored = await storeMessage(trx, ctx, item.message, batch, item.findings);
        if (stored.sessionCreated) out.sessionsCreated++;
        if (stored.analyzed) out.turnsAnalyzed++;
        out.results.push({ id: item.eventId, status: 'accepted' });
      } catch (err) {
        if (!(err instanceof EventError)) throw err;
        await repo.forgetEvent(trx, companyId, item.eventId);
        out.results.push({ id: item.eventId, status: 'rejected', error: err.message, code: err.code });
      }
    }
    await batch.apply(trx);
    if (inTransaction) await inTransaction(trx, out);
    return out;
  });
}

/**
 * The stored tails (last HISTORY_TURNS turns, oldest first) of the sessions that already hold
 * messages: the context a bulk path continues from (earlier uploads, a previous run of a job).
 */
export async function historyOf(db: Kysely<DB>, companyId: number, sessionIds: string[]): Promise<Map<string, Turn[]>> {
  const out = new Map<string, Turn[]>();
  for (let i = 0; i < sessionIds.length; i += 500) {
    for (const id of await repo.sessionsWithMessages(db, companyId, sessionIds.slice(i, i + 500))) {
      const rows = await repo.recentMessages(db, companyId, id, HISTORY_TURNS);
      out.set(id, rows.map((r) => ({ role: r.role, content: r.content })));
    }
  }
  return out;
}

/**
 * Historical conversations are over: the sessions an upload created end at their last message,
 * so the monitor never shows them as active. Idempotent.
 */
export async function endUploadedSessions(db: Kysely<DB>, companyId: number, uploadId: number): Promise<void> {
  await repo.endSessionsOfUpload(db, companyId, uploadId);
}
