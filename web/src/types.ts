/** Shapes of the public HTTP API the dashboard reads (see /docs for the full reference). */

export const CATEGORIES = ['hallucination', 'bias', 'toxicity'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SUBTYPES: Record<Category, readonly string[]> = {
  hallucination: ['SELF_CONTRADICTION', 'OVERCONFIDENCE', 'FABRICATED_CITATION', 'HARDCODED_FACT'],
  bias: ['GENDER_BIAS', 'RACIAL_BIAS', 'AGE_BIAS', 'STEREOTYPING'],
  toxicity: ['HOSTILE_LANGUAGE', 'CONDESCENSION', 'INAPPROPRIATE_CONTENT', 'PROFANITY'],
};
export const ALL_SUBTYPES = CATEGORIES.flatMap((c) => SUBTYPES[c]);

export function categoryOf(subtype: string): Category | null {
  for (const c of CATEGORIES) if (SUBTYPES[c].includes(subtype)) return c;
  return null;
}

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Role = 'admin' | 'analyst' | 'ingest';

export interface Me {
  kind: 'key' | 'account';
  role: Role;
  companyId: number | null;
  companyName: string | null;
  email: string | null;
  csrfToken: string | null;
}

// Wire types shared with the TypeScript SDK: one definition of the public API's shapes.
export type {
  EndedReason,
  MonitorSession,
  MonitorPage,
  Span,
  Finding,
  TranscriptDocument,
  TranscriptMessage,
  Transcript,
  TrendsDay,
  PeriodTotals,
  Trends,
  Report,
  ChatSessionsDay,
  FeedbackDay,
  ToolsDay,
  DocumentsDay,
  UserActivitiesDay,
  MembersReport,
  UploadStatus,
  Upload,
  FlaggedTurn,
  FlaggedTurnPage,
} from '../../src/client/types.js';

export interface Account {
  id: number;
  companyId: number;
  email: string;
  role: 'admin' | 'analyst';
  active: boolean;
  createdAt: string;
}

export interface ApiKeyInfo {
  id: number;
  companyId: number | null;
  role: Role;
  name: string | null;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export const PRESETS = ['strict', 'standard', 'lenient'] as const;

export interface SubtypeOverride {
  disabled?: boolean;
  minScore?: number;
  severity?: Severity;
}

export interface Policy {
  preset: (typeof PRESETS)[number];
  endSessionAt: Severity | null;
  overrides: Record<string, SubtypeOverride | undefined>;
  allowList: string[];
  denyList: string[];
}
