/**
 * The Paradigm-compatible reports (`/api/v2/reporting/*`). Field names and nesting follow
 * spec/paradigm-reporting.md exactly; every report has one bucket per day of the window,
 * ascending and zero-filled.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { CANONICAL_TIME, addDays, daysInRange } from '../../lib/time.js';
import { JsonText } from '../../lib/json-text.js';
import * as rollups from '../rollups/rollups.repository.js';
import type { UserOfDay } from '../rollups/rollups.repository.js';
import type {
  ChatSessionsReport,
  CompanyRef,
  DocumentsDay,
  FeedbackDay,
  MembersReport,
  Metadata,
  Report,
  ToolsDay,
} from './reporting.js';
import { DayTexts } from './day-texts.js';
import type { ReportRequest } from './reporting.request.js';

export const CHAT_SESSIONS_METADATA: Metadata = {
  sessions_count: { description: 'Chat sessions started on the day', unit: 'sessions' },
  model_responses_with_docs_count: { description: 'Model responses that used at least one document', unit: 'responses' },
  unique_models_count: { description: 'Distinct models used on the day', unit: 'models' },
  average_session_length: { description: 'Messages per session, for the sessions started on the day', unit: 'messages' },
  user_queries_count: { description: 'Messages sent by end users', unit: 'queries' },
  model_responses_count: { description: 'Messages produced by the assistant', unit: 'responses' },
  last_model_response_date: { description: 'Time of the last model response of the day (UTC), null without responses', unit: 'datetime' },
};

/**
 * Paradigm's legend for agent-mode threads (five keys documented, the last two by symmetry with
 * `metadata`). Chatlens has no agent mode: conversations with tools count as chat sessions above,
 * and no per-day agent numbers are reported, so each description says so.
 */
export const CHAT_SESSIONS_AGENT_METADATA: Metadata = {
  threads_count: { description: 'Agent-mode threads started on the day (Chatlens records no agent mode: not reported)', unit: 'threads' },
  unique_models_count: { description: 'Distinct models used in agent-mode threads (not reported)', unit: 'models' },
  average_thread_length: { description: 'Messages per agent-mode thread (not reported)', unit: 'messages' },
  user_queries_count: { description: 'User queries in agent-mode threads (not reported)', unit: 'queries' },
  model_responses_with_docs_count: { description: 'Agent-mode responses that used a document (not reported)', unit: 'responses' },
  model_responses_count: { description: 'Agent-mode responses (not reported)', unit: 'responses' },
  last_model_response_date: { description: 'Time of the last agent-mode response (not reported)', unit: 'datetime' },
};

/**
 * A stored timestamp as the reporting API writes it: UTC to the second, `Z` (Paradigm's examples
 * have no milliseconds). Truncated, never rounded up, so it is never later than the event.
 */
export function reportTime(ts: string | null | undefined): string | null {
  if (!ts) return null;
  // Stored times are canonical UTC: cut, instead of parsing a Date for each of thousands of entries.
  return `${(CANONICAL_TIME.test(ts) ? ts : new Date(ts).toISOString()).slice(0, 19)}Z`;
}

export const FEEDBACK_METADATA: Metadata = {
  likes_count: { description: 'Thumbs-up given on model responses', unit: 'feedbacks' },
  dislikes_count: { description: 'Thumbs-down given on model responses', unit: 'feedbacks' },
  copies_count: { description: 'Model responses copied by end users', unit: 'copies' },
  model_responses_count: { description: 'Messages produced by the assistant', unit: 'responses' },
};

export const TOOLS_METADATA: Metadata = {
  usage_count: { description: 'Times the tool was called on the day', unit: 'calls' },
};

export const DOCUMENTS_METADATA: Metadata = {
  usage_count: { description: 'Model responses that used the document on the day', unit: 'uses' },
};

export const USER_ACTIVITIES_METADATA: Metadata = {
  active_users_count: { description: 'Distinct end users with a connection or a message on the day', unit: 'users' },
  last_connection_date: { description: "Time of the user's last connection of the day (UTC), null without one", unit: 'datetime' },
  user_queries_count: { description: 'Messages the user sent on the day', unit: 'queries' },
};

export const MEMBERS_METADATA: Metadata = {
  total_historical_members: { description: 'Distinct end users seen up to end_date', unit: 'users' },
  current_active_members: { description: 'Distinct end users with a connection or a message between start_date and end_date', unit: 'users' },
};

async function perCompany<T>(r: ReportRequest, build: (c: CompanyRef) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (const c of r.companies) out.push(await build({ name: c.name, id: c.id }));
  return out;
}

export async function chatSessionsReport(db: Kysely<DB>, r: ReportRequest): Promise<ChatSessionsReport> {
  const reporting = await perCompany(r, async (company) => {
    const rows = new Map((await rollups.dailyRollups(db, company.id, r)).map((x) => [x.day, x]));
    const models = await rollups.modelsPerDay(db, company.id, r);
    const modelsByDay = new Map(models.map((m) => [m.day, Number(m.n)]));
    return {
      company,
      dates: daysInRange(r.start, r.end).map((date) => {
        const x = rows.get(date);
        const sessions = Number(x?.sessions_count ?? 0);
        return {
          date,
          sessions: {
            sessions_count: sessions,
            unique_models_count: modelsByDay.get(date) ?? 0,
            average_session_length: sessions > 0 ? Math.round((Number(x?.session_messages ?? 0) / sessions) * 100) / 100 : 0,
          },
          chats: {
            user_queries_count: Number(x?.user_queries ?? 0),
            model_responses_with_docs_count: Number(x?.model_responses_with_docs ?? 0),
            model_responses_count: Number(x?.model_responses ?? 0),
            last_model_response_date: reportTime(x?.last_model_response_at),
          },
        };
      }),
    };
  });
  return { metadata: CHAT_SESSIONS_METADATA, reporting, metadata_agent: CHAT_SESSIONS_AGENT_METADATA };
}

export async function feedbackReport(db: Kysely<DB>, r: ReportRequest): Promise<Report<FeedbackDay>> {
  const reporting = await perCompany(r, async (company) => {
    const rows = new Map((await rollups.dailyRollups(db, company.id, r)).map((x) => [x.day, x]));
    return {
      company,
      dates: daysInRange(r.start, r.end).map((date) => {
        const x = rows.get(date);
        return {
          date,
          model_responses_count: Number(x?.model_responses ?? 0),
          feedbacks: {
            likes_count: Number(x?.likes ?? 0),
            dislikes_count: Number(x?.dislikes ?? 0),
            copies_count: Number(x?.copies ?? 0),
          },
        };
      }),
    };
  });
  return { metadata: FEEDBACK_METADATA, reporting };
}

function groupByDay<T extends { day: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const row of rows) {
    const list = m.get(row.day) ?? [];
    list.push(row);
    m.set(row.day, list);
  }
  return m;
}

export async function toolsReport(db: Kysely<DB>, r: ReportRequest): Promise<Report<ToolsDay>> {
  const reporting = await perCompany(r, async (company) => {
    const rows = await rollups.toolDays(db, company.id, r);
    const byDay = groupByDay(rows);
    return {
      company,
      dates: daysInRange(r.start, r.end).map((date) => ({
        date,
        tools: (byDay.get(date) ?? [])
          .map((t) => ({ tool_name: t.tool_name, usage_count: Number(t.count) }))
          .sort((a, b) => b.usage_count - a.usage_count || a.tool_name.localeCompare(b.tool_name)),
      })),
    };
  });
  return { metadata: TOOLS_METADATA, reporting };
}

/** Each day's documents, most used first, `r.page` of them (the rest is a further page). */
export async function usedDocumentsReport(db: Kysely<DB>, r: ReportRequest): Promise<Report<DocumentsDay>> {
  const days = daysInRange(r.start, r.end);
  const reporting = await perCompany(r, async (company) => {
    const pages = await rollups.documentsOfDays(db, company.id, days, r.page);
    return {
      company,
      dates: days.map((date) => ({
        date,
        documents: (pages.get(date) ?? []).map((d) => ({
          document_filename: d.filename,
          document_title: d.title ?? '',
          document_id: Number(d.document_id),
          usage_count: Number(d.count),
        })),
      })),
    };
  });
  return { metadata: DOCUMENTS_METADATA, reporting };
}

const USER_ACTIVITIES_HEAD = Buffer.from(`{"metadata":${JSON.stringify(USER_ACTIVITIES_METADATA)},"reporting":[`);
const COMMA = Buffer.from(',');
/** Closes a company's "dates" and the report's "reporting" alike. */
const CLOSE = Buffer.from(']}');

/** The days of user-activities kept serialised, per database (day-texts.ts says when they are answered). */
const keptDays = new WeakMap<Kysely<DB>, DayTexts>();

function userActivityText(u: UserOfDay, email: string | undefined): string {
  // reportTime's answer is digits, dashes, colons, T and Z: nothing to escape.
  const connection = u.last_connection_at ? `"${reportTime(u.last_connection_at)}"` : 'null';
  return `{"user_id":${JSON.stringify(u.user_id)},"email":${email === undefined ? 'null' : JSON.stringify(email)},"last_connection_date":${connection},"user_queries_count":${Number(u.user_queries)}}`;
}

const userActivitiesDayText = (date: string, count: number, users: string) => `{"date":"${date}","active_users_count":${count},"users":[${users}]}`;

/**
 * Each day's active users (all counted), busiest first, `r.page` of them listed: the largest
 * answer of the API (90 days of 100 users: ~9,000 entries, ~0.9 MB at 1 M turns), written as
 * JSON text straight from the rows (UserActivitiesDaySchema's fields, in its order) and sent as
 * the concatenation of each day's UTF-8 bytes. A day's bytes are kept while daily_user_counts
 * says nothing it lists has changed, so a window is read as one row a day plus the days written
 * since; the others cost a page of daily_users each and one e-mail lookup for all of their users.
 * Kept as bytes, a window's answer is a copy: joined as strings, it was flattened and encoded
 * again on every request (1.3 ms and most of the socket write's 1.5 ms for 382 KB at 100 k turns).
 */
export async function userActivitiesReport(db: Kysely<DB>, r: ReportRequest): Promise<JsonText> {
  let kept = keptDays.get(db);
  if (!kept) keptDays.set(db, (kept = new DayTexts()));
  const companies = await perCompany(r, async (company) => {
    // The revisions first: a day read after them can only be newer than they say, never older.
    const counts = new Map((await rollups.userCountsOfDays(db, company.id, r)).map((x) => [x.day, { users: Number(x.active_users), revision: Number(x.revision) }]));
    const days = daysInRange(r.start, r.end);
    const texts = new Map<string, Buffer>();
    const toRead: string[] = [];
    const keyOf = (date: string) => `${company.id}|${date}|${r.page.limit}|${r.page.offset}`;
    for (const date of days) {
      const c = counts.get(date);
      if (!c || c.users <= r.page.offset) texts.set(date, Buffer.from(userActivitiesDayText(date, c?.users ?? 0, '')));
      else {
        const bytes = kept.get(keyOf(date), c.revision);
        if (bytes === undefined) toRead.push(date);
        else texts.set(date, bytes);
      }
    }
    const pages = await rollups.usersOfDays(db, company.id, toRead, r.page);
    const listed = new Set<string>();
    for (const users of pages.values()) for (const u of users) listed.add(u.user_id);
    const emails = await rollups.emailsOf(db, company.id, [...listed]);
    for (const date of toRead) {
      const c = counts.get(date)!;
      const users = (pages.get(date) ?? []).map((u) => userActivityText(u, emails.get(u.user_id))).join(',');
      const bytes = Buffer.from(userActivitiesDayText(date, c.users, users));
      kept.set(keyOf(date), c.revision, bytes);
      texts.set(date, bytes);
    }
    const parts: Buffer[] = [Buffer.from(`{"company":${JSON.stringify({ name: company.name, id: company.id })},"dates":[`)];
    days.forEach((d, i) => {
      if (i > 0) parts.push(COMMA);
      parts.push(texts.get(d)!);
    });
    parts.push(CLOSE);
    return parts;
  });
  const parts: Buffer[] = [USER_ACTIVITIES_HEAD];
  companies.forEach((c, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(...c);
  });
  parts.push(CLOSE);
  return new JsonText(Buffer.concat(parts));
}

export async function membersReport(db: Kysely<DB>, r: ReportRequest): Promise<MembersReport> {
  const reporting = await perCompany(r, async (company) => {
    const historical = await rollups.countMembersSeenBefore(db, company.id, `${addDays(r.end, 1)}T00:00:00.000Z`);
    const active = await rollups.countActiveMembers(db, company.id, r);
    return {
      company: { id: company.id, name: company.name },
      total_historical_members: historical,
      current_active_members: active,
    };
  });
  return { reporting, metadata: MEMBERS_METADATA };
}
