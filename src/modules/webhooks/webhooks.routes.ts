/** Webhook settings and deliveries (company admins). */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParam, errorResponses } from '../../http/schemas.js';
import {
  CreateWebhookBodySchema,
  DeliveryPageSchema,
  DeliverySchema,
  UpdateWebhookBodySchema,
  WebhookCreatedSchema,
  WebhookSchema,
} from './webhooks.js';
import * as service from './webhooks.service.js';

const config = { auth: 'admin', tenant: 'company' } as const;
const tags = ['webhooks'];
const params = Type.Object({ id: IdParam });

export const webhooksRoutes: FastifyPluginAsyncTypebox<{ deps: service.WebhookServiceDeps }> = async (app, { deps }) => {
  app.get(
    '/api/webhooks',
    { config, schema: { operationId: 'listWebhooks', tags, summary: 'The company’s webhooks (never their secrets)', response: { 200: Type.Object({ webhooks: Type.Array(WebhookSchema) }), ...errorResponses(400, 401, 403, 404) } } },
    async (request) => ({ webhooks: await service.listWebhooks(deps, request.companyId) }),
  );

  app.post(
    '/api/webhooks',
    {
      config,
      schema: {
        operationId: 'createWebhook',
        tags,
        summary: 'Add a webhook; the answer holds its signing secret, shown this once',
        description: 'Events: a live session ended for a violation, a live turn with a finding at or above a severity, a category’s daily rate reaching a threshold. Deliveries are signed (docs/webhooks.md) and retried for 24 h.',
        body: CreateWebhookBodySchema,
        response: { 201: WebhookCreatedSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await service.createWebhook(deps, request.companyId, request.body);
      reply.code(201);
      return created;
    },
  );

  app.get(
    '/api/webhooks/:id',
    { config, schema: { operationId: 'getWebhook', tags, summary: 'One webhook', params, response: { 200: WebhookSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => service.getWebhook(deps, request.companyId, request.params.id),
  );

  app.patch(
    '/api/webhooks/:id',
    {
      config,
      schema: { operationId: 'updateWebhook', tags, summary: 'Change a webhook’s URL, format, events or state', params, body: UpdateWebhookBodySchema, response: { 200: WebhookSchema, ...errorResponses(400, 401, 403, 404) } },
    },
    async (request) => service.updateWebhook(deps, request.companyId, request.params.id, request.body),
  );

  app.delete(
    '/api/webhooks/:id',
    { config, schema: { operationId: 'deleteWebhook', tags, summary: 'Delete a webhook with its deliveries', params, response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) } } },
    async (request, reply) => {
      await service.deleteWebhook(deps, request.companyId, request.params.id);
      reply.code(204);
      return null;
    },
  );

  app.post(
    '/api/webhooks/:id/rotate-secret',
    { config, schema: { operationId: 'rotateWebhookSecret', tags, summary: 'Replace the signing secret; the answer holds the new one, shown this once', params, response: { 200: WebhookCreatedSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (request) => service.rotateSecret(deps, request.companyId, request.params.id),
  );

  app.post(
    '/api/webhooks/:id/test',
    {
      config,
      schema: { operationId: 'testWebhook', tags, summary: 'Send a sample event now (delivered, signed and retried like any other)', params, response: { 202: DeliverySchema, ...errorResponses(400, 401, 403, 404, 409) } },
    },
    async (request, reply) => {
      const delivery = await service.sendTestEvent(deps, request.companyId, request.params.id);
      reply.code(202);
      return delivery;
    },
  );

  app.get(
    '/api/webhooks/:id/deliveries',
    {
      config,
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        summary: 'A webhook’s deliveries, newest first, with every attempt and the receiver’s answers',
        params,
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          cursor: Type.Optional(Type.String({ maxLength: 20, description: 'The nextCursor of the previous page.' })),
        }),
        response: { 200: DeliveryPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.listDeliveries(deps, request.companyId, request.params.id, request.query),
  );
};
