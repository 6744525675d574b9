/**
 * `chatlens upload <file> [--url <server>] [--key <key>]`: sends a transcript file to a Chatlens
 * server (CHATLENS_URL and CHATLENS_API_KEY when the options are not given), shows a progress bar (bytes sent, then the server's progress through the file and the
 * turns stored, polled from `GET /api/uploads/:id`) and prints the final summary. Exits non-zero
 * when the upload is refused or fails.
 *
 * @example
 *   npx chatlens upload chats.jsonl.gz --url http://localhost:8080 --key clk_...
 *   CHATLENS_URL=http://localhost:8080 CHATLENS_API_KEY=clk_... npx chatlens upload chats.jsonl.gz
 *   npx chatlens upload export.csv --url https://chatlens.example.com --key clk_... --format csv --force
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { clientConfig } from '../config.js';
import { count } from '../lib/plural.js';
import type { ReceivedUpload, Upload } from '../modules/uploads/uploads.js';
import { FORMAT_OPTIONS, type FormatOption } from '../transcripts/format-names.js';
import { parseId } from './options.js';

export interface UploadFileOptions {
  file: string;
  /** Base URL of the server, e.g. `http://127.0.0.1:8080`. */
  url: string;
  key: string;
  format?: FormatOption;
  force?: boolean;
  /** For platform admin keys. */
  companyId?: number;
  /** How often to poll the upload's status; 500 ms by default. */
  pollMs?: number;
  /** Give up waiting after this long (the upload keeps processing on the server); default: wait. */
  timeoutMs?: number;
  onSent?: (sent: number, total: number) => void;
  onAccepted?: (upload: Upload, duplicate: boolean) => void;
  onProgress?: (upload: Upload) => void;
}

export type UploadFileResult = ReceivedUpload;

/** An error answered by the server (4xx/5xx) or a failed upload, with the server's message. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly upload?: Upload,
  ) {
    super(message);
  }
}

function request(method: string, url: URL, headers: Record<string, string | number>): http.ClientRequest {
  const lib = url.protocol === 'https:' ? https : http;
  return lib.request(url, { method, headers });
}

async function readResponse(res: http.IncomingMessage): Promise<{ status: number; body: any }> {
  const parts: Buffer[] = [];
  for await (const chunk of res) parts.push(chunk as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.statusCode ?? 0, body };
}

function errorMessage(status: number, body: any): string {
  const msg = body && typeof body === 'object' && body.error?.message ? body.error.message : typeof body === 'string' && body ? body.slice(0, 200) : 'no details';
  return `server answered ${status}: ${msg}`;
}

function apiUrl(base: string, p: string, companyId?: number): URL {
  const u = new URL(p, base.endsWith('/') ? base : `${base}/`);
  if (companyId !== undefined) u.searchParams.set('company_id', String(companyId));
  return u;
}

async function getUploadStatus(o: UploadFileOptions, id: number): Promise<Upload> {
  const req = request('GET', apiUrl(o.url, `api/uploads/${id}`, o.companyId), { authorization: `Bearer ${o.key}` });
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('response', resolve).on('error', reject);
    req.end();
  });
  const { status, body } = await readResponse(res);
  if (status !== 200) throw new UploadError(errorMessage(status, body), status);
  return body as Upload;
}

/** Streams the file as multipart/form-data (never loads it whole), reporting bytes sent. */
async function send(o: UploadFileOptions): Promise<UploadFileResult> {
  const size = (await fs.promises.stat(o.file)).size;
  const boundary = `----chatlens${randomBytes(12).toString('hex')}`;
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const filename = path.basename(o.file).replace(/"/g, '');
  const head = Buffer.from(
    (o.format ? field('format', o.format) : '') +
      (o.force ? field('force', 'true') : '') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const req = request('POST', apiUrl(o.url, 'api/uploads', o.companyId), {
    authorization: `Bearer ${o.key}`,
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': head.length + size + tail.length,
  });
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('response', resolve).on('error', reject);
  });
  let sent = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sent += chunk.length;
      o.onSent?.(sent, size);
      done(null, chunk);
    },
  });
  req.write(head);
  // The server may refuse early (413, 401) and close: the answer matters more than the write error.
  const body = pipeline(fs.createReadStream(o.file), meter, async function* (source) {
    for await (const chunk of source) yield chunk;
    yield tail;
  }, req).catch((err: unknown) => err);
  const res = await response;
  const { status, body: json } = await readResponse(res);
  const writeError = await body;
  if (status !== 200 && status !== 202) throw new UploadError(errorMessage(status, json), status);
  if (writeError instanceof Error && !json) throw writeError;
  return { upload: json.upload as Upload, duplicate: json.duplicate === true };
}

/**
 * Uploads a file and waits until the server has processed it.
 *
 * @example
 *   const { upload } = await uploadFile({ file: 'chats.jsonl', url: 'http://127.0.0.1:8080', key });
 *   console.log(upload.turnsProcessed);
 */
export async function uploadFile(o: UploadFileOptions): Promise<UploadFileResult> {
  const accepted = await send(o);
  o.onAccepted?.(accepted.upload, accepted.duplicate);
  let upload = accepted.upload;
  const deadline = o.timeoutMs ? Date.now() + o.timeoutMs : Infinity;
  while (upload.status === 'queued' || upload.status === 'processing') {
    if (Date.now() > deadline) throw new UploadError(`upload ${upload.id} is still ${upload.status}; check it later with GET /api/uploads/${upload.id}`, undefined, upload);
    await new Promise((r) => setTimeout(r, o.pollMs ?? 500));
    upload = await getUploadStatus(o, upload.id);
    o.onProgress?.(upload);
  }
  return { upload, duplicate: accepted.duplicate };
}

/** The summary printed at the end; the errors listed are the server's first ones, by line. */
export function summarize(r: UploadFileResult, maxErrors = 10): string {
  const u = r.upload;
  const lines = [
    r.duplicate ? `This file was already uploaded as upload ${u.id} (${u.status}); nothing was counted again. Use --force to process it anew.` : `Upload ${u.id} ${u.status}.`,
    `  file:     ${u.filename} (${u.sizeBytes} bytes, format ${u.format ?? 'unknown'})`,
    `  stored:   ${count(u.turnsProcessed, 'turn')} in ${count(u.sessionsCreated, 'new session')}, from ${count(u.linesProcessed, 'record')}`,
    `  errors:   ${u.errorCount}`,
  ];
  for (const e of u.errors.slice(0, maxErrors)) lines.push(`    line ${e.line}: ${e.reason}`);
  if (u.errorCount > Math.min(u.errors.length, maxErrors)) lines.push(`    … and ${u.errorCount - Math.min(u.errors.length, maxErrors)} more (GET /api/uploads/${u.id})`);
  if (u.message) lines.push(`  ${u.status === 'failed' ? 'reason' : 'summary'}:  ${u.message}`);
  return `${lines.join('\n')}\n`;
}

export function registerUpload(program: Command): void {
  program
    .command('upload')
    .description('Upload a transcript file (JSONL, JSON, CSV, OpenAI JSONL, ShareGPT; gzip accepted) to a Chatlens server and wait for it to be processed')
    .argument('<file>', 'transcript file')
    .option('--url <url>', 'server URL, e.g. http://127.0.0.1:8080 (default: CHATLENS_URL)')
    .option('--key <key>', 'API key with the admin or ingest role (default: CHATLENS_API_KEY)')
    .option('--format <format>', `file format (${FORMAT_OPTIONS.join(', ')})`, 'auto')
    .option('--force', 'process the file again even if the same content was uploaded before')
    .option('--company-id <id>', 'company to upload to (platform admin keys only)')
    .option('--no-progress', 'do not draw a progress bar')
    .option('--json', 'print the final upload as JSON')
    .action(async (file: string, opts: { url?: string; key?: string; format: string; force?: boolean; companyId?: string; progress: boolean; json?: boolean }) => {
      if (!(FORMAT_OPTIONS as readonly string[]).includes(opts.format)) throw new Error(`--format must be one of ${FORMAT_OPTIONS.join(', ')}`);
      const env = clientConfig();
      const url = opts.url ?? env.url;
      const key = opts.key ?? env.apiKey;
      if (!url) throw new Error('give the server with --url or CHATLENS_URL');
      if (!key) throw new Error('give an API key with --key or CHATLENS_API_KEY');
      if (!fs.existsSync(file)) throw new Error(`no such file: ${file}`);
      const { default: cliProgress } = await import('cli-progress');
      const showBar = opts.progress && process.stderr.isTTY;
      const bar = new cliProgress.SingleBar(
        { format: '{phase} |{bar}| {percentage}% | {done}/{size} | {turns} | {errors}', stream: process.stderr, hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      );
      const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
      let started = false;
      const draw = (phase: string, value: number, total: number, turns = 0, errors = 0) => {
        if (!showBar) return;
        const payload = { phase: phase.padEnd(10), done: mb(value), size: mb(total), turns: count(turns, 'turn'), errors: count(errors, 'error') };
        if (!started) {
          bar.start(Math.max(total, 1), value, payload);
          started = true;
        } else {
          bar.setTotal(Math.max(total, 1));
          bar.update(value, payload);
        }
      };
      let result: UploadFileResult;
      try {
        result = await uploadFile({
          file,
          url,
          key,
          format: opts.format as FormatOption,
          force: opts.force,
          companyId: opts.companyId ? parseId(opts.companyId, '--company-id') : undefined,
          onSent: (sent, total) => draw('uploading', sent, total),
          onAccepted: (u) => draw('queued', 0, u.sizeBytes),
          onProgress: (u) => draw(u.status === 'queued' ? 'queued' : 'analysing', u.bytesProcessed, u.sizeBytes, u.turnsProcessed, u.errorCount),
        });
      } finally {
        if (started) bar.stop();
      }
      process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : summarize(result));
      if (result.upload.status === 'failed') throw new Error(`upload ${result.upload.id} failed: ${result.upload.message ?? 'no reason given'}`);
    });
}
