/**
 * `POST /v1/chat/completions` through Chatlens. The request's new messages are analysed under the
 * company's policy before the upstream is called, so a violating user turn never reaches it (and
 * is recorded at once, ending the session); the answer is analysed when it arrives, and a
 * violation replaces it with the handoff (`block`) or is only recorded (`flag-only`). Streams are
 * guarded sentence by sentence (proxy.stream.ts). The turn (new messages and answer) is recorded
 * in one write-path chunk (proxy.exchange.ts): after the answer has gone out for a non-streamed
 * request, before `[DONE]` for a stream, at once when the upstream fails. Sessions have source
 * `proxy`.
 */
import { performance } from 'node:perf_hooks';
import { isoNow } from '../../lib/time.js';
import { randomId } from '../../lib/random-id.js';
import { HANDOFF_MESSAGE } from '../ingest/ingest.pipeline.js';
import { type CompletionAnswer, completionId, handoffCompletion, sendHandoff, toolCallsOf, usageOf } from './proxy.completion.js';
import { type ChatRequest, countAnswers, documentsInToolResult, firstUserText, newMessages, parseChatRequest, threadKey } from './proxy.conversation.js';
import { ProxyError } from './proxy.errors.js';
import { type AnswerFacts, ENDED_HEADER, type Exchange, HANDOFF_SHOWN, type ProxyDeps, SESSION_HEADER, USER_HEADER, checkAnswer, checkFresh, freshInputs, loadSession, orRecord, record } from './proxy.exchange.js';
import * as repo from './proxy.repository.js';
import { streamed } from './proxy.stream.js';
import { requestJson } from './proxy.upstream.js';

export type { CompletionAnswer, EventSink } from './proxy.completion.js';
export type { ProxyDeps } from './proxy.exchange.js';

const sessionIdPattern = /^[^\u0000]{1,200}$/;

function headerValue(v: string | string[] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? null : s.trim();
}

/** The session this request belongs to: named by the header, found by its opening, or new. */
async function sessionOf(deps: ProxyDeps, companyId: number, req: ChatRequest, header: string | null): Promise<{ sessionId: string; opening: string | null }> {
  if (header !== null) {
    if (!sessionIdPattern.test(header)) throw new ProxyError(400, `${SESSION_HEADER} must be 1 to 200 characters`, 'invalid_value', SESSION_HEADER);
    return { sessionId: header, opening: null };
  }
  const key = threadKey(req.user, req.messages);
  if (key === null) return { sessionId: `px_${randomId(18)}`, opening: firstUserText(req.messages) };
  // A conversation that began before the proxy saw it still gets one stable session.
  const known = deps.writes.pendingThread(companyId, key) ?? (await repo.findThread(deps.ingest.db, companyId, key));
  return { sessionId: known ?? `px_${key.slice(0, 32)}`, opening: null };
}

/**
 * Answers one Chat Completions request: refusals as ProxyError, upstream failures as
 * UpstreamError/ProxyError (the new messages are recorded before either can happen).
 */
export async function chatCompletion(
  deps: ProxyDeps,
  companyId: number,
  body: unknown,
  headers: Record<string, string | string[] | undefined>,
  bodyText: string | null = null,
): Promise<CompletionAnswer> {
  const request = parseChatRequest(body, headerValue(headers[USER_HEADER]), bodyText);
  const { settings, policy } = await deps.companies.get(companyId);
  if (settings.models.length > 0 && !settings.models.includes(request.model)) {
    throw new ProxyError(404, `The model \`${request.model}\` does not exist or you do not have access to it.`, 'model_not_found', 'model');
  }
  if (!settings.upstream) {
    // The company's set-up, not a fault of the server: 400, so clients do not retry it.
    throw new ProxyError(400, 'no upstream is configured for this company: an admin sets one with PUT /api/proxy/settings, or the server with CHATLENS_UPSTREAM_URL', 'upstream_not_configured');
  }
  const { sessionId, opening } = await sessionOf(deps, companyId, request, headerValue(headers[SESSION_HEADER]));
  const fresh = newMessages(request.messages);
  const x: Exchange = {
    deps,
    companyId,
    request,
    upstream: settings.upstream,
    mode: settings.guardrails,
    policy,
    sessionId,
    opening,
    answers: countAnswers(request.messages),
    fresh,
    documents: fresh.filter((m) => m.role === 'tool').flatMap((m) => documentsInToolResult(m.text)),
    stored: { count: 0, turns: [] },
    freshInputs: [],
    freshFindings: [],
    receivedAt: isoNow(),
  };
  x.freshInputs = freshInputs(x);
  const { ended } = await loadSession(x);
  const sessionHeaders: Record<string, string> = { [SESSION_HEADER]: sessionId };
  // An ended session gets the handoff again: nothing is recorded or sent upstream.
  if (ended !== null) return handoff(request, { ...sessionHeaders, [ENDED_HEADER]: ended });
  if (await checkFresh(x)) {
    // Recorded now: the write path ends the session on the same violation and adds the handoff.
    await record(x, null, HANDOFF_SHOWN);
    return handoff(request, { ...sessionHeaders, [ENDED_HEADER]: 'violation' });
  }
  return request.stream ? streamed(x, sessionHeaders) : nonStreamed(x, sessionHeaders);
}

function handoff(request: ChatRequest, headers: Record<string, string>): CompletionAnswer {
  if (!request.stream) return { kind: 'json', headers, body: handoffCompletion(request.model) };
  return {
    kind: 'stream',
    run: async (sink) => {
      sink.open(headers);
      sendHandoff(sink, { id: completionId(), created: Math.floor(Date.now() / 1000), model: request.model }, true);
    },
  };
}

async function nonStreamed(x: Exchange, headers: Record<string, string>): Promise<CompletionAnswer> {
  const started = performance.now();
  const { json, text } = await orRecord(x, (up) => requestJson(up, 'POST', '/chat/completions', x.request.text ?? JSON.stringify(x.request.body)));
  const latencyMs = performance.now() - started;
  const choices = Array.isArray(json.choices) ? (json.choices as Record<string, unknown>[]) : [];
  const message = (choices[0]?.message ?? {}) as Record<string, unknown>;
  const content = typeof message.content === 'string' ? message.content : '';
  const { findings, violates } = await checkAnswer(x, content);
  const facts: AnswerFacts = {
    text: content,
    toolCalls: toolCallsOf(message.tool_calls),
    model: typeof json.model === 'string' && json.model ? json.model : x.request.model,
    usage: usageOf(json.usage),
    latencyMs,
    findings,
  };
  // Recorded once the answer has gone out: the client does not wait for the write. The session's
  // next request waits for it (ProxyWrites), so it sees this answer and an ended session.
  record(x, facts, violates ? HANDOFF_SHOWN : { text: content, toolCalls: facts.toolCalls }).catch((err: unknown) =>
    x.deps.ingest.log?.error({ err, sessionId: x.sessionId }, 'a proxied answer could not be recorded'),
  );
  // Passed on as the upstream wrote it: parsed to be read, not serialised again.
  if (!violates) return { kind: 'json', headers, body: json, text };
  // The answer broke the policy: the client gets the handoff in its place.
  const replaced = { ...json, choices: [{ index: 0, message: { role: 'assistant', content: HANDOFF_MESSAGE, refusal: null }, logprobs: null, finish_reason: 'content_filter' }] };
  return { kind: 'json', headers: { ...headers, [ENDED_HEADER]: 'violation' }, body: replaced };
}

/** `GET /v1/models`: the upstream's list, narrowed to the company's allow-list when it has one. */
export async function listModels(deps: ProxyDeps, companyId: number): Promise<Record<string, unknown>> {
  const { settings } = await deps.companies.get(companyId);
  if (!settings.upstream) throw new ProxyError(400, 'no upstream is configured for this company: an admin sets one with PUT /api/proxy/settings, or the server with CHATLENS_UPSTREAM_URL', 'upstream_not_configured');
  const { json } = await requestJson(settings.upstream, 'GET', '/models');
  if (settings.models.length === 0 || !Array.isArray(json.data)) return json;
  const allowed = new Set(settings.models);
  return { ...json, data: (json.data as { id?: unknown }[]).filter((m) => typeof m.id === 'string' && allowed.has(m.id)) };
}

