/**
 * Sessions, messages and their findings as the monitor, transcripts and SDK see them: the schemas
 * they are served with (the one definition; the types are `Static<>` of them) and the converters
 * from rows.
 */
import { type Static, Type } from '@sinclair/typebox';
import { MESSAGE_ROLES } from '../../chat/turn.js';
import { FEEDBACK_KINDS, SESSION_SOURCES } from '../../chat/events.js';
import type { MessageRow } from '../../db/database.js';
import { Nullable, StringEnum } from '../../http/schemas.js';
import { FindingSchema, type StoredFinding } from '../findings/findings.js';
import { CATEGORIES, SEVERITIES } from '../../analysis/types.js';
import { SessionFilterParams } from './sessions.filters.js';
import { SESSION_STATUSES } from './sessions.filters.js';

export const EndedReasonSchema = Nullable(StringEnum(['user', 'violation']));
/** Why a session ended: the user closed it, or a violation handed it to a person; null while open. */
export type EndedReason = Static<typeof EndedReasonSchema>;

export const MonitorSessionSchema = Type.Object({
  id: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastActivityAt: Type.String({ format: 'date-time' }),
  endedAt: Nullable(Type.String({ format: 'date-time', description: 'null while active; for an idle session, its last activity.' })),
  endedReason: EndedReasonSchema,
  messageCount: Type.Integer(),
  lastMessage: Type.String(),
  userId: Nullable(Type.String({ description: 'The end user of the chat product, when known.' })),
  status: StringEnum(SESSION_STATUSES, {
    description: 'active, user (ended by the user), violation, or idle: open but without activity for the company’s idle time, which counts as ended by the user (`endedReason` "user", `endedAt` its last activity).',
  }),
  source: StringEnum(SESSION_SOURCES, { description: 'How the traffic arrived: live, upload, proxy or otlp.' }),
  findingCount: Type.Integer({ description: 'Findings of the session; dismissed ones do not count.' }),
  severity: Nullable(StringEnum(SEVERITIES, { description: 'The worst severity among those findings; null without findings.' })),
  categories: Type.Array(StringEnum(CATEGORIES), { description: 'Categories flagged in the session, in the order hallucination, bias, toxicity.' }),
});
export type MonitorSession = Static<typeof MonitorSessionSchema>;

export const MonitorPageSchema = Type.Object({ sessions: Type.Array(MonitorSessionSchema), nextCursor: Nullable(Type.String()) });
export type MonitorPage = Static<typeof MonitorPageSchema>;

export const SessionSearchPageSchema = Type.Object({
  sessions: Type.Array(MonitorSessionSchema),
  nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page (it holds the last session’s position); null on the last page.' })),
});
export type SessionSearchPage = Static<typeof SessionSearchPageSchema>;

/** `GET /api/monitor/sessions`'s query: the window start, a page, and the session filters. */
export const MonitorQuerySchema = Type.Object({
  since: Type.Optional(
    Type.String({ maxLength: 40, description: 'Only sessions active after this time (ISO 8601 date-time, or a date: from its start); default 30 minutes ago.' }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Sessions per page (1–100).' }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Session id to start after.' })),
  ...SessionFilterParams,
});
export type MonitorQueryParams = Static<typeof MonitorQuerySchema>;

/** `GET /api/search/sessions`'s query: the monitor's, with no default window and a position as cursor. */
export const SessionSearchQuerySchema = Type.Object({
  since: Type.Optional(Type.String({ maxLength: 40, description: 'Only sessions active after this time (ISO 8601 date-time, or a date: from its start).' })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Sessions per page (1–100).' }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400, pattern: '^[A-Za-z0-9_-]+$', description: 'The previous page’s nextCursor.' })),
  ...SessionFilterParams,
});
export type SessionSearchQueryParams = Static<typeof SessionSearchQuerySchema>;

export const TranscriptDocumentSchema = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  title: Nullable(Type.String()),
  content: Type.Optional(Type.String()),
});
export type TranscriptDocument = Static<typeof TranscriptDocumentSchema>;

export const TranscriptMessageSchema = Type.Object({
  id: Type.String(),
  index: Type.Integer(),
  role: StringEnum(MESSAGE_ROLES),
  content: Type.String(),
  createdAt: Type.String(),
  userId: Nullable(Type.String()),
  model: Nullable(Type.String()),
  inputTokens: Nullable(Type.Integer({ description: 'Prompt tokens of this answer; null when the producer did not send them.' })),
  outputTokens: Nullable(Type.Integer({ description: 'Completion tokens of this answer; null when unknown.' })),
  latencyMs: Nullable(Type.Integer({ description: 'Milliseconds the model took for this answer; null when unknown.' })),
  costUsd: Nullable(Type.Number({ description: 'Cost of this answer in US dollars, priced when it was stored (tokens × the company’s or the shipped price of its model); null without tokens or without a price for the model.' })),
  documents: Type.Array(TranscriptDocumentSchema),
  tools: Type.Array(Type.Object({ name: Type.String() })),
  analyzed: Type.Boolean(),
  findings: Type.Array(FindingSchema),
  feedback: Type.Array(Type.Object({ kind: StringEnum(FEEDBACK_KINDS), userId: Nullable(Type.String()), createdAt: Type.String() })),
});
export type TranscriptMessage = Static<typeof TranscriptMessageSchema>;

/** Messages of a transcript page by default, and at most (`limit`). */
export const TRANSCRIPT_PAGE_DEFAULT = 100;
export const TRANSCRIPT_PAGE_MAX = 500;
/**
 * Characters of message text and documents one page holds at most (it always holds one message):
 * a page is serialised in tens of milliseconds, so no transcript read stalls the server.
 */
export const TRANSCRIPT_PAGE_CHARS = 2_000_000;

export const TranscriptQuerySchema = Type.Object({
  limit: Type.Integer({
    minimum: 1,
    maximum: TRANSCRIPT_PAGE_MAX,
    default: TRANSCRIPT_PAGE_DEFAULT,
    description: `Messages per page (1–${TRANSCRIPT_PAGE_MAX}); a page also stops at about ${TRANSCRIPT_PAGE_CHARS / 1_000_000} million characters of text and documents.`,
  }),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$', description: 'The `nextCursor` of the previous page: messages after it.' })),
});
/** The query as a caller sends it (the server fills in `limit`). */
export type TranscriptQuery = Partial<Static<typeof TranscriptQuerySchema>>;

export const TranscriptSchema = Type.Object({
  id: Type.String(),
  userId: Nullable(Type.String()),
  createdAt: Type.String(),
  lastActivityAt: Type.String(),
  endedAt: Nullable(Type.String()),
  endedReason: EndedReasonSchema,
  status: StringEnum(SESSION_STATUSES),
  messageCount: Type.Integer(),
  source: StringEnum(SESSION_SOURCES, { description: 'How the traffic arrived: live (SDK, ingest API), upload (a transcript file), proxy (the OpenAI-compatible proxy), otlp (OpenTelemetry spans).' }),
  uploadId: Nullable(Type.Integer()),
  messages: Type.Array(TranscriptMessageSchema, { description: 'One page of the messages, in order; `messageCount` counts them all.' }),
  nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last one.' })),
});
export type Transcript = Static<typeof TranscriptSchema>;

export function parseJsonList<T>(value: string | null): T[] {
  if (!value) return [];
  try {
    const v = JSON.parse(value);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

export function toTranscriptMessage(
  r: MessageRow,
  findings: StoredFinding[],
  feedback: TranscriptMessage['feedback'],
): TranscriptMessage {
  return {
    id: r.id,
    index: Number(r.seq),
    role: r.role,
    content: r.content,
    createdAt: r.created_at,
    userId: r.user_id,
    model: r.model,
    inputTokens: r.input_tokens === null ? null : Number(r.input_tokens),
    outputTokens: r.output_tokens === null ? null : Number(r.output_tokens),
    latencyMs: r.latency_ms === null ? null : Number(r.latency_ms),
    costUsd: r.cost_nanos === null ? null : Number(r.cost_nanos) / 1e9,
    documents: parseJsonList<TranscriptDocument>(r.documents).map((d) => ({
      id: d.id,
      filename: d.filename,
      title: d.title ?? null,
      ...(typeof d.content === 'string' ? { content: d.content } : {}),
    })),
    tools: parseJsonList<{ name: string }>(r.tools),
    analyzed: Number(r.analyzed) === 1,
    findings,
    feedback,
  };
}

/** A week: past that, a session is better ended by the chat product than by silence. */
export const IDLE_MINUTES_MAX = 10_080;

export const MonitorSettingsSchema = Type.Object({
  idleMinutes: Type.Integer({
    minimum: 1,
    maximum: IDLE_MINUTES_MAX,
    description: `Minutes without activity after which an open session counts as ended by the user (1–${IDLE_MINUTES_MAX}; default 30).`,
  }),
});
/** The company's monitoring settings. */
export type MonitorSettings = Static<typeof MonitorSettingsSchema>;
