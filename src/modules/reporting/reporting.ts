/**
 * The Paradigm-compatible reporting API on the wire (`/api/v2/reporting/*`, snake_case as in
 * spec/paradigm-reporting.md). The schemas are the one definition; the types are `Static<>` of them.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Nullable } from '../../http/schemas.js';

export const ReportQuerySchema = Type.Object({
  // Required, as Paradigm documents it; its format is checked by parseWindow, whose messages name the accepted form.
  start_date: Type.String({ description: 'First day of the report window (YYYY-MM-DD), UTC.', examples: ['2026-01-01'] }),
  end_date: Type.Optional(Type.String({ description: 'Last day of the window, included (YYYY-MM-DD). Defaults to today (UTC).' })),
  company_id: Type.Optional(Type.Integer({ minimum: 1, description: 'Company to report on; platform admins only. Without it a platform admin gets every company.' })),
});

/** The two reports that list users or documents per day page through each day's list. */
export const ListReportQuerySchema = Type.Object({
  ...ReportQuerySchema.properties,
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: "Entries listed per day (1–1000), busiest first; a day's counts always cover all of them." }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0, description: "Entries of each day's list to skip: the next page is `offset + limit`." }),
});

export const MetaSchema = Type.Record(Type.String(), Type.Object({ description: Type.String(), unit: Type.String() }));
export const CompanyRefSchema = Type.Object({ name: Type.String(), id: Type.Integer() });
export const ReportSchema = <Day extends TSchema>(day: Day) =>
  Type.Object({
    metadata: MetaSchema,
    reporting: Type.Array(Type.Object({ company: CompanyRefSchema, dates: Type.Array(day) })),
  });

export const ChatSessionsDaySchema = Type.Object({
  date: Type.String({ format: 'date' }),
  sessions: Type.Object({ sessions_count: Type.Integer(), unique_models_count: Type.Integer(), average_session_length: Type.Number() }),
  chats: Type.Object({
    user_queries_count: Type.Integer(),
    model_responses_with_docs_count: Type.Integer(),
    model_responses_count: Type.Integer(),
    last_model_response_date: Nullable(Type.String({ format: 'date-time', description: 'UTC, whole seconds, as Paradigm writes it (2026-01-07T05:31:56Z); null on a day without responses.' })),
  }),
});

/**
 * The chat-sessions report: `metadata`, `reporting`, then `metadata_agent`, in Paradigm's order.
 * `metadata_agent` is the legend Paradigm documents for agent-mode threads; Chatlens has no agent
 * mode, so it is the legend alone, with no per-day agent numbers (docs/decisions.md).
 */
export const ChatSessionsReportSchema = Type.Object({
  metadata: MetaSchema,
  reporting: Type.Array(Type.Object({ company: CompanyRefSchema, dates: Type.Array(ChatSessionsDaySchema) })),
  metadata_agent: MetaSchema,
});

export const FeedbackDaySchema = Type.Object({
  date: Type.String({ format: 'date' }),
  model_responses_count: Type.Integer(),
  feedbacks: Type.Object({ likes_count: Type.Integer(), dislikes_count: Type.Integer(), copies_count: Type.Integer() }),
});

export const ToolsDaySchema = Type.Object({
  date: Type.String({ format: 'date' }),
  tools: Type.Array(Type.Object({ tool_name: Type.String(), usage_count: Type.Integer() })),
});

export const DocumentsDaySchema = Type.Object({
  date: Type.String({ format: 'date' }),
  documents: Type.Array(
    Type.Object({ document_filename: Type.String(), document_title: Type.String(), document_id: Type.Integer(), usage_count: Type.Integer() }),
  ),
});

export const UserActivitiesDaySchema = Type.Object({
  date: Type.String({ format: 'date' }),
  active_users_count: Type.Integer(),
  users: Type.Array(
    Type.Object({
      user_id: Type.String(),
      email: Nullable(Type.String()),
      last_connection_date: Nullable(Type.String({ format: 'date-time', description: 'UTC, whole seconds (2026-01-07T05:31:56Z); null without a connection that day.' })),
      user_queries_count: Type.Integer(),
    }),
  ),
});

export const MembersReportSchema = Type.Object({
  reporting: Type.Array(Type.Object({ company: Type.Object({ id: Type.Integer(), name: Type.String() }), total_historical_members: Type.Integer(), current_active_members: Type.Integer() })),
  metadata: MetaSchema,
});

export type ReportQuery = Static<typeof ReportQuerySchema> & Partial<Pick<Static<typeof ListReportQuerySchema>, 'limit' | 'offset'>>;
/** What each metric of a report means, and its unit. */
export type Metadata = Static<typeof MetaSchema>;
export type CompanyRef = Static<typeof CompanyRefSchema>;
/**
 * A daily report: per company, one bucket per day of the window, ascending and zero-filled. The
 * shape of ReportSchema for any day (Static<> cannot take a type parameter); the report builders
 * are typed with it.
 */
export type Report<Day> = { metadata: Metadata; reporting: { company: CompanyRef; dates: Day[] }[] };
export type ChatSessionsDay = Static<typeof ChatSessionsDaySchema>;
export type ChatSessionsReport = Static<typeof ChatSessionsReportSchema>;
export type FeedbackDay = Static<typeof FeedbackDaySchema>;
export type ToolsDay = Static<typeof ToolsDaySchema>;
export type DocumentsDay = Static<typeof DocumentsDaySchema>;
export type UserActivitiesDay = Static<typeof UserActivitiesDaySchema>;
export type MembersReport = Static<typeof MembersReportSchema>;
