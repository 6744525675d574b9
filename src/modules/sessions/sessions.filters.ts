/**
 * The session filters shared by the monitor, the sessions search and the export: their query
 * parameters (one TypeBox definition, spread into each route's querystring), and their parsed,
 * checked form (`SessionFilters`) that `sessions.query.ts` turns into SQL.
 */
import { type Static, Type } from '@sinclair/typebox';
import { ALL_SUBTYPES, CATEGORIES, type Category, SEVERITIES, type Severity, type Subtype, categoryOf } from '../../analysis/types.js';
import { SESSION_SOURCES, type SessionSource } from '../../chat/events.js';
import { type TextQuery, TEXT_QUERY_MAX_CHARS, parseTextQuery } from '../../db/dialect/text-search.js';
import { badRequest } from '../../errors.js';
import { StringEnum } from '../../http/schemas.js';
import { addDays, isValidDay, parseTimestamp } from '../../lib/time.js';

/** active: open and recently active; user / violation: ended so; idle: open but silent past the company's idle time. */
export const SESSION_STATUSES = ['active', 'user', 'violation', 'idle'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export type { SessionSource } from '../../chat/events.js';

/** The filter parameters, as properties to spread into a route's querystring schema. */
export const SessionFilterParams = {
  status: Type.Optional(StringEnum(SESSION_STATUSES, { description: 'active, user (ended by the user), violation (ended for a violation) or idle (no activity for the company’s idle time; shown as ended by the user).' })),
  userId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000]+$', description: 'Only this end user’s sessions.' })),
  hasFindings: Type.Optional(Type.Boolean({ description: 'true: sessions with at least one finding (dismissed ones do not count); false: sessions without.' })),
  category: Type.Optional(StringEnum(CATEGORIES, { description: 'Sessions with a finding of this category.' })),
  subtype: Type.Optional(StringEnum(ALL_SUBTYPES, { description: 'Sessions with a finding of this subtype.' })),
  minSeverity: Type.Optional(StringEnum(SEVERITIES, { description: 'Sessions with a finding of at least this severity.' })),
  source: Type.Optional(StringEnum(SESSION_SOURCES, { description: 'Where the traffic came from.' })),
  until: Type.Optional(Type.String({ maxLength: 40, description: 'Only sessions started at or before this time (ISO 8601 date-time, or a date: the end of that UTC day).' })),
  q: Type.Optional(Type.String({ maxLength: TEXT_QUERY_MAX_CHARS, description: 'Full-text search over message content: every word must occur in one message; "quoted phrase"; word* for a prefix. Case-insensitive.' })),
};
const FilterParamsSchema = Type.Object(SessionFilterParams);
export type SessionFilterQuery = Static<typeof FilterParamsSchema>;

/** Parsed, checked filters; null fields do not filter. */
export interface SessionFilters {
  /** Last activity strictly after this time. */
  since: string | null;
  /** Started at or before this time. */
  until: string | null;
  status: SessionStatus | null;
  userId: string | null;
  hasFindings: boolean | null;
  category: Category | null;
  subtype: Subtype | null;
  minSeverity: Severity | null;
  source: SessionSource | null;
  text: TextQuery | null;
}

export const NO_FILTERS: SessionFilters = {
  since: null,
  until: null,
  status: null,
  userId: null,
  hasFindings: null,
  category: null,
  subtype: null,
  minSeverity: null,
  source: null,
  text: null,
};

/**
 * An ISO 8601 date-time, or a date (`2026-04-08`): its start, or with `endOfDay` its last
 * millisecond. The seed types the monitor's `since` as an ISO date; clients send both.
 */
export function parseTimeParam(name: string, value: string, endOfDay = false): string {
  if (isValidDay(value)) return endOfDay ? new Date(Date.parse(`${addDays(value, 1)}T00:00:00.000Z`) - 1).toISOString() : `${value}T00:00:00.000Z`;
  const t = parseTimestamp(value);
  if (!t) throw badRequest(`${name} must be an ISO 8601 date-time or date, e.g. 2026-04-08T12:00:00Z or 2026-04-08 (got ${JSON.stringify(value.slice(0, 40))})`);
  return t;
}

/** Checks the parameters together and parses them; 400 naming the parameter when they cannot hold. */
export function parseSessionFilters(q: SessionFilterQuery, since: string | null): SessionFilters {
  if (q.subtype && q.category && categoryOf(q.subtype) !== q.category) {
    throw badRequest(`subtype ${q.subtype} is not in category ${q.category} (it is ${categoryOf(q.subtype)})`);
  }
  if (q.hasFindings === false && (q.category || q.subtype || q.minSeverity)) {
    throw badRequest('hasFindings=false cannot be combined with category, subtype or minSeverity (those select sessions with findings)');
  }
  let text: TextQuery | null = null;
  if (q.q !== undefined) {
    try {
      text = parseTextQuery(q.q);
    } catch (err) {
      throw badRequest(`q must have ${(err as Error).message}`);
    }
    if (!text && q.q.trim() !== '') throw badRequest('q must contain at least one word (letters or digits)');
  }
  return {
    since,
    until: q.until !== undefined ? parseTimeParam('until', q.until, true) : null,
    status: q.status ?? null,
    userId: q.userId ?? null,
    hasFindings: q.hasFindings ?? null,
    category: q.category ?? null,
    subtype: q.subtype ?? null,
    minSeverity: q.minSeverity ?? null,
    source: q.source ?? null,
    text,
  };
}
