/**
 * One outbound delivery: the body in the webhook's format, signed, POSTed with a time-out, the
 * answer read up to a bound. Nothing here touches the database, and the secret never leaves the
 * signature (it is in no log line, error or stored response).
 */
import { createHmac } from 'node:crypto';
import type { WebhookLimits } from '../../config.js';
import { count } from '../../lib/plural.js';
import type { WebhookEvent, WebhookFormat } from './webhooks.js';

export const SIGNATURE_HEADER = 'x-chatlens-signature';
export const TIMESTAMP_HEADER = 'x-chatlens-timestamp';

/** `v1=` + hex HMAC-SHA256 of `<timestamp>.<body>` under the webhook's secret (docs/webhooks.md). */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What an attempt produced, as recorded with the delivery. */
export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  response: string | null;
  error: string | null;
  durationMs: number;
}

const KEEP_CHARS = 1000;

function slackText(event: WebhookEvent): string {
  const d = event.data as Record<string, any>;
  switch (event.type) {
    case 'session.violation':
      return `:rotating_light: Chatlens ended session \`${d.sessionId}\`${d.userId ? ` (user \`${d.userId}\`)` : ''} for a violation: ${(d.findings as { subtype: string; severity: string }[]).map((f) => `${f.subtype} (${f.severity})`).join(', ')}`;
    case 'finding.created':
      return `:warning: Chatlens flagged message \`${d.messageId}\` in session \`${d.sessionId}\`: ${(d.findings as { subtype: string; severity: string; explanation: string }[]).map((f) => `${f.subtype} (${f.severity}): ${f.explanation}`).join('; ')}`;
    case 'rate.threshold_crossed':
      return `:chart_with_upwards_trend: Chatlens: the ${d.category} rate on ${d.day} reached ${(Number(d.rate) * 100).toFixed(1)}% (${d.flaggedTurns} of ${count(Number(d.turnsAnalyzed), 'turn')}), above the ${(Number(d.threshold) * 100).toFixed(1)}% threshold`;
    case 'test':
      return ':white_check_mark: Chatlens test event: this webhook is set up.';
  }
}

/** The request body of an event in a webhook's format. */
export function bodyOf(event: WebhookEvent, format: WebhookFormat): string {
  if (format === 'slack') return JSON.stringify({ text: slackText(event) });
  return JSON.stringify(event);
}

/** Reads at most `max` bytes of a response body, then stops reading (the rest is never buffered). */
async function readBounded(res: Response, max: number): Promise<string> {
  if (!res.body || max === 0) {
    await res.body?.cancel().catch(() => {});
    return '';
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}

/** Whether `url` may be sent to under the allow-list (empty: any). */
export function hostAllowed(url: URL, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const host = url.hostname.toLowerCase();
  return allowed.some((a) => (a.startsWith('*.') ? host.endsWith(a.slice(1)) && host.length > a.length - 1 : host === a));
}

/** Checks a webhook URL as given by an admin; the reason when it cannot be used, else null. */
export function urlProblem(raw: string, limits: WebhookLimits): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute http:// or https:// URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must be an absolute http:// or https:// URL';
  if (!hostAllowed(url, limits.allowedHosts)) return `url: host ${url.hostname} is not in CHATLENS_WEBHOOK_ALLOWED_HOSTS`;
  return null;
}

/**
 * POSTs one event. Redirects are not followed (a redirect could lead past the host allow-list):
 * a 3xx is a failed attempt like any other non-2xx answer.
 */
export async function deliver(
  target: { url: string; format: WebhookFormat; secret: string },
  event: WebhookEvent,
  meta: { deliveryId: number; attempt: number; now: Date },
  limits: WebhookLimits,
): Promise<AttemptOutcome> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  const problem = urlProblem(target.url, limits);
  if (problem) return { ok: false, statusCode: null, response: null, error: problem, durationMs: 0 };
  const body = bodyOf(event, target.format);
  const timestamp = Math.floor(meta.now.getTime() / 1000);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const res = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Chatlens-Webhooks/1',
        'x-chatlens-event': event.type,
        'x-chatlens-event-id': event.id,
        'x-chatlens-delivery': String(meta.deliveryId),
        'x-chatlens-attempt': String(meta.attempt),
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: sign(target.secret, timestamp, body),
      },
      body,
    });
    const text = await readBounded(res, limits.maxResponseBytes);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, response: text.slice(0, KEEP_CHARS) || null, error: ok ? null : `the receiver answered ${res.status}`, durationMs: elapsed() };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const why = signal.aborted ? `no answer within ${limits.timeoutMs} ms` : `the request failed: ${e.cause?.code ?? e.message}`;
    return { ok: false, statusCode: null, response: null, error: why, durationMs: elapsed() };
  }
}
