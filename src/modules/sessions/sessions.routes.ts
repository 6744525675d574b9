import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { SessionIdParam, errorResponses } from '../../http/schemas.js';
import { MonitorPageSchema, TranscriptQuerySchema, TranscriptSchema } from './sessions.js';
import { getTranscript, listMonitorSessions } from './sessions.service.js';

/** The monitor's default window: sessions active in the last 30 minutes. */
const DEFAULT_SINCE_MS = 30 * 60_000;

export const sessionsRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/api/monitor/sessions',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'listMonitorSessions',
        tags: ['monitoring'],
        summary: 'List recent chat sessions for the monitoring dashboard',
        description:
          'Sessions whose lastActivityAt is after `since`, newest activity first (ties by id). `nextCursor` is the id of the last session of this page, or null on the last page.',
        querystring: Type.Object({
          since: Type.Optional(Type.String({ format: 'date-time', description: 'Only sessions active after this time; default 30 minutes ago.' })),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Sessions per page (1–100).' }),
          cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Session id to start after.' })),
        }),
        response: { 200: MonitorPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const since = request.query.since ? new Date(request.query.since).toISOString() : new Date(Date.now() - DEFAULT_SINCE_MS).toISOString();
      return listMonitorSessions(db, request.companyId, { since, limit: request.query.limit, cursor: request.query.cursor ?? null });
    },
  );

  app.get(
    '/api/sessions/:id',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'getSessionTranscript',
        tags: ['monitoring'],
        summary: 'A session transcript with each turn’s findings and evidence spans, a page of messages at a time',
        description:
          'The session and its first page of messages (100 by default); follow `nextCursor` for the next ones. A page also stops at about 2 million characters of message text and documents, so a large transcript never comes back in one answer.',
        params: Type.Object({ id: SessionIdParam }),
        querystring: TranscriptQuerySchema,
        response: { 200: TranscriptSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      return getTranscript(db, request.companyId, request.params.id, request.query);
    },
  );
};
