/**
 * Streaming RFC 4180 reader for the bulk import path. csv-parse walks the input one character at a
 * time through a generic state machine and costs several seconds per million rows; this reader
 * jumps between delimiters with indexOf and cuts fields out with slice, so unquoted fields are
 * never built character by character.
 *
 * Semantics follow csv-parse with `{ bom: true, relax_column_count: true }` and
 * `record_delimiter: ['\r\n', '\n', '\r']`, except that a quote inside an unquoted field is kept
 * literally instead of being an error, and a blank line comes out as an empty record (csv-parse
 * with `skip_empty_lines` drops it) so that row numbers match the spreadsheet.
 */

export interface ReadCsvOptions {
  /** Longest record accepted, counted in characters of the raw text without its line break. */
  maxRecordChars?: number;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const BOM = 0xfeff;

const enum State {
  /** Between records; CR and LF here are empty lines and skipped. */
  RecordStart,
  /** After a comma; the next character opens a field. */
  FieldStart,
  Unquoted,
  Quoted,
  /** Inside a quoted field, a quote was the last character of the chunk: closing or `""`. */
  QuoteAtChunkEnd,
}

/**
 * Parser state that survives a chunk boundary. Only the unfinished field is carried as text, never
 * the unfinished record, so each input character is scanned once however many chunks a long
 * quoted field spans.
 */
class CsvReader {
  private state = State.RecordStart;
  private record: string[] = [];
  /** Text of the unfinished field from earlier chunks, with `""` already unescaped. */
  private partial = '';
  /** Characters of the unfinished record that lay in earlier chunks. */
  private carried = 0;
  /** Rows completed so far, blank lines included; errors name row `completed + 1`. */
  private completed = 0;
  /** The last line break seen was a CR, so an LF right after it only completes a CRLF. */
  private lastCR = false;

  constructor(private readonly maxRecordChars: number) {}

  /** Appends every record completed by `s` to `out`. */
  feed(s: string, out: string[][]): void {
    const n = s.length;
    const max = this.maxRecordChars;
    let state = this.state;
    let record = this.record;
    let partial = this.partial;
    let carried = this.carried;
    // Where the current record began in `s`; 0 when it began in an earlier chunk.
    let recordStart = 0;
    // Where the current field's not-yet-copied text begins in `s`.
    let from = 0;
    let i = 0;
    // Next comma, LF and CR at or after the last lookup. A position inside a quoted field goes
    // stale once the field is passed and is looked up again, so each search covers new ground.
    let comma = -1;
    let lf = -1;
    let cr = -1;

    for (;;) {
      if (state === State.RecordStart) {
        // Blank lines are handed over as empty records so row numbers stay those a
        // spreadsheet shows; the caller skips them.
        while (i < n) {
          const c = s.charCodeAt(i);
          if (c !== LF && c !== CR) break;
          i++;
          if (c === LF && this.lastCR) {
            this.lastCR = false;
            continue;
          }
          this.lastCR = c === CR;
          this.completed++;
          out.push([]);
        }
        if (i >= n) break;
        record = [];
        carried = 0;
        recordStart = i;
        state = State.FieldStart;
      }

      if (state === State.FieldStart) {
        if (i >= n) break;
        if (s.charCodeAt(i) === QUOTE) {
          i++;
          state = State.Quoted;
        } else {
          state = State.Unquoted;
        }
        from = i;
      }

      if (state === State.Unquoted) {
        if (comma < i) {
          comma = s.indexOf(',', i);
          if (comma < 0) comma = n;
        }
        if (lf < i) {
          lf = s.indexOf('\n', i);
          if (lf < 0) lf = n;
        }
        if (cr < i) {
          cr = s.indexOf('\r', i);
          if (cr < 0) cr = n;
        }
        let end = comma < lf ? comma : lf;
        if (cr < end) end = cr;
        if (end >= n) {
          partial += s.slice(from);
          break;
        }
        if (partial.length === 0) {
          record.push(s.slice(from, end));
        } else {
          record.push(partial + s.slice(from, end));
          partial = '';
        }
        i = end + 1;
        if (s.charCodeAt(end) === COMMA) {
          state = State.FieldStart;
        } else {
          this.lastCR = s.charCodeAt(end) === CR;
          this.endRecord(record, carried + end - recordStart, out);
          state = State.RecordStart;
        }
        continue;
      }

      if (state === State.Quoted) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          partial += s.slice(from);
          break;
        }
        if (q + 1 >= n) {
          partial += s.slice(from, q);
          state = State.QuoteAtChunkEnd;
          break;
        }
        const next = s.charCodeAt(q + 1);
        if (next === QUOTE) {
          partial += s.slice(from, q + 1);
          i = q + 2;
          from = i;
          continue;
        }
        if (partial.length === 0) {
          record.push(s.slice(from, q));
        } else {
          record.push(partial + s.slice(from, q));
          partial = '';
        }
        i = q + 2;
        if (next === COMMA) {
          state = State.FieldStart;
        } else if (next === LF || next === CR) {
          this.lastCR = next === CR;
          this.endRecord(record, carried + q + 1 - recordStart, out);
          state = State.RecordStart;
        } else {
          throw this.error('unexpected character after closing quote');
        }
        continue;
      }

      // State.QuoteAtChunkEnd: only reachable at the start of a chunk.
      if (i >= n) break;
      const next = s.charCodeAt(i);
      if (next === QUOTE) {
        partial += '"';
        i++;
        from = i;
        state = State.Quoted;
        continue;
      }
      record.push(partial);
      partial = '';
      i++;
      if (next === COMMA) {
        state = State.FieldStart;
      } else if (next === LF || next === CR) {
        this.lastCR = next === CR;
        this.endRecord(record, carried, out);
        state = State.RecordStart;
      } else {
        throw this.error('unexpected character after closing quote');
      }
    }

    if (state !== State.RecordStart) {
      carried += n - recordStart;
      // Checked per chunk, not only at the record's end, so a stray quote cannot make the
      // reader hold the rest of the file.
      if (carried > max) throw this.error(`record longer than ${max} characters`);
    }
    this.state = state;
    this.record = record;
    this.partial = partial;
    this.carried = carried;
  }

  /** Completes the last record when the input does not end with a line break. */
  end(out: string[][]): void {
    switch (this.state) {
      case State.RecordStart:
        return;
      case State.Quoted:
        throw this.error('unterminated quoted field');
      default:
        // A field after a trailing comma is empty; an unquoted or closed quoted field is `partial`.
        this.record.push(this.partial);
        this.partial = '';
        this.endRecord(this.record, this.carried, out);
        this.state = State.RecordStart;
    }
  }

  private endRecord(record: string[], length: number, out: string[][]): void {
    if (length > this.maxRecordChars) {
      throw this.error(`record longer than ${this.maxRecordChars} characters`);
    }
    this.completed++;
    out.push(record);
  }

  private error(reason: string): Error {
    return new Error(`row ${this.completed + 1}: ${reason}`);
  }
}

/**
 * Yields records (arrays of field strings) from text chunks, one batch per chunk; a blank line
 * is an empty array, so the caller can number rows as a spreadsheet does and skip those.
 */
export async function* readCsv(
  chunks: AsyncIterable<string>,
  opts?: ReadCsvOptions,
): AsyncGenerator<string[][]> {
  const reader = new CsvReader(opts?.maxRecordChars ?? 65536);
  let first = true;
  for await (let chunk of chunks) {
    if (first && chunk.length > 0) {
      first = false;
      if (chunk.charCodeAt(0) === BOM) chunk = chunk.slice(1);
    }
    const batch: string[][] = [];
    try {
      reader.feed(chunk, batch);
    } catch (e) {
      // The records before the bad one are good; hand them over as csv-parse would have.
      if (batch.length > 0) yield batch;
      throw e;
    }
    // One batch per chunk keeps the generator's per-yield cost off the per-record path.
    if (batch.length > 0) yield batch;
  }
  const last: string[][] = [];
  reader.end(last);
  if (last.length > 0) yield last;
}
