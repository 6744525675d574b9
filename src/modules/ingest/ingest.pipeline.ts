/**
 * The write path of one message, a short pipeline of named steps:
 *
 *   session → context → analyse → policy → finding rows → rollup contribution → session update
 *
 * Each step is one function here, shared by every way a message arrives: live turns and the
 * ingest API (ingest.service.ts), bulk ingestion and uploads (which analyse beforehand in the
 * worker pool and hand the findings in), and the LLM judge's later findings (judge-review.ts
 * reuses policy, finding rows and rollup contribution). Its SQL is in ingest.repository.ts; the
 * caller owns the transaction.
 */
import type { Insertable, Transaction } from 'kysely';
import { type CompanyPolicy, type PolicyOutcome, applyPolicy } from '../../analysis/policy.js';
import type { Category, Finding } from '../../analysis/types.js';
import { type AnalysisContext, HISTORY_TURNS, contextFor } from '../../chat/context.js';
import { EventError, type MessageInput } from '../../chat/events.js';
import type { Turn } from '../../chat/turn.js';
import type { ChatSessionRow, DB, FindingRow, MessagesTable } from '../../db/database.js';
import { conflict } from '../../errors.js';
import { dayOf } from '../../lib/time.js';
import type { RollupBatch } from '../rollups/rollups.js';
import { toStoredFinding } from '../findings/findings.js';
import type { IngestDeps, IngestOptions, StoredTurn } from './ingest.js';
import * as repo from './ingest.repository.js';

export const HANDOFF_MESSAGE = 'Live agent required — this conversation has been transferred.';
/** The monitor shows a preview of the last message. */
export const PREVIEW_LENGTH = 120;

/** Who is writing: the company (with its policy) and how this traffic is treated. */
export interface WriteContext {
  deps: IngestDeps;
  companyId: number;
  policy: CompanyPolicy;
  options: IngestOptions;
}

export function preview(content: string): string {
  return content.length > PREVIEW_LENGTH ? `${content.slice(0, PREVIEW_LENGTH - 1)}…` : content;
}

// ── Steps ───────────────────────────────────────────────────────────────────────────────────

/** Session: the stored session, created (and counted) on its first event. */
export async function openSession(trx: Transaction<DB>, ctx: WriteContext, sessionId: string, userId: string | null, at: string, batch: RollupBatch) {
  const existing = await repo.findSession(trx, ctx.companyId, sessionId);
  if (existing) {
    if (!existing.user_id && userId) await repo.updateSession(trx, ctx.companyId, sessionId, { user_id: userId });
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
  await repo.insertSession(trx, row);
  batch.add(dayOf(at), 'sessions_count');
  return { ...row, created: true };
}

/** Context: the session's stored tail and the message's documents (chat/context.ts contextFor). */
async function contextOf(trx: Transaction<DB>, ctx: WriteContext, m: MessageInput): Promise<AnalysisContext> {
  const history = await repo.recentMessages(trx, ctx.companyId, m.sessionId, HISTORY_TURNS);
  return contextFor(m.role, history.map((h) => ({ role: h.role, content: h.content })), m.documents);
}

/** Analyse: the engine's findings, or null when the engine failed (the message is kept, unanalysed). */
function analyse(deps: IngestDeps, turn: Turn, context: AnalysisContext, messageId: string): Finding[] | null {
  try {
    return deps.engine.analyze(turn, context);
  } catch (err) {
    // An engine bug must not lose the message: store it unanalysed and say so in the log.
    deps.log?.error({ err, messageId }, 'analysis engine failed; message stored without analysis');
    return null;
  }
}

/** Policy: the findings that count for this company, and the one that ends a live session, if any. */
export function applyCompanyPolicy(findings: Finding[] | null, policy: CompanyPolicy, content: string): PolicyOutcome {
  return findings ? applyPolicy(findings, policy, content) : { kept: [], violation: null };
}

/** Finding rows: what is stored for the kept findings of one message. */
export function findingRows(companyId: number, at: { messageId: string; sessionId: string; day: string }, kept: Finding[]): Omit<FindingRow, 'id'>[] {
  return kept.map((f) => ({
    company_id: companyId,
    message_id: at.messageId,
    session_id: at.sessionId,
    day: at.day,
    category: f.category,
    subtype: f.subtype,
    score: f.score,
    severity: f.severity,
    spans: JSON.stringify(f.spans),
    explanation: f.explanation,
    detector: f.detector,
  }));
}

/**
 * Rollup contribution of findings stored for a message of `day`: issues and subtypes count each
 * finding, a category counts the turn once (`flagged`: categories the turn was already counted in).
 */
export function addFindingRollups(batch: RollupBatch, day: string, findings: Finding[], flagged: ReadonlySet<string> = new Set()): void {
  batch.add(day, 'issues', findings.length);
  for (const category of new Set<Category>(findings.map((f) => f.category))) if (!flagged.has(category)) batch.add(day, `${category}_flagged`);
  for (const f of findings) batch.subtype(day, f.subtype);
}

/** Rollup contribution of a stored message; `kept` is null when it was not analysed. */
export function addMessageRollups(batch: RollupBatch, m: MessageInput, sessionDay: string, userId: string | null, kept: Finding[] | null): void {
  const day = dayOf(m.timestamp);
  batch.add(sessionDay, 'session_messages');
  if (kept) {
    batch.add(day, 'turns_analyzed');
    addFindingRollups(batch, day, kept);
  }
  if (m.role === 'user') {
    batch.add(day, 'user_queries');
    if (userId) batch.user(day, userId, 1, null);
  } else if (m.role === 'assistant') {
    batch.add(day, 'model_responses');
    batch.modelResponseAt(day, m.timestamp);
    if (m.documents.length > 0) batch.add(day, 'model_responses_with_docs');
    for (const d of m.documents) batch.document(day, d.id, d.filename, d.title);
  }
  if (m.model) batch.model(day, m.model);
  for (const t of m.tools) batch.tool(day, t.name);
}

type SessionState = Pick<ChatSessionRow, 'message_count' | 'last_activity_at' | 'last_message' | 'ended_at' | 'ended_reason'>;

/**
 * Session update: the session after this message (count, last activity and preview when it is the
 * latest). A violation on live traffic ends the session and adds the handoff message.
 */
export function sessionAfter(session: SessionState, m: MessageInput, violation: boolean, endOnViolation: boolean) {
  const isLatest = m.timestamp >= session.last_activity_at || session.message_count === 0;
  const next = {
    message_count: session.message_count + 1,
    last_activity_at: isLatest ? m.timestamp : session.last_activity_at,
    last_message: isLatest ? preview(m.content) : session.last_message,
    ended_at: session.ended_at,
    ended_reason: session.ended_reason,
  };
  const handoff = violation && endOnViolation && !session.ended_at;
  if (handoff) {
    const endedAt = m.timestamp > session.last_activity_at ? m.timestamp : session.last_activity_at;
    Object.assign(next, { message_count: next.message_count + 1, last_activity_at: endedAt, last_message: HANDOFF_MESSAGE, ended_at: endedAt, ended_reason: 'violation' as const });
  }
  return { next, handoff };
}

// ── The pipeline ────────────────────────────────────────────────────────────────────────────

function messageRow(ctx: WriteContext, m: MessageInput, seq: number, userId: string | null, analyzed: boolean): Insertable<MessagesTable> {
  return {
    company_id: ctx.companyId,
    id: m.messageId,
    session_id: m.sessionId,
    seq,
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
  };
}

function handoffRow(ctx: WriteContext, m: MessageInput, seq: number): Insertable<MessagesTable> {
  return {
    company_id: ctx.companyId,
    id: `${m.messageId}:handoff`,
    session_id: m.sessionId,
    seq,
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
  };
}

/**
 * Stores one message through every step, inside the caller's transaction; its rollups go into
 * `batch`, applied by the caller. `precomputed` carries findings a bulk path computed elsewhere
 * (the worker pool) from the same turn and context; without it the turn is analysed here.
 * `after` (when set) is to be called once the transaction has committed.
 */
export async function storeMessage(
  trx: Transaction<DB>,
  ctx: WriteContext,
  m: MessageInput,
  batch: RollupBatch,
  precomputed?: Finding[] | null,
): Promise<StoredTurn & { after?: () => void }> {
  // Checked before any write, so a rejected message leaves nothing behind.
  if (await repo.findMessage(trx, ctx.companyId, m.messageId)) {
    throw new EventError(`messageId ${m.messageId} already exists`, 'CONFLICT');
  }
  const session = await openSession(trx, ctx, m.sessionId, m.userId, m.timestamp, batch);
  if (ctx.options.refuseEndedSessions && session.ended_at) {
    throw conflict(`session ${m.sessionId} has ended (${session.ended_reason}); start a new session`);
  }
  const day = dayOf(m.timestamp);
  const userId = m.userId ?? session.user_id ?? null;

  let turn: Turn | null = null;
  let context: AnalysisContext | null = null;
  let findings: Finding[] | null = null;
  if (m.role === 'user' || m.role === 'assistant') {
    if (precomputed) findings = precomputed;
    else {
      turn = { role: m.role, content: m.content };
      context = await contextOf(trx, ctx, m);
      findings = analyse(ctx.deps, turn, context, m.messageId);
    }
  }
  const { kept, violation } = applyCompanyPolicy(findings, ctx.policy, m.content);

  await repo.insertMessage(trx, messageRow(ctx, m, session.message_count, userId, findings !== null));
  const rows = findingRows(ctx.companyId, { messageId: m.messageId, sessionId: m.sessionId, day }, kept);
  await repo.insertFindings(trx, rows);
  const sessionDay = dayOf(session.created_at);
  addMessageRollups(batch, m, sessionDay, userId, findings === null ? null : kept);
  if (m.role === 'user' && userId) await repo.upsertEndUser(trx, ctx.companyId, userId, m.timestamp, {});

  const { next, handoff } = sessionAfter(session, m, violation !== null, ctx.options.endSessionsOnViolation);
  if (handoff) {
    await repo.insertMessage(trx, handoffRow(ctx, m, session.message_count + 1));
    batch.add(sessionDay, 'session_messages');
  }
  await repo.updateSession(trx, ctx.companyId, m.sessionId, next);

  const onStored = ctx.deps.onMessageStored;
  const after =
    findings && turn && context && onStored
      ? () => onStored(ctx.companyId, { messageId: m.messageId, sessionId: m.sessionId, turn: turn!, context: context!, findings: findings! })
      : undefined;
  return {
    messageId: m.messageId,
    sessionId: m.sessionId,
    findings: rows.map((r, i) => toStoredFinding({ ...r, id: i })),
    session: { id: m.sessionId, endedAt: next.ended_at, endedReason: next.ended_reason, messageCount: next.message_count },
    sessionCreated: session.created,
    analyzed: findings !== null,
    after,
  };
}
