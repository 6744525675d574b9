/**
 * `POST /api/uploads`, `GET /api/uploads/:id`, `GET /api/uploads`, `GET /api/uploads/refusals`. The job runner that processes
 * uploads is built by the app (see app.ts) and handed in; a new upload kicks it.
 */
import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../db/database.js';
import { AppError, badRequest } from '../../errors.js';
import { IdParam, errorResponses } from '../../http/schemas.js';
import { FORMAT_OPTIONS, type FormatOption } from '../../transcripts/formats.js';
import type { JobRunner } from './uploads.runner.js';
import { REFUSALS_KEPT, getUpload, listUploadRefusals, listUploads, receiveUpload, sweepPartialFiles } from './uploads.service.js';
import { FormatParam, ReceivedSchema, UploadRefusalSchema, UploadSchema } from './uploads.js';

export interface UploadsRoutesOptions {
  db: Kysely<DB>;
  config: Readonly<Pick<Config, 'uploadDir' | 'uploadMaxBytes' | 'uploadLimits' | 'http'>>;
  runner: JobRunner;
  /** Start processing right after an upload is received (default true). */
  processOnUpload?: boolean;
}

const UploadQuery = Type.Object({
  format: Type.Optional(FormatParam),
  force: Type.Optional(Type.Boolean({ description: 'Process the file again even if the same content was uploaded before.' })),
});

function boolField(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw badRequest(`${name} must be true or false`);
}

function formatField(value: string | undefined): FormatOption | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(FORMAT_OPTIONS as readonly string[]).includes(value)) throw badRequest(`format must be one of ${FORMAT_OPTIONS.join(', ')}`);
  return value as FormatOption;
}

/** Encapsulated: the multipart parser and the Upload schema stay inside this plugin. */
export const uploadsRoutes: FastifyPluginAsyncTypebox<UploadsRoutesOptions> = async (app, opts) => {
  const { db, config, runner } = opts;

  await app.register(multipart, {
    // Uploads are bounded by CHATLENS_UPLOAD_MAX_BYTES (500 MB by default), not the JSON body limit.
    limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
    throwFileSizeLimit: false,
  });
  app.addSchema(UploadSchema);
  app.addSchema(UploadRefusalSchema);

  // A request removes its partial file on abort, error or time-out; a killed process cannot. Past
  // the request time-out no request can still be writing a `.part`, so older ones are swept.
  const sweep = () =>
    sweepPartialFiles(config.uploadDir, config.http.requestTimeoutMs).then(
      (n) => n && app.log.info({ removed: n }, 'removed partial uploads left by an earlier process'),
      (err) => app.log.warn({ err }, 'could not sweep partial uploads'),
    );
  let sweeper: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    await sweep();
    sweeper = setInterval(sweep, Math.max(60_000, config.http.requestTimeoutMs));
    sweeper.unref();
  });
  app.addHook('onClose', async () => {
    if (sweeper) clearInterval(sweeper);
  });

  app.post(
    '/api/uploads',
    {
      config: { auth: 'ingest', tenant: 'company' },
      schema: {
        operationId: 'createUpload',
        tags: ['uploads'],
        summary: 'Upload a transcript file for processing',
        description:
          'Multipart form with the file in field `file` (gzip accepted). Optional `format` and `force` as fields or query parameters. Answers at once (202) with the queued upload; poll `GET /api/uploads/{id}`. The same content uploaded again answers 200 with the earlier upload and `duplicate: true`, unless `force=true`.',
        consumes: ['multipart/form-data'],
        querystring: UploadQuery,
        response: { 200: ReceivedSchema(true), 202: ReceivedSchema(false), ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the file as multipart/form-data in a field named "file"');
      }
      const fields: Record<string, string> = {};
      let received: Awaited<ReturnType<typeof receiveUpload>> | null = null;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (typeof part.value === 'string') fields[part.fieldname] = part.value;
            continue;
          }
          if (received || part.fieldname !== 'file') {
            part.file.resume();
            continue;
          }
          received = await receiveUpload(db, config, {
            companyId: request.companyId,
            filename: part.filename,
            stream: part.file as Readable,
            // Fields sent before the file count; query parameters work in any order.
            format: formatField(fields.format) ?? request.query.format ?? 'auto',
            force: boolField(fields.force, 'force') ?? request.query.force ?? false,
            truncated: () => part.file.truncated,
          });
        }
      } catch (err) {
        // Refused before the body was all read (too large, a gzip bomb, a bad field): the rest of
        // it is never read, so the connection closes after the answer instead of waiting on it.
        if (!request.raw.complete) reply.header('connection', 'close');
        throw err;
      }
      if (!received) throw badRequest('no file: send it in a multipart field named "file"');
      if (!received.duplicate && opts.processOnUpload !== false) runner.kick();
      return reply.code(received.duplicate ? 200 : 202).send(received);
    },
  );

  app.get(
    '/api/uploads/:id',
    {
      // Every role follows uploads (docs/uploads.md): the sending key polls its file, analysts see
      // which history was loaded and which files failed. Sending one needs `ingest`.
      config: { auth: 'any', tenant: 'company' },
      schema: {
        operationId: 'getUpload',
        tags: ['uploads'],
        summary: 'Status and progress of an upload',
        params: Type.Object({ id: IdParam }),
        response: { 200: Type.Ref('Upload'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getUpload(db, request.companyId, request.params.id),
  );

  app.get(
    '/api/uploads',
    {
      // Every role follows uploads (docs/uploads.md): the sending key polls its file, analysts see
      // which history was loaded and which files failed. Sending one needs `ingest`.
      config: { auth: 'any', tenant: 'company' },
      schema: {
        operationId: 'listUploads',
        tags: ['uploads'],
        summary: "The company's uploads, newest first",
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
        }),
        response: { 200: Type.Object({ uploads: Type.Array(Type.Ref('Upload')) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ uploads: await listUploads(db, request.companyId, request.query.limit) }),
  );

  app.get(
    '/api/uploads/refusals',
    {
      // Like the list: any member sees which files were refused, and why.
      config: { auth: 'any', tenant: 'company' },
      schema: {
        operationId: 'listUploadRefusals',
        tags: ['uploads'],
        summary: 'Files the server refused when they were sent (empty, too large, unreadable, unrecognised format), newest first',
        description: `Nothing of a refused file is stored or counted; these records keep the reason the uploader was given. The newest ${REFUSALS_KEPT} per company are kept.`,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: REFUSALS_KEPT, default: REFUSALS_KEPT })),
        }),
        response: { 200: Type.Object({ refusals: Type.Array(Type.Ref('UploadRefusal')) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ refusals: await listUploadRefusals(db, request.companyId, request.query.limit) }),
  );
};
