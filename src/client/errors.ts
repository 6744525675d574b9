/**
 * Errors the SDK throws: one class per API error code, each carrying the server's request id.
 * The codes are the server's closed list (src/errors.ts, imported as a type only): a code added
 * there does not compile here until it has a class.
 */
import type { ErrorCode } from '../errors.js';

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

export class BadRequestError extends ChatlensError {}
export class UnauthorizedError extends ChatlensError {}
export class ForbiddenError extends ChatlensError {}
export class NotFoundError extends ChatlensError {}
export class ConflictError extends ChatlensError {}
export class PayloadTooLargeError extends ChatlensError {}
export class UnsupportedMediaTypeError extends ChatlensError {}
export class UnprocessableError extends ChatlensError {}
/** Too many requests (e.g. sign-in attempts); try again later. */
export class TooManyRequestsError extends ChatlensError {}
/** Any 5xx answer. */
export class ServerError extends ChatlensError {}
/** The server cannot serve now (e.g. its database is unreachable); retrying later may work. */
export class UnavailableError extends ServerError {}
/** The server's disk is full (507): nothing can be saved until an operator frees space. */
export class StorageFullError extends ServerError {}
/** The server gave up waiting for the request (408). */
export class RequestTimeoutError extends ChatlensError {}
/** A path parameter longer than the server accepts (414). */
export class UriTooLongError extends ChatlensError {}
/** Request headers larger than the server accepts (431). */
export class HeadersTooLargeError extends ChatlensError {}

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
  INTERNAL: ServerError,
  UNAVAILABLE: UnavailableError,
  STORAGE_FULL: StorageFullError,
  REQUEST_TIMEOUT: RequestTimeoutError,
  URI_TOO_LONG: UriTooLongError,
  HEADERS_TOO_LARGE: HeadersTooLargeError,
};

export function errorFromResponse(status: number, body: unknown): ChatlensError {
  const e = (body as { error?: { code?: string; message?: string; requestId?: string } } | null)?.error;
  const code = e?.code ?? (status >= 500 ? 'INTERNAL' : 'HTTP_ERROR');
  const Type = (Object.hasOwn(BY_CODE, code) ? BY_CODE[code as ErrorCode] : null) ?? (status >= 500 ? ServerError : ChatlensError);
  const err = new Type(e?.message ?? `HTTP ${status}`, status, code, e?.requestId ?? null);
  err.name = Type.name;
  return err;
}
