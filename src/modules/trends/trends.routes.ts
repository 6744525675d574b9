import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { errorResponses } from '../../http/schemas.js';
import { getTrends } from './trends.service.js';
import { TrendsSchema } from './trends.js';

export const trendsRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/api/trends',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'getTrends',
        tags: ['trends'],
        summary: 'Daily hallucination, bias and toxicity rates, subtype breakdown and totals against the prior period',
        description:
          'The window is the `days` UTC calendar days ending today; `priorPeriod` covers the same number of days just before. A rate is flagged turns / turns analysed (0 when none). Uploads and live chat traffic both count.',
        querystring: Type.Object({
          days: Type.Integer({ minimum: 1, maximum: 365, default: 30, description: 'Number of days to analyse (1–365).' }),
        }),
        response: { 200: TrendsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      return getTrends(db, request.companyId, request.query.days);
    },
  );
};
