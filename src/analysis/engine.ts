/**
 * The built-in engine: one shared text analysis per turn, then every registered detector that
 * applies to the turn's role. Pure and deterministic: no I/O, clock or randomness at analyse
 * time (models are loaded once when their detector module is imported).
 */
import { type Detector, makeInput } from './detector.js';
import { BUILTIN_DETECTORS, createDetectors } from './detectors/index.js';
import type { ModelSet } from './models/bundle.js';
import { type AnalysisContext, type AnalysisEngine, type AnalyzeOptions, type Finding, type Turn, ALL_SUBTYPES } from './types.js';

export const BUILTIN_VERSION = 'chatlens-builtin@2.0.0';

/**
 * Findings below this score are not reported at all. It sits under the strict preset's
 * minScore (0.35) so every preset can choose its own cut from the same findings.
 */
export const REPORT_FLOOR = 0.25;

export interface EngineOptions {
  /** Replace the detector registry (tests, experiments). */
  detectors?: readonly Detector[];
  /** Built-in detectors over these models instead of the shipped files (eval, training). */
  models?: Partial<ModelSet>;
  /** Findings below this score are dropped; defaults to REPORT_FLOOR. */
  minScore?: number;
  /** Version string reported by the engine. */
  version?: string;
}

const EMPTY_CONTEXT: AnalysisContext = { documents: [], history: [] };

export function createEngine(options: EngineOptions = {}): AnalysisEngine {
  const detectors = options.detectors ?? (options.models ? createDetectors(options.models) : BUILTIN_DETECTORS);
  const floor = options.minScore ?? REPORT_FLOOR;
  const custom = options.detectors || options.models;
  const version = options.version ?? (custom ? `${BUILTIN_VERSION}+custom` : BUILTIN_VERSION);
  return {
    version,
    analyze(turn: Turn, context: AnalysisContext = EMPTY_CONTEXT, options: AnalyzeOptions = {}): Finding[] {
      const ctx: AnalysisContext = {
        documents: context.documents ?? [],
        history: context.history ?? [],
        question: context.question ?? null,
      };
      if (!turn.content || !turn.content.trim()) return [];
      const input = makeInput(turn, ctx, options);
      const findings: Finding[] = [];
      for (const d of detectors) {
        if (!d.roles.includes(turn.role)) continue;
        for (const f of d.detect(input)) {
          if (f.score >= floor && spansAreVerbatim(f, turn, ctx)) findings.push(f);
        }
      }
      return findings.sort(
        (x, y) => y.score - x.score || ALL_SUBTYPES.indexOf(x.subtype) - ALL_SUBTYPES.indexOf(y.subtype),
      );
    },
  };
}

/** Guards the span contract; a detector bug drops its finding instead of mis-highlighting. */
function spansAreVerbatim(f: Finding, turn: Turn, ctx: AnalysisContext): boolean {
  for (const s of f.spans) {
    const source =
      s.where === 'turn'
        ? turn.content
        : s.where === 'history'
          ? ctx.history[s.turnIndex ?? -1]?.content
          : ctx.documents.find((d) => d.id === s.documentId)?.content;
    if (source == null || source.slice(s.start, s.end) !== s.text) return false;
  }
  return true;
}

export const builtinEngine: AnalysisEngine = createEngine();
