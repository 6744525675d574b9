/** Prices per model (read by anyone of the company, set by its admins) and the daily token usage and cost report. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { errorResponses } from '../../http/schemas.js';
import { principalOf } from '../auth/auth.plugin.js';
import { parseReportRequest } from '../reporting/reporting.request.js';
import { DeletePriceQuerySchema, ModelPriceSchema, PriceListSchema, SetPriceBodySchema, TokenUsageQuerySchema, TokenUsageReportSchema } from './usage.js';
import { deletePrice, listPrices, setPrice, tokenUsageReport } from './usage.service.js';

export const usageRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/api/prices',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'listPrices',
        tags: ['usage'],
        summary: 'Prices per model that answers are costed with: the company’s own, then the shipped list prices (with their source and date)',
        response: { 200: PriceListSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listPrices(db, request.companyId),
  );

  app.put(
    '/api/prices',
    {
      config: { auth: 'admin', tenant: 'company' },
      schema: {
        operationId: 'setPrice',
        tags: ['usage'],
        summary: 'Set the company’s price of a model',
        description: 'Applies to answers stored from now on; costs already stored keep the price they were stored with.',
        body: SetPriceBodySchema,
        response: { 200: ModelPriceSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => setPrice(db, request.companyId, request.body),
  );

  app.delete(
    '/api/prices',
    {
      config: { auth: 'admin', tenant: 'company' },
      schema: {
        operationId: 'deletePrice',
        tags: ['usage'],
        summary: 'Remove the company’s price of a model (the shipped default applies again, if any)',
        querystring: DeletePriceQuerySchema,
        response: { 204: Type.Null({ description: 'Removed.' }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deletePrice(db, request.companyId, request.query.model);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/api/usage/tokens',
    {
      config: { auth: 'read' },
      schema: {
        operationId: 'getTokenUsage',
        tags: ['usage'],
        summary: 'Daily tokens, cost and latency per model, zero-filled over the window (UTC days, end_date included)',
        querystring: TokenUsageQuerySchema,
        response: { 200: TokenUsageReportSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => tokenUsageReport(db, await parseReportRequest(db, principalOf(request), request.query)),
  );
};
