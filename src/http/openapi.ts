/**
 * The API description: @fastify/swagger generates it from the route schemas (every route declares
 * its `operationId`), and `completeForGenerators` finishes what client generators need and the
 * schemas cannot say:
 * - a query parameter with a default is optional for the caller, whatever the handler's type says
 *   (Ajv fills the default in, so handlers see it as required);
 * - each error status carries its own example and description, not the first code of the envelope
 *   everywhere;
 * - `servers`: `/openapi.json` names the server that answered (scheme and host of the request, as
 *   trusted-proxy rules resolve them); the copy behind `/docs` names it relatively (`/`).
 * Shared schemas keep their `$id` as component name (`ErrorEnvelope`), which generators turn into
 * type names.
 */
import { readFileSync } from 'node:fs';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ERROR_STATUS, type ErrorCode } from '../errors.js';

/** The parts of an OpenAPI 3.0 document this module completes. */
interface Parameter {
  in: string;
  required?: boolean;
  schema?: { default?: unknown };
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  responses?: Record<string, { description?: string; content?: Record<string, { example?: unknown }> }>;
}
interface Document {
  paths?: Record<string, Partial<Record<string, Operation>>>;
}

/** package.json sits two levels up from both src/http/ and dist/http/. */
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** What an error at each status looks like, with a message the server really sends. */
const ERROR_EXAMPLES: Record<number, { code: ErrorCode; message: string; description: string }> = {
  400: { code: 'BAD_REQUEST', message: 'limit must be an integer from 1 to 100 (got "0")', description: 'A parameter or field is missing or invalid; the message names it and what it accepts.' },
  401: { code: 'UNAUTHORIZED', message: 'Missing or invalid API key', description: 'No credentials, or a key that is unknown or revoked.' },
  403: { code: 'FORBIDDEN', message: 'this key may only act on company 1', description: "The key's role or company does not allow this." },
  404: { code: 'NOT_FOUND', message: 'session s1 does not exist', description: 'What the path or company_id names does not exist (for this company).' },
  408: { code: 'REQUEST_TIMEOUT', message: 'the request was not received in time', description: 'The client sent the request too slowly.' },
  409: {
    code: 'CONFLICT',
    message: 'messageId m1 already exists: message ids are unique per company, across sessions',
    description: 'The request clashes with what is stored.',
  },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'the file is larger than the upload limit of 500 MB (CHATLENS_UPLOAD_MAX_BYTES)', description: 'The body is larger than the server accepts.' },
  414: { code: 'URI_TOO_LONG', message: 'a path parameter is longer than 256 characters', description: 'A path parameter is longer than the server accepts.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send the file as multipart/form-data in a field named "file"', description: 'The body or file is in a format the server does not read.' },
  422: { code: 'UNPROCESSABLE', message: 'the request cannot be processed as sent', description: 'Well-formed, but not processable.' },
  429: { code: 'TOO_MANY_REQUESTS', message: 'too many failed sign-ins; try again in 15 minutes', description: 'Too many attempts; wait before trying again.' },
  431: { code: 'HEADERS_TOO_LARGE', message: 'request headers are too large', description: 'The request headers are larger than the server accepts.' },
  500: { code: 'INTERNAL', message: 'Internal server error', description: 'A fault on the server; its logs have the details under the request id.' },
  503: { code: 'UNAVAILABLE', message: 'The database is not answering; try again in a few seconds', description: 'The database is unreachable or timed out: retry (see Retry-After).' },
  507: { code: 'STORAGE_FULL', message: 'Storage is full: the server cannot save anything until disk space is freed', description: 'The server has no disk space left.' },
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Makes the generated document usable by client generators (see the module comment). */
export function completeForGenerators<D extends Document>(doc: D): D {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      for (const p of op.parameters ?? []) {
        if (p.in !== 'path' && p.schema?.default !== undefined) p.required = false;
      }
      for (const [status, res] of Object.entries(op.responses ?? {})) {
        const example = ERROR_EXAMPLES[Number(status)];
        const media = res.content?.['application/json'];
        if (!example || !media) continue;
        res.description = example.description;
        media.example = { error: { code: example.code, message: example.message, requestId: '5f1c2a9e-8d4b-4c3a-9e7f-2b6d1a0c3e48' } };
      }
    }
  }
  return doc;
}

/** Registers the generator, the reference at /docs and /openapi.json on the root instance. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // A documented route without an operationId would get a generated name in every client: refuse to start instead.
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { hide?: boolean; operationId?: string } | undefined;
    if (schema && !schema.hide && !schema.operationId) throw new Error(`${route.method} ${route.url} has no schema.operationId; every documented route needs one`);
  });
  for (const status of Object.values(ERROR_STATUS)) if (!ERROR_EXAMPLES[status]) throw new Error(`no OpenAPI example for error status ${status}`);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Chatlens API',
        version: VERSION,
        description:
          'Usage reporting (Paradigm-compatible `/api/v2/reporting/*`), live session monitoring, trends, ingestion and transcripts. Authenticate with `Authorization: Bearer <api key>`. Every error, at every status, is `{ "error": { "code", "message", "requestId" } }`.',
      },
      servers: [{ url: '/', description: 'This server' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    transformObject: (documents) => ('openapiObject' in documents ? completeForGenerators(documents.openapiObject as Document) : documents.swaggerObject) as never,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // The reference runs only its own files; it cannot be framed (clickjacking) and sends
    // requests only to this server. Swagger UI sets inline styles, hence 'unsafe-inline' for styles.
    staticCSP: {
      'default-src': "'self'",
      'base-uri': "'self'",
      'connect-src': "'self'",
      'font-src': "'self' data:",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
      'img-src': "'self' data:",
      'object-src': "'none'",
      'script-src': "'self'",
      'script-src-attr': "'none'",
      'style-src': "'self' 'unsafe-inline'",
    },
  });
  // For generators pointed at a running server: `servers` is the address this request reached.
  app.get('/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async (request) => ({
    ...app.swagger(),
    servers: [{ url: `${request.protocol}://${request.host}`, description: 'The server that served this document' }],
  }));
}
