/**
 * `npm run eval`: how the engine does on labelled data it was not tuned on. Reads the data beside
 * the repository (../shared/eval/{dev,train}; read-only, never copied into the project) and
 * prints the leave-one-source-out table: for every data set, the models are trained without it
 * and the engine is scored on it. Without that folder it says so and exits 0 (`npm test` never
 * needs it).
 *
 *   npm run eval                      full leave-one-source-out table (a few minutes on one core)
 *   npm run eval -- --quick           the same on at most 400 scored rows per source (CI)
 *   npm run eval -- --shipped         the shipped models on every row (in-sample for trained sources)
 *   npm run eval -- --pipeline legacy the training pipeline as it was before issue 8
 *   options: --data <folder>, --json, --only <source,source>
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, formatReport, reportJson } from '../src/analysis/eval.js';
import { legacyPipeline } from './train/legacy.js';
import { currentPipeline } from './train/pipeline.js';
import { runLoso, type Pipeline } from './train/loso.js';
import { formatLoso, summarise } from './train/loso-report.js';
import { loadRows } from './train/sources.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const flag = (name: string): boolean => argv.includes(name);

const DATA = path.resolve(ROOT, arg('--data') ?? '../shared/eval');
if (!existsSync(DATA)) {
  console.log(`No labelled data at ${DATA}: nothing to score (pass --data <folder> to point elsewhere).`);
  process.exit(0);
}

const PIPELINES: Record<string, Pipeline> = { current: currentPipeline, legacy: legacyPipeline };
const rows = loadRows(DATA);
const json = flag('--json');

if (flag('--shipped')) {
  const report = evaluate(rows);
  console.log(json ? JSON.stringify(reportJson(report)) : `shipped models on every row of ${DATA} (in-sample for the sources they were trained on)\n${formatReport(report)}`);
} else {
  const name = arg('--pipeline') ?? 'current';
  const pipeline = PIPELINES[name];
  if (!pipeline) throw new Error(`--pipeline must be one of ${Object.keys(PIPELINES).join(', ')}`);
  const quick = flag('--quick');
  const only = arg('--only')?.split(',');
  const report = runLoso(rows, pipeline, { only, maxRows: quick ? 400 : undefined, log: json ? undefined : (l) => console.error(l) });
  const summary = summarise(report);
  if (json) console.log(JSON.stringify({ ...report, summary }));
  else console.log(`${quick ? 'QUICK (at most 400 scored rows per source)\n' : ''}${formatLoso(report, summary)}`);
}
