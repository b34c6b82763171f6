/**
 * PostgreSQL's COPY … FROM STDIN in text format, the fastest way to write many rows: no
 * parameters to bind, no SQL to parse per row. Used wherever the apps write rows by the
 * thousand (directory imports stage their rows with it, lab uploads write their items).
 * This file encodes rows; copy.repository.ts runs the statement.
 */
export { copyIn, copyInto } from './copy.repository';

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** A text value in COPY text format: backslash, tab, newline and carriage return escaped. */
export function copyText(v: string): string {
  return COPY_SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : v;
}

/** Any column value in COPY text format: null as \N, arrays as array literals. */
export function copyValue(v: string | readonly string[] | number | boolean | null): string {
  if (v === null) return '\\N';
  if (Array.isArray(v))
    return copyText(`{${v.map((x: string) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return copyText(String(v));
}

/**
 * Rows in COPY text format written straight into buffers: no row strings to concatenate,
 * flatten and encode again, which costs more than the database's side of a large COPY.
 * Rows may straddle two buffers; COPY reads a byte stream.
 */
export class CopyBuffer {
  private buf: Buffer;
  private at = 0;
  private filled: Buffer[] = [];

  constructor(private readonly size = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** A text value, escaped, or \\N for null. */
  text(v: string | null): this {
    if (v === null) {
      this.room(2);
      this.buf[this.at++] = 0x5c; // \
      this.buf[this.at++] = 0x4e; // N
      return this;
    }
    this.room(v.length * 3);
    // Short ASCII values (most results: '0.05', 'ND') byte by byte; the rest through the
    // encoder. Either way escaped as COPY text wants.
    if (v.length <= 32) {
      const start = this.at;
      let i = 0;
      for (; i < v.length; i++) {
        const c = v.charCodeAt(i);
        if (c >= 0x80 || c === 0x5c || c === 0x09 || c === 0x0a || c === 0x0d) break;
        this.buf[this.at++] = c;
      }
      if (i === v.length) return this;
      this.at = start;
    }
    this.at += this.buf.write(copyText(v), this.at, 'utf8');
    return this;
  }

  /** Text known to be ASCII and to need no escaping: numbers, UUIDs, enum values. */
  ascii(v: string): this {
    this.room(v.length);
    this.at += this.buf.write(v, this.at, 'latin1');
    return this;
  }

  /** Bytes already in COPY text format (a value encoded once and repeated). */
  bytes(b: Buffer): this {
    this.room(b.length);
    this.at += b.copy(this.buf, this.at);
    return this;
  }

  /** The column separator. */
  tab(): this {
    this.room(1);
    this.buf[this.at++] = 0x09;
    return this;
  }

  /** The end of a row. */
  end(): this {
    this.room(1);
    this.buf[this.at++] = 0x0a;
    return this;
  }

  /** The buffers filled so far, handed over (and forgotten here). */
  full(): Buffer[] {
    const out = this.filled;
    this.filled = [];
    return out;
  }

  /** Everything not handed over yet, the last buffer included. */
  finish(): Buffer[] {
    const out = this.full();
    if (this.at > 0) out.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(0);
    this.at = 0;
    return out;
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    if (this.at > 0) this.filled.push(this.buf.subarray(0, this.at));
    this.buf = Buffer.allocUnsafe(Math.max(this.size, n));
    this.at = 0;
  }
}
