/**
 * Transcript file formats accepted by uploads (and the CLI), and the shapes the readers and the
 * normaliser produce. Shared by the server (the upload import) and the CLI, so both agree on names.
 */
import { AppError, type ErrorCode } from '../errors.js';
import { FORMAT_OPTIONS, type FormatOption, UPLOAD_FORMATS, type UploadFormat } from './format-names.js';

export { FORMAT_OPTIONS, type FormatOption, UPLOAD_FORMATS, type UploadFormat };

/** How records are cut out of the file: one JSON value per line, elements of a JSON document, CSV rows. */
export type Layout = 'lines' | 'document' | 'csv';

/**
 * Longest accepted line (JSONL), JSON element (one session of a JSON document) or CSV record.
 * 10 MB holds a session of thousands of turns; a longer one is reported as an error for that
 * line and skipped, never buffered whole, so one runaway line cannot exhaust memory.
 */
export const MAX_RECORD_BYTES = 10 * 1024 * 1024;

/** Bytes of (decompressed) content read to recognise the format and the encoding. */
export const SNIFF_BYTES = 64 * 1024;

/** One record cut out of the file: a JSONL line, a JSON array element or a CSV row. */
export interface SourceRecord {
  /** Position among the file's records, from 0; what `lines_processed` counts (resume skips this many). */
  index: number;
  /** 1-based line of the file where the record starts; what errors report. */
  line: number;
  /** The parsed value (JSON) or the row keyed by normalised header (CSV); absent when `error` is set. */
  value?: unknown;
  error?: string;
}

/**
 * A refusal a person can act on: bad encoding, unknown format (UNSUPPORTED_MEDIA_TYPE), empty file
 * (BAD_REQUEST).
 */
export class TranscriptError extends AppError {
  constructor(message: string, code: ErrorCode = 'UNSUPPORTED_MEDIA_TYPE') {
    super(code, message);
    this.name = 'TranscriptError';
  }
}

/** Keys whose array value holds the sessions of a JSON document (`{"sessions": [...]}`). */
export const SESSION_LIST_KEYS: readonly string[] = ['sessions', 'conversations', 'chats', 'threads', 'data', 'items', 'dialogs', 'dialogues', 'records', 'results'];
