/** Logger, timeouts, graceful close, listen — nothing else. */
import type { FastifyInstance } from 'fastify';
import { LOG_REDACT, buildApp } from './app.js';
import type { Config } from './config.js';
import type { Runtime } from './runtime.js';

export interface StartedServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: Readonly<Config>, runtime: Runtime, listen: { host: string; port: number }): Promise<StartedServer> {
  const app = await buildApp({
    config,
    database: runtime.database,
    engine: runtime.engine,
    logger: { level: config.logLevel, redact: LOG_REDACT },
    // Every server also works through queued uploads, so `chatlens worker` processes are optional.
    uploads: { poll: true },
  });
  const url = await app.listen({ host: listen.host, port: listen.port });
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= (async () => {
    await app.close();
    await runtime.close();
  })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      void close().then(() => process.exit(0));
    });
  }
  return { app, url, close };
}
