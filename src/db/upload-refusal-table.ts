/** The uploads the server refused (modules/uploads), apart from database.ts, which stays under the 400-line limit (test/architecture.test.ts). */

import type { Generated, Selectable } from 'kysely';

/**
 * A file refused when it was received (empty, too large, a gzip bomb, an unrecognised format or
 * encoding): no `uploads` row, no job, nothing counted; kept so the company sees later what
 * happened to it. The newest 100 per company are kept (modules/uploads/uploads.service.ts).
 */
export interface UploadRefusalsTable {
  id: Generated<number>;
  company_id: number;
  filename: string;
  /** The format asked for (`auto` when none was). */
  format: string;
  /** Bytes received before the refusal (the whole file, or up to the size limit). */
  size_bytes: number;
  /** The error code of the answer (`PAYLOAD_TOO_LARGE`, `UNSUPPORTED_MEDIA_TYPE`, …). */
  code: string;
  /** HTTP status of the answer. */
  status_code: number;
  /** The reason the uploader was given. */
  reason: string;
  refused_at: string;
}

export type UploadRefusalRow = Selectable<UploadRefusalsTable>;
