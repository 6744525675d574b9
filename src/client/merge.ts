/**
 * Flatten and merge helpers: the one-row-per-day usage table that Paradigm's usage-data tutorial
 * builds by hand in a dataframe (sessions, queries, responses, feedback, tools), ready for CSV.
 */
import type { ChatSessionsDay, FeedbackDay, Report, ToolsDay, DocumentsDay, UserActivitiesDay } from './types.js';

export interface UsageRow {
  date: string;
  nb_sessions: number;
  unique_models: number;
  average_session: number;
  user_queries: number;
  model_responses: number;
  model_responses_with_docs: number;
  model_responses_without_docs: number;
  likes: number;
  dislikes: number;
  copies: number;
  tool_calls: number;
  document_uses: number;
  active_users: number;
}

/** `reporting[company].dates[*]` of the chat-sessions report as flat rows (the tutorial's df_sessions). */
export function flattenChatSessions(report: Report<ChatSessionsDay>, companyIndex = 0) {
  return (report.reporting[companyIndex]?.dates ?? []).map((d) => ({
    date: d.date,
    nb_sessions: d.sessions.sessions_count,
    unique_models: d.sessions.unique_models_count,
    average_session: d.sessions.average_session_length,
    user_queries: d.chats.user_queries_count,
    model_responses: d.chats.model_responses_count,
    model_responses_with_docs: d.chats.model_responses_with_docs_count,
  }));
}

export interface UsageReports {
  chatSessions: Report<ChatSessionsDay>;
  chatsFeedback?: Report<FeedbackDay>;
  tools?: Report<ToolsDay>;
  usedDocuments?: Report<DocumentsDay>;
  userActivities?: Report<UserActivitiesDay>;
}

/** Merges the daily reports of one company on `date` into one row per day. */
export function mergeUsage(r: UsageReports, companyIndex = 0): UsageRow[] {
  const byDate = <D extends { date: string }>(rep?: Report<D>) => new Map((rep?.reporting[companyIndex]?.dates ?? []).map((d) => [d.date, d]));
  const fb = byDate(r.chatsFeedback);
  const tools = byDate(r.tools);
  const docs = byDate(r.usedDocuments);
  const users = byDate(r.userActivities);
  return flattenChatSessions(r.chatSessions, companyIndex).map((s) => {
    const f = fb.get(s.date)?.feedbacks;
    return {
      ...s,
      model_responses_without_docs: s.model_responses - s.model_responses_with_docs,
      likes: f?.likes_count ?? 0,
      dislikes: f?.dislikes_count ?? 0,
      copies: f?.copies_count ?? 0,
      tool_calls: (tools.get(s.date)?.tools ?? []).reduce((n, t) => n + t.usage_count, 0),
      document_uses: (docs.get(s.date)?.documents ?? []).reduce((n, d) => n + d.usage_count, 0),
      active_users: users.get(s.date)?.active_users_count ?? 0,
    };
  });
}

/** Rows as CSV (RFC 4180 quoting), header from the first row's keys. */
export function toCsv(rows: object[]): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]);
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [keys.join(','), ...rows.map((r) => keys.map((k) => cell((r as Record<string, unknown>)[k])).join(','))].join('\n') + '\n';
}
