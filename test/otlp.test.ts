/**
 * `POST /v1/traces` driven by the real OpenTelemetry JS SDK and both OTLP/HTTP exporters
 * (protobuf and JSON), in the current GenAI conventions, the earlier event form and
 * OpenLLMetry's indexed attributes; then what a user sees: sessions, transcripts, tools report,
 * findings; and the refusals an exporter can meet.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type Attributes, type Span, DiagLogLevel, ROOT_CONTEXT, diag, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { builtinEngine } from '../src/analysis/engine.js';
import { HANDOFF_MESSAGE } from '../src/modules/ingest/ingest.pipeline.js';
import { type Tenant, client, newTenant, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

interface ExportResult {
  code: number;
  error?: Error;
}

/** An exporter that keeps what each export answered. */
class Recording implements SpanExporter {
  readonly results: ExportResult[] = [];
  constructor(private readonly inner: SpanExporter) {}
  export(spans: ReadableSpan[], done: (r: ExportResult) => void): void {
    this.inner.export(spans, (r) => {
      this.results.push(r);
      done(r);
    });
  }
  shutdown() {
    return this.inner.shutdown();
  }
  forceFlush() {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

// The exporters report a partial success through OpenTelemetry's diagnostic logger.
const warnings: string[] = [];
diag.setLogger(
  { error: () => {}, warn: (...args: unknown[]) => warnings.push(args.map(String).join(' ')), info: () => {}, debug: () => {}, verbose: () => {} },
  DiagLogLevel.WARN,
);

type Encoding = 'protobuf' | 'json';

function sdk(url: string, key: string, encoding: Encoding, options: { compression?: 'gzip' | 'none' } = {}) {
  const config = { url: `${url}/v1/traces`, headers: { Authorization: `Bearer ${key}` }, ...options } as never;
  const exporter = new Recording(encoding === 'protobuf' ? new ProtoExporter(config) : new JsonExporter(config));
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'support-bot' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('chat-app');
  /** A span from `start` to `end` ms ago, in `parent`'s trace when given. */
  const span = (name: string, attributes: Attributes, at: { start: number; end: number }, parent?: Span, events: [string, Attributes][] = []) => {
    const now = Date.now();
    const s = tracer.startSpan(name, { attributes, startTime: now - at.start }, parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT);
    for (const [n, a] of events) s.addEvent(n, a, now - at.start);
    s.end(now - at.end);
    return s;
  };
  return { exporter, provider, span, flush: () => provider.forceFlush() };
}

const msgs = (...m: { role: string; parts: object[] }[]) => JSON.stringify(m);
const textPart = (content: string) => ({ type: 'text', content });

const TOXIC = 'You are a worthless idiot and nobody wants to hear your stupid questions.';

describe.each(DIALECTS)('OTLP traces on $name', (dialect) => {
  const ctx = useTestServer(dialect, { engine: builtinEngine });

  const transcript = (t: Tenant, id: string) => client(ctx.url, t.analyst).get(`/api/sessions/${encodeURIComponent(id)}`);
  const today = () => new Date().toISOString().slice(0, 10);

  /**
   * A tool-using conversation in the current conventions: two model calls and the tool between
   * them, each span exported on its own (SimpleSpanProcessor), each naming the conversation.
   */
  async function sendAgentConversation(s: ReturnType<typeof sdk>, conversationId: string) {
    const root = s.span('invoke_agent support', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.conversation.id': conversationId, 'user.id': 'alice' }, { start: 60_000, end: 50_000 });
    const conversation = { 'gen_ai.conversation.id': conversationId, 'user.id': 'alice' };
    const system = JSON.stringify([textPart('You are a helpful travel assistant.')]);
    const ask = { role: 'user', parts: [textPart('What is the weather in Paris?')] };
    const call = { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }] };
    s.span(
      'chat gpt-4o',
      {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.response.model': 'gpt-4o-2024-08-06',
        'gen_ai.system_instructions': system,
        'gen_ai.input.messages': msgs(ask),
        'gen_ai.output.messages': JSON.stringify([{ ...call, finish_reason: 'tool_calls' }]),
        'gen_ai.usage.input_tokens': 52,
        'gen_ai.usage.output_tokens': 9,
        ...conversation,
      },
      { start: 59_000, end: 58_000 },
      root,
    );
    // One export at a time, in the order the calls happened (parallel exports may arrive in any order).
    await s.flush();
    s.span(
      'execute_tool get_weather',
      { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'get_weather', 'gen_ai.tool.call.id': 'call_1', 'gen_ai.tool.call.result': '{"temperature":21}', ...conversation },
      { start: 57_500, end: 57_000 },
      root,
    );
    await s.flush();
    s.span(
      'chat gpt-4o',
      {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.response.model': 'gpt-4o-2024-08-06',
        'gen_ai.system_instructions': system,
        'gen_ai.input.messages': msgs(ask, call, { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: '{"temperature":21}' }] }),
        'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: [textPart('It is 21 °C in Paris right now.')], finish_reason: 'stop' }]),
        'gen_ai.usage.input_tokens': 80,
        'gen_ai.usage.output_tokens': 12,
        ...conversation,
      },
      { start: 56_000, end: 54_500 },
      root,
    );
    // Not a GenAI span: ignored and counted.
    s.span('GET /weather', { 'http.request.method': 'GET', 'url.full': 'https://weather.example/paris' }, { start: 57_400, end: 57_100 }, root);
  }

  for (const encoding of ['protobuf', 'json'] as const) {
    it(`stores a tool-using conversation sent with the ${encoding} exporter, once however often it is delivered`, async () => {
      const t = await newTenant(ctx.db);
      const s = sdk(ctx.url, t.ingest, encoding);
      const conversation = `conv-${encoding}`;
      await sendAgentConversation(s, conversation);
      await s.flush();
      expect(s.exporter.results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);

      const first = await transcript(t, conversation);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ source: 'otlp', userId: 'alice', messageCount: 5, endedReason: null });
      expect(first.body.messages.map((m: { role: string; content: string; tools: { name: string }[] }) => [m.role, m.content, m.tools.map((x) => x.name)])).toEqual([
        ['system', 'You are a helpful travel assistant.', []],
        ['user', 'What is the weather in Paris?', []],
        ['assistant', '[tool call: get_weather]', []],
        ['tool', '{"temperature":21}', ['get_weather']],
        ['assistant', 'It is 21 °C in Paris right now.', []],
      ]);
      expect(first.body.messages[4].model).toBe('gpt-4o-2024-08-06');
      // Usage and latency (the span's duration) of each model call, on its answer.
      expect(first.body.messages.map((m: { inputTokens: number | null; outputTokens: number | null; latencyMs: number | null }) => [m.inputTokens, m.outputTokens, m.latencyMs])).toEqual([
        [null, null, null],
        [null, null, null],
        [52, 9, 1000],
        [null, null, null],
        [80, 12, 1500],
      ]);
      expect(first.body.messages.filter((m: { analyzed: boolean }) => m.analyzed).map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'assistant']);

      const tools = await client(ctx.url, t.analyst).get(`/api/v2/reporting/tools/?start_date=${today()}`);
      expect(tools.body.reporting[0].dates.at(-1).tools).toEqual([{ tool_name: 'get_weather', usage_count: 1 }]);

      // The exporter retries a delivery it is not sure of: the same spans again change nothing.
      const again = sdk(ctx.url, t.ingest, encoding);
      await sendAgentConversation(again, conversation);
      await again.flush();
      const second = await transcript(t, conversation);
      expect(second.body.messages).toEqual(first.body.messages);
      const report = await client(ctx.url, t.analyst).get(`/api/v2/reporting/chat-sessions/?start_date=${today()}`);
      const day = report.body.reporting[0].dates.at(-1);
      expect(day.sessions.sessions_count).toBe(1);
      expect(day.chats).toMatchObject({ user_queries_count: 1, model_responses_count: 2 });
      const toolsAgain = await client(ctx.url, t.analyst).get(`/api/v2/reporting/tools/?start_date=${today()}`);
      expect(toolsAgain.body.reporting[0].dates.at(-1).tools).toEqual([{ tool_name: 'get_weather', usage_count: 1 }]);
    });
  }

  it('records each turn of a re-sent chat history once, analyses it, and ends the session on a toxic answer', async () => {
    const t = await newTenant(ctx.db);
    const s = sdk(ctx.url, t.ingest, 'protobuf', { compression: 'gzip' });
    const history: { role: string; parts: object[] }[] = [];
    const turns = ['Hi, can you help me with my order?', 'It has not arrived yet.', 'Why are you so slow?'];
    const answers = ['Of course, what is the order number?', 'Sorry to hear that; let me check the delivery status.', TOXIC];
    turns.forEach((q, i) => {
      history.push({ role: 'user', parts: [textPart(q)] });
      // Each turn is its own trace, as a web request per turn gives; the conversation id ties them.
      s.span(
        'chat gpt-4o-mini',
        {
          'gen_ai.operation.name': 'chat',
          'gen_ai.conversation.id': 'order-help',
          'enduser.id': 'bob',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.input.messages': JSON.stringify(history),
          'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: [textPart(answers[i])], finish_reason: 'stop' }]),
        },
        { start: 30_000 - i * 5_000, end: 29_000 - i * 5_000 },
      );
      history.push({ role: 'assistant', parts: [textPart(answers[i])] });
    });
    await s.flush();
    expect(s.exporter.results.map((r) => r.code)).toEqual([0, 0, 0]);

    const res = await transcript(t, 'order-help');
    const contents = res.body.messages.map((m: { content: string }) => m.content);
    expect(contents).toEqual([turns[0], answers[0], turns[1], answers[1], turns[2], TOXIC, HANDOFF_MESSAGE]);
    expect(res.body).toMatchObject({ userId: 'bob', endedReason: 'violation', source: 'otlp' });
    const toxic = res.body.messages[5];
    expect(toxic.model).toBe('gpt-4o-mini');
    expect(toxic.findings.map((f: { category: string }) => f.category)).toContain('toxicity');

    const flagged = await client(ctx.url, t.analyst).get('/api/findings?category=toxicity&days=1');
    expect(flagged.status).toBe(200);
    expect(flagged.body.findings.map((f: { sessionId: string }) => f.sessionId)).toContain('order-help');
    const monitor = await client(ctx.url, t.analyst).get('/api/monitor/sessions');
    expect(monitor.body.sessions.map((x: { id: string }) => x.id)).toContain('order-help');
  });

  it('reads the earlier event form and groups spans without a conversation id by trace', async () => {
    const t = await newTenant(ctx.db);
    const s = sdk(ctx.url, t.ingest, 'json');
    const span = s.span(
      'chat claude-3-5-sonnet',
      { 'gen_ai.system': 'anthropic', 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'claude-3-5-sonnet', 'user.id': 'carol' },
      { start: 10_000, end: 8_000 },
      undefined,
      [
        ['gen_ai.system.message', { content: 'Answer briefly.' }],
        ['gen_ai.user.message', { content: 'What is the capital of Australia?' }],
        ['gen_ai.choice', { index: 0, finish_reason: 'stop', message: JSON.stringify({ role: 'assistant', content: 'Canberra.' }) }],
      ],
    );
    await s.flush();
    const traceId = span.spanContext().traceId;
    const res = await transcript(t, traceId);
    expect(res.status).toBe(200);
    expect(res.body.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['system', 'Answer briefly.'],
      ['user', 'What is the capital of Australia?'],
      ['assistant', 'Canberra.'],
    ]);
    expect(res.body.userId).toBe('carol');
  });

  it('puts a span without a conversation id into the conversation its trace names in the same export', async () => {
    const t = await newTenant(ctx.db);
    const exporter = new Recording(new JsonExporter({ url: `${ctx.url}/v1/traces`, headers: { Authorization: `Bearer ${t.ingest}` } }));
    const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 60_000 })] });
    const tracer = provider.getTracer('agent');
    const root = tracer.startSpan('invoke_agent helper', { attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.conversation.id': 'agent-run-7', 'user.id': 'erin' } });
    tracer
      .startSpan('chat gpt-4o', { attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.input.messages': msgs({ role: 'user', parts: [textPart('Plan my week.')] }) } }, trace.setSpan(ROOT_CONTEXT, root))
      .end();
    root.end();
    await provider.forceFlush();
    expect(exporter.results.map((r) => r.code)).toEqual([0]);
    const res = await transcript(t, 'agent-run-7');
    expect(res.body.messages.map((m: { content: string }) => m.content)).toEqual(['Plan my week.']);
    expect(res.body.userId).toBe('erin');
  });

  it("reads OpenLLMetry's indexed gen_ai.prompt / gen_ai.completion attributes", async () => {
    const t = await newTenant(ctx.db);
    const s = sdk(ctx.url, t.ingest, 'protobuf');
    s.span(
      'openai.chat',
      {
        'llm.request.type': 'chat',
        'gen_ai.system': 'OpenAI',
        'gen_ai.request.model': 'gpt-3.5-turbo',
        'gen_ai.response.model': 'gpt-3.5-turbo-0125',
        'gen_ai.prompt.0.role': 'system',
        'gen_ai.prompt.0.content': 'You are a librarian.',
        'gen_ai.prompt.1.role': 'user',
        'gen_ai.prompt.1.content': 'Recommend a novel about the sea.',
        'gen_ai.completion.0.role': 'assistant',
        'gen_ai.completion.0.content': 'Try "Moby-Dick" by Herman Melville.',
        'gen_ai.completion.0.finish_reason': 'stop',
        'gen_ai.usage.prompt_tokens': 20,
        'gen_ai.usage.completion_tokens': 11,
        'traceloop.association.properties.session_id': 'library-1',
        'traceloop.association.properties.user_id': 'dave',
      },
      { start: 5_000, end: 4_000 },
    );
    await s.flush();
    const res = await transcript(t, 'library-1');
    expect(res.body.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['system', 'You are a librarian.'],
      ['user', 'Recommend a novel about the sea.'],
      ['assistant', 'Try "Moby-Dick" by Herman Melville.'],
    ]);
    expect(res.body.messages[2]).toMatchObject({ model: 'gpt-3.5-turbo-0125', inputTokens: 20, outputTokens: 11, latencyMs: 1000 });
    expect(res.body.userId).toBe('dave');
  });

  it('reports non-GenAI spans as ignored, not rejected, and rejected spans with their reason (partial success)', async () => {
    const t = await newTenant(ctx.db);
    const s = sdk(ctx.url, t.ingest, 'protobuf');
    warnings.length = 0;
    s.span('SELECT orders', { 'db.system.name': 'postgresql' }, { start: 3_000, end: 2_900 });
    s.span('chat broken', { 'gen_ai.operation.name': 'chat', 'gen_ai.input.messages': '{not json' }, { start: 2_000, end: 1_000 });
    await s.flush();
    expect(s.exporter.results.map((r) => r.code)).toEqual([0, 0]);
    // Each span is its own export, answered in whichever order the two requests finish.
    const partial = warnings.filter((w) => w.includes('Partial Success'));
    expect(partial).toHaveLength(2);
    const ignored = partial.find((w) => w.includes('ignored'));
    const rejected = partial.find((w) => w.includes('rejected ('));
    expect(ignored).toMatch(/"errorMessage":"1 span without GenAI attributes ignored"/);
    expect(ignored).not.toMatch(/rejectedSpans":"?[1-9]/);
    expect(rejected).toMatch(/"rejectedSpans":"?1"?/);
    expect(rejected).toMatch(/gen_ai\.input\.messages is not a JSON list of messages/);
  });

  it('takes the key from OTEL_EXPORTER_OTLP_HEADERS and refuses a bad one with 401', async () => {
    const t = await newTenant(ctx.db);
    const before = process.env.OTEL_EXPORTER_OTLP_HEADERS;
    try {
      process.env.OTEL_EXPORTER_OTLP_HEADERS = `Authorization=Bearer ${t.ingest}`;
      const exporter = new Recording(new ProtoExporter({ url: `${ctx.url}/v1/traces` }));
      const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
      provider.getTracer('x').startSpan('chat', { attributes: { 'gen_ai.conversation.id': 'env-key', 'gen_ai.input.messages': msgs({ role: 'user', parts: [textPart('hello')] }) } }).end();
      await provider.forceFlush();
      expect(exporter.results.map((r) => r.code)).toEqual([0]);
      expect((await transcript(t, 'env-key')).body.messageCount).toBe(1);

      process.env.OTEL_EXPORTER_OTLP_HEADERS = 'Authorization=Bearer not-a-key';
      const refused = new Recording(new ProtoExporter({ url: `${ctx.url}/v1/traces` }));
      const p2 = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(refused)] });
      p2.getTracer('x').startSpan('chat', { attributes: { 'gen_ai.conversation.id': 'env-key-2', 'gen_ai.input.messages': msgs({ role: 'user', parts: [textPart('hi')] }) } }).end();
      await p2.forceFlush().catch(() => {});
      expect(refused.results.map((r) => r.code)).toEqual([1]);
      expect((refused.results[0].error as { code?: number }).code).toBe(401);
    } finally {
      if (before === undefined) delete process.env.OTEL_EXPORTER_OTLP_HEADERS;
      else process.env.OTEL_EXPORTER_OTLP_HEADERS = before;
    }
  });

  it('keeps companies apart: the same conversation id in two companies is two sessions', async () => {
    const a = await newTenant(ctx.db);
    const b = await newTenant(ctx.db);
    for (const [t, text] of [[a, 'question from A'], [b, 'question from B']] as const) {
      const s = sdk(ctx.url, t.ingest, 'json');
      s.span('chat', { 'gen_ai.conversation.id': 'shared-id', 'gen_ai.input.messages': msgs({ role: 'user', parts: [textPart(text)] }) }, { start: 2_000, end: 1_000 });
      await s.flush();
    }
    expect((await transcript(a, 'shared-id')).body.messages.map((m: { content: string }) => m.content)).toEqual(['question from A']);
    expect((await transcript(b, 'shared-id')).body.messages.map((m: { content: string }) => m.content)).toEqual(['question from B']);
  });

  describe('refusals in OTLP shape', () => {
    const post = (key: string | null, body: Uint8Array | string, headers: Record<string, string>) =>
      fetch(`${ctx.url}/v1/traces`, { method: 'POST', body: typeof body === 'string' ? body : new Blob([body as Uint8Array<ArrayBuffer>]), headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } });

    it('answers malformed protobuf with 400 and a binary Status naming the problem', async () => {
      const t = await newTenant(ctx.db);
      // Field 1 (resource_spans), length 200, but only three bytes follow.
      const res = await post(t.ingest, new Uint8Array([0x0a, 0xc8, 0x01, 1, 2, 3]), { 'content-type': 'application/x-protobuf' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/x-protobuf');
      const body = Buffer.from(await res.arrayBuffer());
      expect(body[0]).toBe(0x08); // Status.code
      expect(body[1]).toBe(3); // INVALID_ARGUMENT
      expect(body.toString('utf8')).toMatch(/length past the end/);
    });

    it('answers malformed JSON and non-OTLP JSON with 400, the Status fields and the error envelope', async () => {
      const t = await newTenant(ctx.db);
      for (const body of ['{"resourceSpans": [', '{"resourceSpans": {"not": "a list"}}']) {
        const res = await post(t.ingest, body, { 'content-type': 'application/json' });
        expect(res.status).toBe(400);
        const json = (await res.json()) as { code: number; message: string; error: { code: string; requestId: string } };
        expect(json).toMatchObject({ code: 3, error: { code: 'BAD_REQUEST' } });
        expect(json.message).toBe((json.error as unknown as { message: string }).message);
      }
    });

    it('answers a broken gzip body with 400 and a gzip bomb with 413', async () => {
      const t = await newTenant(ctx.db);
      const broken = await post(t.ingest, new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4]), { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' });
      expect(broken.status).toBe(400);
      const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
      const big = await post(t.ingest, bomb, { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' });
      expect(big.status).toBe(413);
    });

    it('answers other content types and encodings with 415, and a bad key with 401', async () => {
      const t = await newTenant(ctx.db);
      const text = await post(t.ingest, 'hello', { 'content-type': 'text/plain' });
      expect(text.status).toBe(415);
      expect(((await text.json()) as { error: { message: string } }).error.message).toMatch(/application\/x-protobuf or application\/json/);
      const br = await post(t.ingest, '{}', { 'content-type': 'application/json', 'content-encoding': 'br' });
      expect(br.status).toBe(415);
      const unauth = await post('wrong', new Uint8Array(), { 'content-type': 'application/x-protobuf' });
      expect(unauth.status).toBe(401);
      expect(unauth.headers.get('content-type')).toBe('application/x-protobuf');
      expect(Buffer.from(await unauth.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0x08, 16])); // UNAUTHENTICATED
      const analyst = await post(t.analyst, '{}', { 'content-type': 'application/json' });
      expect(analyst.status).toBe(403);
    });

    it('answers an empty request with success and an empty response', async () => {
      const t = await newTenant(ctx.db);
      const pb = await post(t.ingest, new Uint8Array(), { 'content-type': 'application/x-protobuf' });
      expect(pb.status).toBe(200);
      expect((await pb.arrayBuffer()).byteLength).toBe(0);
      const json = await post(t.ingest, '{}', { 'content-type': 'application/json' });
      expect(json.status).toBe(200);
      expect(await json.json()).toEqual({});
    });
  });
});
