/**
 * A streamed answer: the upstream's Server-Sent Events passed on as they come, except text,
 * which leaves a sentence at a time once the guard (proxy.guard.ts) has checked it. A violating
 * sentence is never sent: the stream ends with the handoff and the upstream request is cancelled.
 */
import { performance } from 'node:perf_hooks';
import { contextFor } from '../../chat/context.js';
import { HANDOFF_MESSAGE } from '../ingest/ingest.pipeline.js';
import { type CompletionAnswer, chunk, completionId, sendHandoff, usageOf } from './proxy.completion.js';
import { type AnswerFacts, type Exchange, longAnswerFindings, orRecord, record, turnsBeforeAnswer } from './proxy.exchange.js';
import { SentenceGuard } from './proxy.guard.js';
import { readFailure, request } from './proxy.upstream.js';

/** Splits Server-Sent Events as they arrive; yields each event's data. */
function* sseData(buffer: { text: string }): Generator<string> {
  for (;;) {
    const m = /\r?\n\r?\n/.exec(buffer.text);
    if (!m) return;
    const event = buffer.text.slice(0, m.index);
    buffer.text = buffer.text.slice(m.index + m[0].length);
    const data = event
      .split(/\r?\n/)
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(l.startsWith('data: ') ? 6 : 5))
      .join('\n');
    if (data) yield data;
  }
}

export async function streamed(x: Exchange, headers: Record<string, string>): Promise<CompletionAnswer> {
  const started = performance.now();
  // Usage comes only when asked for: ask always (it is stored), pass it on only when the client asked.
  const upstreamBody =
    x.request.includeUsage && x.request.text !== null
      ? x.request.text
      : JSON.stringify({ ...x.request.body, stream_options: { ...(x.request.body.stream_options as object | undefined), include_usage: true } });
  const call = await orRecord(x, (up) => request(up, 'POST', '/chat/completions', upstreamBody));
  return {
    kind: 'stream',
    run: async (sink) => {
      sink.open({ ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      const log = x.deps.ingest.log;
      const guard =
        x.mode === 'block'
          ? new SentenceGuard(x.deps.ingest.engine, x.policy, contextFor('assistant', turnsBeforeAnswer(x), x.documents), (err) => log?.error({ err }, 'analysis engine failed on a streamed sentence'))
          : null;
      const base = { id: completionId(), created: Math.floor(Date.now() / 1000), model: x.request.model };
      let text = '';
      let sent = '';
      const calls = new Map<number, { id: string; name: string }>();
      let usage: AnswerFacts['usage'] = { inputTokens: null, outputTokens: null };
      let blocked = false;
      let failure: string | null = null;
      let finish: string | null = null;
      const release = (r: { release: string; blocked: boolean }) => {
        if (r.release) {
          sink.send(chunk(base, { content: r.release }, null));
          sent += r.release;
        }
        blocked = r.blocked;
      };
      // A client that hangs up stops the upstream's answer too (no tokens paid for nobody); what came is recorded.
      sink.onClose(() => call.close());
      const buffer = { text: '' };
      call.response.setEncoding('utf8');
      try {
        read: for await (const piece of call.response) {
          call.touch();
          buffer.text += piece as string;
          for (const data of sseData(buffer)) {
            if (data === '[DONE]') break read;
            let event: Record<string, unknown>;
            try {
              event = JSON.parse(data) as Record<string, unknown>;
            } catch {
              continue; // a comment or keep-alive some servers send
            }
            if (event.error) {
              // An error inside the stream is passed on as OpenAI sends it; the client raises it.
              sink.send(data);
              failure = 'the upstream sent an error mid-stream';
              break read;
            }
            if (typeof event.id === 'string') base.id = event.id;
            if (typeof event.created === 'number') base.created = event.created;
            if (typeof event.model === 'string') base.model = event.model;
            if (event.usage) usage = usageOf(event.usage);
            const choices = Array.isArray(event.choices) ? (event.choices as Record<string, unknown>[]) : [];
            const choice = choices[0];
            if (!choice) {
              if (x.request.includeUsage) sink.send(data);
              continue;
            }
            const delta = (choice.delta ?? {}) as Record<string, unknown>;
            for (const c of Array.isArray(delta.tool_calls) ? (delta.tool_calls as Record<string, unknown>[]) : []) {
              const i = typeof c.index === 'number' ? c.index : 0;
              const known = calls.get(i) ?? { id: '', name: '' };
              if (typeof c.id === 'string') known.id = c.id;
              const fn = (c.function ?? {}) as Record<string, unknown>;
              if (typeof fn.name === 'string') known.name += fn.name;
              calls.set(i, known);
            }
            const content = typeof delta.content === 'string' ? delta.content : '';
            text += content;
            finish = typeof choice.finish_reason === 'string' ? choice.finish_reason : null;
            if (!guard) {
              sink.send(data);
              continue;
            }
            // Held-back text leaves as whole sentences; the rest of the chunk (role, tool calls) at once.
            const { content: _held, ...rest } = delta;
            if (content) {
              const r = guard.push(content);
              release(r);
              // Checked text leaves now, before the rest of this read is checked: Node sends a
              // response's writes when the event loop turns, so turn it.
              if (r.release && !r.blocked) {
                sink.flush();
                await new Promise((resolve) => setImmediate(resolve));
              }
            }
            if (blocked) break read;
            if (finish) {
              release(guard.push('', true));
              if (blocked) break read;
            }
            if (Object.keys(rest).length > 0 || finish) {
              sink.send(JSON.stringify({ ...event, choices: [{ ...choice, delta: rest }] }));
            }
          }
          sink.flush();
          if (sink.closed) break;
        }
        if (guard && !blocked && !finish && !failure && !sink.closed) release(guard.push('', true));
      } catch (err) {
        const cause = call.failure() ?? readFailure(err);
        failure = cause.message;
        if (!sink.closed) sink.send(JSON.stringify(cause.body()));
      } finally {
        call.close();
      }
      const facts: AnswerFacts = {
        text,
        toolCalls: [...calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => ({ id: c.id, name: c.name || 'unknown' })),
        model: base.model,
        usage,
        latencyMs: performance.now() - started,
      };
      // Recorded as the stream ends; the session's next request waits for it (ProxyWrites), so it
      // sees this answer and an ended session. With no answer at all (the upstream failed first),
      // the new messages are recorded alone.
      const answered = text !== '' || facts.toolCalls.length > 0;
      // A long answer is read in the pool meanwhile (longAnswerFindings); its place in the session's writes is taken now.
      const recorded = record(x, answered ? facts : null, blocked ? { text: sent + HANDOFF_MESSAGE, toolCalls: [] } : { text, toolCalls: facts.toolCalls }, answered ? longAnswerFindings(x, text) : undefined).catch(
        (err: unknown) => log?.error({ err }, 'the streamed answer could not be recorded'),
      );
      if (blocked) {
        // Nothing of the violating sentence was sent: the handoff follows what was.
        sendHandoff(sink, base, sent === '');
      } else if (!failure && !sink.closed) {
        sink.send('[DONE]');
        sink.end();
      } else sink.end();
      await recorded;
    },
  };
}

