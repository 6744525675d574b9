/**
 * The ingest API on the wire (the schemas are the one definition; the SDK's types are `Static<>`
 * of them) and what the write path needs and answers with.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { BulkAnalyzer } from '../../analysis/pool/analyzer.js';
import type { AnalysisEngine, Finding } from '../../analysis/types.js';
import type { AnalysisContext } from '../../chat/context.js';
import { FEEDBACK_KINDS, LIMITS, type SessionSource } from '../../chat/events.js';
import { MESSAGE_ROLES, type Turn } from '../../chat/turn.js';
import type { DB, Executor } from '../../db/database.js';
import { Nullable, StringEnum } from '../../http/schemas.js';
import { FindingSchema, type StoredFinding } from '../findings/findings.js';
import type { SessionTails } from './ingest.tails.js';

export interface IngestDeps {
  db: Kysely<DB>;
  engine: AnalysisEngine;
  /** Called after a message is committed (e.g. to queue it for the optional LLM judge). */
  onMessageStored?: (companyId: number, message: StoredMessageRef) => void;
  log?: { error(obj: object, msg: string): void };
  /** Bulk analysis (worker threads) for ingest requests with many turns; inline without it. */
  analyzer?: BulkAnalyzer;
  /** Recently written sessions' last turns, so the next turn is analysed without reading them again. */
  tails?: SessionTails;
  /**
   * Runs in each chunk's transaction once it is written: webhook deliveries are enqueued there,
   * so an alert exists exactly when its cause was committed (modules/webhooks/webhooks.events.ts).
   */
  alerts?: (trx: Executor, companyId: number, options: IngestOptions, stored: readonly (StoredTurn | null)[], afterCommit: (fn: () => void) => void) => Promise<void>;
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
  source: SessionSource;
  uploadId?: number | null;
  /** Live traffic ends a session on a violation; historical uploads only record it. */
  endSessionsOnViolation: boolean;
  /** The live-turn endpoint refuses a new message in a session that has ended (409). */
  refuseEndedSessions?: boolean;
}

/** Events sent to the ingest API: violations end live sessions, and a message may still arrive after the end. */
export const LIVE: IngestOptions = { source: 'live', endSessionsOnViolation: true };

// ── On the wire ─────────────────────────────────────────────────────────────────────────────

/** One request carries at most 1,000 events; larger backfills are uploads. */
export const MAX_EVENTS = 1000;

export const EventResultSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate'), Type.Literal('rejected')]),
  error: Type.Optional(Type.String()),
});
/** What happened to one event, in the order received. */
export type EventResult = Static<typeof EventResultSchema>;
export type EventStatus = EventResult['status'];

export const DocumentInputSchema = Type.Object({
  id: Type.Integer(),
  filename: Type.String({ minLength: 1 }),
  title: Type.Optional(Nullable(Type.String())),
  content: Type.Optional(Type.String()),
});
/** A document the assistant was given for a turn, as sent. */
export type DocumentInput = Static<typeof DocumentInputSchema>;

export const LiveTurnBodySchema = Type.Object({
  messageId: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Unique per company, across sessions (feedback names a message by this id alone); a reused id is refused with 409. Re-sending the same turn returns the stored one.',
  }),
  role: StringEnum(MESSAGE_ROLES),
  content: Type.String({ maxLength: 200_000 }),
  timestamp: Type.Optional(Type.String({ format: 'date-time', description: 'Defaults to the time the server receives the turn.' })),
  userId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  model: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  documents: Type.Optional(Type.Array(DocumentInputSchema, { maxItems: 100 })),
  tools: Type.Optional(Type.Array(Type.Object({ name: Type.String({ minLength: 1 }) }), { maxItems: 100 })),
  inputTokens: Type.Optional(
    Type.Integer({ minimum: 0, maximum: LIMITS.tokens, description: 'Tokens the model read to produce this answer (prompt tokens), as the model provider counted them.' }),
  ),
  outputTokens: Type.Optional(
    Type.Integer({ minimum: 0, maximum: LIMITS.tokens, description: 'Tokens the model wrote for this answer (completion tokens).' }),
  ),
  latencyMs: Type.Optional(
    Type.Integer({ minimum: 0, maximum: LIMITS.latencyMs, description: 'Milliseconds from sending the request to the model until the whole answer was received.' }),
  ),
});
/** The fields of a message: the live-turn body, and a `message` event without its envelope. */
export type MessageFields = Static<typeof LiveTurnBodySchema>;

export const LiveTurnResponseSchema = Type.Object({
  message: Type.Object({ id: Type.String(), sessionId: Type.String(), analyzed: Type.Boolean() }),
  findings: Type.Array(FindingSchema),
  session: Type.Object({
    id: Type.String(),
    endedAt: Nullable(Type.String()),
    endedReason: Nullable(Type.Union([Type.Literal('user'), Type.Literal('violation')])),
    messageCount: Type.Integer(),
  }),
});
export type LiveTurnResult = Static<typeof LiveTurnResponseSchema>;

const eventOf = { id: Type.String({ minLength: 1, maxLength: 200 }), timestamp: Type.String({ format: 'date-time' }) };

/**
 * An event as a chat product sends it to `POST /api/ingest`. The route validates each event on its
 * own (chat/events.ts parseEvent), so one bad event is rejected with its reason while the rest of
 * the batch is stored; this schema is the shape callers write.
 */
export const IngestEventInputSchema = Type.Union([
  Type.Object({ ...eventOf, type: Type.Literal('session.started'), sessionId: Type.String(), userId: Type.String() }),
  Type.Intersect([Type.Object({ ...eventOf, type: Type.Literal('message'), sessionId: Type.String() }), LiveTurnBodySchema]),
  Type.Object({ ...eventOf, type: Type.Literal('feedback'), messageId: Type.String(), kind: StringEnum(FEEDBACK_KINDS), userId: Type.Optional(Type.String()) }),
  Type.Object({ ...eventOf, type: Type.Literal('session.ended'), sessionId: Type.String(), reason: Type.Literal('user') }),
  Type.Object({ ...eventOf, type: Type.Literal('connection'), userId: Type.String(), email: Type.Optional(Type.String()) }),
]);
export type IngestEventInput = Static<typeof IngestEventInputSchema>;

// ── The write path ──────────────────────────────────────────────────────────────────────────

/** A stored message as the live-turn endpoint answers it. */
export interface StoredTurn {
  messageId: string;
  sessionId: string;
  findings: StoredFinding[];
  session: LiveTurnResult['session'];
  sessionCreated: boolean;
  analyzed: boolean;
  /** This message ended the session for a violation (webhooks announce it). */
  endedNow: boolean;
  /** The message's time and end user (webhook events carry them). */
  createdAt: string;
  userId: string | null;
}
