/** The hallucination model (models/hallucination.json), loaded once at import. */
import { bundledModel } from '../detector.js';

export const model = bundledModel('hallucination');
/** Bucket bits of the named-feature heads (contradiction, grounding). */
export const NAMED_BITS = 12;
