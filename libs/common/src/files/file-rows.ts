import { createHash } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import { Readable, Transform } from 'node:stream';
import { TextDecoder } from 'node:util';
import ExcelJS from 'exceljs';
import { readCsv } from './csv-reader';

export type FileFormat = 'csv' | 'xlsx';

export interface FileRow {
  /** 1-based row number as a spreadsheet shows it; the header is row 1. */
  row: number;
  cells: string[];
}

/** Counts bytes and computes the SHA-256 of everything that flows through. */
export class DigestStream extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.push(chunk);
    done();
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

export function formatOf(filename: string | undefined, mimetype?: string): FileFormat | undefined {
  const name = (filename ?? '').toLowerCase();
  if (name.endsWith('.csv') || mimetype === 'text/csv') return 'csv';
  if (
    name.endsWith('.xlsx') ||
    mimetype === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  ) {
    return 'xlsx';
  }
  return undefined;
}

/** What a non-fatal decoder puts in place of bytes it cannot read. */
const REPLACEMENT = '\uFFFD';

const replacements = (text: string) => {
  let n = 0;
  for (let i = text.indexOf(REPLACEMENT); i >= 0; i = text.indexOf(REPLACEMENT, i + 1)) n++;
  return n;
};

/** A decoding stream that tells whether it has met bytes it could not read. */
export type Utf8Decoding = Transform & { replaced: boolean };

/** Valid and invalid UTF-8 sequences of more than one byte (ASCII is valid in both encodings). */
function utf8Sequences(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const n =
      b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = n > 0 && i + n <= bytes.length;
    for (let k = 1; ok && k < n; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += n;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/**
 * The encoding of a CSV file without a BOM, from its first lines. Excel on Chinese Windows
 * saves "CSV" in GB18030; everything else is UTF-8. UTF-8 unless the bytes are mostly not
 * UTF-8 and GB18030 reads them better, as Chinese text: a UTF-8 file with a stray byte stays
 * UTF-8 (so that the byte is found on its row, rather than every Chinese cell read as other
 * characters), and so does one whose only odd bytes are strays (0x80 alone is € in GB18030).
 */
export function sniffEncoding(sample: Uint8Array): 'utf-8' | 'gb18030' {
  const { valid, invalid } = utf8Sequences(sample);
  if (invalid === 0 || valid > invalid) return 'utf-8';
  const gb = new TextDecoder('gb18030').decode(sample);
  // eslint-disable-next-line no-control-regex -- any character outside ASCII, €, U+FFFD
  const chinese = /[^\u0000-\u007f\u20ac\ufffd]/.test(gb);
  return chinese && replacements(gb) < invalid ? 'gb18030' : 'utf-8';
}

/**
 * Decodes a CSV file to text: UTF-8 after a BOM, otherwise as the first 64 KiB say
 * ({@link sniffEncoding}). Bytes the encoding cannot read come out as U+FFFD and `replaced`
 * says so; the rows name them.
 */
export function decodeToUtf8(): Utf8Decoding {
  let decoder: TextDecoder | undefined;
  let head: Buffer[] = [];
  let headLength = 0;
  const decide = () => {
    const sample = Buffer.concat(head);
    let encoding: string = 'utf-8';
    if (!(sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)) {
      // Cut at the last complete line so a multi-byte character split by the sample is not misread.
      const cut = sample.lastIndexOf(0x0a);
      encoding = sniffEncoding(cut > 0 ? sample.subarray(0, cut) : sample);
    }
    decoder = new TextDecoder(encoding);
    return decoder.decode(sample, { stream: true });
  };
  const out = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      let text: string;
      if (decoder) text = decoder.decode(chunk, { stream: true });
      else {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength < 64 * 1024) return done();
        text = decide();
        head = [];
      }
      if (text.includes(REPLACEMENT)) out.replaced = true;
      done(null, text);
    },
    flush(done) {
      const text = (decoder ? '' : decide()) + decoder!.decode();
      if (text.includes(REPLACEMENT)) out.replaced = true;
      done(null, text);
    },
  }) as Utf8Decoding;
  out.replaced = false;
  return out;
}

/** Rows come in batches (one per chunk of input): a million per-row awaits cost seconds. */
export type RowBatches = AsyncGenerator<FileRow[]>;

/** A file that cannot be read as CSV or XLSX at all; the import answers 400 with it. */
export class FileFormatError extends Error {
  constructor(
    readonly row: number,
    reason: string,
    /** The column as headed in the file (or `column N`), when the problem is in one cell. */
    readonly column = '',
  ) {
    super(reason);
  }
}

/**
 * `pipe()` does not pass the source's error on. An upload stopped at its size limit errors its
 * stream (413); without this, the reader would wait for more input forever, and the error
 * would have no listener.
 */
function piped<T extends Transform>(input: Readable, into: T): T {
  input.on('error', (e) => into.destroy(e));
  return input.pipe(into);
}

export async function* csvRows(input: Readable): RowBatches {
  let row = 0;
  let header: string[] | undefined;
  const text = piped(input, decodeToUtf8());
  try {
    for await (const records of readCsv(text as AsyncIterable<string>)) {
      const batch: FileRow[] = [];
      for (const cells of records) {
        row += 1;
        if (cells.length === 0) continue;
        if (text.replaced) undecodable(row, cells, header);
        header ??= cells;
        batch.push({ row, cells });
      }
      yield batch;
    }
  } catch (e) {
    const m = /^row (\d+): (.*)$/.exec((e as Error).message);
    if (m) throw new FileFormatError(Number(m[1]), m[2]);
    throw e;
  }
}

/** Refuses a row holding U+FFFD: bytes of the file no decoder could read, named by cell. */
function undecodable(row: number, cells: string[], header: string[] | undefined): void {
  const c = cells.findIndex((v) => v.includes(REPLACEMENT));
  if (c < 0) return;
  const column = header?.[c]?.trim() || `column ${c + 1}`;
  throw new FileFormatError(
    row,
    'holds bytes that are not UTF-8 text (nor GB18030, for a file without a BOM), or U+FFFD',
    column,
  );
}

/** The header row, and the rows after it. */
export async function splitHeader(
  rows: RowBatches,
): Promise<{ header?: FileRow; body: RowBatches }> {
  for (;;) {
    const next = await rows.next();
    if (next.done) return { body: rows };
    if (next.value.length === 0) continue;
    const [header, ...first] = next.value;
    return {
      header,
      body: (async function* () {
        if (first.length) yield first;
        yield* rows;
      })(),
    };
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
  }
  return String(v);
}

/** The batches of `rows`, or `input`'s error as soon as it has one. */
async function* untilInputFails(input: Readable, rows: RowBatches): RowBatches {
  let fail!: (e: Error) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  input.on('error', fail);
  try {
    for (;;) {
      const next = await Promise.race([rows.next(), failed]);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Not awaited: after an input error `rows` may wait for input that never comes.
    rows.return(undefined).catch(() => undefined);
  }
}

/** Streams the first worksheet of an XLSX file, in batches of rows. */
export async function* xlsxRows(input: Readable): RowBatches {
  try {
    // ExcelJS pipes its input into an unzipper that does not see the input's error.
    yield* untilInputFails(input, xlsxSheet(input));
  } catch (e) {
    // An upload over the size limit stays a 413, not a broken workbook.
    if (e instanceof HttpException) throw e;
    throw new FileFormatError(0, `not a readable XLSX file (${(e as Error).message})`);
  }
}

async function* xlsxSheet(input: Readable): RowBatches {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    let batch: FileRow[] = [];
    for await (const r of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = r.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      if (cells.every((c) => c.trim() === '')) continue;
      batch.push({ row: r.number, cells });
      if (batch.length === 1000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
    // Only the first worksheet holds data; drain the rest without reading it.
    return;
  }
  // No worksheet at all: bytes that are no ZIP archive, or an archive that is no workbook
  // (the reader finds no entry in either and says nothing). Not an empty file.
  throw new Error('it has no worksheet');
}
