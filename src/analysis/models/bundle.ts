/**
 * The models the built-in detectors use. The shipped files (models/*.json) are read lazily, once,
 * the first time a detector needs them; the eval and the training scripts build detectors from
 * freshly trained models instead (`createEngine({ models })`), so nothing here is global state a
 * caller must reset.
 */
import { readFileSync } from 'node:fs';
import { loadModel, type LinearModel, type StoredModel } from './linear.js';

export const MODEL_NAMES = ['toxicity', 'bias', 'hallucination'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
export type ModelSet = Record<ModelName, LinearModel>;
export type StoredModelSet = Record<ModelName, StoredModel>;

/** A model without heads: every probability 0 (only before the first training run). */
export function emptyModel(name: string): LinearModel {
  return { name, bits: 16, features: { words: true, bigrams: false, chars: [] }, heads: {} };
}

const loaded = new Map<ModelName, LinearModel>();

/** The shipped model `name`, read from models/<name>.json on first use. */
export function bundledModel(name: ModelName): LinearModel {
  let m = loaded.get(name);
  if (!m) {
    try {
      const raw = readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8');
      m = loadModel(JSON.parse(raw) as StoredModel);
    } catch {
      m = emptyModel(name);
    }
    loaded.set(name, m);
  }
  return m;
}
