/**
 * Leave-one-source-out evaluation: for every data set, train the pipeline without it and score
 * the engine on its rows; measure-only data sets (never trained on) are scored with the model
 * trained on every trainable source, as shipped. Each category is trained and scored apart (a
 * category's rows are scored on that category's findings only).
 */
import type { EvalRow } from '../../src/analysis/eval.js';
import { evaluate, type CategoryMetrics, type SubtypeMetrics } from '../../src/analysis/eval.js';
import { createEngine } from '../../src/analysis/engine.js';
import { loadModel, type SparseVector, type StoredModel } from '../../src/analysis/models/linear.js';
import type { ModelSet } from '../../src/analysis/models/bundle.js';
import { type Category, type Subtype, CATEGORIES, SUBTYPES } from '../../src/analysis/types.js';
import { SOURCES, sourceInfo } from './sources.js';

export interface Pipeline {
  name: string;
  /** Whether the pipeline trains on this (trainable) source at all. */
  uses(source: string): boolean;
  train(category: Category, rows: EvalRow[], cache: Map<string, SparseVector>): StoredModel;
  /**
   * Rows of another category this category's model also trains on (ToxiGen's hate statements are
   * toxic too). A held-out source is held out of every category's training.
   */
  borrows?(category: Category, row: EvalRow): boolean;
}

export interface SourceResult {
  source: string;
  category: Category;
  /** True when the source was held out of training; false for measure-only sources. */
  heldOut: boolean;
  metrics: CategoryMetrics;
  subtypes: Partial<Record<Subtype, SubtypeMetrics>>;
}

export interface LosoReport {
  pipeline: string;
  results: SourceResult[];
  seconds: number;
}

export interface LosoOptions {
  /** Only these data sets (default: all present). */
  only?: string[];
  /** Score at most this many rows per source (deterministic: every k-th row). */
  maxRows?: number;
  log?: (line: string) => void;
}

/** Every k-th row, so that at most `max` remain (order kept). */
function thin<T>(rows: T[], max: number | undefined): T[] {
  if (!max || rows.length <= max) return rows;
  const step = rows.length / max;
  return Array.from({ length: max }, (_, i) => rows[Math.floor(i * step)]);
}

export function runLoso(rows: EvalRow[], pipeline: Pipeline, o: LosoOptions = {}): LosoReport {
  const t0 = Date.now();
  const cache = new Map<string, SparseVector>();
  const trained = new Map<string, StoredModel>();
  const trainable = (r: EvalRow): boolean => !!sourceInfo(r.source ?? '')?.trainable && pipeline.uses(r.source ?? '');
  const modelFor = (category: Category, without: string): StoredModel => {
    // Sources the pipeline does not train on share one model: the one trained on everything.
    const key = `${category}:${trainable({ source: without } as EvalRow) ? without : '*'}`;
    let m = trained.get(key);
    if (!m) {
      const t = Date.now();
      const mine = (r: EvalRow): boolean => r.category === category || !!pipeline.borrows?.(category, r);
      m = pipeline.train(category, rows.filter((r) => mine(r) && r.source !== without && trainable(r)), cache);
      o.log?.(`  trained ${category} without ${key.split(':')[1]} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      trained.set(key, m);
    }
    return m;
  };
  const results: SourceResult[] = [];
  const names = SOURCES.map((s) => s.name).filter((n) => !o.only || o.only.includes(n));
  for (const source of names) {
    for (const category of CATEGORIES) {
      const mine = rows.filter((r) => r.source === source && r.category === category);
      if (!mine.length) continue;
      const models: Partial<ModelSet> = { [category]: loadModel(modelFor(category, source)) };
      const engine = createEngine({ models });
      const report = evaluate(thin(mine, o.maxRows), { engine, baseline: false });
      const subtypes: SourceResult['subtypes'] = {};
      for (const s of SUBTYPES[category] as readonly Subtype[]) {
        const m = report.subtypes[s];
        if (m && m.support > 0) subtypes[s] = m;
      }
      results.push({ source, category, heldOut: trainable({ source } as EvalRow), metrics: report.categories[category]!, subtypes });
      o.log?.(`  ${source} (${category}): F1 ${report.categories[category]!.f1.toFixed(3)}`);
    }
  }
  return { pipeline: pipeline.name, results, seconds: Math.round((Date.now() - t0) / 100) / 10 };
}
