/**
 * `npm run eval`: scores the built-in engine on the labelled data beside the repository
 * (../shared/eval/{dev,train}, read-only, never copied into the project) and prints precision,
 * recall, F1 and false-positive rate per category, subtype and source, with the word-list
 * baseline. Without that folder it says so and exits 0: `npm test` never needs it.
 *
 *   npm run eval [-- --data <folder>] [--json]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, formatReport, parseEvalJsonl, reportJson, type EvalRow } from '../src/analysis/eval.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const DATA = path.resolve(ROOT, arg('--data') ?? '../shared/eval');
const json = process.argv.includes('--json');

function loadSplit(split: string): EvalRow[] {
  const dir = path.join(DATA, split);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => parseEvalJsonl(readFileSync(path.join(dir, f), 'utf8'), f));
}

if (!existsSync(DATA)) {
  console.log(`No labelled data at ${DATA}: nothing to score (pass --data <folder> to point elsewhere).`);
  process.exit(0);
}

const out: Record<string, unknown> = {};
for (const split of ['dev', 'train']) {
  const rows = loadSplit(split);
  if (!rows.length) continue;
  const report = evaluate(rows);
  if (json) out[split] = reportJson(report);
  else console.log(`== ${path.join(DATA, split)} (${rows.length} rows, standard policy)\n${formatReport(report)}\n`);
}
if (json) console.log(JSON.stringify(out));
