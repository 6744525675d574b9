/** Schemas shared by every route: the error envelope and the common response map. */
import { type TSchema, Type } from '@sinclair/typebox';
import { ERROR_STATUS, type ErrorCode } from '../errors.js';

export const ErrorEnvelope = Type.Object(
  {
    error: Type.Object({
      code: Type.Union(Object.keys(ERROR_STATUS).map((c) => Type.Literal(c as ErrorCode))),
      message: Type.String(),
      requestId: Type.String(),
    }),
  },
  { $id: 'ErrorEnvelope', description: 'Every error, at every status, has this shape.' },
);

type Status = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

/** The error statuses a route can answer with, each documented with the envelope. */
export function errorResponses(...statuses: Status[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const s of statuses) out[s] = Type.Ref('ErrorEnvelope');
  out[500] = Type.Ref('ErrorEnvelope');
  return out;
}

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const CompanyIdQuery = Type.Optional(
  Type.Integer({ minimum: 1, description: 'Company to act on; platform admin keys only (others may only name their own).' }),
);

/** A string that must be one of `values`; typed as their union. */
export const StringEnum = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
