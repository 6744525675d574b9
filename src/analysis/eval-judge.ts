/**
 * What the optional LLM judge adds: every labelled row goes to the judge (through the company's
 * OpenAI-compatible endpoint, `chatlens eval --judge`), and the rows are scored three ways under
 * the same policy: the built-in engine alone, the judge alone, and both (the union of their
 * findings, as the server stores them). Per subtype the report shows each one's precision and
 * recall and the recall the judge adds.
 */
import { builtinEngine } from './engine.js';
import { type EvalReport, type EvalRow, evaluate, rowToTurn } from './eval.js';
import type { Judge } from './judge.js';
import { DEFAULT_POLICY, type CompanyPolicy } from './policy.js';
import type { AnalysisContext, AnalysisEngine, Finding, Turn } from './types.js';

export interface JudgeEvalReport {
  rows: number;
  /** Rows the judge answered for (the rest failed or timed out: counted as "no finding"). */
  engine: EvalReport;
  judge: EvalReport;
  combined: EvalReport;
}

export interface JudgeEvalOptions {
  engine?: AnalysisEngine;
  policy?: CompanyPolicy;
  /** Requests in flight at once; default 4. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

const keyOf = (turn: Turn, context: AnalysisContext): string =>
  JSON.stringify([turn.role, turn.content, context.question ?? null, context.documents.map((d) => d.content), context.history.map((h) => h.content)]);

/** An engine that answers from a table of precomputed findings (the judge's, or both). */
function tableEngine(version: string, table: Map<string, Finding[]>): AnalysisEngine {
  return { version, analyze: (turn, context) => table.get(keyOf(turn, context)) ?? [] };
}

export async function evaluateJudge(rows: EvalRow[], judge: Judge, options: JudgeEvalOptions = {}): Promise<JudgeEvalReport> {
  const engine = options.engine ?? builtinEngine;
  const policy = options.policy ?? DEFAULT_POLICY;
  const judged = new Map<string, Finding[]>();
  const both = new Map<string, Finding[]>();
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < rows.length) {
      const { turn, context } = rowToTurn(rows[next++]);
      const builtin = engine.analyze(turn, context);
      const found = await judge.review(turn, context, builtin);
      const key = keyOf(turn, context);
      judged.set(key, found);
      both.set(key, [...builtin, ...found]);
      options.onProgress?.(++done, rows.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  const opts = { policy, baseline: false };
  return {
    rows: rows.length,
    engine: evaluate(rows, { ...opts, engine }),
    judge: evaluate(rows, { ...opts, engine: tableEngine('judge', judged) }),
    combined: evaluate(rows, { ...opts, engine: tableEngine('engine+judge', both) }),
  };
}

export function formatJudgeReport(r: JudgeEvalReport): string {
  const f = (x: number | undefined): string => (x === undefined ? '–' : x.toFixed(3)).padStart(7);
  const lines = [`rows: ${r.rows}`, '', `${'category'.padEnd(24)}${'engine F1'.padStart(10)}${'judge F1'.padStart(10)}${'both F1'.padStart(10)}${'both FPR'.padStart(10)}`];
  for (const c of Object.keys(r.combined.categories) as (keyof EvalReport['categories'])[]) {
    lines.push(`${c.padEnd(24)}${f(r.engine.categories[c]?.f1).padStart(10)}${f(r.judge.categories[c]?.f1).padStart(10)}${f(r.combined.categories[c]?.f1).padStart(10)}${f(r.combined.categories[c]?.falsePositiveRate).padStart(10)}`);
  }
  lines.push('', `${'subtype'.padEnd(24)}${'engine P/R'.padStart(16)}${'judge P/R'.padStart(16)}${'both P/R'.padStart(16)}${'recall added'.padStart(14)}${'n'.padStart(6)}`);
  for (const s of Object.keys(r.combined.subtypes) as (keyof EvalReport['subtypes'])[]) {
    const e = r.engine.subtypes[s];
    const j = r.judge.subtypes[s];
    const b = r.combined.subtypes[s];
    if (!b || !b.support) continue;
    const pr = (m: typeof b | undefined): string => `${f(m?.precision)}/${(m?.recall ?? 0).toFixed(3)}`.padStart(16);
    const added = (b.recall - (e?.recall ?? 0)) * 100;
    lines.push(`${s.padEnd(24)}${pr(e)}${pr(j)}${pr(b)}${`${added >= 0 ? '+' : ''}${added.toFixed(1)} pt`.padStart(14)}${String(b.support).padStart(6)}`);
  }
  return lines.join('\n');
}
