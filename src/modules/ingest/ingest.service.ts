/**
 * Stores chat traffic: every event in its own transaction, so a bad event never costs the good
 * ones; each transaction writes the raw rows, the findings and the rollups together.
 */
import type { Kysely, Transaction } from 'kysely';
import { type CompanyPolicy, applyPolicy } from '../../analysis/policy.js';
import type { AnalysisEngine, Finding } from '../../analysis/types.js';
import { type AnalysisContext, HISTORY_TURNS, contextFor } from '../../chat/context.js';
import { EventError, type IngestEvent, type MessageInput, parseEvent, parseMessageFields } from '../../chat/events.js';
import type { Turn } from '../../chat/turn.js';
import type { DB } from '../../db/database.js';
import { badRequest, conflict } from '../../errors.js';
import { dayOf, isoNow } from '../../lib/time.js';
import { getCompany } from '../companies/companies.service.js';
import { RollupBatch } from '../rollups/rollups.js';
import * as sessions from '../sessions/sessions.repository.js';
import { type StoredFinding, toStoredFinding } from '../sessions/sessions.js';

export const HANDOFF_MESSAGE = 'Live agent required — this conversation has been transferred.';
/** The monitor shows a preview of the last message. */
export const PREVIEW_LENGTH = 120;

export interface IngestDeps {
  db: Kysely<DB>;
  engine: AnalysisEngine;
  /** Called after a message is committed (e.g. to queue it for the optional LLM judge). */
  onMessageStored?: (companyId: number, message: StoredMessageRef) => void;
  log?: { error(obj: object, msg: string): void };
}

export interface StoredMessageRef {
  messageId: string;
  sessionId: string;
  turn: Turn;
  context: AnalysisContext;
  /** The engine's findings before the company policy (the judge looks at the uncertain ones). */
  findings: Finding[];
}

export interface IngestOptions {
  source: 'live' | 'upload';
  uploadId?: number | null;
  /** Live traffic ends a session on a violation; historical uploads only record it. */
  endSessionsOnViolation: boolean;
}

export const LIVE: IngestOptions = { source: 'live', endSessionsOnViolation: true };

export type EventStatus = 'accepted' | 'duplicate' | 'rejected';
export interface EventResult {
  id: string;
  status: EventStatus;
  error?: string;
}

/** Event id of the implicit event behind a live turn, so re-sending the same message is a duplicate. */
export function liveTurnEventId(sessionId: string, messageId: string): string {
  return `live:${sessionId}:${messageId}`;
}

export function preview(content: string): string {
  return content.length > PREVIEW_LENGTH ? `${content.slice(0, PREVIEW_LENGTH - 1)}…` : content;
}

interface Ctx {
  deps: IngestDeps;
  companyId: number;
  policy: CompanyPolicy;
  options: IngestOptions;
}

export async function ingestEvents(
  deps: IngestDeps,
  companyId: number,
  rawEvents: unknown[],
  options: IngestOptions = LIVE,
): Promise<EventResult[]> {
  const company = await getCompany(deps.db, companyId);
  const ctx: Ctx = { deps, companyId, policy: company.policy, options };
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
async function ingestParsed(ctx: Ctx, parsed: ({ id: string; event: IngestEvent } | { id: string; error: string })[]): Promise<EventResult[]> {
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
  ctx: Ctx,
  eventId: string,
  type: string,
  batch: RollupBatch,
  apply: (trx: Transaction<DB>, batch: RollupBatch) => Promise<(() => void) | void>,
): Promise<Applied> {
  const inserted = await trx
    .insertInto('ingested_events')
    .values({ company_id: ctx.companyId, event_id: eventId, type, received_at: isoNow() })
    .onConflict((oc) => oc.columns(['company_id', 'event_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { status: 'duplicate' };
  const after = await apply(trx, batch);
  return { status: 'accepted', after: after ?? undefined };
}

async function applyInTransaction(
  ctx: Ctx,
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

async function applyEvent(trx: Transaction<DB>, ctx: Ctx, e: IngestEvent, batch: RollupBatch): Promise<(() => void) | void> {
  switch (e.type) {
    case 'session.started':
      await ensureSession(trx, ctx, e.sessionId, e.userId, e.timestamp, batch);
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

async function ensureSession(
  trx: Transaction<DB>,
  ctx: Ctx,
  sessionId: string,
  userId: string | null,
  at: string,
  batch: RollupBatch,
) {
  const existing = await sessions.findSession(trx, ctx.companyId, sessionId);
  if (existing) {
    if (!existing.user_id && userId) await sessions.updateSession(trx, ctx.companyId, sessionId, { user_id: userId });
    return { ...existing, user_id: existing.user_id ?? userId, created: false };
  }
  const row = {
    company_id: ctx.companyId,
    id: sessionId,
    user_id: userId,
    created_at: at,
    last_activity_at: at,
    ended_at: null,
    ended_reason: null,
    message_count: 0,
    last_message: null,
    source: ctx.options.source,
    upload_id: ctx.options.uploadId ?? null,
  };
  await sessions.insertSession(trx, row);
  batch.add(dayOf(at), 'sessions_count');
  return { ...row, created: true };
}

export interface StoredTurn {
  messageId: string;
  sessionId: string;
  findings: StoredFinding[];
  session: { id: string; endedAt: string | null; endedReason: 'user' | 'violation' | null; messageCount: number };
  sessionCreated: boolean;
  analyzed: boolean;
}

/**
 * Stores one message with its findings and rollups. `precomputed` lets bulk paths run the
 * engine elsewhere (a worker pool) and store the result here.
 */
export async function storeMessage(
  trx: Transaction<DB>,
  ctx: Ctx,
  m: MessageInput,
  batch: RollupBatch,
  precomputed?: Finding[] | null,
): Promise<StoredTurn & { after?: () => void }> {
  // Checked before any write, so a rejected message leaves nothing behind.
  if (await sessions.findMessage(trx, ctx.companyId, m.messageId)) {
    throw new EventError(`messageId ${m.messageId} already exists`);
  }
  const session = await ensureSession(trx, ctx, m.sessionId, m.userId, m.timestamp, batch);
  const day = dayOf(m.timestamp);
  const userId = m.userId ?? session.user_id ?? null;
  const analyzable = m.role === 'user' || m.role === 'assistant';

  let turn: Turn | null = null;
  let context: AnalysisContext | null = null;
  let raw: Finding[] = [];
  let analyzed = false;
  if (analyzable && precomputed) {
    raw = precomputed;
    analyzed = true;
  } else if (analyzable) {
    turn = { role: m.role, content: m.content };
    const history = await sessions.recentMessages(trx, ctx.companyId, m.sessionId, HISTORY_TURNS);
    context = contextFor(m.role, history.map((h) => ({ role: h.role, content: h.content })), m.documents);
    try {
      raw = ctx.deps.engine.analyze(turn, context);
      analyzed = true;
    } catch (err) {
      // An engine bug must not lose the message: store it unanalysed and say so in the log.
      ctx.deps.log?.error({ err, messageId: m.messageId }, 'analysis engine failed; message stored without analysis');
    }
  }
  const { kept, violation } = analyzed ? applyPolicy(raw, ctx.policy, m.content) : { kept: [], violation: null };

  await sessions.insertMessage(trx, {
    company_id: ctx.companyId,
    id: m.messageId,
    session_id: m.sessionId,
    seq: session.message_count,
    role: m.role,
    content: m.content,
    user_id: userId,
    model: m.model,
    documents: m.documents.length ? JSON.stringify(m.documents) : null,
    tools: m.tools.length ? JSON.stringify(m.tools) : null,
    created_at: m.timestamp,
    analyzed: analyzed ? 1 : 0,
    engine_version: analyzed ? ctx.deps.engine.version : null,
    source: ctx.options.source,
    upload_id: ctx.options.uploadId ?? null,
  });
  const findingRows = kept.map((f) => ({
    company_id: ctx.companyId,
    message_id: m.messageId,
    session_id: m.sessionId,
    day,
    category: f.category,
    subtype: f.subtype,
    score: f.score,
    severity: f.severity,
    spans: JSON.stringify(f.spans),
    explanation: f.explanation,
    detector: f.detector,
  }));
  await sessions.insertFindings(trx, findingRows);

  // Rollups of this message.
  const sessionDay = dayOf(session.created_at);
  batch.add(sessionDay, 'session_messages');
  if (analyzed) {
    batch.add(day, 'turns_analyzed');
    batch.add(day, 'issues', kept.length);
    for (const category of new Set(kept.map((f) => f.category))) batch.add(day, `${category}_flagged`);
    for (const f of kept) batch.subtype(day, f.subtype);
  }
  if (m.role === 'user') {
    batch.add(day, 'user_queries');
    if (userId) {
      batch.user(day, userId, 1, null);
      await sessions.upsertEndUser(trx, ctx.companyId, userId, m.timestamp, {});
    }
  } else if (m.role === 'assistant') {
    batch.add(day, 'model_responses');
    batch.modelResponseAt(day, m.timestamp);
    if (m.documents.length > 0) batch.add(day, 'model_responses_with_docs');
    for (const d of m.documents) batch.document(day, d.id, d.filename, d.title);
  }
  if (m.model) batch.model(day, m.model);
  for (const t of m.tools) batch.tool(day, t.name);

  let messageCount = session.message_count + 1;
  const isLatest = m.timestamp >= session.last_activity_at || session.message_count === 0;
  let endedAt = session.ended_at;
  let endedReason = session.ended_reason;
  let lastMessage = isLatest ? preview(m.content) : session.last_message;
  let lastActivityAt = isLatest ? m.timestamp : session.last_activity_at;

  if (violation && ctx.options.endSessionsOnViolation && !session.ended_at) {
    await sessions.insertMessage(trx, {
      company_id: ctx.companyId,
      id: `${m.messageId}:handoff`,
      session_id: m.sessionId,
      seq: messageCount,
      role: 'system',
      content: HANDOFF_MESSAGE,
      user_id: null,
      model: null,
      documents: null,
      tools: null,
      created_at: m.timestamp,
      analyzed: 0,
      engine_version: null,
      source: ctx.options.source,
      upload_id: ctx.options.uploadId ?? null,
    });
    batch.add(sessionDay, 'session_messages');
    messageCount += 1;
    endedAt = m.timestamp > session.last_activity_at ? m.timestamp : session.last_activity_at;
    endedReason = 'violation';
    lastMessage = HANDOFF_MESSAGE;
    lastActivityAt = endedAt;
  }
  await sessions.updateSession(trx, ctx.companyId, m.sessionId, {
    message_count: messageCount,
    last_activity_at: lastActivityAt,
    last_message: lastMessage,
    ended_at: endedAt,
    ended_reason: endedReason,
  });

  const stored = findingRows.map((r, i) => toStoredFinding({ ...r, id: i }));
  const after =
    analyzed && turn && context && ctx.deps.onMessageStored
      ? () => ctx.deps.onMessageStored!(ctx.companyId, { messageId: m.messageId, sessionId: m.sessionId, turn: turn!, context: context!, findings: raw })
      : undefined;
  return {
    messageId: m.messageId,
    sessionId: m.sessionId,
    findings: stored,
    session: { id: m.sessionId, endedAt, endedReason, messageCount },
    sessionCreated: session.created,
    analyzed,
    after,
  };
}

async function storeFeedback(trx: Transaction<DB>, ctx: Ctx, e: Extract<IngestEvent, { type: 'feedback' }>, batch: RollupBatch) {
  const message = await sessions.findMessage(trx, ctx.companyId, e.messageId);
  if (!message) throw new EventError(`messageId ${e.messageId} is not a known message`);
  await trx
    .insertInto('feedback')
    .values({ company_id: ctx.companyId, id: e.id, message_id: e.messageId, kind: e.kind, user_id: e.userId, created_at: e.timestamp })
    .execute();
  batch.add(dayOf(e.timestamp), e.kind === 'like' ? 'likes' : e.kind === 'dislike' ? 'dislikes' : 'copies');
}

async function endSession(trx: Transaction<DB>, ctx: Ctx, sessionId: string, at: string) {
  const session = await sessions.findSession(trx, ctx.companyId, sessionId);
  if (!session) throw new EventError(`sessionId ${sessionId} is not a known session`);
  if (session.ended_at) return; // the first end wins: a violation is not overwritten by a later close
  await sessions.updateSession(trx, ctx.companyId, sessionId, {
    ended_at: at,
    ended_reason: 'user',
    last_activity_at: at > session.last_activity_at ? at : session.last_activity_at,
  });
}

async function storeConnection(trx: Transaction<DB>, ctx: Ctx, e: Extract<IngestEvent, { type: 'connection' }>, batch: RollupBatch) {
  await trx
    .insertInto('connections')
    .values({ company_id: ctx.companyId, id: e.id, user_id: e.userId, email: e.email, created_at: e.timestamp })
    .execute();
  await sessions.upsertEndUser(trx, ctx.companyId, e.userId, e.timestamp, { email: e.email, connection: true });
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
  let m: MessageInput;
  try {
    m = parseMessageFields(body, sessionId, now);
  } catch (err) {
    if (err instanceof EventError) throw badRequest(err.message);
    throw err;
  }
  const company = await getCompany(deps.db, companyId);
  const ctx: Ctx = { deps, companyId, policy: company.policy, options: LIVE };
  const existing = await sessions.findSession(deps.db, companyId, sessionId);
  if (existing?.ended_at && !(await sessions.findMessage(deps.db, companyId, m.messageId))) {
    throw conflict(`session ${sessionId} has ended (${existing.ended_reason}); start a new session`);
  }
  let stored: (StoredTurn & { after?: () => void }) | null = null;
  let status: EventStatus;
  try {
    status = await applyInTransaction(ctx, liveTurnEventId(sessionId, m.messageId), 'message', async (trx, batch) => {
      stored = await storeMessage(trx, ctx, m, batch);
      return stored.after;
    });
  } catch (err) {
    if (err instanceof EventError) throw conflict(err.message);
    throw err;
  }
  if (status === 'accepted' && stored) return { created: true, turn: stored };
  return { created: false, turn: await readStoredTurn(deps.db, companyId, sessionId, m.messageId) };
}

async function readStoredTurn(db: Kysely<DB>, companyId: number, sessionId: string, messageId: string): Promise<StoredTurn> {
  const [session, findings] = await Promise.all([
    sessions.findSession(db, companyId, sessionId),
    sessions.findingsOfMessage(db, companyId, messageId),
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
  results: EventResult[];
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
  const ctx: Ctx = { deps, companyId, policy: company.policy, options };
  return deps.db.transaction().execute(async (trx) => {
    const batch = new RollupBatch(companyId);
    const out: BulkResult = { results: [], sessionsCreated: 0, turnsAnalyzed: 0 };
    for (const item of items) {
      const inserted = await trx
        .insertInto('ingested_events')
        .values({ company_id: companyId, event_id: item.eventId, type: 'message', received_at: isoNow() })
        .onConflict((oc) => oc.columns(['company_id', 'event_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
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
        await trx.deleteFrom('ingested_events').where('company_id', '=', companyId).where('event_id', '=', item.eventId).execute();
        out.results.push({ id: item.eventId, status: 'rejected', error: err.message });
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
    for (const id of await sessions.sessionsWithMessages(db, companyId, sessionIds.slice(i, i + 500))) {
      const rows = await sessions.recentMessages(db, companyId, id, HISTORY_TURNS);
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
  await sessions.endSessionsOfUpload(db, companyId, uploadId);
}
