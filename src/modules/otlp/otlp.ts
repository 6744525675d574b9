/**
 * OTLP/HTTP trace export (`POST /v1/traces`): the decoded request both encodings map to, the
 * answer on the wire, and the limits that bound one request's work.
 *
 * Protocol: https://opentelemetry.io/docs/specs/otlp/ (OTLP/HTTP request and response, failures).
 * Messages: opentelemetry-proto `collector/trace/v1/trace_service.proto`, `trace/v1/trace.proto`,
 * `common/v1/common.proto`, `resource/v1/resource.proto`, and `google/rpc/status.proto`.
 */
import { type Static, Type } from '@sinclair/typebox';

/** An attribute value (OTLP `AnyValue`): int64 as a number, bytes as base64, kvlists as null-prototype objects. */
export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };
/** Attributes by key, on a null-prototype object (keys such as `__proto__` are plain keys). */
export type Attrs = Record<string, AttrValue>;

export interface OtlpEvent {
  name: string;
  timeUnixNano: bigint;
  attributes: Attrs;
}

/** One span with the attributes of its resource (shared by the spans of one `ResourceSpans`). */
export interface OtlpSpan {
  /** Lower-case hex; empty when the sender left it out (such a span is invalid). */
  traceId: string;
  spanId: string;
  name: string;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attrs;
  events: OtlpEvent[];
  resource: Attrs;
}

/** Why a body could not be decoded: the request is answered 400 with this message. */
export class OtlpDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OtlpDecodeError';
  }
}

export const OTLP_LIMITS = {
  /** `AnyValue`s nest arrays and kvlists; GenAI message bodies need about 6 levels. */
  valueDepth: 32,
  /** Spans one request may carry (a 20 MiB body of empty spans would otherwise be millions of objects). */
  spansPerRequest: 100_000,
  /** Attributes of one span, event or kvlist, items of one array, events of one span: more are dropped, as SDKs drop past their limits (128 by default). */
  itemsPerList: 4_096,
  /** Messages one request may store; beyond them spans are rejected (partial success) and the sender told to send smaller batches. */
  messagesPerRequest: 5_000,
  /** Indexed OpenLLMetry attributes (`gen_ai.prompt.N.*`) read per span. */
  indexedMessages: 1_000,
  /** Reasons quoted in a partial success's error message. */
  errorReasons: 3,
} as const;

/** Events are written in chunks of this many, like one ingest request. */
export const OTLP_CHUNK = 1_000;

/** `ExportTraceServiceResponse` in OTLP/JSON (int64 as a decimal string, as the proto3 JSON mapping writes it). */
export const ExportTraceResponseSchema = Type.Object(
  {
    partialSuccess: Type.Optional(
      Type.Object({
        rejectedSpans: Type.String({ description: 'How many spans were rejected (int64, as a decimal string).' }),
        errorMessage: Type.String({ description: 'Why, and how many spans were ignored because they are not GenAI spans.' }),
      }),
    ),
  },
  { description: 'OTLP ExportTraceServiceResponse, in the encoding of the request (application/x-protobuf or application/json).' },
);
export type ExportTraceResponse = Static<typeof ExportTraceResponseSchema>;

/** What one export did, before it is encoded. */
export interface ExportOutcome {
  spans: number;
  /** GenAI spans whose messages were all stored or already stored. */
  accepted: number;
  rejected: number;
  /** Spans that are not GenAI spans: ignored, not rejected. */
  ignored: number;
  /** GenAI spans that carried no message content (content capture off): nothing to store. */
  empty: number;
  /** A few reasons for the rejections, with the span they concern. */
  reasons: string[];
}
