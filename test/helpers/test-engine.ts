/**
 * A deterministic engine for foundation tests, registered through the same interface as the
 * real one: a turn containing `[[SUBTYPE:severity]]` yields that finding, with the marker as its
 * span. Tests of the real detectors live beside them in src/analysis.
 */
import { type AnalysisEngine, type Finding, type Severity, type Subtype, categoryOf } from '../../src/analysis/types.js';

const MARKER = /\[\[([A-Z_]+):(low|medium|high|critical)\]\]/g;

export const markerEngine: AnalysisEngine = {
  version: 'test-marker@1',
  analyze(turn) {
    const out: Finding[] = [];
    for (const m of turn.content.matchAll(MARKER)) {
      const subtype = m[1] as Subtype;
      out.push({
        category: categoryOf(subtype),
        subtype,
        score: 0.9,
        severity: m[2] as Severity,
        spans: [{ start: m.index!, end: m.index! + m[0].length, text: m[0], where: 'turn' }],
        explanation: `test marker ${subtype}`,
        detector: 'test-marker@1',
      });
    }
    return out;
  },
};
