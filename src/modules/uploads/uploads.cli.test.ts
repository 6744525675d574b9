import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/db.js';
import { newTenant, useTestServer } from '../../../test/helpers/app.js';
import { markerEngine } from '../../../test/helpers/test-engine.js';
import { UploadError, summarize, uploadFile } from '../../cli/upload.js';
import { chatlensJsonl, startUploadServer } from '../../../test/helpers/uploads.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/chatlens.js');
const dialect = DIALECTS[0];

describe(`chatlens upload (${dialect.name})`, () => {
  const ctx = useTestServer(dialect, { start: (database) => startUploadServer(database, markerEngine, { maxBytes: 256 * 1024 }) });
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-cli-'));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('uploads with progress, waits for processing and summarises', async () => {
    const t = await newTenant(ctx.db);
    const file = path.join(dir, 'chats.jsonl.gz');
    fs.writeFileSync(file, zlib.gzipSync(`${chatlensJsonl(5, 4).trim()}\nnot json\n`));
    const sent: number[] = [];
    const progress: string[] = [];
    const r = await uploadFile({ file, url: ctx.url, key: t.ingest, pollMs: 20, onSent: (n) => sent.push(n), onProgress: (u) => progress.push(u.status) });
    expect(r.duplicate).toBe(false);
    expect(r.upload).toMatchObject({ status: 'done', format: 'chatlens-jsonl', turnsProcessed: 20, sessionsCreated: 5, errorCount: 1 });
    expect(sent.at(-1)).toBe(fs.statSync(file).size);
    expect(progress.at(-1)).toBe('done');
    const text = summarize(r);
    expect(text).toContain('Upload');
    expect(text).toContain('20 turns in 5 new sessions');
    expect(text).toContain('line 21: invalid JSON');

    const again = await uploadFile({ file, url: ctx.url, key: t.ingest, pollMs: 20 });
    expect(again.duplicate).toBe(true);
    expect(summarize(again)).toMatch(/already uploaded as upload \d+/);

    await expect(uploadFile({ file, url: ctx.url, key: t.analyst })).rejects.toThrow(/403/);
    const big = path.join(dir, 'big.jsonl');
    fs.writeFileSync(big, chatlensJsonl(400, 10));
    await expect(uploadFile({ file: big, url: ctx.url, key: t.ingest })).rejects.toBeInstanceOf(UploadError);
  });

  it('the command exits 0 on success and non-zero on a failed or refused upload', async () => {
    const t = await newTenant(ctx.db);
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, 'session_id,role,content\na,user,hello\na,assistant,hi there\n');
    const bad = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(bad, '{"sessionId":"a","role":"alien","content":"x"}\n');
    const prose = path.join(dir, 'prose.txt');
    fs.writeFileSync(prose, 'Nothing structured here.');
    const cli = (file: string) =>
      run(process.execPath, [BIN, 'upload', file, '--url', ctx.url, '--key', t.ingest], { timeout: 60_000 }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    const [ok, failed, refused] = await Promise.all([cli(good), cli(bad), cli(prose)]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/done/);
    expect(ok.stdout).toContain('2 turns in 1 new session,');
    expect(failed.code).not.toBe(0);
    expect(failed.stdout).toContain('failed');
    expect(failed.stderr).toMatch(/unknown role "alien"/);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/415.*could not recognise the format/);
  }, 60_000);
});
