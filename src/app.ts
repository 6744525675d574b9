/**
 * Builds the Fastify app: plugins, routes, error handling. Never listens: server.ts does, and
 * tests and the CLI build the app with the same `buildApp` options production uses.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AnalysisEngine } from './analysis/types.js';
import type { Config } from './config.js';
import type { Database } from './db/connect.js';
import { AppError, ErrorEnvelopeSchema, codeForStatus, envelope } from './errors.js';
import { validationMessage } from './http/validation.js';
import { authPlugin } from './modules/auth/auth.plugin.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { policyRoutes } from './modules/companies/policy.routes.js';
import { findingsRoutes } from './modules/findings/findings.routes.js';
import { ingestRoutes } from './modules/ingest/ingest.routes.js';
import type { IngestDeps } from './modules/ingest/ingest.js';
import { reviewQueue } from './modules/ingest/judge-review.js';
import { createJudge } from './analysis/judge.js';
import { sessionsRoutes } from './modules/sessions/sessions.routes.js';
import { trendsRoutes } from './modules/trends/trends.routes.js';
import { uploadsRoutes } from './modules/uploads/uploads.routes.js';
import { type JobRunner, type UploadsOptions, createUploadRunner } from './modules/uploads/uploads.runner.js';
import { webPlugin } from './modules/web/web.plugin.js';
import { reportingRoutes } from './modules/reporting/reporting.routes.js';

export interface AppOptions {
  config: Readonly<Config>;
  database: Database;
  engine: AnalysisEngine;
  logger?: FastifyServerOptions['logger'];
  /** Called after each analysed message is committed (the optional LLM judge hooks in here). */
  onMessageStored?: IngestDeps['onMessageStored'];
  /** Extra route plugins, registered after the built-in ones (every module of src/modules is registered here already). */
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
  /** Upload job processing: polling (off unless asked for), worker threads. */
  uploads?: UploadsOptions;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The upload job runner of this app (tests wait on `uploadJobs.idle()`). */
    uploadJobs: JobRunner;
  }
}

/** Keys, cookies and passwords never reach the logs. */
export const LOG_REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    // Paradigm documents its reporting paths with a trailing slash and sometimes without.
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 16 * 1024 * 1024,
    ajv: { customOptions: { verbose: true, coerceTypes: 'array', removeAdditional: false, allErrors: false } },
    schemaErrorFormatter: (errors, dataVar) => new AppError('BAD_REQUEST', validationMessage(errors, dataVar)),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addSchema(ErrorEnvelopeSchema);

  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err }, 'request failed');
      return reply.code(err.status).send(envelope(err.code, err.message, request.id));
    }
    if (err.validation) {
      return reply.code(400).send(envelope('BAD_REQUEST', validationMessage(err.validation, err.validationContext ?? 'request'), request.id));
    }
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      // Internal messages (SQL, stack traces, paths) never leave the server.
      return reply.code(status).send(envelope('INTERNAL', 'Internal server error', request.id));
    }
    return reply.code(status).send(envelope(codeForStatus(status), err.message, request.id));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(envelope('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`, request.id));
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Chatlens API',
        version: '0.1.0',
        description:
          'Usage reporting (Paradigm-compatible `/api/v2/reporting/*`), live session monitoring, trends, ingestion and transcripts. Authenticate with `Authorization: Bearer <api key>`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(authPlugin, { db: options.database.db });

  app.get('/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/health',
    { config: { auth: 'public' }, schema: { tags: ['meta'], summary: 'Liveness', response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } } },
    async () => ({ status: 'ok' }),
  );

  const db = options.database.db;
  let onMessageStored = options.onMessageStored;
  if (!onMessageStored && options.config.judge) {
    const j = options.config.judge;
    const judge = createJudge({
      baseUrl: j.baseUrl,
      model: j.model,
      apiKey: j.apiKey ?? undefined,
      timeoutMs: j.timeoutMs,
      sampleRate: j.sampleRate,
      log: (level, message, detail) => app.log[level](detail ?? {}, message),
    });
    const queue = reviewQueue(db, judge, app.log);
    onMessageStored = queue.onMessageStored;
    app.decorate('judgeQueue', queue);
    app.addHook('onClose', () => queue.drain());
  }
  const deps: IngestDeps = { db, engine: options.engine, onMessageStored, log: app.log };
  await app.register(ingestRoutes, { deps });
  await app.register(sessionsRoutes, { db });
  await app.register(trendsRoutes, { db });
  await app.register(reportingRoutes, { db });
  await app.register(authRoutes, { db, cookieSecure: options.config.cookieSecure });
  await app.register(policyRoutes, { db });
  await app.register(findingsRoutes, { db });
  await app.register(webPlugin, {});

  // The upload job runner: one per app, started when the app is ready and stopped when it closes.
  const uploads = options.uploads ?? {};
  const runner = createUploadRunner({ db, dialect: options.database.dialect, ingest: deps, log: app.log }, uploads);
  app.decorate('uploadJobs', runner);
  app.addHook('onReady', async () => {
    if (uploads.poll) runner.start();
    // Without polling, still pick up jobs left queued or abandoned by an earlier run of this server.
    else if (uploads.processOnUpload !== false) await runner.resumeAbandoned().catch((err) => app.log.error({ err }, 'could not look for abandoned uploads'));
  });
  app.addHook('onClose', () => runner.stop());
  await app.register(uploadsRoutes, { db, config: options.config, runner, processOnUpload: uploads.processOnUpload });
  for (const plugin of options.plugins ?? []) await app.register(plugin);
  return app;
}
