import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMPT_BUDGET, createJudge } from './judge.js';
import type { AnalysisContext, Finding, Turn } from './types.js';

type Reply = (body: any, res: ServerResponse) => void;
let reply: Reply = () => {};
let requests: any[] = [];
let server: Server;
let baseUrl = '';

function completion(content: string, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const body = JSON.parse(data);
      requests.push({ url: req.url, auth: req.headers.authorization, body });
      reply(body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const turn: Turn = { role: 'assistant', content: 'The warranty lasts 5 years and covers water damage.' };
const context: AnalysisContext = { documents: [{ id: 3, title: 'Warranty', content: 'The warranty lasts 2 years. Water damage is excluded.' }], history: [] };
const uncertain: Finding[] = [
  { category: 'hallucination', subtype: 'HARDCODED_FACT', score: 0.45, severity: 'medium', spans: [], explanation: '', detector: 'hallucination@1.0.0' },
];

describe('LLM judge', () => {
  it('keeps findings whose quotes are verbatim and computes their spans', async () => {
    requests = [];
    reply = (_b, res) =>
      completion(
        JSON.stringify({
          findings: [
            { subtype: 'HARDCODED_FACT', score: 0.9, severity: 'high', explanation: 'Contradicts the document.', quotes: ['lasts 5 years', 'Water damage is excluded.'] },
            { subtype: 'OVERCONFIDENCE', score: 0.8, quotes: ['guaranteed forever'] },
            { subtype: 'NOT_A_SUBTYPE', score: 0.8, quotes: ['lasts 5 years'] },
          ],
        }),
        res,
      );
    const judge = createJudge({ baseUrl, model: 'stub', apiKey: 'k' });
    const found = await judge.review(turn, context, uncertain);
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f).toMatchObject({ category: 'hallucination', subtype: 'HARDCODED_FACT', score: 0.9, severity: 'high', detector: 'llm-judge@1.0.0' });
    expect(f.spans[0]).toMatchObject({ where: 'turn', text: 'lasts 5 years' });
    expect(turn.content.slice(f.spans[0].start, f.spans[0].end)).toBe('lasts 5 years');
    expect(f.spans[1]).toMatchObject({ where: 'document', documentId: 3, text: 'Water damage is excluded.' });
    expect(context.documents[0].content!.slice(f.spans[1].start, f.spans[1].end)).toBe('Water damage is excluded.');
    expect(requests[0].url).toBe('/v1/chat/completions');
    expect(requests[0].auth).toBe('Bearer k');
    expect(requests[0].body.model).toBe('stub');
  });

  it('keeps its prompt within budget: the turn first, then the documents, then the newest earlier turns', async () => {
    requests = [];
    reply = (_b, res) => completion(JSON.stringify({ findings: [{ subtype: 'HARDCODED_FACT', score: 0.9, quotes: ['lasts 5 years'] }] }), res);
    const long = (word: string) => `${word} `.repeat(50_000); // 300,000 characters or more
    const judge = createJudge({ baseUrl, model: 'stub', apiKey: 'k' });
    const prompt = async (ctx: AnalysisContext): Promise<string> => {
      requests = [];
      const found = await judge.review(turn, ctx, uncertain);
      // The answer's quote is still found in the whole turn.
      expect(found[0].spans[0]).toMatchObject({ where: 'turn', text: 'lasts 5 years' });
      const text: string = requests[0].body.messages[1].content;
      expect(text.length).toBeLessThanOrEqual(PROMPT_BUDGET + 200); // the headings around the parts
      expect(text).toContain(`Turn to review (assistant):\n${turn.content}`);
      return text;
    };
    const withDocuments = await prompt({
      documents: [{ id: 1, title: 'Warranty', content: 'The warranty lasts 2 years.' }, { id: 2, title: 'Terms', content: long('terms') }, { id: 3, title: 'Extra', content: 'More.' }],
      history: [{ role: 'user', content: 'What does the warranty cover?' }],
    });
    expect(withDocuments).toContain('[document 1: Warranty]\nThe warranty lasts 2 years.');
    expect(withDocuments).toMatch(/\[document 2: Terms\]\n(terms )+t?e?r?m?s? ?\[…\]/);
    expect(withDocuments).not.toContain('[document 3');
    expect(withDocuments).not.toContain('Earlier turns');
    const withHistory = await prompt({ documents: [], history: [{ role: 'user', content: long('older') }, { role: 'assistant', content: 'The warranty lasts 2 years.' }] });
    expect(withHistory).toContain('[…]\nassistant: The warranty lasts 2 years.');
  });

  it('caches by turn, context and model', async () => {
    requests = [];
    reply = (_b, res) => completion('{"findings":[]}', res);
    const judge = createJudge({ baseUrl, model: 'stub' });
    await judge.review(turn, context, uncertain);
    await judge.review(turn, context, uncertain);
    expect(requests).toHaveLength(1);
  });

  it('skips sure turns unless sampled', async () => {
    requests = [];
    reply = (_b, res) => completion('{"findings":[]}', res);
    const sure: Finding[] = [{ ...uncertain[0], score: 0.95 }];
    expect(await createJudge({ baseUrl, model: 'stub' }).review(turn, context, sure)).toEqual([]);
    expect(requests).toHaveLength(0);
    await createJudge({ baseUrl, model: 'stub', sampleRate: 1 }).review(turn, context, sure);
    expect(requests).toHaveLength(1);
  });

  it('returns no findings and logs on timeout, HTTP errors and bad JSON', async () => {
    const logs: string[] = [];
    const log = (_l: string, m: string) => logs.push(m);
    reply = () => {}; // never answers
    const slow = createJudge({ baseUrl, model: 'stub', timeoutMs: 50, log });
    await expect(slow.review(turn, context, uncertain)).resolves.toEqual([]);
    reply = (_b, res) => {
      res.writeHead(500);
      res.end('boom');
    };
    await expect(createJudge({ baseUrl, model: 'stub', log }).review(turn, context, uncertain)).resolves.toEqual([]);
    reply = (_b, res) => completion('not json at all', res);
    await expect(createJudge({ baseUrl, model: 'stub2', log }).review(turn, context, uncertain)).resolves.toEqual([]);
    await expect(createJudge({ baseUrl: 'http://127.0.0.1:1', model: 'stub', log }).review(turn, context, uncertain)).resolves.toEqual([]);
    expect(logs).toEqual(['judge: timed out', 'judge: endpoint returned an error', 'judge: reply is not the expected JSON', 'judge: request failed']);
  });
});
