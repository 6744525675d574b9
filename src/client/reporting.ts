/**
 * `chatlens.reporting`: the six Paradigm-compatible `/api/v2/reporting/*` reports, one call each.
 * A plain object of arrow functions, as before this file existed: its type is unchanged, and a call
 * taken off it (`const { tools } = chatlens.reporting`) keeps its client. Types are the server's
 * schemas, imported as types.
 */
import type { RequestOptions, Transport } from './http.js';
import type { ChatSessionsReport, DocumentsDay, FeedbackDay, MembersReport, Report, ReportQuery, ToolsDay, UserActivitiesDay } from './types.js';

export function reportingCalls(http: Transport) {
  const report = <T>(name: string, q: ReportQuery, options?: RequestOptions) =>
    http.request<T>({ method: 'GET', path: `/api/v2/reporting/${name}/`, query: { ...q }, idempotent: true, options });
  return {
    chatSessions: (q: ReportQuery, o?: RequestOptions) => report<ChatSessionsReport>('chat-sessions', q, o),
    chatsFeedback: (q: ReportQuery, o?: RequestOptions) => report<Report<FeedbackDay>>('chats-feedback', q, o),
    tools: (q: ReportQuery, o?: RequestOptions) => report<Report<ToolsDay>>('tools', q, o),
    usedDocuments: (q: ReportQuery, o?: RequestOptions) => report<Report<DocumentsDay>>('used-documents', q, o),
    userActivities: (q: ReportQuery, o?: RequestOptions) => report<Report<UserActivitiesDay>>('user-activities', q, o),
    users: (q: ReportQuery, o?: RequestOptions) => report<MembersReport>('users', q, o),
  };
}
