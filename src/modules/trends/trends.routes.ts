import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { CATEGORIES, SUBTYPES } from '../../analysis/types.js';
import type { DB } from '../../db/database.js';
import { CompanyIdQuery, errorResponses } from '../../http/schemas.js';
import { companyFor } from '../auth/auth.plugin.js';
import { getTrends } from './trends.service.js';

const Rates = {
  hallucinationRate: Type.Number(),
  biasRate: Type.Number(),
  toxicityRate: Type.Number(),
};

const Period = Type.Object({ uploads: Type.Integer(), issues: Type.Integer(), ...Rates });

const TrendsResponse = Type.Object({
  dailyData: Type.Array(
    Type.Object({
      date: Type.String({ format: 'date' }),
      uploadCount: Type.Integer(),
      totalIssues: Type.Integer(),
      ...Rates,
      hallucinationFlagged: Type.Integer(),
      biasFlagged: Type.Integer(),
      toxicityFlagged: Type.Integer(),
    }),
  ),
  subtypeBreakdown: Type.Object(
    Object.fromEntries(CATEGORIES.map((c) => [c, Type.Object(Object.fromEntries(SUBTYPES[c].map((s) => [s, Type.Integer()])))])),
  ),
  totals: Type.Object({ uploads: Type.Integer(), issues: Type.Integer(), ...Rates, priorPeriod: Period }),
});

export const trendsRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/api/trends',
    {
      config: { auth: 'read' },
      schema: {
        tags: ['trends'],
        summary: 'Daily hallucination, bias and toxicity rates, subtype breakdown and totals against the prior period',
        description:
          'The window is the `days` UTC calendar days ending today; `priorPeriod` covers the same number of days just before. A rate is flagged turns / turns analysed (0 when none). Uploads and live chat traffic both count.',
        querystring: Type.Object({
          days: Type.Integer({ minimum: 1, maximum: 365, default: 30, description: 'Number of days to analyse (1–365).' }),
          company_id: CompanyIdQuery,
        }),
        response: { 200: TrendsResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const companyId = await companyFor(db, request, request.query.company_id);
      return getTrends(db, companyId, request.query.days);
    },
  );
};
