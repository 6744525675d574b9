/**
 * Scores the engine against labelled JSONL files in the format of ../shared/eval/dev
 * (schema in that folder's README). Pure apart from the clock used for throughput.
 *
 * Conventions followed: `context` is passed as one document and `question` as
 * `context.question`; a row is predicted positive for its file's category when any finding of
 * that category survives the policy (standard preset by default); a row's gold subtypes are
 * `meta.all_subtypes` when present, else `subtype`; a flagged row with no subtype counts for
 * category metrics only.
 */
import { englishDataset } from 'obscenity';
import { builtinEngine } from './engine.js';
import { DEFAULT_POLICY, applyPolicy, type CompanyPolicy } from './policy.js';
import {
  type AnalysisContext,
  type AnalysisEngine,
  type Category,
  type Finding,
  type Role,
  type Subtype,
  type Turn,
  CATEGORIES,
  SUBTYPES,
} from './types.js';

export interface EvalRow {
  id: string;
  source?: string;
  category: Category;
  subtype: Subtype | null;
  flagged: boolean;
  role: Role;
  text: string;
  context?: string | null;
  question?: string | null;
  meta?: Record<string, unknown>;
}

export interface CategoryMetrics {
  precision: number;
  recall: number;
  f1: number;
  falsePositiveRate: number;
  support: number;
  negatives: number;
  truePositives: number;
  falsePositives: number;
}

export interface SubtypeMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvalReport {
  rows: number;
  categories: Partial<Record<Category, CategoryMetrics>>;
  subtypes: Partial<Record<Subtype, SubtypeMetrics>>;
  throughput: { turnsPerSecond: number; p50Micros: number; p99Micros: number };
  /** Category counts per `source`, to see which dataset drives a number. */
  sources: Record<string, { category: Category; recall: number; falsePositiveRate: number; positives: number; negatives: number }>;
  /** The plain profanity word-list on the toxicity rows of the same run. */
  baseline?: { toxicity: CategoryMetrics; turnsPerSecond: number };
}

/** Parses JSONL, skipping blank lines; a malformed line throws with its line number. */
export function parseEvalJsonl(text: string, file = 'input'): EvalRow[] {
  const rows: EvalRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const r = raw as Partial<EvalRow>;
    if (typeof r.text !== 'string' || !CATEGORIES.includes(r.category as Category) || typeof r.flagged !== 'boolean') {
      throw new Error(`${file}:${i + 1}: needs text, category and flagged`);
    }
    rows.push({
      id: String(r.id ?? `${file}:${i + 1}`),
      source: r.source,
      category: r.category as Category,
      subtype: (r.subtype ?? null) as Subtype | null,
      flagged: r.flagged,
      role: r.role === 'assistant' ? 'assistant' : 'user',
      text: r.text,
      context: r.context ?? null,
      question: r.question ?? null,
      meta: r.meta ?? {},
    });
  }
  return rows;
}

/** Marks the earlier dialogue inside a row's `context` (CI-ToD: knowledge base, then the turns). */
const CONVERSATION = '\n\nConversation so far:\n';

/**
 * The turn and context an eval row stands for: `context` is one document, `question` the user
 * turn it answers. When the context ends with the dialogue so far ("Conversation so far:" then
 * `user: …` / `assistant: …` lines), those lines become `history` and the rest the document, as a
 * live session would present them.
 */
export function rowToTurn(row: EvalRow): { turn: Turn; context: AnalysisContext } {
  let doc = row.context ?? null;
  const history: Turn[] = [];
  const at = doc ? doc.indexOf(CONVERSATION) : -1;
  if (doc && at >= 0) {
    for (const line of doc.slice(at + CONVERSATION.length).split('\n')) {
      const m = /^(user|assistant): (.*)$/.exec(line);
      if (m) history.push({ role: m[1] as 'user' | 'assistant', content: m[2] });
      else if (history.length && line.trim()) history[history.length - 1].content += `\n${line}`;
    }
    doc = doc.slice(0, at);
  }
  return {
    turn: { role: row.role, content: row.text },
    context: {
      documents: doc ? [{ id: 1, title: null, content: doc }] : [],
      history,
      question: row.question ?? null,
    },
  };
}

/** Gold subtypes of a row: an empty list for clean rows, null when the source gives none. */
export function goldSubtypes(row: EvalRow): Subtype[] | null {
  if (!row.flagged) return [];
  const all = row.meta?.all_subtypes;
  if (Array.isArray(all) && all.length > 0) return all as Subtype[];
  return row.subtype ? [row.subtype] : null;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function categoryMetrics(c: Counts): CategoryMetrics {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return {
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
    falsePositiveRate: round(c.fp + c.tn ? c.fp / (c.fp + c.tn) : 0),
    support: c.tp + c.fn,
    negatives: c.fp + c.tn,
    truePositives: c.tp,
    falsePositives: c.fp,
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export interface EvalOptions {
  engine?: AnalysisEngine;
  policy?: CompanyPolicy;
  /** Also score the plain word-list baseline on toxicity rows. */
  baseline?: boolean;
}

export function evaluate(rows: EvalRow[], options: EvalOptions = {}): EvalReport {
  const engine = options.engine ?? builtinEngine;
  const policy = options.policy ?? DEFAULT_POLICY;
  const cat = new Map<Category, Counts>();
  const sub = new Map<Subtype, { tp: number; fp: number; support: number }>();
  const times: number[] = [];
  const bySource = new Map<string, { category: Category } & Counts>();
  let total = 0;
  for (const row of rows) {
    const { turn, context } = rowToTurn(row);
    const t0 = process.hrtime.bigint();
    const findings = engine.analyze(turn, context);
    const elapsed = Number(process.hrtime.bigint() - t0) / 1000;
    times.push(elapsed);
    total += elapsed;
    const kept = applyPolicy(findings, policy, row.text).kept.filter((f) => f.category === row.category);
    score(row, kept, cat, sub);
    const src = bySource.get(row.source ?? 'unknown') ?? { category: row.category, tp: 0, fp: 0, fn: 0, tn: 0 };
    bySource.set(row.source ?? 'unknown', src);
    const predicted = kept.length > 0;
    if (row.flagged) predicted ? src.tp++ : src.fn++;
    else predicted ? src.fp++ : src.tn++;
  }
  times.sort((a, b) => a - b);
  const report: EvalReport = {
    rows: rows.length,
    categories: {},
    subtypes: {},
    sources: Object.fromEntries(
      [...bySource].map(([name, c]) => [
        name,
        {
          category: c.category,
          recall: round(c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0),
          falsePositiveRate: round(c.fp + c.tn ? c.fp / (c.fp + c.tn) : 0),
          positives: c.tp + c.fn,
          negatives: c.fp + c.tn,
        },
      ]),
    ),
    throughput: {
      turnsPerSecond: Math.round(total ? rows.length / (total / 1e6) : 0),
      p50Micros: Math.round(percentile(times, 0.5)),
      p99Micros: Math.round(percentile(times, 0.99)),
    },
  };
  for (const c of CATEGORIES) {
    const counts = cat.get(c);
    if (!counts) continue;
    report.categories[c] = categoryMetrics(counts);
    for (const s of SUBTYPES[c]) {
      const v = sub.get(s) ?? { tp: 0, fp: 0, support: 0 };
      const precision = v.tp + v.fp ? v.tp / (v.tp + v.fp) : 0;
      const recall = v.support ? v.tp / v.support : 0;
      report.subtypes[s] = {
        precision: round(precision),
        recall: round(recall),
        f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
        support: v.support,
      };
    }
  }
  if (options.baseline !== false) {
    const tox = rows.filter((r) => r.category === 'toxicity');
    if (tox.length) report.baseline = wordListBaseline(tox);
  }
  return report;
}

function score(
  row: EvalRow,
  kept: Finding[],
  cat: Map<Category, Counts>,
  sub: Map<Subtype, { tp: number; fp: number; support: number }>,
): void {
  const counts = cat.get(row.category) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
  cat.set(row.category, counts);
  const predicted = kept.length > 0;
  if (row.flagged) predicted ? counts.tp++ : counts.fn++;
  else predicted ? counts.fp++ : counts.tn++;
  const gold = goldSubtypes(row);
  const reported = new Set(kept.map((f) => f.subtype));
  for (const s of SUBTYPES[row.category] as readonly Subtype[]) {
    const v = sub.get(s) ?? { tp: 0, fp: 0, support: 0 };
    sub.set(s, v);
    if (gold === null) continue;
    const isGold = gold.includes(s);
    if (isGold) v.support++;
    if (reported.has(s)) isGold ? v.tp++ : v.fp++;
  }
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * The baseline the toxicity detector must beat: a turn is toxic when one of its words is on a
 * plain profanity list (obscenity's English term names, matched as whole words, no obfuscation
 * handling, no model).
 */
export const BASELINE_WORDS: ReadonlySet<string> = new Set(
  // obscenity 0.4 keeps its phrases in a field its typings mark private; reading the names
  // (not the obfuscation patterns) is exactly the "plain list" this baseline wants.
  (englishDataset as unknown as { containers: { metadata?: { originalWord?: string } }[] }).containers
    .map((c) => c.metadata?.originalWord ?? '')
    .filter(Boolean),
);

export function baselineFlags(text: string): boolean {
  const lower = text.toLowerCase();
  for (const w of lower.match(/[a-z]+(?: [a-z]+)?/g) ?? []) {
    if (BASELINE_WORDS.has(w)) return true;
  }
  for (const w of lower.match(/[a-z]+/g) ?? []) {
    if (BASELINE_WORDS.has(w) || (w.endsWith('s') && BASELINE_WORDS.has(w.slice(0, -1)))) return true;
  }
  return false;
}

export function wordListBaseline(rows: EvalRow[]): { toxicity: CategoryMetrics; turnsPerSecond: number } {
  const counts: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const t0 = process.hrtime.bigint();
  for (const row of rows) {
    const predicted = baselineFlags(row.text);
    if (row.flagged) predicted ? counts.tp++ : counts.fn++;
    else predicted ? counts.fp++ : counts.tn++;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { toxicity: categoryMetrics(counts), turnsPerSecond: Math.round(seconds ? rows.length / seconds : 0) };
}

/** The JSON the `eval --json` command prints: the documented keys plus extras. */
export function reportJson(report: EvalReport): Record<string, unknown> {
  return {
    categories: report.categories,
    subtypes: report.subtypes,
    throughput: report.throughput,
    rows: report.rows,
    sources: report.sources,
    ...(report.baseline ? { baseline: report.baseline } : {}),
  };
}

/** The human-readable table the `eval` command prints. */
export function formatReport(report: EvalReport): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(7);
  const lines: string[] = [];
  lines.push(`rows: ${report.rows}`);
  lines.push('');
  lines.push(`${'category'.padEnd(24)}${'prec'.padStart(7)}${'recall'.padStart(7)}${'F1'.padStart(7)}${'FPR'.padStart(7)}${'support'.padStart(9)}`);
  for (const [c, m] of Object.entries(report.categories)) {
    lines.push(`${c.padEnd(24)}${pct(m.precision)}${pct(m.recall)}${pct(m.f1)}${pct(m.falsePositiveRate)}${String(m.support).padStart(9)}`);
  }
  lines.push('');
  lines.push(`${'subtype'.padEnd(24)}${'prec'.padStart(7)}${'recall'.padStart(7)}${'F1'.padStart(7)}${'support'.padStart(16)}`);
  for (const [s, m] of Object.entries(report.subtypes)) {
    lines.push(`${s.padEnd(24)}${pct(m.precision)}${pct(m.recall)}${pct(m.f1)}${String(m.support).padStart(16)}`);
  }
  lines.push('');
  lines.push(`${'source'.padEnd(24)}${'recall'.padStart(7)}${'FPR'.padStart(7)}${'pos'.padStart(7)}${'neg'.padStart(7)}`);
  for (const [name, m] of Object.entries(report.sources)) {
    lines.push(`${name.padEnd(24)}${pct(m.recall)}${pct(m.falsePositiveRate)}${String(m.positives).padStart(7)}${String(m.negatives).padStart(7)}`);
  }
  if (report.baseline) {
    const b = report.baseline.toxicity;
    lines.push('');
    lines.push(`${'word-list baseline'.padEnd(24)}${pct(b.precision)}${pct(b.recall)}${pct(b.f1)}${pct(b.falsePositiveRate)}${String(b.support).padStart(9)}`);
    const ours = report.categories.toxicity;
    if (ours) lines.push(`toxicity F1 vs baseline: ${(ours.f1 - b.f1 >= 0 ? '+' : '')}${((ours.f1 - b.f1) * 100).toFixed(1)} points`);
  }
  const t = report.throughput;
  lines.push('');
  lines.push(`throughput: ${t.turnsPerSecond} turns/s, p50 ${t.p50Micros} µs, p99 ${t.p99Micros} µs`);
  return lines.join('\n');
}
