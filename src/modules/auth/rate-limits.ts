/**
 * Request rates (issue 9 item 11), checked in the authentication hook:
 * - per client address, before anything else (`perAddress`);
 * - refused credentials per address (`authFailuresPerAddress`): once an address has used them up
 *   it gets 429 before any key is looked up, so a scan with forged keys costs no database reads;
 * - per API key or signed-in account (`perCredential`), with a company's own figure when a
 *   platform admin has set one.
 * Buckets live in this process's memory: behind several server processes each enforces its share.
 */
import type { Kysely } from 'kysely';
import type { RateLimits, RateSetting } from '../../config.js';
import type { DB } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { type Rate, TokenBuckets } from '../../lib/token-buckets.js';
import { findCompanyRateLimit } from '../companies/companies.repository.js';
import { effectiveRate } from '../companies/companies.service.js';
import type { Principal } from './auth.js';

/** A company's own limit is read at most this often (a change applies within this time). */
const COMPANY_CACHE_MS = 10_000;

export class RateLimited extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('TOO_MANY_REQUESTS', message);
  }
}

function refuse(what: string, rate: Rate, waitSeconds: number): never {
  const seconds = Math.max(1, Math.ceil(waitSeconds));
  throw new RateLimited(`rate limit exceeded: ${what} may send ${rate.perSecond} requests per second (bursts of ${rate.burst}); retry in ${seconds} s`, seconds);
}

export class RequestLimiter {
  private readonly addresses = new TokenBuckets<string>();
  private readonly failures = new TokenBuckets<string>();
  private readonly credentials = new TokenBuckets<string>();
  private readonly companies = new Map<number, { rate: RateSetting; until: number }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly limits: RateLimits,
  ) {}

  /** Before authentication: the address's own rate, and whether it has used up its refusals. */
  beforeAuth(address: string): void {
    const { perAddress, authFailuresPerAddress: failures } = this.limits;
    if (failures) {
      const wait = this.failures.peek(address, failures);
      if (wait > 0) refuse('an address whose credentials keep being refused', failures, wait);
    }
    if (perAddress) {
      const wait = this.addresses.take(address, perAddress);
      if (wait > 0) refuse('one client address', perAddress, wait);
    }
  }

  /** Credentials were refused (401): counts against the address. */
  refused(address: string): void {
    if (this.limits.authFailuresPerAddress) this.failures.take(address, this.limits.authFailuresPerAddress);
  }

  /** After authentication: the credential's rate, the company's own when it has one. */
  async afterAuth(principal: Principal): Promise<void> {
    const rate = await this.rateFor(principal.companyId);
    if (!rate) return;
    const key = principal.kind === 'key' ? `k${principal.keyId}` : `a${principal.accountId}`;
    const wait = this.credentials.take(key, rate);
    if (wait > 0) refuse(principal.kind === 'key' ? 'this API key' : 'this account', rate, wait);
  }

  /** The server's default per credential. */
  get defaultRate(): RateSetting {
    return this.limits.perCredential;
  }

  /** Forget a company's cached figure (it was just changed here). */
  companyChanged(companyId: number): void {
    this.companies.delete(companyId);
  }

  private async rateFor(companyId: number | null): Promise<RateSetting> {
    if (companyId === null) return this.limits.perCredential;
    const now = Date.now();
    const cached = this.companies.get(companyId);
    if (cached && cached.until > now) return cached.rate;
    const own = await findCompanyRateLimit(this.db, companyId);
    const rate = own ? effectiveRate(own, this.limits.perCredential) : this.limits.perCredential;
    this.companies.set(companyId, { rate, until: now + COMPANY_CACHE_MS });
    return rate;
  }
}
