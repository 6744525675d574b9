/**
 * Toxicity: HOSTILE_LANGUAGE, CONDESCENSION, INAPPROPRIATE_CONTENT, PROFANITY.
 *
 * Two layers, combined per subtype by taking the stronger:
 *  1. Rules with exact spans: obscenity (MIT) for profanity and slurs, including obfuscated
 *     spellings ("f.u.c.k", "sh1t"), then our allow-list for false hits (Scunthorpe, cocktail,
 *     cum laude), medical vocabulary, quoted or discussed slurs and reclaimed terms; threat,
 *     directed-insult and condescension phrasings from lexicons.ts.
 *  2. A hashed n-gram logistic regression (models/toxicity.json, trained by
 *     scripts/train-models.ts on MIT-licensed data) for toxic text without a listed word.
 */
import { type LinearModel, featurize, logits, packHeads, sigmoid } from '../models/linear.js';
import { bundledModel } from '../models/bundle.js';
import { type Detector, finding } from '../detector.js';
import { compliesWith } from './toxicity-complied.js';
import { askedBy } from './toxicity-fiction.js';
import { sexualisesNamedMinor } from './toxicity-grave.js';
import { retortTo } from './toxicity-retort.js';
import { toxicityCues } from './toxicity-cues.js';
import { TOXICITY_STACK, type ToxicityStack, toxicityFindings } from './toxicity-combine.js';
import { GATE_DEFAULTS, type GateParams, gateFindings } from './toxicity-decide.js';

export { lexiconHits, toxicityCues, type LexiconHit, type LexiconKind, type ToxicityCues } from './toxicity-cues.js';
export { phrasesAnyMatch, threatsAnyMatch } from './toxicity-phrases.js';
export {
  STACK_FEATURES,
  TOXICITY_RULES,
  TOXICITY_STACK,
  stackFeatures,
  toxicityFindings,
  type ToxicityProbabilities,
  type ToxicityStack,
} from './toxicity-combine.js';

/** An answer complying with a harmful request: flagged for review, as the request itself is. */
const COMPLIED_SCORE = 0.7;
/** A retort's score: above the default policy's line, as a plain insult aimed at the reader is. */
const RETORT_SCORE = 0.6;

/** The toxicity detector over `model` (the shipped models/toxicity.json by default). */
export function createToxicityDetector(model: LinearModel = bundledModel('toxicity')): Detector {
  /** The four heads scored in one pass over the features (interleaved int8 codes). */
  const heads = packHeads(model, ['toxic', 'hostile', 'profanity', 'inappropriate']);
  const z = new Float64Array(4);
  // A model trained with its own combiner carries it (or null: rules only); older files use ours.
  const stack = model.params && 'stack' in model.params ? (model.params.stack as ToxicityStack | null) : TOXICITY_STACK;
  const gate: GateParams | null = model.params?.decision === 'gate' ? { ...GATE_DEFAULTS, ...(model.params as Partial<GateParams>) } : null;
  return {
    id: 'toxicity',
    version: '2.0.0',
    category: 'toxicity',
    roles: ['user', 'assistant', 'system', 'tool'],
    detect(input) {
      const a = input.analysis;
      if (a.tokens.length === 0) return [];
      const c = toxicityCues(a);
      const x = featurize(a, model.features, model.bits, c.cues);
      logits(heads, x, z);
      const p = { toxic: sigmoid(z[0]), hostile: sigmoid(z[1]), profanity: sigmoid(z[2]), inappropriate: sigmoid(z[3]) };
      const asked = input.turn.role === 'assistant' && input.context.question ? askedBy(input.context.question, () => input.questionAnalysis()) : null;
      let found = gate ? gateFindings(this, a, c, p, model, gate, asked) : toxicityFindings(this, a, c, p, stack, model);
      // A story asked about a minor, answered with sexual content (toxicity-grave.ts): critical.
      const minorInStory = asked?.fiction ? sexualisesNamedMinor(a.text, asked.text) : null;
      if (minorInStory) {
        const rest = found.filter((f) => f.subtype !== 'INAPPROPRIATE_CONTENT');
        return [...rest, finding(this, 'INAPPROPRIATE_CONTENT', 0.95, 'critical', [minorInStory], 'Writes sexual content involving the minor the story it was asked for names.')];
      }
      // An answer doing what a harmful request asked (toxicity-complied.ts).
      const complied = asked ? compliesWith(a, asked) : null;
      if (complied) {
        const score = complied.minor ? 0.95 : COMPLIED_SCORE;
        const existing = found.find((f) => f.subtype === 'INAPPROPRIATE_CONTENT');
        if (!existing || existing.score < score) {
          // Critical for a minor, high for a way to die (the standard policy holds either back), else medium.
          const [severity, why] = complied.minor
            ? (['critical', 'Gives the sexual content involving a minor that the message it answers asked for.'] as const)
            : complied.suicide
              ? (['high', 'Gives the way to end a life that the message it answers asked for.'] as const)
              : (['medium', 'Does what the harmful request it answers asked.'] as const);
          found = [...found.filter((f) => f.subtype !== 'INAPPROPRIATE_CONTENT'), finding(this, 'INAPPROPRIATE_CONTENT', score, severity, [complied.span], why)];
        }
      }
      // An insult handed back to the user turn it answers (toxicity-retort.ts).
      const retort = found.some((f) => f.subtype === 'HOSTILE_LANGUAGE' && f.score >= RETORT_SCORE) ? null : retortTo(a, () => input.questionAnalysis());
      if (!retort) return found;
      return [...found.filter((f) => f.subtype !== 'HOSTILE_LANGUAGE'), finding(this, 'HOSTILE_LANGUAGE', RETORT_SCORE, 'medium', [retort], 'Hands an insult in the message it answers back to its author.')];
    },
  };
}
