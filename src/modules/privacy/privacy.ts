/** Retention, erasure and the audit log on the wire (the schemas are the one definition). */
import { type Static, Type } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas.js';

export const RetentionSchema = Type.Object({
  days: Nullable(Type.Integer({ minimum: 1, maximum: 36_500, description: 'Sessions whose last activity is older than this many days are deleted with their messages and findings; null: kept forever (the default).' })),
  rawKeptFrom: Nullable(Type.String({ description: 'Rollups before this UTC day are kept, though their raw rows were deleted by retention; reports and trends still cover them.' })),
});
export type Retention = Static<typeof RetentionSchema>;

/**
 * One JSON type list rather than a union: with the app's type coercion a union's null branch
 * would take `0` as null ("keep forever") instead of refusing it.
 */
export const RetentionBodySchema = Type.Object(
  {
    days: Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: 36_500, description: 'Days to keep raw traffic, from 1 to 36500; null: forever.' }),
  },
  { additionalProperties: false },
);

export const RemovedCountsSchema = Type.Object({
  sessions: Type.Integer(),
  messages: Type.Integer(),
  findings: Type.Integer(),
  feedback: Type.Integer(),
  connections: Type.Integer(),
});

export const ErasureSchema = Type.Object({
  erased: RemovedCountsSchema,
  auditId: Type.Integer({ description: 'The audit log entry recording this erasure.' }),
});
export type Erasure = Static<typeof ErasureSchema>;

export const AUDIT_ACTIONS = ['erase.user', 'erase.session', 'retention.changed', 'retention.purged'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.String({ description: 'Who: `account <id> <email>`, `api key <id> <name>`, or `retention` for the background job.' }),
  action: StringEnum(AUDIT_ACTIONS),
  target: Nullable(Type.String({ description: 'The end user, session or setting acted on.' })),
  counts: Type.Record(Type.String(), Type.Union([Type.Integer(), Type.Null(), Type.String()])),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditPageSchema = Type.Object({ entries: Type.Array(AuditEntrySchema), nextCursor: Nullable(Type.String()) });
export type AuditPage = Static<typeof AuditPageSchema>;
