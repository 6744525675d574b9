/**
 * Receiving an upload: the file is streamed to disk while it is hashed and counted (memory stays
 * flat whatever its size), recognised from its first bytes (so a wrong format or encoding is
 * refused at once), deduplicated by sha256 per company, and enqueued as a job — the `uploads`
 * row, inserted with its `daily_rollups.uploads` count in one transaction. A file refused on the
 * way (4xx) leaves no upload and counts nowhere, but is recorded in `upload_refusals` with the
 * reason given, so the company can see later what became of it.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { AppError, badRequest, notFound } from '../../errors.js';
import { dayOf, isoNow } from '../../lib/time.js';
import { type FormatOption, TranscriptError, isGzip, sniffFile } from '../../transcripts/index.js';
import { type ExpansionLimits, GzipExpansionMeter } from '../../transcripts/expansion.js';
import { RollupBatch } from '../rollups/rollups.js';
import * as repo from './uploads.repository.js';
import { encodeUploadPayload } from './uploads.queue.js';
import { type ReceivedUpload, type Upload, type UploadRefusal, toUpload, toUploadRefusal } from './uploads.js';

export interface UploadSettings {
  uploadDir: string;
  uploadMaxBytes: number;
  /** Only the expansion limits apply while receiving; records and messages are counted while processing. */
  uploadLimits: ExpansionLimits;
}

export interface ReceiveInput {
  companyId: number;
  filename: string;
  stream: Readable;
  format: FormatOption;
  force: boolean;
  /** Set by multipart parsing when the file was cut at the size limit. */
  truncated?: () => boolean;
}


const tooLarge = (max: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `the file is larger than the upload limit of ${formatBytes(max)} (CHATLENS_UPLOAD_MAX_BYTES)`);

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}

function safeFilename(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f]/g, '').trim();
  return (base || 'upload').slice(0, 255);
}

/**
 * Streams the file to `uploadDir`, hashing and counting; refuses it past the size limit and, for
 * gzip, past the expansion limits (decompressed alongside, only to count: a bomb is refused before
 * it is enqueued).
 */
async function store(settings: UploadSettings, input: ReceiveInput, received: { bytes: number }): Promise<{ file: string; sha256: string; size: number }> {
  const dir = path.join(settings.uploadDir, String(input.companyId));
  await fs.promises.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  // Undecided until the first two bytes (the gzip magic) have been seen.
  let gzip: GzipExpansionMeter | null | undefined;
  let head: Buffer[] = [];
  const expansion = async (chunk: Buffer) => {
    if (gzip === undefined) {
      head.push(chunk);
      const start = Buffer.concat(head);
      if (start.length < 2) return;
      gzip = isGzip(start) ? new GzipExpansionMeter(settings.uploadLimits) : null;
      head = [];
      chunk = start;
    }
    await gzip?.write(chunk);
  };
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      received.bytes = Math.min(size, settings.uploadMaxBytes);
      if (size > settings.uploadMaxBytes) return done(tooLarge(settings.uploadMaxBytes));
      hash.update(chunk);
      expansion(chunk).then(() => done(null, chunk), done);
    },
    flush(done) {
      (gzip ? gzip.end() : Promise.resolve()).then(() => done(), done);
    },
  });
  try {
    await pipeline(input.stream, meter, fs.createWriteStream(file));
    if (input.truncated?.()) throw tooLarge(settings.uploadMaxBytes);
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(settings.uploadMaxBytes);
    throw err;
  } finally {
    gzip?.destroy();
  }
  return { file, sha256: hash.digest('hex'), size };
}

/** How many refused uploads a company's list keeps: enough to find last week's, bounded however often a client retries. */
export const REFUSALS_KEPT = 100;

/**
 * Receives an upload (see the file's comment). A refusal (a 4xx: empty, too large, a gzip bomb,
 * an unrecognised format or encoding) is recorded for the company's uploads list, then thrown.
 */
export async function receiveUpload(db: Kysely<DB>, settings: UploadSettings, input: ReceiveInput, now: Date = new Date()): Promise<ReceivedUpload> {
  const received = { bytes: 0 };
  try {
    return await receive(db, settings, input, received, now);
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      // The answer to the uploader matters more than its record: a database too broken to keep it
      // fails the next request anyway.
      await recordRefusal(db, input, received.bytes, err, now).catch(() => {});
    }
    throw err;
  }
}

async function recordRefusal(db: Kysely<DB>, input: ReceiveInput, bytes: number, err: AppError, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.insertRefusal(trx, {
      company_id: input.companyId,
      filename: safeFilename(input.filename),
      format: input.format,
      size_bytes: bytes,
      code: err.code,
      status_code: err.status,
      reason: err.message,
      refused_at: isoNow(now),
    });
    await repo.pruneRefusals(trx, input.companyId, REFUSALS_KEPT);
  });
}

export async function listUploadRefusals(db: Kysely<DB>, companyId: number, limit = REFUSALS_KEPT): Promise<UploadRefusal[]> {
  return (await repo.listRefusals(db, companyId, limit)).map(toUploadRefusal);
}

async function receive(db: Kysely<DB>, settings: UploadSettings, input: ReceiveInput, received: { bytes: number }, now: Date): Promise<ReceivedUpload> {
  const stored = await store(settings, input, received);
  const discard = () => fs.promises.rm(stored.file, { force: true });
  if (stored.size === 0) {
    await discard();
    throw badRequest('the file is empty');
  }
  let format: string | null = input.format === 'auto' ? null : input.format;
  try {
    format = (await sniffFile(stored.file, input.format)).format;
  } catch (err) {
    await discard();
    if (err instanceof TranscriptError) {
      throw new AppError(err.code, `cannot read this upload: ${err.message}`);
    }
    throw err;
  }

  const receivedAt = isoNow(now);
  const day = dayOf(now);
  const finalPath = stored.file.replace(/\.part$/, '.upload');
  const result = await db.transaction().execute(async (trx) => {
    // Serialise uploads of one company for this short transaction (a no-op write takes the
    // company row's lock on PostgreSQL; SQLite has one writer anyway), so two copies of the same
    // file arriving together cannot both pass the duplicate check.
    await repo.lockCompanyUploads(trx, input.companyId);
    if (!input.force) {
      const existing = await repo.findBySha(trx, input.companyId, stored.sha256);
      if (existing) return { id: Number(existing.id), duplicate: true };
    }
    await fs.promises.rename(stored.file, finalPath);
    const id = await repo.insertUpload(trx, {
      company_id: input.companyId,
      filename: safeFilename(input.filename),
      format,
      sha256: stored.sha256,
      size_bytes: stored.size,
      status: 'queued',
      bytes_processed: 0,
      lines_processed: 0,
      turns_processed: 0,
      sessions_created: 0,
      error_count: 0,
      errors: '[]',
      message: null,
      started_at: null,
      finished_at: null,
      lease_until: null,
      attempts: 0,
      storage_path: finalPath,
      received_at: receivedAt,
      day,
      payload: encodeUploadPayload({ format: input.format, force: input.force }),
    });
    // uploadCount in trends: counted on the day received, in the same transaction as the row.
    const batch = new RollupBatch(input.companyId);
    batch.add(day, 'uploads');
    await batch.apply(trx);
    return { id, duplicate: false };
  }).catch(async (err) => {
    await fs.promises.rm(finalPath, { force: true });
    throw err;
  });
  if (result.duplicate) await discard();
  return { upload: await getUpload(db, input.companyId, result.id), duplicate: result.duplicate };
}

/**
 * Deletes `.part` files that no request can still be writing — older than the request time-out —
 * left behind by a process that was killed while receiving them (a live request removes its own on
 * abort, error or time-out). Returns how many were removed.
 */
export async function sweepPartialFiles(uploadDir: string, olderThanMs: number, now: number = Date.now()): Promise<number> {
  let removed = 0;
  const companies = await fs.promises.readdir(uploadDir, { withFileTypes: true }).catch(() => []);
  for (const company of companies) {
    if (!company.isDirectory()) continue;
    const dir = path.join(uploadDir, company.name);
    for (const name of await fs.promises.readdir(dir).catch(() => [] as string[])) {
      if (!name.endsWith('.part')) continue;
      const file = path.join(dir, name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (!stat || now - stat.mtimeMs < olderThanMs) continue;
      await fs.promises.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

export async function getUpload(db: Kysely<DB>, companyId: number, id: number): Promise<Upload> {
  const row = await repo.findUpload(db, companyId, id);
  if (!row) throw notFound(`upload ${id} does not exist`);
  return toUpload(row);
}

export async function listUploads(db: Kysely<DB>, companyId: number, limit = 100): Promise<Upload[]> {
  return (await repo.listUploads(db, companyId, limit)).map(toUpload);
}
