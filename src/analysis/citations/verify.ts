/**
 * Optional online check of the references in assistant turns, off by default: each DOI is looked
 * up in Crossref or OpenAlex (and, for an entry without a DOI, its title), and a DOI that does
 * not exist, or that belongs to another work or year than the entry says, is reported as
 * FABRICATED_CITATION. Never on the live request path: it implements the judge's interface so
 * ingestion hands it committed turns through the same bounded background queue
 * (modules/ingest/judge-review.ts), and its findings are stored later.
 *
 * Bounded work: at most `maxLookups` lookups and `budgetMs` per turn, each request with its own
 * timeout, requests spaced to `ratePerSecond` across all turns, answers cached (LRU, by DOI or
 * title, including "not found"). Any failure (timeout, HTTP error, bad JSON) means "unknown",
 * never a finding. Options come from the caller (src/config.ts); this module reads no environment.
 */
import type { AnalysisContext, Finding, Span, Turn } from '../types.js';
import { entryTitle, referenceEntries } from './references.js';

export const VERIFIER_DETECTOR = 'citation-verifier@1.0.0';

export interface VerifierOptions {
  kind: 'crossref' | 'openalex';
  /** e.g. https://api.crossref.org or https://api.openalex.org (a local stub in tests). */
  baseUrl: string;
  /** Contact address sent as `mailto` (both services ask for one for their polite pools). */
  mailto?: string;
  timeoutMs?: number;
  /** Time allowed for one turn's lookups together; default 5 s. */
  budgetMs?: number;
  maxLookups?: number;
  ratePerSecond?: number;
  cacheSize?: number;
  fetch?: typeof fetch;
  log?: (level: 'warn' | 'info', message: string, detail?: Record<string, unknown>) => void;
}

/** What a lookup found: null = no such work; undefined = could not tell (error, timeout). */
export interface Work {
  title: string;
  year: number | null;
}

export interface CitationVerifier {
  shouldReview(turn: Turn, builtinFindings: Finding[]): boolean;
  review(turn: Turn, context: AnalysisContext, builtinFindings: Finding[]): Promise<Finding[]>;
}

const words = (s: string): Set<string> => new Set(s.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);

/** Share of the entry's title-like words found in the work's title. */
function titleMatch(entry: string, title: string): number {
  const t = words(title);
  if (t.size === 0) return 0;
  let hit = 0;
  for (const w of t) if (words(entry).has(w)) hit++;
  return hit / t.size;
}

export function createCitationVerifier(options: VerifierOptions): CitationVerifier {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 3000;
  const budgetMs = options.budgetMs ?? 5000;
  const maxLookups = options.maxLookups ?? 5;
  const spacing = 1000 / (options.ratePerSecond ?? 5);
  const doFetch = options.fetch ?? globalThis.fetch;
  const log = options.log ?? (() => {});
  const cache = new Map<string, Work | null>();
  const cacheSize = options.cacheSize ?? 5000;
  /** When the last request granted a slot started (ms), once it has: the slots form one queue. */
  let lastStart: Promise<number> = Promise.resolve(-Infinity);

  /**
   * Waits for the next free request slot: requests start `spacing` ms apart, all turns together,
   * counted from the previous request's real start, which the caller reports by calling the
   * function it gets back once its request is sent (null: no slot before the deadline). Slots are
   * granted in turn, so a request that starts late (a timer fired late, a busy event loop) moves
   * every later slot with it: lookups queued together started 38 ms apart at 20 a second when
   * each slot's time was fixed when it was asked for.
   */
  async function slot(deadline: number): Promise<(() => void) | null> {
    const previous = lastStart;
    let started!: (at: number) => void;
    lastStart = new Promise((resolve) => (started = resolve));
    const before = await previous;
    const at = Math.max(Date.now(), before + spacing);
    if (at > deadline) {
      started(before);
      return null;
    }
    // Node may fire a timer a millisecond before Date.now() reaches its target; wait out the rest.
    while (Date.now() < at) await new Promise((r) => setTimeout(r, at - Date.now()));
    return () => started(Date.now());
  }

  function remember(key: string, w: Work | null): void {
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(key, w);
  }

  async function get(path: string, deadline: number): Promise<unknown | null | undefined> {
    const begun = await slot(deadline);
    if (!begun) return undefined;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(1, Math.min(timeoutMs, deadline - Date.now())));
    try {
      const sep = path.includes('?') ? '&' : '?';
      const url = `${base}${path}${options.mailto ? `${sep}mailto=${encodeURIComponent(options.mailto)}` : ''}`;
      let sent: Promise<Response>;
      try {
        sent = doFetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
      } finally {
        begun();
      }
      const res = await sent;
      if (res.status === 404) return null;
      if (!res.ok) {
        log('warn', 'citation verifier: lookup failed', { status: res.status });
        return undefined;
      }
      return await res.json();
    } catch (err) {
      log('warn', controller.signal.aborted ? 'citation verifier: timed out' : 'citation verifier: request failed', { error: err instanceof Error ? err.message : String(err) });
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  function parseWork(body: unknown): Work | null {
    if (options.kind === 'crossref') {
      const m = (body as { message?: { title?: string[]; issued?: { 'date-parts'?: number[][] }; items?: unknown[] } })?.message;
      const item = (m?.items ? m.items[0] : m) as { title?: string[]; issued?: { 'date-parts'?: number[][] } } | undefined;
      if (!item?.title?.[0]) return null;
      return { title: item.title[0], year: item.issued?.['date-parts']?.[0]?.[0] ?? null };
    }
    const b = body as { results?: unknown[]; title?: string; display_name?: string; publication_year?: number };
    const item = (b?.results ? b.results[0] : b) as { title?: string; display_name?: string; publication_year?: number } | undefined;
    const title = item?.title ?? item?.display_name;
    if (!title) return null;
    return { title, year: item?.publication_year ?? null };
  }

  async function byDoi(doi: string, deadline: number): Promise<Work | null | undefined> {
    const key = `doi:${doi}`;
    if (cache.has(key)) return cache.get(key);
    const path = options.kind === 'crossref' ? `/works/${encodeURIComponent(doi)}` : `/works/doi:${encodeURIComponent(doi)}`;
    const body = await get(path, deadline);
    if (body === undefined) return undefined;
    const w = body === null ? null : parseWork(body);
    remember(key, w);
    return w;
  }

  async function byTitle(title: string, deadline: number): Promise<Work | null | undefined> {
    const key = `title:${title.toLowerCase()}`;
    if (cache.has(key)) return cache.get(key);
    const q = encodeURIComponent(title);
    const path = options.kind === 'crossref' ? `/works?query.bibliographic=${q}&rows=1` : `/works?search=${q}&per-page=1`;
    const body = await get(path, deadline);
    if (body === undefined) return undefined;
    let w = body === null ? null : parseWork(body);
    // A search always returns something: only a close title counts as found.
    if (w && titleMatch(title, w.title) < 0.6) w = null;
    remember(key, w);
    return w;
  }

  return {
    shouldReview(turn) {
      return turn.role === 'assistant' && referenceEntries(turn.content).length > 0;
    },
    async review(turn) {
      if (turn.role !== 'assistant') return [];
      const deadline = Date.now() + budgetMs;
      const out: Finding[] = [];
      let lookups = 0;
      for (const e of referenceEntries(turn.content)) {
        if (lookups >= maxLookups || Date.now() >= deadline) break;
        const doi = e.dois[0];
        const span = (s: number, en: number): Span => ({ start: s, end: en, text: turn.content.slice(s, en), where: 'turn' });
        const entrySpan = span(e.start + (e.text.length - e.text.trimStart().length), e.end - (e.text.length - e.text.trimEnd().length));
        lookups++;
        if (doi) {
          const w = await byDoi(doi.value, deadline);
          if (w === undefined) continue;
          if (w === null) out.push(finding(0.85, [entrySpan], `The DOI ${doi.value} does not exist in ${options.kind === 'crossref' ? 'Crossref' : 'OpenAlex'}.`));
          else if (titleMatch(e.text, w.title) < 0.5) out.push(finding(0.8, [entrySpan], `The DOI ${doi.value} belongs to another work: "${w.title.slice(0, 120)}".`));
          else if (w.year && e.years.length && !e.years.some((y) => Math.abs(y.value - w.year!) <= 1)) out.push(finding(0.6, [entrySpan], `The work with DOI ${doi.value} is from ${w.year}, not ${e.years[0].value}.`));
          continue;
        }
        const title = entryTitle(e.text);
        if (words(title).size < 3) continue;
        const w = await byTitle(title, deadline);
        if (w === null) out.push(finding(0.65, [entrySpan], `No work titled "${title.slice(0, 120)}" was found in ${options.kind === 'crossref' ? 'Crossref' : 'OpenAlex'}.`));
      }
      return out;
    },
  };
}

function finding(score: number, spans: Span[], explanation: string): Finding {
  return { category: 'hallucination', subtype: 'FABRICATED_CITATION', score, severity: 'medium', spans, explanation, detector: VERIFIER_DETECTOR };
}
