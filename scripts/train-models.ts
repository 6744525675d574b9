/**
 * Trains the models the detectors load and writes them with their provenance:
 *   src/analysis/models/toxicity.json       heads toxic, hostile, profanity, inappropriate
 *   src/analysis/models/bias.json           head biased
 *   src/analysis/models/hallucination.json  heads title, ungrounded, contradiction, grounding
 *
 *   npx tsx scripts/train-models.ts [--data ../shared/eval] [--only=bias|toxicity|hallucination] [--oof=<file>]
 *
 * Reads the labelled data beside the repository and trains only on sources whose licence allows
 * it (train/sources.ts); no data file is copied into the project. `--oof=<file>` also writes each
 * head's out-of-fold calibrated logits of the training rows (for fitting the rule combinations on
 * training data). The training itself is train/legacy.ts, the same functions `npm run eval` calls
 * per leave-one-source-out fold.
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoredModel } from '../src/analysis/models/linear.js';
import type { EvalRow } from '../src/analysis/eval.js';
import { LEGACY_SOURCES, type TrainResult, trainBiasLegacy, trainHallucinationLegacy, trainToxicityLegacy } from './train/legacy.js';
import { loadRows, sourceInfo } from './train/sources.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const DATA = path.resolve(ROOT, arg('--data') ?? '../shared/eval');
const OUT = path.join(ROOT, 'src/analysis/models');
const OOF_FILE = arg('--oof');
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
      split: 'train = rows whose FNV-1a(id) % 5 != 0; validation (never trained on) = the rest',
      notes,
      metrics: (result.model.provenance as { metrics?: unknown }).metrics,
    },
  };
  const file = path.join(OUT, `${model.name}.json`);
  writeFileSync(file, `${JSON.stringify(model)}\n`);
  console.log(`wrote ${path.relative(ROOT, file)} (${(readFileSync(file).length / 1024).toFixed(0)} KiB)\n`);
}

const rows = loadRows(DATA).filter((r) => LEGACY_SOURCES.includes(r.source ?? ''));
const of = (category: string): EvalRow[] => rows.filter((r) => r.category === category);
const oofOut: Record<string, Record<string, number>> = {};
const log = (l: string): void => console.log(l);
const withOof = { oof: !!OOF_FILE, log };
if (!only || only === 'bias') {
  const r = trainBiasLegacy(of('bias'), withOof);
  Object.assign(oofOut, r.oof);
  save(r, of('bias'), 'ToxiGen hate_* statements → 1, neutral_* → 0.');
}
if (!only || only === 'toxicity') {
  const r = trainToxicityLegacy(of('toxicity'), withOof);
  Object.assign(oofOut, r.oof);
  save(r, of('toxicity'), 'Labels: flagged → toxic; subtype or meta.all_subtypes → subtype heads. Bias shifted so ≤ targetFpr of training negatives pass 0.5.');
}
if (!only || only === 'hallucination') {
  const r = trainHallucinationLegacy(of('hallucination'), { log });
  save(r, of('hallucination'), 'title: hallucinated-references (flagged = title not found); ungrounded: HaluEval general; contradiction: ChatProtect (meta.orig vs meta.alt); grounding: HaluEval QA with the knowledge as document.');
}
if (OOF_FILE) writeFileSync(OOF_FILE, JSON.stringify(oofOut));
