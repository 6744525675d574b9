/** Uploads as the API, dashboard and CLI see them, the TypeBox schema they are served with, and the row converter. */
import { type Static, Type } from '@sinclair/typebox';
import type { UploadRow } from '../../db/database.js';
import type { UploadRefusalRow } from '../../db/upload-refusal-table.js';
import { Nullable, StringEnum } from '../../http/schemas.js';
import { FORMAT_OPTIONS } from '../../transcripts/formats.js';

export const UPLOAD_STATUSES = ['queued', 'processing', 'done', 'failed'] as const;

export const UploadSchema = Type.Object(
  {
    id: Type.Integer(),
    filename: Type.String(),
    format: Nullable(Type.String({ description: 'The requested format until processing starts, then the detected one.' })),
    status: StringEnum(UPLOAD_STATUSES),
    sizeBytes: Type.Integer({ description: 'Size of the stored file (compressed size for gzip).' }),
    bytesProcessed: Type.Integer(),
    linesProcessed: Type.Integer({ description: 'Records read so far: lines (JSONL), data rows (CSV) or sessions (JSON).' }),
    turnsProcessed: Type.Integer({ description: 'Messages stored.' }),
    sessionsCreated: Type.Integer(),
    errorCount: Type.Integer(),
    errors: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() }), { description: 'The first 100 errors, by line.' }),
    message: Nullable(Type.String({ description: 'Summary when done; the reason when failed.' })),
    receivedAt: Type.String(),
    startedAt: Nullable(Type.String()),
    finishedAt: Nullable(Type.String()),
  },
  { $id: 'Upload' },
);
/** An upload and its progress, as the API, the dashboard, the CLI and the SDK see it. */
export type Upload = Static<typeof UploadSchema>;
export type UploadStatus = Upload['status'];
export type UploadLineError = Upload['errors'][number];

/** `POST /api/uploads`: the upload, and whether the same content had been uploaded before (200) or not (202). */
export const ReceivedSchema = (duplicate: boolean) => Type.Object({ upload: Type.Unsafe<Upload>(Type.Ref('Upload')), duplicate: Type.Literal(duplicate) });
export type ReceivedUpload = Static<ReturnType<typeof ReceivedSchema>>;

export const FormatParam = StringEnum(FORMAT_OPTIONS, {
  description: 'File format; `auto` (default) detects it from the content.',
});

function errorsOf(text: string): UploadLineError[] {
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? v.filter((e) => e && Number.isInteger(e.line) && typeof e.reason === 'string') : [];
  } catch {
    return [];
  }
}

export function toUpload(row: UploadRow): Upload {
  return {
    id: Number(row.id),
    filename: row.filename,
    format: row.format,
    status: row.status,
    sizeBytes: Number(row.size_bytes),
    bytesProcessed: Number(row.bytes_processed),
    linesProcessed: Number(row.lines_processed),
    turnsProcessed: Number(row.turns_processed),
    sessionsCreated: Number(row.sessions_created),
    errorCount: Number(row.error_count),
    errors: errorsOf(row.errors),
    message: row.message,
    receivedAt: row.received_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export const UploadRefusalSchema = Type.Object(
  {
    id: Type.Integer(),
    filename: Type.String(),
    format: Type.String({ description: 'The format asked for (`auto`: detect).' }),
    sizeBytes: Type.Integer({ description: 'Bytes received before the refusal (up to the size limit for a file over it).' }),
    code: Type.String({ description: 'The error code the uploader got, e.g. `UNSUPPORTED_MEDIA_TYPE`.' }),
    statusCode: Type.Integer({ description: 'The HTTP status the uploader got.' }),
    reason: Type.String({ description: 'The reason the uploader was given.' }),
    refusedAt: Type.String(),
  },
  { $id: 'UploadRefusal' },
);
/** A file the server refused when it was received (nothing was stored or counted), with the reason given. */
export type UploadRefusal = Static<typeof UploadRefusalSchema>;

export function toUploadRefusal(row: UploadRefusalRow): UploadRefusal {
  return {
    id: Number(row.id),
    filename: row.filename,
    format: row.format,
    sizeBytes: Number(row.size_bytes),
    code: row.code,
    statusCode: Number(row.status_code),
    reason: row.reason,
    refusedAt: row.refused_at,
  };
}
