import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { FileFormatError, FileRow, csvRows, sniffEncoding, xlsxRows } from './file-rows';

/** GB18030 of text whose non-ASCII characters all have two-byte codes (the WHATWG table). */
function gb18030(s: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  return Buffer.from(
    [...s].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)),
  );
}

async function rows(bytes: Buffer): Promise<FileRow[]> {
  const out: FileRow[] = [];
  for await (const batch of csvRows(Readable.from([bytes]))) out.push(...batch);
  return out;
}

const failure = (bytes: Buffer) =>
  rows(bytes).then(
    () => undefined,
    (e: unknown) => (e instanceof FileFormatError ? { row: e.row, column: e.column } : e),
  );

const TEXT = '统一社会信用代码,企业名称\n91150102MA0000000X,呼和浩特市乳业有限公司\n';

describe('sniffEncoding', () => {
  it('reads GB18030 as GB18030, and UTF-8 as UTF-8', () => {
    expect(sniffEncoding(gb18030(TEXT))).toBe('gb18030');
    expect(sniffEncoding(Buffer.from(TEXT))).toBe('utf-8');
  });

  it('keeps a UTF-8 file with a stray byte UTF-8, so the byte is found where it is', () => {
    const stray = Buffer.concat([Buffer.from(TEXT), Buffer.from([0x80]), Buffer.from('\n')]);
    expect(sniffEncoding(stray)).toBe('utf-8');
  });

  it('does not take stray bytes in ASCII for GB18030 (0x80 alone would be €)', () => {
    expect(sniffEncoding(Buffer.from([0x61, 0x2c, 0x80, 0x0a]))).toBe('utf-8');
  });
});

describe('csvRows and bytes no decoder reads', () => {
  const header = 'uscc,name\n';

  it('names the row and the column, as headed, of the bytes', async () => {
    const file = Buffer.concat([
      Buffer.from(`${header}91150102MA0000000X,甲\n\n91150102MA0000001X,乙`),
      Buffer.from([0xff]),
      Buffer.from('\n'),
    ]);
    expect(await failure(file)).toEqual({ row: 4, column: 'name' });
  });

  it('after a BOM, names bytes that are not UTF-8 even where GB18030 would read them', async () => {
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`${header}91150102MA0000000X,`),
      Buffer.from([0xc4, 0xe3]),
      Buffer.from('\n'),
    ]);
    expect(await failure(file)).toEqual({ row: 2, column: 'name' });
  });

  it('names a column by its number in the header row', async () => {
    const file = Buffer.concat([Buffer.from('uscc,'), Buffer.from([0x80]), Buffer.from('\n')]);
    expect(await failure(file)).toEqual({ row: 1, column: 'column 2' });
  });

  it('reads a GB18030 file whole', async () => {
    expect((await rows(gb18030(TEXT))).map((r) => r.cells)).toEqual([
      ['统一社会信用代码', '企业名称'],
      ['91150102MA0000000X', '呼和浩特市乳业有限公司'],
    ]);
  });
});

describe('xlsxRows', () => {
  /** The bytes as an upload arrives: a byte stream, not one object. */
  const upload = (bytes: Buffer) =>
    new Readable({
      read() {
        if (bytes.length) this.push(bytes);
        this.push(null);
      },
    });
  const read = async (bytes: Buffer) => {
    const out: FileRow[] = [];
    for await (const batch of xlsxRows(upload(bytes))) out.push(...batch);
    return out;
  };
  const failure = (bytes: Buffer) =>
    read(bytes).then(
      () => undefined,
      (e: unknown) =>
        e instanceof FileFormatError ? { row: e.row, workbook: /XLSX/.test(e.message) } : e,
    );

  it('refuses bytes with no worksheet as no workbook, not as an empty file', async () => {
    for (const bytes of [
      Buffer.from([0xfe, 0x59, 0x9d, 0x17]),
      Buffer.alloc(0),
      Buffer.concat([Buffer.from('PK\u0005\u0006'), Buffer.alloc(18, 0)]),
    ])
      expect(await failure(bytes)).toEqual({ row: 0, workbook: true });
  });

  it('reads a workbook whose worksheet is empty as no rows', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('empty');
    expect(await read(Buffer.from(await book.xlsx.writeBuffer()))).toEqual([]);
  });
});
