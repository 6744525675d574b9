/** Errors the SDK throws: one class per API error code, each carrying the server's request id. */

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
export class ServerError extends ChatlensError {}

const BY_CODE: Record<string, typeof ChatlensError> = {
  BAD_REQUEST: BadRequestError,
  UNAUTHORIZED: UnauthorizedError,
  FORBIDDEN: ForbiddenError,
  NOT_FOUND: NotFoundError,
  CONFLICT: ConflictError,
};

export function errorFromResponse(status: number, body: unknown): ChatlensError {
  const e = (body as { error?: { code?: string; message?: string; requestId?: string } } | null)?.error;
  const code = e?.code ?? (status >= 500 ? 'INTERNAL' : 'HTTP_ERROR');
  const Type = BY_CODE[code] ?? (status >= 500 ? ServerError : ChatlensError);
  const err = new Type(e?.message ?? `HTTP ${status}`, status, code, e?.requestId ?? null);
  err.name = Type.name;
  return err;
}
