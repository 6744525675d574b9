/**
 * Trains the models the detectors load and writes them with their provenance:
 *   src/analysis/models/toxicity.json       heads toxic, hostile, profanity, inappropriate
 *   src/analysis/models/bias.json           head biased
 *   src/analysis/models/hallucination.json  heads title, ungrounded, contradiction, grounding
 *
 *   npx tsx scripts/train-models.ts [--data ../shared/eval] [--only=bias|toxicity|hallucination]
 *
 * Reads the labelled data beside the repository and trains only on sources whose licence allows
 * it (train/sources.ts); no data file is copied into the project. The training itself is train/pipeline.ts, the same functions `npm run eval`
 * calls per leave-one-source-out fold.
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoredModel } from '../src/analysis/models/linear.js';
import type { EvalRow } from '../src/analysis/eval.js';
import type { TrainResult } from './train/legacy.js';
import { currentPipeline, trainCategory } from './train/pipeline.js';
import type { Category } from '../src/analysis/types.js';
import { BIAS_CONFIG } from './train/bias.js';
import { loadRows, sourceInfo } from './train/sources.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const DATA = path.resolve(ROOT, arg('--data') ?? '../shared/eval');
const OUT = path.join(ROOT, 'src/analysis/models');
const only = arg('--only');

function commit(): string {
  try {
    const head = execSync('git rev-parse HEAD', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execSync('git status --porcelain -- scripts src/analysis', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return dirty ? `${head} (uncommitted changes)` : head;
  } catch {
    return 'unknown (no git)';
  }
}

function save(result: TrainResult, rows: EvalRow[], notes: string): void {
  const sources = [...new Set(rows.map((r) => r.source ?? ''))].sort();
  const model: StoredModel = {
    ...result.model,
    provenance: {
      script: 'scripts/train-models.ts',
      scriptCommit: commit(),
      trainedOn: sources.map((s) => ({ source: s, licence: sourceInfo(s)?.licence, attribution: sourceInfo(s)?.attribution })),
      ownExamples: 'scripts/train-examples*.ts (written by the Chatlens team, MIT)',
      notes,
      metrics: (result.model.provenance as { metrics?: unknown }).metrics,
    },
  };
  const file = path.join(OUT, `${model.name}.json`);
  writeFileSync(file, `${JSON.stringify(model)}\n`);
  console.log(`wrote ${path.relative(ROOT, file)} (${(readFileSync(file).length / 1024).toFixed(0)} KiB)\n`);
}

const rows = loadRows(DATA).filter((r) => sourceInfo(r.source ?? '')?.trainable);
const of = (category: Category): EvalRow[] => rows.filter((r) => r.category === category || !!currentPipeline.borrows?.(category, r));
const log = (l: string): void => console.log(l);
const cache = new Map();
for (const category of ['bias', 'toxicity', 'hallucination'] as const) {
  if (only && only !== category) continue;
  console.log(`${category}: ${of(category).length} rows`);
  const model = trainCategory(category, of(category), cache, log);
  // The provenance lists the sources the trainer used: the bias trainer skips some it is given.
  const used = category === 'bias' ? of(category).filter((r) => !BIAS_CONFIG.skip.includes(r.source ?? '')) : of(category);
  save({ model, oof: {} }, used, category === 'toxicity'
    ? 'Heads toxic (any toxicity), hostile, profanity, inappropriate; every source the same total weight; ToxiGen (a bias source) trains them too, its hateful statements as hostile, its neutral ones as clean; only features found in at least 3 sources are trained; each head calibrated on out-of-fold scores of the sources\' clean rows; params: the detector\'s decision constants.'
    : category === 'bias'
      ? 'Head biased; every source the same total weight; DiaSafety is not trained on (its bias is in the user turn); params.rules: the detector\'s rule weights.'
      : 'title: hallucinated-references and our own titles (scripts/train-examples-titles.ts), each the same weight; ungrounded: HaluEval general; contradiction: ChatProtect pairs; grounding: HaluEval QA, CI-ToD (knowledge base), SummEdits (document), each the same weight.');
}
