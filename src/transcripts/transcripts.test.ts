import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { EventError, type MessageInput } from '../chat/events.js';
import { seededRandom } from '../lib/random.js';
import { canonicalShapedTime } from '../../test/helpers/times.js';
import { type FormatOption, TranscriptError, normalizeRecord, openRecords, readTimestamp, sniffFile } from './index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatlens-transcripts-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function read(content: string | Buffer, format: FormatOption = 'auto', opts: { gzip?: boolean; skip?: number; max?: number } = {}) {
  const file = path.join(dir, `f${n++}`);
  const raw = typeof content === 'string' ? Buffer.from(content) : content;
  fs.writeFileSync(file, opts.gzip ? zlib.gzipSync(raw) : raw);
  const detected = await sniffFile(file, format);
  const stream = openRecords(file, detected, opts.skip ?? 0, opts.max);
  const messages: (MessageInput & { line: number })[] = [];
  const errors: { line: number; reason: string }[] = [];
  const ctx = { sha16: 'abcdef0123456789', idPrefix: '', receivedAt: '2026-01-01T00:00:00.000Z', format: detected.format };
  let records = 0;
  for await (const rec of stream.records) {
    records++;
    if (rec.error) errors.push({ line: rec.line, reason: rec.error });
    else if (rec.value !== undefined) {
      try {
        const r = normalizeRecord(rec, ctx);
        for (const m of r.messages) messages.push({ ...m, line: rec.line });
        for (const e of r.errors) errors.push({ line: rec.line, reason: e });
      } catch (err) {
        if (!(err instanceof EventError)) throw err;
        errors.push({ line: rec.line, reason: err.message });
      }
    }
  }
  return { detected, messages, errors, records };
}

describe('format detection and parsing', () => {
  it('reads Chatlens JSONL with field-name variants and reports bad lines by number', async () => {
    const file = [
      JSON.stringify({ sessionId: 'a', role: 'user', content: 'hi', timestamp: '2026-03-01T10:00:00Z', userId: 'u1' }),
      '{not json',
      JSON.stringify({ session_id: 'a', from: 'assistant', text: 'hello', created_at: '2026-03-01 10:00:05', model: 'gpt-4o' }),
      '',
      JSON.stringify({ conversation_id: 'b', speaker: 'human', message: 'yo', time: 1767225600 }),
      JSON.stringify({ role: 'user', content: 'no session' }),
      JSON.stringify({ sessionId: 'b', role: 'wizard', content: 'x' }),
      JSON.stringify({ sessionId: 'b', author: 'gpt', value: 'answer', date: '2026-03-02' }),
    ].join('\r\n');
    const r = await read(file);
    expect(r.detected).toEqual({ format: 'chatlens-jsonl', layout: 'lines', gzip: false });
    expect(r.messages.map((m) => [m.sessionId, m.role, m.content, m.line])).toEqual([
      ['a', 'user', 'hi', 1],
      ['a', 'assistant', 'hello', 3],
      ['b', 'user', 'yo', 5],
      ['b', 'assistant', 'answer', 8],
    ]);
    expect(r.messages[1]).toMatchObject({ timestamp: '2026-03-01T10:00:05.000Z', model: 'gpt-4o' });
    expect(r.messages[2].timestamp).toBe('2026-01-01T00:00:00.000Z');
    expect(r.messages[3].timestamp).toBe('2026-03-02T00:00:00.000Z');
    expect(r.errors.map((e) => e.line)).toEqual([2, 6, 7]);
    expect(r.errors[0].reason).toMatch(/invalid JSON/);
    expect(r.errors[1].reason).toMatch(/no session id/);
    expect(r.errors[2].reason).toMatch(/unknown role "wizard"/);
  });

  it('gives messages without ids deterministic ids from the content hash and position', async () => {
    const file = `${JSON.stringify({ sessionId: 'a', role: 'user', content: 'hi' })}\n${JSON.stringify({ sessionId: 'a', role: 'assistant', content: 'yo', id: 'm-7' })}\n`;
    const a = await read(file);
    const b = await read(file);
    expect(a.messages.map((m) => m.messageId)).toEqual(['abcdef0123456789-0.0', 'a/m-7']);
    expect(b.messages.map((m) => m.messageId)).toEqual(a.messages.map((m) => m.messageId));
  });

  it('reads JSON: an array of sessions, {sessions:[...]}, {conversations:[...]}, with session-level user and time', async () => {
    const sessions = [
      { id: 's1', user_id: 'u9', created_at: '2026-02-01T08:00:00Z', messages: [{ role: 'user', content: 'q1' }, { role: 'assistant', content: [{ type: 'text', text: 'a1' }] }] },
      { session_id: 's2', messages: [{ role: 'user', content: 'q2', timestamp: '2026-02-02T08:00:00Z' }, { role: 'robot', content: 'x' }] },
    ];
    for (const doc of [JSON.stringify(sessions, null, 2), JSON.stringify({ meta: { v: 1 }, sessions }), JSON.stringify({ conversations: sessions }, null, 1)]) {
      const r = await read(doc);
      expect(r.detected.layout).toBe('document');
      expect(r.detected.format).toBe('json');
      expect(r.messages.map((m) => [m.sessionId, m.role, m.content, m.userId])).toEqual([
        ['s1', 'user', 'q1', 'u9'],
        ['s1', 'assistant', 'a1', 'u9'],
        ['s2', 'user', 'q2', null],
      ]);
      expect(r.messages[0].timestamp).toBe('2026-02-01T08:00:00.000Z');
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0].reason).toMatch(/message 2: unknown role/);
    }
    const pretty = await read(JSON.stringify(sessions, null, 2));
    expect(pretty.errors[0].line).toBeGreaterThan(10);
  });

  it('reads a single JSON session object and reports a truncated document', async () => {
    const one = await read(JSON.stringify({ id: 'solo', messages: [{ role: 'user', content: 'alone' }] }, null, 2));
    expect(one.messages.map((m) => m.sessionId)).toEqual(['solo']);
    const cut = await read('[{"id":"a","messages":[{"role":"user","content":"ok"}]},\n{"id":"b","messages":[{"role":"user"');
    expect(cut.messages).toHaveLength(1);
    expect(cut.errors[0]).toMatchObject({ line: 2 });
    expect(cut.errors[0].reason).toMatch(/truncated/);
  });

  it('reads OpenAI chat JSONL with string and part-array content and tool calls', async () => {
    const file = [
      JSON.stringify({ messages: [{ role: 'system', content: 'be nice' }, { role: 'user', content: 'hi' }, { role: 'assistant', content: [{ type: 'text', text: 'hello' }, { type: 'image_url', image_url: {} }] }] }),
      JSON.stringify({ messages: [{ role: 'user', content: 'weather?' }, { role: 'assistant', content: null, tool_calls: [{ type: 'function', function: { name: 'get_weather', arguments: '{}' } }] }, { role: 'tool', content: 'sunny' }] }),
    ].join('\n');
    const r = await read(file);
    expect(r.detected).toMatchObject({ format: 'openai-jsonl', layout: 'lines' });
    expect(r.messages.map((m) => [m.sessionId, m.role, m.content])).toEqual([
      ['abcdef0123456789-0', 'system', 'be nice'],
      ['abcdef0123456789-0', 'user', 'hi'],
      ['abcdef0123456789-0', 'assistant', 'hello'],
      ['abcdef0123456789-1', 'user', 'weather?'],
      ['abcdef0123456789-1', 'assistant', ''],
      ['abcdef0123456789-1', 'tool', 'sunny'],
    ]);
    expect(r.messages[4].tools).toEqual([{ name: 'get_weather' }]);
    expect(r.errors).toEqual([]);
  });

  it('reads ShareGPT as a JSON array and as JSON Lines', async () => {
    const convs = [
      { id: 'c1', conversations: [{ from: 'system', value: 'sys' }, { from: 'human', value: 'q' }, { from: 'gpt', value: 'a' }] },
      { id: 'c2', conversations: [{ from: 'user', value: 'q2' }, { from: 'assistant', value: 'a2' }] },
    ];
    const asArray = await read(JSON.stringify(convs));
    expect(asArray.detected).toMatchObject({ format: 'sharegpt', layout: 'document' });
    const asLines = await read(convs.map((c) => JSON.stringify(c)).join('\n'));
    expect(asLines.detected).toMatchObject({ format: 'sharegpt', layout: 'lines' });
    for (const r of [asArray, asLines]) {
      expect(r.messages.map((m) => [m.sessionId, m.role, m.content])).toEqual([
        ['c1', 'system', 'sys'],
        ['c1', 'user', 'q'],
        ['c1', 'assistant', 'a'],
        ['c2', 'user', 'q2'],
        ['c2', 'assistant', 'a2'],
      ]);
    }
  });

  it('reads a ChatGPT export (mapping tree), following current_node to the root', async () => {
    const conv = {
      title: 't',
      conversation_id: 'gpt-1',
      current_node: 'n3',
      default_model_slug: 'gpt-4o',
      mapping: {
        root: { id: 'root', message: null, parent: null, children: ['n0'] },
        n0: { id: 'n0', parent: 'root', children: ['n1'], message: { id: 'n0', author: { role: 'system' }, content: { content_type: 'text', parts: [''] } } },
        n1: { id: 'n1', parent: 'n0', children: ['n2', 'x'], message: { id: 'n1', author: { role: 'user' }, create_time: 1767225600.5, content: { content_type: 'text', parts: ['hello?'] } } },
        x: { id: 'x', parent: 'n1', children: [], message: { id: 'x', author: { role: 'assistant' }, content: { parts: ['abandoned branch'] } } },
        n2: { id: 'n2', parent: 'n1', children: ['n3'], message: { id: 'n2', author: { role: 'assistant' }, content: { parts: ['hi there'] }, metadata: { model_slug: 'gpt-4o-mini' } } },
        n3: { id: 'n3', parent: 'n2', children: [], message: { id: 'n3', author: { role: 'user' }, content: { parts: ['thanks'] } } },
      },
    };
    const r = await read(JSON.stringify([conv]));
    expect(r.messages.map((m) => [m.sessionId, m.role, m.content, m.messageId])).toEqual([
      ['gpt-1', 'user', 'hello?', 'gpt-1/n1'],
      ['gpt-1', 'assistant', 'hi there', 'gpt-1/n2'],
      ['gpt-1', 'user', 'thanks', 'gpt-1/n3'],
    ]);
    expect(r.messages[0].timestamp).toBe('2026-01-01T00:00:00.500Z');
    expect(r.messages[1].model).toBe('gpt-4o-mini');
  });

  it('reads CSV with quoted multi-line fields, header variants and semicolons', async () => {
    const csv = [
      'Session ID,Role,Content,Timestamp,Model,User,Documents',
      's1,user,"Hello, ""world""",2026-03-01T10:00:00Z,,alice,',
      's1,assistant,"line one',
      'line two",2026-03-01T10:00:01Z,gpt-4o,,"[{""id"":3,""filename"":""faq.pdf""}]"',
      's2,ghost,boo,2026-03-01T10:00:02Z,,,',
      's2,user,ok,,,,',
    ].join('\n');
    const r = await read(csv);
    expect(r.detected).toMatchObject({ format: 'csv', layout: 'csv' });
    expect(r.messages.map((m) => [m.sessionId, m.role, m.content, m.line])).toEqual([
      ['s1', 'user', 'Hello, "world"', 2],
      ['s1', 'assistant', 'line one\nline two', 3],
      ['s2', 'user', 'ok', 6],
    ]);
    expect(r.messages[0].userId).toBe('alice');
    expect(r.messages[1].documents).toEqual([{ id: 3, filename: 'faq.pdf', title: null }]);
    expect(r.errors).toEqual([{ line: 5, reason: expect.stringMatching(/unknown role/) }]);

    const semi = await read('conversation_id;speaker;text\nx;human;hi\nx;bot;hello\n');
    expect(semi.messages.map((m) => [m.sessionId, m.role, m.content])).toEqual([
      ['x', 'user', 'hi'],
      ['x', 'assistant', 'hello'],
    ]);
  });

  it('reads gzip-compressed files of every layout', async () => {
    const jsonl = await read(`${JSON.stringify({ sessionId: 'z', role: 'user', content: 'zipped' })}\n`, 'auto', { gzip: true });
    expect(jsonl.detected).toEqual({ format: 'chatlens-jsonl', layout: 'lines', gzip: true });
    expect(jsonl.messages[0].content).toBe('zipped');
    const csv = await read('session_id,role,content\nq,user,zipped csv\n', 'auto', { gzip: true });
    expect(csv.messages[0].content).toBe('zipped csv');
    const json = await read(JSON.stringify([{ id: 'j', messages: [{ role: 'user', content: 'zipped json' }] }]), 'auto', { gzip: true });
    expect(json.messages[0].content).toBe('zipped json');
  });

  it('skips records already processed when resuming', async () => {
    const file = [0, 1, 2, 3].map((i) => JSON.stringify({ sessionId: 's', role: 'user', content: `m${i}` })).join('\n');
    const r = await read(file, 'auto', { skip: 2 });
    expect(r.messages.map((m) => m.content)).toEqual(['m2', 'm3']);
    const json = await read(JSON.stringify([0, 1, 2].map((i) => ({ id: `s${i}`, messages: [{ role: 'user', content: `m${i}` }] }))), 'auto', { skip: 1 });
    expect(json.messages.map((m) => m.content)).toEqual(['m1', 'm2']);
  });

  it('turns a line over the limit into an error without buffering it', async () => {
    const big = JSON.stringify({ sessionId: 's', role: 'user', content: 'x'.repeat(5000) });
    const r = await read(`${JSON.stringify({ sessionId: 's', role: 'user', content: 'ok' })}\n${big}\n${JSON.stringify({ sessionId: 's', role: 'user', content: 'ok2' })}\n`, 'auto', { max: 1000 });
    expect(r.messages.map((m) => m.content)).toEqual(['ok', 'ok2']);
    expect(r.errors).toEqual([{ line: 2, reason: expect.stringMatching(/longer than/) }]);
  });

  it('refuses what it cannot read, saying why', async () => {
    await expect(read('')).rejects.toThrow(/empty/);
    await expect(read('   \n\n')).rejects.toThrow(/empty/);
    await expect(read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', 'utf16le')]))).rejects.toThrow(/UTF-16/);
    await expect(read(Buffer.from('session_id,role,content\ns,user,caf\xe9\n', 'latin1'))).rejects.toThrow(/not valid UTF-8/);
    await expect(read('hello there, this is just prose\nnothing more')).rejects.toThrow(TranscriptError);
    await expect(read('just some words')).rejects.toThrow(/could not recognise the format/);
    await expect(read('a,b,c\n1,2,3\n', 'csv')).rejects.toThrow(/must name columns/);
    await expect(read('a,b,c\n1,2,3\n', 'json')).rejects.toThrow(/expects JSON/);
  });

  it('refuses a message with no content in every format, as live ingest does, and keeps the rest', async () => {
    const noContent = /^content must be a string/;
    const jsonl = await read([{ sessionId: 's', role: 'user', content: 'kept' }, { sessionId: 's', role: 'assistant' }, { sessionId: 's', role: 'user', content: null }, { sessionId: 's', role: 'user', content: '' }].map((o) => JSON.stringify(o)).join('\n'));
    expect(jsonl.detected.format).toBe('chatlens-jsonl');
    expect(jsonl.messages.map((m) => [m.content, m.line])).toEqual([['kept', 1], ['', 4]]);
    expect(jsonl.errors).toEqual([{ line: 2, reason: expect.stringMatching(noContent) }, { line: 3, reason: expect.stringMatching(noContent) }]);

    const json = await read(JSON.stringify([{ id: 'd', messages: [{ role: 'user', content: 'q' }, { role: 'assistant' }] }]));
    expect(json.detected.format).toBe('json');
    expect(json.messages.map((m) => m.content)).toEqual(['q']);
    expect(json.errors).toEqual([{ line: 1, reason: expect.stringMatching(/^message 2: content must be a string/) }]);

    // A CSV row cut short has no content cell; an empty cell is an empty string, as it is live.
    const csv = await read('session_id,role,content\nc,user,hello\nc,assistant\nc,user,\n');
    expect(csv.messages.map((m) => [m.content, m.line])).toEqual([['hello', 2], ['', 4]]);
    expect(csv.errors).toEqual([{ line: 3, reason: expect.stringMatching(noContent) }]);

    const openai = await read(JSON.stringify({ messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: null }, { role: 'assistant', content: null, tool_calls: [{ function: { name: 'lookup' } }] }] }));
    expect(openai.detected.format).toBe('openai-jsonl');
    expect(openai.messages.map((m) => [m.role, m.content])).toEqual([['user', 'hi'], ['assistant', '']]);
    expect(openai.messages[1].tools).toEqual([{ name: 'lookup' }]);
    expect(openai.errors).toEqual([{ line: 1, reason: expect.stringMatching(/^message 2: content must be a string/) }]);

    const convs = [{ id: 'g', conversations: [{ from: 'human', value: 'q' }, { from: 'gpt' }] }];
    for (const sharegpt of [await read(JSON.stringify(convs)), await read(JSON.stringify(convs[0]) + '\n')]) {
      expect(sharegpt.detected.format).toBe('sharegpt');
      expect(sharegpt.messages.map((m) => m.content)).toEqual(['q']);
      expect(sharegpt.errors).toEqual([{ line: 1, reason: expect.stringMatching(/^message 2: content must be a string/) }]);
    }

    const chatgpt = await read(JSON.stringify([{ conversation_id: 'cg', current_node: 'b', mapping: { a: { parent: null, children: ['b'], message: { id: 'a', author: { role: 'user' }, content: { parts: ['hello'] } } }, b: { parent: 'a', children: [], message: { id: 'b', author: { role: 'assistant' } } } } }]));
    expect(chatgpt.messages.map((m) => m.content)).toEqual(['hello']);
    expect(chatgpt.errors).toEqual([{ line: 1, reason: expect.stringMatching(/^message 2: content must be a string/) }]);
  });

  it('strips a UTF-8 byte order mark', async () => {
    const r = await read(`\uFEFF${JSON.stringify({ sessionId: 's', role: 'user', content: 'bom' })}\n`);
    expect(r.messages[0].content).toBe('bom');
  });
});

describe('readTimestamp', () => {
  it('answers what the Date round trip answers for any canonical-shaped time, padded or not', () => {
    const rand = seededRandom(13);
    for (let i = 0; i < 20_000; i++) {
      const t = canonicalShapedTime(rand);
      const ms = Date.parse(t);
      const sent = rand() < 0.1 ? ` ${t} ` : t;
      if (Number.isFinite(ms)) expect(readTimestamp(sent), t).toBe(new Date(ms).toISOString());
      else expect(() => readTimestamp(sent), t).toThrow(EventError);
    }
  });
});
