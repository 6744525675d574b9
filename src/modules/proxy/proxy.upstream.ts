/**
 * Calls to the upstream (any OpenAI-compatible server) over kept-alive connections. Its errors
 * reach the client with the upstream's status in OpenAI's shape; no answer in time is 504, no
 * connection 502. The upstream key is sent as a bearer token and never appears in an error.
 */
import http from 'node:http';
import https from 'node:https';
import { ProxyError, UpstreamError, errorType, openAiError } from './proxy.errors.js';

export interface Upstream {
  /** e.g. `https://api.openai.com/v1`; paths (`/chat/completions`, `/models`) are appended. */
  baseUrl: string;
  apiKey: string | null;
  /** For an answer to start, for a whole non-streamed answer, and between two chunks of a stream. */
  timeoutMs: number;
}

// Kept-alive connections: a TLS handshake per request would cost more than everything else the
// proxy does. 256 sockets per upstream is far above the concurrency one process serves.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 }),
};

/** Largest upstream body read whole (a non-streamed answer, a model list, an error). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

function scrub(text: string, up: Upstream): string {
  return up.apiKey && up.apiKey.length >= 4 ? text.split(up.apiKey).join('***') : text;
}

/** The upstream's error body in OpenAI's shape, whatever it sent. */
function errorBody(status: number, text: string, up: Upstream): UpstreamError {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const e = parsed && typeof parsed === 'object' ? (parsed as { error?: unknown }).error : undefined;
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? scrub(v, up) : typeof v === 'number' ? String(v) : null);
    return new UpstreamError(status, {
      error: { message: str(o.message) ?? `the upstream answered ${status}`, type: str(o.type) ?? errorType(status), param: str(o.param), code: str(o.code) },
    });
  }
  if (typeof e === 'string') return new UpstreamError(status, openAiError(status, scrub(e, up)));
  const snippet = scrub(text.slice(0, 500), up).trim();
  return new UpstreamError(status, openAiError(status, snippet ? `the upstream answered ${status}: ${snippet}` : `the upstream answered ${status}`));
}

export interface UpstreamCall {
  response: http.IncomingMessage;
  /** Restarts the time-out: a stream calls it on every chunk. */
  touch(): void;
  /** Stops the time-out (done) or the request (the client left, the proxy ended the stream). */
  close(): void;
  /** Why the call was cut (its time-out), when it was. */
  failure(): ProxyError | null;
}

function timeoutError(up: Upstream): ProxyError {
  return new ProxyError(504, `the upstream did not answer within ${up.timeoutMs} ms`, 'upstream_timeout');
}

/**
 * Sends a request and resolves when the answer's headers arrive with a status below 400; an
 * error status rejects with an UpstreamError carrying the upstream's body.
 */
export function request(up: Upstream, method: 'GET' | 'POST', path: string, body?: string): Promise<UpstreamCall> {
  let url: URL;
  try {
    url = new URL(up.baseUrl.replace(/\/+$/, '') + path);
  } catch {
    return Promise.reject(new ProxyError(500, 'the configured upstream URL is not valid', 'upstream_misconfigured'));
  }
  const agent = agents[url.protocol as 'http:' | 'https:'];
  if (!agent) return Promise.reject(new ProxyError(500, 'the configured upstream URL must be http or https', 'upstream_misconfigured'));
  const headers: http.OutgoingHttpHeaders = { accept: 'application/json, text/event-stream' };
  if (up.apiKey) headers.authorization = `Bearer ${up.apiKey}`;
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(body);
  }
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let failed: ProxyError | null = null;
    const req = (url.protocol === 'https:' ? https : http).request(url, { method, headers, agent });
    const fail = (err: ProxyError) => {
      failed ??= err;
      req.destroy(err);
    };
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(timeoutError(up)), up.timeoutMs);
    };
    const close = () => {
      clearTimeout(timer);
      if (!req.destroyed && !req.writableFinished) req.destroy();
    };
    req.on('error', (err) => {
      clearTimeout(timer);
      const cause = failed ?? err;
      reject(cause instanceof ProxyError ? cause : new ProxyError(502, `the upstream could not be reached (${(err as NodeJS.ErrnoException).code ?? 'connection failed'})`, 'upstream_unreachable'));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 502;
      if (status < 400) {
        const closeResponse = () => {
          clearTimeout(timer);
          if (!res.destroyed && !res.complete) res.destroy();
        };
        resolve({ response: res, touch, close: closeResponse, failure: () => failed });
        return;
      }
      readBody({ response: res, touch, close, failure: () => failed })
        .then((text) => reject(errorBody(status, text, up)))
        .catch(reject);
    });
    touch();
    req.end(body);
  });
}

/** The whole body as text (bounded), under the call's time-out. */
export async function readBody(call: UpstreamCall): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of call.response) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) throw new ProxyError(502, `the upstream's answer is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`, 'upstream_too_large');
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    throw err instanceof ProxyError ? err : (call.failure() ?? readFailure(err));
  } finally {
    call.close();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** An answer that broke off: the upstream's fault, so 502. */
export function readFailure(err: unknown): ProxyError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === undefined) return new ProxyError(502, 'the upstream closed the connection before its answer was complete', 'upstream_closed');
  return new ProxyError(502, `the upstream's answer could not be read (${code})`, 'upstream_unreadable');
}

/** A JSON answer of the upstream. */
export async function requestJson(up: Upstream, method: 'GET' | 'POST', path: string, body?: string): Promise<{ json: Record<string, unknown>; text: string; contentType: string }> {
  const call = await request(up, method, path, body);
  const text = await readBody(call);
  try {
    const json = JSON.parse(text) as unknown;
    if (json && typeof json === 'object' && !Array.isArray(json)) return { json: json as Record<string, unknown>, text, contentType: String(call.response.headers['content-type'] ?? '') };
  } catch {
    /* below */
  }
  throw new ProxyError(502, 'the upstream answered with something other than a JSON object', 'upstream_invalid_json');
}
