/**
 * One chunk, one transaction: stores it (ingest.chunk.ts) with the caller's own writes, retries
 * it when a concurrent transaction got in its way, then keeps the sessions' new tails and runs
 * what waits for the commit (the LLM judge).
 */
import { type CompanyPolicy, resolvePolicy } from '../../analysis/policy.js';
import type { Executor } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { IngestDeps, IngestOptions } from './ingest.js';
import { ChunkConflict, type ChunkInput, type ChunkOutcome, writeChunk } from './ingest.chunk.js';
import type { WriteContext } from './ingest.pipeline.js';
import { companyPolicyText } from './ingest.repository.js';
import type { SessionTails } from './ingest.tails.js';
import { DEFAULT_PRICE_BOOK, type PriceBook } from '../usage/prices.js';
import { companyPriceBook } from '../usage/usage.service.js';

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

// Policies as parsed, by their stored text: a changed policy is a new text, so it applies at once.
const policies = new Map<string, CompanyPolicy>();

/** The company's policy, read on every chunk (one short statement) so a change applies to the next turn. */
export async function companyPolicy(deps: IngestDeps, companyId: number): Promise<CompanyPolicy> {
  const text = await companyPolicyText(deps.db, companyId);
  if (text === undefined) throw notFound(`company ${companyId} does not exist`);
  let policy = policies.get(text);
  if (!policy) {
    let raw: unknown = null;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = null;
    }
    policy = resolvePolicy(raw);
    if (policies.size >= 1000) policies.clear();
    policies.set(text, policy);
  }
  return policy;
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
