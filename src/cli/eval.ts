/**
 * `chatlens eval [--json] <file.jsonl>...`: precision, recall and F1 of the built-in engine on
 * labelled files in the ../shared/eval/dev format, with throughput and the word-list baseline.
 *
 * @example
 *   npx chatlens eval --json ../shared/eval/dev/*.jsonl
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PRESETS, type Preset } from '../analysis/policy.js';

export function register(program: Command): void {
  program
    .command('eval')
    .description('Score the analysis engine on labelled JSONL files (precision, recall, F1, throughput)')
    .argument('<files...>', 'JSONL files in the eval format')
    .option('--json', 'print one JSON object')
    .option('--preset <preset>', `policy preset applied to findings (${PRESETS.join(', ')})`, 'standard')
    .option('--split <split>', 'only rows of this split of the training hash (train, validation, all)', 'all')
    .action(async (files: string[], opts: { json?: boolean; preset: string; split: string }) => {
      if (!PRESETS.includes(opts.preset as Preset)) throw new Error(`--preset must be one of ${PRESETS.join(', ')}`);
      if (!['train', 'validation', 'all'].includes(opts.split)) throw new Error('--split must be one of train, validation, all');
      const { evaluate, formatReport, parseEvalJsonl, reportJson } = await import('../analysis/eval.js');
      const { policyFromPreset } = await import('../analysis/policy.js');
      const { splitOf } = await import('../analysis/models/split.js');
      const rows = files
        .flatMap((f) => parseEvalJsonl(readFileSync(f, 'utf8'), f))
        .filter((r) => opts.split === 'all' || splitOf(r.id) === opts.split);
      const report = evaluate(rows, { policy: policyFromPreset(opts.preset as Preset) });
      process.stdout.write(opts.json ? `${JSON.stringify(reportJson(report))}\n` : `${formatReport(report)}\n`);
    });
}
