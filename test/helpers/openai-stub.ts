/**
 * A local HTTP server speaking OpenAI's Chat Completions protocol, standing in for an LLM
 * upstream (the one part of the proxy tests that cannot run here). What it answers is scripted by
 * the request:
 * - the model: `fail-429` and `fail-500` answer that error, `echo-key` a 401 quoting the key it got
 *   (as OpenAI does), `hang` never answers, `hang-stream` sends one chunk and then nothing;
 * - the last user message: `@answer=<name>` picks one of ANSWERS, `CALL_TOOL` asks for a tool call;
 *   after a tool result it answers from it; else it answers "You said: <the message>".
 * Streams are sent word by word, with the usage chunk when `stream_options.include_usage` asks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const ANSWERS: Record<string, string> = {
  toxic: 'Sure. You are [[HOSTILE_LANGUAGE:high]] and everyone knows it.',
  midtoxic: 'The first sentence is fine. The second one is fine too. Now [[HOSTILE_LANGUAGE:high]] comes here. This sentence never arrives.',
  mild: 'This answer has a [[OVERCONFIDENCE:low]] finding that the policy records. Nothing ends.',
  long: 'Refunds are processed within 14 days. The warranty lasts two years. Shipping is free above 50 euros.',
};

export const TOOL_DOCUMENTS = [{ id: 'kb-17', title: 'Refund policy', url: 'https://kb.example/refunds', content: 'Refunds are processed within 14 days of the request.' }];

export interface StubRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: Record<string, unknown> | null;
}

export interface Stub {
  url: string;
  requests: StubRequest[];
  /** Answers the stub was still sending when their connection closed. */
  cutOff: number;
  /** Resolves when the next such answer is cut off. */
  nextCutOff(): Promise<void>;
  /** Chat completion requests received for `model`. */
  completions(model?: string): StubRequest[];
  close(): Promise<void>;
}

type Msg = { role: string; content?: unknown; tool_calls?: unknown };

function answerFor(messages: Msg[]): { content: string | null; toolCalls?: unknown[] } {
  const last = messages[messages.length - 1];
  if (last?.role === 'tool') return { content: 'According to the refund policy, refunds are processed within 14 days.' };
  const user = [...messages].reverse().find((m) => m.role === 'user');
  const text = typeof user?.content === 'string' ? user.content : '';
  const scripted = /@answer=(\w+)/.exec(text);
  if (scripted && ANSWERS[scripted[1]]) return { content: ANSWERS[scripted[1]] };
  if (text.includes('CALL_TOOL')) {
    return { content: null, toolCalls: [{ id: `call_${messages.length}`, type: 'function', function: { name: 'search_docs', arguments: '{"query":"refunds"}' } }] };
  }
  return { content: `You said: ${text}` };
}

const words = (s: string) => (s.match(/\S+\s*/g) ?? []).length;

export async function startOpenAiStub(): Promise<Stub> {
  const requests: StubRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const waiting: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> | null = null;
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : null;
      } catch {
        body = null;
      }
      const path = (req.url ?? '').split('?')[0];
      const authorization = req.headers.authorization ?? null;
      requests.push({ method: req.method ?? '', path, authorization, body });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.method === 'GET' && path === '/v1/models') {
        return json(200, { object: 'list', data: ['gpt-stub', 'gpt-other', 'gpt-third'].map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'stub' })) });
      }
      if (req.method !== 'POST' || path !== '/v1/chat/completions' || !body) return json(404, { error: { message: 'not found', type: 'invalid_request_error', param: null, code: null } });
      const model = String(body.model);
      if (model === 'fail-429') return json(429, { error: { message: 'Rate limit reached for requests', type: 'requests', param: null, code: 'rate_limit_exceeded' } });
      if (model === 'fail-500') return json(500, { error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } });
      if (model === 'echo-key') return json(401, { error: { message: `Incorrect API key provided: ${authorization?.replace(/^Bearer /, '')}.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
      if (model === 'hang') {
        hanging.add(res);
        return;
      }
      const messages = (body.messages ?? []) as Msg[];
      const answer = answerFor(messages);
      const promptTokens = messages.reduce((n, m) => n + (typeof m.content === 'string' ? words(m.content) : 0), 0);
      const completionTokens = answer.content ? words(answer.content) : 5;
      const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
      const id = `chatcmpl-stub${requests.length}`;
      const created = Math.floor(Date.now() / 1000);
      const finish = answer.toolCalls ? 'tool_calls' : 'stop';
      if (body.stream !== true) {
        return json(200, {
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: answer.content, refusal: null, ...(answer.toolCalls ? { tool_calls: answer.toolCalls } : {}) }, logprobs: null, finish_reason: finish }],
          usage,
        });
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const send = (delta: Record<string, unknown>, finishReason: string | null) =>
        res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}\n\n`);
      send({ role: 'assistant', content: '' }, null);
      if (model === 'hang-stream') {
        hanging.add(res);
        res.on('close', () => {
          if (res.writableEnded) return;
          stub.cutOff++;
          for (const resolve of waiting.splice(0)) resolve();
        });
        return;
      }
      if (answer.toolCalls) {
        answer.toolCalls.forEach((c, index) => send({ tool_calls: [{ index, ...(c as object) }] }, null));
      } else {
        for (const w of answer.content!.match(/\S+\s*/g) ?? []) send({ content: w }, null);
      }
      send({}, finish);
      const options = body.stream_options as { include_usage?: boolean } | undefined;
      if (options?.include_usage) res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stub: Stub = {
    url: `http://127.0.0.1:${port}`,
    requests,
    cutOff: 0,
    nextCutOff: () => new Promise<void>((resolve) => waiting.push(resolve)),
    completions: (model) => requests.filter((r) => r.path === '/v1/chat/completions' && (model === undefined || r.body?.model === model)),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return stub;
}
