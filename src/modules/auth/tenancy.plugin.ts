/**
 * Tenancy, declared once per route as route config, the way access is (`config.auth`):
 *
 *   config: { auth: 'read', tenant: 'company' }
 *
 * Such a route acts on one company. The hook below documents and validates its `company_id`
 * query parameter (added to the route's schema, so OpenAPI and validation messages come from
 * the same place as every other parameter) and resolves `request.companyId` before the handler
 * runs: a company key acts on its own company (naming another is 403); a platform admin must
 * name one (400 without it, 404 when it does not exist).
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { badRequest, forbidden, notFound, unauthorized } from '../../errors.js';
import { CompanyIdQuery } from '../../http/schemas.js';
import { findCompany } from '../companies/companies.repository.js';

/** `company`: the route acts on one company, resolved into `request.companyId`. */
export type Tenancy = 'company';

declare module 'fastify' {
  interface FastifyContextConfig {
    tenant?: Tenancy;
  }
  interface FastifyRequest {
    /** The company the request acts on; only on routes that declare `config.tenant`. */
    readonly companyId: number;
  }
}

const RESOLVED = Symbol('chatlens.companyId');
type WithTenant = FastifyRequest & { [RESOLVED]?: number };

/** The company a request acts on; see the module comment for the rules. */
async function resolveCompany(db: Kysely<DB>, request: FastifyRequest, requested: number | undefined): Promise<number> {
  const p = request.principal;
  if (!p) throw unauthorized();
  if (p.companyId !== null) {
    if (requested !== undefined && requested !== p.companyId) throw forbidden(`this key may only act on company ${p.companyId}`);
    return p.companyId;
  }
  if (requested === undefined) throw badRequest('company_id is required with a platform admin key');
  if (!(await findCompany(db, requested))) throw notFound(`company ${requested} does not exist`);
  return requested;
}

export const tenancyPlugin = fp(async (app: FastifyInstance, opts: { db: Kysely<DB> }) => {
  app.decorateRequest('companyId', {
    getter(this: WithTenant) {
      const id = this[RESOLVED];
      // A handler reading it on a route without `config.tenant` is a bug, never "company 0".
      if (id === undefined) throw new Error(`route ${this.routeOptions.method} ${this.routeOptions.url} reads request.companyId without config.tenant`);
      return id;
    },
  });

  app.addHook('onRoute', (route) => {
    if (route.config?.tenant !== 'company') return;
    const schema = (route.schema ??= {});
    const query = (schema.querystring ?? { type: 'object', properties: {} }) as { properties?: Record<string, unknown> };
    schema.querystring = { ...query, properties: { ...query.properties, company_id: CompanyIdQuery } };
  });

  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.config?.tenant !== 'company') return;
    const requested = (request.query as { company_id?: number } | undefined)?.company_id;
    (request as WithTenant)[RESOLVED] = await resolveCompany(opts.db, request, requested);
  });
});
