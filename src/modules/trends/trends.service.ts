/**
 * `GET /api/trends`: daily rates, the subtype breakdown and totals against the prior period,
 * read from the daily rollups (O(days) rows whatever the traffic).
 */
import type { Kysely } from 'kysely';
import { CATEGORIES, SUBTYPES } from '../../analysis/types.js';
import type { DB } from '../../db/database.js';
import { addDays, dayOf, daysInRange } from '../../lib/time.js';
import * as rollups from '../rollups/rollups.repository.js';
import type { PeriodTotals, Trends, TrendsDay } from './trends.js';

function rate(flagged: number, turns: number): number {
  // Rounded to 4 decimals: enough for a percentage with two decimals, and stable in JSON.
  return turns > 0 ? Math.round((flagged / turns) * 10_000) / 10_000 : 0;
}

interface Sums {
  turns: number;
  uploads: number;
  issues: number;
  hallucination: number;
  bias: number;
  toxicity: number;
}

const zero = (): Sums => ({ turns: 0, uploads: 0, issues: 0, hallucination: 0, bias: 0, toxicity: 0 });

function totals(s: Sums): PeriodTotals {
  return {
    uploads: s.uploads,
    issues: s.issues,
    hallucinationRate: rate(s.hallucination, s.turns),
    biasRate: rate(s.bias, s.turns),
    toxicityRate: rate(s.toxicity, s.turns),
  };
}

export async function getTrends(db: Kysely<DB>, companyId: number, days: number, now: Date = new Date()): Promise<Trends> {
  const end = dayOf(now);
  const start = addDays(end, -(days - 1));
  const priorStart = addDays(start, -days);
  const rows = await rollups.dailyRollups(db, companyId, { start: priorStart, end });
  const subtypeRows = await rollups.subtypeTotals(db, companyId, { start, end });

  const byDay = new Map(rows.map((r) => [r.day, r]));
  const current = zero();
  const prior = zero();
  for (const r of rows) {
    const s = r.day >= start ? current : prior;
    s.turns += Number(r.turns_analyzed);
    s.uploads += Number(r.uploads);
    s.issues += Number(r.issues);
    s.hallucination += Number(r.hallucination_flagged);
    s.bias += Number(r.bias_flagged);
    s.toxicity += Number(r.toxicity_flagged);
  }
  const dailyData = daysInRange(start, end).map((date): TrendsDay => {
    const r = byDay.get(date);
    const turns = Number(r?.turns_analyzed ?? 0);
    const h = Number(r?.hallucination_flagged ?? 0);
    const b = Number(r?.bias_flagged ?? 0);
    const t = Number(r?.toxicity_flagged ?? 0);
    return {
      date,
      uploadCount: Number(r?.uploads ?? 0),
      totalIssues: Number(r?.issues ?? 0),
      hallucinationRate: rate(h, turns),
      biasRate: rate(b, turns),
      toxicityRate: rate(t, turns),
      hallucinationFlagged: h,
      biasFlagged: b,
      toxicityFlagged: t,
    };
  });
  const counts = new Map(subtypeRows.map((r) => [r.subtype, Number(r.n)]));
  const subtypeBreakdown = Object.fromEntries(
    CATEGORIES.map((c) => [c, Object.fromEntries(SUBTYPES[c].map((s) => [s, counts.get(s) ?? 0]))]),
  ) as Trends['subtypeBreakdown'];
  return { dailyData, subtypeBreakdown, totals: { ...totals(current), priorPeriod: totals(prior) } };
}
