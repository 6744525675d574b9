import type { Kysely } from 'kysely';
import { type CompanyPolicy, DEFAULT_POLICY, resolvePolicy } from '../../analysis/policy.js';
import type { CompanyRow, DB } from '../../db/database.js';
import { badRequest, notFound } from '../../errors.js';
import { isoNow } from '../../lib/time.js';
import type { RateSetting } from '../../config.js';
import { countCompanies as countRows, findCompany, findCompanyRateLimit, insertCompany, listCompanies, updateCompanyPolicy, updateCompanyRateLimit } from './companies.repository.js';
import type { RateLimitAnswer, RateLimitSetting } from './companies.js';
import { policyChanged } from './companies.policy.js';

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
  policyChanged(db, id);
  return getCompany(db, id);
}

export async function countCompanies(db: Kysely<DB>): Promise<number> {
  return countRows(db);
}

/** A company's own request rate and what applies, given the server's default. */
export async function getCompanyRateLimit(db: Kysely<DB>, id: number, serverDefault: RateSetting): Promise<RateLimitAnswer> {
  const own = await findCompanyRateLimit(db, id);
  if (!own) throw notFound(`company ${id} does not exist`);
  return { companyId: id, own, effective: effectiveRate(own, serverDefault) };
}

export async function setCompanyRateLimit(db: Kysely<DB>, id: number, setting: RateLimitSetting, serverDefault: RateSetting): Promise<RateLimitAnswer> {
  if (setting.perSecond === undefined && setting.burst !== undefined) throw badRequest('burst needs perSecond: set both, or neither to use the server default');
  if (!(await updateCompanyRateLimit(db, id, setting.perSecond ?? null, setting.burst ?? null))) throw notFound(`company ${id} does not exist`);
  return getCompanyRateLimit(db, id, serverDefault);
}

/** The rate a company's credentials get: its own when set (0: none), else the server's. */
export function effectiveRate(own: { perSecond: number | null; burst: number | null }, serverDefault: RateSetting): RateSetting {
  if (own.perSecond === null) return serverDefault;
  if (own.perSecond === 0) return null;
  return { perSecond: own.perSecond, burst: own.burst ?? Math.max(1, Math.ceil(own.perSecond * 2)) };
}
