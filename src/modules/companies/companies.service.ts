import type { Kysely } from 'kysely';
import { type CompanyPolicy, DEFAULT_POLICY, resolvePolicy } from '../../analysis/policy.js';
import type { CompanyRow, DB } from '../../db/database.js';
import { badRequest, notFound } from '../../errors.js';
import { isoNow } from '../../lib/time.js';
import { countCompanies as countRows, findCompany, insertCompany, listCompanies, updateCompanyPolicy } from './companies.repository.js';

export interface Company {
  id: number;
  name: string;
  policy: CompanyPolicy;
  createdAt: string;
}

export function toCompany(row: CompanyRow): Company {
  let policy: unknown = null;
  try {
    policy = JSON.parse(row.policy);
  } catch {
    policy = null;
  }
  return { id: Number(row.id), name: row.name, policy: resolvePolicy(policy), createdAt: row.created_at };
}

export async function createCompany(db: Kysely<DB>, name: string): Promise<Company> {
  const trimmed = name.trim();
  if (!trimmed) throw badRequest('name must not be empty');
  if (trimmed.length > 200) throw badRequest('name must be at most 200 characters');
  const now = isoNow();
  const id = await insertCompany(db, trimmed, JSON.stringify(DEFAULT_POLICY), now);
  return { id, name: trimmed, policy: { ...DEFAULT_POLICY }, createdAt: now };
}

export async function getCompany(db: Kysely<DB>, id: number): Promise<Company> {
  const row = await findCompany(db, id);
  if (!row) throw notFound(`company ${id} does not exist`);
  return toCompany(row);
}

export async function getCompanies(db: Kysely<DB>): Promise<Company[]> {
  return (await listCompanies(db)).map(toCompany);
}

export async function setCompanyPolicy(db: Kysely<DB>, id: number, policy: CompanyPolicy): Promise<Company> {
  await getCompany(db, id);
  await updateCompanyPolicy(db, id, JSON.stringify(resolvePolicy(policy)));
  return getCompany(db, id);
}

export async function countCompanies(db: Kysely<DB>): Promise<number> {
  return countRows(db);
}
