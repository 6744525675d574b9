/**
 * Which words of a clause a negation reaches, shared by the contradiction rules and the
 * document-conflict check: "not", "no", "never", "n't" and the contrasts "rather than" and
 * "instead of" negate what follows them; a negator that sets a bound ("no more than 6 tablets")
 * does not.
 */
import type { TextAnalysis } from '../text.js';

export const NEGATORS = new Set(['not', 'no', 'never', 'cannot', 'nor', 'neither', 'none']);

const COMPARATIVES = new Set(['more', 'less', 'fewer', 'later', 'earlier', 'sooner', 'longer', 'shorter', 'greater', 'higher', 'lower', 'older', 'younger', 'bigger', 'larger', 'smaller', 'over', 'under']);

/**
 * "no more than 6 tablets", "not later than Friday": a negator that sets a bound, which states
 * the limit rather than denying what follows ("take 1 or 2 tablets" agrees with it).
 */
export function bound(a: TextAnalysis, i: number): boolean {
  const w = a.tokens[i].norm;
  return (w === 'no' || w === 'not') && COMPARATIVES.has(a.tokens[i + 1]?.norm ?? '') && a.tokens[i + 2]?.norm === 'than';
}

/** "rather than" and "instead of" negate what follows them ("the office network rather than the guest network"). */
function contrasts(a: TextAnalysis, i: number): boolean {
  const w = a.tokens[i].norm;
  return i > 0 && ((w === 'than' && a.tokens[i - 1].norm === 'rather') || (w === 'of' && a.tokens[i - 1].norm === 'instead'));
}

/**
 * Which tokens of tokens [from, to) a negator of their own clause reaches: at most five tokens
 * after it, with no ";", ":" or "," between ("no traffic; address: 899 ames ct" negates the
 * traffic only). One forward pass.
 */
export function clauseNegation(a: TextAnalysis, from: number, to: number): boolean[] {
  const out: boolean[] = [];
  let reach = -1;
  for (let i = from; i < to; i++) {
    if (i > from && reach >= i) {
      for (let c = a.tokens[i - 1].end; c < a.tokens[i].start; c++) {
        const ch = a.text.charCodeAt(c);
        if (ch === 59 || ch === 58 || ch === 44) reach = -1; // ; : ,
      }
    }
    out.push(i <= reach);
    const w = a.tokens[i].norm;
    if (((NEGATORS.has(w) || w.endsWith("n't")) && !bound(a, i)) || contrasts(a, i)) reach = i + 5;
  }
  return out;
}
