/**
 * Ingest events built for you: each gets a fresh event id (the ingest API's idempotency key, so a
 * retried request stores nothing twice) and the current time unless given. The client's helpers
 * send them at once; the ingest buffer's queue them.
 *
 * Message ids are unique per company, not per session: a `messageId` already used by another
 * message of the company is refused (409 on the live-turn endpoint, a rejected event on
 * `/api/ingest`), because feedback events name a message by its id alone. Let the SDK generate
 * them (UUIDs) unless your chat product has its own globally unique ids.
 */
import type { FeedbackKind, IngestEvent, TurnInput } from './types.js';

/**
 * A random UUID (version 4). `crypto.getRandomValues` rather than `randomUUID`: browsers offer
 * `randomUUID` only on HTTPS pages, `getRandomValues` everywhere (and Node ≥ 20 has both).
 */
export function newId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const now = () => new Date().toISOString();

/** When and under which event id; both generated when not given. */
export interface EventMeta {
  /** ISO 8601; default: now. */
  timestamp?: string;
  /** The event's idempotency key; default: a new UUID. */
  eventId?: string;
}

/** `session.started`: an end user opened a conversation. `sessionId` is generated when not given. */
export function sessionStartedEvent(v: { userId: string; sessionId?: string } & EventMeta): Extract<IngestEvent, { type: 'session.started' }> {
  return { id: v.eventId ?? newId(), type: 'session.started', timestamp: v.timestamp ?? now(), sessionId: v.sessionId ?? newId(), userId: v.userId };
}

/** `message`: one turn of a session. `messageId` is generated when not given. */
export function messageEvent(sessionId: string, turn: TurnInput & EventMeta): Extract<IngestEvent, { type: 'message' }> {
  const { eventId, timestamp, messageId, ...fields } = turn;
  return { ...fields, id: eventId ?? newId(), type: 'message', timestamp: timestamp ?? now(), sessionId, messageId: messageId ?? newId() };
}

/** `session.ended`: the user closed the conversation (a session ended for a violation is ended by the server). */
export function sessionEndedEvent(sessionId: string, v: EventMeta = {}): Extract<IngestEvent, { type: 'session.ended' }> {
  return { id: v.eventId ?? newId(), type: 'session.ended', timestamp: v.timestamp ?? now(), sessionId, reason: 'user' };
}

/** `feedback`: a like, dislike or copy of an assistant message (it counts in the chats-feedback report). */
export function feedbackEvent(messageId: string, kind: FeedbackKind, v: { userId?: string } & EventMeta = {}): Extract<IngestEvent, { type: 'feedback' }> {
  return { id: v.eventId ?? newId(), type: 'feedback', timestamp: v.timestamp ?? now(), messageId, kind, ...(v.userId ? { userId: v.userId } : {}) };
}

/** `connection`: an end user signed in to the chat product (it counts in user-activities and users). */
export function connectionEvent(userId: string, v: { email?: string } & EventMeta = {}): Extract<IngestEvent, { type: 'connection' }> {
  return { id: v.eventId ?? newId(), type: 'connection', timestamp: v.timestamp ?? now(), userId, ...(v.email ? { email: v.email } : {}) };
}
