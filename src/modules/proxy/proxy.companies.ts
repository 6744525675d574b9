/**
 * What every proxied request needs to know of its company — where its upstream is (with the key
 * unsealed), its model allow-list and its guardrail mode — kept in memory instead of read per
 * request (a statement and an unseal on every call before this). An admin's change through this
 * server (PUT/DELETE /api/proxy/settings) applies from the next request: the route that makes it
 * calls `forget`. A change made through another server process sharing the database applies
 * within `TTL_MS`, as a company's own rate limit does. The policy comes from the one cache every
 * write path shares (companies.policy.ts), so live turns and proxied ones see a change together.
 */
import type { CompanyPolicy } from '../../analysis/policy.js';
import type { Config } from '../../config.js';
import type { IngestDeps } from '../ingest/ingest.js';
import { companyPolicy } from '../ingest/ingest.store.js';
import { type ResolvedProxy, resolveProxy } from './proxy.settings.js';

/** How long another process's change may go unseen here. */
export const TTL_MS = 5_000;

export interface ProxyCompany {
  settings: ResolvedProxy;
  policy: CompanyPolicy;
}

interface Entry {
  value: Promise<ResolvedProxy>;
  until: number;
}

export class ProxyCompanies {
  private readonly entries = new Map<number, Entry>();

  constructor(
    private readonly ingest: IngestDeps,
    private readonly config: Readonly<Config>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The company's proxy settings and policy. */
  async get(companyId: number): Promise<ProxyCompany> {
    const [settings, policy] = await Promise.all([this.settings(companyId), companyPolicy(this.ingest, companyId)]);
    return { settings, policy };
  }

  /** The company's settings changed: its next request reads them again. */
  forget(companyId: number): void {
    this.entries.delete(companyId);
  }

  /** The company's proxy settings; one read for all the requests that need them at once. */
  private settings(companyId: number): Promise<ResolvedProxy> {
    const known = this.entries.get(companyId);
    if (known && known.until > this.now()) return known.value;
    // Requests arriving while it is read share the read; `forget` meanwhile drops it from the map,
    // so what it returns serves only the requests that began before the change.
    const entry: Entry = { value: resolveProxy(this.ingest.db, this.config, companyId), until: Number.POSITIVE_INFINITY };
    this.entries.set(companyId, entry);
    entry.value.then(
      () => {
        entry.until = this.now() + TTL_MS;
      },
      () => {
        // A failed read (the database away, a key that cannot be unsealed) is never kept.
        if (this.entries.get(companyId) === entry) this.entries.delete(companyId);
      },
    );
    return entry.value;
  }
}
