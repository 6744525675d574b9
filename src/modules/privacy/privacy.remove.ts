/**
 * Removing raw rows while keeping the rollups exact: what the rows added to the daily rollups is
 * computed by the rules the write path and `rollups verify` use, taken back in the same
 * transaction as the deletes, and the two values that are not sums (a day's last model response,
 * whether an end user was active on a day) are recomputed from what remains.
 *
 * `keepBefore` (retention): contributions to days before it stay in the rollups, which keep
 * the aggregates of purged traffic; `rollups verify` compares from that day on.
 */
import type { Executor } from '../../db/database.js';
import { runWrites, syntaxOf } from '../../db/sql.js';
import { dayOf } from '../../lib/time.js';
import { preview } from '../ingest/ingest.pipeline.js';
import { liveTurnKey } from '../ingest/ingest.service.js';
import { RollupBatch } from '../rollups/rollups.js';
import { addStoredMessage } from '../rollups/verify.js';
import { type RollupRows, incrementStatements } from '../rollups/rollups.repository.js';
import * as repo from './privacy.repository.js';

export interface RemovedCounts {
  sessions: number;
  messages: number;
  findings: number;
  feedback: number;
  connections: number;
}

export const NOTHING: RemovedCounts = { sessions: 0, messages: 0, findings: 0, feedback: 0, connections: 0 };

export function addCounts(a: RemovedCounts, b: RemovedCounts): RemovedCounts {
  return { sessions: a.sessions + b.sessions, messages: a.messages + b.messages, findings: a.findings + b.findings, feedback: a.feedback + b.feedback, connections: a.connections + b.connections };
}

export interface Selection {
  sessions: repo.SessionRef[];
  /** Every message of `sessions`, plus any single messages to remove from sessions that stay. */
  messages: repo.MessageFacts[];
  feedback?: { id: string; kind: string; created_at: string }[];
  connections?: { id: string; user_id: string; created_at: string }[];
}

type Contributions = { batch: RollupBatch; findings: number; feedback: { id: string }[] };

async function contributions(trx: Executor, companyId: number, sel: Selection): Promise<Contributions> {
  const b = new RollupBatch(companyId);
  const sessionDay = new Map(sel.sessions.map((s) => [s.id, dayOf(s.created_at)]));
  const strays = [...new Set(sel.messages.map((m) => m.session_id).filter((id) => !sessionDay.has(id)))];
  for (const [id, day] of await repo.sessionDays(trx, companyId, strays)) sessionDay.set(id, day);
  for (const s of sel.sessions) b.add(dayOf(s.created_at), 'sessions_count');

  const ids = sel.messages.map((m) => m.id);
  const findings = await repo.findingsOfMessages(trx, companyId, ids);
  const byMessage = new Map<string, { category: string; subtype: string }[]>();
  // A dismissed finding was already taken out of the rollups when it was dismissed (modules/reviews).
  for (const f of findings.filter((x) => x.review_status !== 'dismissed')) {
    const list = byMessage.get(f.message_id) ?? [];
    list.push(f);
    byMessage.set(f.message_id, list);
  }
  for (const m of sel.messages) addStoredMessage(b, m, sessionDay, byMessage);

  const feedback = new Map<string, { id: string; kind: string; created_at: string }>();
  for (const f of [...(await repo.feedbackOnMessages(trx, companyId, ids)), ...(sel.feedback ?? [])]) feedback.set(f.id, f);
  for (const f of feedback.values()) b.add(dayOf(f.created_at), f.kind === 'like' ? 'likes' : f.kind === 'dislike' ? 'dislikes' : 'copies');
  for (const c of sel.connections ?? []) b.user(dayOf(c.created_at), c.user_id, 0, c.created_at);
  return { batch: b, findings: findings.length, feedback: [...feedback.values()] };
}

/** The batch taken back: counts negated; times and presence are fixed up afterwards. */
function negated(rows: RollupRows, keep: (day: string) => boolean): RollupRows {
  return {
    daily: rows.daily.filter((d) => keep(d.day)).map((d) => ({ day: d.day, counters: Object.fromEntries(Object.entries(d.counters).map(([c, n]) => [c, -(n ?? 0)])), lastModelResponseAt: null })),
    subtypes: rows.subtypes.filter(([d]) => keep(d)).map(([d, k, n]) => [d, k, -n]),
    models: rows.models.filter(([d]) => keep(d)).map(([d, k, n]) => [d, k, -n]),
    tools: rows.tools.filter(([d]) => keep(d)).map(([d, k, n]) => [d, k, -n]),
    documents: rows.documents.filter(([d]) => keep(d)).map(([d, id, f, t, n]) => [d, id, f, t, -n]),
    users: rows.users.filter(([d]) => keep(d)).map(([d, u, q]) => [d, u, -q, null]),
    usage: rows.usage.filter(([d]) => keep(d)).map(([d, model, ...sums]) => [d, model, ...(sums.map((x) => -x) as typeof sums)]),
  };
}

/** Deletes the selection's raw rows and takes their contributions back from the rollups, in `trx`. */
export async function removeRows(trx: Executor, companyId: number, sel: Selection, keepBefore: string | null): Promise<RemovedCounts> {
  const { batch, findings, feedback } = await contributions(trx, companyId, sel);
  const messageIds = sel.messages.map((m) => m.id);
  await repo.deleteFeedback(trx, companyId, feedback.map((f) => f.id));
  await repo.deleteFindingsOfMessages(trx, companyId, messageIds);
  await repo.deleteMessages(trx, companyId, messageIds);
  await repo.deleteLiveKeys(trx, companyId, sel.messages.map((m) => liveTurnKey(m.session_id, m.id)));
  await repo.deleteSessions(trx, companyId, sel.sessions.map((s) => s.id));
  await repo.deleteConnections(trx, companyId, (sel.connections ?? []).map((c) => c.id));

  const keep = (day: string) => keepBefore === null || day >= keepBefore;
  const rows = batch.rows();
  await runWrites(trx, incrementStatements(syntaxOf(trx), companyId, negated(rows, keep)));
  for (const d of rows.daily) {
    if (!keep(d.day) || !d.lastModelResponseAt) continue;
    const stored = await repo.storedLastResponse(trx, companyId, d.day);
    // Only when the latest response of the day was removed does the day need a new one.
    if (stored !== null && d.lastModelResponseAt >= stored) await repo.setLastResponse(trx, companyId, d.day, await repo.lastResponseOnDay(trx, companyId, d.day));
  }
  // A session that stays but lost a message must not keep showing it as its last message.
  const removedSessions = new Set(sel.sessions.map((s) => s.id));
  for (const id of new Set(sel.messages.map((m) => m.session_id).filter((sid) => !removedSessions.has(sid)))) {
    const latest = await repo.latestMessage(trx, companyId, id);
    await repo.setLastMessage(trx, companyId, id, latest ? preview(latest.content) : null);
  }
  // A name counted only by removed rows leaves the day's lists (reports list keyed rows as they are).
  await repo.dropEmptyKeyed(trx, companyId, [...new Set([...rows.subtypes, ...rows.models, ...rows.tools, ...rows.documents, ...rows.usage].map(([d]) => d))].filter(keep));
  await repo.dropEmptyDailyUsers(trx, companyId, rows.users.filter(([d]) => keep(d)).map(([day, userId]) => ({ day, userId })));
  return { sessions: sel.sessions.length, messages: sel.messages.length, findings, feedback: feedback.length, connections: sel.connections?.length ?? 0 };
}
