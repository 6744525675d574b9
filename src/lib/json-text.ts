/**
 * An answer already serialised to JSON: a route sends its text as it is, instead of serialising
 * an object through the response schema. For answers written straight from rows (a report's
 * ~1 MB at 1 M turns), where building objects only to serialise them again was most of the time.
 */
export class JsonText {
  /** The JSON as text, or as its UTF-8 bytes (sent without encoding it again). */
  constructor(readonly text: string | Buffer) {}
}
