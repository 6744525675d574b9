// The load generator of the proxy benchmark, in its own worker thread: `concurrency` loops each
// send requests one after another over kept-alive connections and time each one, to the whole
// answer (non-streamed) or to the first chunk carrying text (streamed: time to first token).
// A body holding `{n}` gets a number of its own in each request (a conversation per request).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { parentPort } from 'node:worker_threads';

function once(agent, target, body) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let first = null;
    const req = http.request(target.url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...target.headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (piece) => {
        if (first === null) {
          text += piece;
          // The first event whose delta carries text; the role chunk (empty content) does not count.
          if (/"content":"[^"]/.test(text)) first = process.hrtime.bigint();
        }
      });
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}: ${text.slice(0, 200)}`));
        const end = process.hrtime.bigint();
        resolve({ total: Number(end - started) / 1e6, ttft: Number((first ?? end) - started) / 1e6 });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

parentPort.on('message', async ({ target, body, concurrency, count }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const results = [];
  const run = randomBytes(4).toString('hex');
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next++;
          results.push(await once(agent, target, body.includes('{n}') ? body.replaceAll('{n}', `${run}-${next}`) : body));
        }
      }),
    );
    parentPort.postMessage({ results });
  } catch (err) {
    parentPort.postMessage({ error: String(err) });
  } finally {
    agent.destroy();
  }
});
