/**
 * A protobuf writer for test and benchmark input, written from the wire format (varint tags and
 * lengths, fixed64 times), not from the decoder under test. Each function returns the bytes of one
 * field: `len(2, str(1, 'a'))` is field 2 holding a message whose field 1 is the string "a".
 */
export const varint = (n: number | bigint): number[] => {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  return [...out, Number(v)];
};
export const len = (field: number, bytes: number[]) => [...varint((field << 3) | 2), ...varint(bytes.length), ...bytes];
export const str = (field: number, s: string) => len(field, [...Buffer.from(s, 'utf8')]);
export const fixed64 = (field: number, v: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(v);
  return [...varint((field << 3) | 1), ...b];
};
export const int = (field: number, v: number | bigint) => [...varint(field << 3), ...varint(v)];
export const double = (field: number, v: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(v);
  return [...varint((field << 3) | 1), ...b];
};
/** An OTLP KeyValue: the key, then the AnyValue `value` holds. */
export const kv = (key: string, value: number[]) => [...str(1, key), ...len(2, value)];
