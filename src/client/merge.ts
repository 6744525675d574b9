/**
 * Flatten and merge helpers: the one-row-per-day usage table that Paradigm's usage-data tutorial
 * builds by hand in a dataframe (sessions, queries, responses, feedback, tools), ready for CSV.
 */
import type { ChatSessionsDay, FeedbackDay, Report, ToolsDay, DocumentsDay, TokenUsageReport, UserActivitiesDay } from './types.js';

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
  tool_uses: number;
  document_uses: number;
  active_users: number;
  /** Tokens and cost that day (GET /api/usage/tokens); 0 when that report was not given. */
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  /** Uses per tool name that day. */
  tools: Record<string, number>;
}

/**
 * The dates of one company's block: `companyId` when given and present, else the first block.
 *
 * @example
 * const days = datesOf(await chatlens.reporting.tools({ start_date: '2026-01-01' }), 2);
 */
export function datesOf<D>(report: Report<D> | undefined, companyId?: number | null): D[] {
  if (!report) return [];
  return (report.reporting.find((x) => x.company.id === companyId) ?? report.reporting[0])?.dates ?? [];
}

/**
 * `reporting[company].dates[*]` of the chat-sessions report as flat rows (the tutorial's df_sessions).
 *
 * @example
 * const rows = flattenChatSessions(await chatlens.reporting.chatSessions({ start_date: '2026-01-01' }));
 * console.table(rows);
 */
export function flattenChatSessions(report: Report<ChatSessionsDay>, companyId?: number | null) {
  return datesOf(report, companyId).map((d) => ({
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
  tokenUsage?: TokenUsageReport;
}

/**
 * Merges the daily reports of one company (`companyId`, default the first) on `date` into one row
 * per day: the dashboard's usage table.
 *
 * @example
 * const q = { start_date: '2026-01-01', end_date: '2026-01-31' };
 * const rows = mergeUsage({
 *   chatSessions: await chatlens.reporting.chatSessions(q),
 *   chatsFeedback: await chatlens.reporting.chatsFeedback(q),
 *   tools: await chatlens.reporting.tools(q),
 *   tokenUsage: await chatlens.usage.tokens(q),
 * });
 */
export function mergeUsage(r: UsageReports, companyId?: number | null): UsageRow[] {
  const byDate = <D extends { date: string }>(rep?: Report<D>) => new Map(datesOf(rep, companyId).map((d) => [d.date, d]));
  const fb = byDate(r.chatsFeedback);
  const tools = byDate(r.tools);
  const docs = byDate(r.usedDocuments);
  const users = byDate(r.userActivities);
  const tokens = byDate(r.tokenUsage);
  return flattenChatSessions(r.chatSessions, companyId).map((s) => {
    const f = fb.get(s.date)?.feedbacks;
    const dayTools: Record<string, number> = {};
    for (const t of tools.get(s.date)?.tools ?? []) dayTools[t.tool_name] = (dayTools[t.tool_name] ?? 0) + t.usage_count;
    return {
      ...s,
      model_responses_without_docs: s.model_responses - s.model_responses_with_docs,
      likes: f?.likes_count ?? 0,
      dislikes: f?.dislikes_count ?? 0,
      copies: f?.copies_count ?? 0,
      tool_uses: Object.values(dayTools).reduce((n, c) => n + c, 0),
      document_uses: (docs.get(s.date)?.documents ?? []).reduce((n, d) => n + d.usage_count, 0),
      active_users: users.get(s.date)?.active_users_count ?? 0,
      input_tokens: tokens.get(s.date)?.input_tokens ?? 0,
      output_tokens: tokens.get(s.date)?.output_tokens ?? 0,
      cost_usd: tokens.get(s.date)?.cost_usd ?? 0,
      tools: dayTools,
    };
  });
}

/**
 * Rows as CSV (RFC 4180 quoting, CRLF); columns are `keys`, or the first row's scalar keys.
 *
 * @example
 * await fs.writeFile('usage.csv', toCsv(mergeUsage(reports)));
 */
export function toCsv(rows: object[], keys?: string[]): string {
  if (rows.length === 0) return '';
  keys ??= Object.keys(rows[0]).filter((k) => typeof (rows[0] as Record<string, unknown>)[k] !== 'object');
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // CRLF line ends, as RFC 4180 and spreadsheet tools expect.
  return [keys.map(cell).join(','), ...rows.map((r) => keys!.map((k) => cell((r as Record<string, unknown>)[k])).join(','))].join('\r\n') + '\r\n';
}
