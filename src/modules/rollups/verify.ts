/**
 * Recomputes every rollup from the raw rows and compares it with what the write path stored.
 * `chatlens rollups verify` runs it; tests assert the two agree.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { dayOf } from '../../lib/time.js';
import { parseJsonList } from '../sessions/sessions.js';
import { listCompanies } from '../companies/companies.repository.js';
import { RollupBatch } from './rollups.js';
import * as repo from './rollups.repository.js';
import { COUNTERS, type Counter } from './rollups.repository.js';
import { CATEGORIES } from '../../analysis/types.js';

type Snapshot = Map<string, string>;

/**
 * Flattens rollups to `table|day|key|field → value` so two snapshots compare entry by entry. A
 * day's active users are counted from the batch's users unless stored counts are given.
 */
function fromBatch(b: RollupBatch, activeUsers?: ReadonlyMap<string, number>): Snapshot {
  const s: Snapshot = new Map();
  for (const [day, d] of b.daily) {
    for (const c of COUNTERS) if (d.counters[c]) s.set(`daily_rollups|${day}|${c}`, String(d.counters[c]));
    if (d.lastModelResponseAt) s.set(`daily_rollups|${day}|last_model_response_at`, d.lastModelResponseAt);
  }
  for (const [k, n] of b.subtypes) s.set(`daily_subtypes|${k.replace('\u0000', '|')}`, String(n));
  for (const [k, n] of b.models) s.set(`daily_models|${k.replace('\u0000', '|')}`, String(n));
  for (const [k, n] of b.tools) s.set(`daily_tools|${k.replace('\u0000', '|')}`, String(n));
  for (const [k, d] of b.documents) s.set(`daily_documents|${k.replace('\u0000', '|')}`, String(d.count));
  for (const [k, u] of b.users) {
    const key = k.replace('\u0000', '|');
    if (u.queries) s.set(`daily_users|${key}|user_queries`, String(u.queries));
    s.set(`daily_users|${key}|present`, '1');
    if (u.lastConnectionAt) s.set(`daily_users|${key}|last_connection_at`, u.lastConnectionAt);
  }
  let counts = activeUsers;
  if (!counts) {
    const perDay = new Map<string, number>();
    for (const k of b.users.keys()) {
      const day = k.slice(0, k.indexOf('\u0000'));
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    counts = perDay;
  }
  for (const [day, n] of counts) if (n) s.set(`daily_user_counts|${day}|active_users`, String(n));
  for (const [k, u] of b.usage) {
    const key = k.replace('\u0000', '|');
    for (const [field, v] of Object.entries(u)) if (v) s.set(`daily_usage|${key}|${field}`, String(v));
  }
  return s;
}

export async function recomputeRollups(db: Kysely<DB>, companyId: number): Promise<Snapshot> {
  const b = new RollupBatch(companyId);
  const sessions = await repo.sessionStarts(db, companyId);
  const sessionDay = new Map(sessions.map((s) => [s.id, dayOf(s.created_at)]));
  for (const s of sessions) b.add(dayOf(s.created_at), 'sessions_count');

  const findings = await repo.findingKinds(db, companyId);
  const byMessage = new Map<string, { day: string; category: string; subtype: string }[]>();
  for (const f of findings) {
    const list = byMessage.get(f.message_id) ?? [];
    list.push(f);
    byMessage.set(f.message_id, list);
  }

  // Stream messages in pages so verification of a large company does not load it all at once.
  const PAGE = 5000;
  let lastKey: { session_id: string; seq: number } | null = null;
  for (;;) {
    const rows = await repo.messagePage(db, companyId, lastKey, PAGE);
    for (const m of rows) {
      addStoredMessage(b, m, sessionDay, byMessage);
    }
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1];
    lastKey = { session_id: last.session_id, seq: Number(last.seq) };
  }

  const feedback = await repo.feedbackKinds(db, companyId);
  for (const f of feedback) b.add(dayOf(f.created_at), f.kind === 'like' ? 'likes' : f.kind === 'dislike' ? 'dislikes' : 'copies');
  const connections = await repo.connectionTimes(db, companyId);
  for (const c of connections) b.user(dayOf(c.created_at), c.user_id, 0, c.created_at);
  const uploads = await repo.uploadDays(db, companyId);
  for (const u of uploads) b.add(u.day, 'uploads');
  return fromBatch(b);
}

export async function readStoredRollups(db: Kysely<DB>, companyId: number): Promise<Snapshot> {
  const b = new RollupBatch(companyId);
  const stored = await repo.storedRollups(db, companyId);
  for (const r of stored.daily) {
    for (const c of COUNTERS) if (Number(r[c])) b.add(r.day, c, Number(r[c]));
    if (r.last_model_response_at) b.modelResponseAt(r.day, r.last_model_response_at);
  }
  for (const r of stored.subtypes) if (Number(r.count)) b.subtypes.set(`${r.day}\u0000${r.subtype}`, Number(r.count));
  for (const r of stored.models) if (Number(r.count)) b.models.set(`${r.day}\u0000${r.model}`, Number(r.count));
  for (const r of stored.tools) if (Number(r.count)) b.tools.set(`${r.day}\u0000${r.tool_name}`, Number(r.count));
  for (const r of stored.documents) {
    if (Number(r.count)) b.documents.set(`${r.day}\u0000${r.document_id}`, { filename: r.filename, title: r.title, count: Number(r.count) });
  }
  for (const r of stored.usage) {
    b.usage.set(`${r.day}\u0000${r.model}`, {
      responses: Number(r.responses),
      inputTokens: Number(r.input_tokens),
      outputTokens: Number(r.output_tokens),
      costNanos: Number(r.cost_nanos),
      unpricedResponses: Number(r.unpriced_responses),
      latencyMsSum: Number(r.latency_ms_sum),
      latencyCount: Number(r.latency_count),
    });
  }
  for (const r of stored.users) b.users.set(`${r.day}\u0000${r.user_id}`, { queries: Number(r.user_queries), lastConnectionAt: r.last_connection_at });
  return fromBatch(b, new Map(stored.userCounts.map((r) => [r.day, Number(r.active_users)])));
}

export interface RollupDifference {
  companyId: number;
  key: string;
  stored: string | null;
  recomputed: string | null;
}

/**
 * Days before a company's `raw_kept_from` are skipped: retention deleted their raw rows and kept
 * their rollups on purpose (modules/privacy), so there is nothing left to recompute them from.
 */
export async function verifyRollups(db: Kysely<DB>, companyIds?: number[]): Promise<RollupDifference[]> {
  const ids = companyIds ?? (await listCompanies(db)).map((c) => Number(c.id));
  const diffs: RollupDifference[] = [];
  for (const companyId of ids) {
    const [stored, recomputed, keptFrom] = await Promise.all([readStoredRollups(db, companyId), recomputeRollups(db, companyId), repo.rawKeptFrom(db, companyId)]);
    for (const key of new Set([...stored.keys(), ...recomputed.keys()])) {
      if (keptFrom !== null && key.split('|')[1] < keptFrom) continue;
      const a = stored.get(key) ?? null;
      const b = recomputed.get(key) ?? null;
      if (a !== b) diffs.push({ companyId, key, stored: a, recomputed: b });
    }
  }
  return diffs;
}

/** A stored message as the rollups see it (the columns both readers select). */
export interface StoredMessageRow {
  id: string;
  session_id: string;
  created_at: string;
  role: string;
  analyzed: number | string;
  user_id: string | null;
  model: string | null;
  documents: string | null;
  tools: string | null;
  input_tokens: number | string | null;
  output_tokens: number | string | null;
  latency_ms: number | string | null;
  cost_nanos: number | string | null;
}

/**
 * What one stored message (with its findings) adds to the daily rollups: the rule `rollups verify`
 * recomputes them by, and erasure takes back by (privacy.remove.ts).
 */
export function addStoredMessage(
  b: RollupBatch,
  m: StoredMessageRow,
  sessionDay: ReadonlyMap<string, string>,
  byMessage: ReadonlyMap<string, readonly { category: string; subtype: string }[]>,
): void {
  const day = dayOf(m.created_at);
  const sDay = sessionDay.get(m.session_id);
  if (sDay) b.add(sDay, 'session_messages');
  if (Number(m.analyzed) === 1) {
    b.add(day, 'turns_analyzed');
    const fs = byMessage.get(m.id) ?? [];
    b.add(day, 'issues', fs.length);
    for (const c of new Set(fs.map((f) => f.category))) if ((CATEGORIES as readonly string[]).includes(c)) b.add(day, `${c}_flagged` as Counter);
    for (const f of fs) b.subtype(day, f.subtype);
  }
  if (m.role === 'user') {
    b.add(day, 'user_queries');
    if (m.user_id) b.user(day, m.user_id, 1, null);
  } else if (m.role === 'assistant') {
    b.add(day, 'model_responses');
    b.modelResponseAt(day, m.created_at);
    const docs = parseJsonList<{ id: number; filename: string; title: string | null }>(m.documents);
    if (docs.length > 0) b.add(day, 'model_responses_with_docs');
    for (const d of docs) b.document(day, d.id, d.filename, d.title);
  }
  if (m.model) b.model(day, m.model);
  for (const t of parseJsonList<{ name: string }>(m.tools)) b.tool(day, t.name);
  const n = (v: number | string | null) => (v === null ? null : Number(v));
  b.answerUsage(day, m.model, { inputTokens: n(m.input_tokens), outputTokens: n(m.output_tokens), latencyMs: n(m.latency_ms), costNanos: n(m.cost_nanos) });
}
