import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { PRESETS } from '../../analysis/policy.js';
import { ALL_SUBTYPES, SEVERITIES } from '../../analysis/types.js';
import type { DB } from '../../db/database.js';
import { CompanyIdQuery, Nullable, StringEnum, errorResponses } from '../../http/schemas.js';
import { companyFor } from '../auth/auth.plugin.js';
import { getCompany, setCompanyPolicy } from './companies.service.js';

const lit = StringEnum;

const Override = Type.Object({
  disabled: Type.Optional(Type.Boolean()),
  minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  severity: Type.Optional(lit(SEVERITIES)),
});

const Policy = Type.Object({
  preset: lit(PRESETS),
  endSessionAt: Nullable(lit(SEVERITIES)),
  overrides: Type.Object(Object.fromEntries(ALL_SUBTYPES.map((s) => [s, Type.Optional(Override)])), { additionalProperties: false }),
  allowList: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000 }),
  denyList: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000 }),
});

export const policyRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/api/policy',
    {
      config: { auth: 'read' },
      schema: {
        tags: ['admin'],
        summary: 'The company’s analysis policy: preset, per-subtype overrides, allow and deny lists, and the severity that ends a live session',
        querystring: Type.Object({ company_id: CompanyIdQuery }),
        response: { 200: Policy, ...errorResponses(400, 401, 403, 404) },
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
        body: Policy,
        response: { 200: Policy, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => (await setCompanyPolicy(db, await companyFor(db, request, request.query.company_id), request.body)).policy,
  );
};
