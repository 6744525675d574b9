/**
 * An incremental JSON splitter: fed text in pieces, it hands out the session elements of a JSON
 * document one by one, tracking only strings and nesting, so memory holds one element at a time.
 */
import { SESSION_LIST_KEYS, TranscriptError } from './formats.js';

const LIST_KEYS = new Set(SESSION_LIST_KEYS);
const MB = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

interface Element {
  line: number;
  text?: string;
  error?: string;
}

/** Incremental splitter of a JSON document into its session elements (see documentRecords). */
export class JsonSplitter {
  private depth = 0;
  private inString = false;
  private escape = false;
  private line = 1;
  private mode: 'start' | 'object' | 'list' | 'after' = 'start';
  private listDepth = 0;
  // Key tracking in a top-level object.
  private expectKey = false;
  private key: string[] | null = null;
  private lastKey = '';
  private pendingList = false;
  // The element being captured (or the whole top-level object until a sessions array shows up).
  private capturing = false;
  private capParts: string[] = [];
  private capLen = 0;
  private capOverflow = false;
  private capLine = 0;
  private capStart = 0;
  private scalar = false;
  private out: Element[] = [];

  constructor(private readonly max: number) {}

  take(): Element[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  private startCapture(i: number) {
    this.capturing = true;
    this.capParts = [];
    this.capLen = 0;
    this.capOverflow = false;
    this.capLine = this.line;
    this.capStart = i;
  }

  private finishCapture(s: string, endExclusive: number) {
    this.append(s, endExclusive);
    this.capturing = false;
    if (this.capOverflow) {
      this.out.push({ line: this.capLine, error: `JSON element is larger than the ${MB(this.max)} limit; skipped` });
    } else {
      this.out.push({ line: this.capLine, text: this.capParts.join('') });
    }
    this.capParts = [];
  }

  private append(s: string, end: number) {
    if (!this.capturing) return;
    const piece = end - this.capStart;
    this.capLen += piece;
    if (this.capLen > this.max) {
      this.capOverflow = true;
      this.capParts = [];
    } else if (piece > 0) this.capParts.push(s.slice(this.capStart, end));
    this.capStart = end;
  }

  feed(s: string): void {
    this.capStart = 0;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        if (this.escape) {
          this.escape = false;
          continue;
        }
        if (c === BACKSLASH) {
          this.escape = true;
          continue;
        }
        if (c !== QUOTE) {
          // Jump to the next quote or backslash: strings are most of a transcript.
          let j = i + 1;
          while (j < n) {
            const d = s.charCodeAt(j);
            if (d === QUOTE || d === BACKSLASH) break;
            j++;
          }
          if (this.key) this.key.push(s.slice(i, j));
          i = j - 1;
          continue;
        }
        this.inString = false;
        if (this.key) {
          this.lastKey = this.key.join('');
          this.key = null;
        }
        continue;
      }
      if (c === NEWLINE) {
        this.line++;
        continue;
      }
      if (c === 32 || c === 9 || c === 13) continue;
      if (this.mode === 'after') {
        continue;
      }
      if (this.mode === 'start') {
        if (c === 91 /* [ */) {
          this.mode = 'list';
          this.depth = 1;
          this.listDepth = 1;
          continue;
        }
        if (c === 123 /* { */) {
          this.mode = 'object';
          this.depth = 1;
          this.expectKey = true;
          this.startCapture(i);
          continue;
        }
        throw new TranscriptError(`a JSON document must start with [ or {, found ${JSON.stringify(s[i])} on line ${this.line}`);
      }
      // Inside a list, at element level: a new element starts here.
      if (this.mode === 'list' && this.depth === this.listDepth && !this.capturing) {
        if (c === 44 /* , */) continue;
        if (c === 93 /* ] */) {
          this.depth--;
          this.mode = 'after';
          continue;
        }
        this.startCapture(i);
        this.scalar = c !== 123 && c !== 91;
        if (c === QUOTE) this.inString = true;
        else if (c === 123 || c === 91) this.depth++;
        continue;
      }
      if (this.mode === 'list' && this.capturing && this.scalar && this.depth === this.listDepth) {
        // A scalar element ends at the next comma or the list's end.
        if (c === 44 || c === 93) {
          this.finishCapture(s, i);
          if (c === 93) {
            this.depth--;
            this.mode = 'after';
          }
          continue;
        }
        if (c === QUOTE) this.inString = true;
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        if (this.mode === 'object' && this.depth === 1 && this.expectKey) {
          this.key = [];
          this.expectKey = false;
        }
        continue;
      }
      if (c === 123 || c === 91) {
        if (this.mode === 'object' && this.depth === 1 && this.pendingList && c === 91) {
          // The sessions array: drop the whole-object capture and stream its elements instead.
          this.capturing = false;
          this.capParts = [];
          this.mode = 'list';
          this.depth = 2;
          this.listDepth = 2;
          this.pendingList = false;
          continue;
        }
        this.pendingList = false;
        this.depth++;
        continue;
      }
      if (c === 125 || c === 93) {
        this.depth--;
        if (this.mode === 'list' && this.capturing && this.depth === this.listDepth) {
          this.finishCapture(s, i + 1);
        } else if (this.mode === 'list' && this.depth < this.listDepth) {
          this.mode = 'after';
        } else if (this.mode === 'object' && this.depth === 0) {
          this.finishCapture(s, i + 1);
          this.mode = 'after';
        }
        continue;
      }
      if (this.mode === 'object' && this.depth === 1) {
        if (c === 58 /* : */) this.pendingList = LIST_KEYS.has(this.lastKey.toLowerCase());
        else if (c === 44 /* , */) {
          this.expectKey = true;
          this.pendingList = false;
        } else this.pendingList = false;
      }
    }
    this.append(s, n);
  }

  end(): void {
    if (this.mode === 'start') throw new TranscriptError('the file is empty', 'BAD_REQUEST');
    if (this.capturing) {
      this.capturing = false;
      this.out.push({ line: this.capLine, error: 'the JSON document ends in the middle of this element (truncated file?)' });
    } else if (this.mode === 'list') {
      this.out.push({ line: this.line, error: 'the JSON array is never closed (truncated file?)' });
    }
  }
}
