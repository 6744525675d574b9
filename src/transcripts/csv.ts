/** CSV transcripts: header recognition (liberal about column names) and the delimiter. */

export interface CsvColumns {
  session?: number;
  role?: number;
  content?: number;
  timestamp?: number;
  model?: number;
  user?: number;
  documents?: number;
  tools?: number;
  messageId?: number;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs?: number;
}

/** Normalised header name (lowercase letters and digits only) → field. */
const HEADER_NAMES: Record<keyof CsvColumns, string[]> = {
  session: ['sessionid', 'session', 'conversationid', 'conversation', 'chatid', 'threadid', 'dialogid', 'dialogueid', 'convid'],
  role: ['role', 'from', 'speaker', 'author', 'sender', 'authorrole'],
  content: ['content', 'text', 'value', 'message', 'body', 'messagetext', 'utterance'],
  timestamp: ['timestamp', 'createdat', 'time', 'date', 'datetime', 'ts', 'sentat', 'createtime'],
  model: ['model', 'modelname', 'modelslug'],
  user: ['user', 'userid', 'enduser', 'enduserid', 'customerid'],
  documents: ['documents', 'docs', 'sources'],
  tools: ['tools', 'toolcalls'],
  messageId: ['messageid', 'msgid', 'id'],
  inputTokens: ['inputtokens', 'prompttokens', 'tokensin'],
  outputTokens: ['outputtokens', 'completiontokens', 'tokensout'],
  latencyMs: ['latencyms', 'latency', 'durationms', 'responsetimems'],
};

export function normaliseHeader(name: string): string {
  return name.trim().replace(/^\uFEFF/, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

const DELIMITERS = [',', ';', '\t', '|'];

/** The delimiter of a header line: the candidate that splits it into the most columns, if any. */
export function detectDelimiter(headerLine: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = splitHeader(headerLine, d).length;
    if (n > bestCount && n > 1) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

function splitHeader(line: string, delimiter: string): string[] {
  return line.replace(/\r$/, '').split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

export function headerCells(line: string): string[] {
  const d = detectDelimiter(line) ?? ',';
  return splitHeader(line, d);
}

export function columnsOf(cells: string[]): CsvColumns {
  const out: CsvColumns = {};
  const names = cells.map(normaliseHeader);
  for (const [field, accepted] of Object.entries(HEADER_NAMES) as [keyof CsvColumns, string[]][]) {
    // Earlier names in the list win (session_id before a bare "conversation").
    for (const a of accepted) {
      const i = names.indexOf(a);
      if (i !== -1 && !Object.values(out).includes(i)) {
        out[field] = i;
        break;
      }
    }
  }
  return out;
}

export function csvColumns(headerLine: string): CsvColumns {
  return columnsOf(headerCells(headerLine));
}

/**
 * Splits one CSV record (possibly spanning lines) into fields, RFC 4180 style: `""` inside a
 * quoted field is a quote; a stray quote inside an unquoted field is kept as text.
 */
export function splitCsvRecord(record: string, delimiter: string): string[] {
  const fields: string[] = [];
  let i = 0;
  const n = record.length;
  for (;;) {
    if (i < n && record[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = record.indexOf('"', i);
        if (q === -1) {
          value += record.slice(i);
          i = n;
          break;
        }
        value += record.slice(i, q);
        if (record[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Text between the closing quote and the delimiter is kept (lenient).
      const d = record.indexOf(delimiter, i);
      const tail = d === -1 ? record.slice(i) : record.slice(i, d);
      fields.push(value + tail.replace(/\r$/, ''));
      if (d === -1) return fields;
      i = d + delimiter.length;
    } else {
      const d = record.indexOf(delimiter, i);
      if (d === -1) {
        fields.push(record.slice(i).replace(/\r$/, ''));
        return fields;
      }
      fields.push(record.slice(i, d));
      i = d + delimiter.length;
    }
  }
}

export function countQuotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) n++;
  return n;
}
