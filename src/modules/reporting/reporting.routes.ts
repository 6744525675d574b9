import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { Nullable, errorResponses } from '../../http/schemas.js';
import { principalOf } from '../auth/auth.plugin.js';
import * as reports from './reporting.service.js';
import { type ReportRequest, parseReportRequest } from './reporting.request.js';

const Query = Type.Object({
  start_date: Type.Optional(Type.String({ description: 'First day of the report window (YYYY-MM-DD). Required.' })),
  end_date: Type.Optional(Type.String({ description: 'Last day of the window, included (YYYY-MM-DD). Defaults to today (UTC).' })),
  company_id: Type.Optional(Type.Integer({ minimum: 1, description: 'Company to report on; platform admins only. Without it a platform admin gets every company.' })),
});

const Meta = Type.Record(Type.String(), Type.Object({ description: Type.String(), unit: Type.String() }));
const CompanyRef = Type.Object({ name: Type.String(), id: Type.Integer() });
const Report = (day: TSchema) =>
  Type.Object({
    metadata: Meta,
    reporting: Type.Array(Type.Object({ company: CompanyRef, dates: Type.Array(day) })),
  });

const ChatSessionsDay = Type.Object({
  date: Type.String({ format: 'date' }),
  sessions: Type.Object({ sessions_count: Type.Integer(), unique_models_count: Type.Integer(), average_session_length: Type.Number() }),
  chats: Type.Object({
    user_queries_count: Type.Integer(),
    model_responses_with_docs_count: Type.Integer(),
    model_responses_count: Type.Integer(),
    last_model_response_date: Nullable(Type.String({ format: 'date-time' })),
  }),
});

const FeedbackDay = Type.Object({
  date: Type.String({ format: 'date' }),
  model_responses_count: Type.Integer(),
  feedbacks: Type.Object({ likes_count: Type.Integer(), dislikes_count: Type.Integer(), copies_count: Type.Integer() }),
});

const ToolsDay = Type.Object({
  date: Type.String({ format: 'date' }),
  tools: Type.Array(Type.Object({ tool_name: Type.String(), usage_count: Type.Integer() })),
});

const DocumentsDay = Type.Object({
  date: Type.String({ format: 'date' }),
  documents: Type.Array(
    Type.Object({ document_filename: Type.String(), document_title: Type.String(), document_id: Type.Integer(), usage_count: Type.Integer() }),
  ),
});

const UserActivitiesDay = Type.Object({
  date: Type.String({ format: 'date' }),
  active_users_count: Type.Integer(),
  users: Type.Array(
    Type.Object({
      user_id: Type.String(),
      email: Nullable(Type.String()),
      last_connection_date: Nullable(Type.String({ format: 'date-time' })),
      user_queries_count: Type.Integer(),
    }),
  ),
});

const MembersReport = Type.Object({
  reporting: Type.Array(Type.Object({ company: Type.Object({ id: Type.Integer(), name: Type.String() }), total_historical_members: Type.Integer(), current_active_members: Type.Integer() })),
  metadata: Meta,
});

interface Endpoint {
  path: string;
  summary: string;
  response: TSchema;
  build: (db: Kysely<DB>, r: ReportRequest) => Promise<unknown>;
}

const ENDPOINTS: Endpoint[] = [
  { path: 'chat-sessions', summary: 'Daily chat sessions, user queries and model responses', response: Report(ChatSessionsDay), build: reports.chatSessionsReport },
  { path: 'chats-feedback', summary: 'Daily likes, dislikes and copies of model responses', response: Report(FeedbackDay), build: reports.feedbackReport },
  { path: 'tools', summary: 'Daily tool usage', response: Report(ToolsDay), build: reports.toolsReport },
  { path: 'used-documents', summary: 'Daily document usage in model responses', response: Report(DocumentsDay), build: reports.usedDocumentsReport },
  { path: 'user-activities', summary: 'Daily active users and their latest connections', response: Report(UserActivitiesDay), build: reports.userActivitiesReport },
  { path: 'users', summary: 'Company members: historical and active in the window', response: MembersReport, build: reports.membersReport },
];

/** `/api/v2/reporting/*`, wire-compatible with LightOn Paradigm's reporting API (with or without the trailing slash). */
export const reportingRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  for (const e of ENDPOINTS) {
    app.get(
      `/api/v2/reporting/${e.path}/`,
      {
        config: { auth: 'read' },
        schema: {
          tags: ['reporting'],
          summary: e.summary,
          querystring: Query,
          response: { 200: e.response, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => e.build(db, await parseReportRequest(db, principalOf(request), request.query)),
    );
  }
};
