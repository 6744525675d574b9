import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('makes the session cookie Secure per request by default', () => {
    expect(loadConfig({}).cookieSecure).toBe('auto');
    expect(loadConfig({ CHATLENS_COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
    expect(loadConfig({ CHATLENS_COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
    expect(() => loadConfig({ CHATLENS_COOKIE_SECURE: 'yes' })).toThrow(/CHATLENS_COOKIE_SECURE must be one of true, false, auto/);
  });

  it('believes no proxy unless told, and checks each trusted proxy entry', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ CHATLENS_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.4,::1,loopback' }).trustedProxies).toEqual(['10.0.0.0/8', '192.168.1.4', '::1', 'loopback']);
    for (const bad of ['10.0.0.0/33', 'proxy.local', '10.0.0.1/8/1', '*']) {
      expect(() => loadConfig({ CHATLENS_TRUSTED_PROXIES: bad })).toThrow(/CHATLENS_TRUSTED_PROXIES must be a comma-separated list/);
    }
  });

  it('bounds every wait on PostgreSQL by default', () => {
    expect(loadConfig({}).database).toEqual({ connectTimeoutMs: 5000, statementTimeoutMs: 5000, idleInTransactionTimeoutMs: 10000 });
    expect(loadConfig({ CHATLENS_DB_STATEMENT_TIMEOUT_MS: '30000' }).database.statementTimeoutMs).toBe(30000);
    expect(() => loadConfig({ CHATLENS_DB_CONNECT_TIMEOUT_MS: '0' })).toThrow(/CHATLENS_DB_CONNECT_TIMEOUT_MS must be an integer from 100/);
  });
});
