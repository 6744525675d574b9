/**
 * `chatlens eval --judge` as a company runs it: the real CLI process, the judge reached through
 * the configured OpenAI-compatible endpoint (a local stub speaking chat completions), labelled
 * rows written for this test.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve('bin/chatlens.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-judge-eval-'));
const file = path.join(dir, 'labelled.jsonl');

// The judge stub finds condescension in any turn containing "sweetie" and nothing else.
const ROWS = [
  { id: 'c1', category: 'toxicity', subtype: 'CONDESCENSION', flagged: true, role: 'user', text: 'Okay sweetie, the form is on the first page.' },
  { id: 'c2', category: 'toxicity', subtype: 'CONDESCENSION', flagged: true, role: 'user', text: 'Sure, sweetie, whatever helps you sleep at night.' },
  { id: 'n1', category: 'toxicity', subtype: null, flagged: false, role: 'user', text: 'The form is on the first page.' },
  { id: 'p1', category: 'toxicity', subtype: 'PROFANITY', flagged: true, role: 'user', text: 'This is fucking ridiculous.' },
];

let server: http.Server;
let url = '';
let calls = 0;

beforeAll(async () => {
  fs.writeFileSync(file, ROWS.map((r) => JSON.stringify(r)).join('\n'));
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls++;
      const prompt = (JSON.parse(body) as { messages: { content: string }[] }).messages[1].content;
      const turn = prompt.slice(prompt.lastIndexOf('Turn to review'));
      const findings = /sweetie/.test(turn) ? [{ subtype: 'CONDESCENSION', score: 0.8, severity: 'low', explanation: 'talks down', quotes: [/[Ss]weetie/.exec(turn)![0]] }] : [];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: JSON.stringify({ findings }) } }] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('chatlens eval --judge', () => {
  it('sends every row to the judge and prints what it adds per subtype', async () => {
    const env = { ...process.env, LOG_LEVEL: 'silent', CHATLENS_JUDGE_URL: url, CHATLENS_JUDGE_MODEL: 'stub' };
    const { stdout } = await run(process.execPath, [BIN, 'eval', '--judge', '--json', file], { env });
    const out = JSON.parse(stdout) as Record<string, any>;
    expect(calls).toBe(ROWS.length);
    expect(out.judge.subtypes.CONDESCENSION).toMatchObject({ recall: 1, precision: 1, support: 2 });
    expect(out.combined.subtypes.CONDESCENSION.recall).toBeGreaterThanOrEqual(out.engine.subtypes.CONDESCENSION.recall);
    expect(out.combined.subtypes.PROFANITY.recall).toBe(out.engine.subtypes.PROFANITY.recall);
    const text = await run(process.execPath, [BIN, 'eval', '--judge', file], { env });
    expect(text.stdout).toMatch(/CONDESCENSION\s+.*\+\d+\.\d pt/);
    expect(text.stdout).toMatch(/recall added/);
  });

  it('says what to set when no judge is configured', async () => {
    const env = { ...process.env, LOG_LEVEL: 'silent', CHATLENS_JUDGE_URL: '', CHATLENS_JUDGE_MODEL: '' };
    const err = await run(process.execPath, [BIN, 'eval', '--judge', file], { env }).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).not.toBe(0);
    expect((err as { stderr: string }).stderr).toMatch(/CHATLENS_JUDGE_URL/);
  });
});
