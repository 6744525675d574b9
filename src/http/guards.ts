/**
 * Refusals that happen before a route runs — Node's HTTP parser, the router, the JSON and
 * multipart parsers — all answered in the error envelope (OpenAI's error shape under `/v1`) with a
 * 4xx that names the problem, never a 500 and never another body shape.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, envelope } from '../errors.js';
import { isOpenAiPath, openAiError, sendError } from './openai-shape.js';

/** Deepest JSON nesting accepted. Chat events nest 4 levels; deeper is an attack on recursion. */
export const MAX_JSON_DEPTH = 64;

/** Longest path parameter; above every schema's own limit (200), so those give the clearer message. */
export const MAX_PARAM_LENGTH = 256;

/**
 * Node's own refusals (headers too large, a request line it cannot parse, a client too slow to
 * send its headers) come here before Fastify sees a request: answer in the envelope and close.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let code: ErrorCode = 'BAD_REQUEST';
  let message = 'the request could not be parsed as HTTP/1.1';
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    code = 'HEADERS_TOO_LARGE';
    message = 'the request headers are larger than the server accepts (16 KB)';
  } else if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    code = 'REQUEST_TIMEOUT';
    message = 'the request was not received in time';
  }
  if (socket.writable) {
    const requestId = randomUUID();
    // Under /v1 an OpenAI client reads OpenAI's error shape, so answer in it when the request
    // line got far enough to name its path.
    const openAi = isOpenAiPath(requestPath(err) ?? '');
    const body = JSON.stringify(openAi ? openAiError(status, message, code.toLowerCase()) : envelope(code, message, requestId));
    const idHeader = openAi ? `x-request-id: ${requestId}\r\n` : '';
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\nx-content-type-options: nosniff\r\n` +
        `${idHeader}content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** The path of the request line Node refused, from the bytes it kept (`rawPacket`), if it got that far. */
function requestPath(err: NodeJS.ErrnoException): string | undefined {
  const raw = (err as { rawPacket?: unknown }).rawPacket;
  if (!Buffer.isBuffer(raw)) return undefined;
  const line = raw.subarray(0, Math.min(raw.length, 2048)).toString('latin1').split('\r\n', 1)[0];
  return /^[A-Z]+ (\S+) HTTP\/1\.[01]$/.exec(line)?.[1];
}

/** The router's refusals: a path that is not valid percent-encoding, a path parameter that is too long. */
export function frameworkErrors(err: { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const [status, code, message]: [number, ErrorCode, string] =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? [414, 'URI_TOO_LONG', `a path segment is longer than ${MAX_PARAM_LENGTH} characters`]
      : [400, 'BAD_REQUEST', 'the URL is not valid: check its percent-encoding'];
  sendError(request, reply.header('x-content-type-options', 'nosniff'), status, envelope(code, message, request.id));
}

/**
 * How deep `text` nests arrays and objects, stopping as soon as it passes `limit`; no recursion.
 * A string is skipped with `indexOf` to its closing quote (one preceded by an even run of
 * backslashes) rather than read a character at a time: strings are most of an ingest body, and the
 * scan was 2.6 % of the no-op ingest's main thread (1,000-event requests).
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = closingQuote(text, i + 1);
      if (i < 0) return false;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

/** The position of the quote closing a string whose text starts at `from`, or -1. */
function closingQuote(text: string, from: number): number {
  for (let q = text.indexOf('"', from); q >= 0; q = text.indexOf('"', q + 1)) {
    let backslashes = 0;
    while (q - backslashes - 1 >= from && text.charCodeAt(q - backslashes - 1) === 92 /* \ */) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
  return -1;
}

// RFC 2046 §5.1.1: a boundary is 1 to 70 characters from this set (space only inside).
const BOUNDARY = /;\s*boundary=(?:"([0-9A-Za-z'()+_,\-./:=? ]{1,70})"|([0-9A-Za-z'()+_,\-./:=?]{1,70}))\s*(?:;|$)/i;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reads its JSON body as sent too (`rawJsonBody`): the proxy forwards it unchanged. */
    keepRawBody?: boolean;
  }
}

const RAW_BODY = Symbol('chatlens.rawBody');

/** The JSON body as the client sent it, on a route with `config.keepRawBody`. */
export function rawJsonBody(request: FastifyRequest): string | undefined {
  return (request as FastifyRequest & { [RAW_BODY]?: string })[RAW_BODY];
}

/** Registers the JSON parser with a depth limit and the multipart boundary check on `app`. */
export function registerBodyGuards(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(new AppError('BAD_REQUEST', `the JSON body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep`), undefined);
      return;
    }
    // Kept only where asked: elsewhere a large body would stay in memory twice.
    if (request.routeOptions.config?.keepRawBody) (request as FastifyRequest & { [RAW_BODY]?: string })[RAW_BODY] = text;
    parseJson(request, text, done);
  });

  // Busboy throws a bare Error (a 500) on a multipart body without a usable boundary.
  app.addHook('preParsing', async (request) => {
    const type = request.headers['content-type'];
    if (typeof type !== 'string' || !/^\s*multipart\//i.test(type)) return;
    if (!BOUNDARY.test(type)) {
      throw new AppError('BAD_REQUEST', 'a multipart body needs a boundary parameter of 1 to 70 characters in its content-type, e.g. multipart/form-data; boundary=x1y2');
    }
  });
}
