/** Who is calling, what each role may do, and the accounts and keys as the API shows them. */
import { type Static, Type } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../http/schemas.js';
import { ACCOUNT_ROLES, type AccountRole, KEY_ROLES, type KeyRole } from './roles.js';

export { ACCOUNT_ROLES, type AccountRole, KEY_ROLES, type KeyRole };

export interface Principal {
  kind: 'key' | 'account';
  role: KeyRole;
  /** null: a platform admin, who may act on any company. */
  companyId: number | null;
  keyId?: number;
  accountId?: number;
  /** Cookie sessions must echo this token on writes. */
  csrfToken?: string;
}

/**
 * What a route needs, declared in its `config.auth`:
 * - `read`: analysts and admins (monitor, trends, reporting, transcripts);
 * - `ingest`: ingest keys and admins (events, live turns, uploads);
 * - `admin`: company admins (accounts, keys, policy);
 * - `platform`: platform admins only (companies);
 * - `any`: any valid credentials of the company (e.g. following an upload one has sent);
 * - `public`: no credentials (health, sign-in).
 */
export type Permission = 'read' | 'ingest' | 'admin' | 'platform' | 'any' | 'public';

const ALLOWED: Record<Exclude<Permission, 'public'>, readonly KeyRole[]> = {
  any: ['admin', 'analyst', 'ingest'],
  read: ['admin', 'analyst'],
  ingest: ['admin', 'ingest'],
  admin: ['admin'],
  platform: ['admin'],
};

export function permits(principal: Principal, permission: Permission): boolean {
  if (permission === 'public') return true;
  if (permission === 'platform') return principal.companyId === null && principal.role === 'admin';
  return ALLOWED[permission].includes(principal.role);
}

// ── On the wire (the schemas are the one definition; the types are `Static<>` of them) ───────

export const ApiKeyInfoSchema = Type.Object({
  id: Type.Integer(),
  companyId: Nullable(Type.Integer()),
  role: StringEnum(KEY_ROLES),
  name: Nullable(Type.String()),
  /** The first characters of the key, enough to recognise it in a list. */
  prefix: Type.String(),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String()),
});
/** An API key as listed (never the key itself). */
export type ApiKeyInfo = Static<typeof ApiKeyInfoSchema>;

export const AccountSchema = Type.Object({
  id: Type.Integer(),
  companyId: Type.Integer(),
  email: Type.String(),
  role: StringEnum(ACCOUNT_ROLES),
  active: Type.Boolean(),
  createdAt: Type.String(),
});
/** A person who can sign in to the dashboard of a company. */
export type Account = Static<typeof AccountSchema>;

/** PostgreSQL text cannot hold NUL; an email with one is malformed input, not a lookup. */
export const NO_NUL = '^[^\\u0000]*$';

export const CreateApiKeyBodySchema = Type.Object({ role: StringEnum(KEY_ROLES), name: Type.Optional(Type.String({ maxLength: 200 })) });
export type CreateApiKeyBody = Static<typeof CreateApiKeyBodySchema>;
/** The answer to creating a key: the only time the key itself is shown. */
export const ApiKeyCreatedSchema = Type.Object({ key: Type.String(), info: ApiKeyInfoSchema });
export type ApiKeyCreated = Static<typeof ApiKeyCreatedSchema>;

export const CreateAccountBodySchema = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 320, pattern: NO_NUL }),
  role: StringEnum(ACCOUNT_ROLES),
  password: Type.String({ minLength: 8, maxLength: 200 }),
});
export type CreateAccountBody = Static<typeof CreateAccountBodySchema>;
export const UpdateAccountBodySchema = Type.Object({ role: Type.Optional(StringEnum(ACCOUNT_ROLES)), active: Type.Optional(Type.Boolean()) });
export type UpdateAccountBody = Static<typeof UpdateAccountBodySchema>;

export const MeSchema = Type.Object({
  kind: StringEnum(['key', 'account']),
  role: StringEnum(KEY_ROLES),
  companyId: Nullable(Type.Integer()),
  companyName: Nullable(Type.String()),
  email: Nullable(Type.String()),
  csrfToken: Nullable(Type.String()),
});
/** Who the current credentials belong to (`GET /api/auth/me`, and the answer to sign-in). */
export type Me = Static<typeof MeSchema>;
