import type { Kysely } from 'kysely';
import type { SessionSource } from '../../chat/events.js';
import type { DB } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { monitorCursors } from './monitor-cursors.js';
import * as repo from './sessions.repository.js';
import { type StoredFinding, toStoredFinding } from '../findings/findings.js';
import { type MonitorPage, TRANSCRIPT_PAGE_CHARS, TRANSCRIPT_PAGE_DEFAULT, type Transcript, type TranscriptMessage, toTranscriptMessage } from './sessions.js';

export interface MonitorQuery {
  since: string;
  limit: number;
  cursor: string | null;
}

export async function listMonitorSessions(db: Kysely<DB>, companyId: number, q: MonitorQuery): Promise<MonitorPage> {
  const cursors = monitorCursors(db);
  let after: repo.ActivityPosition | null = null;
  if (q.cursor) {
    // Where the cursor's session stood when the page ended there; else where it stands now.
    const at = (await cursors.find(companyId, q.cursor)) ?? (await repo.findSession(db, companyId, q.cursor))?.last_activity_at;
    // An unknown cursor is not an error worth failing a dashboard over: it means "from the top".
    if (at) after = { lastActivityAt: at, id: q.cursor };
  }
  // One extra row tells whether another page exists.
  const rows = await repo.listActiveSessions(db, companyId, q.since, q.limit + 1, after);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > q.limit && last ? last.id : null;
  if (nextCursor && last) cursors.remember(companyId, last.id, last.last_activity_at);
  return {
    sessions: page.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      lastActivityAt: r.last_activity_at,
      endedAt: r.ended_at,
      endedReason: r.ended_reason,
      messageCount: Number(r.message_count),
      lastMessage: r.last_message ?? '',
    })),
    nextCursor,
  };
}

/**
 * A session and one page of its messages (keyset on `seq`): at most `limit` messages and, beyond
 * the first, no more than TRANSCRIPT_PAGE_CHARS of text and documents. Sizes are read first, so a
 * page never loads more than it returns.
 */
export async function getTranscript(
  db: Kysely<DB>,
  companyId: number,
  sessionId: string,
  q: { limit?: number; cursor?: string } = {},
): Promise<Transcript> {
  const session = await repo.findSession(db, companyId, sessionId);
  if (!session) throw notFound(`session ${sessionId} does not exist`);
  const limit = q.limit ?? TRANSCRIPT_PAGE_DEFAULT;
  const after = q.cursor === undefined ? -1 : Number(q.cursor);
  // One more than asked, to know whether another page follows.
  const sizes = await repo.messageSizes(db, companyId, sessionId, after, limit + 1);
  let taken = 0;
  let chars = 0;
  while (taken < Math.min(limit, sizes.length)) {
    const size = Number(sizes[taken].size);
    if (taken > 0 && chars + size > TRANSCRIPT_PAGE_CHARS) break;
    chars += size;
    taken++;
  }
  const rows = taken > 0 ? await repo.messagesBetween(db, companyId, sessionId, Number(sizes[0].seq), Number(sizes[taken - 1].seq)) : [];
  const ids = rows.map((m) => m.id);
  const [findings, feedback] = await Promise.all([repo.findingsOfMessages(db, companyId, ids), repo.feedbackOfMessages(db, companyId, ids)]);
  const byMessage = new Map<string, StoredFinding[]>();
  for (const f of findings) {
    const list = byMessage.get(f.message_id) ?? [];
    list.push(toStoredFinding(f));
    byMessage.set(f.message_id, list);
  }
  const feedbackByMessage = new Map<string, TranscriptMessage['feedback']>();
  for (const f of feedback) {
    const list = feedbackByMessage.get(f.message_id) ?? [];
    list.push({ kind: f.kind, userId: f.user_id, createdAt: f.created_at });
    feedbackByMessage.set(f.message_id, list);
  }
  return {
    id: session.id,
    userId: session.user_id,
    createdAt: session.created_at,
    lastActivityAt: session.last_activity_at,
    endedAt: session.ended_at,
    endedReason: session.ended_reason,
    messageCount: Number(session.message_count),
    // Written only from IngestOptions.source, a SessionSource.
    source: session.source as SessionSource,
    uploadId: session.upload_id === null ? null : Number(session.upload_id),
    messages: rows.map((m) => toTranscriptMessage(m, byMessage.get(m.id) ?? [], feedbackByMessage.get(m.id) ?? [])),
    nextCursor: taken < sizes.length ? String(sizes[taken - 1].seq) : null,
  };
}
