/**
 * Bulk writing (uploads, the demo, large ingest requests): chunks are analysed in the worker pool
 * and stored set-wise, pipelined so the pool analyses chunk k+1 while chunk k is being written.
 * The context of a chunk's turns continues from the chunks before it: the tails the chunk in
 * flight will leave, then tails of committed chunks kept in memory, then the database. Whatever
 * actually happened is checked when a chunk is stored (ingest.chunk.ts): a turn whose context
 * turned out different is analysed again there, so the result never depends on where chunks
 * start, on concurrent writers or on a resumed run.
 */
import type { BulkAnalyzer } from '../../analysis/pool/analyzer.js';
import type { SessionGroup } from '../../analysis/pool/task.js';
import { HISTORY_TURNS } from '../../chat/context.js';
import type { Turn } from '../../chat/turn.js';
import type { Executor } from '../../db/database.js';
import type { IngestDeps, IngestOptions } from './ingest.js';
import type { ChunkInput, ChunkItem, ChunkOutcome, ChunkPart } from './ingest.chunk.js';
import type { EventScope } from './ingest.repository.js';
import { sessionTails } from './ingest.repository.js';
import { storeChunk } from './ingest.store.js';
import { SessionTails, type SessionTail } from './ingest.tails.js';

/** A chunk whose analysis has started. */
export interface LaunchedChunk {
  input: ChunkInput;
  /** The tails it is expected to leave, per session (what later chunks are analysed from). */
  expected: Map<string, SessionTail>;
  /** Settles when every turn has its findings (or, if the pool failed, none: they are analysed when stored). */
  analysis: Promise<void>;
}

export interface BulkWriterOptions {
  deps: IngestDeps;
  companyId: number;
  options: IngestOptions;
  scope: EventScope;
  analyzer: BulkAnalyzer;
  log?: { error(obj: object, msg: string): void };
}

export class BulkWriter {
  /** Tails the last launched chunk will leave, for its sessions. */
  private inflight = new Map<string, SessionTail>();
  private readonly tails: SessionTails;

  constructor(private readonly o: BulkWriterOptions) {
    this.tails = o.deps.tails ?? new SessionTails();
  }

  /** Starts analysing `items` in the pool; their context continues from the chunks launched before. */
  async launch(items: ChunkItem[]): Promise<LaunchedChunk> {
    const { deps, companyId } = this.o;
    const bySession = new Map<string, { group: SessionGroup; items: ChunkItem[] }>();
    for (const it of items) {
      const e = it.event;
      if (e?.type !== 'message') continue;
      let g = bySession.get(e.sessionId);
      if (!g) bySession.set(e.sessionId, (g = { group: { key: SessionTails.key(companyId, e.sessionId), seed: [], messages: [] }, items: [] }));
      g.group.messages.push({ role: e.role, content: e.content, documents: e.documents });
      g.items.push(it);
    }
    const ids = [...bySession.keys()];
    const seeds = new Map<string, SessionTail>();
    const missing: string[] = [];
    for (const id of ids) {
      const known = this.inflight.get(id) ?? this.tails.get(companyId, id);
      if (known) seeds.set(id, known);
      else missing.push(id);
    }
    if (missing.length) {
      const stored = await readTails(deps.db, companyId, missing);
      for (const id of missing) seeds.set(id, stored.get(id) ?? { count: 0, turns: [] });
    }
    const next = new Map<string, SessionTail>();
    for (const id of ids) {
      const g = bySession.get(id)!;
      const seed = seeds.get(id)!;
      g.group.seed = seed.turns;
      const turns: Turn[] = [...seed.turns, ...g.group.messages.map((m) => ({ role: m.role, content: m.content }))];
      next.set(id, { count: seed.count + g.group.messages.length, turns: turns.slice(-HISTORY_TURNS) });
    }
    this.inflight = next;
    const analysis = ids.length === 0
      ? Promise.resolve()
      : this.o.analyzer.analyze(ids.map((id) => bySession.get(id)!.group)).then(
          (findings) => ids.forEach((id, gi) => bySession.get(id)!.items.forEach((it, p) => (it.findings = findings[gi][p]))),
          (err) => {
            // A pool failure must not lose the chunk: turns without findings are analysed when stored.
            this.o.log?.error({ err }, 'bulk analysis failed; analysing this chunk inline');
            for (const it of items) it.findings = undefined;
          },
        );
    return { input: { scope: this.o.scope, items, seeds }, expected: next, analysis };
  }

  /**
   * Starts analysing one chunk (an ingest request) in parts of about `partTurns` turns, each
   * continuing from the parts before: the chunk is then stored in one transaction that takes each
   * part's findings as they arrive (ingest.chunk.ts), so the pool analyses part k+1 while part k
   * is written. Every part's stored tails are read before the transaction opens.
   */
  async launchParts(items: ChunkItem[], partTurns: number): Promise<ChunkInput> {
    const seeds = new Map<string, SessionTail>();
    const starts = partStarts(items, partTurns);
    const parts: ChunkPart[] = [];
    // Nothing of the chunk is stored before its last part is launched: each part continues from
    // every part before it, not only the last one (which is all `launch` keeps between chunks).
    const expected = new Map(this.inflight);
    // The stored tails the parts continue from, in one read rather than one per part.
    const unknown = new Set<string>();
    for (const it of items) {
      const id = it.event?.type === 'message' ? it.event.sessionId : undefined;
      if (id !== undefined && !expected.has(id) && !this.tails.get(this.o.companyId, id)) unknown.add(id);
    }
    if (unknown.size) {
      const stored = await readTails(this.o.deps.db, this.o.companyId, [...unknown]);
      for (const id of unknown) expected.set(id, stored.get(id) ?? { count: 0, turns: [] });
    }
    this.inflight = expected;
    for (const [k, from] of starts.entries()) {
      const launched = await this.launch(items.slice(from, starts[k + 1] ?? items.length));
      // A session's seed is what was stored before the chunk: the first part it appears in read it.
      for (const [id, seed] of launched.input.seeds ?? []) if (!seeds.has(id)) seeds.set(id, seed);
      for (const [id, tail] of launched.expected) expected.set(id, tail);
      this.inflight = expected;
      parts.push({ from, analysed: launched.analysis });
    }
    return { scope: this.o.scope, items, seeds, parts };
  }

  /** Stores a launched chunk once analysed; `inTransaction` runs in its transaction (the caller's progress). */
  async store(chunk: LaunchedChunk, inTransaction?: (trx: Executor, outcome: ChunkOutcome) => Promise<void>): Promise<ChunkOutcome> {
    await chunk.analysis;
    const { deps, companyId, options } = this.o;
    const outcome = await storeChunk(deps, companyId, options, chunk.input, inTransaction, this.tails);
    for (const [id, expected] of chunk.expected) {
      // A chunk launched since was analysed from what this one was expected to leave; if it left
      // something else (a rejected turn, a handoff), storing that chunk analyses those turns
      // again, and the next launch reads the session from the cache, which holds the truth.
      if (outcome.tails.get(id)?.count !== expected.count) this.inflight.delete(id);
    }
    return outcome;
  }
}

/**
 * Where each part starts: parts of `partTurns` messages, except the first and the last, which are
 * an eighth of that: the writes start while the pool is still on the rest (the first part's
 * analysis is the one nothing overlaps), and the pool is idle only while the last, small part is
 * written with the chunk's sessions and rollups and the chunk commits.
 */
export function partStarts(items: readonly ChunkItem[], partTurns: number): number[] {
  const messages: number[] = [];
  items.forEach((it, i) => {
    if (it.event?.type === 'message') messages.push(i);
  });
  const edge = Math.max(1, Math.round(partTurns / 8));
  const sizes: number[] = [];
  let left = messages.length;
  for (let size = edge; left > 0; size = partTurns) {
    // Near the end, a part takes all but the last edge's turns (all of them if that is little).
    if (sizes.length > 0 && left - partTurns < 2 * edge) size = left <= 2 * edge ? left : left - edge;
    size = Math.min(size, left);
    sizes.push(size);
    left -= size;
  }
  const starts = [0];
  let at = 0;
  for (const size of sizes.slice(0, -1)) starts.push(messages[(at += size)]);
  return starts;
}

/** Stored tails of sessions, read outside any transaction (a chunk about to be analysed). */
export async function readTails(db: Executor, companyId: number, ids: string[]): Promise<Map<string, SessionTail>> {
  const out = new Map<string, SessionTail>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const [id, t] of await sessionTails(db, companyId, ids.slice(i, i + 500), HISTORY_TURNS)) out.set(id, t);
  }
  return out;
}
