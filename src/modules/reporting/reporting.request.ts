/**
 * A report request is data: parse the query → normalise it (window, companies) → the report
 * builder reads rollups for exactly those days and companies → shape.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.js';
import { badRequest, forbidden, notFound } from '../../errors.js';
import { dayOf, isValidDay } from '../../lib/time.js';
import type { Principal } from '../auth/auth.js';
import { findCompany, listCompanies } from '../companies/companies.repository.js';
import type { ReportQuery } from './reporting.js';

export interface ReportRequest {
  start: string;
  end: string;
  companies: { id: number; name: string }[];
  /** Per-day lists (user-activities, used-documents): entries listed per day and skipped. */
  page: { limit: number; offset: number };
}

/** Longest window one request may ask for: ten years of daily buckets. */
export const MAX_REPORT_DAYS = 3660;

export function parseWindow(q: ReportQuery, today: string = dayOf(new Date())): { start: string; end: string } {
  if (q.start_date === undefined) throw badRequest('start_date is required (YYYY-MM-DD)');
  if (!isValidDay(q.start_date)) throw badRequest('start_date must be a date in YYYY-MM-DD format');
  const end = q.end_date ?? today;
  if (!isValidDay(end)) throw badRequest('end_date must be a date in YYYY-MM-DD format');
  if (end < q.start_date) throw badRequest('end_date must be on or after start_date');
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${q.start_date}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_REPORT_DAYS) throw badRequest(`the window from start_date to end_date must be at most ${MAX_REPORT_DAYS} days`);
  return { start: q.start_date, end };
}

/** Company admins and analysts read their own company; a platform admin reads one or all. */
export async function resolveReportCompanies(
  db: Kysely<DB>,
  principal: Principal,
  companyId: number | undefined,
): Promise<{ id: number; name: string }[]> {
  if (principal.companyId !== null) {
    if (companyId !== undefined && companyId !== principal.companyId) {
      throw forbidden(`this key may only read company ${principal.companyId}`);
    }
    const own = await findCompany(db, principal.companyId);
    if (!own) throw notFound(`company ${principal.companyId} does not exist`);
    return [{ id: Number(own.id), name: own.name }];
  }
  if (companyId !== undefined) {
    const c = await findCompany(db, companyId);
    if (!c) throw notFound(`company ${companyId} does not exist`);
    return [{ id: Number(c.id), name: c.name }];
  }
  return (await listCompanies(db)).map((c) => ({ id: Number(c.id), name: c.name }));
}

export async function parseReportRequest(db: Kysely<DB>, principal: Principal, q: ReportQuery): Promise<ReportRequest> {
  const { start, end } = parseWindow(q);
  return { start, end, companies: await resolveReportCompanies(db, principal, q.company_id), page: { limit: q.limit ?? 100, offset: q.offset ?? 0 } };
}
