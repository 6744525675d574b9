/** The registry of built-in detectors, one per category. Order is the report order. */
import type { Detector } from '../detector.js';
import { bundledModel, type ModelSet } from '../models/bundle.js';
import { createBiasDetector } from './bias.js';
import { createHallucinationDetector } from './hallucination.js';
import { createToxicityDetector } from './toxicity.js';

/** The built-in detectors over `models` (each defaults to the shipped file). */
export function createDetectors(models: Partial<ModelSet> = {}): Detector[] {
  return [
    createHallucinationDetector(models.hallucination ?? bundledModel('hallucination')),
    createBiasDetector(models.bias ?? bundledModel('bias')),
    createToxicityDetector(models.toxicity ?? bundledModel('toxicity')),
  ];
}

export const BUILTIN_DETECTORS: readonly Detector[] = createDetectors();
