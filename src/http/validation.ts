/**
 * Turns Ajv's validation errors into one sentence that names the parameter and what it accepts,
 * e.g. `limit must be an integer from 1 to 100 (got "0")`.
 */
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';

interface AjvError extends FastifySchemaValidationError {
  parentSchema?: Record<string, unknown>;
  data?: unknown;
}

function paramName(e: AjvError): string {
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty?: string }).missingProperty ?? '';
    return path ? `${path}.${missing}` : missing;
  }
  return path;
}

function describe(schema: Record<string, unknown> | undefined): string | null {
  if (!schema) return null;
  const { type, minimum, maximum, format, enum: values, pattern, minLength, maxLength, maxItems } = schema as Record<string, never>;
  if (values) return `one of ${(values as unknown[]).join(', ')}`;
  if (format === 'date') return 'a date in YYYY-MM-DD format';
  if (format === 'date-time') return 'an ISO 8601 date-time, e.g. 2026-04-08T12:00:00Z';
  if (type === 'integer' || type === 'number') {
    const kind = type === 'integer' ? 'an integer' : 'a number';
    if (minimum !== undefined && maximum !== undefined) return `${kind} from ${minimum} to ${maximum}`;
    if (minimum !== undefined) return `${kind} of at least ${minimum}`;
    if (maximum !== undefined) return `${kind} of at most ${maximum}`;
    return kind;
  }
  if (type === 'string') {
    if (maxLength !== undefined) return `a string of ${minLength ?? 0} to ${maxLength} characters`;
    if (minLength) return 'a non-empty string';
    if (pattern) return `a string matching ${pattern}`;
    return 'a string';
  }
  if (type === 'array') return maxItems !== undefined ? `an array of at most ${maxItems} items` : 'an array';
  if (type === 'object') return 'an object';
  if (type === 'boolean') return 'true or false';
  return null;
}

/**
 * What the client sent, briefly. Arrays and objects are named, never serialised: a body may be
 * 16 MB, or nested thousands of levels deep (JSON.stringify would overflow the stack).
 */
function preview(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value !== null && typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return String(JSON.stringify(value));
}

export function validationMessage(errors: FastifySchemaValidationError[], dataVar: string): string {
  const e = errors[0] as AjvError | undefined;
  if (!e) return `invalid ${dataVar}`;
  const name = paramName(e) || dataVar;
  if (e.keyword === 'required') return `${name} is required`;
  if (e.keyword === 'additionalProperties') {
    return `${name || dataVar} has an unknown field "${(e.params as { additionalProperty?: string }).additionalProperty}"`;
  }
  const accepted = describe(e.parentSchema);
  const got = e.data === undefined ? '' : ` (got ${preview(e.data)})`;
  return accepted ? `${name} must be ${accepted}${got}` : `${name} ${e.message ?? 'is invalid'}${got}`;
}

interface AjvLike {
  formats: Record<string, unknown>;
  addFormat(name: string, format: object): unknown;
  addKeyword(definition: object): unknown;
  compile(schema: object, meta?: boolean): unknown;
}

const FINITE = 'x-finite';

/** A copy of `schema` in which every number and integer also carries the `x-finite` keyword. */
function withFiniteNumbers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withFiniteNumbers);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string | symbol, unknown> = { ...(schema as Record<string | symbol, unknown>) };
  for (const [k, v] of Object.entries(out)) if (v !== null && typeof v === 'object' && k !== 'enum' && k !== 'const' && k !== 'default') out[k] = withFiniteNumbers(v);
  const type = out.type;
  if (type === 'number' || type === 'integer' || (Array.isArray(type) && (type.includes('number') || type.includes('integer')))) out[FINITE] = true;
  return out;
}

/**
 * Closes two holes in Ajv as Fastify configures it (passed as `ajv.onCreate`):
 * - a query string `limit=Infinity` or `days=1e309` is coerced to Infinity, and Ajv then skips
 *   minimum / maximum for non-finite numbers, so Infinity reached the database; every number
 *   schema now also requires a finite value;
 * - RFC 3339 allows a leap second (`23:59:60`), which a JavaScript Date cannot hold; a
 *   `date-time` must now be one Date can represent.
 */
export function hardenAjv(ajv: AjvLike): void {
  ajv.addKeyword({ keyword: FINITE, schemaType: 'boolean', validate: (_: boolean, data: unknown) => typeof data !== 'number' || Number.isFinite(data) });
  const compile = ajv.compile.bind(ajv);
  ajv.compile = (schema: object, meta?: boolean) => compile(withFiniteNumbers(schema) as object, meta);
  const rfc3339 = ajv.formats['date-time'] as { validate: (s: string) => boolean; compare?: (a: string, b: string) => number | undefined };
  ajv.addFormat('date-time', { ...rfc3339, validate: (s: string) => rfc3339.validate(s) && Number.isFinite(Date.parse(s)) });
}
