/** The current training pipeline, as `npm run eval` and scripts/train-models.ts call it. */
import type { EvalRow } from '../../src/analysis/eval.js';
import type { SparseVector, StoredModel } from '../../src/analysis/models/linear.js';
import type { Category } from '../../src/analysis/types.js';
import { trainHallucination } from './hallucination.js';
import { trainBias } from './bias.js';
import type { Pipeline } from './loso.js';
import { TOXICITY_CONFIG, trainToxicity } from './toxicity.js';

export function trainCategory(category: Category, rows: EvalRow[], cache: Map<string, SparseVector>, log?: (l: string) => void): StoredModel {
  if (category === 'toxicity') return trainToxicity(rows, cache, undefined, log);
  if (category === 'bias') return trainBias(rows, cache, undefined, log);
  return trainHallucination(rows, cache, log);
}

export const currentPipeline: Pipeline = {
  name: 'current',
  uses: () => true,
  train: (category, rows, cache) => trainCategory(category, rows, cache),
  // ToxiGen's hateful statements are toxic, its neutral ones clean: the toxicity heads learn from them too.
  borrows: (category, row) => category === 'toxicity' && row.category === 'bias' && TOXICITY_CONFIG.borrow.includes(row.source ?? ''),
};
