/** Placing findings' spans in a transcript and drawing them as highlights (the Session page). */
import type { ComponentChildren } from 'preact';
import { CATEGORY_LABEL } from '../../components/ui';
import { humanize } from '../../format';
import { SEVERITIES, type Finding, type TranscriptMessage, type Transcript } from '../../types';

export interface Range {
  start: number;
  end: number;
  finding: Finding;
}

// The ingest path gives each turn the previous 12 turns as history; a history span's turnIndex counts from the first of them.
export const HISTORY_TURNS = 12;

/** Where a span really is: its offsets when they match its text, else the first occurrence of the text. */
export function locate(content: string, start: number, end: number, text: string): { start: number; end: number } | null {
  if (start >= 0 && end <= content.length && start < end && content.slice(start, end) === text) return { start, end };
  if (!text) return null;
  const at = content.indexOf(text);
  return at >= 0 ? { start: at, end: at + text.length } : null;
}

export function locateWords(content: string, start: number, end: number, text: string): { start: number; end: number } | null {
  const loc = locate(content, start, end, text);
  return loc && toWords(content, loc);
}

export const WORD = /[\p{L}\p{N}\p{M}'’]/u;

/**
 * For display only: a span that starts or ends inside a word ("fuck" in "fucking") grows to the
 * whole word, so the reader sees what was flagged. The finding's stored offsets are unchanged.
 */
export function toWords(content: string, loc: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = loc;
  if (start > 0 && WORD.test(content[start - 1]) && WORD.test(content[start])) while (start > 0 && WORD.test(content[start - 1])) start--;
  if (end < content.length && WORD.test(content[end]) && WORD.test(content[end - 1])) while (end < content.length && WORD.test(content[end])) end++;
  return { start, end };
}

export const sevRank = (f: Finding) => SEVERITIES.indexOf(f.severity);

/** Splits `content` at every range boundary; each piece knows the findings that cover it. */
export function Highlighted({ content, ranges, anchor }: { content: string; ranges: Range[]; anchor: string }) {
  if (ranges.length === 0) return <>{content}</>;
  const cuts = new Set<number>([0, content.length]);
  for (const r of ranges) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: ComponentChildren[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = content.slice(a, b);
    const covering = ranges.filter((r) => r.start <= a && r.end >= b).map((r) => r.finding);
    if (covering.length === 0) {
      out.push(piece);
      continue;
    }
    const top = [...covering].sort((x, y) => sevRank(y) - sevRank(x))[0];
    const first = covering.filter((f) => !seen.has(f.id));
    first.forEach((f) => seen.add(f.id));
    const tipId = `${anchor}-tip-${a}`;
    out.push(
      <span class="hl-wrap" key={`${a}-${b}`}>
        <mark
          class={`hl hl-${top.category} ${covering.length > 1 ? 'hl-multi' : ''}`}
          id={first.length ? `${anchor}-f${first[0].id}` : undefined}
          data-finding-ids={covering.map((f) => f.id).join(' ')}
          data-category={top.category}
          tabIndex={0}
          aria-describedby={tipId}
        >
          {piece}
        </mark>
        <span class="hl-tip" role="tooltip" id={tipId}>
          {covering.map((f) => (
            <span class="hl-tip-line" key={f.id}>
              <strong>{CATEGORY_LABEL[f.category]} · {humanize(f.subtype)}</strong> ({f.severity}, score {f.score.toFixed(2)}): {f.explanation}
            </span>
          ))}
        </span>
      </span>,
    );
  }
  return <>{out}</>;
}

/** For each message: the ranges to mark in its own text and in each of its documents. */
export function placeSpans(t: Transcript) {
  const inMessage = new Map<string, Range[]>();
  const inDocument = new Map<string, Range[]>();
  const unplaced = new Map<number, string[]>();
  const push = <K,>(m: Map<K, Range[]>, k: K, r: Range) => m.set(k, [...(m.get(k) ?? []), r]);
  t.messages.forEach((m, mi) => {
    for (const f of m.findings) {
      for (const s of f.spans) {
        if (s.where === 'turn') {
          const loc = locateWords(m.content, s.start, s.end, s.text);
          if (loc) push(inMessage, m.id, { ...loc, finding: f });
          else unplaced.set(f.id, [...(unplaced.get(f.id) ?? []), s.text]);
        } else if (s.where === 'document') {
          const doc = m.documents.find((d) => d.id === s.documentId);
          const loc = doc?.content ? locateWords(doc.content, s.start, s.end, s.text) : null;
          if (doc && loc) push(inDocument, `${m.id}:${doc.id}`, { ...loc, finding: f });
          else unplaced.set(f.id, [...(unplaced.get(f.id) ?? []), s.text]);
        } else {
          const first = Math.max(0, mi - HISTORY_TURNS);
          const guess = t.messages[first + (s.turnIndex ?? 0)];
          const candidates = [guess, ...t.messages.slice(0, mi).reverse()].filter(Boolean) as TranscriptMessage[];
          let placed = false;
          for (const c of candidates) {
            const loc = locateWords(c.content, s.start, s.end, s.text);
            if (loc) {
              push(inMessage, c.id, { ...loc, finding: f });
              placed = true;
              break;
            }
          }
          if (!placed) unplaced.set(f.id, [...(unplaced.get(f.id) ?? []), s.text]);
        }
      }
    }
  });
  return { inMessage, inDocument, unplaced };
}

export function jumpTo(anchorId: string) {
  const el = document.getElementById(anchorId);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.classList.remove('flash');
  void el.getBoundingClientRect();
  el.classList.add('flash');
}
