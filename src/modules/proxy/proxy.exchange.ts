/**
 * One proxied request as the write path sees it (`Exchange`): the session as it stood, the new
 * messages and the answer analysed in memory under the company's policy — the engine and policy
 * steps the write path runs, on the same context — so the decision to hand over is taken before
 * anything is sent, and one write-path chunk then records the turn with those findings (the
 * write path reuses them, and ends the session on the same violation).
 */
import type { CompanyPolicy } from '../../analysis/policy.js';
import type { Finding } from '../../analysis/types.js';
import { HISTORY_TURNS, contextFor } from '../../chat/context.js';
import type { Turn } from '../../chat/turn.js';
import { LIMITS, type MessageInput, parseMessageFields } from '../../chat/events.js';
import type { Config } from '../../config.js';
import { isoNow } from '../../lib/time.js';
import { randomId } from '../../lib/random-id.js';
import type { IngestDeps, IngestOptions, StoredTurn } from '../ingest/ingest.js';
import { HANDOFF_MESSAGE, applyCompanyPolicy } from '../ingest/ingest.pipeline.js';
import * as ingestRepo from '../ingest/ingest.repository.js';
import { POOL_TURN_CHARS, charsOf } from '../ingest/ingest.service.js';
import type { ToolCall, Usage } from './proxy.completion.js';
import { type ChatRequest, type ConversationMessage, type ToolDocument, answerSignature, messageIdOf, threadKeyOf } from './proxy.conversation.js';
import type { GuardrailMode } from './proxy.js';
import type { ProxyCompanies } from './proxy.companies.js';
import type { Upstream } from './proxy.upstream.js';
import * as repo from './proxy.repository.js';
import type { ProxyWrites } from './proxy.writes.js';

export interface ProxyDeps {
  ingest: IngestDeps;
  config: Readonly<Config>;
  writes: ProxyWrites;
  /** Each company's settings and policy, kept between requests. */
  companies: ProxyCompanies;
}

/** Response headers the proxy adds. */
export const SESSION_HEADER = 'x-chatlens-session-id';
export const ENDED_HEADER = 'x-chatlens-session-ended';
export const USER_HEADER = 'x-chatlens-user-id';

/** The answer to record. */
export interface AnswerFacts {
  text: string;
  toolCalls: ToolCall[];
  model: string;
  usage: Usage;
  latencyMs: number;
  /** The engine's findings when the answer was analysed in memory already; undefined: the write path analyses it. */
  findings?: Finding[] | null;
}

/** One request: its session as it stood, its new messages, and what it needs to record them. */
export interface Exchange {
  deps: ProxyDeps;
  companyId: number;
  request: ChatRequest;
  upstream: Upstream;
  mode: GuardrailMode;
  policy: CompanyPolicy;
  sessionId: string;
  /** The opening of a conversation seen for the first time (no answer in it yet): its thread is registered with the first answer. */
  opening: string | null;
  /** Assistant messages in the request: places the new messages in the conversation. */
  answers: number;
  /** The request's new messages (after its last answer). */
  fresh: ConversationMessage[];
  /** Documents of the tool results among them, given to the answer. */
  documents: ToolDocument[];
  /** The session as stored before this request: its message count and last turns. */
  stored: { count: number; turns: Turn[] };
  /** The new messages as the write path reads them (checked when the request arrives). */
  freshInputs: MessageInput[];
  /** The engine's findings for each new message (null: not analysed; undefined: left to the write path). */
  freshFindings: (Finding[] | null | undefined)[];
  receivedAt: string;
}

export function ingestOptions(mode: GuardrailMode): IngestOptions {
  // flag-only records findings and never ends a session; a session ended before (by the policy,
  // or by the chat product) is refused either way, as on the live-turn endpoint.
  return { source: 'proxy', endSessionsOnViolation: mode === 'block', refuseEndedSessions: true };
}

/**
 * The session as stored (after this process's pending writes to it): whether it has ended, its
 * message count and last turns. A new conversation has none of these, and costs no read.
 */
export async function loadSession(x: Exchange): Promise<{ ended: 'user' | 'violation' | null }> {
  if (x.opening !== null) return { ended: null };
  const { ingest } = x.deps;
  await x.deps.writes.settled(x.companyId, x.sessionId);
  const row = await repo.findSessionState(ingest.db, x.companyId, x.sessionId);
  if (!row) return { ended: null };
  const count = Number(row.message_count);
  const cached = ingest.tails?.get(x.companyId, x.sessionId, count);
  const turns = cached ? cached.turns : ((await ingestRepo.sessionTails(ingest.db, x.companyId, [x.sessionId], HISTORY_TURNS)).get(x.sessionId)?.turns ?? []);
  x.stored = { count, turns };
  return { ended: row.ended_at ? (row.ended_reason ?? 'violation') : null };
}

/**
 * The engine's findings for `turn` in context, as the write path's analyse step computes them;
 * undefined when the engine fails. A long turn (a RAG prompt, a long answer) is analysed in the
 * worker pool, as a long live turn is (ingest.service.ts), not on the thread every request shares.
 */
async function analyse(x: Exchange, turn: Turn, earlier: readonly Turn[], documents: readonly ToolDocument[]): Promise<Finding[] | undefined> {
  const { engine, tails, log, analyzer } = x.deps.ingest;
  try {
    if (analyzer && analyzer.threads > 0 && charsOf({ content: turn.content, documents }) >= POOL_TURN_CHARS) {
      const [[found]] = await analyzer.analyze([{ seed: earlier.slice(-HISTORY_TURNS), messages: [{ role: turn.role, content: turn.content, documents: [...documents] }] }]);
      return found ?? undefined;
    }
    return engine.analyze(turn, contextFor(turn.role, earlier, documents), tails ? { session: tails.analysesOf(x.companyId, x.sessionId) } : undefined);
  } catch (err) {
    // The write path analyses the turn again, and stores it unanalysed if the engine fails there too.
    log?.error({ err }, 'analysis engine failed on a proxied turn');
    return undefined;
  }
}

const turnsOf = (messages: readonly ConversationMessage[]): Turn[] => messages.map((m) => ({ role: m.role, content: m.text }));

/** The turns before the answer: the stored ones and the request's new messages. */
export function turnsBeforeAnswer(x: Exchange): Turn[] {
  return [...x.stored.turns, ...turnsOf(x.fresh)];
}

/** Analyses the new user messages under the policy; true when one ends the session (`block` only). */
export async function checkFresh(x: Exchange): Promise<boolean> {
  let violates = false;
  const earlier = [...x.stored.turns];
  x.freshFindings = [];
  for (const m of x.fresh) {
    const turn: Turn = { role: m.role, content: m.text };
    let findings: Finding[] | null | undefined = null;
    // As in the write path, only user and assistant turns are analysed.
    if (m.role === 'user' || m.role === 'assistant') {
      findings = await analyse(x, turn, earlier, []);
      if (findings && applyCompanyPolicy(findings, x.policy, m.text).violation) violates = true;
    }
    earlier.push(turn);
    x.freshFindings.push(findings);
  }
  return violates && x.mode === 'block';
}

/**
 * A long streamed answer's findings, read in the pool once it has ended (its sentences were
 * checked as they came); undefined for a short one, which the write path reads as it stores it.
 */
export async function longAnswerFindings(x: Exchange, text: string): Promise<Finding[] | undefined> {
  if (charsOf({ content: text, documents: x.documents }) < POOL_TURN_CHARS) return undefined;
  return analyse(x, { role: 'assistant', content: text }, turnsBeforeAnswer(x), x.documents);
}

/** Analyses a whole answer under the policy; its findings, and whether it ends the session (`block` only). */
export async function checkAnswer(x: Exchange, text: string): Promise<{ findings: Finding[] | undefined; violates: boolean }> {
  const findings = await analyse(x, { role: 'assistant', content: text }, turnsBeforeAnswer(x), x.documents);
  const violates = findings !== undefined && x.mode === 'block' && applyCompanyPolicy(findings, x.policy, text).violation !== null;
  return { findings, violates };
}

/**
 * Text as the write path stores it: the proxy passes on what the upstream accepts, so instead of
 * refusing, it drops NUL characters (PostgreSQL text cannot hold them) and keeps the first 200,000
 * characters of a longer message.
 */
export function storable(text: string): string {
  const t = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  return t.length > LIMITS.contentLength ? t.slice(0, LIMITS.contentLength) : t;
}

function answerInput(x: Exchange, a: AnswerFacts): MessageInput {
  return parseMessageFields(
    {
      messageId: `px_${randomId(20)}`,
      role: 'assistant',
      content: storable(a.text),
      timestamp: isoNow(),
      userId: x.request.user ?? undefined,
      model: storable(a.model).slice(0, LIMITS.idLength) || undefined,
      documents: x.documents,
      tools: a.toolCalls.map((c) => ({ name: storable(c.name) || 'unknown' })),
      // Token usage and latency of the answer (write path message fields).
      inputTokens: a.usage.inputTokens ?? undefined,
      outputTokens: a.usage.outputTokens ?? undefined,
      latencyMs: Math.min(Math.round(a.latencyMs), LIMITS.latencyMs),
    },
    x.sessionId,
  );
}

/** The request's new messages as the write path reads them; a problem is the client's (400) before anything is sent upstream. */
export function freshInputs(x: Pick<Exchange, 'sessionId' | 'answers' | 'fresh' | 'receivedAt' | 'request'>): MessageInput[] {
  return x.fresh.map((m, offset) =>
    parseMessageFields(
      {
        messageId: messageIdOf(x.sessionId, x.answers, offset, m),
        role: m.role,
        content: storable(m.text),
        timestamp: x.receivedAt,
        userId: x.request.user ?? undefined,
      },
      x.sessionId,
    ),
  );
}

/**
 * Records the request's new messages and, when there is one, the answer, as one turn, with the
 * findings computed in memory (used while the session is still as loaded; else analysed again).
 * For the first answer of a new conversation, also where the re-sent conversation will find its
 * session: `shown` is the answer as the client got it, so the key matches what it sends back.
 * Runs after this process's earlier writes to the session, batched with other sessions' turns.
 */
export async function record(
  x: Exchange,
  answer: AnswerFacts | null,
  shown?: { text: string; toolCalls: readonly { id: string }[] },
  answerFindings?: Promise<Finding[] | undefined>,
): Promise<StoredTurn | null> {
  const messages = [...x.freshInputs];
  const findings: (Finding[] | null | undefined)[] = [...x.freshFindings];
  let ready: Promise<void> | undefined;
  if (answer) {
    messages.push(answerInput(x, answer));
    findings.push(answer.findings);
    // Findings still being read (longAnswerFindings): the write waits for them in its place.
    const at = findings.length - 1;
    ready = answerFindings?.then((f) => void (findings[at] = f));
  }
  if (messages.length === 0) return null;
  const thread = x.opening !== null && shown ? threadKeyOf(x.request.user, x.opening, answerSignature(shown.text, shown.toolCalls)) : null;
  return x.deps.writes.record({ companyId: x.companyId, sessionId: x.sessionId, options: ingestOptions(x.mode), policy: x.policy, messages, findings, seed: x.stored, thread, ready });
}

/** The client got the handoff as the first answer: a new conversation's thread is keyed by it. */
export const HANDOFF_SHOWN = { text: HANDOFF_MESSAGE, toolCalls: [] };

/** Calls the upstream; when it fails, the request's new messages are recorded before the error goes back. */
export async function orRecord<T>(x: Exchange, call: (up: Upstream) => Promise<T>): Promise<T> {
  try {
    return await call(x.upstream);
  } catch (err) {
    await record(x, null);
    throw err;
  }
}
