// A minimal OpenAI-compatible upstream for the proxy benchmark, run in its own worker thread so
// its work does not share the proxy's event loop. It waits `delayMs` (the model's time to first
// token), then answers: the whole completion, or a stream of one chunk per word sent at once
// (`tokenMs` apart when set).
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { delayMs, tokenMs } = workerData;
const ANSWER =
  'We offer three plans, starting at 15 euros per month, and each includes unlimited calls in the EU. ' +
  'Refunds are processed within 14 days of the request, as the billing policy says. ' +
  'Let me know if there is anything else I can help you with today.';
const WORDS = ANSWER.match(/\S+\s*/g);

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const created = Math.floor(Date.now() / 1000);
    const usage = { prompt_tokens: 24, completion_tokens: WORDS.length, total_tokens: 24 + WORDS.length };
    setTimeout(() => {
      if (!body.stream) {
        const payload = JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion', created, model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: ANSWER, refusal: null }, logprobs: null, finish_reason: 'stop' }], usage });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
        res.end(payload);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const event = (delta, finish) => `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
      const tail = () => {
        res.write(event({}, 'stop'));
        if (body.stream_options?.include_usage) res.write(`data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created, model: body.model, choices: [], usage })}\n\n`);
        res.end('data: [DONE]\n\n');
      };
      res.write(event({ role: 'assistant', content: '' }, null));
      if (!tokenMs) {
        res.write(WORDS.map((w) => event({ content: w }, null)).join(''));
        tail();
        return;
      }
      let i = 0;
      const next = () => {
        if (i >= WORDS.length) return tail();
        res.write(event({ content: WORDS[i++] }, null));
        setTimeout(next, tokenMs);
      };
      next();
    }, delayMs);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m === 'close') server.close(() => process.exit(0));
});
