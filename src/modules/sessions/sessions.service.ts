import type { Kysely } from 'kysely';
import type { SessionSource } from '../../chat/events.js';
import type { DB } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { monitorCursors } from './monitor-cursors.js';
import * as repo from './sessions.repository.js';
import { type StoredFinding, toStoredFinding } from '../findings/findings.js';
import { CATEGORIES, type Category, SEVERITIES, type Severity, severityRank } from '../../analysis/types.js';
import { badRequest } from '../../errors.js';
import { findCompany, updateIdleMinutes } from '../companies/companies.repository.js';
import { DEFAULT_IDLE_MINUTES } from '../companies/companies.js';
import { NO_FILTERS, type SessionFilters, type SessionStatus } from './sessions.filters.js';
import { type ActivityPosition, type SessionListRow, findingSummaries, pageOfSessions } from './sessions.query.js';
import { type EndedReason, type MonitorPage, type MonitorSettings, type MonitorSession, type SessionSearchPage, TRANSCRIPT_PAGE_CHARS, TRANSCRIPT_PAGE_DEFAULT, type Transcript, type TranscriptMessage, toTranscriptMessage } from './sessions.js';

export interface MonitorQuery {
  since: string;
  limit: number;
  cursor: string | null;
  /** Optional filters (sessions.filters.ts); `since` above is the monitor's own. */
  filters?: SessionFilters;
  now?: Date;
}

export async function getMonitorSettings(db: Kysely<DB>, companyId: number): Promise<MonitorSettings> {
  const company = await findCompany(db, companyId);
  if (!company) throw notFound(`company ${companyId} does not exist`);
  return { idleMinutes: Number(company.idle_minutes) };
}

export async function setMonitorSettings(db: Kysely<DB>, companyId: number, settings: MonitorSettings): Promise<MonitorSettings> {
  await updateIdleMinutes(db, companyId, settings.idleMinutes);
  return getMonitorSettings(db, companyId);
}

/** Open sessions last active at or before this time are idle: now minus the company's idle time. */
export async function idleBefore(db: Kysely<DB>, companyId: number, now: Date = new Date()): Promise<string> {
  const company = await findCompany(db, companyId);
  const minutes = company ? Number(company.idle_minutes) : DEFAULT_IDLE_MINUTES;
  return new Date(now.getTime() - minutes * 60_000).toISOString();
}

interface Lifecycle {
  ended_at: string | null;
  ended_reason: EndedReason;
  last_activity_at: string;
}

/**
 * How a session reads: an open session silent past the idle time counts as ended by the user at
 * its last activity (docs/decisions.md, "Idle sessions"), so clients of the seed's
 * `"user" | "violation" | null` see it ended; `status` tells idle apart.
 */
export function lifecycle(r: Lifecycle, idleAt: string): { endedAt: string | null; endedReason: EndedReason; status: SessionStatus } {
  if (r.ended_at !== null) return { endedAt: r.ended_at, endedReason: r.ended_reason, status: r.ended_reason === 'violation' ? 'violation' : 'user' };
  if (r.last_activity_at <= idleAt) return { endedAt: r.last_activity_at, endedReason: 'user', status: 'idle' };
  return { endedAt: null, endedReason: null, status: 'active' };
}

/** The page's rows as the monitor serves them, each with its counted findings. */
async function toMonitorSessions(db: Kysely<DB>, companyId: number, rows: SessionListRow[], idleAt: string): Promise<MonitorSession[]> {
  const summaries = await findingSummaries(db, companyId, rows.map((r) => r.id));
  const bySession = new Map<string, { count: number; worst: number; categories: Set<Category> }>();
  for (const f of summaries) {
    const s = bySession.get(f.session_id) ?? { count: 0, worst: -1, categories: new Set<Category>() };
    s.count += Number(f.n);
    s.worst = Math.max(s.worst, severityRank(f.severity as Severity));
    s.categories.add(f.category as Category);
    bySession.set(f.session_id, s);
  }
  return rows.map((r) => {
    const f = bySession.get(r.id);
    return {
      id: r.id,
      createdAt: r.created_at,
      lastActivityAt: r.last_activity_at,
      ...lifecycle(r, idleAt),
      messageCount: Number(r.message_count),
      lastMessage: r.last_message ?? '',
      userId: r.user_id,
      // Written only from IngestOptions.source, a SessionSource.
      source: r.source as SessionSource,
      findingCount: f?.count ?? 0,
      severity: f && f.worst >= 0 ? SEVERITIES[f.worst] : null,
      categories: f ? CATEGORIES.filter((c) => f.categories.has(c)) : [],
    };
  });
}

export async function listMonitorSessions(db: Kysely<DB>, companyId: number, q: MonitorQuery): Promise<MonitorPage> {
  const cursors = monitorCursors(db);
  let after: ActivityPosition | null = null;
  if (q.cursor) {
    // Where the cursor's session stood when the page ended there; else where it stands now.
    const at = (await cursors.find(companyId, q.cursor)) ?? (await repo.findSession(db, companyId, q.cursor))?.last_activity_at;
    // An unknown cursor is not an error worth failing a dashboard over: it means "from the top".
    if (at) after = { lastActivityAt: at, id: q.cursor };
  }
  const idleAt = await idleBefore(db, companyId, q.now);
  // One extra row tells whether another page exists.
  const rows = await pageOfSessions(db, companyId, { ...(q.filters ?? NO_FILTERS), since: q.since }, { idleBefore: idleAt, after, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > q.limit && last ? last.id : null;
  if (nextCursor && last) cursors.remember(companyId, last.id, last.last_activity_at);
  return { sessions: await toMonitorSessions(db, companyId, page, idleAt), nextCursor };
}

/** A search cursor carries its position (last activity and id), so it needs no memory on the server. */
export function encodeSearchCursor(p: ActivityPosition): string {
  return Buffer.from(`${p.lastActivityAt}\u0000${p.id}`, 'utf8').toString('base64url');
}

export function decodeSearchCursor(cursor: string): ActivityPosition {
  const [lastActivityAt, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('\u0000');
  if (extra !== undefined || id === undefined || id === '' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(lastActivityAt)) {
    throw badRequest('cursor must be a nextCursor this endpoint returned');
  }
  return { lastActivityAt, id };
}

export interface SearchQuery {
  filters: SessionFilters;
  limit: number;
  cursor: string | null;
  now?: Date;
}

/**
 * `GET /api/search/sessions`: every session matching the filters, whatever its age (no default
 * window), in the monitor's order. The cursor holds the position of the page's last session, so a
 * page never repeats one already shown; sessions that get new activity meanwhile move to the top.
 */
export async function searchSessions(db: Kysely<DB>, companyId: number, q: SearchQuery): Promise<SessionSearchPage> {
  const after = q.cursor ? decodeSearchCursor(q.cursor) : null;
  const idleAt = await idleBefore(db, companyId, q.now);
  const rows = await pageOfSessions(db, companyId, q.filters, { idleBefore: idleAt, after, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    sessions: await toMonitorSessions(db, companyId, page, idleAt),
    nextCursor: rows.length > q.limit && last ? encodeSearchCursor({ lastActivityAt: last.last_activity_at, id: last.id }) : null,
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
    ...lifecycle(session, await idleBefore(db, companyId)),
    messageCount: Number(session.message_count),
    // Written only from IngestOptions.source, a SessionSource.
    source: session.source as SessionSource,
    uploadId: session.upload_id === null ? null : Number(session.upload_id),
    messages: rows.map((m) => toTranscriptMessage(m, byMessage.get(m.id) ?? [], feedbackByMessage.get(m.id) ?? [])),
    nextCursor: taken < sizes.length ? String(sizes[taken - 1].seq) : null,
  };
}
