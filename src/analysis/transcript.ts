/**
 * Turns a transcript file into analysable turns, for `chatlens analyze`: the simple shapes and
 * the eval format (with its `context` and `question`). Other exports go through the upload
 * parsers in src/transcripts (see src/cli/analyze.ts).
 *
 * Accepted:
 *  - JSONL of messages: `{"sessionId", "role", "content", "documents"?}` per line;
 *  - JSONL in the eval format: `{"id", "role", "text", "context"?, "question"?}` per line;
 *  - a JSON array of sessions: `[{"id", "messages": [{"role", "content", "documents"?}]}]`
 *    (also `{"sessions": [...]}`).
 * Documents may be strings or `{id?, title?, content}` objects.
 */
import { contextFor } from '../chat/context.js';
import type { AnalysisContext, ContextDocument, Role, Turn } from './types.js';

export interface TranscriptTurn {
  sessionId: string;
  /** Position of the turn within its session, from 0. */
  index: number;
  turn: Turn;
  context: AnalysisContext;
}

const ROLES: Role[] = ['user', 'assistant', 'system', 'tool'];

interface RawMessage {
  role?: unknown;
  content?: unknown;
  text?: unknown;
  documents?: unknown;
  context?: unknown;
  question?: unknown;
  sessionId?: unknown;
  session_id?: unknown;
  id?: unknown;
}

export function parseTranscript(text: string, file = 'input'): TranscriptTurn[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.startsWith('[') || (trimmed.startsWith('{') && !trimmed.includes('\n') && /"sessions"\s*:/.test(trimmed))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined) return fromSessions(parsed, file);
  }
  const messages: { sessionId: string; msg: RawMessage }[] = [];
  trimmed.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let msg: RawMessage;
    try {
      msg = JSON.parse(line) as RawMessage;
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const session = msg.sessionId ?? msg.session_id ?? (typeof msg.text === 'string' ? msg.id : undefined) ?? 'default';
    messages.push({ sessionId: String(session), msg });
  });
  return fromMessages(messages, file);
}

function fromSessions(parsed: unknown, file: string): TranscriptTurn[] {
  const sessions = Array.isArray(parsed) ? parsed : (parsed as { sessions?: unknown }).sessions;
  if (!Array.isArray(sessions)) throw new Error(`${file}: expected an array of sessions`);
  const messages: { sessionId: string; msg: RawMessage }[] = [];
  sessions.forEach((s: { id?: unknown; messages?: unknown }, i) => {
    if (!Array.isArray(s?.messages)) throw new Error(`${file}: session ${i} has no messages array`);
    for (const m of s.messages as RawMessage[]) messages.push({ sessionId: String(s.id ?? i), msg: m });
  });
  return fromMessages(messages, file);
}

function fromMessages(messages: { sessionId: string; msg: RawMessage }[], file: string): TranscriptTurn[] {
  const history = new Map<string, Turn[]>();
  const out: TranscriptTurn[] = [];
  for (const { sessionId, msg } of messages) {
    const content = typeof msg.content === 'string' ? msg.content : typeof msg.text === 'string' ? msg.text : null;
    if (content === null) throw new Error(`${file}: a message in session ${sessionId} has no content`);
    const role: Role = ROLES.includes(msg.role as Role) ? (msg.role as Role) : 'user';
    const earlier = history.get(sessionId) ?? [];
    const documents = toDocuments(msg.documents ?? msg.context);
    const turn: Turn = { role, content };
    const question = typeof msg.question === 'string' ? msg.question : undefined;
    out.push({ sessionId, index: earlier.length, turn, context: contextFor(role, earlier, documents, question) });
    earlier.push(turn);
    history.set(sessionId, earlier);
  }
  return out;
}

function toDocuments(raw: unknown): ContextDocument[] {
  if (raw == null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.flatMap((d, i): ContextDocument[] => {
    if (typeof d === 'string') return d ? [{ id: i + 1, title: null, content: d }] : [];
    if (d && typeof d === 'object') {
      const o = d as { id?: unknown; title?: unknown; filename?: unknown; content?: unknown };
      return [
        {
          id: typeof o.id === 'number' ? o.id : i + 1,
          title: typeof o.title === 'string' ? o.title : null,
          filename: typeof o.filename === 'string' ? o.filename : null,
          content: typeof o.content === 'string' ? o.content : null,
        },
      ];
    }
    return [];
  });
}
