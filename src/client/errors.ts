/**
 * Errors the SDK throws.
 *
 * - `ChatlensError` and its subclasses: the server answered with an error. One class per code of
 *   the server's closed list (src/errors.ts, imported as a type only, so a code added there does
 *   not compile here until it has a class), each carrying the status, the code and the server's
 *   request id (quote it when asking an operator to look at the logs).
 * - `ConnectionError` (and `TimeoutError`): no answer at all — the server could not be reached, the
 *   connection broke, or the time-out passed. Never a `ChatlensError`.
 * - `EventRejectedError`: the ingest API stored the batch but refused this event, with its reason.
 * - Aborting through your own `AbortSignal` rejects with the signal's reason, as `fetch` does.
 *
 * @example
 * ```ts
 * try {
 *   await chatlens.trends(30);
 * } catch (err) {
 *   if (err instanceof ForbiddenError) console.error('this key cannot read trends', err.requestId);
 *   else if (err instanceof ConnectionError) console.error('Chatlens is unreachable', err.cause);
 *   else throw err;
 * }
 * ```
 */
import type { ErrorCode } from '../errors.js';
import type { IngestEvent } from './types.js';

/** The server answered with an error status; `code` is the envelope's code. */
export class ChatlensError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'ChatlensError';
  }
}

/** A parameter or field is missing or invalid (400); the message names it and what it accepts. */
export class BadRequestError extends ChatlensError {}
/** No key, or a key that is unknown or revoked (401). */
export class UnauthorizedError extends ChatlensError {}
/** The key is valid but its role or company does not allow this (403). */
export class ForbiddenError extends ChatlensError {}
export class NotFoundError extends ChatlensError {}
/**
 * The request clashes with what is stored (409): e.g. a `messageId` already used by another
 * message of the company (message ids are unique per company), or a turn for an ended session.
 */
export class ConflictError extends ChatlensError {}
export class PayloadTooLargeError extends ChatlensError {}
export class UnsupportedMediaTypeError extends ChatlensError {}
export class UnprocessableError extends ChatlensError {}
/** Too many requests (429); retried automatically for idempotent calls, honouring `Retry-After`. */
export class TooManyRequestsError extends ChatlensError {}
/** The server gave up waiting for the request (408). */
export class RequestTimeoutError extends ChatlensError {}
/** A path parameter longer than the server accepts (414). */
export class UriTooLongError extends ChatlensError {}
/** Request headers larger than the server accepts (431). */
export class HeadersTooLargeError extends ChatlensError {}
/** Any 5xx answer; the subclasses say which. */
export class ServerError extends ChatlensError {}
/** The server failed on its side (500); its logs have the details under `requestId`. */
export class InternalServerError extends ServerError {}
/** The server cannot serve now (503, e.g. its database is unreachable); retrying later may work. */
export class UnavailableError extends ServerError {}
/** The server's disk is full (507): nothing can be saved until an operator frees space. */
export class StorageFullError extends ServerError {}

const BY_CODE: Record<ErrorCode, typeof ChatlensError> = {
  BAD_REQUEST: BadRequestError,
  UNAUTHORIZED: UnauthorizedError,
  FORBIDDEN: ForbiddenError,
  NOT_FOUND: NotFoundError,
  CONFLICT: ConflictError,
  PAYLOAD_TOO_LARGE: PayloadTooLargeError,
  UNSUPPORTED_MEDIA_TYPE: UnsupportedMediaTypeError,
  UNPROCESSABLE: UnprocessableError,
  TOO_MANY_REQUESTS: TooManyRequestsError,
  INTERNAL: InternalServerError,
  UNAVAILABLE: UnavailableError,
  STORAGE_FULL: StorageFullError,
  REQUEST_TIMEOUT: RequestTimeoutError,
  URI_TOO_LONG: UriTooLongError,
  HEADERS_TOO_LARGE: HeadersTooLargeError,
};

/** The typed error for an error answer: by the envelope's code, else by status (a proxy's 502 is a `ServerError`). */
export function errorFromResponse(status: number, body: unknown): ChatlensError {
  const e = (body as { error?: { code?: string; message?: string; requestId?: string } } | null)?.error;
  const code = e?.code ?? (status >= 500 ? 'INTERNAL' : 'HTTP_ERROR');
  const Type = (Object.hasOwn(BY_CODE, code) ? BY_CODE[code as ErrorCode] : null) ?? (status >= 500 ? ServerError : ChatlensError);
  const err = new Type(e?.message ?? `HTTP ${status}`, status, code, e?.requestId ?? null);
  err.name = Type.name;
  return err;
}

/** No answer from the server: refused or broken connection, DNS failure, or (subclass) a time-out. */
export class ConnectionError extends Error {
  constructor(
    message: string,
    options?: { cause?: unknown },
    /** How many attempts were made before giving up (retries included). */
    readonly attempts = 1,
  ) {
    super(message, options);
    this.name = 'ConnectionError';
  }
}

/** No complete answer within the time-out (`timeoutMs` of the client or of the call). */
export class TimeoutError extends ConnectionError {
  constructor(message: string, attempts = 1) {
    super(message, undefined, attempts);
    this.name = 'TimeoutError';
  }
}

/** The ingest API refused this event (the rest of its batch was stored); `reason` says why. */
export class EventRejectedError extends Error {
  constructor(
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`event ${eventId} was rejected: ${reason}`);
    this.name = 'EventRejectedError';
  }
}

/**
 * `IngestBuffer.shutdown()` (or `flush()`) could not deliver these events; they are in `events`,
 * in order, so the caller can keep them (write them to disk, send them later). `cause` is the last
 * error seen.
 */
export class UndeliveredEventsError extends Error {
  constructor(
    readonly events: readonly IngestEvent[],
    options?: { cause?: unknown },
  ) {
    super(`${events.length} event(s) could not be delivered to Chatlens${options?.cause instanceof Error ? `: ${options.cause.message}` : ''}`, options);
    this.name = 'UndeliveredEventsError';
  }
}

/** The buffer holds `maxQueue` events not yet delivered (Chatlens unreachable for a while): it refuses more rather than drop any. */
export class BufferFullError extends Error {
  constructor(readonly maxQueue: number) {
    super(`the ingest buffer already holds ${maxQueue} undelivered events; flush() or wait for Chatlens to be reachable`);
    this.name = 'BufferFullError';
  }
}
