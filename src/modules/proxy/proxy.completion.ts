/**
 * What the client gets, in OpenAI's shapes: completions and stream chunks, the handoff in place of
 * an answer, and what the proxy reads of the upstream's answers (usage, tool calls).
 */
import { LIMITS } from '../../chat/events.js';
import { randomId } from '../../lib/random-id.js';
import { HANDOFF_MESSAGE } from '../ingest/ingest.pipeline.js';

/** Where a streamed answer goes: the route writes it to the client's connection. */
export interface EventSink {
  /** Sends the status line and headers (once, before the first event). */
  open(headers: Record<string, string>): void;
  /** Queues one Server-Sent Event's data; queued events leave together at `flush` or `end`. */
  send(data: string): void;
  /** Writes the queued events (one write for all the events one upstream read produced). */
  flush(): void;
  end(): void;
  /** The client has gone: stop reading the upstream. */
  readonly closed: boolean;
  /** Calls `listener` when the client goes before the stream has ended. */
  onClose(listener: () => void): void;
}

export type CompletionAnswer =
  | { kind: 'json'; headers: Record<string, string>; body: Record<string, unknown>; /** `body` as JSON text, when it is the upstream's unchanged. */ text?: string }
  | { kind: 'stream'; run(sink: EventSink): Promise<void> };

/** Token usage as the upstream reported it, when it did. */
export interface Usage {
  inputTokens: number | null;
  outputTokens: number | null;
}

export type ToolCall = { id: string; name: string };

export function completionId(): string {
  return `chatcmpl-${randomId(18)}`;
}

export function handoffCompletion(model: string): Record<string, unknown> {
  return {
    id: completionId(),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: HANDOFF_MESSAGE, refusal: null }, logprobs: null, finish_reason: 'content_filter' }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

export function chunk(base: { id: string; created: number; model: string }, delta: Record<string, unknown>, finish: string | null): string {
  return JSON.stringify({ id: base.id, object: 'chat.completion.chunk', created: base.created, model: base.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
}

/** The handoff as a stream: its text, `finish_reason: "content_filter"`, `[DONE]`. */
export function sendHandoff(sink: EventSink, base: { id: string; created: number; model: string }, withRole: boolean): void {
  sink.send(chunk(base, withRole ? { role: 'assistant', content: HANDOFF_MESSAGE } : { content: HANDOFF_MESSAGE }, null));
  sink.send(chunk(base, {}, 'content_filter'));
  sink.send('[DONE]');
  sink.end();
}

export function usageOf(v: unknown): Usage {
  const u = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  // A count the write path would refuse is unknown rather than a reason to lose the answer.
  const n = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x <= LIMITS.tokens ? x : null);
  return { inputTokens: n(u.prompt_tokens), outputTokens: n(u.completion_tokens) };
}

export function toolCallsOf(v: unknown): ToolCall[] {
  if (!Array.isArray(v)) return [];
  return v.map((c) => {
    const o = c && typeof c === 'object' ? (c as Record<string, unknown>) : {};
    const fn = o.function && typeof o.function === 'object' ? (o.function as Record<string, unknown>) : {};
    return { id: typeof o.id === 'string' ? o.id : '', name: typeof fn.name === 'string' && fn.name ? fn.name.slice(0, 200) : 'unknown' };
  });
}

