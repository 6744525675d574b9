/** Accounts and API keys (company admins), and dashboard sign-in. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { IdParam, errorResponses } from '../../http/schemas.js';
import { getCompany } from '../companies/companies.service.js';
import { AccountSchema, ApiKeyCreatedSchema, ApiKeyInfoSchema, CreateAccountBodySchema, CreateApiKeyBodySchema, MeSchema, NO_NUL, UpdateAccountBodySchema } from './auth.js';
import { CSRF_HEADER, SESSION_COOKIE, principalOf } from './auth.plugin.js';
import * as auth from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';

/**
 * The session cookie's attributes. `auto`: Secure unless the request came over plain HTTP from a
 * loopback address; `request.protocol` and `request.ip` honour X-Forwarded-Proto / -For only
 * from the configured trusted proxies, so a client cannot talk the server out of Secure.
 */
export function cookieOptions(setting: boolean | 'auto', request: FastifyRequest) {
  const secure = setting === 'auto' ? !(request.protocol === 'http' && isLoopback(request.ip)) : setting;
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure };
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

export const authRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; cookieSecure: boolean | 'auto' }> = async (app, { db, cookieSecure }) => {
  const throttle = new LoginThrottle();
  app.get(
    '/api/keys',
    {
      config: { auth: 'admin', tenant: 'company' },
      schema: {
        operationId: 'listApiKeys',
        tags: ['admin'],
        summary: 'List the company’s API keys (never the keys themselves)',
        response: { 200: Type.Object({ keys: Type.Array(ApiKeyInfoSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ keys: await auth.listApiKeys(db, request.companyId) }),
  );

  app.post(
    '/api/keys',
    {
      config: { auth: 'admin', tenant: 'company' },
      schema: {
        operationId: 'createApiKey',
        tags: ['admin'],
        summary: 'Create an API key; the answer is the only time the key is shown',
        body: CreateApiKeyBodySchema,
        response: { 201: ApiKeyCreatedSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return auth.createApiKey(db, { companyId: request.companyId, role: request.body.role, name: request.body.name ?? null });
    },
  );

  app.delete(
    '/api/keys/:id',
    {
      config: { auth: 'admin', tenant: 'company' },
      schema: {
        operationId: 'revokeApiKey',
        tags: ['admin'],
        summary: 'Revoke an API key',
        params: Type.Object({ id: IdParam }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await auth.revokeApiKey(db, request.companyId, request.params.id);
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/api/accounts',
    {
      config: { auth: 'admin', tenant: 'company' },
      schema: {
        operationId: 'listAccounts',
        tags: ['admin'],
        summary: 'List the people who can sign in to this company’s dashboard',
        response: { 200: Type.Object({ accounts: Type.Array(AccountSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ accounts: await auth.listAccounts(db, request.companyId) }),
  );

  app.post(
    '/api/accounts',
    {
      config: { auth: 'admin', tenant: 'company' },
      schema: {
        operationId: 'createAccount',
        tags: ['admin'],
        summary: 'Add a member (admin or analyst)',
        body: CreateAccountBodySchema,
        response: { 201: AccountSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return auth.createAccount(db, { companyId: request.companyId, ...request.body });
    },
  );

  app.patch(
    '/api/accounts/:id',
    {
      config: { auth: 'admin', tenant: 'company' },
      schema: {
        operationId: 'updateAccount',
        tags: ['admin'],
        summary: 'Change a member’s role, or deactivate / reactivate them',
        params: Type.Object({ id: IdParam }),
        body: UpdateAccountBodySchema,
        response: { 200: AccountSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => auth.updateAccount(db, request.companyId, request.params.id, request.body),
  );

  app.post(
    '/api/auth/login',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'signIn',
        tags: ['auth'],
        summary: 'Sign in to the dashboard (sets an httpOnly session cookie)',
        body: Type.Object({
          email: Type.String({ minLength: 1, maxLength: 320, pattern: NO_NUL }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
          companyId: Type.Optional(Type.Integer({ minimum: 1, description: 'Only needed when one email and password open accounts in several companies; by default the oldest account is used.' })),
        }),
        response: { 200: MeSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      // Counted before the password is checked: parallel guesses cannot all get through.
      const attempt = throttle.begin(email, request.ip);
      let s: Awaited<ReturnType<typeof auth.signIn>>;
      try {
        s = await auth.signIn(db, email, password, request.body.companyId);
      } catch (err) {
        if (err instanceof AppError && err.code === 'UNAUTHORIZED') attempt.failed();
        else attempt.cancelled();
        throw err;
      }
      attempt.succeeded();
      reply.setCookie(SESSION_COOKIE, s.token, { ...cookieOptions(cookieSecure, request), expires: new Date(s.expiresAt) });
      const company = await getCompany(db, s.account.companyId);
      return { kind: 'account' as const, role: s.account.role, companyId: s.account.companyId, companyName: company.name, email: s.account.email, csrfToken: s.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'signOut',
        tags: ['auth'],
        summary: 'Sign out of the dashboard',
        description: `With a live session cookie, the session's CSRF token must come in \`${CSRF_HEADER}\` (another site must not sign people out).`,
        response: { 204: Type.Null(), ...errorResponses(400, 403) },
      },
    },
    async (request, reply) => {
      const token = request.cookies?.[SESSION_COOKIE];
      const csrf = request.headers[CSRF_HEADER];
      if (token) await auth.signOut(db, token, typeof csrf === 'string' ? csrf : undefined);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(cookieSecure, request));
      reply.code(204);
      return null;
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { auth: 'read' },
      schema: { operationId: 'getMe', tags: ['auth'], summary: 'Who the current credentials belong to', response: { 200: MeSchema, ...errorResponses(401, 403) } },
    },
    async (request) => {
      const p = principalOf(request);
      const company = p.companyId === null ? null : await getCompany(db, p.companyId);
      return {
        kind: p.kind,
        role: p.role,
        companyId: p.companyId,
        companyName: company?.name ?? null,
        email: (p as { email?: string }).email ?? null,
        csrfToken: p.csrfToken ?? null,
      };
    },
  );
};
