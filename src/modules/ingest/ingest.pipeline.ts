/**
 * The write path of one message, a short pipeline of named steps:
 *
 *   session → context → analyse → policy → finding rows → rollup contribution → session update
 *
 * Each step is one function here, shared by every way a message arrives: live turns, the ingest
 * API, uploads and the demo (which analyse beforehand in the worker pool and hand the findings
 * in), and the LLM judge's later findings (judge-review.ts reuses policy, finding rows and rollup
 * contribution). The steps work on a chunk's state in memory (`ChunkState`): ingest.chunk.ts
 * loads that state with a few set-wise reads and writes what the steps produced with a few
 * multi-row statements, in one transaction.
 */
import { type CompanyPolicy, type PolicyOutcome, applyPolicy } from '../../analysis/policy.js';
import type { SessionCache } from '../../analysis/session.js';
import type { Category, Finding } from '../../analysis/types.js';
import { type AnalysisContext, HISTORY_TURNS, contextFor } from '../../chat/context.js';
import { EventError, type MessageInput } from '../../chat/events.js';
import type { Turn } from '../../chat/turn.js';
import type { NewFindingRow } from '../../db/database.js';
import { dayOf } from '../../lib/time.js';
import { RollupBatch } from '../rollups/rollups.js';
import { toStoredFinding } from '../findings/findings.js';
import type { PriceBook } from '../usage/prices.js';
import type { IngestDeps, IngestOptions, StoredTurn } from './ingest.js';
import type { ChunkRows, EndUserSighting, NewMessage, SessionRowState } from './ingest.repository.js';

export const HANDOFF_MESSAGE = 'Live agent required — this conversation has been transferred.';
/** The monitor shows a preview of the last message. */
export const PREVIEW_LENGTH = 120;

/**
 * A turn refused because its session has ended (409): rejected alone, like any bad event, so the
 * other turns of its chunk are stored (it used to fail the whole chunk, which was then written
 * again turn by turn: 239 of 1,330 transactions were rolled back for 3,064 turns at 16 clients
 * in bench/live.bench.ts).
 */
export class SessionEnded extends EventError {
  constructor(message: string) {
    super(message, 'CONFLICT');
  }
}

/** Who is writing: the company (with its policy) and how this traffic is treated. */
export interface WriteContext {
  deps: IngestDeps;
  companyId: number;
  policy: CompanyPolicy;
  options: IngestOptions;
  /** Prices answers are costed with (the company's over the defaults). */
  prices: PriceBook;
}

export function preview(content: string): string {
  return content.length > PREVIEW_LENGTH ? `${content.slice(0, PREVIEW_LENGTH - 1)}…` : content;
}

/** A session as a chunk sees it: loaded (and locked) before the first step, written after the last. */
export interface SessionState {
  id: string;
  /** Stored before this chunk, created by it, or not a session (yet). */
  status: 'stored' | 'new' | 'absent';
  row: SessionRowState;
  changed: boolean;
  /** Its last HISTORY_TURNS turns, oldest first, when known (they are whenever a turn of it is analysed here). */
  tail: Turn[] | null;
  /** Findings analysed outside the transaction still fit: same stored tail, nothing skipped or added in between. */
  precomputedFits: boolean;
}

/** What the steps of a chunk read and produce, in memory. */
export class ChunkState {
  readonly sessions = new Map<string, SessionState>();
  /** Message ids stored before this chunk (of those the chunk mentions). */
  storedMessages = new Set<string>();
  readonly newMessages = new Set<string>();
  readonly rows: ChunkRows = { messages: [], findings: [], feedback: [], connections: [], endUsers: [] };
  readonly endUsers = new Map<string, EndUserSighting>();
  readonly batch: RollupBatch;
  readonly afters: (() => void)[] = [];
  sessionsCreated = 0;
  turnsAnalyzed = 0;

  constructor(companyId: number) {
    this.batch = new RollupBatch(companyId);
  }

  messageExists(id: string): boolean {
    return this.storedMessages.has(id) || this.newMessages.has(id);
  }

  /** An end user seen at `at` (a message, or a connection with its email). */
  seeUser(userId: string, at: string, connection?: { email: string | null }): void {
    const u = this.endUsers.get(userId);
    const connectedAt = connection ? at : null;
    if (!u) {
      this.endUsers.set(userId, { user_id: userId, email: connection?.email ?? null, first_seen_at: at, last_seen_at: at, last_connection_at: connectedAt });
      return;
    }
    if (connection?.email) u.email = connection.email; // the latest email sent wins, as it did one event at a time
    if (at < u.first_seen_at) u.first_seen_at = at;
    if (at > u.last_seen_at) u.last_seen_at = at;
    if (connectedAt && (!u.last_connection_at || connectedAt > u.last_connection_at)) u.last_connection_at = connectedAt;
  }
}

// ── Steps ───────────────────────────────────────────────────────────────────────────────────

/** Session: the session, created (and counted) on its first event. */
export function openSession(state: ChunkState, ctx: WriteContext, sessionId: string, userId: string | null, at: string): SessionState {
  const s = state.sessions.get(sessionId);
  if (!s) throw new Error(`session ${sessionId} was not loaded for this chunk`);
  if (s.status !== 'absent') {
    if (!s.row.user_id && userId) {
      s.row.user_id = userId;
      s.changed = true;
    }
    return s;
  }
  s.status = 'new';
  s.changed = true;
  s.row = {
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
  s.tail ??= [];
  state.batch.add(dayOf(at), 'sessions_count');
  state.sessionsCreated++;
  return s;
}

/** Context: the session's last turns and the message's documents (chat/context.ts contextFor). */
function contextOf(session: SessionState, m: MessageInput): AnalysisContext {
  if (!session.tail) throw new Error(`the tail of session ${session.id} was not loaded`);
  return contextFor(m.role, session.tail, m.documents);
}

/** Analyse: the engine's findings, or null when the engine failed (the message is kept, unanalysed). */
function analyse(ctx: WriteContext, m: MessageInput, turn: Turn, context: AnalysisContext): Finding[] | null {
  const { deps } = ctx;
  const messageId = m.messageId;
  try {
    // The session's earlier turns were analysed for the turns before: the engine reuses that. The
    // cache is looked up when the engine first asks for it (an engine that never does, such as
    // the no-op one of the bulk benchmarks, costs no lookup per turn).
    const tails = deps.tails;
    if (!tails) return deps.engine.analyze(turn, context);
    let cache: SessionCache | undefined;
    return deps.engine.analyze(turn, context, { session: { analysis: (text) => (cache ??= tails.analysesOf(ctx.companyId, m.sessionId)).analysis(text) } });
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
export function findingRows(companyId: number, at: { messageId: string; sessionId: string; day: string }, kept: Finding[]): NewFindingRow[] {
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
  if (findings.length === 0) return;
  for (const category of new Set<Category>(findings.map((f) => f.category))) if (!flagged.has(category)) batch.add(day, `${category}_flagged`);
  for (const f of findings) batch.subtype(day, f.subtype);
}

/** Rollup contribution of a stored message; `kept` is null when it was not analysed. */
export function addMessageRollups(batch: RollupBatch, m: MessageInput, sessionDay: string, userId: string | null, kept: Finding[] | null, costNanos: number | null): void {
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
  batch.answerUsage(day, m.model, { inputTokens: m.inputTokens, outputTokens: m.outputTokens, latencyMs: m.latencyMs, costNanos });
}

type SessionFields = Pick<SessionRowState, 'message_count' | 'last_activity_at' | 'last_message' | 'ended_at' | 'ended_reason'>;

/**
 * Session update: the session after this message (count, last activity and preview when it is the
 * latest). A violation on live traffic ends the session and adds the handoff message.
 */
export function sessionAfter(session: SessionFields, m: MessageInput, violation: boolean, endOnViolation: boolean) {
  const isLatest = m.timestamp >= session.last_activity_at || session.message_count === 0;
  const next: SessionFields = {
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

function messageRow(ctx: WriteContext, m: MessageInput, seq: number, userId: string | null, analyzed: boolean, costNanos: number | null): NewMessage {
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
    input_tokens: m.inputTokens ?? null,
    output_tokens: m.outputTokens ?? null,
    latency_ms: m.latencyMs ?? null,
    cost_nanos: costNanos,
  };
}

function handoffRow(ctx: WriteContext, m: MessageInput, seq: number): NewMessage {
  return { ...messageRow(ctx, { ...m, messageId: `${m.messageId}:handoff`, role: 'system', content: HANDOFF_MESSAGE, userId: null, model: null, documents: [], tools: [], inputTokens: null, outputTokens: null, latencyMs: null }, seq, null, false, null) };
}

function remember(session: SessionState, turn: Turn): void {
  if (!session.tail) return;
  session.tail.push(turn);
  if (session.tail.length > HISTORY_TURNS) session.tail.shift();
}

/**
 * Stores one message through every step, in the chunk's state. `precomputed` carries findings a
 * bulk path computed in the worker pool from the same turn and context; they are used while the
 * session's context is still the one they were computed with (the chunk's seeds, or the message
 * count `analysedAfter` for a turn analysed on its own), else the turn is analysed here.
 */
export function storeMessage(state: ChunkState, ctx: WriteContext, m: MessageInput, precomputed?: Finding[] | null, analysedAfter?: number): StoredTurn {
  // Checked before any change, so a rejected message leaves nothing behind.
  if (state.messageExists(m.messageId)) {
    throw new EventError(`messageId ${m.messageId} already exists: message ids are unique per company, across sessions`, 'CONFLICT');
  }
  const known = state.sessions.get(m.sessionId);
  if (ctx.options.refuseEndedSessions && known && known.status !== 'absent' && known.row.ended_at) {
    throw new SessionEnded(`session ${m.sessionId} has ended (${known.row.ended_reason}); start a new session`);
  }
  const creates = known?.status === 'absent';
  const session = openSession(state, ctx, m.sessionId, m.userId, m.timestamp);
  const day = dayOf(m.timestamp);
  const userId = m.userId ?? session.row.user_id ?? null;

  let findings: Finding[] | null = null;
  const turn: Turn = { role: m.role, content: m.content };
  if (m.role === 'user' || m.role === 'assistant') {
    const earlier = ctx.deps.onMessageStored && ctx.options.source !== 'upload' && session.tail ? session.tail.slice() : null;
    const fits = analysedAfter === undefined ? session.precomputedFits : session.row.message_count === analysedAfter;
    if (precomputed !== undefined && fits) findings = precomputed;
    else findings = analyse(ctx, m, turn, contextOf(session, m));
    const onStored = ctx.deps.onMessageStored;
    if (findings && earlier && onStored) {
      const found = findings;
      state.afters.push(() => onStored(ctx.companyId, { messageId: m.messageId, sessionId: m.sessionId, turn, context: contextFor(m.role, earlier, m.documents), findings: found }));
    }
  }
  const { kept, violation } = applyCompanyPolicy(findings, ctx.policy, m.content);

  const costNanos = ctx.prices.costNanos(m.model, m.inputTokens, m.outputTokens);
  state.rows.messages.push(messageRow(ctx, m, session.row.message_count, userId, findings !== null, costNanos));
  state.newMessages.add(m.messageId);
  remember(session, turn);
  if (findings) state.turnsAnalyzed++;
  const rows = findingRows(ctx.companyId, { messageId: m.messageId, sessionId: m.sessionId, day }, kept);
  state.rows.findings.push(...rows);
  const sessionDay = dayOf(session.row.created_at);
  addMessageRollups(state.batch, m, sessionDay, userId, findings === null ? null : kept, costNanos);
  if (m.role === 'user' && userId) state.seeUser(userId, m.timestamp);

  const { next, handoff } = sessionAfter(session.row, m, violation !== null, ctx.options.endSessionsOnViolation);
  if (handoff) {
    state.rows.messages.push(handoffRow(ctx, m, session.row.message_count + 1));
    state.batch.add(sessionDay, 'session_messages');
    remember(session, { role: 'system', content: HANDOFF_MESSAGE });
    // Findings computed beforehand did not see the handoff in their context.
    session.precomputedFits = false;
  }
  Object.assign(session.row, next);
  session.changed = true;

  return {
    messageId: m.messageId,
    sessionId: m.sessionId,
    // Not stored yet, so no ids: a chunk asked to answer them returns them as stored (ChunkInput.answerFindings).
    findings: rows.map((r, i) => toStoredFinding({ ...r, id: i })),
    session: { id: m.sessionId, endedAt: next.ended_at, endedReason: next.ended_reason, messageCount: next.message_count },
    sessionCreated: creates,
    analyzed: findings !== null,
    endedNow: handoff,
    createdAt: m.timestamp,
    userId,
  };
}
