/** A local webhook receiver for tests: records every delivery and verifies its signature as docs/webhooks.md tells receivers to. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a receiver does, following docs/webhooks.md: recompute the signature over `timestamp.body`, compare in constant time, refuse old timestamps. */
export function verify(secret: string, headers: http.IncomingHttpHeaders, body: string, nowSeconds: number): boolean {
  const timestamp = String(headers['x-chatlens-timestamp'] ?? '');
  const signature = String(headers['x-chatlens-signature'] ?? '');
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: any;
  verified: boolean;
}

export class Receiver {
  server!: http.Server;
  url = '';
  received: Received[] = [];
  /** Answers with these statuses first, then 200. */
  failures: number[] = [];
  secret = '';
  /** The receiver's clock, for the replay window (the app's clock is injected too). */
  nowSeconds = () => Math.floor(Date.now() / 1000);
  answer = 'ok';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({ headers: req.headers, body, json: JSON.parse(body), verified: verify(this.secret, req.headers, body, this.nowSeconds()) });
        const status = this.failures.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? this.answer : `receiver error ${status}`);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
