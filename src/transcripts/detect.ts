/**
 * Recognises a transcript file from its first bytes: compression, encoding, then format and
 * layout. Pure over a head buffer, so the upload route (an immediate 4xx), the job processor
 * and the CLI all decide the same way.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { type FormatOption, type Layout, SESSION_LIST_KEYS, SNIFF_BYTES, TranscriptError, type UploadFormat } from './formats.js';
import { csvColumns, detectDelimiter } from './csv.js';

export interface Detected {
  format: UploadFormat;
  layout: Layout;
  gzip: boolean;
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The first `SNIFF_BYTES` of a file's content, decompressed when the file is gzip. Throws a
 * TranscriptError for a corrupt gzip stream.
 */
export async function readHead(filePath: string, bytes: number = SNIFF_BYTES): Promise<{ head: Buffer; gzip: boolean }> {
  const fd = await fs.promises.open(filePath, 'r');
  let raw: Buffer;
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fd.read(buf, 0, bytes, 0);
    raw = buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
  if (!isGzip(raw)) return { head: raw, gzip: false };
  return { head: await gunzipHead(filePath, bytes), gzip: true };
}

async function gunzipHead(filePath: string, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  const source = fs.createReadStream(filePath);
  const gunzip = zlib.createGunzip();
  try {
    for await (const chunk of source.pipe(gunzip) as AsyncIterable<Buffer>) {
      parts.push(chunk);
      total += chunk.length;
      if (total >= bytes) break;
    }
  } catch (err) {
    // A head cut short is fine; a stream that is not gzip at all is not.
    if (total === 0) throw new TranscriptError(`the file starts like gzip but cannot be decompressed (${(err as Error).message})`);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

/** Refuses encodings other than UTF-8 with a message saying what to do. */
export function checkEncoding(head: Uint8Array): void {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw new TranscriptError('the file is UTF-16 encoded; save or export it as UTF-8 and upload it again');
  }
  const probe = head.subarray(0, 4096);
  if (probe.includes(0)) {
    throw new TranscriptError('the file contains NUL bytes: it is binary or UTF-16/UTF-32 encoded; upload a UTF-8 text file (optionally gzip-compressed)');
  }
  try {
    // stream: true tolerates a multi-byte character cut at the end of the head.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    const at = firstInvalidUtf8(head);
    throw new TranscriptError(
      `the file is not valid UTF-8 (first invalid byte at offset ${at}); it may be Latin-1 or Windows-1252: convert it to UTF-8 and upload it again`,
    );
  }
}

function firstInvalidUtf8(buf: Uint8Array): number {
  let lo = 0;
  let hi = buf.length;
  const dec = () => new TextDecoder('utf-8', { fatal: true });
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    try {
      dec().decode(buf.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseObject(line: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(line);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function holdsSessionList(o: Record<string, unknown>): boolean {
  return SESSION_LIST_KEYS.some((k) => {
    const v = o[k];
    return Array.isArray(v) && v.length > 0 && v.every((e) => e && typeof e === 'object' && !Array.isArray(e) && !('from' in e) && !('role' in e));
  });
}

/** The shape of one JSON record, named by the format it suggests. */
export function formatOfRecord(o: Record<string, unknown>, fallback: UploadFormat): UploadFormat {
  const conv = o.conversations ?? o.conversation;
  if (Array.isArray(conv) && conv.some((m) => m && typeof m === 'object' && ('from' in m || 'value' in m))) return 'sharegpt';
  if (Array.isArray(o.messages) && !('session_id' in o || 'sessionId' in o)) return 'openai-jsonl';
  return fallback;
}

/**
 * Decides format and layout from the decoded head. `requested` other than `auto` wins for the
 * format; the layout is still read from the content (ShareGPT comes as JSON or JSON Lines).
 */
export function detectFormat(headBytes: Uint8Array, requested: FormatOption, gzip: boolean, complete: boolean): Detected {
  checkEncoding(headBytes);
  const text = stripBom(new TextDecoder('utf-8').decode(headBytes, { stream: true }));
  const trimmed = text.trimStart();
  if (trimmed.length === 0) {
    if (complete || text.length === 0) throw new TranscriptError(gzip ? 'the file is empty once decompressed' : 'the file is empty', 'BAD_REQUEST');
  }
  const first = trimmed[0];
  const lines = trimmed.split('\n');
  const firstLine = lines[0].trim();
  const hasNewline = lines.length > 1;

  if (requested === 'csv') return { format: 'csv', layout: 'csv', gzip: checkCsv(trimmed) };

  if (first === '[' || first === '{') {
    let layout: Layout;
    let format: UploadFormat;
    if (first === '[') {
      layout = 'document';
      format = /"from"\s*:/.test(trimmed) && /"value"\s*:/.test(trimmed) ? 'sharegpt' : 'json';
    } else {
      const firstObj = parseObject(firstLine);
      // A corrupt first line among JSON Lines must not turn the whole file into a "document".
      const secondLine = lines.slice(1).find((l) => l.trim() !== '');
      const secondObj = firstObj || secondLine === undefined ? null : parseObject(secondLine.trim());
      const singleLine = complete && lines.slice(1).every((l) => l.trim() === '');
      if (firstObj && singleLine && holdsSessionList(firstObj)) {
        // `{"sessions": [...]}` written on one line is a document, not one JSONL record.
        layout = 'document';
        format = 'json';
      } else if (firstObj || secondObj) {
        layout = 'lines';
        format = formatOfRecord(firstObj ?? secondObj!, 'chatlens-jsonl');
      } else if (!hasNewline && !complete && !/^\{\s*"(sessions|conversations|data|items|chats|threads)"\s*:\s*\[/.test(trimmed)) {
        // The first line is longer than the head: one big JSON line per record.
        layout = 'lines';
        format = /"messages"\s*:\s*\[/.test(trimmed.slice(0, 200)) ? 'openai-jsonl' : 'chatlens-jsonl';
      } else {
        layout = 'document';
        format = /"from"\s*:/.test(trimmed) && /"value"\s*:/.test(trimmed) ? 'sharegpt' : 'json';
      }
    }
    if (requested === 'json' && layout === 'lines' && !complete && !hasNewline) layout = 'document';
    return { format: requested === 'auto' ? format : requested, layout, gzip };
  }

  if (requested !== 'auto') {
    throw new TranscriptError(`format ${requested} expects JSON, but the file starts with ${JSON.stringify(trimmed.slice(0, 40))}`);
  }
  if (firstLine && detectDelimiter(firstLine)) {
    const cols = csvColumns(firstLine);
    if (cols.role !== undefined || cols.content !== undefined || cols.session !== undefined) {
      return { format: 'csv', layout: 'csv', gzip: checkCsv(trimmed) };
    }
  }
  throw new TranscriptError(
    `could not recognise the format: expected Chatlens JSON Lines, JSON sessions, CSV with a header row (session id, role, content, timestamp), OpenAI chat JSON Lines or ShareGPT; the file starts with ${JSON.stringify((firstLine || trimmed).slice(0, 60))}. Pass format= to choose one.`,
  );

  function checkCsv(body: string): boolean {
    const header = body.split('\n')[0].replace(/\r$/, '');
    const cols = csvColumns(header);
    const missing = [cols.session === undefined ? 'session id' : null, cols.role === undefined ? 'role' : null, cols.content === undefined ? 'content' : null].filter(Boolean);
    if (missing.length) {
      throw new TranscriptError(
        `the CSV header must name columns for session id, role and content (missing: ${missing.join(', ')}; found: ${JSON.stringify(header.slice(0, 200))})`,
      );
    }
    return gzip;
  }
}
