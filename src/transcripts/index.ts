/** Transcript files: format detection, streaming readers and the normaliser, shared by uploads and the CLI. */
export * from './formats.js';
export { detectFormat, readHead, checkEncoding, isGzip, type Detected } from './detect.js';
export { openRecords, type RecordStream } from './readers.js';
export { EXPANSION_FLOOR_BYTES, type ExpansionLimits, GzipExpansionMeter, expansionError } from './expansion.js';
export { normalizeRecord, readTimestamp, type NormalizeContext, type NormalizedRecord } from './normalize.js';

import { detectFormat, readHead, type Detected } from './detect.js';
import { type FormatOption, SNIFF_BYTES } from './formats.js';

/** Reads the head of a stored file and decides its format; throws TranscriptError with a readable reason. */
export async function sniffFile(filePath: string, requested: FormatOption = 'auto'): Promise<Detected> {
  const { head, gzip } = await readHead(filePath, SNIFF_BYTES);
  return detectFormat(head, requested, gzip, head.length < SNIFF_BYTES);
}
