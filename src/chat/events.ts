/**
 * The events a chat product sends, and their validation. Each event is checked on its own so a
 * bad one is rejected with a reason while the rest of the batch is stored.
 */
import { AppError, type ErrorCode } from '../errors.js';
import { parseTimestamp } from '../lib/time.js';
import { MESSAGE_ROLES, type Role } from './turn.js';

export const FEEDBACK_KINDS = ['like', 'dislike', 'copy'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const EVENT_TYPES = ['session.started', 'message', 'feedback', 'session.ended', 'connection'] as const;

/**
 * How a session's traffic reached Chatlens, stored on sessions and messages (`source`): the SDK or
 * ingest API (`live`), a transcript file (`upload`), the OpenAI-compatible proxy (`proxy`), or
 * OpenTelemetry spans (`otlp`). Search and the transcript filter by it.
 */
export const SESSION_SOURCES = ['live', 'upload', 'proxy', 'otlp'] as const;
export type SessionSource = (typeof SESSION_SOURCES)[number];

export interface DocumentRef {
  id: number;
  filename: string;
  title: string | null;
  content?: string;
}

export interface ToolRef {
  name: string;
}

export interface MessageInput {
  sessionId: string;
  messageId: string;
  role: Role;
  content: string;
  timestamp: string;
  userId: string | null;
  model: string | null;
  documents: DocumentRef[];
  tools: ToolRef[];
  /**
   * Usage of the answer, when the producer knows it: tokens the model read (prompt) and wrote
   * (completion), and milliseconds from request to complete answer. Optional here so every path
   * that builds a message (uploads, proxy, OTLP) may leave them out; absent means unknown (null).
   */
  inputTokens?: number | null;
  outputTokens?: number | null;
  latencyMs?: number | null;
}

export type IngestEvent =
  | { id: string; type: 'session.started'; timestamp: string; sessionId: string; userId: string }
  | ({ id: string; type: 'message' } & MessageInput)
  | { id: string; type: 'feedback'; timestamp: string; messageId: string; kind: FeedbackKind; userId: string | null }
  | { id: string; type: 'session.ended'; timestamp: string; sessionId: string; reason: 'user' }
  | { id: string; type: 'connection'; timestamp: string; userId: string; email: string | null };

/** Limits that keep one event from swallowing the server; generous for real chat traffic. */
export const LIMITS = {
  idLength: 200,
  contentLength: 200_000,
  documents: 100,
  tools: 100,
  documentContentLength: 200_000,
  /** Tokens of one message, either way: ten times the largest context window sold today (2 M). */
  tokens: 100_000_000,
  /** Latency of one answer: a day. Anything longer is a clock error, not a slow model. */
  latencyMs: 86_400_000,
} as const;

/** Why one event is rejected: BAD_REQUEST for an invalid event, CONFLICT when it collides with stored data. */
export class EventError extends AppError {
  constructor(message: string, code: ErrorCode = 'BAD_REQUEST') {
    super(code, message);
    this.name = 'EventError';
  }
}

type Obj = Record<string, unknown>;

/** PostgreSQL text cannot hold the NUL character; it is refused on both databases alike. */
function noNul(v: string, name: string): string {
  if (v.includes('\u0000')) throw new EventError(`${name} must not contain the NUL character (\\u0000)`);
  return v;
}

function str(o: Obj, key: string, max: number = LIMITS.idLength): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) throw new EventError(`${key} must be a non-empty string`);
  if (v.length > max) throw new EventError(`${key} must be at most ${max} characters`);
  return noNul(v, key);
}

function optStr(o: Obj, key: string, max: number = LIMITS.idLength): string | null {
  if (o[key] === undefined || o[key] === null) return null;
  return str(o, key, max);
}

/** A non-negative integer up to `max`, or null when absent. */
function optCount(o: Obj, key: string, max: number): number | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) {
    throw new EventError(`${key} must be an integer from 0 to ${max}`);
  }
  return v;
}

function oneOf<T extends string>(o: Obj, key: string, values: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !values.includes(v as T)) throw new EventError(`${key} must be one of ${values.join(', ')}`);
  return v as T;
}

function timestamp(o: Obj): string {
  const t = parseTimestamp(o.timestamp);
  if (!t) throw new EventError('timestamp must be an ISO 8601 date-time with a time zone, e.g. 2026-04-08T12:00:00Z');
  return t;
}

function documents(o: Obj): DocumentRef[] {
  const v = o.documents;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new EventError('documents must be an array');
  if (v.length > LIMITS.documents) throw new EventError(`documents must have at most ${LIMITS.documents} items`);
  return v.map((d, i) => {
    if (!d || typeof d !== 'object') throw new EventError(`documents[${i}] must be an object`);
    const doc = d as Obj;
    if (!Number.isSafeInteger(doc.id)) throw new EventError(`documents[${i}].id must be an integer`);
    const filename = doc.filename;
    if (typeof filename !== 'string' || !filename) throw new EventError(`documents[${i}].filename must be a non-empty string`);
    if (doc.title !== undefined && doc.title !== null && typeof doc.title !== 'string') {
      throw new EventError(`documents[${i}].title must be a string`);
    }
    if (doc.content !== undefined && doc.content !== null && typeof doc.content !== 'string') {
      throw new EventError(`documents[${i}].content must be a string`);
    }
    if (typeof doc.content === 'string' && doc.content.length > LIMITS.documentContentLength) {
      throw new EventError(`documents[${i}].content must be at most ${LIMITS.documentContentLength} characters`);
    }
    noNul(filename, `documents[${i}].filename`);
    if (typeof doc.title === 'string') noNul(doc.title, `documents[${i}].title`);
    const out: DocumentRef = { id: doc.id as number, filename: filename.slice(0, 500), title: typeof doc.title === 'string' ? doc.title.slice(0, 500) : null };
    if (typeof doc.content === 'string') out.content = noNul(doc.content, `documents[${i}].content`);
    return out;
  });
}

function tools(o: Obj): ToolRef[] {
  const v = o.tools;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new EventError('tools must be an array');
  if (v.length > LIMITS.tools) throw new EventError(`tools must have at most ${LIMITS.tools} items`);
  return v.map((t, i) => {
    if (!t || typeof t !== 'object' || typeof (t as Obj).name !== 'string' || !(t as Obj).name) {
      throw new EventError(`tools[${i}].name must be a non-empty string`);
    }
    return { name: noNul(((t as Obj).name as string).slice(0, 200), `tools[${i}].name`) };
  });
}

/** The fields of a `message` event without `sessionId` (the live-turn endpoint takes it from the path). */
export function parseMessageFields(o: Obj, sessionId: string, fallbackTimestamp?: string): MessageInput {
  const content = o.content;
  if (typeof content !== 'string') throw new EventError('content must be a string');
  if (content.length > LIMITS.contentLength) throw new EventError(`content must be at most ${LIMITS.contentLength} characters`);
  noNul(content, 'content');
  noNul(sessionId, 'sessionId');
  return {
    sessionId,
    messageId: str(o, 'messageId'),
    role: oneOf(o, 'role', MESSAGE_ROLES),
    content,
    timestamp: o.timestamp === undefined && fallbackTimestamp ? fallbackTimestamp : timestamp(o),
    userId: optStr(o, 'userId'),
    model: optStr(o, 'model'),
    documents: documents(o),
    tools: tools(o),
    inputTokens: optCount(o, 'inputTokens', LIMITS.tokens),
    outputTokens: optCount(o, 'outputTokens', LIMITS.tokens),
    latencyMs: optCount(o, 'latencyMs', LIMITS.latencyMs),
  };
}

export function parseEvent(raw: unknown): IngestEvent {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new EventError('event must be an object');
  const o = raw as Obj;
  const id = str(o, 'id');
  const type = oneOf(o, 'type', EVENT_TYPES);
  switch (type) {
    case 'session.started':
      return { id, type, timestamp: timestamp(o), sessionId: str(o, 'sessionId'), userId: str(o, 'userId') };
    case 'message':
      return { id, type, ...parseMessageFields(o, str(o, 'sessionId')) };
    case 'feedback':
      return { id, type, timestamp: timestamp(o), messageId: str(o, 'messageId'), kind: oneOf(o, 'kind', FEEDBACK_KINDS), userId: optStr(o, 'userId') };
    case 'session.ended':
      return { id, type, timestamp: timestamp(o), sessionId: str(o, 'sessionId'), reason: oneOf(o, 'reason', ['user'] as const) };
    case 'connection':
      return { id, type, timestamp: timestamp(o), userId: str(o, 'userId'), email: optStr(o, 'email', 320) };
  }
}
