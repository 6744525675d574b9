/**
 * A trace export, stored through the ingest write path: GenAI spans become `message` events of
 * sessions (source `otlp`), analysed and counted like any other turn; other spans are counted
 * and ignored.
 *
 * Sessions: `gen_ai.conversation.id` (or `session.id`); a span without one takes the one another
 * span of its trace carries in the same request, else its trace id.
 *
 * Duplicates: instrumentations record the whole conversation so far on every model call (the
 * chat API is stateless), so the same user message arrives again with each later turn. A
 * message's id is therefore derived from its session and the conversation up to and including
 * it (a hash chain over role and text): the same conversation prefix is the same message,
 * whichever span or delivery it comes in, and is a duplicate through the write path's event
 * idempotency (scope `otlp`). A re-sent span changes nothing.
 *
 * Tools: a tool result is one message, whether it comes from an `execute_tool` span or from the
 * conversation a later model call was given: both are keyed by the session and the tool call id
 * (an `execute_tool` span without one, by its trace and span ids), so the tools report counts
 * each call once. An assistant message that asks for a tool shows `[tool call: name]`.
 */
import { createHash } from 'node:crypto';
import { EventError, parseEvent } from '../../chat/events.js';
import type { Role } from '../../chat/turn.js';
import type { IngestDeps, IngestOptions } from '../ingest/ingest.js';
import type { ChunkItem } from '../ingest/ingest.chunk.js';
import { storeEvents } from '../ingest/ingest.service.js';
import { type ExportOutcome, OTLP_CHUNK, OTLP_LIMITS, type OtlpSpan } from './otlp.js';
import { type GenAiSpan, readSpan } from './otlp.genai.js';

/**
 * Traces are live traffic reported after the fact, like the ingest API: a violation ends the
 * session (the monitor shows it handed over) and later turns of it are still recorded.
 */
export const OTLP: IngestOptions = { source: 'otlp', endSessionsOnViolation: true };

const hash = (...parts: string[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${p.length}:${p}`);
  return h.digest('base64url').slice(0, 32);
};

interface Planned {
  span: number;
  raw: Record<string, unknown>;
}

interface Reading extends GenAiSpan {
  index: number;
  traceId: string;
  spanId: string;
}

/** The events of one GenAI span, in conversation order, each with its derived message id. */
function eventsOf(r: Reading, sessionId: string): Planned[] {
  const out: Planned[] = [];
  const base = { type: 'message', sessionId, userId: r.userId ?? undefined };
  const add = (id: string, role: Role, content: string, timestamp: string, extra: Record<string, unknown> = {}) => {
    out.push({ span: r.index, raw: { ...base, id, messageId: id, role, content, timestamp, ...extra } });
  };
  const toolId = (callId: string) => `otlp-${hash('tool-call', sessionId, callId)}`;
  let chain = sessionId;
  for (const m of r.input) {
    chain = `otlp-${hash(chain, m.role, m.content)}`;
    add(m.toolCallId ? toolId(m.toolCallId) : chain, m.role, m.content, r.start, m.toolName ? { tools: [{ name: m.toolName }] } : {});
  }
  r.output.forEach((m, i) => {
    // Each choice answers the same conversation; the first carries the call's usage and latency.
    add(`otlp-${hash(chain, m.role, m.content)}`, m.role, m.content, r.end, m.role === 'assistant' ? { model: r.model ?? undefined, ...(i === 0 ? usageOf(r) : {}) } : {});
  });
  if (r.tool) {
    const id = r.tool.callId ? toolId(r.tool.callId) : `otlp-${hash('tool-span', r.traceId, r.spanId)}`;
    add(id, 'tool', r.tool.result ?? '', r.end, { tools: [{ name: r.tool.name }] });
  }
  return out;
}

/** Token usage of the call (`gen_ai.usage.*`) and its latency (the span's duration), for its answer. */
function usageOf(r: Reading): Record<string, unknown> {
  return { inputTokens: r.inputTokens, outputTokens: r.outputTokens, latencyMs: r.latencyMs };
}

const shortId = (spanId: string) => spanId || '(no id)';

/** Stores what the spans carry for company `companyId`; says how many were accepted, rejected, ignored. */
export async function exportTraces(deps: IngestDeps, companyId: number, spans: OtlpSpan[]): Promise<ExportOutcome> {
  const outcome: ExportOutcome = { spans: spans.length, accepted: 0, rejected: 0, ignored: 0, empty: 0, reasons: [] };
  const rejected = new Map<number, string>();
  const readings: Reading[] = [];
  spans.forEach((s, index) => {
    const r = readSpan(s);
    if (r.kind === 'ignored') outcome.ignored++;
    else if (r.kind === 'rejected') rejected.set(index, r.reason);
    else readings.push({ ...r, index, traceId: s.traceId, spanId: s.spanId });
  });

  // A span without a conversation id joins the conversation its trace names elsewhere.
  const conversationOfTrace = new Map<string, string>();
  const userOfTrace = new Map<string, string>();
  for (const r of readings) {
    if (r.conversationId && !conversationOfTrace.has(r.traceId)) conversationOfTrace.set(r.traceId, r.conversationId);
    if (r.userId && !userOfTrace.has(r.traceId)) userOfTrace.set(r.traceId, r.userId);
  }
  readings.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.index - b.index));

  const planned: Planned[] = [];
  for (const r of readings) {
    r.userId ??= userOfTrace.get(r.traceId) ?? null;
    const events = eventsOf(r, r.conversationId ?? conversationOfTrace.get(r.traceId) ?? r.traceId);
    if (events.length === 0) {
      outcome.empty++;
      continue;
    }
    if (planned.length + events.length > OTLP_LIMITS.messagesPerRequest) {
      rejected.set(r.index, `the request carries more than ${OTLP_LIMITS.messagesPerRequest} messages; send smaller batches (OTEL_BSP_MAX_EXPORT_BATCH_SIZE)`);
      continue;
    }
    planned.push(...events);
  }

  const items: ChunkItem[] = planned.map((p) => {
    const id = p.raw.id as string;
    try {
      const event = parseEvent(p.raw);
      return { id, key: event.id, event };
    } catch (err) {
      if (!(err instanceof EventError)) throw err;
      return { id, error: err.message };
    }
  });
  const stored = new Set<number>();
  for (let i = 0; i < items.length; i += OTLP_CHUNK) {
    const results = await storeEvents(deps, companyId, items.slice(i, i + OTLP_CHUNK), OTLP, 'otlp');
    results.forEach((res, j) => {
      const span = planned[i + j].span;
      if (res.status === 'rejected') {
        if (!rejected.has(span)) rejected.set(span, res.error ?? 'rejected');
      } else stored.add(span);
    });
  }
  for (const r of readings) if (stored.has(r.index) && !rejected.has(r.index)) outcome.accepted++;
  outcome.rejected = rejected.size;
  for (const [index, reason] of [...rejected].slice(0, OTLP_LIMITS.errorReasons)) outcome.reasons.push(`span ${shortId(spans[index].spanId)}: ${reason}`);
  return outcome;
}

/** The partial-success message of an export, or null when every span was stored. */
export function partialSuccess(o: ExportOutcome): { rejectedSpans: number; errorMessage: string } | null {
  const notes: string[] = [];
  const spans = (n: number) => `${n} span${n === 1 ? '' : 's'}`;
  if (o.rejected) notes.push(`${o.rejected} of ${spans(o.spans)} rejected (${o.reasons.join('; ')}${o.rejected > o.reasons.length ? '; …' : ''})`);
  if (o.ignored) notes.push(`${spans(o.ignored)} without GenAI attributes ignored`);
  if (o.empty) notes.push(`${o.empty} GenAI ${spans(o.empty).replace(/^\d+ /, '')} carried no messages (turn on content capture, e.g. OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true)`);
  return notes.length ? { rejectedSpans: o.rejected, errorMessage: notes.join('; ') } : null;
}
