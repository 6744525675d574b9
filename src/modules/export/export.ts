/** The sessions export on the wire: its query (the schema is the one definition) and the CSV columns. */
import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas.js';
import { SessionFilterParams, type SessionFilters } from '../sessions/sessions.filters.js';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The longest window one export may cover: ten years (a year of traffic is the expected case). */
export const MAX_EXPORT_DAYS = 3660;

const IsoDay = (description: string) => Type.String({ format: 'date', description });

/** The monitor's filters (sessions.filters.ts), except `until`: the export's window is start_date … end_date. */
const { until: _until, ...filterParams } = SessionFilterParams;

export const ExportQuerySchema = Type.Object({
  format: Type.Optional(StringEnum(EXPORT_FORMATS, { description: '`jsonl` (the default): one session per line with its messages and their findings; `csv`: one row per message.' })),
  start_date: Type.Optional(IsoDay('First UTC day of the window (sessions created on or after it); 29 days before end_date by default.')),
  end_date: Type.Optional(IsoDay('Last UTC day of the window, included; today (UTC) by default.')),
  ...filterParams,
});
export type ExportRequest = Static<typeof ExportQuerySchema>;
/** The request with its defaults filled in and its filters parsed. */
export interface ExportQuery {
  format: ExportFormat;
  start_date: string;
  end_date: string;
  filters: SessionFilters;
}

/** One CSV row per message (a session without messages is one row with empty message columns). */
export const CSV_COLUMNS = [
  'session_id',
  'session_user_id',
  'session_created_at',
  'session_last_activity_at',
  'session_ended_at',
  'session_ended_reason',
  'session_source',
  'message_id',
  'seq',
  'role',
  'created_at',
  'user_id',
  'model',
  'input_tokens',
  'output_tokens',
  'latency_ms',
  'content',
  'finding_count',
  'findings',
] as const;
