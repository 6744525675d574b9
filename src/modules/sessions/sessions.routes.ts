import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { ALL_SUBTYPES, CATEGORIES, SEVERITIES } from '../../analysis/types.js';
import type { DB } from '../../db/database.js';
import { CompanyIdQuery, Nullable, StringEnum, errorResponses } from '../../http/schemas.js';
import { companyFor } from '../auth/auth.plugin.js';
import { getTranscript, listMonitorSessions } from './sessions.service.js';

const lit = StringEnum;

export const SpanSchema = Type.Object({
  start: Type.Integer(),
  end: Type.Integer(),
  text: Type.String(),
  where: lit(['turn', 'document', 'history']),
  documentId: Type.Optional(Type.Integer()),
  turnIndex: Type.Optional(Type.Integer()),
});

export const FindingSchema = Type.Object({
  id: Type.Integer(),
  category: lit(CATEGORIES),
  subtype: lit(ALL_SUBTYPES),
  score: Type.Number(),
  severity: lit(SEVERITIES),
  spans: Type.Array(SpanSchema),
  explanation: Type.String(),
  detector: Type.String(),
});

const EndedReason = Nullable(lit(['user', 'violation']));

const MonitorSession = Type.Object({
  id: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastActivityAt: Type.String({ format: 'date-time' }),
  endedAt: Nullable(Type.String({ format: 'date-time' })),
  endedReason: EndedReason,
  messageCount: Type.Integer(),
  lastMessage: Type.String(),
});

const TranscriptMessage = Type.Object({
  id: Type.String(),
  index: Type.Integer(),
  role: lit(['user', 'assistant', 'system', 'tool']),
  content: Type.String(),
  createdAt: Type.String(),
  userId: Nullable(Type.String()),
  model: Nullable(Type.String()),
  documents: Type.Array(
    Type.Object({ id: Type.Integer(), filename: Type.String(), title: Nullable(Type.String()), content: Type.Optional(Type.String()) }),
  ),
  tools: Type.Array(Type.Object({ name: Type.String() })),
  analyzed: Type.Boolean(),
  findings: Type.Array(FindingSchema),
  feedback: Type.Array(Type.Object({ kind: lit(['like', 'dislike', 'copy']), userId: Nullable(Type.String()), createdAt: Type.String() })),
});

const Transcript = Type.Object({
  id: Type.String(),
  userId: Nullable(Type.String()),
  createdAt: Type.String(),
  lastActivityAt: Type.String(),
  endedAt: Nullable(Type.String()),
  endedReason: EndedReason,
  messageCount: Type.Integer(),
  source: Type.String(),
  uploadId: Nullable(Type.Integer()),
  messages: Type.Array(TranscriptMessage),
});

/** The monitor's default window: sessions active in the last 30 minutes. */
const DEFAULT_SINCE_MS = 30 * 60_000;

export const sessionsRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/api/monitor/sessions',
    {
      config: { auth: 'read' },
      schema: {
        tags: ['monitoring'],
        summary: 'List recent chat sessions for the monitoring dashboard',
        description:
          'Sessions whose lastActivityAt is after `since`, newest activity first (ties by id). `nextCursor` is the id of the last session of this page, or null on the last page.',
        querystring: Type.Object({
          since: Type.Optional(Type.String({ format: 'date-time', description: 'Only sessions active after this time; default 30 minutes ago.' })),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Sessions per page (1–100).' }),
          cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Session id to start after.' })),
          company_id: CompanyIdQuery,
        }),
        response: { 200: Type.Object({ sessions: Type.Array(MonitorSession), nextCursor: Nullable(Type.String()) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const companyId = await companyFor(db, request, request.query.company_id);
      const since = request.query.since ? new Date(request.query.since).toISOString() : new Date(Date.now() - DEFAULT_SINCE_MS).toISOString();
      return listMonitorSessions(db, companyId, { since, limit: request.query.limit, cursor: request.query.cursor ?? null });
    },
  );

  app.get(
    '/api/sessions/:id',
    {
      config: { auth: 'read' },
      schema: {
        tags: ['monitoring'],
        summary: 'A session transcript with each turn’s findings and evidence spans',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: Type.Object({ company_id: CompanyIdQuery }),
        response: { 200: Transcript, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const companyId = await companyFor(db, request, request.query.company_id);
      return getTranscript(db, companyId, request.params.id);
    },
  );
};
