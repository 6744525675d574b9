/**
 * Analysts' reviews on the wire: a verdict on a finding, a turn flagged as missed, the review
 * queue and the precision measured from reviews. The schemas are the one definition; the types are
 * `Static<>` of them.
 */
import { type Static, Type } from '@sinclair/typebox';
import { ALL_SUBTYPES, CATEGORIES } from '../../analysis/types.js';
import { Nullable, StringEnum } from '../../http/schemas.js';
import { FlaggedTurnSchema, REVIEW_STATUSES, SpanSchema } from '../findings/findings.js';

/** A note is a sentence or two for colleagues, not a document. */
export const REVIEW_NOTE_MAX = 2000;

export const ReviewBodySchema = Type.Object({
  status: StringEnum(REVIEW_STATUSES, { description: 'confirmed: the finding is right; dismissed: it is wrong and stops counting in trends and lists.' }),
  note: Type.Optional(Type.String({ maxLength: REVIEW_NOTE_MAX, description: `Optional note (up to ${REVIEW_NOTE_MAX} characters).` })),
});
export type ReviewBody = Static<typeof ReviewBodySchema>;

export const ReviewQueuePageSchema = Type.Object({
  findings: Type.Array(FlaggedTurnSchema),
  pending: Type.Integer({ description: 'Findings of the window still awaiting review.' }),
  nextCursor: Nullable(Type.String({ description: 'The id of the last finding of this page; null on the last page.' })),
});
export type ReviewQueuePage = Static<typeof ReviewQueuePageSchema>;

export const MissedBodySchema = Type.Object({
  subtype: StringEnum(ALL_SUBTYPES, { description: 'What the engine missed; the category follows from it.' }),
  category: Type.Optional(StringEnum(CATEGORIES, { description: 'Optional; must be the subtype’s category.' })),
  start: Type.Integer({ minimum: 0, description: 'Start of the span in the message content (UTF-16 offset, as JavaScript strings count).' }),
  end: Type.Integer({ minimum: 1, description: 'End of the span (exclusive).' }),
  note: Type.Optional(Type.String({ maxLength: REVIEW_NOTE_MAX })),
});
export type MissedBody = Static<typeof MissedBodySchema>;

export const MissedFindingSchema = Type.Object({
  id: Type.Integer(),
  sessionId: Type.String(),
  messageId: Type.String(),
  category: StringEnum(CATEGORIES),
  subtype: StringEnum(ALL_SUBTYPES),
  spans: Type.Array(SpanSchema),
  note: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
/** A turn an analyst flagged as missed by the engine: kept as a labelled example. */
export type MissedFinding = Static<typeof MissedFindingSchema>;

export const SubtypePrecisionSchema = Type.Object({
  category: StringEnum(CATEGORIES),
  subtype: StringEnum(ALL_SUBTYPES),
  confirmed: Type.Integer(),
  dismissed: Type.Integer(),
  missed: Type.Integer({ description: 'Turns analysts flagged as missed with this subtype.' }),
  precision: Nullable(Type.Number({ description: 'confirmed / (confirmed + dismissed), 4 decimals; null when none was reviewed.' })),
});
export const PrecisionReportSchema = Type.Object({
  from: Type.String({ description: 'First UTC day of the window (the findings’ message days).' }),
  to: Type.String({ description: 'Last UTC day, inclusive.' }),
  subtypes: Type.Array(SubtypePrecisionSchema, { description: 'All twelve subtypes, in category order.' }),
});
/** Measured precision per detector (subtype) from analysts' reviews. */
export type PrecisionReport = Static<typeof PrecisionReportSchema>;
