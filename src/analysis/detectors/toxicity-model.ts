/** The toxicity model (models/toxicity.json), loaded once at import. */
import { packHeads } from '../models/linear.js';
import { bundledModel } from '../detector.js';

export const model = bundledModel('toxicity');
/** The four heads scored in one pass over the features (interleaved int8 codes). */
export const HEADS = packHeads(model, ['toxic', 'hostile', 'profanity', 'inappropriate']);
