import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../../errors.js';
import { isoNow } from '../../lib/time.js';
import { getCompany } from '../companies/companies.service.js';
import { ACCOUNT_ROLES, type Account, type AccountRole, type ApiKeyInfo, KEY_ROLES, type KeyRole, type Principal } from './auth.js';
import * as repo from './auth.repository.js';
import { VerifiedKeys } from './verified-keys.js';
import { keyChangesElsewhereOf } from '../../db/connect.js';
import { perObject } from '../../lib/per-object.js';
import { equalHex, equalText, hashPassword, newApiKey, parseApiKey, randomToken, sha256Hex, verifyPassword } from './secrets.js';

/** Creates a key and returns it in clear: the only time it is ever visible. */
export async function createApiKey(
  db: Kysely<DB>,
  v: { companyId: number | null; role: KeyRole; name?: string | null },
): Promise<{ key: string; info: ApiKeyInfo }> {
  if (!KEY_ROLES.includes(v.role)) throw badRequest(`role must be one of ${KEY_ROLES.join(', ')}`);
  if (v.companyId === null && v.role !== 'admin') throw badRequest('a platform key (no company) must have role admin');
  if (v.companyId !== null) await getCompany(db, v.companyId);
  const { key, lookup, hash } = newApiKey();
  const now = isoNow();
  const id = await repo.insertApiKey(db, { companyId: v.companyId, lookup, hash, role: v.role, name: v.name ?? null, now });
  return {
    key,
    info: { id, companyId: v.companyId, role: v.role, name: v.name ?? null, prefix: key.slice(0, 12), createdAt: now, revokedAt: null, lastUsedAt: null },
  };
}

// last_used_at is a hint for the settings page; writing it on every request would turn every
// read into a write, so it is refreshed at most once a minute per key.
const TOUCH_INTERVAL_MS = 60_000;

/** The verified keys of one database handle (an app's, the CLI's), shared by authentication and revocation. */
const verifiedKeysOf = perObject((db: Kysely<DB>) => new VerifiedKeys(keyChangesElsewhereOf(db)));

export async function authenticateApiKey(db: Kysely<DB>, key: string): Promise<Principal> {
  const parsed = parseApiKey(key);
  if (!parsed) throw unauthorized('Invalid API key');
  // Hashed before the lookup, so a missing row and a wrong key take the same time.
  const hash = sha256Hex(key);
  const verified = verifiedKeysOf(db);
  const known = verified.get(parsed.lookup, hash);
  if (known) return known;
  const token = verified.begin();
  const row = await repo.findApiKeyByLookup(db, parsed.lookup);
  if (!row || !equalHex(hash, row.hash) || row.revoked_at) throw unauthorized('Invalid API key');
  const now = Date.now();
  if (!row.last_used_at || now - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) {
    await repo.touchApiKey(db, Number(row.id), new Date(now).toISOString());
  }
  const principal: Principal = { kind: 'key', role: row.role, companyId: row.company_id === null ? null : Number(row.company_id), keyId: Number(row.id) };
  verified.set(parsed.lookup, row.hash, principal, token);
  return principal;
}

/** The keys of a company, or the platform keys when `companyId` is null (the CLI lists those). */
export async function listApiKeys(db: Kysely<DB>, companyId: number | null): Promise<ApiKeyInfo[]> {
  const rows = await repo.listApiKeys(db, companyId);
  return rows.map((r) => ({
    id: Number(r.id),
    companyId: r.company_id === null ? null : Number(r.company_id),
    role: r.role,
    name: r.name,
    prefix: `clk_${r.lookup.slice(0, 8)}`,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  }));
}

export async function revokeApiKey(db: Kysely<DB>, companyId: number | null, id: number): Promise<void> {
  if (!(await repo.revokeApiKey(db, companyId, id, isoNow()))) throw notFound(`API key ${id} does not exist or is already revoked`);
  // Refused from the next request on, before this answers.
  verifiedKeysOf(db).revoked(id);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function toAccount(r: { id: number; company_id: number; email: string; role: AccountRole; active: number; created_at: string }): Account {
  return { id: Number(r.id), companyId: Number(r.company_id), email: r.email, role: r.role, active: Number(r.active) === 1, createdAt: r.created_at };
}

export async function createAccount(
  db: Kysely<DB>,
  v: { companyId: number; email: string; role: AccountRole; password: string },
): Promise<Account> {
  const email = v.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw badRequest('email must be an email address');
  if (!ACCOUNT_ROLES.includes(v.role)) throw badRequest(`role must be one of ${ACCOUNT_ROLES.join(', ')}`);
  if (v.password.length < 8) throw badRequest('password must be at least 8 characters');
  await getCompany(db, v.companyId);
  // Only this company's members are looked at: whether the address has an account elsewhere is
  // none of this company's business (emails are unique per company).
  const taken = () => conflict(`${email} is already a member of this company`);
  if (await repo.findAccountInCompany(db, v.companyId, email)) throw taken();
  const now = isoNow();
  const passwordHash = await hashPassword(v.password);
  let id: number;
  try {
    id = await repo.insertAccount(db, { companyId: v.companyId, email, role: v.role, passwordHash, now });
  } catch (err) {
    // Two admins adding the same address at once: the unique index decides.
    if (await repo.findAccountInCompany(db, v.companyId, email)) throw taken();
    throw err;
  }
  return { id, companyId: v.companyId, email, role: v.role, active: true, createdAt: now };
}

export async function listAccounts(db: Kysely<DB>, companyId: number): Promise<Account[]> {
  return (await repo.listAccounts(db, companyId)).map(toAccount);
}

export async function updateAccount(
  db: Kysely<DB>,
  companyId: number,
  id: number,
  patch: { role?: AccountRole; active?: boolean },
): Promise<Account> {
  if (patch.role === undefined && patch.active === undefined) throw badRequest('send role, active or both');
  const changed = await repo.updateAccount(db, companyId, id, {
    role: patch.role,
    active: patch.active === undefined ? undefined : patch.active ? 1 : 0,
  });
  if (!changed) throw notFound(`account ${id} does not exist`);
  if (patch.active === false) await repo.deleteWebSessionsOfAccount(db, companyId, id);
  const row = await repo.findAccountById(db, companyId, id);
  return toAccount(row!);
}

/** Dashboard sessions last 7 days; the cookie holds a random token, the table only its hash. */
const SESSION_TTL_MS = 7 * 86_400_000;

export async function signIn(
  db: Kysely<DB>,
  email: string,
  password: string,
  companyId?: number,
): Promise<{ token: string; csrfToken: string; account: Account; expiresAt: string }> {
  // One address may be a member of several companies, each account with its own password: the
  // account is the one whose password matches (the oldest, should two share a password), or, when
  // `companyId` is given, that company's. Every candidate's hash is checked, and a dummy one when
  // there is none, so timing does not reveal which emails exist.
  const candidates = (await repo.findAccountsByEmail(db, email.trim().toLowerCase())).filter((r) => companyId === undefined || Number(r.company_id) === companyId);
  let row: (typeof candidates)[number] | undefined;
  for (const candidate of candidates) {
    if ((await verifyPassword(password, candidate.password_hash)) && !row && Number(candidate.active) === 1) row = candidate;
  }
  if (candidates.length === 0) await verifyPassword(password, DUMMY_HASH);
  if (!row) throw unauthorized('Email or password is incorrect');
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  await repo.insertWebSession(db, {
    id: sha256Hex(token),
    companyId: Number(row.company_id),
    accountId: Number(row.id),
    csrfToken,
    now: now.toISOString(),
    expiresAt,
  });
  return { token, csrfToken, account: toAccount(row), expiresAt };
}

const DUMMY_HASH =
  'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function authenticateWebSession(db: Kysely<DB>, token: string): Promise<Principal & { email: string }> {
  const row = await repo.findWebSession(db, sha256Hex(token));
  if (!row || Number(row.active) !== 1 || row.expires_at < isoNow()) throw unauthorized('Your session has expired; sign in again');
  return {
    kind: 'account',
    role: row.role,
    companyId: Number(row.company_id),
    accountId: Number(row.account_id),
    csrfToken: row.csrf_token,
    email: row.email,
  };
}

/**
 * Ends a dashboard session. The request must echo the session's CSRF token: the cookie rides
 * along on cross-site requests, and another site must not sign people out. A session that is
 * already gone needs nothing.
 */
export async function signOut(db: Kysely<DB>, token: string, csrfToken: string | undefined): Promise<void> {
  const row = await repo.findWebSession(db, sha256Hex(token));
  if (!row) return;
  if (csrfToken === undefined || !equalText(csrfToken, row.csrf_token)) throw forbidden('missing or wrong x-csrf-token header');
  await repo.deleteWebSession(db, row.id);
}
