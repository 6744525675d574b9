/**
 * Authentication for every route, driven by the route's `config.auth`. A route without it fails
 * at start-up, so nothing is public by accident.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { AppError, forbidden, unauthorized } from '../../errors.js';
import { type Permission, type Principal, permits } from './auth.js';
import { authenticateApiKey, authenticateWebSession } from './auth.service.js';
import { RateLimited, type RequestLimiter } from './rate-limits.js';
import { equalText } from './secrets.js';

export const SESSION_COOKIE = 'chatlens_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: Permission;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function authenticate(db: Kysely<DB>, request: FastifyRequest): Promise<Principal> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw unauthorized('Authorization header must be "Bearer <api key>"');
    return authenticateApiKey(db, m[1]);
  }
  const token = request.cookies?.[SESSION_COOKIE];
  if (token) {
    const principal = await authenticateWebSession(db, token);
    // Cookies ride along on cross-site requests; a write must prove it came from our page.
    const sent = request.headers[CSRF_HEADER];
    if (!SAFE_METHODS.has(request.method) && !(typeof sent === 'string' && principal.csrfToken && equalText(sent, principal.csrfToken))) {
      throw forbidden(`missing or wrong ${CSRF_HEADER} header`);
    }
    return principal;
  }
  throw unauthorized('Authentication required: send "Authorization: Bearer <api key>"');
}

export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Kysely<DB>; limiter?: RequestLimiter }) => {
  const limiter = opts.limiter;
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const internal = route.url.startsWith('/docs') || route.url === '/openapi.json';
    if (!internal && !route.config?.auth && route.method !== 'HEAD') {
      throw new Error(`route ${route.method} ${route.url} must declare config.auth`);
    }
  });
  app.addHook('onRequest', async (request, reply) => {
    const permission = request.routeOptions.config?.auth;
    if (!permission || permission === 'public') return;
    let principal: Principal;
    try {
      limiter?.beforeAuth(request.ip);
      principal = await authenticate(opts.db, request);
      await limiter?.afterAuth(principal);
    } catch (err) {
      if (err instanceof RateLimited) reply.header('retry-after', String(err.retryAfterSeconds));
      else if (err instanceof AppError && err.code === 'UNAUTHORIZED') limiter?.refused(request.ip);
      throw err;
    }
    if (!permits(principal, permission)) {
      throw forbidden(
        permission === 'platform'
          ? 'this needs a platform admin key'
          : `this needs the ${permission === 'read' ? 'analyst or admin' : permission === 'ingest' ? 'ingest or admin' : 'admin'} role`,
      );
    }
    request.principal = principal;
  });
});

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}
