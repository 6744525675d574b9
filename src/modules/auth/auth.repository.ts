import type { Selectable } from 'kysely';
import type { ApiKeysTable, Executor } from '../../db/database.js';
import { all } from '../../db/sql.js';
import type { AccountRole, KeyRole } from './auth.js';

export async function insertApiKey(
  db: Executor,
  v: { companyId: number | null; lookup: string; hash: string; role: KeyRole; name: string | null; now: string },
): Promise<number> {
  const row = await db
    .insertInto('api_keys')
    .values({ company_id: v.companyId, lookup: v.lookup, hash: v.hash, role: v.role, name: v.name, created_at: v.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

type ApiKeyRow = Pick<Selectable<ApiKeysTable>, 'id' | 'company_id' | 'hash' | 'role' | 'revoked_at' | 'last_used_at'>;

/** Every authenticated request asks this: a prepared statement, not a query built per call. */
export async function findApiKeyByLookup(db: Executor, lookup: string): Promise<ApiKeyRow | undefined> {
  return (await all<ApiKeyRow>(db, { text: 'SELECT id, company_id, hash, role, revoked_at, last_used_at FROM api_keys WHERE lookup = ?', params: [lookup] }))[0];
}

/** Keys of one company, or the platform keys (no company) when `companyId` is null. */
export async function listApiKeys(db: Executor, companyId: number | null) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'company_id', 'role', 'name', 'lookup', 'created_at', 'revoked_at', 'last_used_at'])
    .where('company_id', companyId === null ? 'is' : '=', companyId)
    .orderBy('id')
    .execute();
}

export async function revokeApiKey(db: Executor, companyId: number | null, id: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('company_id', companyId === null ? 'is' : '=', companyId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function touchApiKey(db: Executor, id: number, now: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function insertAccount(
  db: Executor,
  v: { companyId: number; email: string; role: AccountRole; passwordHash: string; now: string },
): Promise<number> {
  const row = await db
    .insertInto('accounts')
    .values({ company_id: v.companyId, email: v.email, role: v.role, password_hash: v.passwordHash, active: 1, created_at: v.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Accounts with this email, oldest first: one per company at most, and rarely more than one. */
export async function findAccountsByEmail(db: Executor, email: string, limit = 20) {
  return db.selectFrom('accounts').selectAll().where('email', '=', email).orderBy('id').limit(limit).execute();
}

export async function findAccountInCompany(db: Executor, companyId: number, email: string) {
  return db.selectFrom('accounts').selectAll().where('company_id', '=', companyId).where('email', '=', email).executeTakeFirst();
}

export async function findAccountById(db: Executor, companyId: number, id: number) {
  return db.selectFrom('accounts').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

export async function listAccounts(db: Executor, companyId: number) {
  return db
    .selectFrom('accounts')
    .select(['id', 'company_id', 'email', 'role', 'active', 'created_at'])
    .where('company_id', '=', companyId)
    .orderBy('id')
    .execute();
}

export async function updateAccount(
  db: Executor,
  companyId: number,
  id: number,
  patch: { role?: AccountRole; active?: number },
): Promise<boolean> {
  const r = await db.updateTable('accounts').set(patch).where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertWebSession(
  db: Executor,
  v: { id: string; companyId: number; accountId: number; csrfToken: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('web_sessions')
    .values({ id: v.id, company_id: v.companyId, account_id: v.accountId, csrf_token: v.csrfToken, created_at: v.now, expires_at: v.expiresAt })
    .execute();
}

export async function findWebSession(db: Executor, id: string) {
  return db
    .selectFrom('web_sessions')
    .innerJoin('accounts', (j) => j.onRef('accounts.id', '=', 'web_sessions.account_id').onRef('accounts.company_id', '=', 'web_sessions.company_id'))
    .select([
      'web_sessions.id',
      'web_sessions.company_id',
      'web_sessions.account_id',
      'web_sessions.csrf_token',
      'web_sessions.expires_at',
      'accounts.role',
      'accounts.active',
      'accounts.email',
    ])
    .where('web_sessions.id', '=', id)
    .executeTakeFirst();
}

export async function deleteWebSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('web_sessions').where('id', '=', id).execute();
}

export async function deleteWebSessionsOfAccount(db: Executor, companyId: number, accountId: number): Promise<void> {
  await db.deleteFrom('web_sessions').where('company_id', '=', companyId).where('account_id', '=', accountId).execute();
}
