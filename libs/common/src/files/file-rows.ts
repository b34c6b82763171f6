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

/**
 * Excel on Chinese Windows saves "CSV" in GB18030 without a BOM; UTF-8 files may or may not
 * carry one. The first 64 KiB decide: valid UTF-8 (or a BOM) means UTF-8, anything else GB18030.
 */
export function decodeToUtf8(): Transform {
  let decoder: TextDecoder | undefined;
  let head: Buffer[] = [];
  let headLength = 0;
  const decide = () => {
    const sample = Buffer.concat(head);
    let encoding = 'utf-8';
    if (!(sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)) {
      // Cut at the last complete line so a multi-byte character split by the sample is not misread.
      const cut = sample.lastIndexOf(0x0a);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(
          cut > 0 ? sample.subarray(0, cut) : sample,
        );
      } catch {
        encoding = 'gb18030';
      }
    }
    decoder = new TextDecoder(encoding);
    return decoder.decode(sample, { stream: true });
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      if (decoder) return done(null, decoder.decode(chunk, { stream: true }));
      head.push(chunk);
      headLength += chunk.length;
      if (headLength < 64 * 1024) return done();
      const text = decide();
      head = [];
      done(null, text);
    },
    flush(done) {
      const text = decoder ? '' : decide();
      done(null, text + decoder!.decode());
    },
  });
}

/** Rows come in batches (one per chunk of input): a million per-row awaits cost seconds. */
export type RowBatches = AsyncGenerator<FileRow[]>;

/** A file that cannot be read as CSV or XLSX at all; the import answers 400 with it. */
export class FileFormatError extends Error {
  constructor(
    readonly row: number,
    reason: string,
  ) {
    super(reason);
  }
}

export async function* csvRows(input: Readable): RowBatches {
  let row = 0;
  try {
    for await (const records of readCsv(input.pipe(decodeToUtf8()) as AsyncIterable<string>)) {
      const batch: FileRow[] = [];
      for (const cells of records) {
        row += 1;
        if (cells.length > 0) batch.push({ row, cells });
      }
      yield batch;
    }
  } catch (e) {
    const m = /^row (\d+): (.*)$/.exec((e as Error).message);
    if (m) throw new FileFormatError(Number(m[1]), m[2]);
    throw e;
  }
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

/** Streams the first worksheet of an XLSX file, in batches of rows. */
export async function* xlsxRows(input: Readable): RowBatches {
  try {
    yield* xlsxSheet(input);
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
    break;
  }
}
