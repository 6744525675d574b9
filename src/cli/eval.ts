/**
 * `chatlens eval [--json] <file.jsonl>...`: precision, recall and F1 of the built-in engine on
 * labelled files in the ../shared/eval/dev format, with throughput and the word-list baseline.
 * `--judge` also sends every row to the configured LLM judge (CHATLENS_JUDGE_URL / _MODEL /
 * _API_KEY) and prints what it adds per subtype; `--limit` caps the rows (each costs a call).
 *
 * @example
 *   npx chatlens eval --json ../shared/eval/dev/*.jsonl
 *   CHATLENS_JUDGE_URL=http://localhost:8000/v1 CHATLENS_JUDGE_MODEL=m npx chatlens eval --judge --limit 200 labelled.jsonl
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PRESETS, type Preset } from '../analysis/policy.js';

export function register(program: Command): void {
  program
    .command('eval')
    .description('Score the analysis engine on labelled JSONL files (precision, recall, F1, throughput)')
    .argument('[files...]', 'JSONL files in the eval format')
    .option('--json', 'print one JSON object')
    .option('--preset <preset>', `policy preset applied to findings (${PRESETS.join(', ')})`, 'standard')
    .option('--split <split>', 'only rows of this split of the training hash (train, validation, all)', 'all')
    .option('--judge', 'also score the configured LLM judge (CHATLENS_JUDGE_URL, CHATLENS_JUDGE_MODEL) and show what it adds')
    .option('--limit <n>', 'score at most this many rows (spread over the files)')
    .option('--concurrency <n>', 'judge requests in flight at once', '4')
    .option('--export-reviewed <file>', 'instead of scoring: write the turns analysts reviewed (confirmed, dismissed, missed) as labelled JSONL')
    .option('--company <id>', 'with --export-reviewed: the company whose reviews to export')
    .option('--days <n>', 'with --export-reviewed: the UTC days ending today whose turns are exported', '30')
    .option('--db <file>', 'with --export-reviewed: SQLite database file (default ./data/chatlens.db)')
    .option('--database-url <url>', 'with --export-reviewed: PostgreSQL URL (or set DATABASE_URL)')
    .action(async (files: string[], opts: { json?: boolean; preset: string; split: string; judge?: boolean; limit?: string; concurrency: string; exportReviewed?: string; company?: string; days: string; db?: string; databaseUrl?: string }) => {
      if (opts.exportReviewed) {
        await exportReviewed(opts.exportReviewed, opts);
        return;
      }
      if (files.length === 0) throw new Error('name at least one JSONL file to score, or --export-reviewed <file>');
      if (!PRESETS.includes(opts.preset as Preset)) throw new Error(`--preset must be one of ${PRESETS.join(', ')}`);
      if (!['train', 'validation', 'all'].includes(opts.split)) throw new Error('--split must be one of train, validation, all');
      const { evaluate, formatReport, parseEvalJsonl, reportJson } = await import('../analysis/eval.js');
      const { policyFromPreset } = await import('../analysis/policy.js');
      const { splitOf } = await import('../analysis/models/split.js');
      const limit = opts.limit === undefined ? Infinity : Number(opts.limit);
      if (!(limit > 0)) throw new Error('--limit must be a positive number');
      const all = files
        .flatMap((f) => parseEvalJsonl(readFileSync(f, 'utf8'), f))
        .filter((r) => opts.split === 'all' || splitOf(r.id) === opts.split);
      // Every k-th row, so a limit still covers every file and label.
      const rows = all.length <= limit ? all : Array.from({ length: limit }, (_, i) => all[Math.floor((i * all.length) / limit)]);
      if (opts.judge) {
        const { loadConfig } = await import('../config.js');
        const { createJudge } = await import('../analysis/judge.js');
        const { evaluateJudge, formatJudgeReport } = await import('../analysis/eval-judge.js');
        const j = loadConfig().judge;
        if (!j) throw new Error('--judge needs CHATLENS_JUDGE_URL and CHATLENS_JUDGE_MODEL (and CHATLENS_JUDGE_API_KEY if the endpoint wants one)');
        const warnings: string[] = [];
        const judge = createJudge({ baseUrl: j.baseUrl, model: j.model, apiKey: j.apiKey ?? undefined, timeoutMs: j.timeoutMs, sampleRate: 1, log: (_l, m) => void warnings.push(m) });
        const report = await evaluateJudge(rows, judge, { policy: policyFromPreset(opts.preset as Preset), concurrency: Number(opts.concurrency) || 4 });
        const failed = warnings.length ? `\njudge warnings: ${warnings.length} (timeouts, errors or unusable replies count as "no finding")` : '';
        process.stdout.write(opts.json ? `${JSON.stringify({ rows: report.rows, engine: reportJson(report.engine), judge: reportJson(report.judge), combined: reportJson(report.combined), warnings: warnings.length })}\n` : `${formatJudgeReport(report)}${failed}\n`);
        return;
      }
      const report = evaluate(rows, { policy: policyFromPreset(opts.preset as Preset) });
      process.stdout.write(opts.json ? `${JSON.stringify(reportJson(report))}\n` : `${formatReport(report)}\n`);
    });
}

/**
 * Writes a company's reviewed turns in the labelled format this command scores, streamed a page at
 * a time: `chatlens eval --export-reviewed reviewed.jsonl --company 1 --days 90`, then
 * `chatlens eval reviewed.jsonl` measures the engine on the company's own traffic.
 */
async function exportReviewed(file: string, opts: { company?: string; days: string; db?: string; databaseUrl?: string }): Promise<void> {
  const { createWriteStream } = await import('node:fs');
  const { once } = await import('node:events').then((m) => m.EventEmitter);
  const { parseId, withRuntime } = await import('./options.js');
  const { addDays, dayOf } = await import('../lib/time.js');
  const { labelledRows } = await import('../modules/reviews/reviews.service.js');
  if (!opts.company) throw new Error('--export-reviewed needs --company <id>');
  const companyId = parseId(opts.company, '--company');
  const days = Number(opts.days);
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw new Error('--days must be an integer from 1 to 3660');
  const to = dayOf(new Date());
  await withRuntime(opts, async ({ database }) => {
    const out = createWriteStream(file);
    let n = 0;
    for await (const row of labelledRows(database.db, companyId, { from: addDays(to, -(days - 1)), to })) {
      if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
      n++;
    }
    out.end();
    await once(out, 'finish');
    process.stderr.write(`wrote ${n} labelled rows to ${file}\n`);
  });
}
