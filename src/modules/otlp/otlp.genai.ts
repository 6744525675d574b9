/**
 * GenAI spans → chat turns. Pure: reads one span's attributes and events and says what it
 * carries, in any of the three forms instrumentations emit:
 *
 * - current OpenTelemetry GenAI semantic conventions: `gen_ai.system_instructions`,
 *   `gen_ai.input.messages`, `gen_ai.output.messages` (JSON strings or structured values of
 *   `{role, parts: [{type: "text", content} | {type: "tool_call", name} | {type: "tool_call_response", response}]}`),
 *   and `execute_tool` spans with `gen_ai.tool.name` (`gen_ai.tool.call.result`);
 * - the earlier event form: span events `gen_ai.system.message`, `gen_ai.user.message`,
 *   `gen_ai.assistant.message`, `gen_ai.tool.message` (input) and `gen_ai.choice` (output), with
 *   `content` / `message` / `tool_calls` attributes (or a `gen_ai.event.content` JSON body);
 * - OpenLLMetry's indexed attributes `gen_ai.prompt.N.role|content` and
 *   `gen_ai.completion.N.role|content` (`gen_ai.completion.N.tool_calls.M.name`).
 *
 * Conversation (`gen_ai.conversation.id`), end user (`user.id`, `enduser.id`), model
 * (`gen_ai.response.model`, else `gen_ai.request.model`), token usage (`gen_ai.usage.*`) and
 * latency (the span's duration) come from the span, the user also from its resource.
 */
import type { Role } from '../../chat/turn.js';
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../../http/guards.js';
import { type AttrValue, type Attrs, OTLP_LIMITS, type OtlpEvent, type OtlpSpan } from './otlp.js';

export interface GenAiMessage {
  role: Role;
  content: string;
  /** A tool result: the call it answers and, when the conversation names it, the tool. */
  toolCallId?: string;
  toolName?: string;
  /** An assistant message's tool calls. */
  toolCalls?: ToolCall[];
}

interface ToolCall {
  id: string | null;
  name: string;
}

export interface GenAiTool {
  name: string;
  callId: string | null;
  /** What the tool returned, when content capture is on. */
  result: string | null;
}

/** What a span carries for Chatlens. */
export type SpanReading =
  | { kind: 'ignored' }
  | { kind: 'rejected'; reason: string }
  | ({ kind: 'genai' } & GenAiSpan);

export interface GenAiSpan {
  conversationId: string | null;
  userId: string | null;
  model: string | null;
  /** The span's start and end as ISO times. */
  start: string;
  end: string;
  latencyMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
  /** The conversation as the span saw it (system instructions first), and what the model answered. */
  input: GenAiMessage[];
  output: GenAiMessage[];
  /** An `execute_tool` span: the tool that ran. */
  tool: GenAiTool | null;
}

type Obj = { [key: string]: AttrValue };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON string decoded (depth-bounded), or a structured value as it is; undefined when the text is not JSON. */
function structured(v: AttrValue | undefined): AttrValue | undefined {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (!t.startsWith('[') && !t.startsWith('{')) return undefined;
  if (jsonDepthExceeds(t, MAX_JSON_DEPTH)) return undefined;
  try {
    return JSON.parse(t) as AttrValue;
  } catch {
    return undefined;
  }
}

const text = (v: AttrValue | undefined): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);
const asJsonText = (v: AttrValue | undefined): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

function roleOf(v: AttrValue | undefined): Role | null {
  switch (typeof v === 'string' ? v.toLowerCase() : '') {
    case 'user':
    case 'human':
      return 'user';
    case 'assistant':
    case 'model':
    case 'ai':
      return 'assistant';
    case 'system':
    case 'developer':
      return 'system';
    case 'tool':
    case 'function':
    case 'ipython':
      return 'tool';
    default:
      return null;
  }
}

const toolCallText = (calls: ToolCall[]) => calls.map((c) => `[tool call: ${c.name}]`).join('\n');

interface Content {
  text: string;
  toolCalls: ToolCall[];
  /** The call a tool_call_response part answers. */
  responseTo: string | null;
}

/** Text of a message's content: a string, or a list of parts (`{type: "text", content|text}`, tool calls, tool results). */
function contentText(content: AttrValue | undefined): Content {
  if (content === undefined || content === null) return { text: '', toolCalls: [], responseTo: null };
  if (typeof content === 'string') {
    // OpenLLMetry writes multimodal content as a JSON list of parts.
    const parsed = content.trimStart().startsWith('[') ? structured(content) : undefined;
    return Array.isArray(parsed) ? contentText(parsed) : { text: content, toolCalls: [], responseTo: null };
  }
  if (!Array.isArray(content)) return { text: isObj(content) ? asJsonText(content) : String(content), toolCalls: [], responseTo: null };
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  let responseTo: string | null = null;
  for (const part of content) {
    if (typeof part === 'string') texts.push(part);
    if (!isObj(part)) continue;
    switch (part.type) {
      case 'text':
      case 'input_text':
      case 'output_text':
        texts.push(text(part.content) ?? text(part.text) ?? '');
        break;
      case 'tool_call':
        toolCalls.push({ id: text(part.id), name: text(part.name) ?? 'unknown' });
        break;
      case 'tool_call_response':
        texts.push(asJsonText(part.response ?? part.result));
        responseTo ??= text(part.id);
        break;
      default:
        // Reasoning, media and other parts are not what the user was shown: left out.
        break;
    }
  }
  return { text: texts.join('\n'), toolCalls, responseTo };
}

/** OpenAI-style `tool_calls: [{id, function: {name}}]` (or `{id, name}`). */
function toolCallList(v: AttrValue | undefined): ToolCall[] {
  const calls = structured(v);
  if (!Array.isArray(calls)) return [];
  return calls.filter(isObj).map((c) => ({ id: text(c.id), name: text(c.name) ?? (isObj(c.function) ? text(c.function.name) : null) ?? 'unknown' }));
}

function message(role: Role | null, content: AttrValue | undefined, toolCalls: ToolCall[] = [], toolCallId: string | null = null): GenAiMessage | null {
  if (!role) return null;
  const c = contentText(content);
  const calls = [...toolCalls, ...c.toolCalls];
  const m: GenAiMessage = { role, content: c.text || (role === 'assistant' ? toolCallText(calls) : '') };
  if (calls.length) m.toolCalls = calls;
  const answers = toolCallId ?? c.responseTo;
  if (role === 'tool' && answers) m.toolCallId = answers;
  return m;
}

/** `[{role, parts | content, tool_calls}]` (current conventions, and OpenAI-style lists). */
function messageList(v: AttrValue | undefined, defaultRole: Role | null): GenAiMessage[] | null {
  const list = structured(v);
  if (list === undefined) return null;
  if (!Array.isArray(list)) return null;
  const out: GenAiMessage[] = [];
  for (const m of list) {
    if (!isObj(m)) continue;
    const role = roleOf(m.role) ?? defaultRole;
    const msg = message(role, m.parts ?? m.content, toolCallList(m.tool_calls), text(m.tool_call_id));
    if (msg) out.push(msg);
  }
  return out;
}

// ── The three forms ─────────────────────────────────────────────────────────────────────────

function currentForm(a: Attrs): { input: GenAiMessage[]; output: GenAiMessage[] } | { error: string } | null {
  const hasAny = 'gen_ai.input.messages' in a || 'gen_ai.output.messages' in a || 'gen_ai.system_instructions' in a;
  if (!hasAny) return null;
  const input: GenAiMessage[] = [];
  if ('gen_ai.system_instructions' in a) {
    const si = a['gen_ai.system_instructions'];
    const parsed = structured(si);
    const sys = message('system', parsed === undefined ? si : parsed);
    if (sys && sys.content) input.push(sys);
  }
  for (const [key, role, into] of [['gen_ai.input.messages', null, input], ['gen_ai.output.messages', 'assistant', null]] as const) {
    if (!(key in a)) continue;
    const list = messageList(a[key], role);
    if (!list) return { error: `${key} is not a JSON list of messages` };
    if (into) into.push(...list);
    else return { input, output: list };
  }
  return { input, output: [] };
}

const EVENT_ROLES: Record<string, Role> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};

/** An event's body: its attributes, or the JSON of `gen_ai.event.content`. */
function eventBody(e: OtlpEvent): Obj {
  const packed = structured(e.attributes['gen_ai.event.content']);
  return isObj(packed) ? packed : e.attributes;
}

function eventForm(events: OtlpEvent[]): { input: GenAiMessage[]; output: GenAiMessage[] } | null {
  const input: GenAiMessage[] = [];
  const choices: { index: number; message: GenAiMessage }[] = [];
  let seen = false;
  for (const e of events) {
    const role = EVENT_ROLES[e.name];
    if (role) {
      seen = true;
      const b = eventBody(e);
      const m = message(roleOf(b.role) ?? role, b.content, toolCallList(b.tool_calls), text(b.id) ?? text(b.tool_call_id));
      if (m) input.push(m);
    } else if (e.name === 'gen_ai.choice') {
      seen = true;
      const b = eventBody(e);
      const inner = structured(b.message);
      const msg = isObj(inner) ? inner : b;
      const m = message(roleOf(msg.role) ?? 'assistant', msg.content, toolCallList(msg.tool_calls));
      if (m) choices.push({ index: typeof b.index === 'number' ? b.index : choices.length, message: m });
    }
  }
  if (!seen) return null;
  choices.sort((x, y) => x.index - y.index);
  return { input, output: choices.map((c) => c.message) };
}

function indexedForm(a: Attrs): { input: GenAiMessage[]; output: GenAiMessage[] } | null {
  const read = (prefix: string, defaultRole: Role) => {
    const out: GenAiMessage[] = [];
    for (let i = 0; i < OTLP_LIMITS.indexedMessages; i++) {
      const p = `${prefix}.${i}`;
      const role = a[`${p}.role`];
      const content = a[`${p}.content`];
      if (role === undefined && content === undefined) break;
      const calls: ToolCall[] = [];
      for (let j = 0; j < OTLP_LIMITS.indexedMessages; j++) {
        const name = text(a[`${p}.tool_calls.${j}.name`]);
        if (name === null) break;
        calls.push({ id: text(a[`${p}.tool_calls.${j}.id`]), name });
      }
      const fn = text(a[`${p}.function_call.name`]);
      if (fn) calls.push({ id: null, name: fn });
      const m = message(roleOf(role) ?? defaultRole, content, calls, text(a[`${p}.tool_call_id`]));
      if (m) out.push(m);
    }
    return out;
  };
  const input = read('gen_ai.prompt', 'user');
  const output = read('gen_ai.completion', 'assistant');
  return input.length || output.length ? { input, output } : null;
}

// ── A span ──────────────────────────────────────────────────────────────────────────────────

function first(a: Attrs, keys: string[]): string | null {
  for (const k of keys) {
    const v = text(a[k]);
    if (v) return v;
  }
  return null;
}

function tokens(a: Attrs, keys: string[]): number | null {
  for (const k of keys) {
    const v = a[k];
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
    if (typeof v === 'string' && /^\d{1,15}$/.test(v)) return Number(v);
  }
  return null;
}

/** Whether a span is a GenAI span: GenAI attributes (`gen_ai.*`, OpenLLMetry's `llm.*`) or GenAI events. */
export function isGenAiSpan(s: OtlpSpan): boolean {
  for (const k in s.attributes) if (k.startsWith('gen_ai.') || k.startsWith('llm.')) return true;
  return s.events.some((e) => e.name.startsWith('gen_ai.'));
}

/** Nanoseconds since the epoch as an ISO time; null outside the years 1970–9999. */
function isoOf(ns: bigint): string | null {
  const ms = Number(ns / 1_000_000n);
  if (ns <= 0n || ms > 253_402_300_799_999) return null;
  return new Date(ms).toISOString();
}

const USER_KEYS = ['user.id', 'enduser.id', 'traceloop.association.properties.user_id'];
const CONVERSATION_KEYS = ['gen_ai.conversation.id', 'session.id', 'traceloop.association.properties.session_id'];

export function readSpan(s: OtlpSpan): SpanReading {
  if (!isGenAiSpan(s)) return { kind: 'ignored' };
  const a = s.attributes;
  if (!/^[0-9a-f]{32}$/.test(s.traceId) || /^0+$/.test(s.traceId)) return { kind: 'rejected', reason: 'its trace id is not 16 bytes (or is all zero)' };
  if (!/^[0-9a-f]{16}$/.test(s.spanId) || /^0+$/.test(s.spanId)) return { kind: 'rejected', reason: 'its span id is not 8 bytes (or is all zero)' };
  const start = isoOf(s.startTimeUnixNano);
  if (!start) return { kind: 'rejected', reason: 'its start time is missing or out of range' };
  const end = s.endTimeUnixNano >= s.startTimeUnixNano ? isoOf(s.endTimeUnixNano) ?? start : start;

  const operation = text(a['gen_ai.operation.name']) ?? s.name.split(' ')[0];
  let tool: GenAiTool | null = null;
  if (operation === 'execute_tool') {
    const name = text(a['gen_ai.tool.name']) ?? (s.name.split(' ')[1] || null);
    if (name) tool = { name, callId: text(a['gen_ai.tool.call.id']), result: 'gen_ai.tool.call.result' in a ? asJsonText(a['gen_ai.tool.call.result']) : null };
  }

  const current = currentForm(a);
  if (current && 'error' in current) return { kind: 'rejected', reason: current.error };
  const conversation = current ?? eventForm(s.events) ?? indexedForm(a) ?? { input: [], output: [] };
  // A tool result names its tool through the call it answers.
  const names = new Map<string, string>();
  for (const m of [...conversation.input, ...conversation.output]) for (const c of m.toolCalls ?? []) if (c.id) names.set(c.id, c.name);
  for (const m of conversation.input) if (m.toolCallId && names.has(m.toolCallId)) m.toolName = names.get(m.toolCallId);

  return {
    kind: 'genai',
    conversationId: first(a, CONVERSATION_KEYS),
    userId: first(a, USER_KEYS) ?? first(s.resource, USER_KEYS),
    model: first(a, ['gen_ai.response.model', 'gen_ai.request.model']),
    start,
    end,
    latencyMs: Math.max(0, Math.round(Number(s.endTimeUnixNano - s.startTimeUnixNano) / 1e6)),
    inputTokens: tokens(a, ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens']),
    outputTokens: tokens(a, ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens']),
    input: conversation.input,
    output: conversation.output,
    tool,
  };
}
