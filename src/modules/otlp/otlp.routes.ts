/**
 * `POST /v1/traces`: OTLP/HTTP trace export, binary protobuf or JSON, gzip or not, with the
 * ingest API's bearer key (`OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer <key>`).
 *
 * Answers as the OTLP specification says: 200 with an `ExportTraceServiceResponse` in the
 * request's encoding (`partialSuccess` when spans were rejected or ignored), and every failure
 * (400 undecodable body, 401 bad key, 413 too large, 415 other content types or encodings, 5xx)
 * with a `google.rpc.Status` body: binary for a protobuf request; for any other request the JSON
 * Status (`code`, `message`) that also carries the Chatlens error envelope (`error`), which OTLP
 * clients ignore as an unknown field.
 */
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DatabaseFault } from '../../db/dialect/dialect.js';
import { AppError, type ErrorCode, badRequest, codeForStatus, envelope, storageFull, unavailable } from '../../errors.js';
import { errorResponses } from '../../http/schemas.js';
import { validationMessage } from '../../http/validation.js';
import type { IngestDeps } from '../ingest/ingest.js';
import { ExportTraceResponseSchema, OtlpDecodeError, type OtlpSpan } from './otlp.js';
import { spansFromJson } from './otlp.json.js';
import { decodeTraceRequest, encodeStatus, encodeTraceResponse } from './otlp.protobuf.js';
import { exportTraces, partialSuccess } from './otlp.service.js';

const PROTOBUF = 'application/x-protobuf';

/** gRPC status codes (google.rpc.Code) for the Status body; OTLP clients go by the HTTP status. */
const GRPC_CODE: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 3, // INVALID_ARGUMENT
  UNSUPPORTED_MEDIA_TYPE: 3,
  UNAUTHORIZED: 16, // UNAUTHENTICATED
  FORBIDDEN: 7, // PERMISSION_DENIED
  NOT_FOUND: 5,
  REQUEST_TIMEOUT: 4, // DEADLINE_EXCEEDED
  PAYLOAD_TOO_LARGE: 8, // RESOURCE_EXHAUSTED
  TOO_MANY_REQUESTS: 8,
  STORAGE_FULL: 8,
  INTERNAL: 13,
  UNAVAILABLE: 14,
};

const mediaType = (request: FastifyRequest) => {
  const type = request.headers['content-type'];
  return typeof type === 'string' ? type.split(';')[0].trim().toLowerCase() : '';
};
const isProtobuf = (request: FastifyRequest) => mediaType(request) === PROTOBUF;

/** A decoding failure of the body is the client's (400, never retried), with the decoder's reason. */
function decode(run: () => OtlpSpan[]): OtlpSpan[] {
  try {
    return run();
  } catch (err) {
    if (err instanceof OtlpDecodeError) throw badRequest(err.message);
    throw err;
  }
}

/**
 * A gzip body, inflated as it arrives. Fastify counts the inflated bytes against the body limit
 * (so a gzip bomb stops at 16 MB with 413) and `receivedEncodedLength` against content-length.
 */
function gunzipBody(raw: NodeJS.ReadableStream): PassThrough & { receivedEncodedLength: number } {
  const out = Object.assign(new PassThrough(), { receivedEncodedLength: 0 });
  const gunzip = zlib.createGunzip();
  raw.on('data', (chunk: Buffer) => {
    out.receivedEncodedLength += chunk.length;
  });
  raw.on('error', (err) => out.destroy(err));
  gunzip.on('error', () => {
    raw.unpipe(gunzip);
    out.destroy(badRequest('the body is not valid gzip (Content-Encoding: gzip)'));
  });
  raw.pipe(gunzip).pipe(out);
  return out;
}

/** The error an exception answers as, classified as the app's error handler does (app.ts). */
function answerFor(err: FastifyError | AppError, classify: (err: unknown) => DatabaseFault | null): { error: AppError; fault: DatabaseFault | null } {
  const fault = err instanceof AppError ? null : (err as { code?: unknown }).code === 'ENOSPC' ? 'storage_full' : classify(err);
  if (fault) return { error: fault === 'storage_full' ? storageFull() : unavailable(), fault };
  if (err instanceof AppError) return { error: err, fault };
  if (err.validation) return { error: badRequest(validationMessage(err.validation, err.validationContext ?? 'request')), fault };
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
  // Internal messages (SQL, stack traces, paths) never leave the server.
  return { error: status >= 500 ? new AppError('INTERNAL', 'Internal server error') : new AppError(codeForStatus(status), err.message), fault };
}

export interface OtlpRoutesOptions {
  deps: IngestDeps;
  /** The dialect's classification of database faults (503 / 507), as the app's error handler uses it. */
  classify: (err: unknown) => DatabaseFault | null;
}

export const otlpRoutes: FastifyPluginAsyncTypebox<OtlpRoutesOptions> = async (app, { deps, classify }) => {
  // Encapsulated: this parser and these hooks apply to this route only.
  app.addContentTypeParser(PROTOBUF, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('preParsing', async (request, _reply, payload) => {
    const type = mediaType(request);
    if (type !== PROTOBUF && type !== 'application/json') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `OTLP/HTTP bodies are ${PROTOBUF} or application/json, not ${type || 'untyped'}`);
    }
    const encoding = String(request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding === 'identity' || encoding === '') return payload;
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipBody(payload);
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Content-Encoding ${encoding} is not supported: send gzip or no encoding`);
  });

  // Every refusal of this route (the auth hook, the body parser, the handler) in OTLP's shape: a
  // Status in the request's encoding, as the specification requires; JSON also carries the envelope.
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    const { error, fault } = answerFor(err, classify);
    if (error.status >= 500) request.log.error({ err }, fault ? `database ${fault}` : 'request failed');
    if (fault === 'unavailable') reply.header('retry-after', '2');
    const grpc = GRPC_CODE[error.code] ?? 2; // UNKNOWN
    reply.code(error.status);
    if (isProtobuf(request)) return reply.header('content-type', PROTOBUF).send(encodeStatus(grpc, `${error.message} (request ${request.id})`));
    return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify({ code: grpc, message: error.message, ...envelope(error.code, error.message, request.id) }));
  });

  app.post(
    '/v1/traces',
    {
      config: { auth: 'ingest', tenant: 'company' },
      schema: {
        operationId: 'exportTraces',
        tags: ['ingest'],
        summary: 'Receive OpenTelemetry traces (OTLP/HTTP) and record their GenAI spans as chat sessions',
        description:
          'An OTLP/HTTP trace endpoint: point an OpenTelemetry exporter at `http://<chatlens>/v1/traces` with `Authorization: Bearer <ingest key>`. ' +
          'Accepts `application/x-protobuf` and `application/json`, gzip or not. GenAI spans (current `gen_ai.input.messages` / `gen_ai.output.messages`, ' +
          'the earlier `gen_ai.*.message` / `gen_ai.choice` events, OpenLLMetry `gen_ai.prompt.N.*`) become messages of the session `gen_ai.conversation.id` names ' +
          '(else their trace id), analysed like any turn; other spans are ignored and counted. Answers with an ExportTraceServiceResponse in the request encoding; ' +
          'errors carry a google.rpc.Status (for JSON requests also the error envelope).',
        consumes: [PROTOBUF, 'application/json'],
        response: { 200: ExportTraceResponseSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const protobuf = isProtobuf(request);
      const spans = decode(() => (protobuf ? decodeTraceRequest(request.body as Buffer) : spansFromJson(request.body)));
      const outcome = await exportTraces(deps, request.companyId, spans);
      if (outcome.ignored || outcome.rejected) request.log.debug({ ...outcome }, 'OTLP spans ignored or rejected');
      const partial = partialSuccess(outcome);
      if (protobuf) return reply.header('content-type', PROTOBUF).send(encodeTraceResponse(partial ?? undefined));
      return partial ? { partialSuccess: { rejectedSpans: String(partial.rejectedSpans), errorMessage: partial.errorMessage } } : {};
    },
  );
};
