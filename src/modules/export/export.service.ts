/**
 * Sessions with their messages and findings, as JSONL or CSV, produced as a stream: sessions are
 * read in keyset pages (created_at, id) of at most PAGE_SESSIONS sessions or PAGE_MESSAGES
 * messages, so memory stays at one page whatever the window, and sessions created while the
 * export runs never shift a page (they are either after the last key read or outside the window).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { badRequest } from '../../errors.js';
import { addDays, dayOf, daysBetweenInclusive } from '../../lib/time.js';
import { parseJsonList } from '../sessions/sessions.js';
import { parseSessionFilters } from '../sessions/sessions.filters.js';
import { idleBefore } from '../sessions/sessions.service.js';
import { CSV_COLUMNS, type ExportQuery, type ExportRequest, MAX_EXPORT_DAYS } from './export.js';
import * as repo from './export.repository.js';

export const PAGE_SESSIONS = 200;
export const PAGE_MESSAGES = 5_000;

/** Fills in the defaults (JSONL, the last 30 days), parses the filters as the monitor does, and checks the window. */
export function exportQuery(r: ExportRequest, now: Date = new Date()): ExportQuery {
  const { format, start_date, end_date: end, ...filters } = r;
  const end_date = end ?? dayOf(now);
  const q: ExportQuery = { format: format ?? 'jsonl', end_date, start_date: start_date ?? addDays(end_date, -29), filters: parseSessionFilters(filters, null) };
  if (q.end_date < q.start_date) throw badRequest('end_date must be on or after start_date');
  if (daysBetweenInclusive(q.start_date, q.end_date) > MAX_EXPORT_DAYS) throw badRequest(`the window may cover at most ${MAX_EXPORT_DAYS} days`);
  return q;
}

type SessionRow = Awaited<ReturnType<typeof repo.sessionPage>>[number];
type MessageRow = Awaited<ReturnType<typeof repo.messagesOf>>[number];
type FindingRow = Awaited<ReturnType<typeof repo.findingsOfMessages>>[number];

interface Page {
  session: SessionRow;
  messages: MessageRow[];
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

function finding(f: FindingRow) {
  return {
    category: f.category,
    subtype: f.subtype,
    severity: f.severity,
    score: Number(f.score),
    explanation: f.explanation,
    detector: f.detector,
    spans: parseJsonList<unknown>(f.spans),
    reviewStatus: f.review_status ?? null,
  };
}

/** The sessions of the window, page by page, each with its messages and their findings. */
async function* pages(db: Kysely<DB>, companyId: number, q: ExportQuery): AsyncGenerator<{ sessions: Page[]; findings: Map<string, FindingRow[]> }> {
  let after: repo.SessionKey | null = null;
  // Fixed when the export starts, so `active` and `idle` mean the same on every page.
  const idle = await idleBefore(db, companyId);
  for (;;) {
    const rows = await repo.sessionPage(db, companyId, q, idle, after, PAGE_SESSIONS);
    if (rows.length === 0) return;
    // A page stops adding sessions once it holds PAGE_MESSAGES messages (a session is never split).
    const take: SessionRow[] = [];
    let budget = 0;
    for (const s of rows) {
      if (take.length > 0 && budget + Number(s.message_count) > PAGE_MESSAGES) break;
      take.push(s);
      budget += Number(s.message_count);
    }
    const bySession = new Map<string, MessageRow[]>(take.map((s) => [s.id, []]));
    let cursor: { session_id: string; seq: number } | null = null;
    for (;;) {
      const chunk = await repo.messagesOf(db, companyId, take.map((s) => s.id), cursor, 2_000);
      for (const m of chunk) bySession.get(m.session_id)?.push(m);
      if (chunk.length < 2_000) break;
      const last = chunk[chunk.length - 1];
      cursor = { session_id: last.session_id, seq: Number(last.seq) };
    }
    const findings = new Map<string, FindingRow[]>();
    const ids = [...bySession.values()].flat().map((m) => m.id);
    for (let i = 0; i < ids.length; i += 500) {
      for (const f of await repo.findingsOfMessages(db, companyId, ids.slice(i, i + 500))) {
        const list = findings.get(f.message_id) ?? [];
        list.push(f);
        findings.set(f.message_id, list);
      }
    }
    yield { sessions: take.map((s) => ({ session: s, messages: bySession.get(s.id) ?? [] })), findings };
    const last = take[take.length - 1];
    after = { created_at: last.created_at, id: last.id };
    if (rows.length < PAGE_SESSIONS && take.length === rows.length) return;
  }
}

/** JSONL: one session per line, `{ id, userId, …, messages: [{ …, findings: [...] }] }`. */
export async function* exportJsonl(db: Kysely<DB>, companyId: number, q: ExportQuery): AsyncGenerator<string> {
  for await (const page of pages(db, companyId, q)) {
    const out: string[] = [];
    for (const { session: s, messages } of page.sessions) {
      out.push(
        JSON.stringify({
          id: s.id,
          userId: s.user_id,
          createdAt: s.created_at,
          lastActivityAt: s.last_activity_at,
          endedAt: s.ended_at,
          endedReason: s.ended_reason,
          source: s.source,
          messages: messages.map((m) => ({
            id: m.id,
            seq: Number(m.seq),
            role: m.role,
            content: m.content,
            userId: m.user_id,
            model: m.model,
            createdAt: m.created_at,
            inputTokens: num(m.input_tokens),
            outputTokens: num(m.output_tokens),
            latencyMs: num(m.latency_ms),
            documents: parseJsonList<unknown>(m.documents),
            tools: parseJsonList<unknown>(m.tools),
            findings: (page.findings.get(m.id) ?? []).map(finding),
          })),
        }) + '\n',
      );
    }
    yield out.join('');
  }
}

/**
 * A CSV cell (RFC 4180). A cell a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, tab or carriage return) gets a leading `'`, as OWASP advises: chat text is written by
 * end users. JSONL keeps the text exactly.
 */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvRow = (cells: unknown[]) => cells.map(csvCell).join(',') + '\r\n';

/** CSV: a header, then one row per message. */
export async function* exportCsv(db: Kysely<DB>, companyId: number, q: ExportQuery): AsyncGenerator<string> {
  yield csvRow([...CSV_COLUMNS]);
  for await (const page of pages(db, companyId, q)) {
    const out: string[] = [];
    for (const { session: s, messages } of page.sessions) {
      const head = [s.id, s.user_id, s.created_at, s.last_activity_at, s.ended_at, s.ended_reason, s.source];
      if (messages.length === 0) out.push(csvRow([...head, '', '', '', '', '', '', '', '', '', '', '', '']));
      for (const m of messages) {
        const fs = page.findings.get(m.id) ?? [];
        // A dismissed finding is listed (marked) but not counted, as everywhere else.
        const counted = fs.filter((f) => f.review_status !== 'dismissed').length;
        const listed = fs.map((f) => `${f.subtype}:${f.severity}${f.review_status === 'dismissed' ? ':dismissed' : ''}`).join(';');
        out.push(csvRow([...head, m.id, Number(m.seq), m.role, m.created_at, m.user_id, m.model, num(m.input_tokens), num(m.output_tokens), num(m.latency_ms), m.content, counted, listed]));
      }
    }
    yield out.join('');
  }
}
