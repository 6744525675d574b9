/** A local stub of an LLM judge speaking the chat-completions protocol, answering what the test says. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Stub {
  url: string;
  requests: unknown[];
  reply: (prompt: string) => { findings: unknown[] } | 'hang';
  close(): Promise<void>;
}

export async function stubJudge(reply: Stub['reply']): Promise<Stub> {
  const requests: unknown[] = [];
  const stub: Stub = { url: '', requests, reply, close: async () => {} };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { messages: { content: string }[] };
      requests.push(parsed);
      const answer = stub.reply(parsed.messages[1].content);
      if (answer === 'hang') return; // never answers: the judge's timeout must cope
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(answer) } }] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  stub.close = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  return stub;
}
