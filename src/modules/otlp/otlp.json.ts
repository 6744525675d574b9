/**
 * The OTLP/JSON encoding of a trace request (the proto3 JSON mapping with OTLP's deviations:
 * trace and span ids as hex, enums as integers, unknown fields ignored; int64 as a number or a
 * decimal string) mapped to the spans the protobuf decoder gives. A value of the wrong type is
 * an OtlpDecodeError (400), like malformed protobuf.
 */
import { type AttrValue, type Attrs, OTLP_LIMITS, OtlpDecodeError, type OtlpEvent, type OtlpSpan } from './otlp.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(path: string, what: string): never {
  throw new OtlpDecodeError(`the JSON body is not an OTLP trace request: ${path} ${what}`);
}

function list(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(path, 'must be an array');
  return v;
}

function obj(v: unknown, path: string): Obj {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) fail(path, 'must be an object');
  return v;
}

function str(v: unknown, path: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') fail(path, 'must be a string');
  return v;
}

/** An int64 or fixed64 field: a JSON number or a decimal string. */
function int64(v: unknown, path: string): bigint {
  if (v === undefined || v === null) return 0n;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) return BigInt(v);
  fail(path, 'must be an integer (a number or a decimal string)');
}

function id(v: unknown, path: string): string {
  const s = str(v, path);
  if (s && !/^[0-9a-fA-F]+$/.test(s)) fail(path, 'must be hex');
  return s.toLowerCase();
}

function anyValue(v: unknown, path: string, depth: number): AttrValue {
  if (depth > OTLP_LIMITS.valueDepth) throw new OtlpDecodeError(`an attribute value nests more than ${OTLP_LIMITS.valueDepth} arrays or kvlists`);
  const o = obj(v, path);
  if ('stringValue' in o) return str(o.stringValue, `${path}.stringValue`);
  if ('boolValue' in o) {
    if (typeof o.boolValue !== 'boolean') fail(`${path}.boolValue`, 'must be a boolean');
    return o.boolValue;
  }
  if ('intValue' in o) return Number(int64(o.intValue, `${path}.intValue`));
  if ('doubleValue' in o) {
    const d = o.doubleValue;
    if (typeof d === 'number') return d;
    if (d === 'NaN' || d === 'Infinity' || d === '-Infinity') return Number(d);
    if (typeof d === 'string' && d.trim() !== '' && Number.isFinite(Number(d))) return Number(d);
    fail(`${path}.doubleValue`, 'must be a number');
  }
  if ('arrayValue' in o) {
    const values = list(obj(o.arrayValue, `${path}.arrayValue`).values, `${path}.arrayValue.values`);
    return values.slice(0, OTLP_LIMITS.itemsPerList).map((x, i) => anyValue(x, `${path}.arrayValue.values[${i}]`, depth + 1));
  }
  if ('kvlistValue' in o) return attributes(obj(o.kvlistValue, `${path}.kvlistValue`).values, `${path}.kvlistValue.values`, depth + 1);
  if ('bytesValue' in o) return str(o.bytesValue, `${path}.bytesValue`);
  return null;
}

function attributes(v: unknown, path: string, depth = 0): Attrs {
  const out: Attrs = Object.create(null);
  for (const [i, kv] of list(v, path).slice(0, OTLP_LIMITS.itemsPerList).entries()) {
    const o = obj(kv, `${path}[${i}]`);
    out[str(o.key, `${path}[${i}].key`)] = anyValue(o.value, `${path}[${i}].value`, depth);
  }
  return out;
}

function event(v: unknown, path: string): OtlpEvent {
  const o = obj(v, path);
  return { name: str(o.name, `${path}.name`), timeUnixNano: int64(o.timeUnixNano, `${path}.timeUnixNano`), attributes: attributes(o.attributes, `${path}.attributes`) };
}

/** Maps a parsed OTLP/JSON `ExportTraceServiceRequest` to its spans; throws OtlpDecodeError when it is not one. */
export function spansFromJson(body: unknown): OtlpSpan[] {
  if (!isObj(body)) fail('the body', 'must be a JSON object');
  const spans: OtlpSpan[] = [];
  for (const [ri, rsRaw] of list(body.resourceSpans, 'resourceSpans').entries()) {
    const rp = `resourceSpans[${ri}]`;
    const rs = obj(rsRaw, rp);
    const resource = attributes(obj(rs.resource, `${rp}.resource`).attributes, `${rp}.resource.attributes`);
    for (const [si, ssRaw] of list(rs.scopeSpans, `${rp}.scopeSpans`).entries()) {
      const sp = `${rp}.scopeSpans[${si}]`;
      for (const [i, raw] of list(obj(ssRaw, sp).spans, `${sp}.spans`).entries()) {
        const p = `${sp}.spans[${i}]`;
        if (spans.length >= OTLP_LIMITS.spansPerRequest) throw new OtlpDecodeError(`the request carries more than ${OTLP_LIMITS.spansPerRequest} spans; send smaller batches`);
        const s = obj(raw, p);
        spans.push({
          traceId: id(s.traceId, `${p}.traceId`),
          spanId: id(s.spanId, `${p}.spanId`),
          name: str(s.name, `${p}.name`),
          startTimeUnixNano: int64(s.startTimeUnixNano, `${p}.startTimeUnixNano`),
          endTimeUnixNano: int64(s.endTimeUnixNano, `${p}.endTimeUnixNano`),
          attributes: attributes(s.attributes, `${p}.attributes`),
          events: list(s.events, `${p}.events`).slice(0, OTLP_LIMITS.itemsPerList).map((e, ei) => event(e, `${p}.events[${ei}]`)),
          resource,
        });
      }
    }
  }
  return spans;
}
