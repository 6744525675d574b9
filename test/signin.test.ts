import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/modules/auth/auth.service.js';
import { type TestServer, client, newTenant, startTestServer } from './helpers/app.js';
import { DIALECTS, type TestDatabase } from './helpers/db.js';

describe.each(DIALECTS)('dashboard sign-in on $name', (dialect) => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await dialect.open();
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.destroy();
  });

  const login = (email: string, password: string) => client(server.url).post('/api/auth/login', { email, password });

  it('sets an httpOnly SameSite cookie, requires the CSRF token on writes, and signs out', async () => {
    const t = await newTenant(database.db);
    const email = `admin-${t.companyId}@acme.test`;
    await createAccount(database.db, { companyId: t.companyId, email, role: 'admin', password: 'correct horse' });
    const res = await login(email, 'correct horse');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'account', role: 'admin', companyId: t.companyId, email });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/chatlens_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0];

    const web = client(server.url);
    expect((await web.get('/api/trends?days=7', { cookie })).status).toBe(200);
    const noToken = await client(server.url).post('/api/keys', { role: 'analyst' }, { cookie });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.message).toMatch(/x-csrf-token/);
    const withToken = await client(server.url).post('/api/keys', { role: 'analyst' }, { cookie, 'x-csrf-token': res.body.csrfToken });
    expect(withToken.status).toBe(201);

    expect((await client(server.url).post('/api/auth/logout', undefined, { cookie })).status).toBe(204);
    expect((await web.get('/api/trends?days=7', { cookie })).status).toBe(401);
  });

  it('refuses wrong passwords and deactivated accounts alike, then throttles guessing', async () => {
    const t = await newTenant(database.db);
    const email = `ana-${t.companyId}@acme.test`;
    const account = await createAccount(database.db, { companyId: t.companyId, email, role: 'analyst', password: 'right password' });
    const wrong = await login(email, 'wrong password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('Email or password is incorrect');
    expect((await login('nobody@acme.test', 'whatever!')).body.error.message).toBe('Email or password is incorrect');

    const admin = client(server.url, t.admin);
    expect((await admin.patch(`/api/accounts/${account.id}`, { active: false })).body.active).toBe(false);
    expect((await login(email, 'right password')).status).toBe(401);
    await admin.patch(`/api/accounts/${account.id}`, { active: true });

    for (let i = 0; i < 8; i++) expect((await login(email, `guess ${i}`)).status).toBe(401);
    const throttled = await login(email, 'right password');
    expect(throttled.status).toBe(429);
    expect(throttled.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/too many failed sign-ins/) });
  }, 60_000);
});
