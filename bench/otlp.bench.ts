/**
 * Decoding an OTLP trace export (issue 12 §2): the hand-written protobuf decoder and the OTLP/JSON
 * mapping on one batch of 512 GenAI spans (the SDK's default batch size), each carrying a 10-turn
 * history in `gen_ai.input.messages` as instrumentations record it, against `JSON.parse` of the
 * same request's OTLP/JSON text measured in the same run (the baseline: the least any JSON
 * receiver does). Also the GenAI reading of the decoded spans (parsing their message JSON); the
 * write path after it is the ingest benchmark's.
 *
 *   npx tsx bench/otlp.bench.ts [spans]
 *
 * Figures are printed, never asserted: min and median of 15 interleaved rounds.
 */
import { pathToFileURL } from 'node:url';
import { spansFromJson } from '../src/modules/otlp/otlp.json.js';
import { decodeTraceRequest } from '../src/modules/otlp/otlp.protobuf.js';
import { readSpan } from '../src/modules/otlp/otlp.genai.js';
import { fixed64, len, str } from '../test/helpers/protobuf.js';

function request(spans: number): { protobuf: Uint8Array; json: string } {
  const now = BigInt(Date.now()) * 1_000_000n;
  const pbSpans: number[][] = [];
  const jsonSpans: object[] = [];
  for (let i = 0; i < spans; i++) {
    const history = Array.from({ length: 10 }, (_, k) => ({ role: k % 2 ? 'assistant' : 'user', parts: [{ type: 'text', content: `Turn ${k} of conversation ${i}: a sentence or two about plans, prices and the router.` }] }));
    const attrs: [string, string][] = [
      ['gen_ai.operation.name', 'chat'],
      ['gen_ai.request.model', 'gpt-4o-mini'],
      ['gen_ai.conversation.id', `conv-${i % 64}`],
      ['gen_ai.input.messages', JSON.stringify(history)],
      ['gen_ai.output.messages', JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: 'We offer three plans.' }], finish_reason: 'stop' }])],
    ];
    const traceId = i.toString(16).padStart(32, '0');
    const spanId = (i + 1).toString(16).padStart(16, '0');
    pbSpans.push(
      len(2, [
        ...len(1, [...Buffer.from(traceId, 'hex')]),
        ...len(2, [...Buffer.from(spanId, 'hex')]),
        ...str(5, 'chat gpt-4o-mini'),
        ...fixed64(7, now),
        ...fixed64(8, now + 1_000_000_000n),
        ...attrs.flatMap(([k, v]) => len(9, [...str(1, k), ...len(2, str(1, v))])),
      ]),
    );
    jsonSpans.push({
      traceId,
      spanId,
      name: 'chat gpt-4o-mini',
      startTimeUnixNano: String(now),
      endTimeUnixNano: String(now + 1_000_000_000n),
      attributes: attrs.map(([key, v]) => ({ key, value: { stringValue: v } })),
    });
  }
  const protobuf = Uint8Array.from(len(1, [...len(1, len(1, [...str(1, 'service.name'), ...len(2, str(1, 'bot'))])), ...len(2, pbSpans.flat())]));
  const json = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bot' } }] }, scopeSpans: [{ spans: jsonSpans }] }] });
  return { protobuf, json };
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)] };
}

export async function run(spans = Number(process.argv[2]) || 512): Promise<void> {
  const { protobuf, json } = request(spans);
  const cases: [string, () => unknown][] = [
    ['JSON.parse of the OTLP/JSON text (baseline)', () => JSON.parse(json)],
    ['protobuf: decodeTraceRequest', () => decodeTraceRequest(protobuf)],
    ['JSON: JSON.parse + spansFromJson', () => spansFromJson(JSON.parse(json))],
    ['protobuf decode + GenAI reading (readSpan)', () => decodeTraceRequest(protobuf).map(readSpan)],
  ];
  console.log(`${spans} GenAI spans: protobuf ${(protobuf.length / 1024).toFixed(0)} KB, JSON ${(json.length / 1024).toFixed(0)} KB`);
  for (const [, f] of cases) for (let i = 0; i < 3; i++) f(); // warm-up
  const times = cases.map(() => [] as number[]);
  for (let round = 0; round < 15; round++) {
    cases.forEach(([, f], i) => {
      const t0 = process.hrtime.bigint();
      f();
      times[i].push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  const base = stats(times[0]);
  cases.forEach(([name], i) => {
    const s = stats(times[i]);
    console.log(`${name.padEnd(46)} min ${s.min.toFixed(2)} ms  median ${s.median.toFixed(2)} ms  (${(s.median / base.median).toFixed(2)}x baseline median)`);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
