/**
 * The write path's entry points: events from the ingest API (one chunk per request: a bad event
 * is rejected alone while the good ones commit together), a live turn (analysed inline, answered
 * with its findings), and the end of an upload. Each stores its events as a chunk
 * (ingest.store.ts → ingest.chunk.ts); bulk paths pipeline chunks through ingest.bulk.ts.
 */
import type { Kysely } from 'kysely';
import { EventError, type IngestEvent, type MessageInput, parseEvent, parseMessageFields } from '../../chat/events.js';
import type { DB } from '../../db/database.js';
import { conflict } from '../../errors.js';
import { perObject } from '../../lib/per-object.js';
import { isoNow } from '../../lib/time.js';
import { toStoredFinding } from '../findings/findings.js';
import { type EventResult, type IngestDeps, type IngestOptions, LIVE, type StoredTurn } from './ingest.js';
import { BulkWriter, readTails } from './ingest.bulk.js';
import type { ChunkInput, ChunkItem, ChunkResult } from './ingest.chunk.js';
import { LiveTurnWriter } from './ingest.live.js';
import type { EventScope } from './ingest.repository.js';
import * as repo from './ingest.repository.js';
import { storeChunk } from './ingest.store.js';

/** A live turn: ended on a violation, and refused (409) in a session that has ended. */
const LIVE_TURN: IngestOptions = { ...LIVE, refuseEndedSessions: true };

/**
 * Below this many turns (and POOL_TURN_CHARS characters) a request is analysed inline: handing it
 * to the worker pool costs more than it saves, and the turns are then analysed with the context
 * read under lock.
 */
const POOL_MIN_TURNS = 32;

/** Per app (its ingest deps): the live turns arriving together are stored as one chunk. */
const liveWriter = perObject((deps: IngestDeps) => new LiveTurnWriter(deps, LIVE_TURN));

const escapeKeyPart = (s: string) => s.replaceAll('%', '%25').replaceAll(':', '%3A');

/**
 * Idempotency key of the implicit event behind a live turn (scope `live`), so re-sending the same
 * message is a duplicate. Both parts are escaped, so ("S:x", "y") and ("S", "x:y") differ.
 */
export function liveTurnKey(sessionId: string, messageId: string): string {
  return `${escapeKeyPart(sessionId)}:${escapeKeyPart(messageId)}`;
}

function parseItem(raw: unknown): ChunkItem {
  const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : '';
  try {
    const event = parseEvent(raw);
    return { id, key: event.id, event };
  } catch (err) {
    return { id, error: (err as Error).message };
  }
}

/**
 * Turns per part of a request analysed in the pool (the first and last are an eighth of this): the
 * pool analyses part k+1 while part k is written, in the request's one transaction
 * (ingest.chunk.ts), so only the first part's analysis and the last part's writes are not
 * overlapped.
 */
const PART_TURNS = 128;

/** The request as a chunk: analysed in the worker pool, in parts, when it has enough turns; inline (when stored) otherwise. */
async function chunkOf(deps: IngestDeps, companyId: number, items: ChunkItem[], options: IngestOptions, scope: EventScope): Promise<ChunkInput> {
  const analyzer = deps.analyzer;
  if (!analyzer || analyzer.threads === 0) return { scope, items };
  let turns = 0;
  let chars = 0;
  for (const it of items) {
    if (it.event?.type !== 'message' || (it.event.role !== 'user' && it.event.role !== 'assistant')) continue;
    turns++;
    chars += charsOf(it.event);
  }
  // A few long turns go to the pool too: the main thread would otherwise read them (POOL_TURN_CHARS).
  if (turns === 0 || (turns < POOL_MIN_TURNS && chars < POOL_TURN_CHARS)) return { scope, items };
  const input = await new BulkWriter({ deps, companyId, options, scope, analyzer, log: deps.log }).launchParts(items, PART_TURNS);
  // The transaction opens once there is something to write: it never waits for the first part,
  // and a request of one part (up to 32 turns) never holds it while the pool works.
  await input.parts?.[0]?.analysed;
  return input;
}

/** Stores a request's events in order, each accepted, duplicate (id seen before) or rejected with its reason. */
export async function ingestEvents(deps: IngestDeps, companyId: number, rawEvents: unknown[], options: IngestOptions = LIVE): Promise<EventResult[]> {
  const results = await storeEvents(deps, companyId, rawEvents.map(parseItem), options, 'event');
  return results.map(({ code: _code, ...r }) => r);
}

/**
 * Stores one request's events, built and keyed by the caller in `scope` (the ingest API, OTLP
 * traces), as one chunk: in the worker pool first when there are many turns. Results in order.
 */
export async function storeEvents(deps: IngestDeps, companyId: number, items: ChunkItem[], options: IngestOptions, scope: EventScope): Promise<ChunkResult[]> {
  const { results } = await storeChunk(deps, companyId, options, await chunkOf(deps, companyId, items, options, scope));
  return results;
}

export interface LiveTurnResult {
  created: boolean;
  turn: StoredTurn;
}

/**
 * One live turn: stored and analysed inline (with the turns of other requests that arrive
 * meanwhile, ingest.live.ts), so the answer tells the chat product at once whether the session
 * was just ended for a violation. Re-sending the same messageId returns the stored turn unchanged.
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
  const m: MessageInput = parseMessageFields(body, sessionId, now);
  const key = liveTurnKey(sessionId, m.messageId);
  const event: IngestEvent = { id: m.messageId, type: 'message', ...m };
  const item: ChunkItem = { id: key, key, event };
  await analyseApart(deps, companyId, m, item);
  const { result, stored } = await liveWriter(deps).store(companyId, item);
  // The stored findings carry the ids the database gave them: a client reviews a finding by its
  // id (PUT /api/findings/:id/review).
  if (result.status === 'accepted' && stored) return { created: true, turn: stored };
  if (result.status === 'rejected') throw new EventError(result.error ?? `messageId ${m.messageId} was refused`, result.code);
  return { created: false, turn: await readStoredTurn(deps.db, companyId, sessionId, m.messageId) };
}

/**
 * A live turn with this many characters (its text and documents) is analysed in the worker pool
 * rather than on the thread that serves every request: the engine reads it in time linear in its
 * length, but 200,000 characters still cost it 0.1–0.4 s and 12 MB of documents 2.7 s, for which
 * every other request would wait (docs/analysis.md, *The longest turns*).
 */
export const POOL_TURN_CHARS = 20_000;

/** Characters the engine reads for a message: its text and its documents'. */
export function charsOf(m: { content: string; documents: readonly { content?: string | null }[] }): number {
  let n = m.content.length;
  for (const d of m.documents) n += d.content?.length ?? 0;
  return n;
}

/**
 * A long live turn's findings, computed in the pool from the session's stored context before the
 * turn joins a chunk; the chunk uses them if the session has not moved meanwhile (another turn of
 * it stored first), else analyses the turn itself, as it does when the pool fails.
 */
async function analyseApart(deps: IngestDeps, companyId: number, m: MessageInput, item: ChunkItem): Promise<void> {
  const analyzer = deps.analyzer;
  if (!analyzer || analyzer.threads === 0 || (m.role !== 'user' && m.role !== 'assistant')) return;
  if (charsOf(m) < POOL_TURN_CHARS) return;
  try {
    const tail = deps.tails?.get(companyId, m.sessionId) ?? (await readTails(deps.db, companyId, [m.sessionId])).get(m.sessionId) ?? { count: 0, turns: [] };
    const [[findings]] = await analyzer.analyze([{ seed: tail.turns, messages: [{ role: m.role, content: m.content, documents: m.documents }] }]);
    item.findings = findings;
    item.analysedAfter = tail.count;
  } catch (err) {
    deps.log?.error({ err, messageId: m.messageId }, 'pool analysis of a long live turn failed; analysing it inline');
  }
}

/** A stored message's findings as the API answers them, with their ids. */
async function storedFindings(db: Kysely<DB>, companyId: number, messageId: string) {
  return (await repo.findingsOfMessage(db, companyId, messageId)).map(toStoredFinding);
}

async function readStoredTurn(db: Kysely<DB>, companyId: number, sessionId: string, messageId: string): Promise<StoredTurn> {
  const [session, findings] = await Promise.all([repo.findSession(db, companyId, sessionId), storedFindings(db, companyId, messageId)]);
  if (!session) throw conflict(`session ${sessionId} does not exist`);
  return {
    messageId,
    sessionId,
    findings,
    session: { id: session.id, endedAt: session.ended_at, endedReason: session.ended_reason, messageCount: Number(session.message_count) },
    sessionCreated: false,
    analyzed: true,
    endedNow: false,
    createdAt: session.last_activity_at,
    userId: session.user_id,
  };
}

/**
 * Historical conversations are over: the sessions an upload created end at their last message,
 * so the monitor never shows them as active. Idempotent.
 */
export async function endUploadedSessions(db: Kysely<DB>, companyId: number, uploadId: number): Promise<void> {
  await repo.endSessionsOfUpload(db, companyId, uploadId);
}
