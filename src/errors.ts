/**
 * One error type, one closed list of codes, one envelope:
 * `{ "error": { "code", "message", "requestId" } }`.
 *
 * Errors carry their code from where they are raised: domain errors (a rejected event, an
 * unreadable transcript) extend AppError, the HTTP layer maps the code to a status here, and the
 * SDK maps it to a typed error (src/client/errors.ts). Nothing classifies an error by its message.
 */
import { type Static, Type } from '@sinclair/typebox';

export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  /** Node gave up waiting for the request (headers or body). */
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** A path parameter longer than the router accepts. */
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
  /** Request headers larger than Node accepts (16 KB). */
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** The disk under the database or the upload directory is full; nothing can be saved until space is freed. */
  STORAGE_FULL: 507,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'AppError';
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const badRequest = (message: string) => new AppError('BAD_REQUEST', message);
export const unauthorized = (message = 'Missing or invalid API key') => new AppError('UNAUTHORIZED', message);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);

export const unavailable = (message = 'The database is not answering; try again in a few seconds') => new AppError('UNAVAILABLE', message);
export const storageFull = () => new AppError('STORAGE_FULL', 'Storage is full: the server cannot save anything until disk space is freed');

export const ErrorEnvelopeSchema = Type.Object(
  {
    error: Type.Object({
      // One string enum rather than a union of literals: client generators make it one named union type.
      code: Type.Unsafe<ErrorCode>({ type: 'string', enum: Object.keys(ERROR_STATUS) }),
      message: Type.String({ description: 'What went wrong, naming the parameter or the object and what is accepted.' }),
      requestId: Type.String({ description: "The request's id in the server's logs; quote it when reporting a problem." }),
    }),
  },
  { $id: 'ErrorEnvelope', description: 'Every error, at every status, has this shape.' },
);
export type ErrorEnvelope = Static<typeof ErrorEnvelopeSchema>;

export function envelope(code: ErrorCode, message: string, requestId: string): ErrorEnvelope {
  return { error: { code, message, requestId } };
}

/** Status → code for errors that come from Fastify itself (body parsing, 404 routes, limits). */
export function codeForStatus(status: number): ErrorCode {
  for (const [code, s] of Object.entries(ERROR_STATUS)) if (s === status) return code as ErrorCode;
  return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
}
