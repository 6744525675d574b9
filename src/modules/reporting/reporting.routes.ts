import type { TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { errorResponses } from '../../http/schemas.js';
import { JsonText } from '../../lib/json-text.js';
import { principalOf } from '../auth/auth.plugin.js';
import {
  ChatSessionsReportSchema,
  DocumentsDaySchema,
  ListReportQuerySchema,
  FeedbackDaySchema,
  MembersReportSchema,
  ReportQuerySchema,
  ReportSchema,
  ToolsDaySchema,
  UserActivitiesDaySchema,
} from './reporting.js';
import * as reports from './reporting.service.js';
import { type ReportRequest, parseReportRequest } from './reporting.request.js';

interface Endpoint {
  path: string;
  /** Client generators name their methods after it. */
  operationId: string;
  summary: string;
  response: TSchema;
  /** Per-day lists take `limit` and `offset` too. */
  paged?: boolean;
  /** The answer: an object the response schema serialises, or JSON text sent as it is. */
  build: (db: Kysely<DB>, r: ReportRequest) => Promise<unknown>;
}

const ENDPOINTS: Endpoint[] = [
  { path: 'chat-sessions', operationId: 'getChatSessionsReport', summary: 'Daily chat sessions, user queries and model responses', response: ChatSessionsReportSchema, build: reports.chatSessionsReport },
  { path: 'chats-feedback', operationId: 'getChatsFeedbackReport', summary: 'Daily likes, dislikes and copies of model responses', response: ReportSchema(FeedbackDaySchema), build: reports.feedbackReport },
  { path: 'tools', operationId: 'getToolsReport', summary: 'Daily tool usage', response: ReportSchema(ToolsDaySchema), build: reports.toolsReport },
  { path: 'used-documents', operationId: 'getUsedDocumentsReport', summary: 'Daily document usage in model responses', response: ReportSchema(DocumentsDaySchema), paged: true, build: reports.usedDocumentsReport },
  { path: 'user-activities', operationId: 'getUserActivitiesReport', summary: 'Daily active users and their latest connections', response: ReportSchema(UserActivitiesDaySchema), paged: true, build: reports.userActivitiesReport },
  { path: 'users', operationId: 'getMembersReport', summary: 'Company members: historical and active in the window', response: MembersReportSchema, build: reports.membersReport },
];

/** `/api/v2/reporting/*`, wire-compatible with LightOn Paradigm's reporting API (with or without the trailing slash). */
export const reportingRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  for (const e of ENDPOINTS) {
    app.get(
      `/api/v2/reporting/${e.path}/`,
      {
        config: { auth: 'read' },
        schema: {
          operationId: e.operationId,
          tags: ['reporting'],
          summary: e.summary,
          querystring: e.paged ? ListReportQuerySchema : ReportQuerySchema,
          response: { 200: e.response, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const answer = await e.build(db, await parseReportRequest(db, principalOf(request), request.query));
        if (!(answer instanceof JsonText)) return answer;
        return reply.type('application/json; charset=utf-8').send(answer.text);
      },
    );
  }
};
