/**
 * Hallucination (assistant turns only): SELF_CONTRADICTION, OVERCONFIDENCE,
 * FABRICATED_CITATION, HARDCODED_FACT.
 *
 * - FABRICATED_CITATION: [n] markers past the number of documents, DOIs, URLs and author-year
 *   citations absent from the documents, and cited titles that match no document title; a
 *   title with no document to check against is scored by the `title` head of
 *   models/hallucination.json (trained on the MIT "hallucinated references" data and titles
 *   written for Chatlens).
 * - SELF_CONTRADICTION: every pair of sentences in the turn, and each sentence against earlier
 *   assistant turns, is scored by the `contradiction` head over pair features (shared subject,
 *   differing numbers, years or names, negation mismatch). Trained on ChatProtect (Apache-2.0).
 * - HARDCODED_FACT: with documents, numbers, years and names the documents and question do not
 *   contain, scored by the `grounding` head (trained on HaluEval QA, MIT); without documents,
 *   the `ungrounded` head over the answer's wording (HaluEval general, MIT).
 * - OVERCONFIDENCE: absolute wording with no hedge, and certainty or causal claims stronger
 *   than a hedged source document. Rules only: there is no licence-clean training data.
 */
import type { Finding } from '../types.js';
import type { LinearModel } from '../models/linear.js';
import { bundledModel } from '../models/bundle.js';
import { type Detector, finding } from '../detector.js';
import { fabricatedCitation } from './citations.js';
import { selfContradiction } from './contradiction.js';
import { buildSupport, hardcodedFact } from './grounding.js';
import { overconfidence } from './overconfidence.js';
import { switchedRecord } from './follow-up.js';
import { choiceConflict, comparisonConflict } from './comparison.js';
import { documentConflict } from './doc-conflict.js';
import { crossedValues } from './crossed-values.js';

/** Score of an answer sentence that turns its source sentence around (doc-conflict.ts). */
const CONFLICT_SCORE = 0.6;

export { titleFeatures } from './citations.js';
export { pairFeatures, pairVector } from './contradiction.js';
export { buildSupport, groundingFeatures, ungroundedCues, unsupportedFacts, type Support, type Unsupported } from './grounding.js';

/** The hallucination detector over `model` (the shipped models/hallucination.json by default). */
export function createHallucinationDetector(model: LinearModel = bundledModel('hallucination')): Detector {
  return {
    id: 'hallucination',
    version: '2.0.0',
    category: 'hallucination',
    roles: ['assistant'],
    detect(input) {
      const a = input.analysis;
      if (a.tokens.length === 0) return [];
      const docs = input.context.documents.filter((d) => d.content || d.title);
      const support = docs.length || input.context.question ? buildSupport(docs, input.context.question) : null;
      const hasDocs = docs.length > 0;
      const out: Finding[] = [];
      const citation = fabricatedCitation(this, model, input, docs, support);
      if (citation.finding) out.push(citation.finding);
      const contradiction = selfContradiction(this, model, input, hasDocs ? support : null);
      if (contradiction) out.push(contradiction);
      else {
        const switched = switchedRecord(input, hasDocs ? support : null);
        if (switched) out.push(finding(this, 'SELF_CONTRADICTION', 0.6, 'medium', switched.spans, 'Answers about another record than the one the conversation was about.'));
      }
      let fact = hardcodedFact(this, model, input, support, hasDocs, citation.cited);
      if (hasDocs && support && (!fact || fact.score < CONFLICT_SCORE)) {
        const conflict = documentConflict(a, support) ?? comparisonConflict(a, input.context.question, support) ?? choiceConflict(a, input.context.question, support) ?? crossedValues(a, support);
        if (conflict) fact = finding(this, 'HARDCODED_FACT', CONFLICT_SCORE, 'medium', conflict.spans, conflict.why);
      }
      if (fact) out.push(fact);
      const oc = overconfidence(input, hasDocs ? support : null);
      if (oc) out.push(finding(this, 'OVERCONFIDENCE', oc.score, 'medium', oc.spans, oc.why));
      return out;
    },
  };
}
