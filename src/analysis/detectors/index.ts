/** The registry of built-in detectors, one per subtype family. Order is the report order. */
import type { Detector } from '../detector.js';
import { biasDetector } from './bias.js';
import { hallucinationDetector } from './hallucination.js';
import { toxicityDetector } from './toxicity.js';

export const BUILTIN_DETECTORS: readonly Detector[] = [hallucinationDetector, biasDetector, toxicityDetector];
