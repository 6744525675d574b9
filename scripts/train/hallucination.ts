/**
 * The hallucination model: heads `title` (hallucinated-references), `ungrounded` (HaluEval
 * general), `contradiction` (ChatProtect sentence pairs) as in the previous pipeline, and
 * `grounding` over source-independent grounding features (unsupported numbers, names, novel
 * words) trained on every data set that pairs an answer with its documents: HaluEval QA, CI-ToD
 * (answer vs its knowledge base) and SummEdits (summary vs document), each with the same weight.
 */
import type { EvalRow } from '../../src/analysis/eval.js';
import { rowToTurn } from '../../src/analysis/eval.js';
import type { SparseVector, StoredModel } from '../../src/analysis/models/linear.js';
import { analyzeText } from '../../src/analysis/text.js';
import { buildSupport, groundingFeatures } from '../../src/analysis/detectors/hallucination.js';
import { trainHallucinationLegacy } from './legacy.js';
import { type Sample, fitHead } from './logreg.js';
import { sourceWeights } from './weights.js';

const GROUNDED = new Set(['halueval', 'ci-tod', 'summedits']);

export function trainHallucination(rows: EvalRow[], cache: Map<string, SparseVector>, log?: (l: string) => void): StoredModel {
  const base = trainHallucinationLegacy(rows.filter((r) => r.source !== 'ci-tod' && r.source !== 'summedits'), { cache }).model;
  // Grounding: rows with a document, from the pools where a grounding error is the question.
  const pool = rows.filter((r) => GROUNDED.has(r.source ?? '') && r.context && (r.source !== 'halueval' || r.meta?.task === 'qa')
    && (r.source !== 'ci-tod' || r.subtype === 'HARDCODED_FACT' || (!r.flagged && r.meta?.eval_subtype === 'HARDCODED_FACT')));
  if (!pool.length) return base;
  const xs = pool.map((r) => {
    const key = `ground2:${r.id}`;
    let x = cache.get(key);
    if (!x) {
      const { turn, context } = rowToTurn(r);
      x = groundingFeatures(analyzeText(turn.content), buildSupport(context.documents, context.question));
      cache.set(key, x);
    }
    return x;
  });
  const w = sourceWeights(pool.map((r) => r.source ?? ''));
  const samples: Sample[] = pool.map((r, i) => ({ x: xs[i], y: r.flagged ? 1 : 0, split: 'train', w: w[i] }));
  const fitted = fitHead({ name: 'grounding', samples, opts: { bits: base.bits, epochs: 30, lr: 0.1, l2: 1e-4 }, keep: 4096, targetFpr: 0.16 });
  log?.(`  grounding ${JSON.stringify(fitted.report.train)}`);
  const sources = [...new Set(rows.map((r) => r.source))].sort();
  return { ...base, heads: { ...base.heads, grounding: fitted.head }, provenance: { sources, metrics: { ...(base.provenance.metrics as object), grounding: fitted.report } } };
}
