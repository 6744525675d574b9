import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { ALL_SUBTYPES, CATEGORIES } from '../../analysis/types.js';
import type { DB } from '../../db/database.js';
import { StringEnum, errorResponses } from '../../http/schemas.js';
import { FlaggedTurnPageSchema } from './findings.js';
import { listFlaggedTurns } from './findings.service.js';

const lit = StringEnum;

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
        querystring: Type.Object({
          category: Type.Optional(lit(CATEGORIES, { description: 'Only this category.' })),
          subtype: Type.Optional(lit(ALL_SUBTYPES, { description: 'Only this subtype.' })),
          days: Type.Integer({ minimum: 1, maximum: 365, default: 30, description: 'Number of days to look back (1–365).' }),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Findings per page (1–100).' }),
          cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$', description: 'Finding id to start after (the previous nextCursor).' })),
          userId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000]+$', description: 'Only findings of this end user’s sessions.' })),
        }),
        response: { 200: FlaggedTurnPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { category, subtype, days, limit, cursor, userId } = request.query;
      return listFlaggedTurns(db, request.companyId, { category: category ?? null, subtype: subtype ?? null, days, limit, cursor: cursor ?? null, userId: userId ?? null });
    },
  );
};
