import type { CompanyRow, Executor } from '../../db/database.js';
import { all } from '../../db/sql.js';

export async function insertCompany(db: Executor, name: string, policy: string, now: string): Promise<number> {
  const row = await db
    .insertInto('companies')
    .values({ name, policy, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findCompany(db: Executor, id: number): Promise<CompanyRow | undefined> {
  return db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCompanies(db: Executor): Promise<CompanyRow[]> {
  return db.selectFrom('companies').selectAll().orderBy('id').execute();
}

/** The company's policy as stored (JSON), or undefined when there is no such company. Hand-written: it runs per live chunk. */
export async function findCompanyPolicyText(db: Executor, companyId: number): Promise<string | undefined> {
  return (await all<{ policy: string }>(db, { text: 'SELECT policy FROM companies WHERE id = ?', params: [companyId] }))[0]?.policy;
}

export async function updateCompanyPolicy(db: Executor, id: number, policy: string): Promise<void> {
  await db.updateTable('companies').set({ policy }).where('id', '=', id).execute();
}

export async function updateIdleMinutes(db: Executor, id: number, minutes: number): Promise<void> {
  await db.updateTable('companies').set({ idle_minutes: minutes }).where('id', '=', id).execute();
}

export async function countCompanies(db: Executor): Promise<number> {
  const row = await db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A company's own request rate (null fields: the server's default). */
export async function findCompanyRateLimit(db: Executor, id: number): Promise<{ perSecond: number | null; burst: number | null } | undefined> {
  const row = await db.selectFrom('companies').select(['rate_limit_per_second', 'rate_limit_burst']).where('id', '=', id).executeTakeFirst();
  return row && { perSecond: row.rate_limit_per_second === null ? null : Number(row.rate_limit_per_second), burst: row.rate_limit_burst === null ? null : Number(row.rate_limit_burst) };
}

export async function updateCompanyRateLimit(db: Executor, id: number, perSecond: number | null, burst: number | null): Promise<boolean> {
  const result = await db.updateTable('companies').set({ rate_limit_per_second: perSecond, rate_limit_burst: burst }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
