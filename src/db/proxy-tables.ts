/** The OpenAI-compatible proxy's tables (modules/proxy), apart from database.ts, which stays under the 400-line limit (test/architecture.test.ts). */

/** A company's upstream for the OpenAI-compatible proxy; absent: the server's default. */
export interface ProxyUpstreamsTable {
  company_id: number;
  /** null: the server's default upstream (CHATLENS_UPSTREAM_URL), with this row's models and guardrails. */
  base_url: string | null;
  /** JSON: string[], the model allow-list; empty: any model. */
  models: string;
  /** The upstream key sealed with AES-256-GCM (lib/sealed.ts); never stored in clear. */
  api_key_sealed: string | null;
  /** block | flag-only */
  guardrails: string;
  updated_at: string;
}

/** The session of a conversation re-sent through the proxy without a session id, by its opening. */
export interface ProxyThreadsTable {
  company_id: number;
  thread_key: string;
  session_id: string;
  created_at: string;
}
