import fc from 'fast-check';

/**
 * Hostile files for the import routes (test/hostile-fuzz.e2e-spec.ts): each made from a valid
 * CSV of the route (its header and one data row) by one change, with the answer it must get and
 * where that answer must point (a row, and a column as headed in the file, or the file itself).
 */

export interface FileCase {
  label: string;
  filename: string;
  content: Buffer;
  status: 400 | 413;
  /** The row the answer names (1 is the header; 0 the file as a whole) and its column if one. */
  at: { row: number; column?: string } | { field: 'file' };
}

/** The header and the first data row of a CSV. */
export function csvParts(text: string): { header: string[]; row: string[] } {
  const [header, row] = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  return { header: header.split(','), row: row.split(',') };
}

/** The file of a multipart body built by test/support/app.ts's multipart(). */
export function filePart(payload: Buffer): string {
  const start = payload.indexOf('\r\n\r\n') + 4;
  const end = payload.lastIndexOf('\r\n--');
  return payload.subarray(start, end).toString('utf8');
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** Bytes no decoder of the imports (UTF-8, or GB18030 for a file that is not UTF-8) can read. */
const UNDECODABLE = [[0x80], [0xff], [0x80, 0x80], [0xff, 0x80]] as const;
/** Bytes that are not UTF-8 but are GB18030: undecodable only in a file declared UTF-8 by a BOM. */
const NOT_UTF8 = [
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xe4, 0xbd, 0x2c],
  [0xf8, 0x88, 0x80],
] as const;

interface Shape {
  bom: boolean;
  eol: '\n' | '\r\n';
  /** Blank lines between the valid row and the changed one: they count as rows. */
  blanks: number;
}
const shape: fc.Arbitrary<Shape> = fc.record({
  bom: fc.boolean(),
  eol: fc.constantFrom<Shape['eol']>('\n', '\r\n'),
  blanks: fc.integer({ min: 0, max: 2 }),
});

/** The file: header, the valid row, `blanks` blank lines, then `bad` (as bytes), then more. */
function file(s: Shape, lines: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = s.bom ? [BOM] : [];
  lines.forEach((l, i) => {
    parts.push(typeof l === 'string' ? utf8(l) : l);
    if (i < lines.length - 1) parts.push(utf8(s.eol));
  });
  parts.push(utf8(s.eol));
  return Buffer.concat(parts);
}

/** Row number of the line after the header, the valid row and `blanks` blank lines. */
const badRow = (s: Shape) => 3 + s.blanks;

/** A data row with cell `c` replaced by `cell` (bytes, so that it may be undecodable). */
function rowWith(row: string[], c: number, cell: Buffer): Buffer {
  const before = row
    .slice(0, c)
    .map((v) => `${v},`)
    .join('');
  const after = row
    .slice(c + 1)
    .map((v) => `,${v}`)
    .join('');
  return Buffer.concat([utf8(before), cell, utf8(after)]);
}

/** Hostile files for an import whose valid CSV has `header` and a data row `row`. */
export function hostileFiles(
  header: string[],
  row: string[],
  limitBytes: number,
): fc.Arbitrary<FileCase> {
  const csv = (label: string, content: Buffer, at: FileCase['at'], status: 400 | 413 = 400) => ({
    label,
    filename: 'hostile.csv',
    content,
    status,
    at,
  });
  const cols = header.length;
  const column = fc.integer({ min: 0, max: cols - 1 });
  const blankLines = (s: Shape) => Array.from({ length: s.blanks }, () => '');
  return fc.oneof(
    // The same column twice: which of the two holds the value is anybody's guess.
    fc
      .tuple(shape, column)
      .map(([s, c]) =>
        csv(
          `column ${header[c]} twice`,
          file(s, [[...header, header[c]].join(','), [...row, row[c]].join(',')]),
          { row: 1, column: header[c] },
        ),
      ),
    // Bytes no decoder reads, in a data cell or in the header.
    fc
      .tuple(shape, column, fc.constantFrom(...UNDECODABLE), fc.boolean())
      .map(([s, c, bytes, inHeader]) => {
        const cell = Buffer.concat([utf8(inHeader ? header[c] : row[c]), Buffer.from(bytes)]);
        return inHeader
          ? csv(
              `bytes ${Buffer.from(bytes).toString('hex')} in header ${header[c]}`,
              file(s, [rowWith(header, c, cell), row.join(',')]),
              { row: 1 },
            )
          : csv(
              `bytes ${Buffer.from(bytes).toString('hex')} in row ${badRow(s)} ${header[c]}`,
              file(s, [header.join(','), row.join(','), ...blankLines(s), rowWith(row, c, cell)]),
              { row: badRow(s), column: header[c] },
            );
      }),
    // Not UTF-8 in a file whose BOM says it is.
    fc.tuple(shape, column, fc.constantFrom(...NOT_UTF8)).map(([s, c, bytes]) => {
      const t = { ...s, bom: true };
      const cell = Buffer.concat([utf8(row[c]), Buffer.from(bytes)]);
      return csv(
        `not UTF-8 (${Buffer.from(bytes).toString('hex')}) after a BOM, row ${badRow(t)} ${header[c]}`,
        file(t, [header.join(','), row.join(','), ...blankLines(t), rowWith(row, c, cell)]),
        { row: badRow(t), column: header[c] },
      );
    }),
    // A NUL, which PostgreSQL text cannot hold; a control character, which XLSX cannot; U+FFFD,
    // what a decoder puts for bad bytes.
    fc
      .tuple(shape, column, fc.constantFrom('\u0000', '\u0001', '\u001b', '\ufffd'))
      .map(([s, c, ch]) =>
        csv(
          `${JSON.stringify(ch)} in row ${badRow(s)} ${header[c]}`,
          file(s, [
            header.join(','),
            row.join(','),
            ...blankLines(s),
            rowWith(row, c, utf8(`${row[c]}${ch}`)),
          ]),
          { row: badRow(s), column: header[c] },
        ),
      ),
    // The key column left blank, or only white space.
    fc
      .tuple(shape, fc.constantFrom('', ' ', '\u3000'))
      .map(([s, blank]) =>
        csv(
          `blank ${header[0]} in row ${badRow(s)}`,
          file(s, [
            header.join(','),
            row.join(','),
            ...blankLines(s),
            rowWith(row, 0, utf8(blank)),
          ]),
          { row: badRow(s), column: header[0] },
        ),
      ),
    // Another delimiter: the header is one column, and the required ones are missing.
    fc.tuple(shape, fc.constantFrom(';', '\t', '|', '，')).map(([s, d]) =>
      csv(`delimited by ${JSON.stringify(d)}`, file(s, [header.join(d), row.join(d)]), {
        row: 1,
      }),
    ),
    // A line longer than any record may be.
    fc
      .tuple(shape, column, fc.integer({ min: 65_537, max: 200_000 }))
      .map(([s, c, n]) =>
        csv(
          `${n} characters in row ${badRow(s)}`,
          file(s, [
            header.join(','),
            row.join(','),
            ...blankLines(s),
            rowWith(row, c, utf8('a'.repeat(n))),
          ]),
          { row: badRow(s) },
        ),
      ),
    // A quote never closed.
    fc
      .tuple(shape, column)
      .map(([s, c]) =>
        csv(
          `unterminated quote in row ${badRow(s)}`,
          file(s, [
            header.join(','),
            row.join(','),
            ...blankLines(s),
            rowWith(row, c, utf8(`"${row[c]}`)),
          ]),
          { row: badRow(s) },
        ),
      ),
    // Nothing to read: no bytes, a BOM alone, blank lines; a header with no rows.
    fc
      .constantFrom(
        Buffer.alloc(0),
        BOM,
        utf8('\n\n'),
        utf8('\r\n'),
        Buffer.concat([BOM, utf8('\n')]),
      )
      .map((content) =>
        csv(`empty (${content.toString('hex') || 'no bytes'})`, content, { row: 1 }),
      ),
    shape.map((s) =>
      csv('header without rows', file({ ...s, blanks: 0 }, [header.join(',')]), { row: 2 }),
    ),
    // Text in UTF-16, as some tools save "Unicode text".
    fc
      .constantFrom('utf16le' as const)
      .map((enc) =>
        csv(
          'UTF-16 with its BOM',
          Buffer.concat([
            Buffer.from([0xff, 0xfe]),
            Buffer.from(`${header.join(',')}\n${row.join(',')}\n`, enc),
          ]),
          { row: 1 },
        ),
      ),
    // Whatever is named .xlsx but is no workbook.
    fc
      .oneof(
        fc.uint8Array({ minLength: 0, maxLength: 2048 }).map((b) => Buffer.from(b)),
        fc.constant(utf8(`${header.join(',')}\n${row.join(',')}\n`)),
        fc.constant(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 0)])),
        // An empty ZIP archive: no worksheet in it.
        fc.constant(Buffer.concat([Buffer.from('PK\u0005\u0006'), Buffer.alloc(18, 0)])),
      )
      .map((content) => ({
        label: `no workbook (${content.length} bytes) named .xlsx`,
        filename: 'hostile.xlsx',
        content,
        status: 400 as const,
        at: { row: 0 },
      })),
    // A file of a type no import reads.
    fc.constantFrom('hostile.txt', 'hostile', 'hostile.csv.exe', 'hostile.xls').map((filename) => ({
      label: `named ${filename}`,
      filename,
      content: utf8(`${header.join(',')}\n${row.join(',')}\n`),
      status: 400 as const,
      at: { field: 'file' as const },
    })),
    // Larger than the limit, in rows that would each be read.
    fc.constant(null).map(() => {
      const line = `${row.join(',')}\n`;
      const copies = Math.ceil((limitBytes + 1) / Buffer.byteLength(line)) + 1;
      return csv(
        `over the limit of ${limitBytes} bytes`,
        Buffer.concat([utf8(`${header.join(',')}\n`), utf8(line.repeat(copies))]),
        { field: 'file' },
        413,
      );
    }),
  );
}
