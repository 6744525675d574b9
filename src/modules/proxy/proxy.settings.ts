/**
 * Each company's upstream for the proxy: its own (base URL, model allow-list, key) or the
 * server's default from CHATLENS_UPSTREAM_URL / CHATLENS_UPSTREAM_API_KEY. The company's key is
 * stored sealed under the server's secret (lib/sealed.ts) and leaves the server only towards the
 * upstream: no answer and no log line carries it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../db/database.js';
import { AppError, badRequest } from '../../errors.js';
import { isoNow } from '../../lib/time.js';
import { seal, sealingKey, unseal } from '../../lib/sealed.js';
import { randomToken } from '../auth/secrets.js';
import { GUARDRAIL_MODES, type GuardrailMode, type ProxySettings, type ProxySettingsBody } from './proxy.js';
import * as repo from './proxy.repository.js';
import type { Upstream } from './proxy.upstream.js';

const SECRET_FILE = 'secret-key';
const keys = new Map<string, Buffer>();

/**
 * The key upstream keys are sealed with: from CHATLENS_SECRET_KEY, else from `<data dir>/secret-key`
 * (created with mode 0600 the first time a key is stored). Several servers sharing one PostgreSQL
 * must share the secret: set CHATLENS_SECRET_KEY on each.
 */
function secretOf(config: Readonly<Config>, create: boolean): Buffer | null {
  if (config.secretKey) return sealingKey(config.secretKey);
  const file = path.join(config.dataDir, SECRET_FILE);
  const known = keys.get(file);
  if (known) return known;
  let secret: string | null = null;
  try {
    secret = fs.readFileSync(file, 'utf8').trim() || null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (!secret && create) {
    secret = randomToken(32);
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process wrote it first: theirs is the secret.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      secret = fs.readFileSync(file, 'utf8').trim();
    }
  }
  if (!secret) return null;
  const key = sealingKey(secret);
  keys.set(file, key);
  return key;
}

export interface ResolvedProxy {
  upstream: Upstream | null;
  models: string[];
  guardrails: GuardrailMode;
  source: 'company' | 'server' | 'none';
}

function parseModels(text: string): string[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((m): m is string => typeof m === 'string') : [];
  } catch {
    return [];
  }
}

function modeOf(text: string | undefined): GuardrailMode {
  return GUARDRAIL_MODES.includes(text as GuardrailMode) ? (text as GuardrailMode) : 'block';
}

/** Where this company's requests go, with which key, which models and which guardrail mode. */
export async function resolveProxy(db: Kysely<DB>, config: Readonly<Config>, companyId: number): Promise<ResolvedProxy> {
  const row = await repo.findUpstream(db, companyId);
  const models = row ? parseModels(row.models) : [];
  const guardrails = modeOf(row?.guardrails);
  const timeoutMs = config.upstream.timeoutMs;
  if (row?.base_url) {
    let apiKey: string | null = null;
    if (row.api_key_sealed) {
      const key = secretOf(config, false);
      try {
        if (!key) throw new Error('no secret');
        apiKey = unseal(row.api_key_sealed, key);
      } catch {
        // Sealed under another secret (CHATLENS_SECRET_KEY changed, the key file lost): say so, never guess.
        throw new AppError('INTERNAL', 'the stored upstream key cannot be unsealed with this server’s secret; an admin must set it again');
      }
    }
    return { upstream: { baseUrl: row.base_url, apiKey, timeoutMs }, models, guardrails, source: 'company' };
  }
  if (config.upstream.baseUrl) return { upstream: { baseUrl: config.upstream.baseUrl, apiKey: config.upstream.apiKey, timeoutMs }, models, guardrails, source: 'server' };
  return { upstream: null, models, guardrails, source: 'none' };
}

export async function getProxySettings(db: Kysely<DB>, config: Readonly<Config>, companyId: number): Promise<ProxySettings> {
  const row = await repo.findUpstream(db, companyId);
  const serverUrl = config.upstream.baseUrl;
  const effective: ProxySettings['effective'] = row?.base_url
    ? { upstream: 'company', baseUrl: row.base_url }
    : serverUrl
      ? { upstream: 'server', baseUrl: serverUrl }
      : { upstream: 'none', baseUrl: null };
  return {
    baseUrl: row?.base_url ?? null,
    models: row ? parseModels(row.models) : [],
    apiKeySet: Boolean(row?.api_key_sealed),
    guardrails: modeOf(row?.guardrails),
    effective,
  };
}

export async function setProxySettings(db: Kysely<DB>, config: Readonly<Config>, companyId: number, body: ProxySettingsBody): Promise<ProxySettings> {
  if (body.baseUrl !== null) {
    let url: URL;
    try {
      url = new URL(body.baseUrl);
    } catch {
      throw badRequest('baseUrl must be an http or https URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badRequest('baseUrl must be an http or https URL');
    if (url.username || url.password) throw badRequest('baseUrl must not carry credentials: send the key as apiKey, which is stored sealed');
  }
  const before = await repo.findUpstream(db, companyId);
  let sealed = before?.api_key_sealed ?? null;
  if (body.apiKey === null) sealed = null;
  else if (body.apiKey !== undefined) {
    if (/[\r\n\u0000]/.test(body.apiKey)) throw badRequest('apiKey must be one line of text');
    sealed = seal(body.apiKey, secretOf(config, true)!);
  }
  const models = [...new Set(body.models ?? [])];
  await repo.saveUpstream(db, companyId, { base_url: body.baseUrl, models: JSON.stringify(models), api_key_sealed: sealed, guardrails: body.guardrails ?? modeOf(before?.guardrails) }, isoNow());
  return getProxySettings(db, config, companyId);
}

/** Back to the server's default upstream, any model, `block`; the stored key is deleted. */
export async function resetProxySettings(db: Kysely<DB>, config: Readonly<Config>, companyId: number): Promise<ProxySettings> {
  await repo.deleteUpstream(db, companyId);
  return getProxySettings(db, config, companyId);
}
