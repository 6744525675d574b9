/**
 * Webhooks on the wire (the schemas are the one definition; the dashboard imports the types) and
 * the events they deliver. docs/webhooks.md describes them for receivers.
 */
import { type Static, Type } from '@sinclair/typebox';
import { CATEGORIES, SEVERITIES } from '../../analysis/types.js';
import { Nullable, StringEnum } from '../../http/schemas.js';

export const WEBHOOK_FORMATS = ['json', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const EVENT_TYPES = ['session.violation', 'finding.created', 'rate.threshold_crossed', 'test'] as const;
export type WebhookEventType = (typeof EVENT_TYPES)[number];

export const DELIVERY_STATUSES = ['pending', 'delivering', 'delivered', 'failed'] as const;

/** A company may have this many webhooks: every chunk of live traffic with findings looks at all of them. */
export const MAX_WEBHOOKS = 20;

const Threshold = Type.Number({ minimum: 0.001, maximum: 1, description: 'Flagged turns / turns analysed in one category on one UTC day, from 0.001 to 1.' });
const MinTurns = Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Turns analysed that day before the rate counts (a day’s first turns alone are noise); 20 when not given.' });
const DailyRateSchema = Type.Object({ threshold: Threshold, minTurns: MinTurns }, { additionalProperties: false });
const DailyRateInputSchema = Type.Object({ threshold: Threshold, minTurns: Type.Optional(MinTurns) }, { additionalProperties: false });

export const WebhookEventsSchema = Type.Object(
  {
    sessionViolation: Type.Boolean({ description: 'A live session was ended for a violation.' }),
    minSeverity: Nullable(StringEnum(SEVERITIES, { description: 'A live turn got a finding at or above this severity; null: off.' })),
    dailyRate: Nullable(DailyRateSchema),
  },
  { additionalProperties: false },
);
export type WebhookEvents = Static<typeof WebhookEventsSchema>;

export const WebhookSchema = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  description: Nullable(Type.String()),
  format: StringEnum(WEBHOOK_FORMATS),
  active: Type.Boolean(),
  events: WebhookEventsSchema,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
/** A webhook as listed: never its secret. */
export type Webhook = Static<typeof WebhookSchema>;

export const WebhookCreatedSchema = Type.Object({
  webhook: WebhookSchema,
  secret: Type.String({ description: 'The signing secret, shown this once: store it with the receiver. It cannot be read again (rotate it to get a new one).' }),
});
export type WebhookCreated = Static<typeof WebhookCreatedSchema>;

const UrlField = Type.String({ minLength: 8, maxLength: 2000, description: 'http:// or https:// URL the events are POSTed to.' });
const DescriptionField = Type.String({ maxLength: 200 });

export const CreateWebhookBodySchema = Type.Object(
  {
    url: UrlField,
    description: Type.Optional(Nullable(DescriptionField)),
    format: Type.Optional(StringEnum(WEBHOOK_FORMATS, { description: '`json` (signed Chatlens event, the default) or `slack` (a Slack-compatible incoming-webhook message).' })),
    active: Type.Optional(Type.Boolean()),
    events: Type.Object(
      {
        sessionViolation: Type.Optional(Type.Boolean()),
        minSeverity: Type.Optional(Nullable(StringEnum(SEVERITIES))),
        dailyRate: Type.Optional(Nullable(DailyRateInputSchema)),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBodySchema>;

export const UpdateWebhookBodySchema = Type.Object(
  {
    url: Type.Optional(UrlField),
    description: Type.Optional(Nullable(DescriptionField)),
    format: Type.Optional(StringEnum(WEBHOOK_FORMATS)),
    active: Type.Optional(Type.Boolean()),
    events: Type.Optional(CreateWebhookBodySchema.properties.events),
  },
  { additionalProperties: false },
);
export type UpdateWebhookBody = Static<typeof UpdateWebhookBodySchema>;

export const AttemptSchema = Type.Object({
  attempt: Type.Integer(),
  startedAt: Type.String(),
  durationMs: Type.Integer(),
  statusCode: Nullable(Type.Integer({ description: 'The receiver’s HTTP status; null when no answer came (time-out, refused connection).' })),
  response: Nullable(Type.String({ description: 'The first 1,000 characters of the response body.' })),
  error: Nullable(Type.String()),
});
export type DeliveryAttempt = Static<typeof AttemptSchema>;

export const DeliverySchema = Type.Object({
  id: Type.Integer(),
  webhookId: Type.Integer(),
  eventType: StringEnum(EVENT_TYPES),
  status: StringEnum(DELIVERY_STATUSES),
  createdAt: Type.String(),
  nextAttemptAt: Nullable(Type.String({ description: 'When the next attempt is due; null once delivered or failed.' })),
  finishedAt: Nullable(Type.String()),
  event: Type.Unknown({ description: 'The event as delivered in the json format.' }),
  attempts: Type.Array(AttemptSchema),
});
export type Delivery = Static<typeof DeliverySchema>;

export const DeliveryPageSchema = Type.Object({ deliveries: Type.Array(DeliverySchema), nextCursor: Nullable(Type.String()) });
export type DeliveryPage = Static<typeof DeliveryPageSchema>;

// ── Events ────────────────────────────────────────────────────────────────────────────────

export interface FindingSummary {
  category: (typeof CATEGORIES)[number];
  subtype: string;
  severity: (typeof SEVERITIES)[number];
  score: number;
  explanation: string;
}

/** The body of a `json` delivery. `id` is the same on every attempt: receivers deduplicate on it. */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  companyId: number;
  data: Record<string, unknown>;
}
