/**
 * Stores a chunk of events in the caller's transaction, set-wise: the state the chunk needs is
 * read with a handful of statements (event ids claimed, sessions locked, messages and stored
 * tails read; one round trip on PostgreSQL when the tails are cached), the pipeline's steps (ingest.pipeline.ts) run over it in memory, event by event
 * in the order received, and what they produced is written with one multi-row statement per
 * table (one round trip in all on PostgreSQL). The outcome is what storing the events one at a
 * time would give: the same rejections, sessions, positions, findings and rollups.
 */
import type { Finding } from '../../analysis/types.js';
import { HISTORY_TURNS } from '../../chat/context.js';
import { EventError, type IngestEvent } from '../../chat/events.js';
import type { Executor, FindingRow } from '../../db/database.js';
import { type SqlSyntax, runWrites, syntaxOf } from '../../db/sql.js';
import { dayOf, isoNow } from '../../lib/time.js';
import type { ErrorCode } from '../../errors.js';
import { type StoredFinding, toStoredFinding } from '../findings/findings.js';
import type { EventResult, StoredTurn } from './ingest.js';
import { ChunkState, SessionEnded, type SessionState, type WriteContext, openSession, storeMessage } from './ingest.pipeline.js';
import * as repo from './ingest.repository.js';
import type { ChunkRows } from './ingest.repository.js';
import type { SessionTail } from './ingest.tails.js';

export interface ChunkItem {
  /** The id the result reports (the event's own id, or the caller's). */
  id: string;
  /** Idempotency key within the chunk's scope; absent when the event was refused before storage. */
  key?: string;
  event?: IngestEvent;
  /** Why the event was refused before storage (parse errors). */
  error?: string;
  /** Findings computed outside the transaction (the worker pool) against `ChunkInput.seeds`; null for turns not analysed. */
  findings?: Finding[] | null;
  /**
   * The session's message count when the context of `findings` was read, for a turn analysed
   * on its own (a long live turn, ingest.service.ts): they are used if the session still has that
   * many messages when the turn is stored, whatever `seeds` say.
   */
  analysedAfter?: number;
}

/** Items from `from` on (up to the next part) whose findings are ready once `analysed` settles. */
export interface ChunkPart {
  from: number;
  analysed: Promise<void>;
}

export interface ChunkInput {
  scope: repo.EventScope;
  items: ChunkItem[];
  /** The stored tails precomputed findings were computed from, per session. */
  seeds?: ReadonlyMap<string, SessionTail>;
  /**
   * Parts analysed one after another in the pool (ingest.bulk.ts launchParts): each part's
   * findings are awaited when its first item comes up, after the rows of the parts before it
   * are written, so the pool analyses part k+1 while part k is written. Without parts the
   * findings are all there (or none are) before the chunk is stored.
   */
  parts?: readonly ChunkPart[];
  /**
   * Answer the findings as stored, with their ids (`ChunkOutcome.findings`): the live endpoint
   * answers them, and the write returns them instead of a read after commit. Not with `parts`.
   */
  answerFindings?: boolean;
}

/** A rejected event carries its EventError's code (CONFLICT: the messageId is stored already). */
export type ChunkResult = EventResult & { code?: ErrorCode };

export interface ChunkOutcome {
  results: ChunkResult[];
  /** Per item: the stored turn of an accepted message. */
  stored: (StoredTurn | null)[];
  /** With `answerFindings`: the findings stored per message, with their ids (messages without any are absent). */
  findings: Map<string, StoredFinding[]>;
  sessionsCreated: number;
  turnsAnalyzed: number;
  /** Turns refused because their session had ended (refuseEndedSessions). */
  refusedEnded: number;
  /** The sessions' tails after the chunk, where known (the rest are unknown, not unchanged). */
  tails: Map<string, SessionTail>;
  touched: Set<string>;
  /** To call once the transaction has committed. */
  afters: (() => void)[];
}

/** A concurrent transaction changed what this chunk read; running it again is safe (nothing of it was kept). */
export class ChunkConflict extends Error {}

function refOf(key: string, e: IngestEvent): repo.EventRef {
  const ref: repo.EventRef = { key, type: e.type };
  if (e.type === 'message' || e.type === 'session.started') ref.session = { id: e.sessionId, creates: true, at: e.timestamp };
  else if (e.type === 'session.ended') ref.session = { id: e.sessionId, creates: false, at: e.timestamp };
  if (e.type === 'message' || e.type === 'feedback') ref.messageId = e.messageId;
  return ref;
}

function placeholder(ctx: WriteContext, at: string): repo.SessionRowState {
  return { user_id: null, created_at: at, last_activity_at: at, ended_at: null, ended_reason: null, message_count: 0, last_message: null, source: ctx.options.source, upload_id: ctx.options.uploadId ?? null };
}

/** Claims the chunk's events and reads (and locks) what the new ones refer to. */
async function load(trx: Executor, ctx: WriteContext, input: ChunkInput, state: ChunkState): Promise<repo.ChunkReads> {
  const { companyId } = ctx;
  const refs: repo.EventRef[] = [];
  for (const it of input.items) if (it.event && it.key) refs.push(refOf(it.key, it.event));
  const reads = await repo.readChunk(trx, companyId, input.scope, refs, isoNow(), (at) => placeholder(ctx, at));
  const { claimed, placeholders, locked, creatable } = reads;
  state.storedMessages = reads.storedMessages;
  const analysed = new Set<string>();
  for (const it of input.items) {
    if (it.key && claimed.has(it.key) && it.event?.type === 'message' && (it.event.role === 'user' || it.event.role === 'assistant')) analysed.add(it.event.sessionId);
  }

  const unread: string[] = [];
  for (const id of reads.sessions) {
    const row = locked.get(id);
    const stored = row !== undefined && !placeholders.has(id);
    if (!stored && reads.reserved && creatable.has(id) && !placeholders.has(id)) throw new ChunkConflict(`session ${id} vanished while the chunk was written`);
    const count = stored ? row.message_count : 0;
    const seed = input.seeds?.get(id);
    const fits = seed !== undefined && seed.count === count;
    const known = fits ? seed : stored ? ctx.deps.tails?.get(companyId, id, count) : { count: 0, turns: [] };
    const s: SessionState = {
      id,
      status: stored ? 'stored' : 'absent',
      row: stored ? { ...row } : placeholder(ctx, creatable.get(id) ?? isoNow()),
      changed: false,
      tail: known ? known.turns.slice(-HISTORY_TURNS) : null,
      precomputedFits: fits,
    };
    state.sessions.set(id, s);
    if (!s.tail && analysed.has(id)) unread.push(id);
  }
  if (unread.length) {
    const tails = await repo.sessionTails(trx, companyId, unread, HISTORY_TURNS);
    for (const id of unread) state.sessions.get(id)!.tail = tails.get(id)?.turns ?? [];
  }
  return reads;
}

function applyEvent(state: ChunkState, ctx: WriteContext, e: IngestEvent, findings: Finding[] | null | undefined, analysedAfter: number | undefined): StoredTurn | null {
  switch (e.type) {
    case 'session.started':
      openSession(state, ctx, e.sessionId, e.userId, e.timestamp);
      return null;
    case 'message':
      return storeMessage(state, ctx, e, findings, analysedAfter);
    case 'feedback': {
      if (!state.messageExists(e.messageId)) throw new EventError(`messageId ${e.messageId} is not a known message`);
      state.rows.feedback.push({ id: e.id, message_id: e.messageId, kind: e.kind, user_id: e.userId, created_at: e.timestamp });
      state.batch.add(dayOf(e.timestamp), e.kind === 'like' ? 'likes' : e.kind === 'dislike' ? 'dislikes' : 'copies');
      return null;
    }
    case 'session.ended': {
      const s = state.sessions.get(e.sessionId);
      if (!s || s.status === 'absent') throw new EventError(`sessionId ${e.sessionId} is not a known session`);
      if (s.row.ended_at) return null; // the first end wins: a violation is not overwritten by a later close
      Object.assign(s.row, { ended_at: e.timestamp, ended_reason: 'user', last_activity_at: e.timestamp > s.row.last_activity_at ? e.timestamp : s.row.last_activity_at });
      s.changed = true;
      return null;
    }
    case 'connection':
      state.rows.connections.push({ id: e.id, user_id: e.userId, email: e.email, created_at: e.timestamp });
      state.seeUser(e.userId, e.timestamp, { email: e.email });
      state.batch.user(dayOf(e.timestamp), e.userId, 0, e.timestamp);
      return null;
  }
}

/**
 * Writes the messages and findings produced so far and empties them: they are most of a chunk's
 * rows. The few feedback, connection and end-user rows, sessions and rollups accumulate over the
 * chunk and are written once, at its end.
 */
async function writeMessages(trx: Executor, syntax: SqlSyntax, companyId: number, rows: ChunkRows): Promise<void> {
  const statements = repo.chunkStatements(syntax, companyId, { messages: rows.messages, findings: rows.findings, feedback: [], connections: [], endUsers: [] });
  rows.messages.length = rows.findings.length = 0;
  await runWrites(trx, statements);
}

/** The result of an item not stored; turns analysed beforehand counted its message in their sessions' context. */
function skipped(state: ChunkState, it: ChunkItem, result: ChunkResult): ChunkResult {
  if (it.event?.type === 'message') {
    const s = state.sessions.get(it.event.sessionId);
    if (s) s.precomputedFits = false;
  }
  return result;
}

/** Stores the chunk in `trx` (the caller's transaction, which the caller commits). */
export async function writeChunk(trx: Executor, ctx: WriteContext, input: ChunkInput): Promise<ChunkOutcome> {
  const { companyId } = ctx;
  const state = new ChunkState(companyId);
  const { claimed, placeholders } = await load(trx, ctx, input, state);

  const results: ChunkResult[] = [];
  const stored: (StoredTurn | null)[] = [];
  const accepted = new Set<string>();
  let refusedEnded = 0;
  const syntax = syntaxOf(trx);
  const parts = input.parts ?? [];
  let part = 0;
  for (let i = 0; i < input.items.length; i++) {
    const it = input.items[i];
    if (parts[part]?.from === i) {
      if (i > 0) await writeMessages(trx, syntax, companyId, state.rows);
      await parts[part++].analysed;
    }
    stored.push(null);
    if (!it.event || !it.key) {
      results.push(skipped(state, it, { id: it.id, status: 'rejected', error: it.error ?? 'rejected' }));
      continue;
    }
    if (!claimed.has(it.key) || accepted.has(it.key)) {
      results.push(skipped(state, it, { id: it.id, status: 'duplicate' }));
      continue;
    }
    try {
      stored[i] = applyEvent(state, ctx, it.event, it.findings, it.analysedAfter);
      accepted.add(it.key);
      results.push({ id: it.id, status: 'accepted' });
    } catch (err) {
      if (!(err instanceof EventError)) throw err;
      if (err instanceof SessionEnded) refusedEnded++;
      results.push(skipped(state, it, { id: it.id, status: 'rejected', error: err.message, code: err.code }));
    }
  }

  // A session this chunk started without a placeholder row (ChunkReads.reserved) is inserted; the others are updated.
  const inserted: { id: string; state: repo.SessionRowState }[] = [];
  const updated: { id: string; state: repo.SessionRowState }[] = [];
  for (const s of state.sessions.values()) {
    if (s.changed && s.status !== 'absent') (s.status === 'new' && !placeholders.has(s.id) ? inserted : updated).push({ id: s.id, state: s.row });
  }
  state.rows.endUsers = [...state.endUsers.values()].sort((a, b) => (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0));
  // Findings to answer are written by statements that return them, not with the other rows.
  const answered = input.answerFindings ? repo.findingsReturningStatements(syntax, state.rows.findings.splice(0)) : [];
  const findingRows = await runWrites<FindingRow>(trx, [
    // A rejected event is not remembered, so the producer can fix and re-send it.
    ...repo.forgetEventsStatements(syntax, companyId, input.scope, [...claimed].filter((k) => !accepted.has(k))),
    ...repo.deleteSessionsStatements(syntax, companyId, [...placeholders].filter((id) => state.sessions.get(id)?.status === 'absent')),
    ...repo.chunkStatements(syntax, companyId, state.rows),
    ...repo.insertSessionStatements(syntax, companyId, inserted),
    ...repo.updateSessionStatements(syntax, companyId, updated),
    ...state.batch.statements(syntax),
  ], answered);

  const tails = new Map<string, SessionTail>();
  const touched = new Set<string>();
  for (const s of state.sessions.values()) {
    if (s.status === 'absent') continue;
    touched.add(s.id);
    if (s.tail) tails.set(s.id, { count: s.row.message_count, turns: s.tail });
  }
  return { results, stored, findings: findingsByMessage(findingRows), sessionsCreated: state.sessionsCreated, turnsAnalyzed: state.turnsAnalyzed, refusedEnded, tails, touched, afters: state.afters };
}

/** Stored findings per message, in id order. */
function findingsByMessage(rows: FindingRow[]): Map<string, StoredFinding[]> {
  const out = new Map<string, StoredFinding[]>();
  for (const row of [...rows].sort((a, b) => Number(a.id) - Number(b.id))) {
    const list = out.get(row.message_id);
    if (list) list.push(toStoredFinding(row));
    else out.set(row.message_id, [toStoredFinding(row)]);
  }
  return out;
}
