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

export function validationMessage(errors: FastifySchemaValidationError[], dataVar: string): string {
  const e = errors[0] as AjvError | undefined;
  if (!e) return `invalid ${dataVar}`;
  const name = paramName(e) || dataVar;
  if (e.keyword === 'required') return `${name} is required`;
  if (e.keyword === 'additionalProperties') {
    return `${name || dataVar} has an unknown field "${(e.params as { additionalProperty?: string }).additionalProperty}"`;
  }
  const accepted = describe(e.parentSchema);
  const got = e.data === undefined ? '' : ` (got ${JSON.stringify(e.data)?.slice(0, 60)})`;
  return accepted ? `${name} must be ${accepted}${got}` : `${name} ${e.message ?? 'is invalid'}${got}`;
}
