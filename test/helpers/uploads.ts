/** Helpers for the uploads suites: an app with its own upload directory, fixtures, multipart posts. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { AnalysisEngine } from '../../src/analysis/types.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/connect.js';
import type { UploadsOptions } from '../../src/modules/uploads/uploads.runner.js';

export interface UploadTestServer {
  app: FastifyInstance;
  url: string;
  uploadDir: string;
  close(): Promise<void>;
}

export async function startUploadServer(
  database: Database,
  engine: AnalysisEngine,
  options: { maxBytes?: number; uploads?: UploadsOptions; uploadDir?: string; env?: Record<string, string> } = {},
): Promise<UploadTestServer> {
  const uploadDir = options.uploadDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-uploads-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CHATLENS_UPLOAD_DIR: uploadDir,
    ...(options.maxBytes ? { CHATLENS_UPLOAD_MAX_BYTES: String(options.maxBytes) } : {}),
    ...options.env,
  });
  const app = await buildApp({ config, database, engine, uploads: { workers: 0, ...options.uploads } });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url,
    uploadDir,
    close: async () => {
      await app.close();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}

/** POSTs a file as multipart/form-data. */
export async function postUpload(
  url: string,
  key: string,
  content: Buffer | string,
  options: { filename?: string; query?: string; fields?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(options.fields ?? {})) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(typeof content === 'string' ? Buffer.from(content) : content)]), options.filename ?? 'chats.jsonl');
  const res = await fetch(`${url}/api/uploads${options.query ? `?${options.query}` : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function getJson(url: string, key: string, p: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${p}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: await res.json() };
}

/** Waits until the upload is done or failed (the runner drains in the background). */
export async function waitForUpload(server: UploadTestServer, key: string, id: number, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await server.app.uploadJobs.idle();
    const r = await getJson(server.url, key, `/api/uploads/${id}`);
    if (r.body.status === 'done' || r.body.status === 'failed') return r.body;
    if (Date.now() > deadline) throw new Error(`upload ${id} still ${r.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A day `n` days before today, at a given hour (UTC). */
export function daysAgo(n: number, hour = 10, minute = 0): string {
  const d = new Date(Date.now() - n * 86_400_000);
  d.setUTCHours(hour, minute, 0, 0);
  return d.toISOString();
}

/** A Chatlens JSONL file of `sessions` sessions with `turns` turns each; every 5th assistant turn is flagged. */
export function chatlensJsonl(sessions: number, turns: number, marker = '[[OVERCONFIDENCE:high]]'): string {
  const lines: string[] = [];
  for (let s = 0; s < sessions; s++) {
    for (let t = 0; t < turns; t++) {
      const role = t % 2 === 0 ? 'user' : 'assistant';
      const flagged = role === 'assistant' && (s * turns + t) % 5 === 1;
      lines.push(
        JSON.stringify({
          sessionId: `s${s}`,
          role,
          content: `${role} turn ${t} of session ${s}${flagged ? ` ${marker}` : ''}`,
          timestamp: daysAgo(1 + (s % 3), 9, t),
          userId: `u${s % 4}`,
        }),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
