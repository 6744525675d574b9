/** Schemas shared by every route: the common error response map (the envelope is errors.ts), nullable, string enums. */
import { type TSchema, Type } from '@sinclair/typebox';

type Status = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 507;

/**
 * The error statuses a route can answer with, each documented with the envelope. Every route can
 * also answer 500 (a bug) and 503 (the database is unreachable or timed out: retry).
 */
export function errorResponses(...statuses: Status[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const s of statuses) out[s] = Type.Ref('ErrorEnvelope');
  out[500] = Type.Ref('ErrorEnvelope');
  out[503] = Type.Ref('ErrorEnvelope');
  return out;
}

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Row ids are PostgreSQL `integer`s: a larger id cannot exist, and would fail in SQL (a 500). */
export const MAX_ID = 2_147_483_647;

/** A row id in a path, e.g. `params: Type.Object({ id: IdParam })`. */
export const IdParam = Type.Integer({ minimum: 1, maximum: MAX_ID });

/** A chat session's id in a path: the chat product's own string (PostgreSQL text cannot hold NUL). */
export const SessionIdParam = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000]+$', description: 'The session id the chat product chose.' });

export const CompanyIdQuery = Type.Optional(
  Type.Integer({ minimum: 1, maximum: MAX_ID, description: 'Company to act on; platform admin keys only (others may only name their own).' }),
);

/** A string that must be one of `values`; typed as their union. */
export const StringEnum = <T extends string>(values: readonly T[], options: { description?: string } = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
