import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { errorResponses } from '../../http/schemas.js';
import { EndUserSchema } from './end-users.js';
import { getEndUser } from './end-users.service.js';

export const endUsersRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/api/users/:userId',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'getEndUser',
        tags: ['monitoring'],
        summary: 'One end user: sessions and findings counts, and their activity per day',
        description: 'Their sessions are `GET /api/search/sessions?userId=…`, their findings `GET /api/findings?userId=…`.',
        params: Type.Object({ userId: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000]+$', description: 'The chat product’s user id.' }) }),
        querystring: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 365, default: 90, description: 'Days of activity to return (1–365).' }) }),
        response: { 200: EndUserSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getEndUser(db, request.companyId, request.params.userId, request.query.days),
  );
};
