/**
 * Per-company policy: which findings are kept and which end a live session.
 *
 * The engine reports everything it sees with a score; the policy decides, per company, how
 * sure a finding must be to count (`minScore`) and how severe it must be to end a live
 * session and hand it to a person (`endSessionAt`).
 */
import { fewerSpans } from './spans.js';
import { type Finding, type Severity, type Subtype, SEVERITIES, severityRank } from './types.js';

export const PRESETS = ['strict', 'standard', 'lenient'] as const;
export type Preset = (typeof PRESETS)[number];

export interface SubtypeOverride {
  /** Drop the subtype entirely. */
  disabled?: boolean;
  /** Minimum score for a finding of this subtype to count. */
  minScore?: number;
  /** Replace the engine's severity for this subtype. */
  severity?: Severity;
}

export interface CompanyPolicy {
  preset: Preset;
  /** A kept finding at or above this severity ends a live session; null never ends one. */
  endSessionAt: Severity | null;
  overrides: Partial<Record<Subtype, SubtypeOverride>>;
  /** Terms never reported: a finding whose every span is one of these (case-insensitive) is dropped. */
  allowList: string[];
  /** Terms always reported as INAPPROPRIATE_CONTENT (high) when they appear in a turn. */
  denyList: string[];
}

interface PresetValues {
  minScore: number;
  endSessionAt: Severity | null;
}

/** strict flags earlier and ends sessions on medium findings; lenient only acts on the clearest cases. */
export const PRESET_VALUES: Record<Preset, PresetValues> = {
  strict: { minScore: 0.35, endSessionAt: 'medium' },
  standard: { minScore: 0.5, endSessionAt: 'high' },
  lenient: { minScore: 0.7, endSessionAt: 'critical' },
};

export const DEFAULT_POLICY: CompanyPolicy = Object.freeze({
  preset: 'standard',
  endSessionAt: PRESET_VALUES.standard.endSessionAt,
  overrides: {},
  allowList: [],
  denyList: [],
}) as CompanyPolicy;

export function policyFromPreset(preset: Preset): CompanyPolicy {
  return { preset, endSessionAt: PRESET_VALUES[preset].endSessionAt, overrides: {}, allowList: [], denyList: [] };
}

/** Reads a stored policy, filling gaps from the standard preset; never throws on old or partial JSON. */
export function resolvePolicy(raw: unknown): CompanyPolicy {
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_POLICY };
  const r = raw as Partial<CompanyPolicy>;
  const preset: Preset = PRESETS.includes(r.preset as Preset) ? (r.preset as Preset) : 'standard';
  const endSessionAt =
    r.endSessionAt === null
      ? null
      : SEVERITIES.includes(r.endSessionAt as Severity)
        ? (r.endSessionAt as Severity)
        : PRESET_VALUES[preset].endSessionAt;
  return {
    preset,
    endSessionAt,
    overrides: r.overrides && typeof r.overrides === 'object' ? r.overrides : {},
    allowList: Array.isArray(r.allowList) ? r.allowList.filter((s) => typeof s === 'string') : [],
    denyList: Array.isArray(r.denyList) ? r.denyList.filter((s) => typeof s === 'string') : [],
  };
}

export interface PolicyOutcome {
  /** Findings that count for this company (stored, rolled up, shown). */
  kept: Finding[];
  /** The most severe kept finding that reaches `endSessionAt`, if any. */
  violation: Finding | null;
}

export function applyPolicy(findings: Finding[], policy: CompanyPolicy, text: string): PolicyOutcome {
  // Most turns have no findings: only the deny list could add one (a set and three arrays a turn
  // otherwise, on the bulk paths' main thread).
  if (findings.length === 0 && policy.denyList.length === 0) return { kept: [], violation: null };
  const minScore = PRESET_VALUES[policy.preset].minScore;
  const allow = policy.allowList.length > 0 ? new Set(policy.allowList.map((t) => t.toLowerCase())) : null;
  const kept: Finding[] = [];
  for (const f of findings) {
    const o = policy.overrides[f.subtype];
    if (o?.disabled) continue;
    if (f.score < (o?.minScore ?? minScore)) continue;
    if (allow && f.spans.length > 0 && f.spans.every((s) => allow.has(s.text.toLowerCase()))) continue;
    kept.push(o?.severity ? { ...f, severity: o.severity } : f);
  }
  kept.push(...denyListFindings(policy.denyList, text, kept));
  let violation: Finding | null = null;
  if (policy.endSessionAt) {
    const bar = severityRank(policy.endSessionAt);
    for (const f of kept) {
      if (severityRank(f.severity) >= bar && (!violation || severityRank(f.severity) > severityRank(violation.severity))) {
        violation = f;
      }
    }
  }
  return { kept, violation };
}

function denyListFindings(terms: string[], text: string, already: Finding[]): Finding[] {
  if (terms.length === 0 || already.some((f) => f.subtype === 'INAPPROPRIATE_CONTENT')) return [];
  const lower = text.toLowerCase();
  const spans = [];
  for (const term of terms) {
    const t = term.toLowerCase().trim();
    if (!t) continue;
    let at = lower.indexOf(t);
    while (at >= 0) {
      spans.push({ start: at, end: at + t.length, text: text.slice(at, at + t.length), where: 'turn' as const });
      at = lower.indexOf(t, at + t.length);
    }
  }
  if (spans.length === 0) return [];
  spans.sort((a, b) => a.start - b.start);
  return [
    fewerSpans({
      category: 'toxicity',
      subtype: 'INAPPROPRIATE_CONTENT',
      score: 1,
      severity: 'high',
      spans,
      explanation: 'Contains a term on this company\'s deny list.',
      detector: 'policy-deny-list@1',
    }),
  ];
}
