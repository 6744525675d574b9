/** Who is calling, and what each role may do. */

export const KEY_ROLES = ['admin', 'analyst', 'ingest'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];
export const ACCOUNT_ROLES = ['admin', 'analyst'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

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
