/**
 * The dashboard: serves the Vite build (web/dist) at `/`. Files are sent by @fastify/static's
 * `reply.sendFile`; its own routes are off (`serve: false`) because every route here must declare
 * `config.auth`. Any other GET that asks for HTML gets index.html (client-side routes such as
 * /sessions/abc); `/api/*` and non-HTML requests keep the JSON 404.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** web/dist beside src/, wherever the process was started from. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

// The dashboard loads nothing from elsewhere (no CDN, no fonts) and is never framed.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // uPlot and Preact set element styles from script.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(p)).isFile();
  } catch {
    return false;
  }
}

function isApiPath(p: string): boolean {
  return p === '/api' || p.startsWith('/api/') || p === '/docs' || p.startsWith('/docs/') || p === '/openapi.json' || p === '/health';
}

/** Registered by app.ts; does nothing but log a hint when the dashboard has not been built. */
export async function webPlugin(app: FastifyInstance, opts: { root?: string }): Promise<void> {
  const root = path.resolve(opts.root ?? WEB_DIST);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    app.log.warn(`dashboard not built (${root}/index.html missing): run "npm run build:web" to serve it at /`);
    return;
  }
  await app.register(fastifyStatic, { root, serve: false });

  const sendIndex = (reply: FastifyReply) => {
    reply
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin');
    return reply.sendFile('index.html', root, { cacheControl: false });
  };

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(request.url.split('?')[0] ?? '/');
    } catch {
      return reply.callNotFound();
    }
    if (isApiPath(pathname)) return reply.callNotFound();
    if (pathname !== '/') {
      const file = path.resolve(root, `.${pathname}`);
      if (file.startsWith(root + path.sep) && (await isFile(file))) {
        // Vite puts content hashes in the names under assets/, so they never change.
        const immutable = pathname.startsWith('/assets/');
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').header('x-content-type-options', 'nosniff');
        return reply.sendFile(path.relative(root, file), root, { cacheControl: false });
      }
    }
    const accept = request.headers.accept ?? '';
    if (pathname === '/' || accept.includes('text/html')) return sendIndex(reply);
    return reply.callNotFound();
  };

  app.get('/', { config: { auth: 'public' }, schema: { hide: true } }, handler);
  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, handler);
}
