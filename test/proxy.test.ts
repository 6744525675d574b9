/**
 * The OpenAI-compatible proxy driven by the official `openai` client, against a local stub
 * upstream (test/helpers/openai-stub.ts), on SQLite and PostgreSQL: what the client gets, what
 * the upstream gets (and never gets), and what Chatlens stores and reports.
 */
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { HANDOFF_MESSAGE } from '../src/modules/ingest/ingest.pipeline.js';
import { type Tenant, client, newTenant, startTestServer, todayUtc, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { ANSWERS, type Stub, TOOL_DOCUMENTS, startOpenAiStub } from './helpers/openai-stub.js';

const SERVER_KEY = 'sk-server-default-key-0000';

describe.each(DIALECTS)('OpenAI-compatible proxy on $name', (dialect) => {
  let stub: Stub;
  let other: Stub;
  // The upstream stubs start first: the server is configured with the first one's address.
  const ctx = useTestServer(dialect, {
    start: async (database) => {
      [stub, other] = await Promise.all([startOpenAiStub(), startOpenAiStub()]);
      return startTestServer(database, undefined, {
        CHATLENS_UPSTREAM_URL: `${stub.url}/v1`,
        CHATLENS_UPSTREAM_API_KEY: SERVER_KEY,
        CHATLENS_SECRET_KEY: 'proxy-test-secret-0123456789',
      });
    },
  });
  afterAll(async () => {
    await Promise.all([stub?.close(), other?.close()]);
  });

  const openai = (key: string, headers: Record<string, string> = {}) => new OpenAI({ baseURL: `${ctx.url}/v1`, apiKey: key, maxRetries: 0, defaultHeaders: headers });
  const transcript = async (t: Tenant, id: string) => {
    // A non-streamed answer is recorded once it has gone out: wait for the proxy's writes.
    await ctx.server.app.proxyWrites.idle();
    const res = await client(ctx.url, t.admin).get(`/api/sessions/${encodeURIComponent(id)}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const streamText = async (stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) => {
    let text = '';
    let finish: string | null = null;
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const c of stream) {
      chunks.push(c);
      text += c.choices[0]?.delta?.content ?? '';
      finish = c.choices[0]?.finish_reason ?? finish;
    }
    return { text, finish, chunks };
  };

  it('answers a non-streamed request from the upstream and records the turn as a proxy session', async () => {
    const t = await newTenant(ctx.db);
    const { data, response } = await openai(t.ingest)
      .chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What plans do you offer?' }], user: 'alice' })
      .withResponse();
    expect(data.choices[0].message.content).toBe('You said: What plans do you offer?');
    expect(data.choices[0].finish_reason).toBe('stop');
    expect(data.usage?.completion_tokens).toBeGreaterThan(0);
    const sessionId = response.headers.get('x-chatlens-session-id')!;
    expect(sessionId).toBeTruthy();
    // The server's default upstream, with the server's key.
    const seen = stub.completions().at(-1)!;
    expect(seen.authorization).toBe(`Bearer ${SERVER_KEY}`);
    expect(seen.body).toMatchObject({ model: 'gpt-stub', user: 'alice' });

    const s = await transcript(t, sessionId);
    expect(s).toMatchObject({ source: 'proxy', userId: 'alice', messageCount: 2, endedAt: null });
    expect(s.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'What plans do you offer?'],
      ['assistant', 'You said: What plans do you offer?'],
    ]);
    expect(s.messages[1].model).toBe('gpt-stub');
    // Token usage as the upstream reported it, and the upstream's time for the answer.
    expect(s.messages[1]).toMatchObject({ inputTokens: data.usage!.prompt_tokens, outputTokens: data.usage!.completion_tokens });
    expect(data.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 7 });
    expect(Number.isInteger(s.messages[1].latencyMs) && s.messages[1].latencyMs >= 0).toBe(true);
    expect(s.messages[0]).toMatchObject({ inputTokens: null, outputTokens: null, latencyMs: null });
    expect(s.messages.every((m: { analyzed: boolean }) => m.analyzed)).toBe(true);

    // The monitor and the reports see it like any other session.
    const admin = client(ctx.url, t.admin);
    const monitor = await admin.get('/api/monitor/sessions');
    expect(monitor.body.sessions.map((x: { id: string }) => x.id)).toContain(sessionId);
    const q = `?start_date=${todayUtc()}&end_date=${todayUtc()}`;
    const members = await admin.get(`/api/v2/reporting/users/${q}`);
    expect(members.body.reporting[0]).toMatchObject({ total_historical_members: 1, current_active_members: 1 });
    const activity = await admin.get(`/api/v2/reporting/user-activities/${q}`);
    expect(JSON.stringify(activity.body)).toContain('"user_id":"alice"');
    const report = await admin.get(`/api/v2/reporting/chat-sessions/${q}`);
    expect(report.body.reporting[0].dates).toEqual([
      expect.objectContaining({ sessions: expect.objectContaining({ sessions_count: 1, unique_models_count: 1 }), chats: expect.objectContaining({ user_queries_count: 1, model_responses_count: 1 }) }),
    ]);
  });

  it('streams the answer as Server-Sent Events and records it whole', async () => {
    const t = await newTenant(ctx.db);
    const { data: stream, response } = await openai(t.ingest)
      .chat.completions.create({ model: 'gpt-stub', stream: true, messages: [{ role: 'user', content: `Tell me about refunds @answer=long` }] })
      .withResponse();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const { text, finish, chunks } = await streamText(stream);
    expect(text).toBe(ANSWERS.long);
    expect(finish).toBe('stop');
    // The client did not ask for usage: it gets no usage chunk, although Chatlens asked the upstream for it.
    expect(chunks.some((c) => c.choices.length === 0)).toBe(false);
    expect(stub.completions().at(-1)!.body?.stream_options).toEqual({ include_usage: true });
    const s = await transcript(t, response.headers.get('x-chatlens-session-id')!);
    expect(s.messages.map((m: { content: string }) => m.content)).toEqual(['Tell me about refunds @answer=long', ANSWERS.long]);
    // The usage chunk Chatlens asked for is stored, though the client never saw it.
    expect(s.messages[1]).toMatchObject({ model: 'gpt-stub', inputTokens: 5, outputTokens: ANSWERS.long.split(' ').length });
    expect(s.messages[1].latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('passes the usage chunk on when the client asks for it', async () => {
    const t = await newTenant(ctx.db);
    const stream = await openai(t.ingest).chat.completions.create({ model: 'gpt-stub', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Count these words please' }] });
    const { chunks } = await streamText(stream);
    const usage = chunks.find((c) => c.usage)?.usage;
    expect(usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 6 });
  });

  it('stores two messages per turn when the conversation is re-sent whole, in one session', async () => {
    const t = await newTenant(ctx.db);
    const ai = openai(t.ingest);
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'system', content: 'You are a helpful assistant.' }];
    const sessions = new Set<string>();
    for (let turn = 1; turn <= 10; turn++) {
      messages.push({ role: 'user', content: `Question number ${turn}` });
      const { data, response } = await ai.chat.completions.create({ model: 'gpt-stub', messages, user: 'bob' }).withResponse();
      sessions.add(response.headers.get('x-chatlens-session-id')!);
      messages.push({ role: 'assistant', content: data.choices[0].message.content });
    }
    expect(sessions.size).toBe(1);
    const s = await transcript(t, [...sessions][0]);
    expect(s.messageCount).toBe(20);
    expect(s.messages.map((m: { content: string }) => m.content).slice(0, 4)).toEqual(['Question number 1', 'You said: Question number 1', 'Question number 2', 'You said: Question number 2']);

    // A retried request (the same messages again) does not store the user turn twice.
    messages.push({ role: 'user', content: 'Question number 11' });
    await ai.chat.completions.create({ model: 'gpt-stub', messages, user: 'bob' });
    await ai.chat.completions.create({ model: 'gpt-stub', messages, user: 'bob' });
    const after = await transcript(t, [...sessions][0]);
    expect(after.messages.filter((m: { content: string }) => m.content === 'Question number 11')).toHaveLength(1);

    // Another conversation of the same user is another session.
    const { response } = await ai.chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: 'A new topic' }], user: 'bob' }).withResponse();
    expect(sessions.has(response.headers.get('x-chatlens-session-id')!)).toBe(false);
  });

  it('uses X-Chatlens-Session-Id and X-Chatlens-User-Id when sent', async () => {
    const t = await newTenant(ctx.db);
    const ai = openai(t.ingest, { 'X-Chatlens-Session-Id': 'chat-42', 'X-Chatlens-User-Id': 'carol' });
    await ai.chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: 'First' }] });
    await ai.chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: 'Second' }] });
    const s = await transcript(t, 'chat-42');
    expect(s.userId).toBe('carol');
    expect(s.messages.map((m: { content: string }) => m.content)).toEqual(['First', 'You said: First', 'Second', 'You said: Second']);
  });

  it('records tool calls for the tools report and documents from tool results for the documents report', async () => {
    const t = await newTenant(ctx.db);
    const ai = openai(t.ingest, { 'X-Chatlens-Session-Id': 'tools-1' });
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [{ type: 'function', function: { name: 'search_docs', parameters: { type: 'object', properties: { query: { type: 'string' } } } } }];
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'CALL_TOOL: how long do refunds take?' }];
    const first = await ai.chat.completions.create({ model: 'gpt-stub', messages, tools });
    const call = first.choices[0].message.tool_calls![0] as OpenAI.Chat.Completions.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('search_docs');
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: JSON.stringify({ documents: TOOL_DOCUMENTS }) });
    const second = await ai.chat.completions.create({ model: 'gpt-stub', messages, tools });
    expect(second.choices[0].message.content).toMatch(/14 days/);

    const s = await transcript(t, 'tools-1');
    expect(s.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(s.messages[1].tools).toEqual([{ name: 'search_docs' }]);
    expect(s.messages[3].documents).toEqual([expect.objectContaining({ filename: 'https://kb.example/refunds', title: 'Refund policy' })]);

    const admin = client(ctx.url, t.admin);
    const q = `?start_date=${todayUtc()}&end_date=${todayUtc()}`;
    const toolsReport = (await admin.get(`/api/v2/reporting/tools/${q}`)).body;
    expect(JSON.stringify(toolsReport)).toContain('"tool_name":"search_docs","usage_count":1');
    const docs = (await admin.get(`/api/v2/reporting/used-documents/${q}`)).body;
    expect(JSON.stringify(docs)).toContain('Refund policy');
  });

  it('streams tool calls through and records them', async () => {
    const t = await newTenant(ctx.db);
    const stream = await openai(t.ingest, { 'X-Chatlens-Session-Id': 'tools-stream' }).chat.completions.create({
      model: 'gpt-stub',
      stream: true,
      messages: [{ role: 'user', content: 'CALL_TOOL please' }],
      tools: [{ type: 'function', function: { name: 'search_docs' } }],
    });
    const { chunks, finish } = await streamText(stream);
    expect(finish).toBe('tool_calls');
    expect(chunks.some((c) => c.choices[0]?.delta?.tool_calls?.[0]?.function?.name === 'search_docs')).toBe(true);
    const s = await transcript(t, 'tools-stream');
    expect(s.messages[1]).toMatchObject({ role: 'assistant', content: '', tools: [{ name: 'search_docs' }] });
  });

  it("passes an upstream error on with the upstream's status and shape, and keeps the user turn", async () => {
    const t = await newTenant(ctx.db);
    const ai = openai(t.ingest, { 'X-Chatlens-Session-Id': 'err-1' });
    const err = await ai.chat.completions.create({ model: 'fail-429', messages: [{ role: 'user', content: 'Are you there?' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
    expect((err as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ message: 'Rate limit reached for requests', code: 'rate_limit_exceeded' });
    const err500 = await ai.chat.completions.create({ model: 'fail-500', messages: [{ role: 'user', content: 'Are you there?' }, { role: 'user', content: 'Hello?' }] }).catch((e: unknown) => e);
    expect(err500).toBeInstanceOf(OpenAI.InternalServerError);
    const s = await transcript(t, 'err-1');
    expect(s.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'Are you there?'],
      ['user', 'Hello?'],
    ]);
  });

  it('answers 504 when the upstream does not answer in time, keeping the user turn', async () => {
    const quick = await startTestServer(ctx.database, undefined, { CHATLENS_UPSTREAM_URL: `${stub.url}/v1`, CHATLENS_UPSTREAM_TIMEOUT_MS: '300' });
    try {
      const t = await newTenant(ctx.db);
      const ai = new OpenAI({ baseURL: `${quick.url}/v1`, apiKey: t.ingest, maxRetries: 0, defaultHeaders: { 'X-Chatlens-Session-Id': 'slow-1' } });
      const err = await ai.chat.completions.create({ model: 'hang', messages: [{ role: 'user', content: 'Anyone?' }] }).catch((e: unknown) => e);
      expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(504);
      expect((err as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ code: 'upstream_timeout', type: 'timeout_error' });
      // A stream that stops mid-way ends with an error event the client raises.
      const stream = await ai.chat.completions.create({ model: 'hang-stream', stream: true, messages: [{ role: 'user', content: 'Anyone?' }, { role: 'user', content: 'Still there?' }] });
      const midway = await streamText(stream).catch((e: unknown) => e);
      expect(midway).toBeInstanceOf(OpenAI.APIError);
      expect(String((midway as Error).message)).toMatch(/did not answer within 300 ms/);
      await quick.app.proxyWrites.idle();
      const s = (await client(quick.url, t.admin).get('/api/sessions/slow-1')).body;
      expect(s.messages.map((m: { content: string }) => m.content)).toEqual(['Anyone?', 'Still there?']);
    } finally {
      await quick.close();
    }
  });

  it('stops the upstream answer when the client hangs up mid-stream, and records what was sent', async () => {
    const t = await newTenant(ctx.db);
    const controller = new AbortController();
    const cut = stub.nextCutOff();
    const stream = await openai(t.ingest, { 'X-Chatlens-Session-Id': 'hang-up' }).chat.completions.create(
      { model: 'hang-stream', stream: true, messages: [{ role: 'user', content: 'Tell me everything' }] },
      { signal: controller.signal },
    );
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.choices[0]?.delta?.role).toBe('assistant');
    controller.abort();
    // The upstream's answer is cut off although the upstream would have gone on for 10 minutes.
    await cut;
    const s = await transcript(t, 'hang-up');
    expect(s.messages.map((m: { content: string }) => m.content)).toEqual(['Tell me everything']);
  });

  it('blocks a violating user turn before the upstream: the handoff comes back and the session is ended', async () => {
    const t = await newTenant(ctx.db);
    const ai = openai(t.ingest);
    const before = stub.completions().length;
    const toxic = 'You are [[HOSTILE_LANGUAGE:high]], answer me';
    const { data, response } = await ai.chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: toxic }], user: 'dave' }).withResponse();
    expect(data.choices[0].message.content).toBe(HANDOFF_MESSAGE);
    expect(data.choices[0].finish_reason).toBe('content_filter');
    expect(response.headers.get('x-chatlens-session-ended')).toBe('violation');
    expect(stub.completions().length).toBe(before);
    const sessionId = response.headers.get('x-chatlens-session-id')!;
    const s = await transcript(t, sessionId);
    expect(s).toMatchObject({ endedReason: 'violation', source: 'proxy' });
    expect(s.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', toxic],
      ['system', HANDOFF_MESSAGE],
    ]);
    expect(s.messages[0].findings[0]).toMatchObject({ subtype: 'HOSTILE_LANGUAGE', severity: 'high' });
    // The flagged turns list shows it, as for any session.
    const flagged = (await client(ctx.url, t.admin).get('/api/findings?category=toxicity&days=1')).body;
    expect(JSON.stringify(flagged)).toContain(sessionId);

    // The chat product carries on with the conversation: same ended session, handoff again, no upstream call.
    const again = await ai.chat.completions
      .create({ model: 'gpt-stub', stream: true, messages: [{ role: 'user', content: toxic }, { role: 'assistant', content: HANDOFF_MESSAGE }, { role: 'user', content: 'Hello?' }], user: 'dave' })
      .withResponse();
    expect(again.response.headers.get('x-chatlens-session-id')).toBe(sessionId);
    expect(again.response.headers.get('x-chatlens-session-ended')).toBe('violation');
    const streamed = await streamText(again.data);
    expect(streamed).toMatchObject({ text: HANDOFF_MESSAGE, finish: 'content_filter' });
    expect(stub.completions().length).toBe(before);
    expect((await transcript(t, sessionId)).messageCount).toBe(2);
  });

  it('replaces a violating answer with the handoff and ends the session', async () => {
    const t = await newTenant(ctx.db);
    const ai = openai(t.ingest, { 'X-Chatlens-Session-Id': 'bad-answer' });
    const { data, response } = await ai.chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: 'Insult me @answer=toxic' }] }).withResponse();
    expect(data.choices[0].message.content).toBe(HANDOFF_MESSAGE);
    expect(data.choices[0].finish_reason).toBe('content_filter');
    expect(JSON.stringify(data)).not.toContain('HOSTILE');
    expect(response.headers.get('x-chatlens-session-ended')).toBe('violation');
    const s = await transcript(t, 'bad-answer');
    expect(s.endedReason).toBe('violation');
    // Stored as the upstream wrote it, for review, with the handoff after it.
    expect(s.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'Insult me @answer=toxic'],
      ['assistant', ANSWERS.toxic],
      ['system', HANDOFF_MESSAGE],
    ]);
    // A later request to the ended session gets the handoff, never the upstream.
    const before = stub.completions().length;
    const again = await ai.chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: 'Sorry, hello again' }] });
    expect(again.choices[0]).toMatchObject({ message: { content: HANDOFF_MESSAGE }, finish_reason: 'content_filter' });
    expect(stub.completions().length).toBe(before);
  });

  it('stops a stream before a violating sentence: nothing of it is sent, the handoff ends the stream', async () => {
    const t = await newTenant(ctx.db);
    const ai = openai(t.ingest, { 'X-Chatlens-Session-Id': 'bad-stream' });
    const stream = await ai.chat.completions.create({ model: 'gpt-stub', stream: true, messages: [{ role: 'user', content: 'Tell me a story @answer=midtoxic' }] });
    const { text, finish } = await streamText(stream);
    expect(text).toBe(`The first sentence is fine. The second one is fine too. ${HANDOFF_MESSAGE}`);
    expect(text).not.toContain('HOSTILE');
    expect(text).not.toContain('Now');
    expect(finish).toBe('content_filter');
    const s = await transcript(t, 'bad-stream');
    expect(s.endedReason).toBe('violation');
    expect(s.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'system']);
    expect(s.messages[1].content).toContain('[[HOSTILE_LANGUAGE:high]]');
    expect(s.messages[1].content).not.toContain('never arrives');
  });

  it('in flag-only mode records findings but withholds nothing', async () => {
    const t = await newTenant(ctx.db);
    const admin = client(ctx.url, t.admin);
    expect((await admin.put('/api/proxy/settings', { baseUrl: null, guardrails: 'flag-only' })).status).toBe(200);
    const ai = openai(t.ingest, { 'X-Chatlens-Session-Id': 'flag-only' });
    const answer = await ai.chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: 'Insult me @answer=toxic' }] });
    expect(answer.choices[0].message.content).toBe(ANSWERS.toxic);
    const stream = await ai.chat.completions.create({ model: 'gpt-stub', stream: true, messages: [{ role: 'user', content: 'Story @answer=midtoxic' }] });
    expect((await streamText(stream)).text).toBe(ANSWERS.midtoxic);
    const before = stub.completions().length;
    await ai.chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: 'You are [[HOSTILE_LANGUAGE:high]]' }] });
    expect(stub.completions().length).toBe(before + 1);
    const s = await transcript(t, 'flag-only');
    expect(s.endedAt).toBeNull();
    expect(s.messageCount).toBe(6);
    const flagged = s.messages.filter((m: { findings: unknown[] }) => m.findings.length > 0).map((m: { role: string }) => m.role);
    // The stub echoes the last user message, so its answer to it is flagged too.
    expect(flagged).toEqual(['assistant', 'assistant', 'user', 'assistant']);
    const trends = (await admin.get('/api/trends?days=1')).body;
    expect(trends.totals).toMatchObject({ issues: 4, toxicityRate: 0.6667 });
  });

  it("refuses a bad key, another role, an unknown model and a malformed body in OpenAI's error shape", async () => {
    const t = await newTenant(ctx.db);
    const bad = await openai('clk_notarealkey00_0000000000000000000000000000000000000000000').chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((bad as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
    const analyst = await openai(t.analyst).chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(analyst).toBeInstanceOf(OpenAI.PermissionDeniedError);

    const admin = client(ctx.url, t.admin);
    expect((await admin.put('/api/proxy/settings', { baseUrl: null, models: ['gpt-stub', 'gpt-other'] })).status).toBe(200);
    const unknown = await openai(t.ingest).chat.completions.create({ model: 'gpt-secret', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect((unknown as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ code: 'model_not_found', param: 'model' });
    const models = await openai(t.ingest).models.list();
    expect(models.data.map((m) => m.id)).toEqual(['gpt-stub', 'gpt-other']);

    const raw = client(ctx.url, t.ingest);
    const cases: [unknown, string | null][] = [
      [{ model: 'gpt-stub' }, 'messages'],
      [{ model: 'gpt-stub', messages: [] }, 'messages'],
      [{ messages: [{ role: 'user', content: 'x' }] }, 'model'],
      [{ model: 'gpt-stub', messages: [{ role: 'wizard', content: 'x' }] }, 'messages[0].role'],
      [{ model: 'gpt-stub', messages: [{ role: 'user', content: 'x' }], stream: 'yes' }, 'stream'],
      [{ model: 'gpt-stub', messages: [{ role: 'user', content: 'x' }], n: 3 }, 'n'],
      ['{"model": "gpt-stub", "messages": [', null],
      [[1, 2, 3], null],
    ];
    for (const [body, param] of cases) {
      const res = await raw.post('/v1/chat/completions', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', param });
      expect(typeof res.body.error.message).toBe('string');
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
    const nowhere = await raw.get('/v1/embeddings');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error.type).toBe('not_found_error');
    // OTLP's path shares the prefix but not the shape.
    const traces = await raw.get('/v1/traces');
    expect([traces.status, traces.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it("keeps companies apart: each company's upstream, key, settings and sessions are its own", async () => {
    const [a, b] = [await newTenant(ctx.db), await newTenant(ctx.db)];
    const put = await client(ctx.url, a.admin).put('/api/proxy/settings', { baseUrl: `${other.url}/v1`, apiKey: 'sk-company-a-key-1234', models: [] });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ baseUrl: `${other.url}/v1`, apiKeySet: true, effective: { upstream: 'company' } });
    expect((await client(ctx.url, b.admin).get('/api/proxy/settings')).body).toMatchObject({ baseUrl: null, apiKeySet: false, effective: { upstream: 'server', baseUrl: `${stub.url}/v1` } });
    // An ingest key may not read or change the settings.
    expect((await client(ctx.url, a.ingest).get('/api/proxy/settings')).status).toBe(403);

    const header = { 'X-Chatlens-Session-Id': 'shared-id' };
    await openai(a.ingest, header).chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: 'From A @answer=toxic' }] });
    expect(other.completions().at(-1)!.authorization).toBe('Bearer sk-company-a-key-1234');
    const fromB = await openai(b.ingest, header).chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: 'From B' }] });
    // A's session with that id ended; B's is another session and answers normally.
    expect(fromB.choices[0].message.content).toBe('You said: From B');
    expect(stub.completions().at(-1)!.authorization).toBe(`Bearer ${SERVER_KEY}`);
    const sa = await transcript(a, 'shared-id');
    const sb = await transcript(b, 'shared-id');
    expect(sa.messages.map((m: { content: string }) => m.content)).not.toContain('From B');
    expect(sb.messages.map((m: { content: string }) => m.content)).toEqual(['From B', 'You said: From B']);
  });

  it('never returns or stores the upstream key in clear', async () => {
    const t = await newTenant(ctx.db);
    const key = 'sk-very-secret-upstream-key-98765';
    const admin = client(ctx.url, t.admin);
    const answers: unknown[] = [];
    const put = await admin.put('/api/proxy/settings', { baseUrl: `${other.url}/v1`, apiKey: key, models: ['echo-key', 'gpt-stub'] });
    answers.push(put.body, put.headers.get('set-cookie'));
    answers.push((await admin.get('/api/proxy/settings')).body);
    // The upstream quotes the key it was given in its error (as OpenAI does): the client never sees it.
    const err = await openai(t.ingest).chat.completions.create({ model: 'echo-key', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(401);
    answers.push((err as InstanceType<typeof OpenAI.APIError>).error, (err as Error).message);
    expect(other.completions('echo-key').at(-1)!.authorization).toBe(`Bearer ${key}`);
    const ok = await openai(t.ingest).chat.completions.create({ model: 'gpt-stub', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    answers.push(ok.data, Object.fromEntries(ok.response.headers));
    answers.push((await client(ctx.url, t.admin).get('/openapi.json')).body);
    expect(JSON.stringify(answers)).not.toContain(key);
    expect(JSON.stringify(answers)).not.toContain('very-secret');

    const row = await ctx.db.selectFrom('proxy_upstreams').selectAll().where('company_id', '=', t.companyId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(key);
    // Leaving the key out keeps it; null removes it.
    await admin.put('/api/proxy/settings', { baseUrl: `${other.url}/v1` });
    expect((await admin.get('/api/proxy/settings')).body.apiKeySet).toBe(true);
    await admin.put('/api/proxy/settings', { baseUrl: `${other.url}/v1`, apiKey: null });
    expect((await admin.get('/api/proxy/settings')).body.apiKeySet).toBe(false);
    expect((await admin.delete('/api/proxy/settings')).body).toMatchObject({ baseUrl: null, effective: { upstream: 'server' } });
  });

  it('refuses settings that are not an http(s) upstream', async () => {
    const t = await newTenant(ctx.db);
    const admin = client(ctx.url, t.admin);
    for (const baseUrl of ['ftp://example.com/v1', 'not a url', 'http://user:pass@example.com/v1']) {
      const res = await admin.put('/api/proxy/settings', { baseUrl });
      expect(res.status, baseUrl).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
    }
    expect((await admin.put('/api/proxy/settings', { baseUrl: null, guardrails: 'sometimes' })).status).toBe(400);
  });
});
