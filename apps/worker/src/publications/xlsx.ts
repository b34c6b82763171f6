import { promisify } from 'node:util';
import { crc32, deflateRaw } from 'node:zlib';

const deflate = promisify(deflateRaw);

/** One worksheet: its name, its columns' widths (in characters) and its rows of cells. */
export interface XlsxSheet {
  name: string;
  widths: readonly number[];
  rows: Iterable<readonly (string | number)[]>;
}

export interface XlsxBook {
  creator: string;
  created: Date;
  sheets: readonly XlsxSheet[];
}

/**
 * A workbook as an Office Open XML spreadsheet (.xlsx): each sheet's cells as text or numbers,
 * the text once in the shared strings, no styles beyond the default one, the parts deflated
 * into a ZIP container. Written directly rather than through a spreadsheet library: a list of
 * 100,000 rows is 1.8 million cells, and exceljs' streaming writer spent most of a render's CPU
 * time building their XML one object at a time.
 */
export async function xlsxWorkbook(book: XlsxBook): Promise<Buffer> {
  const strings = new Map<string, number>();
  const sheetXml = book.sheets.map((s) => sheetPart(s, strings));
  const parts: [string, Buffer][] = [
    ['[Content_Types].xml', xml(contentTypes(book.sheets.length))],
    ['_rels/.rels', xml(ROOT_RELS)],
    ['docProps/core.xml', xml(coreProps(book))],
    ['xl/workbook.xml', xml(workbook(book.sheets))],
    ['xl/_rels/workbook.xml.rels', xml(workbookRels(book.sheets.length))],
    ['xl/styles.xml', xml(STYLES)],
    ['xl/sharedStrings.xml', sharedStrings(strings)],
    ...sheetXml.map((b, i): [string, Buffer] => [`xl/worksheets/sheet${i + 1}.xml`, b]),
  ];
  // Deflated on the thread pool, side by side; level 3 gives about what 6 does in half the time.
  const packed = await Promise.all(
    parts.map(async ([name, data]) => ({
      name,
      data,
      deflated: await deflate(data, { level: 3 }),
    })),
  );
  return zip(packed, book.created);
}

const xml = (body: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`, 'utf8');

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

function contentTypes(sheets: number): string {
  let s =
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>';
  for (let i = 1; i <= sheets; i++)
    s += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
  return `${s}</Types>`;
}

const ROOT_RELS =
  `<Relationships xmlns="${PKG_REL}">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

function coreProps(book: XlsxBook): string {
  const when = book.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${escapeText(book.creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    '</cp:coreProperties>'
  );
}

function workbook(sheets: readonly XlsxSheet[]): string {
  const list = sheets
    .map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  return `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${list}</sheets></workbook>`;
}

function workbookRels(sheets: number): string {
  let s = `<Relationships xmlns="${PKG_REL}">`;
  for (let i = 1; i <= sheets; i++)
    s += `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  s += `<Relationship Id="rId${sheets + 1}" Type="${REL}/styles" Target="styles.xml"/>`;
  s += `<Relationship Id="rId${sheets + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`;
  return `${s}</Relationships>`;
}

/** The one default style every workbook needs. */
const STYLES =
  `<styleSheet xmlns="${MAIN}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** A, B, …, Z, AA, … */
function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The sheet's XML, its text cells pointing into `strings` (added to as they come). */
function sheetPart(sheet: XlsxSheet, strings: Map<string, number>): Buffer {
  const cols = sheet.widths
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
    .join('');
  const out = new AsciiWriter();
  out.text(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${cols && `<cols>${cols}</cols>`}<sheetData>`,
  );
  // The text is in the shared strings: a sheet is ASCII markup and numbers, written as bytes
  // (building 1.8 million cells as strings cost more than all the rest of the workbook).
  const names: Uint8Array[] = [];
  let r = 0;
  for (const row of sheet.rows) {
    r++;
    out.bytes(ROW_OPEN);
    out.int(r);
    out.bytes(QUOTE_CLOSE);
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      let k: number;
      if (typeof v === 'number') k = -1;
      else if (v === '') continue;
      else {
        const known = strings.get(v);
        if (known === undefined) strings.set(v, (k = strings.size));
        else k = known;
      }
      out.bytes(CELL_OPEN);
      out.bytes((names[c] ??= Buffer.from(columnName(c), 'latin1')));
      out.int(r);
      if (k < 0) {
        out.bytes(NUMBER_VALUE);
        out.text(String(v));
      } else {
        out.bytes(STRING_VALUE);
        out.int(k);
      }
      out.bytes(CELL_CLOSE);
    }
    out.bytes(ROW_CLOSE);
  }
  out.text('</sheetData></worksheet>');
  return out.done();
}

const ascii = (s: string) => Buffer.from(s, 'latin1');
const ROW_OPEN = ascii('<row r="');
const QUOTE_CLOSE = ascii('">');
const CELL_OPEN = ascii('<c r="');
const NUMBER_VALUE = ascii('"><v>');
const STRING_VALUE = ascii('" t="s"><v>');
const CELL_CLOSE = ascii('</v></c>');
const ROW_CLOSE = ascii('</row>');

/** Bytes appended into one growing buffer: ASCII text, byte strings, and non-negative integers. */
class AsciiWriter {
  private buf = Buffer.allocUnsafe(1 << 20);
  private n = 0;

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.n + k));
    this.buf.copy(bigger, 0, 0, this.n);
    this.buf = bigger;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < b.length; i++) buf[n++] = b[i];
    this.n = n;
  }

  /** Text that may hold other than ASCII (the header): as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    this.n += this.buf.write(s, this.n, 'utf8');
  }

  int(v: number): void {
    this.room(16);
    if (v === 0) {
      this.buf[this.n++] = 48;
      return;
    }
    let digits = 0;
    for (let x = v; x > 0; x = Math.floor(x / 10)) digits++;
    let n = this.n + digits;
    this.n = n;
    for (let x = v; x > 0; x = Math.floor(x / 10)) this.buf[--n] = 48 + (x % 10);
  }

  done(): Buffer {
    return this.buf.subarray(0, this.n);
  }
}

function sharedStrings(strings: Map<string, number>): Buffer {
  const chunks: Buffer[] = [
    xml(`<sst xmlns="${MAIN}" count="${strings.size}" uniqueCount="${strings.size}">`),
  ];
  let part = '';
  let n = 0;
  for (const s of strings.keys()) {
    const preserve = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : '';
    part += `<si><t${preserve}>${escapeText(s)}</t></si>`;
    if (++n % 5000 === 0) {
      chunks.push(Buffer.from(part, 'utf8'));
      part = '';
    }
  }
  chunks.push(Buffer.from(`${part}</sst>`, 'utf8'));
  return Buffer.concat(chunks);
}

/**
 * Text for an XML element of a spreadsheet: `&`, `<` and `>` as entities; characters XML 1.0
 * does not allow (most controls, lone surrogates, U+FFFE, U+FFFF), and an `_x` that would read
 * as such an escape, as the spreadsheet's own `_xHHHH_` escapes (ECMA-376 ST_Xstring).
 */
export function escapeText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s
    .replace(/_(?=x[0-9a-fA-F]{4}_)/g, '_x005F_')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(NOT_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

// Built from strings: a regular expression literal with control characters trips the linter.
const CONTROLS = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ufffe\\uffff';
const NEEDS_ESCAPE = new RegExp(`[&<>${CONTROLS}\\ud800-\\udfff]|_x[0-9a-fA-F]{4}_`);
const NOT_XML = new RegExp(
  `[${CONTROLS}]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]`,
  'g',
);

const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/**
 * A ZIP archive of already deflated entries (method 8), without ZIP64: every part here is far
 * below 4 GiB. Names are ASCII; every entry has the workbook's time.
 */
function zip(entries: { name: string; data: Buffer; deflated: Buffer }[], created: Date): Buffer {
  // MS-DOS times have no zone: China time, as the lists' dates are.
  const when = new Date(created.getTime() + 8 * 3600_000);
  const time =
    (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1);
  const date =
    ((Math.max(1980, when.getUTCFullYear()) - 1980) << 9) |
    ((when.getUTCMonth() + 1) << 5) |
    when.getUTCDate();
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x0800, 8);
    head.writeUInt16LE(8, 10);
    head.writeUInt16LE(time, 12);
    head.writeUInt16LE(date, 14);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(e.deflated.length, 20);
    head.writeUInt32LE(e.data.length, 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt32LE(offset, 42);
    central.push(head, name);
    out.push(local, name, e.deflated);
    offset += local.length + name.length + e.deflated.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, dir, end]);
}
