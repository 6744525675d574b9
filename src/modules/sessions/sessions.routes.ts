import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { SessionIdParam, errorResponses } from '../../http/schemas.js';
import { MonitorPageSchema, MonitorQuerySchema, MonitorSettingsSchema, SessionSearchPageSchema, SessionSearchQuerySchema, TranscriptQuerySchema, TranscriptSchema } from './sessions.js';
import { parseSessionFilters, parseTimeParam } from './sessions.filters.js';
import { getMonitorSettings, getTranscript, listMonitorSessions, searchSessions, setMonitorSettings } from './sessions.service.js';

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
        querystring: MonitorQuerySchema,
        response: { 200: MonitorPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { since: sinceParam, limit, cursor, ...filterParams } = request.query;
      const since = sinceParam !== undefined ? parseTimeParam('since', sinceParam) : new Date(Date.now() - DEFAULT_SINCE_MS).toISOString();
      const filters = parseSessionFilters(filterParams, since);
      return listMonitorSessions(db, request.companyId, { since, limit, cursor: cursor ?? null, filters });
    },
  );

  app.get(
    '/api/monitor/settings',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'getMonitorSettings',
        tags: ['monitoring'],
        summary: 'The company’s monitoring settings: the idle time after which an open session counts as ended',
        response: { 200: MonitorSettingsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getMonitorSettings(db, request.companyId),
  );

  app.put(
    '/api/monitor/settings',
    {
      config: { auth: 'admin', tenant: 'company' },
      schema: {
        operationId: 'setMonitorSettings',
        tags: ['monitoring'],
        summary: 'Sets the idle time after which an open session counts as ended (admins)',
        body: MonitorSettingsSchema,
        response: { 200: MonitorSettingsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => setMonitorSettings(db, request.companyId, request.body),
  );

  app.get(
    '/api/search/sessions',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'searchSessions',
        tags: ['monitoring'],
        summary: 'Search every session by its messages’ text and the monitor’s filters',
        description:
          'Sessions of any age (no default window) matching every filter given, in the monitor’s order (newest activity first, ties by id). `q` searches message content. `nextCursor` holds the position of the page’s last session: a page never repeats a session already shown.',
        querystring: SessionSearchQuerySchema,
        response: { 200: SessionSearchPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { since, limit, cursor, ...filterParams } = request.query;
      const filters = parseSessionFilters(filterParams, since !== undefined ? parseTimeParam('since', since) : null);
      return searchSessions(db, request.companyId, { filters, limit, cursor: cursor ?? null });
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
