/**
 * Guarding a streamed answer sentence by sentence: text is held back until its sentence is
 * complete (at most one sentence), each complete sentence is analysed with the answer's context
 * under the company's policy, and the first violating one is never sent.
 */
import { applyCompanyPolicy } from '../ingest/ingest.pipeline.js';
import type { CompanyPolicy } from '../../analysis/policy.js';
import type { AnalysisEngine } from '../../analysis/types.js';
import type { AnalysisContext } from '../../chat/context.js';

/**
 * A sentence ends at . ! ? … (and their CJK forms), with closing quotes or brackets, before
 * white space; a line break ends one too (lists, code).
 */
const BOUNDARY = /[.!?…。！？]+["'”’)\]]*(?:\s+|$)|\n+/g;

/**
 * Text without a boundary is checked and released once this long, so a run with no punctuation
 * (a table, code) is never held back further than this.
 */
export const MAX_HOLD_CHARS = 600;

export class SentenceGuard {
  private pending = '';

  constructor(
    private readonly engine: AnalysisEngine,
    private readonly policy: CompanyPolicy,
    private readonly context: AnalysisContext,
    private readonly onEngineError: (err: unknown) => void,
  ) {}

  /**
   * Adds streamed text; returns the complete sentences that may be sent, and whether a violating
   * sentence came (then nothing after the released ones may be sent).
   */
  push(text: string, final = false): { release: string; blocked: boolean } {
    this.pending += text;
    let release = '';
    let start = 0;
    const cut = (end: number): boolean => {
      const sentence = this.pending.slice(start, end);
      if (sentence.trim() && this.violates(sentence)) return true;
      release += sentence;
      start = end;
      return false;
    };
    BOUNDARY.lastIndex = 0;
    for (let m = BOUNDARY.exec(this.pending); m; m = BOUNDARY.exec(this.pending)) {
      // "3.5" or "e.g." mid-stream: a boundary at the very end may still grow; wait for more text.
      const end = m.index + m[0].length;
      if (end === this.pending.length && !final && !/\s$/.test(m[0])) break;
      if (cut(end)) return { release, blocked: true };
      if (m[0].length === 0) BOUNDARY.lastIndex++;
    }
    while (this.pending.length - start > MAX_HOLD_CHARS) {
      if (cut(start + MAX_HOLD_CHARS)) return { release, blocked: true };
    }
    if (final && start < this.pending.length && cut(this.pending.length)) return { release, blocked: true };
    this.pending = this.pending.slice(start);
    return { release, blocked: false };
  }

  private violates(sentence: string): boolean {
    try {
      const findings = this.engine.analyze({ role: 'assistant', content: sentence }, this.context);
      return applyCompanyPolicy(findings, this.policy, sentence).violation !== null;
    } catch (err) {
      // The stored answer is analysed again by the write path; a failing check must not cut the answer.
      this.onEngineError(err);
      return false;
    }
  }
}
