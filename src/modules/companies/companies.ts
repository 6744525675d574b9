/**
 * Companies and their analysis policy on the wire: the schemas are the one definition, the types
 * are `Static<>` of them. The policy's meaning lives with the engine (analysis/policy.ts); the
 * compiler checks the two agree, since the routes pass one for the other both ways.
 */
import { type Static, Type } from '@sinclair/typebox';
import { PRESETS } from '../../analysis/policy.js';
import { ALL_SUBTYPES, SEVERITIES } from '../../analysis/types.js';
import { Nullable, StringEnum } from '../../http/schemas.js';

/** Minutes without activity after which an open session counts as ended, unless the company sets another. */
export const DEFAULT_IDLE_MINUTES = 30;

export const CompanySchema = Type.Object({ id: Type.Integer(), name: Type.String(), createdAt: Type.String() });
/** A company as platform admins list it. */
export type CompanyInfo = Static<typeof CompanySchema>;

export const RateLimitSchema = Type.Object(
  {
    perSecond: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000, description: 'Requests per second per API key or account; 0: no limit. Omitted: the server default.' })),
    burst: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'Requests at once after a quiet spell. Omitted: twice the rate per second.' })),
  },
  { additionalProperties: false },
);
/** A company's own request rate, as a platform admin sets it (`{}` returns it to the server default). */
export type RateLimitSetting = Static<typeof RateLimitSchema>;

const OwnRateSchema = Type.Object({ perSecond: Nullable(Type.Number()), burst: Nullable(Type.Integer()) });

export const RateLimitAnswerSchema = Type.Object({
  companyId: Type.Integer(),
  /** The company's own setting; nulls: none, the server default applies. */
  own: OwnRateSchema,
  /** What applies now to each key and account of the company (null: unlimited). */
  effective: Nullable(Type.Object({ perSecond: Type.Number(), burst: Type.Integer() })),
});
export type RateLimitAnswer = Static<typeof RateLimitAnswerSchema>;

export const SubtypeOverrideSchema = Type.Object({
  disabled: Type.Optional(Type.Boolean()),
  minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  severity: Type.Optional(StringEnum(SEVERITIES)),
});
export type SubtypeOverride = Static<typeof SubtypeOverrideSchema>;

export const PolicySchema = Type.Object({
  preset: StringEnum(PRESETS),
  endSessionAt: Nullable(StringEnum(SEVERITIES)),
  overrides: Type.Object(Object.fromEntries(ALL_SUBTYPES.map((s) => [s, Type.Optional(SubtypeOverrideSchema)])), { additionalProperties: false }),
  allowList: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000 }),
  denyList: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000 }),
});
/** A company's analysis policy: preset, per-subtype overrides, allow and deny lists, and the severity that ends a live session. */
export type Policy = Static<typeof PolicySchema>;
