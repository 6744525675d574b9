/** The spans a finding keeps, whoever made it (a detector, the policy's deny list). */
import type { Finding, Span } from './types.js';

/**
 * Spans kept per finding: enough to review it, not 25,000 copies of one word in a long turn (each
 * is stored with the finding). Every distinct text keeps a span while there is room, so a policy's
 * allow list (which drops a finding when it allows every span's text) reads the same texts.
 */
export const MAX_SPANS = 50;

export function fewerSpans(f: Finding): Finding {
  if (f.spans.length <= MAX_SPANS) return f;
  const seen = new Set<string>();
  const kept = new Set<Span>();
  for (const s of f.spans) {
    const text = s.text.toLowerCase();
    if (kept.size < MAX_SPANS && !seen.has(text)) kept.add(s);
    seen.add(text);
  }
  for (const s of f.spans) if (kept.size < MAX_SPANS) kept.add(s);
  return { ...f, spans: f.spans.filter((s) => kept.has(s)) };
}
