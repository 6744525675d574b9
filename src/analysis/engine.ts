/**
 * The built-in engine: one shared text analysis per turn, then every registered detector that
 * applies to the turn's role. Pure and deterministic: no I/O, clock or randomness at analyse
 * time (models are loaded once when their detector module is imported).
 */
import { type Detector, makeInput } from './detector.js';
import { BUILTIN_DETECTORS, createDetectors } from './detectors/index.js';
import { deobfuscate } from './deobfuscate.js';
import type { TextAnalysis } from './text.js';
import type { ModelSet } from './models/bundle.js';
import { fewerSpans } from './spans.js';
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
      readObfuscated(input.analysis, turn, ctx, options, detectors, findings, floor);
      return findings.map(fewerSpans).sort(
        (x, y) => y.score - x.score || ALL_SUBTYPES.indexOf(x.subtype) - ALL_SUBTYPES.indexOf(y.subtype),
      );
    },
  };
}

/**
 * Abuse spelled to slip past word lists ("I h a t e b l a c k people", "Mu5lims are d1sgusting"):
 * the toxicity and bias detectors read the turn again in plain words (deobfuscate.ts) and what
 * they find there that the turn's own reading did not is added, its spans mapped back onto the
 * original characters. Nothing is taken away. An ordinary turn costs one pass over its tokens.
 */
function readObfuscated(analysis: TextAnalysis, turn: Turn, ctx: AnalysisContext, options: AnalyzeOptions, detectors: readonly Detector[], findings: Finding[], floor: number): void {
  const plain = deobfuscate(analysis);
  if (!plain) return;
  const input = makeInput({ ...turn, content: plain.text }, ctx, { ...options, session: undefined });
  for (const d of detectors) {
    if ((d.category !== 'toxicity' && d.category !== 'bias') || !d.roles.includes(turn.role)) continue;
    for (const f of d.detect(input)) {
      if (f.score < floor || findings.some((g) => g.subtype === f.subtype && g.score >= f.score)) continue;
      const spans = f.spans.map((s) => {
        if (s.where !== 'turn') return s;
        const start = plain.from[s.start];
        const end = plain.from[Math.max(s.start, s.end - 1)] + 1;
        return { ...s, start, end, text: turn.content.slice(start, end) };
      });
      const at = findings.findIndex((g) => g.subtype === f.subtype);
      const found = { ...f, spans, explanation: `${f.explanation} (Read through an obfuscated spelling.)` };
      if (!spansAreVerbatim(found, turn, ctx)) continue;
      if (at >= 0) findings[at] = found;
      else findings.push(found);
    }
  }
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
