/**
 * Tables of a leave-one-source-out run: per category, each source's precision, recall, F1 and
 * clean-turn flag rate (false-positive rate), then the mean over sources and the pooled figures;
 * per subtype, the mean over the sources that hold it. Targets from issue 8 are checked on the
 * means.
 */
import type { CategoryMetrics, SubtypeMetrics } from '../../src/analysis/eval.js';
import { type Category, type Subtype, CATEGORIES, SUBTYPES } from '../../src/analysis/types.js';
import type { LosoReport, SourceResult } from './loso.js';

export interface Mean {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  fpr: number | null;
  sources: number;
}

export interface LosoSummary {
  categories: Partial<Record<Category, { mean: Mean; pooled: Mean }>>;
  subtypes: Partial<Record<Subtype, Mean>>;
  targets: { name: string; value: number | null; target: string; met: boolean }[];
}

const avg = (xs: number[]): number | null => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000 : null);

/**
 * Means over sources: recall over sources with positives, precision / clean-turn rate over
 * sources with negatives, F1 over sources with both (a positives-only source has no precision:
 * every flag on it is right).
 */
function categoryMean(rs: SourceResult[]): Mean {
  const m = rs.map((r) => r.metrics);
  const both = m.filter((x) => x.support > 0 && x.negatives > 0);
  return {
    precision: avg(both.map((x) => x.precision)),
    recall: avg(m.filter((x) => x.support > 0).map((x) => x.recall)),
    f1: avg(both.map((x) => x.f1)),
    fpr: avg(m.filter((x) => x.negatives > 0).map((x) => x.falsePositiveRate)),
    sources: m.length,
  };
}

function pooled(rs: SourceResult[]): Mean {
  let tp = 0;
  let fp = 0;
  let pos = 0;
  let neg = 0;
  for (const { metrics: m } of rs) {
    tp += m.truePositives;
    fp += m.falsePositives;
    pos += m.support;
    neg += m.negatives;
  }
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = pos ? tp / pos : 0;
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return { precision: round(p), recall: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0), fpr: neg ? round(fp / neg) : null, sources: rs.length };
}

export function summarise(report: LosoReport): LosoSummary {
  const out: LosoSummary = { categories: {}, subtypes: {}, targets: [] };
  for (const c of CATEGORIES) {
    const rs = report.results.filter((r) => r.category === c);
    if (!rs.length) continue;
    out.categories[c] = { mean: categoryMean(rs), pooled: pooled(rs) };
    for (const s of SUBTYPES[c] as readonly Subtype[]) {
      const ms = rs.map((r) => r.subtypes[s]).filter((x): x is SubtypeMetrics => !!x && x.support > 0);
      if (!ms.length) continue;
      out.subtypes[s] = { precision: avg(ms.map((x) => x.precision)), recall: avg(ms.map((x) => x.recall)), f1: avg(ms.map((x) => x.f1)), fpr: null, sources: ms.length };
    }
  }
  const f1Targets: [Category, number][] = [['toxicity', 0.75], ['bias', 0.6], ['hallucination', 0.6]];
  for (const [c, t] of f1Targets) {
    const v = out.categories[c]?.mean.f1 ?? null;
    out.targets.push({ name: `${c} F1`, value: v, target: `≥ ${t}`, met: v !== null && v >= t });
  }
  for (const c of CATEGORIES) {
    const v = out.categories[c]?.mean.fpr ?? null;
    out.targets.push({ name: `${c} clean turns flagged`, value: v, target: '≤ 0.10', met: v !== null && v <= 0.1 });
  }
  for (const [s, m] of Object.entries(out.subtypes)) {
    out.targets.push({ name: `${s} recall`, value: m.recall, target: '≥ 0.30', met: m.recall !== null && m.recall >= 0.3 });
  }
  return out;
}

const f = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : x.toFixed(3)).padStart(7);

export function formatLoso(report: LosoReport, summary: LosoSummary = summarise(report)): string {
  const lines: string[] = [`leave-one-source-out, pipeline ${report.pipeline} (${report.seconds} s)`];
  for (const c of CATEGORIES) {
    const rs = report.results.filter((r) => r.category === c);
    if (!rs.length) continue;
    lines.push('', `${c.padEnd(28)}${'prec'.padStart(7)}${'recall'.padStart(7)}${'F1'.padStart(7)}${'clean'.padStart(7)}${'pos'.padStart(6)}${'neg'.padStart(6)}`);
    for (const r of rs) {
      const m: CategoryMetrics = r.metrics;
      const tag = r.heldOut ? '' : ' *';
      lines.push(`  ${(r.source + tag).padEnd(26)}${f(m.negatives ? m.precision : null)}${f(m.recall)}${f(m.negatives ? m.f1 : null)}${f(m.negatives ? m.falsePositiveRate : null)}${String(m.support).padStart(6)}${String(m.negatives).padStart(6)}`);
    }
    const s = summary.categories[c]!;
    lines.push(`  ${'mean over sources'.padEnd(26)}${f(s.mean.precision)}${f(s.mean.recall)}${f(s.mean.f1)}${f(s.mean.fpr)}`);
    lines.push(`  ${'pooled rows'.padEnd(26)}${f(s.pooled.precision)}${f(s.pooled.recall)}${f(s.pooled.f1)}${f(s.pooled.fpr)}`);
  }
  lines.push('', `${'subtype (mean over sources)'.padEnd(28)}${'prec'.padStart(7)}${'recall'.padStart(7)}${'F1'.padStart(7)}  sources`);
  for (const [s, m] of Object.entries(summary.subtypes)) lines.push(`  ${s.padEnd(26)}${f(m.precision)}${f(m.recall)}${f(m.f1)}  ${m.sources}`);
  lines.push('', '* not a training source of this pipeline (measure-only licence, or unused): scored with the model trained on all its sources');
  lines.push('', 'targets on the mean over sources:');
  for (const t of summary.targets) lines.push(`  ${t.met ? 'met   ' : 'MISSED'} ${t.name.padEnd(34)}${f(t.value)} (${t.target})`);
  return lines.join('\n');
}
