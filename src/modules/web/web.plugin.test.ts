import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webPlugin } from './web.plugin.js';

describe('web plugin', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Chatlens</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>');
    app = Fastify();
    const routes: { url: string; auth?: string }[] = [];
    app.addHook('onRoute', (r) => void routes.push({ url: r.url, auth: r.config?.auth }));
    app.get('/api/real', { config: { auth: 'public' } }, async () => ({ ok: true }));
    app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${req.url}` } }));
    await app.register(webPlugin, { root: dir });
    await app.ready();
    // Every route the plugin adds is public by declaration (the auth plugin refuses undeclared ones).
    expect(routes.filter((r) => r.url !== '/api/real').every((r) => r.auth === 'public')).toBe(true);
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const html = { accept: 'text/html,application/xhtml+xml' };

  it('serves index.html at / and for client-side routes that ask for HTML', async () => {
    for (const url of ['/', '/monitor', '/sessions/demo-1-0-2', '/trends/findings?subtype=PROFANITY']) {
      const res = await app.inject({ url, headers: html });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<title>Chatlens</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('serves built files, hashed assets as immutable', async () => {
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('leaves the API alone: unknown /api paths and non-HTML requests get the JSON 404', async () => {
    expect((await app.inject({ url: '/api/real' })).json()).toEqual({ ok: true });
    for (const [url, headers] of [
      ['/api/nope', html],
      ['/api/nope', {}],
      ['/missing.js', {}],
      ['/assets/missing.js', { accept: '*/*' }],
    ] as const) {
      const res = await app.inject({ url, headers });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('never serves files outside the build', async () => {
    for (const url of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
      const res = await app.inject({ url, headers: { accept: '*/*' } });
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('only logs a hint when the dashboard is not built', async () => {
    const bare = Fastify();
    await bare.register(webPlugin, { root: path.join(dir, 'nowhere') });
    const res = await bare.inject({ url: '/', headers: html });
    expect(res.statusCode).toBe(404);
    await bare.close();
  });
});
