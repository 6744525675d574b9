import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../src/modules/auth/auth.service.js';
import { type TestServer, client, newTenant, startTestServer, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

describe.each(DIALECTS)('dashboard sign-in on $name', (dialect) => {
  const ctx = useTestServer(dialect);
  /** The same app behind a reverse proxy on loopback, whose X-Forwarded-* headers it believes. */
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startTestServer(ctx.database, undefined, { CHATLENS_TRUSTED_PROXIES: '127.0.0.1,::1' });
  });
  afterAll(async () => {
    await proxied?.close();
  });

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    client(ctx.url).post('/api/auth/login', { email, password }, headers);
  /** Signs in through the proxy as a browser at `address`. */
  const loginFrom = (address: string, email: string, password: string, headers: Record<string, string> = {}) =>
    client(proxied.url).post('/api/auth/login', { email, password }, { 'x-forwarded-for': address, ...headers });
  const newAccount = async (name: string) => {
    const t = await newTenant(ctx.db);
    const email = `${name}-${t.companyId}@acme.test`;
    const account = await createAccount(ctx.db, { companyId: t.companyId, email, role: 'analyst', password: 'right password' });
    return { tenant: t, email, account };
  };

  it('sets an httpOnly SameSite cookie, requires the CSRF token on writes, and signs out', async () => {
    const t = await newTenant(ctx.db);
    const email = `admin-${t.companyId}@acme.test`;
    await createAccount(ctx.db, { companyId: t.companyId, email, role: 'admin', password: 'correct horse' });
    const res = await login(email, 'correct horse');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'account', role: 'admin', companyId: t.companyId, email });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/chatlens_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0];

    const web = client(ctx.url);
    expect((await web.get('/api/trends?days=7', { cookie })).status).toBe(200);
    const noToken = await client(ctx.url).post('/api/keys', { role: 'analyst' }, { cookie });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error.message).toMatch(/x-csrf-token/);
    const withToken = await client(ctx.url).post('/api/keys', { role: 'analyst' }, { cookie, 'x-csrf-token': res.body.csrfToken });
    expect(withToken.status).toBe(201);

    // Signing out is a write too: another site cannot sign people out with their cookie.
    const forged = await client(ctx.url).post('/api/auth/logout', undefined, { cookie });
    expect(forged.status).toBe(403);
    expect(forged.body.error.message).toMatch(/x-csrf-token/);
    expect((await client(ctx.url).post('/api/auth/logout', undefined, { cookie, 'x-csrf-token': 'not-the-token' })).status).toBe(403);
    expect((await web.get('/api/trends?days=7', { cookie })).status).toBe(200);
    expect((await client(ctx.url).post('/api/auth/logout', undefined, { cookie, 'x-csrf-token': res.body.csrfToken })).status).toBe(204);
    expect((await web.get('/api/trends?days=7', { cookie })).status).toBe(401);
    // Signing out of a session that is already gone is not an error.
    expect((await client(ctx.url).post('/api/auth/logout', undefined, { cookie })).status).toBe(204);
  });

  it("does not tell a company admin that an email has an account in another company; each account signs in to its own company", async () => {
    const a = await newTenant(ctx.db);
    const b = await newTenant(ctx.db);
    const email = `shared-${a.companyId}@acme.test`;
    const inA = await client(ctx.url, a.admin).post('/api/accounts', { email, role: 'analyst', password: 'password of a' });
    expect(inA.status).toBe(201);
    // Company B adds the same address: created like any other, nothing hints at company A.
    const inB = await client(ctx.url, b.admin).post('/api/accounts', { email: email.toUpperCase(), role: 'admin', password: 'password of b' });
    expect(inB.status).toBe(201);
    expect(inB.body).toMatchObject({ companyId: b.companyId, email, role: 'admin' });
    // Within one company the address is taken, and the answer says so about that company only.
    const again = await client(ctx.url, b.admin).post('/api/accounts', { email, role: 'analyst', password: 'another one' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`${email} is already a member of this company`);
    // Each password opens its own company's account.
    expect((await login(email, 'password of a')).body).toMatchObject({ companyId: a.companyId, role: 'analyst' });
    expect((await login(email, 'password of b')).body).toMatchObject({ companyId: b.companyId, role: 'admin' });
    expect((await login(email, 'password of c')).status).toBe(401);
  });

  it('signs in to the company asked for when one email and password open several', async () => {
    const a = await newTenant(ctx.db);
    const b = await newTenant(ctx.db);
    const email = `twice-${a.companyId}@acme.test`;
    await createAccount(ctx.db, { companyId: a.companyId, email, role: 'analyst', password: 'same password' });
    await createAccount(ctx.db, { companyId: b.companyId, email, role: 'admin', password: 'same password' });
    expect((await login(email, 'same password')).body.companyId).toBe(a.companyId);
    const chosen = await client(ctx.url).post('/api/auth/login', { email, password: 'same password', companyId: b.companyId });
    expect(chosen.body).toMatchObject({ companyId: b.companyId, role: 'admin' });
  });

  it('refuses wrong passwords and deactivated accounts alike, then throttles guessing', async () => {
    const t = await newTenant(ctx.db);
    const email = `ana-${t.companyId}@acme.test`;
    const account = await createAccount(ctx.db, { companyId: t.companyId, email, role: 'analyst', password: 'right password' });
    const wrong = await login(email, 'wrong password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('Email or password is incorrect');
    expect((await login('nobody@acme.test', 'whatever!')).body.error.message).toBe('Email or password is incorrect');

    const admin = client(ctx.url, t.admin);
    expect((await admin.patch(`/api/accounts/${account.id}`, { active: false })).body.active).toBe(false);
    expect((await login(email, 'right password')).status).toBe(401);
    await admin.patch(`/api/accounts/${account.id}`, { active: true });

    for (let i = 0; i < 8; i++) expect((await login(email, `guess ${i}`)).status).toBe(401);
    const throttled = await login(email, 'right password');
    expect(throttled.status).toBe(429);
    expect(throttled.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/too many failed sign-ins/) });
  }, 60_000);

  it('evaluates at most 10 of 40 parallel guesses and refuses the right password inside the burst', async () => {
    const { email } = await newAccount('burst');
    const guesses = Array.from({ length: 39 }, (_, i) => login(email, `guess ${i}`));
    // The right password arrives while the burst is being checked (the first answer is back).
    await Promise.race(guesses);
    const right = await login(email, 'right password');
    const answers = await Promise.all(guesses);
    const evaluated = answers.filter((r) => r.status === 401).length;
    expect(evaluated).toBe(10);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(29);
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('TOO_MANY_REQUESTS');
  }, 60_000);

  it("counts guesses per address: a stranger's 11th wrong guess gets 429 while the owner signs in elsewhere", async () => {
    const { email } = await newAccount('owner');
    const owner = '203.0.113.10';
    const stranger = '198.51.100.77';
    for (let i = 0; i < 10; i++) expect((await loginFrom(stranger, email, `guess ${i}`)).status).toBe(401);
    expect((await loginFrom(stranger, email, `guess 10`)).status).toBe(429);
    expect((await loginFrom(stranger, email, 'right password')).status).toBe(429);
    // Same email, another place: the owner is not locked out.
    expect((await loginFrom(owner, email, 'right password')).status).toBe(200);
    // (The per-address and per-email ceilings are counted in login-throttle.test.ts.)
  }, 60_000);

  it('ignores X-Forwarded-For from a client that is not a trusted proxy', async () => {
    const { email } = await newAccount('spoof');
    // Without CHATLENS_TRUSTED_PROXIES a new forged address per guess changes nothing.
    for (let i = 0; i < 10; i++) expect((await login(email, `guess ${i}`, { 'x-forwarded-for': `10.0.0.${i}` })).status).toBe(401);
    expect((await login(email, 'right password', { 'x-forwarded-for': '10.0.1.1' })).status).toBe(429);
  }, 60_000);

  it('marks the cookie Secure unless the request came over plain HTTP from loopback (CHATLENS_COOKIE_SECURE=auto)', async () => {
    const { email } = await newAccount('cookie');
    const secure = (res: { headers: Headers }) => /;\s*Secure/i.test(res.headers.get('set-cookie') ?? '');
    // A browser on this machine over http: not Secure, or the trial on http://127.0.0.1 could not sign in.
    const local = await login(email, 'right password');
    expect(local.status).toBe(200);
    expect(secure(local)).toBe(false);
    // A client cannot claim https for itself...
    expect(secure(await login(email, 'right password', { 'x-forwarded-proto': 'https' }))).toBe(false);
    // ...but a trusted proxy terminating TLS can.
    expect(secure(await loginFrom('127.0.0.1', email, 'right password', { 'x-forwarded-proto': 'https' }))).toBe(true);
    // A visitor from the network through the proxy gets a Secure cookie even over plain http.
    expect(secure(await loginFrom('203.0.113.20', email, 'right password', { 'x-forwarded-proto': 'http' }))).toBe(true);
    const signedIn = await loginFrom('203.0.113.20', email, 'right password');
    expect(secure(signedIn)).toBe(true);
    // Signing out clears the cookie with the same attributes.
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
    const out = await client(proxied.url).post('/api/auth/logout', undefined, { cookie, 'x-forwarded-for': '203.0.113.20', 'x-csrf-token': signedIn.body.csrfToken });
    expect(out.status).toBe(204);
    expect(secure(out)).toBe(true);
  }, 60_000);
});

describe('CHATLENS_COOKIE_SECURE=true/false on sqlite', () => {
  it('forces the Secure flag on or off whatever the request', async () => {
    const database = await DIALECTS[0].open();
    const on = await startTestServer(database, undefined, { CHATLENS_COOKIE_SECURE: 'true' });
    const off = await startTestServer(database, undefined, { CHATLENS_COOKIE_SECURE: 'false', CHATLENS_TRUSTED_PROXIES: 'loopback' });
    try {
      const t = await newTenant(database.db);
      const email = `forced-${t.companyId}@acme.test`;
      await createAccount(database.db, { companyId: t.companyId, email, role: 'analyst', password: 'right password' });
      const onRes = await client(on.url).post('/api/auth/login', { email, password: 'right password' });
      expect(onRes.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
      const offRes = await client(off.url).post('/api/auth/login', { email, password: 'right password' }, { 'x-forwarded-for': '203.0.113.1', 'x-forwarded-proto': 'https' });
      expect(offRes.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    } finally {
      await on.close();
      await off.close();
      await database.destroy();
    }
  });
});
