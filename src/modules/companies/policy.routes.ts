import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { CompanyIdQuery, errorResponses } from '../../http/schemas.js';
import { companyFor } from '../auth/auth.plugin.js';
import { PolicySchema } from './companies.js';
import { getCompany, setCompanyPolicy } from './companies.service.js';

export const policyRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/api/policy',
    {
      config: { auth: 'read' },
      schema: {
        tags: ['admin'],
        summary: 'The company’s analysis policy: preset, per-subtype overrides, allow and deny lists, and the severity that ends a live session',
        querystring: Type.Object({ company_id: CompanyIdQuery }),
        response: { 200: PolicySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => (await getCompany(db, await companyFor(db, request, request.query.company_id))).policy,
  );

  app.put(
    '/api/policy',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Replace the company’s analysis policy',
        querystring: Type.Object({ company_id: CompanyIdQuery }),
        body: PolicySchema,
        response: { 200: PolicySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => (await setCompanyPolicy(db, await companyFor(db, request, request.query.company_id), request.body)).policy,
  );
};
