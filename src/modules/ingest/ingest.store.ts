/**
 * One chunk, one transaction: stores it (ingest.chunk.ts) with the caller's own writes, retries
 * it when a concurrent transaction got in its way, then keeps the sessions' new tails and runs
 * what waits for the commit (the LLM judge).
 */
import type { CompanyPolicy } from '../../analysis/policy.js';
import type { Executor } from '../../db/database.js';
import type { IngestDeps, IngestOptions } from './ingest.js';
import { ChunkConflict, type ChunkInput, type ChunkOutcome, writeChunk } from './ingest.chunk.js';
import type { WriteContext } from './ingest.pipeline.js';
import type { SessionTails } from './ingest.tails.js';
import { DEFAULT_PRICE_BOOK, type PriceBook } from '../usage/prices.js';
import { companyPriceBook } from '../usage/usage.service.js';
import { companyPolicy as policyOf } from '../companies/companies.policy.js';

/** A chunk is retried this many times at most when concurrent writers get in its way. */
const MAX_ATTEMPTS = 5;

/**
 * Deadlocks and serialization failures, a unique key taken by a concurrent transaction between
 * this chunk's read and its write (PostgreSQL), a placeholder that vanished: nothing of the chunk
 * was kept and every event in it is idempotent, so running it again is safe.
 */
function retryable(err: unknown): boolean {
  if (err instanceof ChunkConflict) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || code === '23505';
}

/** The company's policy (cached a second, forgotten at once when changed here: companies.policy.ts). */
export function companyPolicy(deps: IngestDeps, companyId: number): Promise<CompanyPolicy> {
  return policyOf(deps.db, companyId);
}

/**
 * The prices a chunk's answers are costed with: the company's, read only when some message of
 * the chunk reports tokens (one short statement; traffic without usage pays nothing), so a price
 * an admin sets applies from the next answer on.
 */
async function pricesFor(deps: IngestDeps, companyId: number, input: ChunkInput): Promise<PriceBook> {
  const priced = input.items.some((it) => it.event?.type === 'message' && (it.event.inputTokens != null || it.event.outputTokens != null));
  return priced ? companyPriceBook(deps.db, companyId) : DEFAULT_PRICE_BOOK;
}

export async function storeChunk(
  deps: IngestDeps,
  companyId: number,
  options: IngestOptions,
  input: ChunkInput,
  inTransaction?: (trx: Executor, outcome: ChunkOutcome) => Promise<void>,
  tails: SessionTails | undefined = deps.tails,
  policy?: CompanyPolicy,
): Promise<ChunkOutcome> {
  const ctx: WriteContext = { deps, companyId, policy: policy ?? (await companyPolicy(deps, companyId)), options, prices: await pricesFor(deps, companyId, input) };
  for (let attempt = 1; ; attempt++) {
    let outcome: ChunkOutcome;
    try {
      outcome = await deps.db.transaction().execute(async (trx) => {
        const o = await writeChunk(trx, ctx, input);
        if (deps.alerts) await deps.alerts(trx, companyId, options, o.stored, (fn) => o.afters.push(fn));
        if (inTransaction) await inTransaction(trx, o);
        return o;
      });
    } catch (err) {
      if (attempt < MAX_ATTEMPTS && retryable(err)) continue;
      throw err;
    }
    if (tails) {
      for (const id of outcome.touched) {
        const t = outcome.tails.get(id);
        if (t) tails.set(companyId, id, t);
        else tails.delete(companyId, id);
      }
    }
    for (const after of outcome.afters) after();
    return outcome;
  }
}
