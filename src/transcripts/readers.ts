/**
 * Streams records out of a transcript file without holding the file in memory: the file is read
 * in 64 KB chunks (gunzipped on the fly), cut into lines or JSON elements, and each record is
 * parsed on its own, so a bad record becomes an error for its line and the rest is kept.
 * Memory is bounded by MAX_RECORD_BYTES (one record), whatever the file size.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { countQuotes, headerCells, columnsOf, detectDelimiter, splitCsvRecord, type CsvColumns } from './csv.js';
import type { Detected } from './detect.js';
import { MAX_RECORD_BYTES, type SourceRecord, TranscriptError } from './formats.js';
import { type ExpansionLimits, expansionError } from './expansion.js';
import { JsonSplitter } from './json-splitter.js';

export interface RecordStream {
  records: AsyncGenerator<SourceRecord>;
  /** Bytes of the stored (possibly compressed) file read so far. */
  rawBytes(): number;
  close(): void;
}

const MB = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

/**
 * Opens `filePath` and yields its records from index `skip` on (records before it are cut out
 * but not parsed: that is how a resumed job continues where it stopped).
 */
export function openRecords(
  filePath: string,
  detected: Detected,
  skip = 0,
  maxRecordBytes = MAX_RECORD_BYTES,
  /** Bounds on a gzip file's expansion; past them the stream fails with a TranscriptError saying which. */
  expansion?: ExpansionLimits,
): RecordStream {
  const file = fs.createReadStream(filePath, { highWaterMark: 64 * 1024 });
  let source: AsyncIterable<Buffer> = file;
  let gunzip: zlib.Gunzip | null = null;
  if (detected.gzip) {
    gunzip = zlib.createGunzip();
    source = file.pipe(gunzip);
    file.on('error', (err) => gunzip!.destroy(err));
  }
  const wrapped = guardStream(source, detected.gzip, expansion ? { limits: expansion, compressed: () => file.bytesRead } : undefined);
  const records =
    detected.layout === 'lines'
      ? jsonLineRecords(wrapped, skip, maxRecordBytes)
      : detected.layout === 'csv'
        ? csvRecords(wrapped, skip, maxRecordBytes)
        : documentRecords(wrapped, skip, maxRecordBytes);
  return {
    records,
    rawBytes: () => file.bytesRead,
    close: () => {
      file.destroy();
      gunzip?.destroy();
    },
  };
}

/** Turns low-level stream failures (corrupt gzip) into messages a person understands; counts what gzip expands to. */
async function* guardStream(
  source: AsyncIterable<Buffer>,
  gzip: boolean,
  expansion?: { limits: ExpansionLimits; compressed: () => number },
): AsyncGenerator<Buffer> {
  let decompressed = 0;
  try {
    for await (const chunk of source) {
      if (gzip && expansion) {
        decompressed += chunk.length;
        const refused = expansionError(expansion.limits, decompressed, expansion.compressed());
        if (refused) throw refused;
      }
      yield chunk;
    }
  } catch (err) {
    if (err instanceof TranscriptError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (gzip && typeof code === 'string' && code.startsWith('Z_')) {
      throw new TranscriptError(`the gzip data is corrupt or truncated (${(err as Error).message})`);
    }
    throw err;
  }
}

interface RawLine {
  /** null when the line was longer than the limit (its bytes were dropped, not buffered). */
  bytes: Buffer | null;
  line: number;
  length: number;
}

/** Cuts a byte stream into lines; a line over `max` bytes is dropped as it streams by. */
async function* rawLines(source: AsyncIterable<Buffer>, max: number): AsyncGenerator<RawLine> {
  let parts: Buffer[] = [];
  let len = 0;
  let overflow = false;
  let line = 0;
  let first = true;
  for await (let chunk of source) {
    if (first) {
      first = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    let pos = 0;
    while (pos <= chunk.length) {
      const nl = chunk.indexOf(10, pos);
      const end = nl === -1 ? chunk.length : nl;
      const piece = end - pos;
      if (!overflow && len + piece > max) {
        overflow = true;
        parts = [];
      }
      if (!overflow && piece > 0) parts.push(chunk.subarray(pos, end));
      len += piece;
      if (nl === -1) break;
      line++;
      yield { bytes: overflow ? null : parts.length === 1 ? parts[0] : Buffer.concat(parts, len), line, length: len };
      parts = [];
      len = 0;
      overflow = false;
      pos = nl + 1;
    }
  }
  if (len > 0 || overflow) {
    line++;
    yield { bytes: overflow ? null : Buffer.concat(parts, len), line, length: len };
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeLine(bytes: Buffer): string | null {
  try {
    const text = utf8.decode(bytes);
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  } catch {
    return null;
  }
}

function jsonError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return `invalid JSON: ${msg.length > 160 ? `${msg.slice(0, 159)}…` : msg}`;
}

/** JSON Lines: every physical line is a record (blank lines are records without a value). */
async function* jsonLineRecords(source: AsyncIterable<Buffer>, skip: number, max: number): AsyncGenerator<SourceRecord> {
  let index = -1;
  for await (const raw of rawLines(source, max)) {
    index++;
    if (index < skip) continue;
    if (!raw.bytes) {
      yield { index, line: raw.line, error: `line is longer than the ${MB(max)} limit (${MB(raw.length)}); skipped` };
      continue;
    }
    const text = decodeLine(raw.bytes);
    if (text === null) {
      yield { index, line: raw.line, error: 'line is not valid UTF-8; convert the file to UTF-8' };
      continue;
    }
    if (text.trim() === '') {
      yield { index, line: raw.line };
      continue;
    }
    try {
      yield { index, line: raw.line, value: JSON.parse(text) };
    } catch (err) {
      yield { index, line: raw.line, error: jsonError(err) };
    }
  }
}

/** Row of a CSV file keyed by field name. */
export type CsvRow = Partial<Record<keyof CsvColumns, string>>;

/**
 * CSV with a header row. A record is a line, or several when a quoted field holds newlines
 * (an odd number of quotes keeps the record open). Records are counted from the first data row.
 */
async function* csvRecords(source: AsyncIterable<Buffer>, skip: number, max: number): AsyncGenerator<SourceRecord> {
  let columns: CsvColumns | null = null;
  let delimiter = ',';
  let index = -1;
  let pending: string | null = null;
  let pendingLine = 0;
  let pendingLen = 0;
  let pendingQuotes = 0;
  for await (const raw of rawLines(source, max)) {
    if (!raw.bytes || pendingLen + raw.length > max) {
      if (columns === null) throw new TranscriptError(`the CSV header line is longer than ${MB(max)}`);
      index++;
      const line = pending !== null ? pendingLine : raw.line;
      pending = null;
      pendingLen = 0;
      if (index >= skip) yield { index, line, error: `CSV record is longer than the ${MB(max)} limit; skipped` };
      continue;
    }
    const text = decodeLine(raw.bytes);
    if (text === null) {
      if (columns === null) throw new TranscriptError('the CSV header is not valid UTF-8');
      index++;
      pending = null;
      pendingLen = 0;
      if (index >= skip) yield { index, line: raw.line, error: 'line is not valid UTF-8; convert the file to UTF-8' };
      continue;
    }
    if (columns === null) {
      if (text.trim() === '') continue;
      delimiter = detectDelimiter(text) ?? ',';
      columns = columnsOf(headerCells(text));
      continue;
    }
    let record: string;
    if (pending !== null) {
      pending += `\n${text}`;
      pendingLen += raw.length + 1;
      pendingQuotes += countQuotes(text);
      if (pendingQuotes % 2 === 1) continue;
      record = pending;
    } else {
      if (text.trim() === '') continue;
      const quotes = countQuotes(text);
      if (quotes % 2 === 1) {
        pending = text;
        pendingLine = raw.line;
        pendingLen = raw.length;
        pendingQuotes = quotes;
        continue;
      }
      record = text;
      pendingLine = raw.line;
    }
    const line = pendingLine;
    pending = null;
    pendingLen = 0;
    index++;
    if (index < skip) continue;
    yield { index, line, value: rowOf(splitCsvRecord(record, delimiter), columns) };
  }
  if (pending !== null) {
    index++;
    if (index >= skip) yield { index, line: pendingLine, error: 'a quoted CSV field is never closed (unbalanced quote); the rest of the file could not be read' };
  }
  if (columns === null) throw new TranscriptError('the file is empty', 'BAD_REQUEST');
}

function rowOf(cells: string[], columns: CsvColumns): CsvRow {
  const row: CsvRow = {};
  for (const [field, i] of Object.entries(columns) as [keyof CsvColumns, number][]) {
    if (i < cells.length) row[field] = cells[i];
  }
  return row;
}

/**
 * JSON document: a top-level array (each element is a record) or an object whose sessions array
 * is found under one of LIST_KEYS (each element is a record). Any other object is one record.
 * The document is scanned incrementally, tracking only strings and nesting, so memory holds one
 * element at a time.
 */
async function* documentRecords(source: AsyncIterable<Buffer>, skip: number, max: number): AsyncGenerator<SourceRecord> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const splitter = new JsonSplitter(max);
  let offset = 0;
  let index = -1;
  const drain = function* (): Generator<SourceRecord> {
    for (const el of splitter.take()) {
      index++;
      if (index < skip) continue;
      if (el.error) yield { index, line: el.line, error: el.error };
      else {
        try {
          yield { index, line: el.line, value: JSON.parse(el.text!) };
        } catch (err) {
          yield { index, line: el.line, error: jsonError(err) };
        }
      }
    }
  };
  let first = true;
  for await (const chunk of source) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new TranscriptError(`the file is not valid UTF-8 (near byte ${offset}); convert it to UTF-8 and upload it again`);
    }
    offset += chunk.length;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    splitter.feed(text);
    yield* drain();
  }
  splitter.end();
  yield* drain();
}
