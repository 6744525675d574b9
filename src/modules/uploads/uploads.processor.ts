/**
 * The upload processor: given a claimed job, imports its file (uploads.import.ts) and decides
 * how the job ends — done with a summary, or failed with the reason a person can act on.
 * Exceptions are left to the runner, which retries the job when its lease expires.
 */
import fs from 'node:fs';
import { type Detected, TranscriptError, sniffFile } from '../../transcripts/index.js';
import { count, wasWere } from '../../lib/plural.js';
import { endUploadedSessions } from '../ingest/ingest.service.js';
import { type ImportDeps, type ImportOptions, importRecords } from './uploads.import.js';
import { type ClaimedUpload, finishJob } from './uploads.queue.js';

/** What processing needs: the write path, the analysis pool and a log. */
export type UploadProcessorDeps = ImportDeps;
export type ProcessOptions = ImportOptions;

export type ProcessOutcome = 'done' | 'failed' | 'interrupted' | 'lease-lost';

export async function processUpload(deps: UploadProcessorDeps, job: ClaimedUpload, options: ProcessOptions = {}): Promise<ProcessOutcome> {
  const { row } = job;
  const db = deps.ingest.db;
  const log = deps.log;
  const fail = async (message: string): Promise<ProcessOutcome> => {
    log?.warn({ uploadId: row.id, reason: message }, 'upload failed');
    return (await finishJob(db, job, 'failed', message)) ? 'failed' : 'lease-lost';
  };

  if (!fs.existsSync(row.storage_path)) return fail('the stored file is missing (it was deleted before processing finished); upload it again');
  let detected: Detected;
  try {
    detected = await sniffFile(row.storage_path, job.payload.format);
  } catch (err) {
    if (err instanceof TranscriptError) return fail(err.message);
    throw err;
  }

  const imported = await importRecords(deps, job, detected, options);
  if (imported.status === 'interrupted' || imported.status === 'lease-lost') return imported.status;
  const { state } = imported;
  if (imported.status === 'broken') return fail(`${imported.error.message} (after ${count(state.lines, 'record')}; ${count(state.turns, 'turn')} ${wasWere(state.turns)} stored)`);

  const summary =
    `${count(state.turns, 'turn')} stored in ${count(state.sessions, 'new session')} from ${count(state.lines, 'record')}` +
    (state.errorCount ? `; ${state.errorCount} with ${state.errorCount === 1 ? 'an error' : 'errors'}` : '');
  const patch = { bytes_processed: Number(row.size_bytes), error_count: state.errorCount, errors: JSON.stringify(state.errors) };
  if (state.turns === 0) {
    const first = state.errors[0];
    const why =
      state.errorCount > 0 ? `no turn could be stored: ${count(state.errorCount, 'error')} (first: line ${first?.line}: ${first?.reason})` : 'the file holds no messages';
    return (await finishJob(db, job, 'failed', why, patch)) ? 'failed' : 'lease-lost';
  }
  // Idempotent, so a resumed job redoes it.
  await endUploadedSessions(db, row.company_id, row.id);
  if (imported.stoppedAtRecords !== undefined) {
    // What was read is stored and its sessions ended; the job fails so the uploader sees the cut.
    const why = `the file holds more than ${imported.stoppedAtRecords} records, the most one upload may hold (CHATLENS_UPLOAD_MAX_RECORDS): processing stopped there, and the ${summary}; split the file to send the rest`;
    return (await finishJob(db, job, 'failed', why, patch)) ? 'failed' : 'lease-lost';
  }
  if (!(await finishJob(db, job, 'done', summary, patch))) return 'lease-lost';
  // The file is no longer needed; failed uploads keep theirs for inspection.
  await fs.promises.rm(row.storage_path, { force: true }).catch(() => {});
  log?.info({ uploadId: row.id, turns: state.turns, sessions: state.sessions, errors: state.errorCount }, 'upload processed');
  return 'done';
}
