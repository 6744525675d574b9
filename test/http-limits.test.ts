/**
 * Slow, stalled and silent clients (issue 9 item 8): every request is answered or closed within
 * the configured time-outs, a partial upload never stays on disk, and connections are capped.
 * Raw sockets, because fetch cannot stall half-way through a body.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/db.js';
import { type Tenant, newTenant, useTestServer } from './helpers/app.js';
import { markerEngine } from './helpers/test-engine.js';
import { chatlensJsonl, getJson, postUpload, startUploadServer } from './helpers/uploads.js';

/** Short limits so the suite stays quick; a client that never finishes would otherwise hold its socket forever. */
const LIMITS = {
  CHATLENS_HEADERS_TIMEOUT_MS: '1000',
  CHATLENS_BODY_TIMEOUT_MS: '1000',
  CHATLENS_MIN_BODY_RATE: '500',
  CHATLENS_MAX_CONNECTIONS: '4',
};
/** Beyond any configured limit above: a socket still open this long was never cut off. */
const NEVER_MS = 8_000;

interface RawClient {
  socket: net.Socket;
  received(): string;
  /** Resolves with the ms from connect to close, or null if still open after NEVER_MS. */
  closed: Promise<number | null>;
}

function connect(url: string): Promise<RawClient> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const started = Date.now();
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('error', () => {});
    const closed = new Promise<number | null>((done) => {
      const timer = setTimeout(() => done(null), NEVER_MS);
      socket.on('close', () => {
        clearTimeout(timer);
        done(Date.now() - started);
      });
    });
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

const BOUNDARY = 'chatlens-test-boundary';

function multipartHead(key: string, body: string, declaredLength: number): string {
  return (
    `POST /api/uploads HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer ${key}\r\n` +
    `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${declaredLength}\r\n\r\n${body}`
  );
}

function multipartBody(content: string): { start: string; end: string } {
  return {
    start: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="chats.jsonl"\r\nContent-Type: application/octet-stream\r\n\r\n${content}`,
    end: `\r\n--${BOUNDARY}--\r\n`,
  };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

/** The partial file is removed asynchronously once the stream fails; give it a moment. */
async function noFilesLeft(dir: string): Promise<string[]> {
  for (let i = 0; i < 40 && filesUnder(dir).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
  return filesUnder(dir);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const dialect of DIALECTS) {
  describe(`HTTP limits: slow and stalled clients (${dialect.name})`, () => {
    const ctx = useTestServer(dialect, { start: (database) => startUploadServer(database, markerEngine, { env: LIMITS }) });
    let t: Tenant;
    beforeAll(async () => {
      t = await newTenant(ctx.db);
    });

    it('answers an upload whose body stops half-way with 408, closes it, and leaves no partial file', async () => {
      const { start, end } = multipartBody(chatlensJsonl(2, 2));
      const c = await connect(ctx.url);
      // Declares the whole body, sends the first half of it, then says nothing more.
      c.socket.write(multipartHead(t.ingest, start, start.length + end.length + 4096));
      await sleep(300);
      expect(filesUnder(ctx.server.uploadDir).some((f) => f.endsWith('.part'))).toBe(true);
      const closedAfter = await c.closed;
      expect(closedAfter, 'the stalled upload was never cut off').not.toBeNull();
      expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(c.received()).toMatch(/\{"error":\{"code":"REQUEST_TIMEOUT","message":"[^"]+","requestId":"[^"]+"\}\}$/);
      expect(await noFilesLeft(ctx.server.uploadDir)).toEqual([]);
      expect((await getJson(ctx.url, t.ingest, '/api/uploads')).body.uploads).toEqual([]);
    });

    it('cuts off a body that drips a byte at a time, on uploads and on JSON routes alike', async () => {
      const { start } = multipartBody(chatlensJsonl(2, 2));
      const upload = await connect(ctx.url);
      upload.socket.write(multipartHead(t.ingest, start.slice(0, 150), start.length + 4096));
      const ingest = await connect(ctx.url);
      ingest.socket.write(`POST /api/ingest HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer ${t.ingest}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"events":`);
      // One byte every 200 ms: never silent long enough to look idle, far below 500 bytes/s.
      const drip = setInterval(() => {
        for (const c of [upload, ingest]) if (!c.socket.destroyed) c.socket.write(' ');
      }, 200);
      try {
        const [u, i] = await Promise.all([upload.closed, ingest.closed]);
        expect(u, 'the dripping upload was never cut off').not.toBeNull();
        expect(i, 'the dripping ingest body was never cut off').not.toBeNull();
      } finally {
        clearInterval(drip);
      }
      expect(upload.received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(ingest.received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(await noFilesLeft(ctx.server.uploadDir)).toEqual([]);
    });

    it('cuts off a body that goes silent after sending a lot: what came before buys no pause', async () => {
      const { start } = multipartBody(chatlensJsonl(300, 4));
      expect(start.length).toBeGreaterThan(50_000); // a 100 s allowance at 500 bytes/s
      const c = await connect(ctx.url);
      c.socket.write(multipartHead(t.ingest, start, start.length + 4096));
      expect(await c.closed, 'the silent upload was never cut off').not.toBeNull();
      expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
      expect(await noFilesLeft(ctx.server.uploadDir)).toEqual([]);
    });

    it('lets a slow but steady upload through: the allowance grows with every byte received', async () => {
      const file = chatlensJsonl(6, 4);
      const { start, end } = multipartBody(file);
      const body = start + end;
      const c = await connect(ctx.url);
      c.socket.write(multipartHead(t.ingest, '', Buffer.byteLength(body)));
      // ~1,200 bytes/s for longer than the 1 s body time-out.
      for (let i = 0; i < body.length; i += 600) {
        c.socket.write(body.slice(i, i + 600));
        await sleep(500);
      }
      for (let i = 0; i < 40 && !c.received().includes('\r\n\r\n{'); i++) await sleep(50);
      expect(c.received()).toMatch(/^HTTP\/1\.1 202 /);
      expect(body.length).toBeGreaterThan(2 * 600);
      c.socket.destroy();
    });

    it('closes a connection whose headers never finish', async () => {
      const c = await connect(ctx.url);
      c.socket.write(`GET /health HTTP/1.1\r\nHost: test\r\nX-Slow: `);
      const drip = setInterval(() => !c.socket.destroyed && c.socket.write('a'), 200);
      try {
        expect(await c.closed, 'a connection with unfinished headers stayed open').not.toBeNull();
      } finally {
        clearInterval(drip);
      }
      expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
    });

    it('refuses connections beyond the limit, and takes new ones once others close', async () => {
      const held = await Promise.all([0, 1, 2, 3].map(() => connect(ctx.url)));
      // Each held connection has made a request, so the server has accepted and counts it.
      for (const c of held) c.socket.write('GET /health HTTP/1.1\r\nHost: test\r\n\r\n');
      for (let i = 0; i < 40 && held.some((c) => !c.received().includes('200 OK')); i++) await sleep(25);
      const extra = await connect(ctx.url);
      extra.socket.write('GET /health HTTP/1.1\r\nHost: test\r\n\r\n');
      expect(await extra.closed, 'the connection over the limit was served').not.toBeNull();
      expect(extra.received()).toBe('');
      for (const c of held) c.socket.destroy();
      await sleep(100);
      expect((await fetch(`${ctx.url}/health`)).status).toBe(200);
    });
  });
}

describe('HTTP limits: the whole-request time-out', () => {
  // A generous body rate allowance, so only the request time-out can end this one.
  const ctx = useTestServer(DIALECTS[0], { start: (database) => startUploadServer(database, markerEngine, { env: { CHATLENS_REQUEST_TIMEOUT_MS: '1500', CHATLENS_BODY_TIMEOUT_MS: '600000' } }) });

  it('answers 408 when a request is still incomplete at CHATLENS_REQUEST_TIMEOUT_MS, however steady its bytes', async () => {
    const t = await newTenant(ctx.db);
    const { start } = multipartBody(chatlensJsonl(2, 2));
    const c = await connect(ctx.url);
    c.socket.write(multipartHead(t.ingest, start, start.length + 100_000));
    const drip = setInterval(() => !c.socket.destroyed && c.socket.write('x'.repeat(200)), 100);
    try {
      expect(await c.closed, 'the request outlived its time-out').not.toBeNull();
    } finally {
      clearInterval(drip);
    }
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(await noFilesLeft(ctx.server.uploadDir)).toEqual([]);
  });
});

describe('HTTP limits: a refused upload', () => {
  // Patient body limits: only the route closing the connection can end this one in time.
  const ctx = useTestServer(DIALECTS[0], { start: (database) => startUploadServer(database, markerEngine, { env: { CHATLENS_BODY_TIMEOUT_MS: '600000' } }) });

  it('closes its connection after the answer instead of waiting on a body nobody reads', async () => {
    const t = await newTenant(ctx.db);
    const field = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="force"\r\n\r\nmaybe\r\n`;
    const { start } = multipartBody(chatlensJsonl(2, 2));
    const c = await connect(ctx.url);
    // The client has more to send (Content-Length says so) but is answered first.
    c.socket.write(multipartHead(t.ingest, field + start, field.length + start.length + 100_000));
    expect(await c.closed, 'the refused upload kept its connection open').not.toBeNull();
    expect(c.received()).toMatch(/^HTTP\/1\.1 400 /);
    expect(c.received()).toMatch(/force must be true or false/);
    expect(await noFilesLeft(ctx.server.uploadDir)).toEqual([]);
  });
});

describe('partial files left by a killed process', () => {
  it('are removed once no request can still be writing them; fresh ones are left alone', async () => {
    const database = await DIALECTS[0].open();
    const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-sweep-'));
    const companyDir = path.join(uploadDir, '7');
    fs.mkdirSync(companyDir);
    const stale = path.join(companyDir, 'stale.part');
    const fresh = path.join(companyDir, 'fresh.part');
    const stored = path.join(companyDir, 'queued.upload');
    for (const f of [stale, fresh, stored]) fs.writeFileSync(f, 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(stale, twoHoursAgo, twoHoursAgo);
    fs.utimesSync(stored, twoHoursAgo, twoHoursAgo);
    const server = await startUploadServer(database, markerEngine, { uploadDir, env: { CHATLENS_REQUEST_TIMEOUT_MS: '3600000' } });
    try {
      expect(fs.readdirSync(companyDir).sort()).toEqual(['fresh.part', 'queued.upload']);
      // The server still takes uploads into the same directory.
      const t = await newTenant(database.db);
      expect((await postUpload(server.url, t.ingest, chatlensJsonl(1, 2))).status).toBe(202);
    } finally {
      await server.close();
      await database.destroy();
    }
  });
});
