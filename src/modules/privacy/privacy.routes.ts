/** Erasure, retention and the audit log (company admins). */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SessionIdParam, errorResponses } from '../../http/schemas.js';
import { AuditPageSchema, ErasureSchema, RetentionBodySchema, RetentionSchema } from './privacy.js';
import * as service from './privacy.service.js';

const config = { auth: 'admin', tenant: 'company' } as const;
const tags = ['privacy'];

export const privacyRoutes: FastifyPluginAsyncTypebox<{ deps: service.PrivacyDeps; kickRetention: () => void }> = async (app, { deps, kickRetention }) => {
  app.delete(
    '/api/users/:userId',
    {
      config,
      schema: {
        operationId: 'eraseEndUser',
        tags,
        summary: 'Erase one end user: their sessions, messages, findings, feedback and connections; reports and trends are adjusted; the erasure is audited',
        params: Type.Object({ userId: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000]+$', description: 'The end user id the chat product sent.' }) }),
        response: { 200: ErasureSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.eraseUser(deps, request.companyId, request.params.userId, request.principal ?? undefined),
  );

  app.delete(
    '/api/sessions/:id',
    {
      config,
      schema: {
        operationId: 'eraseSession',
        tags,
        summary: 'Erase one session with its messages, findings and feedback; reports and trends are adjusted; the erasure is audited',
        params: Type.Object({ id: SessionIdParam }),
        response: { 200: ErasureSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.eraseSession(deps, request.companyId, request.params.id, request.principal ?? undefined),
  );

  app.get(
    '/api/retention',
    { config, schema: { operationId: 'getRetention', tags, summary: 'How long raw traffic is kept', response: { 200: RetentionSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => service.getRetention(deps, request.companyId),
  );

  app.put(
    '/api/retention',
    {
      config,
      schema: {
        operationId: 'setRetention',
        tags,
        summary: 'Set how many days raw traffic is kept (null: forever); a background job deletes older sessions in bounded steps, keeping the daily rollups',
        body: RetentionBodySchema,
        response: { 200: RetentionSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const r = await service.setRetention(deps, request.companyId, request.body.days, request.principal ?? undefined);
      kickRetention();
      return r;
    },
  );

  app.get(
    '/api/audit-log',
    {
      config,
      schema: {
        operationId: 'listAuditLog',
        tags,
        summary: 'Erasures, retention changes and retention purges: who, when, what, how many rows; newest first',
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          cursor: Type.Optional(Type.String({ maxLength: 20, description: 'The nextCursor of the previous page.' })),
        }),
        response: { 200: AuditPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.auditLog(deps, request.companyId, request.query),
  );
};
