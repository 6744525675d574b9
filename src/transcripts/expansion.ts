/**
 * Bounds on how far a compressed file may expand: a 1.4 MB gzip of 481 MB (344:1) would
 * otherwise be accepted as a small upload and become half an hour of work. Checked while the file
 * is received (the upload is refused at once) and again while it is read (a job enqueued under
 * other limits fails instead of running on).
 */
import zlib from 'node:zlib';
import { TranscriptError } from './formats.js';

export interface ExpansionLimits {
  maxDecompressedBytes: number;
  maxExpansion: number;
}

/**
 * Any file may expand to this much: the expansion ratio of a small file says nothing (10 KB of
 * one repeated line gzips 100:1), and 1 MB is no work.
 */
export const EXPANSION_FLOOR_BYTES = 1024 * 1024;

function size(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${Math.round((n / (1024 * 1024 * 1024)) * 10) / 10} GB`;
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  return `${Math.round((n / 1024) * 10) / 10} KB`;
}

/**
 * The refusal for `decompressed` bytes produced from the first `compressed` bytes of a file, or
 * null within the limits. The ratio is checked at every point of the file, not only at its end,
 * so a bomb is stopped after a few megabytes instead of after all of them.
 */
export function expansionError(limits: ExpansionLimits, decompressed: number, compressed: number): TranscriptError | null {
  if (decompressed > limits.maxDecompressedBytes) {
    return new TranscriptError(
      `the file is larger than ${size(limits.maxDecompressedBytes)} once decompressed, the most one upload may hold (CHATLENS_UPLOAD_MAX_DECOMPRESSED_BYTES); split it into several files`,
      'PAYLOAD_TOO_LARGE',
    );
  }
  if (decompressed > EXPANSION_FLOOR_BYTES && decompressed > limits.maxExpansion * Math.max(compressed, 1)) {
    return new TranscriptError(
      `the file expands more than ${limits.maxExpansion} times when decompressed (${size(compressed)} became over ${size(decompressed)}), more than an upload may (CHATLENS_UPLOAD_MAX_EXPANSION)`,
      'PAYLOAD_TOO_LARGE',
    );
  }
  return null;
}

/**
 * Decompresses a gzip stream as it is received, only to count what it expands to. Corrupt data
 * stops the count without an error: reading the file later reports it with its position.
 */
export class GzipExpansionMeter {
  private readonly gunzip = zlib.createGunzip();
  private compressed = 0;
  private decompressed = 0;
  private failure: TranscriptError | null = null;
  private stopped = false;

  constructor(private readonly limits: ExpansionLimits) {
    this.gunzip.on('data', (chunk: Buffer) => {
      this.decompressed += chunk.length;
      if (!this.failure) this.failure = expansionError(this.limits, this.decompressed, this.compressed);
      if (this.failure) this.stop();
    });
    this.gunzip.on('error', () => this.stop());
  }

  private stop(): void {
    this.stopped = true;
    this.gunzip.destroy();
  }

  /** Feeds compressed bytes, waiting while the decompressor is behind; throws past a limit. */
  async write(chunk: Buffer): Promise<void> {
    if (!this.stopped) {
      this.compressed += chunk.length;
      if (!this.gunzip.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            this.gunzip.off('drain', done);
            this.gunzip.off('close', done);
            resolve();
          };
          this.gunzip.on('drain', done);
          this.gunzip.on('close', done);
        });
      }
    }
    if (this.failure) throw this.failure;
  }

  /** Decompresses what is left; throws past a limit. */
  async end(): Promise<void> {
    if (!this.stopped) {
      await new Promise<void>((resolve) => {
        this.gunzip.once('end', resolve);
        this.gunzip.once('close', resolve);
        this.gunzip.end();
      });
    }
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    this.stop();
  }
}
