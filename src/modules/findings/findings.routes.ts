import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { errorResponses } from '../../http/schemas.js';
import { FlaggedTurnPageSchema, FlaggedTurnQuerySchema } from './findings.js';
import { listFlaggedTurns } from './findings.service.js';

export const findingsRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/api/findings',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'listFlaggedTurns',
        tags: ['trends'],
        summary: 'Flagged turns, newest first, filtered by category or subtype',
        description:
          'The findings behind the trends subtype breakdown. The window is the `days` UTC calendar days ending today. `nextCursor` is the id of the last finding of this page, or null on the last page.',
        querystring: FlaggedTurnQuerySchema,
        response: { 200: FlaggedTurnPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { category, subtype, days, limit, cursor, userId } = request.query;
      return listFlaggedTurns(db, request.companyId, { category: category ?? null, subtype: subtype ?? null, days, limit, cursor: cursor ?? null, userId: userId ?? null });
    },
  );
};
