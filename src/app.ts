/**
 * Builds the Fastify app: plugins, routes, error handling. Never listens: server.ts does, and
 * tests and the CLI build the app with the same `buildApp` options production uses.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifySchema, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { type Kysely, sql } from 'kysely';
import type { AnalysisEngine } from './analysis/types.js';
import type { Config } from './config.js';
import type { Database } from './db/connect.js';
import type { DB } from './db/database.js';
import { AppError, ErrorEnvelopeSchema, codeForStatus, envelope, storageFull, unavailable } from './errors.js';
import { applyHttpLimits, httpServerOptions } from './http/limits.js';
import { MAX_PARAM_LENGTH, clientErrorHandler, frameworkErrors, registerBodyGuards } from './http/guards.js';
import { registerOpenApi } from './http/openapi.js';
import { sendError } from './http/openai-shape.js';
import { hardenAjv, validationMessage } from './http/validation.js';
import { authPlugin } from './modules/auth/auth.plugin.js';
import { RequestLimiter } from './modules/auth/rate-limits.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { tenancyPlugin } from './modules/auth/tenancy.plugin.js';
import { companiesRoutes } from './modules/companies/companies.routes.js';
import { findingsRoutes } from './modules/findings/findings.routes.js';
import { ingestRoutes } from './modules/ingest/ingest.routes.js';
import { otlpRoutes } from './modules/otlp/otlp.routes.js';
import type { IngestDeps } from './modules/ingest/ingest.js';
import { SessionTails } from './modules/ingest/ingest.tails.js';
import { createAnalyzer } from './analysis/pool/analyzer.js';
import { type ReviewAlerts, reviewQueue } from './modules/ingest/judge-review.js';
import { createJudge } from './analysis/judge.js';
import { createCitationVerifier } from './analysis/citations/verify.js';
import { sessionsRoutes } from './modules/sessions/sessions.routes.js';
import { openAiRoutes, proxySettingsRoutes } from './modules/proxy/proxy.routes.js';
import { ProxyCompanies } from './modules/proxy/proxy.companies.js';
import { ProxyWrites } from './modules/proxy/proxy.writes.js';
import { trendsRoutes } from './modules/trends/trends.routes.js';
import { uploadsRoutes } from './modules/uploads/uploads.routes.js';
import { type JobRunner, type UploadsOptions, createUploadRunner } from './modules/uploads/uploads.runner.js';
import { webPlugin } from './modules/web/web.plugin.js';
import { reportingRoutes } from './modules/reporting/reporting.routes.js';
import { enqueueChunkAlerts, enqueueReviewAlerts } from './modules/webhooks/webhooks.events.js';
import { WEBHOOK_QUEUE, webhookQueues } from './modules/webhooks/webhooks.queue.js';
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.js';
import { privacyRoutes } from './modules/privacy/privacy.routes.js';
import { RETENTION_QUEUE, retentionQueue } from './modules/privacy/retention.queue.js';
import { exportRoutes } from './modules/export/export.routes.js';
import { reviewsRoutes } from './modules/reviews/reviews.routes.js';
import { endUsersRoutes } from './modules/end-users/end-users.routes.js';
import { usageRoutes } from './modules/usage/usage.routes.js';

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
  /** The clock of background work (webhook retries, retention); tests move it instead of waiting. */
  clock?: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The upload job runner of this app (tests wait on `uploadJobs.idle()`). */
    uploadJobs: JobRunner;
    /** The proxy's pending writes (an answer is recorded after it went out; tests wait on `proxyWrites.idle()`). */
    proxyWrites: ProxyWrites;
  }
}

/** One line of the route table (`app.routeTable`), for tooling and tests that walk every route. */
export interface RouteEntry {
  method: string;
  url: string;
  schema?: FastifySchema;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: readonly RouteEntry[];
  }
}

/** Keys, cookies and passwords never reach the logs. */
export const LOG_REDACT = ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

/** Under Kubernetes' default probe time-out of 1 s plus a margin; document `timeoutSeconds: 2`. */
const READY_TIMEOUT_MS = 1_500;

/** Throws 503 unless `select 1` answers within `ms` (the query itself is bounded by the pool's time-outs). */
async function databaseAnswers(db: Kysely<DB>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable(`The database did not answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([sql`select 1`.execute(db), late]);
  } catch (err) {
    throw err instanceof AppError ? err : unavailable();
  } finally {
    clearTimeout(timer);
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    // X-Forwarded-For / -Proto count only from these proxies (request.ip, request.protocol).
    trustProxy: options.config.trustedProxies.length > 0 ? [...options.config.trustedProxies] : false,
    // Paradigm documents its reporting paths with a trailing slash and sometimes without.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    bodyLimit: 16 * 1024 * 1024,
    // Header, request and keep-alive time-outs, set where the server is created (src/http/limits.ts).
    ...httpServerOptions(options.config.http),
    ajv: {
      customOptions: { verbose: true, coerceTypes: 'array', removeAdditional: false, allErrors: false, strictNumbers: true },
      // Infinity from `limit=1e309` and leap seconds never pass validation: see hardenAjv.
      onCreate: (ajv) => hardenAjv(ajv as never),
    },
    schemaErrorFormatter: (errors, dataVar) => new AppError('BAD_REQUEST', validationMessage(errors, dataVar)),
    clientErrorHandler,
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, schema: route.schema });
  });

  app.addSchema(ErrorEnvelopeSchema);
  registerBodyGuards(app);
  applyHttpLimits(app, options.config.http);
  // Browsers must not guess a type for an API answer (a JSON error rendered as HTML).
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });

  const dialect = options.database.dialect;
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    // The database's state, not a bug: a lost connection or a time-out is worth retrying (503),
    // a full disk needs an operator (507). Both say so instead of a bare 500.
    const fault = err instanceof AppError ? null : (err as { code?: unknown }).code === 'ENOSPC' ? 'storage_full' : dialect.classifyError(err);
    if (fault) {
      request.log.error({ err }, fault === 'storage_full' ? 'storage is full' : 'database unavailable');
      const answer = fault === 'storage_full' ? storageFull() : unavailable();
      if (fault === 'unavailable') reply.header('retry-after', '2');
      return sendError(request, reply, answer.status, envelope(answer.code, answer.message, request.id));
    }
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err }, 'request failed');
      return sendError(request, reply, err.status, envelope(err.code, err.message, request.id));
    }
    if (err.validation) {
      return sendError(request, reply, 400, envelope('BAD_REQUEST', validationMessage(err.validation, err.validationContext ?? 'request'), request.id));
    }
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      // Internal messages (SQL, stack traces, paths) never leave the server.
      return sendError(request, reply, status, envelope('INTERNAL', 'Internal server error', request.id));
    }
    return sendError(request, reply, status, envelope(codeForStatus(status), err.message, request.id));
  });

  app.setNotFoundHandler((request, reply) => {
    sendError(request, reply, 404, envelope('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`, request.id));
  });

  await app.register(cookie);
  // Not encapsulated (a plain call, not register): swagger must see every route of the app.
  await registerOpenApi(app);
  // One limiter per app: the rate buckets of every credential and address it serves.
  const limiter = new RequestLimiter(options.database.db, options.config.rateLimits);
  await app.register(authPlugin, { db: options.database.db, limiter });
  await app.register(tenancyPlugin, { db: options.database.db });

  // The pool has already dropped a connection that died while idle and reconnects on next use;
  // the operator hears about it here.
  const stopListening = dialect.onConnectionError((err) => app.log.warn({ err: { message: err.message, code: (err as { code?: unknown }).code } }, 'database connection lost; reconnecting on next use'));
  app.addHook('onClose', async () => stopListening());

  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'getHealth',
        tags: ['meta'],
        summary: 'Liveness: 200 while the process runs and answers HTTP, whatever the state of the database',
        description: 'For a liveness probe: restarting the process does not bring a lost database back, so this never checks it. Use `/ready` to decide where to send traffic.',
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
      },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/ready',
    {
      config: { auth: 'public' },
      schema: {
        operationId: 'getReady',
        tags: ['meta'],
        summary: 'Readiness: 200 when the database answers a query within 1.5 s, 503 otherwise',
        description: 'For a readiness probe or a load balancer health check: take this instance out of rotation while its database is unreachable.',
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } }, 503: Type.Ref('ErrorEnvelope') },
      },
    },
    async () => {
      await databaseAnswers(options.database.db, READY_TIMEOUT_MS);
      return { status: 'ready' };
    },
  );

  const db = options.database.db;
  const clock = options.clock ?? (() => new Date());
  // Webhook deliveries are enqueued in the write transaction and sent by the job runner's
  // `webhooks` lane, woken once the chunk (or a review's findings) has committed.
  let kickWebhooks = () => {};
  const alerts: IngestDeps['alerts'] = async (trx, companyId, ingestOptions, stored, afterCommit) => {
    if ((await enqueueChunkAlerts(trx, companyId, ingestOptions, stored, clock())) > 0) afterCommit(() => kickWebhooks());
  };
  const reviewAlerts: ReviewAlerts = async (trx, companyId, added, afterCommit) => {
    if ((await enqueueReviewAlerts(trx, companyId, added, clock())) > 0) afterCommit(() => kickWebhooks());
  };
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
    const queue = reviewQueue(db, judge, app.log, { alerts: reviewAlerts });
    onMessageStored = queue.onMessageStored;
    app.decorate('judgeQueue', queue);
    app.addHook('onClose', () => queue.drain());
  }
  if (!options.onMessageStored && options.config.citationVerifier) {
    // Looked up after commit through the judge's bounded queue: never on the live request path.
    const v = options.config.citationVerifier;
    const verifier = createCitationVerifier({ ...v, mailto: v.mailto ?? undefined, log: (level, message, detail) => app.log[level](detail ?? {}, message) });
    const queue = reviewQueue(db, verifier, app.log, { alerts: reviewAlerts });
    const before = onMessageStored;
    onMessageStored = before ? (companyId, ref) => (before(companyId, ref), queue.onMessageStored(companyId, ref)) : queue.onMessageStored;
    app.decorate('citationQueue', queue);
    app.addHook('onClose', () => queue.drain());
  }
  const uploads = options.uploads ?? {};
  // One analysis pool per app, for uploads and for large ingest requests alike.
  const analyzer = uploads.analyzer ?? createAnalyzer(options.engine, uploads.workers);
  const deps: IngestDeps = { db, engine: options.engine, onMessageStored, log: app.log, analyzer, tails: new SessionTails(), alerts };
  await app.register(ingestRoutes, { deps });
  await app.register(otlpRoutes, { deps, classify: (err) => dialect.classifyError(err) });
  await app.register(sessionsRoutes, { db });
  await app.register(trendsRoutes, { db });
  await app.register(reportingRoutes, { db });
  await app.register(usageRoutes, { db });
  await app.register(authRoutes, { db, cookieSecure: options.config.cookieSecure });
  // Each company's proxy settings, kept between proxied requests; changed through the proxy's settings routes.
  const proxyCompanies = new ProxyCompanies(deps, options.config);
  await app.register(companiesRoutes, { db, limiter });
  await app.register(findingsRoutes, { db });
  await app.register(reviewsRoutes, { db });
  await app.register(endUsersRoutes, { db });
  // OpenAI's paths under /v1, in their own context: errors there have OpenAI's shape.
  const proxyDeps = { ingest: deps, config: options.config, writes: new ProxyWrites(deps), companies: proxyCompanies };
  app.decorate('proxyWrites', proxyDeps.writes);
  // Answers recorded after they went out are written before the database closes.
  app.addHook('onClose', () => proxyDeps.writes.idle());
  await app.register(openAiRoutes, { prefix: '/v1', deps: proxyDeps, classify: (err) => dialect.classifyError(err) });
  await app.register(proxySettingsRoutes, { deps: proxyDeps });
  await app.register(webPlugin, {});

  // The upload job runner: one per app, started when the app is ready and stopped when it closes.
  const webhookDeps = { db, dialect: options.database.dialect, limits: options.config.webhooks, now: clock, log: app.log };
  const privacyDeps = { db, dialect: options.database.dialect, now: clock };
  const runner = createUploadRunner(
    { db, dialect: options.database.dialect, ingest: deps, limits: options.config.uploadLimits, log: app.log, queues: [...webhookQueues(webhookDeps), retentionQueue(privacyDeps)] },
    uploads,
  );
  kickWebhooks = () => runner.kickQueue(WEBHOOK_QUEUE);
  app.decorate('uploadJobs', runner);
  app.addHook('onReady', async () => {
    if (uploads.poll) runner.start();
    // Without polling, still pick up jobs left queued or abandoned by an earlier run of this server.
    else if (uploads.processOnUpload !== false) await runner.resumeAbandoned().catch((err) => app.log.error({ err }, 'could not look for abandoned uploads'));
  });
  app.addHook('onClose', () => runner.stop());
  await app.register(uploadsRoutes, { db, config: options.config, runner, processOnUpload: uploads.processOnUpload });
  await app.register(webhooksRoutes, { deps: { db, limits: options.config.webhooks, now: clock, kick: () => kickWebhooks() } });
  await app.register(privacyRoutes, { deps: privacyDeps, kickRetention: () => runner.kickQueue(RETENTION_QUEUE) });
  await app.register(exportRoutes, { db });
  for (const plugin of options.plugins ?? []) await app.register(plugin);
  return app;
}
