/**
 * A client generated from the live `/openapi.json` by a common generator, as a user would make one:
 * `openapi-typescript <url> -o schema.d.ts` for the types and `openapi-fetch` for the calls. The
 * generated client type-checks strictly (with `@ts-expect-error` lines that only hold if the
 * document's required parameters and enums are right), is compiled, and makes real calls against
 * the server.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Tenant, newTenant, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
// Inside the checkout (test-artifacts/ is ignored by git), so `openapi-fetch` resolves from node_modules.
const dir = path.resolve('test-artifacts', `openapi-client-${randomBytes(4).toString('hex')}`);

const USE_TS = `
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

type ErrorCode = components['schemas']['ErrorEnvelope']['error']['code'];

const [baseUrl, key] = process.argv.slice(2);
const api = createClient<paths>({ baseUrl, headers: { authorization: \`Bearer \${key}\` } });

const turn = await api.POST('/api/sessions/{id}/messages', {
  params: { path: { id: 'generated-1' } },
  body: { messageId: 'generated-m1', role: 'user', content: 'Hello from a generated client' },
});
if (!turn.data) throw new Error(\`recordLiveTurn failed: \${JSON.stringify(turn.error)}\`);
const messages: number = turn.data.session.messageCount;

// Defaults need not be given (days, limit); start_date must be.
const trends = await api.GET('/api/trends');
const monitor = await api.GET('/api/monitor/sessions', { params: { query: { limit: 5 } } });
const report = await api.GET('/api/v2/reporting/chat-sessions/', { params: { query: { start_date: new Date().toISOString().slice(0, 10) } } });
if (false as boolean) {
  // @ts-expect-error: start_date is required
  await api.GET('/api/v2/reporting/tools/', { params: { query: {} } });
  // @ts-expect-error: roles are an enum
  await api.POST('/api/sessions/{id}/messages', { params: { path: { id: 'x' } }, body: { messageId: 'x', role: 'robot', content: 'x' } });
}
const missing = await api.GET('/api/sessions/{id}', { params: { path: { id: 'no-such-session' } } });
const code: ErrorCode | undefined = missing.error?.error.code;

console.log(JSON.stringify({
  messages,
  days: trends.data?.dailyData.length,
  sessions: monitor.data?.sessions.map((s) => s.id),
  queries: report.data?.reporting[0].dates[0].chats.user_queries_count,
  agentLegend: Object.keys(report.data?.metadata_agent ?? {}).length,
  missing: { status: missing.response.status, code },
}));
`;

describe('a client generated from /openapi.json (openapi-typescript + openapi-fetch)', () => {
  const ctx = useTestServer(DIALECTS[0]);
  let t: Tenant;
  beforeAll(async () => {
    t = await newTenant(ctx.db);
    fs.mkdirSync(dir, { recursive: true });
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates, type-checks, compiles and calls the real server', async () => {
    const cli = path.join(path.dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
    await run(process.execPath, [cli, `${ctx.url}/openapi.json`, '-o', path.join(dir, 'schema.d.ts')]);
    const schema = fs.readFileSync(path.join(dir, 'schema.d.ts'), 'utf8');
    expect(schema).toMatch(/getChatSessionsReport: \{/);
    expect(schema).toMatch(/ErrorEnvelope: \{/);

    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    fs.writeFileSync(path.join(dir, 'use.ts'), USE_TS);
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, types: ['node'], outDir: 'out' },
        files: ['use.ts', 'schema.d.ts'],
      }),
    );
    const tsc = require.resolve('typescript/bin/tsc');
    try {
      await run(process.execPath, [tsc, '-p', dir]);
    } catch (err) {
      throw new Error(`the generated client does not type-check:\n${(err as { stdout: string }).stdout}`);
    }
    const { stdout } = await run(process.execPath, [path.join(dir, 'out', 'use.js'), ctx.url, t.admin]);
    expect(JSON.parse(stdout)).toEqual({
      messages: 1,
      days: 30,
      sessions: ['generated-1'],
      queries: 1,
      agentLegend: 7,
      missing: { status: 404, code: 'NOT_FOUND' },
    });
  }, 120_000);
});
