/**
 * Turns one record (a JSONL line, a JSON element, a CSV row) into validated messages. Liberal in
 * what it reads — field-name variants, ShareGPT `from`/`value`, OpenAI content parts, ChatGPT
 * export `mapping` trees — and strict in what it produces: every message passes the same
 * `parseMessageFields` validation as live traffic.
 *
 * Ids are deterministic so a resumed job produces the same rows as an uninterrupted one:
 *  - session id: the record's own (`sessionId`, `session_id`, `conversation_id`, `id`, …), else
 *    `<sha16>-<record index>`;
 *  - message id: `<session id>/<the record's message id>` when the file gives one, else
 *    `<sha16>-<record index>.<n>`; hashed when longer than 200 characters;
 *  - with `idPrefix` (a forced re-upload) both get `u<uploadId>:` in front.
 */
import { createHash } from 'node:crypto';
import { EventError, LIMITS, type MessageInput, parseMessageFields } from '../chat/events.js';
import type { Role } from '../chat/turn.js';
import { isNormalTime } from '../lib/time.js';
import type { SourceRecord, UploadFormat } from './formats.js';

export interface NormalizeContext {
  /** First 16 hex digits of the file's sha256: derived ids are stable across runs of the same file. */
  sha16: string;
  /** '' normally; `u<uploadId>:` for a forced re-upload, so its ids never collide with the first one. */
  idPrefix: string;
  /** When the upload was received: the time of turns that carry none. */
  receivedAt: string;
  format: UploadFormat;
}

export interface NormalizedRecord {
  messages: MessageInput[];
  /** Problems with parts of the record (one message of a session); the rest of it is kept. */
  errors: string[];
}

type Obj = Record<string, unknown>;

const SESSION_ID_KEYS = ['sessionId', 'session_id', 'sessionID', 'conversation_id', 'conversationId', 'chat_id', 'chatId', 'thread_id', 'threadId', 'session', 'conversation'];
const SESSION_OWN_ID_KEYS = ['id', 'uuid', '_id'];
const MESSAGE_LIST_KEYS = ['messages', 'conversations', 'conversation', 'turns', 'dialog', 'dialogue', 'chat', 'history', 'items'];
const ROLE_KEYS = ['role', 'from', 'speaker', 'author', 'sender', 'type'];
const CONTENT_KEYS = ['content', 'text', 'value', 'message', 'body', 'parts', 'utterance'];
const TIME_KEYS = ['timestamp', 'created_at', 'createdAt', 'time', 'date', 'datetime', 'ts', 'create_time', 'sent_at', 'start_time', 'started_at', 'update_time'];
const USER_KEYS = ['userId', 'user_id', 'userID', 'user', 'end_user', 'endUserId', 'customer_id'];
const MESSAGE_ID_KEYS = ['messageId', 'message_id', 'id', 'uuid', 'msg_id'];

const ROLE_MAP: Record<string, Role> = {};
for (const r of ['user', 'human', 'customer', 'client', 'prompter', 'person', 'question', 'enduser', 'end_user', 'visitor', 'me', 'q', 'input']) ROLE_MAP[r] = 'user';
for (const r of ['assistant', 'gpt', 'bot', 'ai', 'model', 'chatgpt', 'agent', 'llm', 'answer', 'a', 'copilot', 'chatbot', 'response', 'output', 'claude', 'gemini', 'bard', 'function_call', 'gpt-4', 'gpt4', 'gpt-3.5']) ROLE_MAP[r] = 'assistant';
for (const r of ['system', 'developer', 'instruction', 'instructions', 'context']) ROLE_MAP[r] = 'system';
for (const r of ['tool', 'function', 'observation', 'tool_response', 'tool_result', 'ipython', 'function_response']) ROLE_MAP[r] = 'tool';

function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function pick(o: Obj, keys: readonly string[]): unknown {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null && o[k] !== '') return o[k];
  return undefined;
}

function idString(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function shortId(id: string): string {
  return id.length <= LIMITS.idLength ? id : `h-${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;
}

/** ISO with or without zone, date only, epoch seconds or milliseconds; null when absent; throws when unreadable. */
export function readTimestamp(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number' || (typeof v === 'string' && /^\d{9,13}(\.\d+)?$/.test(v.trim()))) {
    const n = Number(v);
    const ms = n > 1e11 ? n : n * 1000;
    const d = new Date(ms);
    if (Number.isFinite(ms) && !Number.isNaN(d.getTime())) return d.toISOString();
    throw new EventError(`timestamp ${JSON.stringify(v)} is not a date`);
  }
  if (typeof v !== 'string') throw new EventError(`timestamp must be a string or a number, got ${typeof v}`);
  const s = v.trim();
  // A canonical UTC time is the string Date would print back (every line of a Chatlens JSONL export).
  if (isNormalTime(s)) return s;
  let candidate = s.replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) candidate = `${s}T00:00:00Z`;
  // A date-time without a zone is read as UTC.
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(candidate)) candidate += 'Z';
  let ms = Date.parse(candidate);
  if (!Number.isFinite(ms)) ms = Date.parse(s);
  if (!Number.isFinite(ms)) throw new EventError(`timestamp ${JSON.stringify(s.slice(0, 60))} is not a date (use ISO 8601, e.g. 2026-04-08T12:00:00Z)`);
  return new Date(ms).toISOString();
}

function readRole(m: Obj): Role {
  let r = pick(m, ROLE_KEYS);
  if (isObj(r)) r = r.role ?? r.name;
  if (typeof r !== 'string' || r.trim() === '') throw new EventError('no role (expected role, from, speaker or author)');
  const role = ROLE_MAP[r.trim().toLowerCase()];
  if (!role) throw new EventError(`unknown role ${JSON.stringify(r.slice(0, 40))} (expected user/human, assistant/gpt, system or tool)`);
  return role;
}

function textOf(v: unknown, depth = 0): string | null {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (depth > 3) return null;
  if (Array.isArray(v)) {
    const parts: string[] = [];
    for (const p of v) {
      if (isObj(p) && p.type !== undefined && !['text', 'input_text', 'output_text'].includes(String(p.type)) && typeof p.text !== 'string') continue;
      const t = textOf(p, depth + 1);
      if (t === null) return null;
      if (t !== '') parts.push(t);
    }
    return parts.join('\n');
  }
  if (isObj(v)) {
    for (const k of ['text', 'parts', 'content', 'value']) if (v[k] !== undefined) return textOf(v[k], depth + 1);
    return null;
  }
  return null;
}

/**
 * The text of a message. A message without any content field is refused, as live ingest refuses
 * one (`content must be a string`), rather than stored as an empty turn; an empty string is
 * content, as it is live. The one exception is an OpenAI tool-call turn, whose `content` is
 * null because the call is what the assistant said.
 */
function readContent(m: Obj): string {
  const key = CONTENT_KEYS.find((k) => m[k] !== undefined && m[k] !== null);
  if (key === undefined) {
    if (CONTENT_KEYS.some((k) => m[k] === null) && (m.tool_calls || m.function_call)) return '';
    throw new EventError(`content must be a string: the message has no content (expected one of ${CONTENT_KEYS.join(', ')})`);
  }
  const text = textOf(m[key]);
  if (text === null) throw new EventError('content must be text or a list of text parts');
  return text;
}

function readDocuments(v: unknown): unknown[] | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s.startsWith('[') || s.startsWith('{')) {
      try {
        return readDocuments(JSON.parse(s));
      } catch {
        throw new EventError('documents is not valid JSON');
      }
    }
    return s.split(/[;|]/).map((f) => f.trim()).filter(Boolean).map((filename, i) => ({ id: i + 1, filename, title: null }));
  }
  const list = Array.isArray(v) ? v : [v];
  return list.map((d, i) => {
    if (typeof d === 'string') return { id: i + 1, filename: `document-${i + 1}`, title: null, content: d };
    if (!isObj(d)) return d;
    const id = Number.isSafeInteger(d.id) ? d.id : typeof d.id === 'string' && /^\d+$/.test(d.id) ? Number(d.id) : i + 1;
    const filename = idString(pick(d, ['filename', 'file', 'name', 'source', 'url', 'path', 'title'])) ?? `document-${i + 1}`;
    const title = typeof d.title === 'string' ? d.title : null;
    const content = textOf(pick(d, ['content', 'text', 'page_content', 'body', 'snippet']));
    return { id, filename, title, ...(content ? { content } : {}) };
  });
}

function readTools(m: Obj): unknown[] | undefined {
  const out: { name: string }[] = [];
  const tools = m.tools;
  if (Array.isArray(tools)) for (const t of tools) out.push({ name: typeof t === 'string' ? t : isObj(t) ? String(t.name ?? (isObj(t.function) ? t.function.name : '') ?? '') : '' });
  else if (typeof tools === 'string' && tools.trim()) for (const t of tools.split(/[;|,]/)) if (t.trim()) out.push({ name: t.trim() });
  const calls = m.tool_calls ?? m.function_call;
  for (const c of Array.isArray(calls) ? calls : calls ? [calls] : []) {
    if (isObj(c)) {
      const name = isObj(c.function) ? c.function.name : c.name;
      if (typeof name === 'string' && name) out.push({ name });
    }
  }
  return out.length ? out.slice(0, LIMITS.tools) : undefined;
}

/** A count as exports write it: a number, or digits in a string (CSV cells); '' is absent. Anything else is passed on to be refused with its reason. */
function countOf(v: unknown): unknown {
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return null;
    return /^\d{1,15}$/.test(t) ? Number(t) : v;
  }
  return v;
}

/**
 * Token usage and latency of a message: its own fields, or a `usage` object as OpenAI
 * (`prompt_tokens`, `completion_tokens`) and Anthropic (`input_tokens`, `output_tokens`) answer
 * it, on the message or in its `metadata`.
 */
function readUsage(m: Obj, metadata: Obj): Obj {
  const usage = isObj(m.usage) ? m.usage : isObj(metadata.usage) ? metadata.usage : {};
  const input = pick(m, ['inputTokens', 'input_tokens', 'prompt_tokens']) ?? pick(usage, ['prompt_tokens', 'input_tokens', 'inputTokens', 'promptTokens']);
  const output = pick(m, ['outputTokens', 'output_tokens', 'completion_tokens']) ?? pick(usage, ['completion_tokens', 'output_tokens', 'outputTokens', 'completionTokens']);
  const latency = pick(m, ['latencyMs', 'latency_ms']) ?? pick(metadata, ['latencyMs', 'latency_ms']);
  return { inputTokens: countOf(input), outputTokens: countOf(output), latencyMs: countOf(latency) };
}

interface SessionDefaults {
  sessionId: string;
  userId: string | null;
  timestamp: string | null;
  model: string | null;
}

function buildMessage(m: Obj, n: number, rec: SourceRecord, ctx: NormalizeContext, s: SessionDefaults, previousTime: string | null): MessageInput {
  const role = readRole(m);
  const content = readContent(m);
  const ownId = idString(pick(m, MESSAGE_ID_KEYS));
  const messageId = ownId ? `${s.sessionId}/${ownId}` : `${ctx.idPrefix}${ctx.sha16}-${rec.index}.${n}`;
  const timestamp = readTimestamp(pick(m, TIME_KEYS)) ?? previousTime ?? s.timestamp ?? ctx.receivedAt;
  let userId: unknown = pick(m, USER_KEYS);
  if (isObj(userId)) userId = userId.id ?? userId.name;
  const metadata = isObj(m.metadata) ? m.metadata : {};
  const model = idString(m.model ?? m.model_name ?? metadata.model_slug ?? metadata.model) ?? (role === 'assistant' ? s.model : null);
  const fields: Obj = {
    messageId: shortId(messageId),
    role,
    content,
    timestamp,
    userId: idString(userId) ?? s.userId,
    model: model ? model.slice(0, LIMITS.idLength) : null,
    documents: readDocuments(pick(m, ['documents', 'docs', 'sources', 'context_documents'])),
    tools: readTools(m),
    ...readUsage(m, metadata),
  };
  return parseMessageFields(fields, s.sessionId);
}

function sessionIdOf(o: Obj, rec: SourceRecord, ctx: NormalizeContext, allowOwnId: boolean): string | null {
  const given = idString(pick(o, SESSION_ID_KEYS)) ?? (allowOwnId ? idString(pick(o, SESSION_OWN_ID_KEYS)) : null);
  if (given) return ctx.idPrefix + given;
  return null;
}

function checkSessionId(id: string): string {
  if (id.length > LIMITS.idLength) throw new EventError(`session id must be at most ${LIMITS.idLength} characters`);
  return id;
}

/** ChatGPT export: the conversation is a tree; the transcript is the path from current_node up to the root. */
function chatgptMessages(o: Obj): Obj[] {
  const mapping = o.mapping as Obj;
  let nodeId = typeof o.current_node === 'string' ? o.current_node : null;
  if (!nodeId) {
    // No current node: take the deepest leaf reachable by first children.
    const root = Object.entries(mapping).find(([, n]) => isObj(n) && !n.parent)?.[0];
    nodeId = root ?? null;
    while (nodeId && isObj(mapping[nodeId]) && Array.isArray((mapping[nodeId] as Obj).children) && ((mapping[nodeId] as Obj).children as unknown[]).length) {
      nodeId = String(((mapping[nodeId] as Obj).children as unknown[])[0]);
    }
  }
  const path: Obj[] = [];
  const seen = new Set<string>();
  while (nodeId && isObj(mapping[nodeId]) && !seen.has(nodeId)) {
    seen.add(nodeId);
    const node = mapping[nodeId] as Obj;
    if (isObj(node.message)) path.push(node.message);
    nodeId = typeof node.parent === 'string' ? node.parent : null;
  }
  path.reverse();
  return path.filter((m) => {
    const role = isObj(m.author) ? m.author.role : m.role;
    const text = textOf(m.content);
    // Hidden system prompts and empty tool stubs carry nothing to analyse.
    return !(text === '' && (role === 'system' || role === 'tool'));
  });
}

/** One record → its messages (a whole session for JSON formats, one message for JSONL/CSV rows). */
export function normalizeRecord(rec: SourceRecord, ctx: NormalizeContext): NormalizedRecord {
  const value = rec.value;
  if (!isObj(value)) {
    throw new EventError(Array.isArray(value) ? 'expected a JSON object (a session or a message), got an array' : `expected a JSON object, got ${value === null ? 'null' : typeof value}`);
  }
  const o = value;

  let list: unknown = undefined;
  if (isObj(o.mapping)) list = chatgptMessages(o);
  else for (const k of MESSAGE_LIST_KEYS) if (Array.isArray(o[k])) {
    list = o[k];
    break;
  }

  if (Array.isArray(list)) {
    // A session with its messages.
    const sessionId = checkSessionId(sessionIdOf(o, rec, ctx, true) ?? `${ctx.idPrefix}${ctx.sha16}-${rec.index}`);
    let userId: unknown = pick(o, USER_KEYS);
    if (isObj(userId)) userId = userId.id ?? userId.name;
    const defaults: SessionDefaults = {
      sessionId,
      userId: idString(userId),
      timestamp: readTimestamp(pick(o, TIME_KEYS)),
      model: idString(o.model ?? o.default_model_slug),
    };
    const messages: MessageInput[] = [];
    const errors: string[] = [];
    let previous: string | null = null;
    list.forEach((m, n) => {
      try {
        if (!isObj(m)) throw new EventError('expected an object');
        const msg = buildMessage(m, n, rec, ctx, defaults, previous);
        previous = msg.timestamp;
        messages.push(msg);
      } catch (err) {
        if (!(err instanceof EventError)) throw err;
        errors.push(`message ${n + 1}: ${err.message}`);
      }
    });
    if (list.length === 0) errors.push(`session ${sessionId} has no messages`);
    return { messages, errors };
  }

  // One message per record: it must name its session.
  const sessionId = sessionIdOf(o, rec, ctx, false);
  if (!sessionId) {
    throw new EventError('no session id (expected sessionId, session_id or conversation_id) and no messages list');
  }
  const defaults: SessionDefaults = { sessionId: checkSessionId(sessionId), userId: null, timestamp: null, model: null };
  return { messages: [buildMessage(o, 0, rec, ctx, defaults, null)], errors: [] };
}
