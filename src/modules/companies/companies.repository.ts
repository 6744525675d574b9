import type { CompanyRow, Executor } from '../../db/database.js';

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
