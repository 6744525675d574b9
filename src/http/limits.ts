/**
 * Limits of the HTTP server, applied where buildApp creates it so tests, the CLI and production
 * share them: header, request and keep-alive time-outs and a connection ceiling (enforced by
 * Node), and a minimum body rate (enforced here), so a client that stalls or drips its body one
 * byte every few seconds is cut off instead of holding a connection — and a partial upload on
 * disk — for as long as it likes.
 */
import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { HttpLimits } from '../config.js';

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(n)));

/** Fastify constructor options for the limits Node enforces itself. */
export function httpServerOptions(limits: HttpLimits): { requestTimeout: number; keepAliveTimeout: number; http: ServerOptions } {
  const headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout,
      // Node checks both time-outs every 30 s by default, which would let a 20 s limit run 50 s.
      connectionsCheckingInterval: clamp(headersTimeout / 4, 250, 5_000),
    },
  };
}

interface Watched {
  socket: Socket;
  response: ServerResponse;
  start: number;
  /** When the last body bytes arrived, and how many had by then. */
  progressAt: number;
  progressBytes: number;
  /** Bytes the socket had read before this request (earlier requests on a keep-alive connection). */
  baseline: number;
}

/**
 * Sets the connection ceiling and watches every request that has a body: it may take
 * `bodyTimeoutMs` plus one second per `minBodyBytesPerSecond` bytes received (Apache's
 * mod_reqtimeout rule), and may not pause longer than `bodyTimeoutMs` whatever came before. A
 * body that falls behind gets 408 and its connection is closed, through the server's
 * `clientError` path, as Node does for its own request time-out.
 */
export function applyHttpLimits(app: FastifyInstance, limits: HttpLimits): void {
  app.server.maxConnections = limits.maxConnections;

  const watched = new Map<IncomingMessage, Watched>();
  const readBefore = new WeakMap<Socket, number>();
  app.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    const hasBody = Number(raw.headers['content-length'] ?? 0) > 0 || raw.headers['transfer-encoding'] !== undefined;
    // Only real connections: requests injected in-process (app.inject) have no socket to be slow on.
    if (hasBody && !raw.complete && raw.socket instanceof net.Socket) {
      const now = Date.now();
      watched.set(raw, { socket: raw.socket, response: reply.raw, start: now, progressAt: now, progressBytes: 0, baseline: readBefore.get(raw.socket) ?? 0 });
      raw.once('close', () => watched.delete(raw));
    }
    done();
  });
  app.addHook('onResponse', (request, _reply, done) => {
    // An answer sent before the body was read (a refusal) does not end the watch: Node still reads
    // the rest of the body before the connection can serve another request.
    if (request.raw.complete) watched.delete(request.raw);
    if (request.raw.socket) readBefore.set(request.raw.socket, request.raw.socket.bytesRead);
    done();
  });

  const check = () => {
    const now = Date.now();
    for (const [raw, w] of watched) {
      if (raw.complete || w.socket.destroyed) {
        watched.delete(raw);
        continue;
      }
      const received = Math.max(0, w.socket.bytesRead - w.baseline);
      if (received > w.progressBytes) {
        w.progressBytes = received;
        w.progressAt = now;
      }
      // Behind the rate, or silent for a whole body time-out (however much came before).
      const behind = now > w.start + limits.bodyTimeoutMs + (received * 1000) / limits.minBodyBytesPerSecond;
      if (!behind && now - w.progressAt <= limits.bodyTimeoutMs) continue;
      watched.delete(raw);
      app.log.info({ reqId: raw.headers['x-request-id'], received, ms: now - w.start }, 'request body arrived too slowly; connection closed');
      if (w.response.headersSent) {
        w.socket.destroy();
        continue;
      }
      const err = Object.assign(new Error(`the request body arrived too slowly (${received} bytes in ${now - w.start} ms)`), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
      app.server.emit('clientError', err, w.socket);
      if (!w.socket.destroyed) w.socket.destroy();
    }
  };
  const timer = setInterval(check, clamp(limits.bodyTimeoutMs / 4, 50, 1_000));
  timer.unref();
  app.addHook('onClose', (_app, done) => {
    clearInterval(timer);
    done();
  });
}
