import { describe, expect, it } from 'vitest';
import { OTLP_LIMITS, OtlpDecodeError } from './otlp.js';
import { decodeTraceRequest, encodeStatus, encodeTraceResponse } from './otlp.protobuf.js';
import { double, fixed64, int, kv, len, str } from '../../../test/helpers/protobuf.js';
import { seededRandom } from '../../lib/random.js';

const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';

function request(): Uint8Array {
  const attrs = [
    ...len(9, kv('gen_ai.conversation.id', str(1, 'c-1'))),
    ...len(9, kv('gen_ai.usage.input_tokens', int(3, 52))),
    ...len(9, kv('flag', int(2, 1))),
    ...len(9, kv('ratio', double(4, 0.25))),
    ...len(9, kv('list', len(5, [...len(1, str(1, 'a')), ...len(1, int(3, -2))]))),
    ...len(9, kv('obj', len(6, len(1, kv('role', str(1, 'user')))))),
    ...len(9, kv('raw', len(7, [1, 2, 3]))),
  ];
  const event = [...fixed64(1, 1_700_000_000_000_000_000n), ...str(2, 'gen_ai.user.message'), ...len(3, kv('content', str(1, 'hello')))];
  const span = [
    ...len(1, [...Buffer.from(TRACE, 'hex')]),
    ...len(2, [...Buffer.from(SPAN, 'hex')]),
    ...str(3, 'tracestate-ignored'),
    ...str(5, 'chat gpt-4o'),
    ...int(6, 3),
    ...fixed64(7, 1_700_000_000_000_000_000n),
    ...fixed64(8, 1_700_000_001_500_000_000n),
    ...attrs,
    ...len(11, event),
    ...len(15, [...str(2, 'ok'), ...int(3, 1)]),
    ...[0x85, 0x01, 1, 0, 0, 0], // flags: field 16, fixed32
  ];
  const resource = len(1, len(1, kv('service.name', str(1, 'bot'))));
  const scope = len(2, [...len(1, str(1, 'openai-instrumentation')), ...len(2, span)]);
  // The resource after its spans: the decoder must still give it to them.
  return Uint8Array.from(len(1, [...scope, ...resource]));
}

describe('OTLP protobuf decoder', () => {
  it('decodes spans with ids, times, every attribute type, events and their resource', () => {
    const [s, ...rest] = decodeTraceRequest(request());
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ traceId: TRACE, spanId: SPAN, name: 'chat gpt-4o', startTimeUnixNano: 1_700_000_000_000_000_000n, endTimeUnixNano: 1_700_000_001_500_000_000n });
    expect({ ...s.attributes, obj: { ...(s.attributes.obj as object) } }).toEqual({
      'gen_ai.conversation.id': 'c-1',
      'gen_ai.usage.input_tokens': 52,
      flag: true,
      ratio: 0.25,
      list: ['a', -2],
      obj: { role: 'user' },
      raw: 'AQID',
    });
    expect(s.events).toHaveLength(1);
    expect(s.events[0]).toMatchObject({ name: 'gen_ai.user.message', timeUnixNano: 1_700_000_000_000_000_000n });
    expect({ ...s.events[0].attributes }).toEqual({ content: 'hello' });
    expect({ ...s.resource }).toEqual({ 'service.name': 'bot' });
  });

  it('decodes an empty request to no spans', () => {
    expect(decodeTraceRequest(new Uint8Array())).toEqual([]);
  });

  it('refuses truncated input, lengths past the end, bad wire types and field 0 with a decode error', () => {
    const good = request();
    for (const bad of [
      good.subarray(0, good.length - 1),
      Uint8Array.from([0x0a, 0x05, 1]),
      Uint8Array.from([0x0b]), // field 1, wire type 3 (group start)
      Uint8Array.from([0x00, 0x00]), // field 0
      Uint8Array.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), // 11-byte varint
    ]) {
      expect(() => decodeTraceRequest(bad)).toThrow(OtlpDecodeError);
    }
  });

  it('bounds the nesting of attribute values', () => {
    let value = str(1, 'deep');
    for (let i = 0; i <= OTLP_LIMITS.valueDepth + 1; i++) value = len(5, len(1, value));
    const body = Uint8Array.from(len(1, len(2, len(2, len(9, kv('x', value))))));
    expect(() => decodeTraceRequest(body)).toThrow(/nests more than/);
  });

  it('never throws anything but a decode error on random and mutated bytes (seeded fuzz)', () => {
    const rand = seededRandom(0x5eed);
    const good = request();
    let decoded = 0;
    for (let i = 0; i < 20_000; i++) {
      let bytes: Uint8Array;
      if (i % 4 === 0) {
        bytes = Uint8Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256));
      } else {
        bytes = Uint8Array.from(good);
        const flips = 1 + Math.floor(rand() * 4);
        for (let f = 0; f < flips; f++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
        if (rand() < 0.3) bytes = bytes.subarray(0, Math.floor(rand() * bytes.length));
      }
      try {
        decodeTraceRequest(bytes);
        decoded++;
      } catch (err) {
        if (!(err instanceof OtlpDecodeError)) throw new Error(`input ${Buffer.from(bytes).toString('hex')} threw ${String(err)}`);
      }
    }
    // Both outcomes happen: mutations inside strings still decode, structural ones do not.
    expect(decoded).toBeGreaterThan(100);
    expect(decoded).toBeLessThan(20_000);
  });
});

describe('OTLP protobuf answers', () => {
  it('encodes a full success as an empty message and a partial success with its count and reason', () => {
    expect(encodeTraceResponse()).toEqual(Buffer.alloc(0));
    const msg = 'bad span';
    expect([...encodeTraceResponse({ rejectedSpans: 300, errorMessage: msg })]).toEqual(len(1, [...int(1, 300), ...str(2, msg)]));
  });

  it('encodes a Status with its code and message', () => {
    expect([...encodeStatus(3, 'nope')]).toEqual([...int(1, 3), ...str(2, 'nope')]);
  });
});
