/**
 * What a Chat Completions request says about the conversation, as pure functions: its messages in
 * Chatlens's terms, which of them are new (the chat product re-sends the whole conversation each
 * turn), the key that ties a re-sent conversation to its session, the ids that make a retried
 * request a duplicate, and the documents a tool result carried.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../chat/turn.js';
import { LIMITS } from '../../chat/events.js';
import { ProxyError } from './proxy.errors.js';

/** One message of the request, as Chatlens stores it. */
export interface ConversationMessage {
  role: Role;
  text: string;
  /** Tool calls the assistant asked for: their ids tie the tool results to it. */
  toolCalls: { id: string; name: string }[];
}

export interface ChatRequest {
  /** The body as sent, forwarded to the upstream unchanged (but for `stream_options`). */
  body: Record<string, unknown>;
  /** Its JSON text as the client sent it, when known: forwarded as is, not serialised again. */
  text: string | null;
  model: string;
  stream: boolean;
  /** The client asked for the usage chunk at the end of a stream. */
  includeUsage: boolean;
  user: string | null;
  messages: ConversationMessage[];
}

/** Requests with more messages than this are refused: a conversation, not a data set. */
export const MAX_MESSAGES = 2000;

const ROLES: Record<string, Role> = { system: 'system', developer: 'system', user: 'user', assistant: 'assistant', tool: 'tool', function: 'tool' };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text of a message's content: a string, or the text parts of a list (images and audio are not text). */
function textOf(content: unknown, at: string): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    const parts: string[] = [];
    for (const p of content) {
      if (typeof p === 'string') parts.push(p);
      else if (isObj(p) && typeof p.text === 'string') parts.push(p.text);
      else if (isObj(p) && typeof p.refusal === 'string') parts.push(p.refusal);
    }
    return parts.join('\n');
  }
  throw new ProxyError(400, `${at}.content must be a string or an array of content parts`, 'invalid_value', at);
}

function toolCallsOf(m: Obj, at: string): ConversationMessage['toolCalls'] {
  const calls = m.tool_calls;
  if (calls === undefined || calls === null) return isObj(m.function_call) && typeof m.function_call.name === 'string' ? [{ id: '', name: m.function_call.name }] : [];
  if (!Array.isArray(calls)) throw new ProxyError(400, `${at}.tool_calls must be an array`, 'invalid_type', `${at}.tool_calls`);
  return calls.slice(0, LIMITS.tools).map((c) => {
    const fn = isObj(c) && isObj(c.function) ? c.function : isObj(c) && isObj(c.custom) ? c.custom : null;
    return { id: isObj(c) && typeof c.id === 'string' ? c.id : '', name: fn && typeof fn.name === 'string' && fn.name ? fn.name.slice(0, 200) : 'unknown' };
  });
}

/**
 * Validates what Chatlens reads of a request (the upstream validates the rest, as it would
 * without the proxy) and returns it with the messages in Chatlens's terms.
 */
export function parseChatRequest(raw: unknown, userHeader: string | null, text: string | null = null): ChatRequest {
  if (!isObj(raw)) throw new ProxyError(400, 'the request body must be a JSON object', 'invalid_type', null);
  const model = raw.model;
  if (typeof model !== 'string' || model.length === 0 || model.length > 200) {
    throw new ProxyError(400, 'model must be a string of 1 to 200 characters', model === undefined ? 'missing_required_parameter' : 'invalid_type', 'model');
  }
  const list = raw.messages;
  if (!Array.isArray(list) || list.length === 0) {
    throw new ProxyError(400, 'messages must be a non-empty array', list === undefined ? 'missing_required_parameter' : 'invalid_type', 'messages');
  }
  if (list.length > MAX_MESSAGES) throw new ProxyError(400, `messages must have at most ${MAX_MESSAGES} items`, 'invalid_value', 'messages');
  if (raw.stream !== undefined && raw.stream !== null && typeof raw.stream !== 'boolean') throw new ProxyError(400, 'stream must be a boolean', 'invalid_type', 'stream');
  // One answer per request is what Chatlens records and guards; several would each need a handoff.
  if (raw.n !== undefined && raw.n !== null && raw.n !== 1) throw new ProxyError(400, 'n must be 1 through the Chatlens proxy', 'invalid_value', 'n');
  let user: string | null = userHeader;
  if (raw.user !== undefined && raw.user !== null) {
    if (typeof raw.user !== 'string') throw new ProxyError(400, 'user must be a string', 'invalid_type', 'user');
    if (raw.user) user ??= raw.user;
  }
  if (user !== null && (user.length > LIMITS.idLength || user.includes('\u0000'))) throw new ProxyError(400, `user must be at most ${LIMITS.idLength} characters`, 'invalid_value', 'user');
  const messages = list.map((m, i): ConversationMessage => {
    const at = `messages[${i}]`;
    if (!isObj(m)) throw new ProxyError(400, `${at} must be an object`, 'invalid_type', at);
    const role = typeof m.role === 'string' ? ROLES[m.role] : undefined;
    if (!role) throw new ProxyError(400, `${at}.role must be one of ${Object.keys(ROLES).join(', ')}`, 'invalid_value', `${at}.role`);
    return { role, text: textOf(m.content, at), toolCalls: role === 'assistant' ? toolCallsOf(m, at) : [] };
  });
  const options = raw.stream_options;
  return {
    body: raw,
    text,
    model,
    stream: raw.stream === true,
    includeUsage: isObj(options) && options.include_usage === true,
    user: user || null,
    messages,
  };
}

/** Index of the last assistant message, -1 when there is none (a new conversation). */
export function lastAnswerIndex(messages: readonly ConversationMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].role === 'assistant') return i;
  return -1;
}

/**
 * The messages Chatlens has not seen: those after the last assistant message (the answers before
 * it came through the proxy and were recorded then). System prompts are configuration repeated
 * on every request, not turns of the conversation, so they are not recorded.
 */
export function newMessages(messages: readonly ConversationMessage[]): ConversationMessage[] {
  return messages.slice(lastAnswerIndex(messages) + 1).filter((m) => m.role !== 'system');
}

const digest = (parts: readonly (string | number)[]) => createHash('sha256').update(parts.join('\u0001')).digest('base64url');

/** What identifies an answer as the client echoes it back: its text and its tool calls' ids. */
export function answerSignature(text: string, toolCalls: readonly { id: string }[]): string {
  return `${text}\u0002${toolCalls.map((c) => c.id).join(',')}`;
}

/**
 * The key of a conversation re-sent without a session id: its end user, its first user message and
 * the first answer, as the client sends them back. Two conversations that open with the same words
 * get different answers (and tool call ids), so they stay apart; null before the first answer.
 */
export function threadKey(user: string | null, messages: readonly ConversationMessage[]): string | null {
  const firstUser = messages.find((m) => m.role === 'user');
  const firstAnswer = messages.find((m) => m.role === 'assistant');
  if (!firstAnswer) return null;
  return threadKeyOf(user, firstUser?.text ?? '', answerSignature(firstAnswer.text, firstAnswer.toolCalls));
}

export function threadKeyOf(user: string | null, firstUserText: string, answer: string): string {
  return digest(['thread', user ?? '', firstUserText, answer]);
}

/** The first user message of the request, the opening of a new conversation. */
export function firstUserText(messages: readonly ConversationMessage[]): string {
  return messages.find((m) => m.role === 'user')?.text ?? '';
}

/**
 * The id of a new message: the same request sent again (a client's retry) gives the same ids, so
 * the write path stores it once. `answers` (assistant messages before it) and `offset` place it.
 */
export function messageIdOf(sessionId: string, answers: number, offset: number, m: ConversationMessage): string {
  return `px_${digest([sessionId, answers, offset, m.role, m.text]).slice(0, 27)}`;
}

export function countAnswers(messages: readonly ConversationMessage[]): number {
  return messages.reduce((n, m) => n + (m.role === 'assistant' ? 1 : 0), 0);
}

// ── Documents in tool results ───────────────────────────────────────────────────────────────

const LIST_KEYS = ['documents', 'docs', 'sources', 'results', 'context_documents', 'chunks'];
const TEXT_KEYS = ['content', 'text', 'page_content', 'snippet', 'body'];
const NAME_KEYS = ['filename', 'file', 'source', 'url', 'path', 'name', 'title'];

export interface ToolDocument {
  id: number;
  filename: string;
  title: string | null;
  content: string;
}

/** PostgreSQL text cannot hold NUL: dropped rather than the document refused. */
const noNul = (s: string) => (s.includes('\u0000') ? s.replaceAll('\u0000', '') : s);

/** A stable positive 31-bit id for a document known by a string (a URL, a path, a UUID). */
function numericId(v: unknown, fallback: number): number {
  if (Number.isSafeInteger(v) && (v as number) >= 0) return v as number;
  if (typeof v === 'string' && /^\d{1,15}$/.test(v)) return Number(v);
  if (typeof v === 'string' && v) return createHash('sha256').update(v).digest().readUInt32BE(0) >>> 1;
  return fallback;
}

/**
 * Documents in a tool result, when it is JSON holding a list of objects with text (a retrieval
 * tool's usual answer: `[{ id, title, url, content }]` or `{ documents: [...] }`). Anything else
 * is a plain tool result with no documents.
 */
export function documentsInToolResult(text: string): ToolDocument[] {
  const s = text.trim();
  if (!(s.startsWith('[') || s.startsWith('{')) || s.length > LIMITS.documentContentLength * 4) return [];
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    return [];
  }
  if (isObj(v)) v = LIST_KEYS.map((k) => v && (v as Obj)[k]).find(Array.isArray) ?? [v];
  if (!Array.isArray(v)) return [];
  const out: ToolDocument[] = [];
  for (const d of v) {
    if (!isObj(d) || out.length >= LIMITS.documents) continue;
    const content = TEXT_KEYS.map((k) => d[k]).find((x): x is string => typeof x === 'string' && x.length > 0);
    if (!content) continue;
    const name = NAME_KEYS.map((k) => d[k]).find((x): x is string => typeof x === 'string' && x.length > 0);
    const filename = noNul(name ?? `document-${out.length + 1}`).slice(0, 500) || `document-${out.length + 1}`;
    out.push({
      id: numericId(d.id ?? d.document_id ?? name, out.length + 1),
      filename,
      title: typeof d.title === 'string' ? noNul(d.title).slice(0, 500) : null,
      content: noNul(content).slice(0, LIMITS.documentContentLength),
    });
  }
  return out;
}
