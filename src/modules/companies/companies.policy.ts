/**
 * The policy a company's traffic is analysed under, needed by every live chunk and every proxy
 * request: kept per database handle for a second instead of read each time (one statement, and
 * on PostgreSQL a round trip before the chunk's transaction, per chunk). A policy set through
 * this process (PUT /api/policy) is forgotten before the change answers, so the next turn is
 * analysed under it. One set by another process applies from the next turn on SQLite (any commit
 * of another process drops what is kept) and within the second on PostgreSQL, where several
 * server processes share the database (as a company's rate limit does within ten seconds).
 */
import type { Kysely } from 'kysely';
import { type CompanyPolicy, resolvePolicy } from '../../analysis/policy.js';
import type { DB } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { perObject } from '../../lib/per-object.js';
import { Recent } from '../../lib/recent.js';
import { commitsElsewhereOf } from '../../db/connect.js';
import { findCompanyPolicyText } from './companies.repository.js';

const POLICY_TTL_MS = 1_000;

const policiesOf = perObject((db: object) => new Recent<number, CompanyPolicy>(POLICY_TTL_MS, commitsElsewhereOf(db)));

/** The stored text as a policy: unreadable JSON is the default policy, as it always was. */
export function parsePolicyText(text: string): CompanyPolicy {
  let raw: unknown = null;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = null;
  }
  return resolvePolicy(raw);
}

/** The company's policy, as stored at most a second ago (at once after a change made here); 404 without the company. */
export async function companyPolicy(db: Kysely<DB>, companyId: number): Promise<CompanyPolicy> {
  const recent = policiesOf(db);
  const known = recent.get(companyId);
  if (known) return known;
  const token = recent.begin();
  const text = await findCompanyPolicyText(db, companyId);
  if (text === undefined) throw notFound(`company ${companyId} does not exist`);
  const policy = parsePolicyText(text);
  recent.set(companyId, policy, token);
  return policy;
}

/** The company's policy was just changed: its next turn reads it again. */
export function policyChanged(db: Kysely<DB>, companyId: number): void {
  policiesOf(db).forget((id) => id === companyId);
}
