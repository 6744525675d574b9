/** Companies (platform admins) and each company's analysis policy. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { IdParam, errorResponses } from '../../http/schemas.js';
import type { RequestLimiter } from '../auth/rate-limits.js';
import { CompanySchema, PolicySchema, RateLimitAnswerSchema, RateLimitSchema } from './companies.js';
import { createCompany, getCompanies, getCompany, getCompanyRateLimit, setCompanyPolicy, setCompanyRateLimit } from './companies.service.js';

export interface CompaniesRouteOptions {
  db: Kysely<DB>;
  limiter: RequestLimiter;
}

export const companiesRoutes: FastifyPluginAsyncTypebox<CompaniesRouteOptions> = async (app, { db, limiter }) => {
  app.post(
    '/api/companies',
    {
      config: { auth: 'platform' },
      schema: {
        operationId: 'createCompany',
        tags: ['admin'],
        summary: 'Create a company (platform admin)',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 201: CompanySchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const c = await createCompany(db, request.body.name);
      reply.code(201);
      return { id: c.id, name: c.name, createdAt: c.createdAt };
    },
  );

  app.get(
    '/api/companies',
    {
      config: { auth: 'platform' },
      schema: { operationId: 'listCompanies', tags: ['admin'], summary: 'List companies (platform admin)', response: { 200: Type.Object({ companies: Type.Array(CompanySchema) }), ...errorResponses(401, 403) } },
    },
    async () => ({ companies: (await getCompanies(db)).map((c) => ({ id: c.id, name: c.name, createdAt: c.createdAt })) }),
  );

  app.get(
    '/api/policy',
    {
      config: { auth: 'read', tenant: 'company' },
      schema: {
        operationId: 'getPolicy',
        tags: ['admin'],
        summary: 'The company’s analysis policy: preset, per-subtype overrides, allow and deny lists, and the severity that ends a live session',
        response: { 200: PolicySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => (await getCompany(db, request.companyId)).policy,
  );

  app.put(
    '/api/policy',
    {
      config: { auth: 'admin', tenant: 'company' },
      schema: {
        operationId: 'setPolicy',
        tags: ['admin'],
        summary: 'Replace the company’s analysis policy',
        body: PolicySchema,
        response: { 200: PolicySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      // setCompanyPolicy drops the kept policy (companies.policy.ts): the next turn, live or proxied, uses this one.
      const { policy } = await setCompanyPolicy(db, request.companyId, request.body);
      return policy;
    },
  );

  app.get(
    '/api/companies/:id/rate-limit',
    {
      config: { auth: 'platform' },
      schema: {
        operationId: 'getCompanyRateLimit',
        tags: ['admin'],
        summary: 'A company’s request rate per API key or account: its own setting and what applies (platform admin)',
        params: Type.Object({ id: IdParam }),
        response: { 200: RateLimitAnswerSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getCompanyRateLimit(db, request.params.id, limiter.defaultRate),
  );

  app.put(
    '/api/companies/:id/rate-limit',
    {
      config: { auth: 'platform' },
      schema: {
        operationId: 'setCompanyRateLimit',
        tags: ['admin'],
        summary: 'Set a company’s request rate per API key or account; `{}` returns it to the server default (platform admin)',
        params: Type.Object({ id: IdParam }),
        body: RateLimitSchema,
        response: { 200: RateLimitAnswerSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const answer = await setCompanyRateLimit(db, request.params.id, request.body, limiter.defaultRate);
      limiter.companyChanged(request.params.id);
      return answer;
    },
  );
};
