/**
 * Numbers written as words, as transcripts and documents often have them ("twenty five
 * machines", "one hundred and twenty", "twelve fifty" for a price): the values an answer's "25"
 * or "12.50" can be checked against. English only.
 */
import type { TextAnalysis } from '../text.js';

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SMALL = new Map<string, number>([...UNITS.map((w, i) => [w, i] as const), ...TENS.map((w, i) => [w, i * 10] as const).filter(([w]) => w)]);
const SCALES = new Map<string, number>([['hundred', 100], ['thousand', 1000], ['million', 1_000_000]]);

/** The value of one number word ("three" → 3), or undefined. */
export function smallNumber(word: string): number | undefined {
  return SMALL.get(word.toLowerCase());
}

/** The values of the spelled-out numbers of a text, in the form `TextAnalysis.numbers` gives digits. */
export function spelledNumbers(a: TextAnalysis): string[] {
  const out: string[] = [];
  const t = a.tokens;
  let i = 0;
  let previous: { value: number; end: number } | null = null;
  while (i < t.length) {
    if (!SMALL.has(t[i].norm) && !(SCALES.has(t[i].norm) && i > 0 && t[i - 1].norm === 'a')) {
      i++;
      continue;
    }
    let total = 0;
    let current = 0;
    let lastSmall = -1;
    const start = i;
    for (; i < t.length; i++) {
      const w = t[i].norm;
      const small = SMALL.get(w);
      const scale = SCALES.get(w);
      if (small !== undefined) {
        // "twelve fifty" is two numbers (a price), "twenty five" one.
        if (lastSmall >= 0 && !(lastSmall % 10 === 0 && lastSmall >= 20 && small < 10)) break;
        current += small;
        lastSmall = small;
      } else if (scale !== undefined) {
        current = (current || 1) * scale;
        if (scale >= 1000) {
          total += current;
          current = 0;
        }
        lastSmall = -1;
      } else if (w === 'and' && i > start && (SMALL.has(t[i + 1]?.norm ?? '') || SCALES.has(t[i + 1]?.norm ?? ''))) continue;
      else break;
    }
    const value = total + current;
    out.push(String(value));
    // "twelve fifty", "nine ninety-nine": also the price they read as.
    if (previous && previous.end === start && value < 100 && value >= 10 && previous.value < 100) out.push(`${previous.value}.${String(value).padStart(2, '0')}`);
    if (t[i]?.norm === 'point' && SMALL.has(t[i + 1]?.norm ?? '')) out.push(`${value}.${SMALL.get(t[i + 1].norm)}`);
    previous = { value, end: i };
  }
  return out;
}

/**
 * Counts written as one or two words ("twelve gold albums", "twenty five stores"): their value
 * and where they stand, for checking an answer's numbers against its documents as digits are.
 * Not "one" or "zero" (pronouns and idioms: "one of", "the one who"), and not "two of them".
 */
export function spelledCounts(a: TextAnalysis): { value: string; start: number; end: number }[] {
  const out: { value: string; start: number; end: number }[] = [];
  const t = a.tokens;
  for (let i = 0; i < t.length; i++) {
    const first = SMALL.get(t[i].norm);
    if (first === undefined || first < 2) continue;
    let value = first;
    let end = i;
    const unit = i + 1 < t.length ? SMALL.get(t[i + 1].norm) : undefined;
    if (first >= 20 && first % 10 === 0 && unit !== undefined && unit > 0 && unit < 10 && t[i + 1].sentence === t[i].sentence) {
      value += unit;
      end = i + 1;
    }
    const next = t[end + 1];
    if (!next || next.sentence !== t[i].sentence || next.norm === 'of' || SCALES.has(next.norm) || SMALL.has(next.norm)) {
      i = end;
      continue;
    }
    out.push({ value: String(value), start: t[i].start, end: t[end].end });
    i = end;
  }
  return out;
}
