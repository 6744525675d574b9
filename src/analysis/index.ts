/** The analysis engine's public surface. */
export * from './types.js';
export { createSessionCache, HISTORY_ASSISTANT_TURNS, type SessionCache } from './session.js';
export { builtinEngine, createEngine, BUILTIN_VERSION, REPORT_FLOOR, type EngineOptions } from './engine.js';
export type { Detector, DetectorInput } from './detector.js';
export { BUILTIN_DETECTORS } from './detectors/index.js';
export {
  applyPolicy,
  resolvePolicy,
  policyFromPreset,
  DEFAULT_POLICY,
  PRESETS,
  PRESET_VALUES,
  type CompanyPolicy,
  type Preset,
  type PolicyOutcome,
  type SubtypeOverride,
} from './policy.js';
export { createJudge, type Judge, type JudgeOptions } from './judge.js';
