/**
 * The README's "Connect your assistant" snippets work as written: each is taken from the README,
 * pointed at a test server instead of `npm start`'s address, run in its own process with the
 * shell lines the README gives, and what it sent is then read back through the API.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { client, newTenant, startTestServer, useTestServer } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { startOpenAiStub } from './helpers/openai-stub.js';

const run = promisify(execFile);
const README = fs.readFileSync('README.md', 'utf8');
const NPM_START_URL = 'http://127.0.0.1:8080';

function section(): string {
  const start = README.indexOf('\n## Connect your assistant');
  expect(start, 'README.md has a "## Connect your assistant" section').toBeGreaterThan(-1);
  return README.slice(start, README.indexOf('\n## ', start + 1));
}

/** The code block right after `<!-- snippet: name -->`. */
function snippet(name: string): string {
  const m = new RegExp(`<!-- snippet: ${name} -->\\n\`\`\`js\\n([\\s\\S]*?)\\n\`\`\``).exec(section());
  expect(m, `README snippet "${name}"`).not.toBeNull();
  return m![1];
}

/** The `export` lines of the section's shell blocks that set OpenTelemetry's variables. */
function otelExports(): string[] {
  const lines = [...section().matchAll(/```sh\n([\s\S]*?)\n```/g)].flatMap((m) => m[1].split('\n'));
  return lines.filter((l) => /^export OTEL_/.test(l));
}

/** Runs a snippet as a module of this checkout (so its imports resolve), after the shell lines. */
async function runSnippet(code: string, url: string, key: string, shell: string[] = []): Promise<string> {
  const file = path.resolve(`.readme-snippet-${randomBytes(4).toString('hex')}.mts`);
  fs.writeFileSync(file, code.replaceAll(NPM_START_URL, url));
  try {
    const script = [...shell.map((l) => l.replaceAll(NPM_START_URL, url)), `exec node_modules/.bin/tsx ${JSON.stringify(file)}`].join('\n');
    const { stdout } = await run('bash', ['-c', script], { env: { ...process.env, CHATLENS_API_KEY: key }, timeout: 60_000 });
    return stdout;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe.each(DIALECTS.slice(0, 1))('README "Connect your assistant" on $name', (dialect) => {
  const ctx = useTestServer(dialect);

  it('the OpenTelemetry snippet, with the README exporter variables, records its conversation', async () => {
    const t = await newTenant(ctx.db);
    const exports = otelExports();
    expect(exports.map((l) => l.split('=')[0])).toEqual(['export OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'export OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'export OTEL_EXPORTER_OTLP_HEADERS']);
    await runSnippet(snippet('otel'), ctx.url, t.ingest, exports);
    const res = await client(ctx.url, t.analyst).get('/api/sessions/otel-demo-1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'otlp', userId: 'u42' });
    expect(res.body.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ['user', 'What plans do you offer?'],
      ['assistant', 'We offer three plans.'],
    ]);
    expect(res.body.messages[1]).toMatchObject({ model: 'gpt-4o-mini', inputTokens: 12, outputTokens: 6 });
  });

  it('the proxy snippet, with a server started on an upstream as the README says, records its conversation', async () => {
    // The README starts the server with CHATLENS_UPSTREAM_URL; a local stub stands in for OpenAI.
    const stub = await startOpenAiStub();
    const proxied = await startTestServer(ctx.database, undefined, { CHATLENS_UPSTREAM_URL: `${stub.url}/v1`, CHATLENS_UPSTREAM_API_KEY: 'sk-readme' });
    try {
      const t = await newTenant(ctx.db);
      const out = await runSnippet(snippet('proxy'), proxied.url, t.ingest);
      expect(out.trim()).toBe('You said: What plans do you offer? stop');
      expect(stub.completions().at(-1)!.authorization).toBe('Bearer sk-readme');
      await proxied.app.proxyWrites.idle();
      const res = await client(proxied.url, t.analyst).get('/api/sessions/proxy-demo-1');
      expect(res.body).toMatchObject({ source: 'proxy', userId: 'u42' });
      expect(res.body.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
        ['user', 'What plans do you offer?'],
        ['assistant', 'You said: What plans do you offer?'],
      ]);
      expect(res.body.messages[1].model).toBe('gpt-4o-mini');
    } finally {
      await proxied.close();
      await stub.close();
    }
  });

  it('the SDK snippet records its turns', async () => {
    const t = await newTenant(ctx.db);
    // `chatlens/client` is this checkout's SDK; run from its source.
    const code = snippet('sdk').replace("'chatlens/client'", `'${pathToFileURL(path.resolve('src/client/index.ts')).href}'`);
    const out = await runSnippet(code, ctx.url, t.ingest);
    const sessionId = /recorded in session (\S+)/.exec(out)?.[1];
    expect(sessionId).toBeDefined();
    const res = await client(ctx.url, t.analyst).get(`/api/sessions/${sessionId}`);
    expect(res.body.messages.map((m: { content: string }) => m.content)).toEqual(['What plans do you offer?', 'We offer three plans.']);
    expect(res.body.userId).toBe('u42');
  });
});
