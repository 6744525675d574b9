/**
 * A small hand-written decoder for the OTLP trace request (binary protobuf) and an encoder for
 * the two messages the server answers with, so the server needs no protobuf runtime.
 *
 * Only the fields Chatlens reads are kept; every other field is skipped by its wire type, as
 * protobuf requires. Every length is checked against the bytes left, nesting of `AnyValue` is
 * bounded, and any malformed input ends in an OtlpDecodeError (a 400), never an exception of
 * another kind or a loop: each step consumes at least one byte.
 *
 * Field numbers (opentelemetry-proto v1):
 *   ExportTraceServiceRequest  1 resource_spans
 *   ResourceSpans              1 resource, 2 scope_spans
 *   Resource                   1 attributes
 *   ScopeSpans                 2 spans
 *   Span                       1 trace_id, 2 span_id, 5 name, 7 start_time_unix_nano (fixed64),
 *                              8 end_time_unix_nano (fixed64), 9 attributes, 11 events
 *   Span.Event                 1 time_unix_nano (fixed64), 2 name, 3 attributes
 *   KeyValue                   1 key, 2 value
 *   AnyValue                   1 string, 2 bool, 3 int64, 4 double, 5 array, 6 kvlist, 7 bytes
 *   ArrayValue / KeyValueList  1 values
 *   ExportTraceServiceResponse 1 partial_success { 1 rejected_spans (int64), 2 error_message }
 *   google.rpc.Status          1 code (int32), 2 message
 */
import { type AttrValue, type Attrs, OTLP_LIMITS, OtlpDecodeError, type OtlpEvent, type OtlpSpan } from './otlp.js';

const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;
const FIXED32 = 5;

const utf8 = new TextDecoder('utf-8');

class Reader {
  pos: number;
  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  private fail(what: string): never {
    throw new OtlpDecodeError(`the protobuf body is malformed: ${what} at byte ${this.pos}`);
  }

  /** A varint as a bigint (up to 10 bytes, 64 bits). */
  varint64(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.end) this.fail('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
    this.fail('varint longer than 10 bytes');
  }

  /** A varint that must fit in 32 bits (tags, lengths). */
  varint32(): number {
    const v = this.varint64();
    if (v > 0xffffffffn) this.fail('value out of range');
    return Number(v);
  }

  tag(): { field: number; wire: number } {
    const t = this.varint32();
    const field = t >>> 3;
    if (field === 0) this.fail('field number 0');
    return { field, wire: t & 7 };
  }

  /** The bounds of a length-delimited field, which the caller reads or skips. */
  span(): [number, number] {
    const len = this.varint32();
    if (len > this.end - this.pos) this.fail('length past the end of its message');
    const start = this.pos;
    this.pos += len;
    return [start, this.pos];
  }

  bytes(): Uint8Array {
    const [s, e] = this.span();
    return this.buf.subarray(s, e);
  }

  string(): string {
    return utf8.decode(this.bytes());
  }

  fixed64(): bigint {
    if (this.end - this.pos < 8) this.fail('truncated fixed64');
    let v = 0n;
    for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(this.buf[this.pos + i]);
    this.pos += 8;
    return v;
  }

  double(): number {
    if (this.end - this.pos < 8) this.fail('truncated double');
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).getFloat64(0, true);
    this.pos += 8;
    return v;
  }

  sub(): Reader {
    const [s, e] = this.span();
    return new Reader(this.buf, s, e);
  }

  skip(wire: number): void {
    switch (wire) {
      case VARINT:
        this.varint64();
        return;
      case FIXED64:
        if (this.end - this.pos < 8) this.fail('truncated fixed64');
        this.pos += 8;
        return;
      case LEN:
        this.span();
        return;
      case FIXED32:
        if (this.end - this.pos < 4) this.fail('truncated fixed32');
        this.pos += 4;
        return;
      default:
        // Groups (3, 4) are not used by proto3 messages; 6 and 7 do not exist.
        this.fail(`wire type ${wire}`);
    }
  }

  expect(wire: number, want: number, field: string): void {
    if (wire !== want) this.fail(`${field} has wire type ${wire}, expected ${want}`);
  }
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');

function anyValue(r: Reader, depth: number): AttrValue {
  if (depth > OTLP_LIMITS.valueDepth) throw new OtlpDecodeError(`an attribute value nests more than ${OTLP_LIMITS.valueDepth} arrays or kvlists`);
  let value: AttrValue = null;
  while (!r.done) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        r.expect(wire, LEN, 'AnyValue.string_value');
        value = r.string();
        break;
      case 2:
        r.expect(wire, VARINT, 'AnyValue.bool_value');
        value = r.varint64() !== 0n;
        break;
      case 3:
        r.expect(wire, VARINT, 'AnyValue.int_value');
        value = Number(BigInt.asIntN(64, r.varint64()));
        break;
      case 4:
        r.expect(wire, FIXED64, 'AnyValue.double_value');
        value = r.double();
        break;
      case 5: {
        r.expect(wire, LEN, 'AnyValue.array_value');
        const arr = r.sub();
        const out: AttrValue[] = [];
        while (!arr.done) {
          const t = arr.tag();
          if (t.field === 1) {
            arr.expect(t.wire, LEN, 'ArrayValue.values');
            const item = arr.sub();
            if (out.length < OTLP_LIMITS.itemsPerList) out.push(anyValue(item, depth + 1));
          } else arr.skip(t.wire);
        }
        value = out;
        break;
      }
      case 6: {
        r.expect(wire, LEN, 'AnyValue.kvlist_value');
        const list = r.sub();
        const out: Attrs = Object.create(null);
        const count = { n: 0 };
        while (!list.done) {
          const t = list.tag();
          if (t.field === 1) {
            list.expect(t.wire, LEN, 'KeyValueList.values');
            keyValue(list.sub(), out, depth + 1, count);
          } else list.skip(t.wire);
        }
        value = out;
        break;
      }
      case 7:
        r.expect(wire, LEN, 'AnyValue.bytes_value');
        value = Buffer.from(r.bytes()).toString('base64');
        break;
      default:
        r.skip(wire);
    }
  }
  return value;
}

function keyValue(r: Reader, into: Attrs, depth: number, count: { n: number }): void {
  if (++count.n > OTLP_LIMITS.itemsPerList) return;
  let key = '';
  let value: AttrValue = null;
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, LEN, 'KeyValue.key');
      key = r.string();
    } else if (field === 2) {
      r.expect(wire, LEN, 'KeyValue.value');
      value = anyValue(r.sub(), depth);
    } else r.skip(wire);
  }
  into[key] = value;
}

/** One item of a repeated KeyValue field, read into `into` (`count`: items of that field so far). */
function attributeField(r: Reader, wire: number, into: Attrs, name: string, count: { n: number }): void {
  r.expect(wire, LEN, name);
  keyValue(r.sub(), into, 0, count);
}

function event(r: Reader): OtlpEvent {
  const e: OtlpEvent = { name: '', timeUnixNano: 0n, attributes: Object.create(null) };
  const count = { n: 0 };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, FIXED64, 'Event.time_unix_nano');
      e.timeUnixNano = r.fixed64();
    } else if (field === 2) {
      r.expect(wire, LEN, 'Event.name');
      e.name = r.string();
    } else if (field === 3) attributeField(r, wire, e.attributes, 'Event.attributes', count);
    else r.skip(wire);
  }
  return e;
}

function span(r: Reader, resource: Attrs): OtlpSpan {
  const s: OtlpSpan = { traceId: '', spanId: '', name: '', startTimeUnixNano: 0n, endTimeUnixNano: 0n, attributes: Object.create(null), events: [], resource };
  const count = { n: 0 };
  while (!r.done) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        r.expect(wire, LEN, 'Span.trace_id');
        s.traceId = hex(r.bytes());
        break;
      case 2:
        r.expect(wire, LEN, 'Span.span_id');
        s.spanId = hex(r.bytes());
        break;
      case 5:
        r.expect(wire, LEN, 'Span.name');
        s.name = r.string();
        break;
      case 7:
        r.expect(wire, FIXED64, 'Span.start_time_unix_nano');
        s.startTimeUnixNano = r.fixed64();
        break;
      case 8:
        r.expect(wire, FIXED64, 'Span.end_time_unix_nano');
        s.endTimeUnixNano = r.fixed64();
        break;
      case 9:
        attributeField(r, wire, s.attributes, 'Span.attributes', count);
        break;
      case 11:
        r.expect(wire, LEN, 'Span.events');
        const e = event(r.sub());
        if (s.events.length < OTLP_LIMITS.itemsPerList) s.events.push(e);
        break;
      default:
        r.skip(wire);
    }
  }
  return s;
}

function resourceSpans(r: Reader, out: OtlpSpan[]): void {
  // The resource may come after the spans on the wire: keep the spans' readers until it is known.
  const resource: Attrs = Object.create(null);
  const count = { n: 0 };
  const scopes: Reader[] = [];
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, LEN, 'ResourceSpans.resource');
      const res = r.sub();
      while (!res.done) {
        const t = res.tag();
        if (t.field === 1) attributeField(res, t.wire, resource, 'Resource.attributes', count);
        else res.skip(t.wire);
      }
    } else if (field === 2) {
      r.expect(wire, LEN, 'ResourceSpans.scope_spans');
      scopes.push(r.sub());
    } else r.skip(wire);
  }
  for (const scope of scopes) {
    while (!scope.done) {
      const { field, wire } = scope.tag();
      if (field === 2) {
        scope.expect(wire, LEN, 'ScopeSpans.spans');
        if (out.length >= OTLP_LIMITS.spansPerRequest) throw new OtlpDecodeError(`the request carries more than ${OTLP_LIMITS.spansPerRequest} spans; send smaller batches`);
        out.push(span(scope.sub(), resource));
      } else scope.skip(wire);
    }
  }
}

/** Decodes a binary `ExportTraceServiceRequest` into its spans; throws OtlpDecodeError on malformed bytes. */
export function decodeTraceRequest(body: Uint8Array): OtlpSpan[] {
  const r = new Reader(body);
  const spans: OtlpSpan[] = [];
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      r.expect(wire, LEN, 'ExportTraceServiceRequest.resource_spans');
      resourceSpans(r.sub(), spans);
    } else r.skip(wire);
  }
  return spans;
}

// ── Encoding the answers ────────────────────────────────────────────────────────────────────

function varint(n: bigint | number): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

function lengthDelimited(field: number, bytes: Uint8Array | number[]): number[] {
  return [...varint((field << 3) | LEN), ...varint(bytes.length), ...bytes];
}

/** `ExportTraceServiceResponse`: empty on full success, else `partial_success` with the count and reason. */
export function encodeTraceResponse(partial?: { rejectedSpans: number; errorMessage: string }): Buffer {
  if (!partial) return Buffer.alloc(0);
  const inner: number[] = [];
  if (partial.rejectedSpans !== 0) inner.push(...varint((1 << 3) | VARINT), ...varint(partial.rejectedSpans));
  if (partial.errorMessage) inner.push(...lengthDelimited(2, Buffer.from(partial.errorMessage, 'utf8')));
  return Buffer.from(lengthDelimited(1, inner));
}

/** `google.rpc.Status` with a gRPC code and a message: the body of every OTLP/HTTP failure. */
export function encodeStatus(code: number, message: string): Buffer {
  const out: number[] = [];
  if (code !== 0) out.push(...varint((1 << 3) | VARINT), ...varint(code));
  if (message) out.push(...lengthDelimited(2, Buffer.from(message, 'utf8')));
  return Buffer.from(out);
}
