/**
 * Every SQL statement of the write path. A chunk of events (one live turn, an ingest request, a
 * chunk of an upload or of the demo) is read and written set-wise: one statement claims its
 * event ids, two lock its sessions, one reads the messages it refers to (those four are one
 * statement on PostgreSQL: readChunk), one the stored tails it continues, and one multi-row
 * statement per table writes it (combined into one round trip on PostgreSQL). The texts are hand-written once (db/sql.ts), never built per call. The monitor and
 * transcript reads live in sessions.repository.ts.
 */
import type { ChatSessionsTable, Executor, FindingsTable, MessagesTable } from '../../db/database.js';
import { RowsStatement, type Sql, type SqlSyntax, all, cols, run, syntaxOf } from '../../db/sql.js';
import type { Insertable } from 'kysely';

export type EventScope = 'event' | 'live' | 'upload' | 'otlp';

// ── Idempotency ───────────────────────────────────────────────────────────────────────────────

const CLAIM = new RowsStatement(
  cols('company_id:integer', 'scope', 'event_id', 'type', 'received_at'),
  (v) =>
    `INSERT INTO ingested_events (company_id, scope, event_id, type, received_at) SELECT v.company_id, v.scope, v.event_id, v.type, v.received_at FROM ${v} WHERE true ON CONFLICT (company_id, scope, event_id) DO NOTHING RETURNING event_id`,
);

/**
 * Records event ids (sorted, so concurrent chunks wait on each other in one order); returns the
 * ids that were new. An id already recorded is a duplicate; one recorded by a concurrent
 * transaction is waited for, and is a duplicate if that transaction commits.
 */
export async function claimEvents(db: Executor, companyId: number, scope: EventScope, events: { id: string; type: string }[], at: string): Promise<Set<string>> {
  const rows = [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((e) => [companyId, scope, e.id, e.type, at]);
  const claimed = new Set<string>();
  for (const s of CLAIM.statements(syntaxOf(db), rows)) for (const r of await all<{ event_id: string }>(db, s)) claimed.add(r.event_id);
  return claimed;
}

/** Forgets event ids, so a rejected event can be sent again once fixed. */
export function forgetEventsStatements(syntax: SqlSyntax, companyId: number, scope: EventScope, ids: string[]): Sql[] {
  if (ids.length === 0) return [];
  return [{ text: `DELETE FROM ingested_events WHERE company_id = ? AND scope = ? AND ${syntax.inList('event_id', 'text')}`, params: [companyId, scope, syntax.listParam(ids)] }];
}

// ── Sessions ──────────────────────────────────────────────────────────────────────────────────

/** A session row without its key: what the write path reads, changes and writes back. */
export type SessionRowState = Omit<ChatSessionsTable, 'company_id' | 'id'>;

const SESSION_FIELDS = ['user_id', 'created_at', 'last_activity_at', 'ended_at', 'ended_reason', 'message_count', 'last_message', 'source', 'upload_id'] as const;
const SESSION_COLUMNS = cols('company_id:integer', 'id', 'user_id', 'created_at', 'last_activity_at', 'ended_at', 'ended_reason', 'message_count:integer', 'last_message', 'source', 'upload_id:integer');
const sessionRow = (companyId: number, id: string, s: SessionRowState) => [companyId, id, ...SESSION_FIELDS.map((f) => s[f])];

const CREATE_SESSIONS = new RowsStatement(
  SESSION_COLUMNS,
  (v) =>
    `INSERT INTO chat_sessions (${SESSION_COLUMNS.map((c) => c.name).join(', ')}) SELECT ${SESSION_COLUMNS.map((c) => `v.${c.name}`).join(', ')} FROM ${v} WHERE true ON CONFLICT (company_id, id) DO NOTHING RETURNING id`,
);
const INSERT_SESSIONS = new RowsStatement(
  SESSION_COLUMNS,
  (v) => `INSERT INTO chat_sessions (${SESSION_COLUMNS.map((c) => c.name).join(', ')}) SELECT ${SESSION_COLUMNS.map((c) => `v.${c.name}`).join(', ')} FROM ${v}`,
);
const UPDATE_SESSIONS = new RowsStatement(
  SESSION_COLUMNS,
  (v) =>
    `UPDATE chat_sessions SET ${SESSION_FIELDS.map((f) => `${f} = v.${f}`).join(', ')} FROM ${v} WHERE chat_sessions.company_id = v.company_id AND chat_sessions.id = v.id`,
);

/**
 * Inserts a placeholder row for each session not stored yet (sorted by id); returns the ids
 * inserted. The row is rewritten with its real state before commit, or deleted when no event
 * of the chunk created the session after all. Taking the row this early is what serialises
 * concurrent chunks that start the same new session.
 */
export async function createPlaceholderSessions(db: Executor, companyId: number, rows: { id: string; state: SessionRowState }[]): Promise<Set<string>> {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => sessionRow(companyId, r.id, r.state));
  const created = new Set<string>();
  for (const s of CREATE_SESSIONS.statements(syntaxOf(db), sorted)) for (const r of await all<{ id: string }>(db, s)) created.add(r.id);
  return created;
}

/** The sessions' stored state, locked until commit (by id order, so concurrent chunks cannot deadlock here). */
export async function lockSessions(db: Executor, companyId: number, ids: string[]): Promise<(SessionRowState & { id: string })[]> {
  if (ids.length === 0) return [];
  const s = syntaxOf(db);
  const rows = await all<SessionRowState & { id: string }>(db, {
    text: `SELECT id, ${SESSION_FIELDS.join(', ')} FROM chat_sessions WHERE company_id = ? AND ${s.inList('id', 'text')} ORDER BY id${s.lockRows}`,
    params: [companyId, s.listParam(ids)],
  });
  for (const r of rows) {
    r.message_count = Number(r.message_count);
    r.upload_id = r.upload_id === null ? null : Number(r.upload_id);
  }
  return rows;
}

/** Deletes the placeholders of sessions no event of the chunk created after all. */
export function deleteSessionsStatements(syntax: SqlSyntax, companyId: number, ids: string[]): Sql[] {
  if (ids.length === 0) return [];
  return [{ text: `DELETE FROM chat_sessions WHERE company_id = ? AND ${syntax.inList('id', 'text')}`, params: [companyId, syntax.listParam(ids)] }];
}

export function updateSessionStatements(syntax: SqlSyntax, companyId: number, rows: { id: string; state: SessionRowState }[]): Sql[] {
  return UPDATE_SESSIONS.statements(syntax, rows.map((r) => sessionRow(companyId, r.id, r.state)));
}

/** Inserts sessions a chunk started without a placeholder row (`ChunkReads.reserved` false), in their final state. */
export function insertSessionStatements(syntax: SqlSyntax, companyId: number, rows: { id: string; state: SessionRowState }[]): Sql[] {
  return INSERT_SESSIONS.statements(syntax, rows.map((r) => sessionRow(companyId, r.id, r.state)));
}

/** Ends the still-open sessions an upload created at their last activity. */
export async function endSessionsOfUpload(db: Executor, companyId: number, uploadId: number): Promise<void> {
  await db
    .updateTable('chat_sessions')
    .set((eb) => ({ ended_at: eb.ref('last_activity_at'), ended_reason: 'user' as const }))
    .where('company_id', '=', companyId)
    .where('upload_id', '=', uploadId)
    .where('ended_at', 'is', null)
    .execute();
}

// ── Messages and what hangs off them ──────────────────────────────────────────────────────────

/** Which of these message ids are stored already. */
export async function existingMessages(db: Executor, companyId: number, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const s = syntaxOf(db);
  const rows = await all<{ id: string }>(db, { text: `SELECT id FROM messages WHERE company_id = ? AND ${s.inList('id', 'text')}`, params: [companyId, s.listParam(ids)] });
  return new Set(rows.map((r) => r.id));
}

// ── A chunk's reads ───────────────────────────────────────────────────────────────────────────

/** One event of a chunk as its reads see it: the key it is claimed under, the session and message it names. */
export interface EventRef {
  key: string;
  type: string;
  /** `creates`: the event starts the session when there is none (at `at`). */
  session?: { id: string; creates: boolean; at: string };
  /** A message's own id, or the one a feedback is about. */
  messageId?: string;
}

/** What the claimed events refer to: sessions (those they may create, at their first event's time) and messages. */
export interface ChunkRefs {
  creatable: Map<string, string>;
  sessions: Set<string>;
  messages: Set<string>;
}

/** What a chunk reads before its steps run, in the order concurrent chunks take their locks. */
export interface ChunkReads extends ChunkRefs {
  /** Keys new to the scope: their events are stored; the others are duplicates. */
  claimed: Set<string>;
  /**
   * Whether the sessions of `creatable` not stored yet were reserved with placeholder rows
   * (`placeholders`), which concurrent chunks wait on; not where writers run one at a time
   * (`SqlSyntax.oneWriter`): the chunk then inserts the sessions it starts as it is written.
   */
  reserved: boolean;
  /** Sessions of `creatable` not stored yet: this chunk inserted a placeholder row for each (when `reserved`). */
  placeholders: Set<string>;
  /** The referenced sessions stored before (placeholders aside), locked until commit. */
  locked: Map<string, SessionRowState & { id: string }>;
  /** The messages of `messages` stored already. */
  storedMessages: Set<string>;
}

function refsOf(refs: readonly EventRef[], claimed: Set<string>): ChunkRefs {
  const out: ChunkRefs = { creatable: new Map(), sessions: new Set(), messages: new Set() };
  for (const r of refs) {
    if (!claimed.has(r.key)) continue;
    if (r.session) {
      out.sessions.add(r.session.id);
      if (r.session.creates && !out.creatable.has(r.session.id)) out.creatable.set(r.session.id, r.session.at);
    }
    if (r.messageId) out.messages.add(r.messageId);
  }
  return out;
}

/**
 * Claims a chunk's event keys, then inserts placeholders for the sessions its new events create,
 * locks the sessions they refer to and reads which of their messages are stored. Where
 * statements cost a round trip (PostgreSQL) that is one statement: `readAtOnce`.
 */
export async function readChunk(db: Executor, companyId: number, scope: EventScope, refs: readonly EventRef[], at: string, placeholder: (at: string) => SessionRowState): Promise<ChunkReads> {
  const events = new Map<string, string>();
  for (const r of refs) if (!events.has(r.key)) events.set(r.key, r.type);
  const syntax = syntaxOf(db);
  const reserved = !syntax.oneWriter;
  if (events.size === 0) return { claimed: new Set(), reserved, placeholders: new Set(), locked: new Map(), storedMessages: new Set(), ...refsOf([], new Set()) };
  if (syntax.writableCtes) return readAtOnce(db, companyId, scope, refs, events, at, placeholder);
  const claimed = await claimEvents(db, companyId, scope, [...events].map(([id, type]) => ({ id, type })), at);
  const r = refsOf(refs, claimed);
  // One writer at a time (SQLite): no concurrent chunk can start these sessions meanwhile, so
  // nothing is reserved, and each new session's row is written once instead of inserted, then
  // rewritten with its state (every index of chat_sessions updated twice).
  const placeholders = reserved ? await createPlaceholderSessions(db, companyId, [...r.creatable].map(([id, first]) => ({ id, state: placeholder(first) }))) : new Set<string>();
  const locked = new Map((await lockSessions(db, companyId, [...r.sessions])).map((row) => [row.id, row]));
  return { claimed, reserved, placeholders, locked, storedMessages: await existingMessages(db, companyId, [...r.messages]), ...r };
}

/**
 * `readChunk` in one statement: the claim, the placeholders and the locks run in that order
 * (each waits for the one before through a subquery of its results), as in separate statements,
 * so concurrent chunks still lock in one order. Only the events the claim kept refer to anything.
 */
const READ_AT_ONCE = (syntax: SqlSyntax) =>
  `WITH claim AS (INSERT INTO ingested_events (company_id, scope, event_id, type, received_at) ` +
  `SELECT ?, ?, v.event_id, v.type, ? FROM unnest(?::text[], ?::text[]) AS v(event_id, type) ORDER BY v.event_id ` +
  `ON CONFLICT (company_id, scope, event_id) DO NOTHING RETURNING event_id), ` +
  `refs AS (SELECT r.session_id, r.creates, r.message_id FROM unnest(?::text[], ?::text[], ?::integer[], ?::text[]) AS r(event_id, session_id, creates, message_id) ` +
  `WHERE r.event_id = ANY(ARRAY(SELECT event_id FROM claim))), ` +
  `created AS (INSERT INTO chat_sessions (${SESSION_COLUMNS.map((c) => c.name).join(', ')}) SELECT ${SESSION_COLUMNS.map((c) => `v.${c.name}`).join(', ')} ` +
  `FROM ${syntax.rowSource('v', SESSION_COLUMNS, 0)} WHERE v.id = ANY(ARRAY(SELECT session_id FROM refs WHERE creates = 1)) ORDER BY v.id ` +
  `ON CONFLICT (company_id, id) DO NOTHING RETURNING id), ` +
  `locked AS (SELECT id, ${SESSION_FIELDS.join(', ')}, xmin::text AS version FROM chat_sessions ` +
  `WHERE company_id = ? AND id = ANY(ARRAY(SELECT session_id FROM refs)) AND (SELECT count(*) FROM created) >= 0 ORDER BY id${syntax.lockRows}) ` +
  `SELECT ARRAY(SELECT event_id FROM claim) AS claimed, ARRAY(SELECT id FROM created) AS created, (SELECT json_agg(locked) FROM locked) AS locked, ` +
  // As the statement's snapshot saw them (see readAtOnce).
  `ARRAY(SELECT id || ' ' || xmin::text FROM chat_sessions WHERE company_id = ? AND id = ANY(ARRAY(SELECT session_id FROM refs))) AS seen, ` +
  `ARRAY(SELECT event_id FROM ingested_events WHERE company_id = ? AND scope = ? AND event_id = ANY(?::text[])) AS seen_keys, ` +
  `ARRAY(SELECT id FROM messages WHERE company_id = ? AND id = ANY(ARRAY(SELECT message_id FROM refs))) AS messages`;

let readAtOnceText: string | undefined;

interface AtOnceRow {
  claimed: string[];
  created: string[];
  locked: (SessionRowState & { id: string; version: string })[] | null;
  seen: string[];
  seen_keys: string[];
  messages: string[];
}

/**
 * One statement sees one snapshot, taken before it waits on a concurrent chunk (a key or a new
 * session that chunk holds, a session it locked): the locks return the rows as that chunk left
 * them, but the messages read is as of the snapshot. Where a wait let a commit in, seen as a
 * duplicate key or a session the snapshot did not hold as it is locked, the messages are read
 * again (and sessions that chunk created are locked) in statements of their own, as separate
 * statements would have read them.
 */
async function readAtOnce(db: Executor, companyId: number, scope: EventScope, refs: readonly EventRef[], events: Map<string, string>, at: string, placeholder: (at: string) => SessionRowState): Promise<ChunkReads> {
  const syntax = syntaxOf(db);
  const keys = [...events.keys()].sort();
  const creatable = refsOf(refs, new Set(keys)).creatable;
  const sessionRows = [...creatable].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, first]) => sessionRow(companyId, id, placeholder(first)));
  const linked = refs.filter((r) => r.session || r.messageId);
  const [row] = await all<AtOnceRow>(db, {
    text: (readAtOnceText ??= READ_AT_ONCE(syntax)),
    params: [
      companyId, scope, at, keys, keys.map((k) => events.get(k)),
      linked.map((r) => r.key), linked.map((r) => r.session?.id ?? null), linked.map((r) => (r.session?.creates ? 1 : 0)), linked.map((r) => r.messageId ?? null),
      ...syntax.rowParams(SESSION_COLUMNS, sessionRows.length, (r, c) => sessionRows[r][c]),
      companyId, companyId, companyId, scope, keys, companyId,
    ],
  });
  const claimed = new Set(row.claimed);
  const r = refsOf(refs, claimed);
  const placeholders = new Set(row.created);
  const locked = new Map<string, SessionRowState & { id: string }>();
  const lockedVersion = new Map<string, string>();
  for (const { version, ...session } of row.locked ?? []) {
    locked.set(session.id, session);
    lockedVersion.set(session.id, version);
  }
  const seen = new Map(row.seen.map((s) => [s.slice(0, s.lastIndexOf(' ')), s.slice(s.lastIndexOf(' ') + 1)]));
  const seenKeys = new Set(row.seen_keys);
  const createdElsewhere = [...r.sessions].filter((id) => !locked.has(id) && !placeholders.has(id));
  const changed = [...r.sessions].some((id) => seen.get(id) !== lockedVersion.get(id)) || keys.some((k) => !claimed.has(k) && !seenKeys.has(k));
  for (const session of await lockSessions(db, companyId, createdElsewhere)) locked.set(session.id, session);
  const storedMessages = changed || createdElsewhere.length > 0 ? await existingMessages(db, companyId, [...r.messages]) : new Set(row.messages);
  return { claimed, reserved: true, placeholders, locked, storedMessages, ...r };
}

export interface StoredTail {
  /** Messages stored in the session; the tail is its last `limit` of them. */
  count: number;
  turns: { role: MessagesTable['role']; content: string }[];
}

/**
 * The last `limit` messages of each session (oldest first) with the session's message count:
 * the context the next turns continue from. Positions are dense (0 … count − 1, a unique index
 * keeps them so), so the tail is a range seek per session, whatever the session's length.
 */
export async function sessionTails(db: Executor, companyId: number, ids: string[], limit: number): Promise<Map<string, StoredTail>> {
  const out = new Map<string, StoredTail>();
  if (ids.length === 0) return out;
  const s = syntaxOf(db);
  const rows = await all<{ id: string; message_count: number; role: MessagesTable['role'] | null; content: string | null }>(db, {
    text: `SELECT s.id, s.message_count, m.role, m.content FROM chat_sessions s LEFT JOIN messages m ON m.company_id = s.company_id AND m.session_id = s.id AND m.seq >= s.message_count - ? WHERE s.company_id = ? AND ${s.inList('s.id', 'text')} ORDER BY s.id, m.seq`,
    params: [limit, companyId, s.listParam(ids)],
  });
  for (const r of rows) {
    let tail = out.get(r.id);
    if (!tail) out.set(r.id, (tail = { count: Number(r.message_count), turns: [] }));
    if (r.role !== null && r.content !== null) tail.turns.push({ role: r.role, content: r.content });
  }
  return out;
}

export type NewMessage = Insertable<MessagesTable>;
export type NewFinding = Insertable<FindingsTable>;
export interface NewFeedback { id: string; message_id: string; kind: string; user_id: string | null; created_at: string }
export interface NewConnection { id: string; user_id: string; email: string | null; created_at: string }
/** An end user's sightings in a chunk: the latest email sent, first and last seen, latest connection. */
export interface EndUserSighting { user_id: string; email: string | null; first_seen_at: string; last_seen_at: string; last_connection_at: string | null }

const insert = (table: string, spec: string[], tail = '') => {
  const columns = cols(...spec);
  return new RowsStatement(columns, (v) => `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) SELECT ${columns.map((c) => `v.${c.name}`).join(', ')} FROM ${v}${tail}`);
};
const MESSAGES = insert('messages', ['company_id:integer', 'id', 'session_id', 'seq:integer', 'role', 'content', 'user_id', 'model', 'documents', 'tools', 'created_at', 'analyzed:integer', 'engine_version', 'source', 'upload_id:integer', 'input_tokens:integer', 'output_tokens:integer', 'latency_ms:integer', 'cost_nanos:bigint']);
const FINDING_COLUMNS = ['company_id:integer', 'message_id', 'session_id', 'day', 'category', 'subtype', 'score:real', 'severity', 'spans', 'explanation', 'detector'];
const FINDINGS = insert('findings', FINDING_COLUMNS);
const FINDINGS_RETURNING = insert('findings', FINDING_COLUMNS, ' RETURNING *');
const FEEDBACK = insert('feedback', ['company_id:integer', 'id', 'message_id', 'kind', 'user_id', 'created_at']);
const CONNECTIONS = insert('connections', ['company_id:integer', 'id', 'user_id', 'email', 'created_at']);
const later = (col: string) => `CASE WHEN excluded.${col} > end_users.${col} THEN excluded.${col} ELSE end_users.${col} END`;
const END_USERS = insert(
  'end_users',
  ['company_id:integer', 'user_id', 'email', 'first_seen_at', 'last_seen_at', 'last_connection_at'],
  ` WHERE true ON CONFLICT (company_id, user_id) DO UPDATE SET email = COALESCE(excluded.email, end_users.email), ` +
    `first_seen_at = CASE WHEN excluded.first_seen_at < end_users.first_seen_at THEN excluded.first_seen_at ELSE end_users.first_seen_at END, ` +
    `last_seen_at = ${later('last_seen_at')}, ` +
    `last_connection_at = CASE WHEN excluded.last_connection_at IS NOT NULL AND (end_users.last_connection_at IS NULL OR excluded.last_connection_at > end_users.last_connection_at) THEN excluded.last_connection_at ELSE end_users.last_connection_at END`,
);

export interface ChunkRows {
  messages: NewMessage[];
  findings: NewFinding[];
  feedback: NewFeedback[];
  connections: NewConnection[];
  /** Sorted by user id (rows locked in one order). */
  endUsers: EndUserSighting[];
}

/** The multi-row statements writing a chunk's raw rows (the caller adds sessions and rollups). */
export function chunkStatements(syntax: SqlSyntax, companyId: number, r: ChunkRows): Sql[] {
  const company = { company_id: companyId };
  return [
    ...MESSAGES.statementsOf(syntax, r.messages),
    ...FINDINGS.statementsOf(syntax, r.findings),
    ...FEEDBACK.statementsOf(syntax, r.feedback, company),
    ...CONNECTIONS.statementsOf(syntax, r.connections, company),
    ...END_USERS.statementsOf(syntax, r.endUsers, company),
  ];
}

/** Writes findings and answers their rows as stored (with their ids, as `findingsOfMessage` reads them). */
export function findingsReturningStatements(syntax: SqlSyntax, rows: NewFinding[]): Sql[] {
  return FINDINGS_RETURNING.statementsOf(syntax, rows);
}

// ── Reads outside the hot path ────────────────────────────────────────────────────────────────

export async function findSession(db: Executor, companyId: number, id: string) {
  return db.selectFrom('chat_sessions').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

export async function findMessage(db: Executor, companyId: number, id: string) {
  return db.selectFrom('messages').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

export async function findingsOfMessage(db: Executor, companyId: number, messageId: string) {
  return db.selectFrom('findings').selectAll().where('company_id', '=', companyId).where('message_id', '=', messageId).orderBy('id').execute();
}

/** Findings added to a stored message (the LLM judge's). */
export async function insertFindings(db: Executor, rows: NewFinding[]): Promise<void> {
  const syntax = syntaxOf(db);
  for (const s of FINDINGS.statementsOf(syntax, rows)) await run(db, s);
}
