/**
 * The OpenAI-compatible proxy (`/v1/chat/completions`, `/v1/models`) and its settings
 * (`/api/proxy/settings`). The `/v1` routes live in their own context, whose error handler and
 * not-found handler answer in OpenAI's error shape, so an OpenAI client raises its usual errors.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, codeForStatus, envelope } from '../../errors.js';
import { rawJsonBody } from '../../http/guards.js';
import { isOpenAiPath, sendError } from '../../http/openai-shape.js';
import { errorResponses } from '../../http/schemas.js';
import { ProxyError, UpstreamError, openAiError } from './proxy.errors.js';
import { ProxySettingsBodySchema, ProxySettingsSchema } from './proxy.js';
import { type EventSink, type ProxyDeps, chatCompletion, listModels } from './proxy.service.js';
import { getProxySettings, resetProxySettings, setProxySettings } from './proxy.settings.js';

/** OpenAI's `code` for Chatlens's own refusals. */
const OPENAI_CODES: Partial<Record<ErrorCode, string>> = {
  UNAUTHORIZED: 'invalid_api_key',
  FORBIDDEN: 'insufficient_permissions',
  PAYLOAD_TOO_LARGE: 'request_too_large',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported_media_type',
  UNAVAILABLE: 'service_unavailable',
};

export interface ProxyRouteOptions {
  deps: ProxyDeps;
  /** The app's classification of database faults (503 to retry, 507 storage full). */
  classify(err: unknown): 'unavailable' | 'storage_full' | null;
}

const AnyObject = Type.Object({}, { additionalProperties: true });

function sendOpenAiError(request: FastifyRequest, reply: FastifyReply, status: number, body: ReturnType<typeof openAiError>) {
  return reply.code(status).header('x-request-id', request.id).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

export const openAiRoutes: FastifyPluginAsyncTypebox<ProxyRouteOptions> = async (app, { deps, classify }) => {
  app.setErrorHandler((err: FastifyError | AppError | ProxyError | UpstreamError, request, reply) => {
    if (!isOpenAiPath(request.url)) {
      // Another method on OTLP's path reached this context's catch-all: the envelope, as elsewhere.
      const status = err instanceof AppError ? err.status : typeof (err as FastifyError).statusCode === 'number' && (err as FastifyError).statusCode! >= 400 ? (err as FastifyError).statusCode! : 500;
      const code = err instanceof AppError ? err.code : codeForStatus(status);
      if (status >= 500) request.log.error({ err }, 'request failed');
      return reply.code(status).send(envelope(code, status >= 500 ? 'Internal server error' : err.message, request.id));
    }
    if (err instanceof UpstreamError) return sendOpenAiError(request, reply, err.status, err.body);
    if (err instanceof ProxyError) {
      if (err.status >= 500) request.log.warn({ status: err.status, code: err.code }, err.message);
      return sendOpenAiError(request, reply, err.status, err.body());
    }
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err }, 'request failed');
      const message = err.status >= 500 && err.code === 'INTERNAL' ? 'Internal server error' : err.message;
      return sendOpenAiError(request, reply, err.status, openAiError(err.status, message, OPENAI_CODES[err.code] ?? err.code.toLowerCase()));
    }
    const fault = (err as { code?: unknown }).code === 'ENOSPC' ? 'storage_full' : classify(err);
    if (fault) {
      request.log.error({ err }, fault === 'storage_full' ? 'storage is full' : 'database unavailable');
      if (fault === 'unavailable') reply.header('retry-after', '2');
      return fault === 'unavailable'
        ? sendOpenAiError(request, reply, 503, openAiError(503, 'The database is not answering; try again in a few seconds', 'service_unavailable'))
        : sendOpenAiError(request, reply, 507, openAiError(507, 'Storage is full', 'storage_full'));
    }
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      return sendOpenAiError(request, reply, status, openAiError(status, 'Internal server error'));
    }
    return sendOpenAiError(request, reply, status, openAiError(status, err.message, err.validation ? 'invalid_value' : null));
  });
  // Any other /v1 path (the dashboard's catch-all would answer it otherwise).
  const unknownUrl = (request: FastifyRequest, reply: FastifyReply) => {
    const what = `${request.method} ${request.url.split('?')[0]}`;
    // Another method on OTLP's path (GET /v1/traces) is OTLP's, answered in the envelope.
    if (!isOpenAiPath(request.url)) return sendError(request, reply, 404, envelope('NOT_FOUND', `no route ${what}`, request.id));
    return sendOpenAiError(request, reply, 404, openAiError(404, `Chatlens serves POST /v1/chat/completions and GET /v1/models, not ${what}`, 'unknown_url'));
  };
  app.all('/', { config: { auth: 'public' }, schema: { hide: true } }, unknownUrl);
  app.all('/*', { config: { auth: 'public' }, schema: { hide: true } }, unknownUrl);

  app.post(
    '/chat/completions',
    {
      config: { auth: 'ingest', tenant: 'company', keepRawBody: true },
      schema: {
        operationId: 'proxyChatCompletion',
        tags: ['proxy'],
        summary: 'OpenAI-compatible Chat Completions, recorded and guarded by Chatlens',
        description:
          "Point an OpenAI client at `http://<chatlens>/v1` with a Chatlens ingest or admin key. The request goes to the company's upstream; its new messages and the answer are recorded as a session (source `proxy`) and analysed under the company's policy. A violating user turn never reaches the upstream, and a violating answer is replaced by the handoff (`finish_reason: content_filter`, header `X-Chatlens-Session-Ended`). `X-Chatlens-Session-Id` names the session; without it the conversation is recognised by its opening. Errors use OpenAI's shape `{ error: { message, type, param, code } }`, with the upstream's status for upstream errors (504 when it does not answer in time, 502 when it cannot be reached).",
        body: AnyObject,
        response: { 200: AnyObject },
      },
    },
    async (request, reply) => {
      const answer = await chatCompletion(deps, request.companyId, request.body, request.headers, rawJsonBody(request) ?? null);
      if (answer.kind === 'json') {
        return reply
          .code(200)
          .headers(answer.headers)
          .type('application/json')
          .send(answer.text ?? JSON.stringify(answer.body));
      }
      // A stream is written to the connection as it comes; Fastify steps aside.
      reply.hijack();
      const res = reply.raw;
      let closed = false;
      res.on('close', () => {
        closed = true;
      });
      let queued = '';
      const sink: EventSink = {
        open(headers) {
          res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'x-request-id': request.id, ...headers });
        },
        send(data) {
          queued += `data: ${data}\n\n`;
        },
        flush() {
          if (queued && !closed) res.write(queued);
          queued = '';
        },
        end() {
          // Always ended, even once the client has gone, so the connection never lingers.
          if (!res.writableEnded) res.end(closed ? undefined : queued);
          queued = '';
        },
        get closed() {
          return closed;
        },
        onClose(listener) {
          res.on('close', () => {
            if (!res.writableEnded) listener();
          });
        },
      };
      try {
        await answer.run(sink);
      } catch (err) {
        request.log.error({ err }, 'the stream failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        if (!closed) res.end(res.headersSent ? undefined : JSON.stringify(openAiError(500, 'Internal server error')));
      }
    },
  );

  app.get(
    '/models',
    {
      config: { auth: 'ingest', tenant: 'company' },
      schema: {
        operationId: 'proxyListModels',
        tags: ['proxy'],
        summary: "The upstream's models (OpenAI's list shape), narrowed to the company's allow-list when it has one",
        response: { 200: AnyObject },
      },
    },
    async (request, reply) => reply.type('application/json').send(JSON.stringify(await listModels(deps, request.companyId))),
  );
};

export const proxySettingsRoutes: FastifyPluginAsyncTypebox<{ deps: ProxyDeps }> = async (app, { deps }) => {
  const { db } = deps.ingest;
  app.get(
    '/api/proxy/settings',
    {
      config: { auth: 'admin', tenant: 'company' },
      schema: {
        operationId: 'getProxySettings',
        tags: ['proxy'],
        summary: "The company's upstream for the OpenAI-compatible proxy (never its key) and its guardrail mode",
        response: { 200: ProxySettingsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getProxySettings(db, deps.config, request.companyId),
  );
  app.put(
    '/api/proxy/settings',
    {
      config: { auth: 'admin', tenant: 'company' },
      schema: {
        operationId: 'setProxySettings',
        tags: ['proxy'],
        summary: "Set the company's upstream (base URL, model allow-list, key) and guardrail mode",
        description: 'The key is stored sealed (AES-256-GCM under the server secret) and never returned: answers say only `apiKeySet`. Leave `apiKey` out to keep the stored key; send null to remove it.',
        body: ProxySettingsBodySchema,
        response: { 200: ProxySettingsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const answer = await setProxySettings(db, deps.config, request.companyId, request.body);
      deps.companies.forget(request.companyId);
      return answer;
    },
  );
  app.delete(
    '/api/proxy/settings',
    {
      config: { auth: 'admin', tenant: 'company' },
      schema: {
        operationId: 'resetProxySettings',
        tags: ['proxy'],
        summary: "Back to the server's default upstream, any model, block mode; the stored key is deleted",
        response: { 200: ProxySettingsSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const answer = await resetProxySettings(db, deps.config, request.companyId);
      deps.companies.forget(request.companyId);
      return answer;
    },
  );
};
