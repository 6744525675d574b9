/**
 * OVERCONFIDENCE: absolute wording with no hedge, and certainty or causal claims stronger than
 * a hedged source document. Rules only: there is no licence-clean training data.
 */
import type { Span } from '../types.js';
import { type DetectorInput, sentenceSpan, turnSpan } from '../detector.js';
import type { Support } from './grounding.js';

const STRONG_BOOSTERS =
  /\b(?:definitely|certainly|undoubtedly|undeniably|unquestionably|indisputably|conclusively|definitively|guaranteed|guarantees?|(?:scientifically |clinically )?proven|proves|without (?:a|any) doubt|no doubt|beyond (?:any|a) doubt|there is no question|it is a (?:known )?fact|the fact is|everyone knows|always works|never fails|100 ?%|absolutely (?:true|certain|sure|safe|correct)|completely (?:safe|accurate|certain)|cures?|will (?:always|never|definitely|certainly))\b/i;
const CERTAIN_CLAIM =
  /\b(?:causes?|caused|cures?|prevents?|stops?|leads? to|results? in|reduces?|increases?|boosts?|triggers?|makes?|protects?|improves?|shows? that|proves?|reveals?|discovered|confirms?|is responsible for|are responsible for|will|can (?:help|cause|prevent|stop|reduce|boost|improve|protect))\b/i;
const HEDGE_RE =
  /\b(?:may|might|could|possibly|perhaps|likely|suggests?|suggested|appears?|seems?|associated|linked|correlat\w*|potential(?:ly)?|preliminary|in (?:mice|rats|animals)|further (?:research|studies)|more research|not (?:yet )?clear|uncertain)\b/i;

export function overconfidence(input: DetectorInput, support: Support | null): { score: number; spans: Span[]; why: string } | null {
  const a = input.analysis;
  let best: { score: number; spans: Span[]; why: string } | null = null;
  for (let s = 0; s < a.sentences.length; s++) {
    const span = sentenceSpan(a, a.sentences[s]);
    const sentence = span.text;
    const hedged = HEDGE_RE.test(sentence);
    const boost = STRONG_BOOSTERS.exec(sentence);
    if (boost && !hedged) {
      const at = span.start + boost.index;
      const candidate = { score: 0.62, spans: [turnSpan(a.text, at, at + boost[0].length)], why: 'States a claim as certain without hedging.' };
      if (!best || candidate.score > best.score) best = candidate;
    }
    if (support && support.hedges > 0 && !hedged) {
      const claim = CERTAIN_CLAIM.exec(sentence);
      if (claim && HEDGE_RE.test(support.lower)) {
        const at = span.start + claim.index;
        const score = 0.5 + (boost ? 0.15 : 0) + Math.min(0.1, 0.03 * support.hedges);
        const candidate = { score, spans: [turnSpan(a.text, at, at + claim[0].length)], why: 'Claims more certainty than the hedged source document.' };
        if (!best || candidate.score > best.score) best = candidate;
      }
    }
  }
  return best;
}
