/**
 * The proxy's settings on the wire (the schemas are the one definition; the types are `Static<>`
 * of them). The upstream key goes in and never comes out: answers say only whether one is set.
 */
import { type Static, Type } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas.js';

/** block: a violation ends the session and the client gets the handoff; flag-only: findings are recorded, nothing is withheld. */
export const GUARDRAIL_MODES = ['block', 'flag-only'] as const;
export type GuardrailMode = (typeof GUARDRAIL_MODES)[number];

/** Models one company may name in its allow-list. */
export const MAX_ALLOWED_MODELS = 200;

export const ProxySettingsSchema = Type.Object({
  baseUrl: Nullable(Type.String({ description: "The company's upstream, e.g. https://api.openai.com/v1; null: the server's default (CHATLENS_UPSTREAM_URL)." })),
  models: Type.Array(Type.String(), { description: 'Models clients may ask for; empty: any model the upstream serves.' }),
  apiKeySet: Type.Boolean({ description: 'Whether an upstream key is stored for the company. The key itself is never returned.' }),
  guardrails: StringEnum(GUARDRAIL_MODES, { description: 'block: a violating user turn or answer ends the session and the client gets the handoff; flag-only: findings are recorded and nothing is withheld.' }),
  effective: Type.Object({
    upstream: StringEnum(['company', 'server', 'none'] as const, { description: "Whose upstream requests go to: the company's, the server's default, or none (requests are refused)." }),
    baseUrl: Nullable(Type.String()),
  }),
});
export type ProxySettings = Static<typeof ProxySettingsSchema>;

export const ProxySettingsBodySchema = Type.Object({
  baseUrl: Nullable(Type.String({ minLength: 1, maxLength: 2000, pattern: '^https?://', description: "http(s) URL of the upstream's OpenAI API root (the part before /chat/completions); null: the server's default." })),
  models: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: MAX_ALLOWED_MODELS, description: 'Allow-list of models; empty or absent: any model.' })),
  apiKey: Type.Optional(
    Nullable(Type.String({ minLength: 1, maxLength: 4000, description: 'The upstream key, stored sealed (AES-256-GCM). Absent: keep the stored key; null: remove it.' })),
  ),
  guardrails: Type.Optional(StringEnum(GUARDRAIL_MODES)),
});
export type ProxySettingsBody = Static<typeof ProxySettingsBodySchema>;
