/**
 * OpenAI's error shape, `{ error: { message, type, param, code } }`, which every answer under
 * `/v1/` but OTLP's paths (the OpenAI-compatible proxy) uses instead of Chatlens's envelope, whoever refuses the
 * request (the router, a body parser, auth, the proxy), so an OpenAI client raises its usual
 * errors. The request id travels in the `x-request-id` header, where OpenAI's clients read it.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorEnvelope } from '../errors.js';
import { Nullable } from './schemas.js';

export const OpenAiErrorSchema = Type.Object({
  error: Type.Object({
    message: Type.String(),
    type: Type.String({ description: 'invalid_request_error, authentication_error, permission_error, not_found_error, rate_limit_error, timeout_error, upstream_error or server_error' }),
    param: Nullable(Type.String()),
    code: Nullable(Type.String()),
  }),
});
export type OpenAiError = Static<typeof OpenAiErrorSchema>;

/** OpenTelemetry's OTLP/HTTP paths share the `/v1` prefix and answer as OTLP says (modules/otlp). */
const OTLP_PATH = /^\/v1\/(?:traces|metrics|logs)(?:[/?#]|$)/;

/** Whether a request path is one of the OpenAI-compatible routes' (`/v1`, `/v1/…`, with any query or fragment; not OTLP's). */
export function isOpenAiPath(url: string): boolean {
  return /^\/v1(?:[/?#]|$)/.test(url) && !OTLP_PATH.test(url);
}

/** OpenAI's error `type` for a status. */
export function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 408 || status === 504) return 'timeout_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 502) return 'upstream_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

export function openAiError(status: number, message: string, code: string | null = null, param: string | null = null): OpenAiError {
  return { error: { message, type: errorType(status), param, code } };
}

/** Sends an envelope, reshaped as OpenAI's error on `/v1` paths. */
export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, body: ErrorEnvelope): FastifyReply {
  if (!isOpenAiPath(request.url)) return reply.code(status).send(body);
  return reply.code(status).header('x-request-id', request.id).send(openAiError(status, body.error.message, body.error.code.toLowerCase()));
}
