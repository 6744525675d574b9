/**
 * The only reader of process.env. Parsed once into a typed, frozen object; a bad variable stops
 * start-up with its name in the message. An empty string means "unset".
 */
import net from 'node:net';
import path from 'node:path';

export interface Config {
  /** PostgreSQL URL; when unset Chatlens uses the embedded SQLite file `sqlitePath`. */
  databaseUrl: string | null;
  sqlitePath: string;
  /** Where the server keeps its files (the SQLite file, uploads, the demo key): CHATLENS_DATA_DIR, ./data by default. */
  dataDir: string;
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest accepted upload; 500 MB by default. */
  uploadMaxBytes: number;
  /** Where uploaded files are kept until processed. */
  uploadDir: string;
  /**
   * Optional online check of cited DOIs and titles in Crossref or OpenAlex, after commit (off
   * unless CHATLENS_CITATION_VERIFIER is set; the base URL can point at a mirror or a stub).
   */
  citationVerifier: { kind: 'crossref' | 'openalex'; baseUrl: string; mailto: string | null; timeoutMs: number; ratePerSecond: number } | null;
  /** How much work one upload may create, whatever its size on the wire (a small gzip can expand a lot). */
  uploadLimits: UploadLimits;
  /**
   * The OpenAI-compatible proxy's default upstream (CHATLENS_UPSTREAM_URL, CHATLENS_UPSTREAM_API_KEY),
   * used by companies that have not set their own, and how long the upstream may take to start an
   * answer, to finish a non-streamed one, or between two chunks of a stream.
   */
  upstream: { baseUrl: string | null; apiKey: string | null; timeoutMs: number };
  /**
   * Secret that seals stored upstream keys (CHATLENS_SECRET_KEY); when unset, one is generated in
   * `<dataDir>/secret-key` the first time a key is stored. Servers sharing a database must share it.
   */
  secretKey: string | null;
  /** Optional OpenAI-compatible judge. All three must be set to enable it. */
  judge: { baseUrl: string; model: string; apiKey: string | null; timeoutMs: number; sampleRate: number } | null;
  /**
   * Secure flag on the dashboard session cookie. `auto` (the default) decides per request: Secure
   * unless the request came over plain HTTP from a loopback address (a browser on the same machine
   * during a trial), so any deployment reached over a network gets a Secure cookie.
   */
  cookieSecure: boolean | 'auto';
  /**
   * Addresses of the reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed
   * (IPs, CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`). Empty: those headers are
   * ignored, so a client cannot pick its own address to dodge the sign-in throttle.
   */
  trustedProxies: string[];
  /**
   * PostgreSQL time-outs of the server and worker (migrations and maintenance commands run
   * without the statement limit). With these, a database that stops answering costs a request
   * at most a few seconds and a 503, never a hang.
   */
  database: { connectTimeoutMs: number; statementTimeoutMs: number; idleInTransactionTimeoutMs: number };
  /**
   * Limits of the HTTP server, so a slow, stalled or silent client cannot hold a connection (or a
   * partial upload) for long: see the fields, and `applyHttpLimits` in src/http/limits.ts.
   */
  http: HttpLimits;
  /** Outbound webhook deliveries (modules/webhooks): bounded per request, optionally limited to some hosts. */
  webhooks: WebhookLimits;
  /** Request rates per credential and per client address (src/modules/auth/rate-limits.ts). */
  rateLimits: RateLimits;
}

export interface WebhookLimits {
  /** A delivery's whole request, response included, must finish within this time. */
  timeoutMs: number;
  /** Response bytes read from a receiver (the rest is dropped); the first 1,000 characters are kept. */
  maxResponseBytes: number;
  /**
   * Hosts webhooks may be sent to (exact names, or `*.example.com` for subdomains). Empty: any
   * URL, since a self-hosted server's admins choose where their alerts go; set it where company
   * admins must not reach internal addresses (SSRF).
   */
  allowedHosts: string[];
}

/** A rate: `perSecond` sustained, `burst` at once after a quiet spell. `null` turns the limit off. */
export type RateSetting = { perSecond: number; burst: number } | null;

export interface RateLimits {
  /** Each API key or signed-in account; a company can get its own figure (`PUT /api/companies/:id/rate-limit`). */
  perCredential: RateSetting;
  /** Every authenticated request from one client address, whichever credential it carries. */
  perAddress: RateSetting;
  /** Requests from one address whose credentials are refused: past this, the address gets 429 before any key is looked up. */
  authFailuresPerAddress: RateSetting;
}

export interface UploadLimits {
  /** Largest content once decompressed. */
  maxDecompressedBytes: number;
  /** Largest expansion of a compressed file: decompressed bytes ≤ this × compressed bytes read (or 1 MB, whichever is larger). */
  maxExpansion: number;
  /** Records (JSONL lines, CSV rows, JSON sessions) one upload may hold; the upload stops and fails past it. */
  maxRecords: number;
  /** Messages one upload may store in one session; further ones are errors for their lines. */
  maxSessionMessages: number;
}

export interface HttpLimits {
  /** All request headers must arrive within this time. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this time (the cap for the largest upload on a slow link). */
  requestTimeoutMs: number;
  /** A request body gets this long, plus one second per `minBodyBytesPerSecond` bytes received; a body that falls behind is cut (408). */
  bodyTimeoutMs: number;
  minBodyBytesPerSecond: number;
  /** An idle keep-alive connection is closed after this time. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this number are closed as they arrive. */
  maxConnections: number;
}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return n;
}

function num(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number from ${min} to ${max} (got "${raw}")`);
  return n;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!values.includes(raw as T)) throw new Error(`${name} must be one of ${values.join(', ')} (got "${raw}")`);
  return raw as T;
}

/** A rate from its two variables, already read; a rate of 0 turns the limit off. */
function rate(perSecond: number, burst: number): RateSetting {
  return perSecond === 0 ? null : { perSecond, burst };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function proxies(env: Env, name: string): string[] {
  const raw = read(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((entry) => {
    const e = entry.trim();
    const [ip, bits, extra] = e.split('/');
    const version = net.isIP(ip);
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 6 ? 128 : 32));
    if (!PROXY_NAMES.includes(e) && (!version || !bitsOk || extra !== undefined)) {
      throw new Error(`${name} must be a comma-separated list of IP addresses, CIDR ranges or ${PROXY_NAMES.join(', ')} (got "${e}")`);
    }
    return e;
  });
}

function hostList(env: Env, name: string): string[] {
  const raw = read(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((entry) => {
    const e = entry.trim().toLowerCase();
    if (!/^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$|^\[[0-9a-f:.]+\]$/.test(e)) throw new Error(`${name} must be a comma-separated list of host names (or *.domain) (got "${entry.trim()}")`);
    return e;
  });
}

export function loadConfig(env: Env = process.env): Readonly<Config> {
  const databaseUrl = read(env, 'DATABASE_URL') ?? null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const dataDir = read(env, 'CHATLENS_DATA_DIR') ?? path.resolve('data');
  const judgeUrl = read(env, 'CHATLENS_JUDGE_URL');
  const judgeModel = read(env, 'CHATLENS_JUDGE_MODEL');
  if ((judgeUrl && !judgeModel) || (!judgeUrl && judgeModel)) {
    throw new Error('CHATLENS_JUDGE_URL and CHATLENS_JUDGE_MODEL must be set together');
  }
  const host = read(env, 'HOST') ?? '127.0.0.1';
  const upstreamUrl = read(env, 'CHATLENS_UPSTREAM_URL') ?? null;
  if (upstreamUrl !== null && !/^https?:\/\/[^\s]+$/.test(upstreamUrl)) throw new Error(`CHATLENS_UPSTREAM_URL must be an http:// or https:// URL (got "${upstreamUrl}")`);
  const secretKey = read(env, 'CHATLENS_SECRET_KEY') ?? null;
  if (secretKey !== null && secretKey.length < 16) throw new Error('CHATLENS_SECRET_KEY must be at least 16 characters');
  return Object.freeze({
    databaseUrl,
    sqlitePath: read(env, 'CHATLENS_DB') ?? path.join(dataDir, 'chatlens.db'),
    dataDir,
    host,
    port: int(env, 'PORT', 8080, 0, 65535),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    uploadMaxBytes: int(env, 'CHATLENS_UPLOAD_MAX_BYTES', 500 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER),
    uploadDir: read(env, 'CHATLENS_UPLOAD_DIR') ?? path.join(dataDir, 'uploads'),
    citationVerifier: citationVerifier(env),
    uploadLimits: Object.freeze({
      // 4× the largest accepted file: chat exports compress 5–15× with gzip, so a full-size gzip
      // of ordinary text may be refused here before it reaches the record limit below.
      maxDecompressedBytes: int(env, 'CHATLENS_UPLOAD_MAX_DECOMPRESSED_BYTES', 2 * 1024 * 1024 * 1024, 1024, Number.MAX_SAFE_INTEGER),
      // Text gzips 5–15×, repetitive exports (the same system prompt on every line) 20–50×; the
      // gzip bomb the audit sent expanded 344×.
      maxExpansion: int(env, 'CHATLENS_UPLOAD_MAX_EXPANSION', 100, 1, 100_000),
      // ~2.5 M turns fill a 500 MB JSONL file (200 bytes a turn); at ~1,300 turns/s that is 40 min.
      maxRecords: int(env, 'CHATLENS_UPLOAD_MAX_RECORDS', 3_000_000, 1, Number.MAX_SAFE_INTEGER),
      // Real conversations run to hundreds of turns; 10,000 is a transcript page-through, not a chat.
      maxSessionMessages: int(env, 'CHATLENS_UPLOAD_MAX_SESSION_MESSAGES', 10_000, 1, 10_000_000),
    }),
    upstream: Object.freeze({
      baseUrl: upstreamUrl,
      apiKey: read(env, 'CHATLENS_UPSTREAM_API_KEY') ?? null,
      // Reasoning models can think for minutes before the first token; 10 minutes is OpenAI's own client default.
      timeoutMs: int(env, 'CHATLENS_UPSTREAM_TIMEOUT_MS', 600_000, 100, 3_600_000),
    }),
    secretKey,
    judge:
      judgeUrl && judgeModel
        ? {
            baseUrl: judgeUrl,
            model: judgeModel,
            apiKey: read(env, 'CHATLENS_JUDGE_API_KEY') ?? null,
            timeoutMs: int(env, 'CHATLENS_JUDGE_TIMEOUT_MS', 10_000, 100, 600_000),
            sampleRate: num(env, 'CHATLENS_JUDGE_SAMPLE_RATE', 0.05, 0, 1),
          }
        : null,
    database: {
      // Connecting, and waiting for a free pooled connection.
      connectTimeoutMs: int(env, 'CHATLENS_DB_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
      // Requests read rollups and write a few rows; a statement past 5 s is stuck, not working.
      statementTimeoutMs: int(env, 'CHATLENS_DB_STATEMENT_TIMEOUT_MS', 5_000, 100, 3_600_000),
      // Transactions never wait on anything slow (analysis runs before they open).
      idleInTransactionTimeoutMs: int(env, 'CHATLENS_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 10_000, 100, 3_600_000),
    },
    cookieSecure: { true: true, false: false, auto: 'auto' as const }[oneOf(env, 'CHATLENS_COOKIE_SECURE', ['true', 'false', 'auto'] as const, 'auto')],
    trustedProxies: proxies(env, 'CHATLENS_TRUSTED_PROXIES'),
    http: Object.freeze({
      headersTimeoutMs: int(env, 'CHATLENS_HEADERS_TIMEOUT_MS', 20_000, 1_000, 600_000),
      // 30 minutes is about 2.3 Mbit/s for the largest accepted upload (500 MB).
      requestTimeoutMs: int(env, 'CHATLENS_REQUEST_TIMEOUT_MS', 30 * 60_000, 1_000, 24 * 3_600_000),
      // Apache's mod_reqtimeout defaults (body=20,MinRate=500): a body dripping one byte every few
      // seconds is cut after ~20 s, while a 64 kbit/s link (8 KB/s) is never close to the line.
      bodyTimeoutMs: int(env, 'CHATLENS_BODY_TIMEOUT_MS', 20_000, 100, 3_600_000),
      minBodyBytesPerSecond: int(env, 'CHATLENS_MIN_BODY_RATE', 500, 1, 1_000_000_000),
      // Above the 60 s idle time-out of common load balancers, so they never reuse a closed socket.
      keepAliveTimeoutMs: int(env, 'CHATLENS_KEEP_ALIVE_TIMEOUT_MS', 72_000, 1_000, 3_600_000),
      maxConnections: int(env, 'CHATLENS_MAX_CONNECTIONS', 1_000, 1, 1_000_000),
    }),
    webhooks: Object.freeze({
      // Slack answers in well under a second; 10 s leaves room for a slow receiver without letting
      // one hold a delivery lane for long.
      timeoutMs: int(env, 'CHATLENS_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      maxResponseBytes: int(env, 'CHATLENS_WEBHOOK_MAX_RESPONSE_BYTES', 64 * 1024, 0, 10 * 1024 * 1024),
      allowedHosts: hostList(env, 'CHATLENS_WEBHOOK_ALLOWED_HOSTS'),
    }),
    rateLimits: Object.freeze({
      // A busy support assistant sends a few turns a second per key; bulk history goes through
      // POST /api/ingest (up to 1,000 events a request) or uploads, so 100 requests/s is headroom.
      perCredential: rate(num(env, 'CHATLENS_RATE_LIMIT_PER_SECOND', 100, 0, 1e6), int(env, 'CHATLENS_RATE_LIMIT_BURST', 200, 1, 1e7)),
      // Several keys behind one NAT or one backend share this.
      perAddress: rate(num(env, 'CHATLENS_ADDRESS_RATE_LIMIT_PER_SECOND', 1_000, 0, 1e6), int(env, 'CHATLENS_ADDRESS_RATE_LIMIT_BURST', 2_000, 1, 1e7)),
      // A client with a wrong key retries a few times; 30 refusals a minute is a scan, not a typo.
      authFailuresPerAddress: rate(num(env, 'CHATLENS_AUTH_FAILURE_LIMIT_PER_SECOND', 0.5, 0, 1e6), int(env, 'CHATLENS_AUTH_FAILURE_LIMIT_BURST', 30, 1, 1e7)),
    }),
  });
}

/**
 * Where the commands that talk to a running server (`chatlens upload`) send their requests, when
 * `--url` / `--key` are not given. Separate from loadConfig: a client needs none of the server's
 * settings, and a bad server variable must not stop an upload.
 */
export function clientConfig(env: Env = process.env): { url: string | null; apiKey: string | null } {
  const url = read(env, 'CHATLENS_URL') ?? null;
  if (url !== null && !/^https?:\/\//.test(url)) throw new Error(`CHATLENS_URL must be an http:// or https:// URL (got "${url}")`);
  return { url, apiKey: read(env, 'CHATLENS_API_KEY') ?? null };
}

function citationVerifier(env: Env): Config['citationVerifier'] {
  const kind = read(env, 'CHATLENS_CITATION_VERIFIER');
  if (kind === undefined || kind === 'off') return null;
  if (kind !== 'crossref' && kind !== 'openalex') throw new Error(`CHATLENS_CITATION_VERIFIER must be crossref, openalex or off (got "${kind}")`);
  const baseUrl = read(env, 'CHATLENS_CITATION_VERIFIER_URL') ?? (kind === 'crossref' ? 'https://api.crossref.org' : 'https://api.openalex.org');
  if (!/^https?:\/\//.test(baseUrl)) throw new Error('CHATLENS_CITATION_VERIFIER_URL must be an http(s) URL');
  return {
    kind,
    baseUrl,
    mailto: read(env, 'CHATLENS_CITATION_VERIFIER_MAILTO') ?? null,
    timeoutMs: int(env, 'CHATLENS_CITATION_VERIFIER_TIMEOUT_MS', 3000, 100, 60_000),
    ratePerSecond: num(env, 'CHATLENS_CITATION_VERIFIER_RATE', 5, 0.1, 50),
  };
}

/** Test databases come from here too, so tests never read process.env themselves. */
export function testDatabaseUrl(env: Env = process.env): string | null {
  return read(env, 'TEST_DATABASE_URL') ?? null;
}
