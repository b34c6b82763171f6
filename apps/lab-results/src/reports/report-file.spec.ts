import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { readReportFile, type ReportFileResult } from './report-file';

const ZH_HEADER =
  '样品编号,报告编号,检验项目代码,检验项目,检验方法,单位,判定限值,比较方法,修约位数,检测结果,未检原因';
const EN_HEADER =
  'sample_no,report_no,item_code,item_name,method,unit,limit,comparison,rounding_digits,value,not_tested';

const csv = (text: string) => readReportFile(Readable.from([Buffer.from(text, 'utf8')]), 'csv');

function ok(r: ReportFileResult) {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}
function errs(r: ReportFileResult) {
  if (r.ok) throw new Error('expected the file to be rejected');
  return r;
}

const ROWS = [
  'NM-2026-001-0007,R2026-0001,PROT,蛋白质,GB 5009.5,g/100g,≥2.9,全数值,1,3.1,',
  'NM-2026-001-0007,R2026-0001,MEL,三聚氰胺,,mg/kg,,,,,仪器故障',
  'NM-2026-001-0008,R2026-0002,PROT,蛋白质,GB 5009.5,g/100g,≥2.9,修约值,,2.86,',
];

describe('readReportFile', () => {
  it('groups rows into reports by sample number, with Chinese headers', async () => {
    const r = ok(await csv([ZH_HEADER, ...ROWS].join('\r\n') + '\r\n'));
    expect(r.rows).toBe(3);
    expect(r.itemCount).toBe(3);
    expect(r.reports.map((x) => [x.sampleNo, x.reportNo, x.items.length])).toEqual([
      ['NM-2026-001-0007', 'R2026-0001', 2],
      ['NM-2026-001-0008', 'R2026-0002', 1],
    ]);
    expect(r.reports[0].items[0]).toMatchObject({
      itemCode: 'PROT',
      method: 'GB 5009.5',
      roundingDigits: 1,
      judgement: { outcome: 'pass' },
    });
    expect(r.reports[0].items[1]).toMatchObject({
      itemCode: 'MEL',
      result: { kind: 'not_tested', reason: '仪器故障' },
      judgement: null,
    });
    // 2.86 rounded to one decimal is 2.9, which meets ≥2.9 under 修约值比较.
    expect(r.reports[1].items[0]).toMatchObject({
      comparison: 'rounded',
      judgement: { outcome: 'pass', roundedValue: '2.9' },
    });
  });

  it('reads English headers, in any order, with extra columns ignored', async () => {
    const r = ok(
      await csv(
        [
          'Value,Item_Code,serial,report_no,sample_no*,limit',
          '0.02,PB,1,R1,S1,≤0.05',
          '0.1,CD,2,R1,S1,≤0.05',
        ].join('\n'),
      ),
    );
    expect(r.ignoredColumns).toEqual(['serial']);
    expect(r.reports[0].items.map((i) => i.judgement?.outcome)).toEqual(['pass', 'fail']);
    expect(r.reports[0].outcome).toBe('fail');
  });

  it('reads the enterprise standard (企业标准 / enterprise_standard) as the limit basis', async () => {
    const zh = ok(
      await csv(
        '样品编号,报告编号,检验项目代码,判定限值,企业标准,检测结果\r\n' +
          'S1,R1,PB,≤0.3, Q/NMYL 0001S-2024 ,0.2\r\nS1,R1,CD,,,0.01\r\n',
      ),
    );
    expect(zh.reports[0].items.map((i) => i.limitBasis)).toEqual([
      { kind: 'enterprise_standard', reference: 'Q/NMYL 0001S-2024' },
      undefined,
    ]);
    const en = ok(
      await csv(
        'sample_no,report_no,item_code,limit,enterprise_standard,value\nS1,R1,PB,≤0.3,Q/A 1-2025,0.2\n',
      ),
    );
    expect(en.reports[0].items[0].limitBasis?.reference).toBe('Q/A 1-2025');
    const bad = errs(
      await csv(
        `样品编号,报告编号,检验项目代码,判定限值,企业标准,检测结果\nS1,R1,PB,≤0.3,${'Q'.repeat(201)},0.2\n`,
      ),
    );
    expect(bad.errors).toEqual([
      { row: 2, column: '企业标准', reason: 'is longer than 200 characters' },
    ]);
  });

  it('groups rows of a sample that are not contiguous, keeping first-seen order', async () => {
    const r = ok(
      await csv(
        [
          'sample_no,report_no,item_code,value',
          'S2,R2,A,1',
          'S1,R1,A,1',
          'S2,R2,B,2',
          'S1,R1,B,2',
        ].join('\n'),
      ),
    );
    expect(r.reports.map((x) => [x.sampleNo, x.items.map((i) => i.itemCode).join('')])).toEqual([
      ['S2', 'AB'],
      ['S1', 'AB'],
    ]);
  });

  it('names the spreadsheet row and the column as headed, blank lines counted', async () => {
    const r = errs(
      await csv(
        [
          ZH_HEADER,
          ROWS[0],
          '',
          'NM-2026-001-0007,R2026-0001,PB,铅,,mg/kg,≤0.5,,,1e-3,', // row 4
          'NM-2026-001-0007,R2026-0001,PROT,蛋白质,,,≥2.9,,,3.0,', // row 5: repeated item
          'NM-2026-001-0009,R2026-0009,AS,砷,,,约0.5,,,0.1,', // row 6: bad limit
          'NM-2026-001-0009,R2026-0009,HG,汞,,,≤0.5,精确,,0.1,', // row 7: bad comparison
        ].join('\n'),
      ),
    );
    expect(r.errors).toEqual([
      { row: 4, column: '检测结果', reason: expect.stringContaining('not a decimal') },
      { row: 5, column: '检验项目代码', reason: 'item PROT is already items[0]' },
      { row: 6, column: '判定限值', reason: expect.stringContaining('cannot read limit rule') },
      { row: 7, column: '比较方法', reason: 'must be 全数值 (full) or 修约值 (rounded)' },
    ]);
    expect(r.total).toBe(4);
  });

  it('wants the same report number on every row of a sample', async () => {
    const r = errs(
      await csv(['sample_no,report_no,item_code,value', 'S1,R1,A,1', 'S1,R2,B,2'].join('\n')),
    );
    expect(r.errors).toEqual([
      {
        row: 3,
        column: 'report_no',
        reason: 'sample S1 has report number R1 in row 2; all its rows must have the same',
      },
    ]);
  });

  it('names missing columns, an empty file and a file without rows', async () => {
    expect(errs(await csv('样品编号,检测结果\nS1,1\n')).errors).toEqual([
      { row: 1, column: 'report_no (报告编号)', reason: 'required column is missing' },
      { row: 1, column: 'item_code (检验项目代码)', reason: 'required column is missing' },
    ]);
    expect(errs(await csv('sample_no,report_no,item_code\nS1,R1,A\n')).errors[0].reason).toMatch(
      /value \(检测结果\) or not_tested/,
    );
    expect(errs(await csv('')).errors).toEqual([{ row: 1, column: '', reason: 'file is empty' }]);
    expect(errs(await csv(`${EN_HEADER}\n`)).errors).toEqual([
      { row: 2, column: '', reason: 'file has a header but no rows' },
    ]);
    expect(errs(await csv('sample_no,样品编号,report_no,item_code,value\n')).errors[0]).toEqual({
      row: 1,
      column: '样品编号',
      reason: 'is the same column as sample_no',
    });
  });

  it('refuses a missing sample number, a bad rounding digit and a quoted line break', async () => {
    const r = errs(
      await csv(
        [
          'sample_no,report_no,item_code,rounding_digits,value,item_name',
          ',R1,A,,1,x',
          'S1,R1,A,1.5,1,x',
          'S2,R2,A,,1,"two\nlines"',
        ].join('\n'),
      ),
    );
    expect(r.errors).toEqual([
      { row: 2, column: 'sample_no', reason: 'is required' },
      {
        row: 3,
        column: 'rounding_digits',
        reason: "must be a whole number of decimals, got '1.5'",
      },
      { row: 4, column: 'item_name', reason: expect.stringContaining('control characters') },
    ]);
  });

  it('answers the first 100 errors and the total', async () => {
    const lines = ['sample_no,report_no,item_code,value'];
    for (let i = 0; i < 250; i++) lines.push(`S${i},R${i},A,1e${i}`);
    const r = errs(await csv(lines.join('\n')));
    expect(r.errors).toHaveLength(100);
    expect(r.total).toBe(250);
    expect(r.errors[0].row).toBe(2);
  });

  it('applies the batch limits to the file', async () => {
    const lines = ['sample_no,report_no,item_code,value'];
    for (let i = 0; i < 30; i++) lines.push(`S${i},R${i},A,1`);
    const r = await readReportFile(Readable.from([lines.join('\n')]), 'csv', {
      maxReports: 10,
      maxItems: 100,
    });
    expect(errs(r).errors).toEqual([
      { row: 0, column: '', reason: 'at most 10 samples per file, got 30' },
    ]);
    const r2 = await readReportFile(Readable.from([lines.join('\n')]), 'csv', {
      maxReports: 100,
      maxItems: 20,
    });
    expect(errs(r2).errors).toEqual([
      { row: 0, column: '', reason: 'at most 20 items per file, got 30' },
    ]);
  });

  it('reads GB18030 CSV as Excel on Chinese Windows saves it', async () => {
    const text = [ZH_HEADER, ...ROWS].join('\r\n') + '\r\n';
    const gb = encodeGb18030(text);
    expect(gb.length).toBeLessThan(Buffer.byteLength(text, 'utf8'));
    const r = ok(await readReportFile(Readable.from([gb]), 'csv'));
    expect(r.reports[0].items[0].itemName).toBe('蛋白质');
    expect(r.reports[0].items[1].result).toEqual({ kind: 'not_tested', reason: '仪器故障' });
    expect(r.reports[0].items[0].limit?.text).toBe('≥2.9');
  });

  it('reads UTF-8 CSV with a BOM', async () => {
    const r = ok(await csv('\uFEFF' + [ZH_HEADER, ...ROWS].join('\n')));
    expect(r.reports).toHaveLength(2);
  });

  it('reads XLSX (first worksheet) and names rows as the sheet numbers them', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('结果');
    sheet.addRow(ZH_HEADER.split(','));
    sheet.addRow(ROWS[0].split(','));
    sheet.addRow([]);
    // Number cells arrive as JavaScript prints them.
    sheet.addRow(['S9', 'R9', 'PB', '铅', '', 'mg/kg', '≤0.5', 'rounded', 2, 0.46, '']);
    sheet.addRow(['S9', 'R9', 'CD', '镉', '', 'mg/kg', '≤0.5', '', '', '0.5x', '']);
    book.addWorksheet('说明').addRow(['ignored']);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const bad = errs(await readReportFile(Readable.from([file]), 'xlsx'));
    expect(bad.errors).toEqual([
      { row: 5, column: '检测结果', reason: expect.stringContaining('not a decimal') },
    ]);

    sheet.spliceRows(5, 1);
    const good = ok(
      await readReportFile(Readable.from([Buffer.from(await book.xlsx.writeBuffer())]), 'xlsx'),
    );
    expect(good.reports.map((x) => x.sampleNo)).toEqual(['NM-2026-001-0007', 'S9']);
    expect(good.reports[1].items[0]).toMatchObject({
      roundingDigits: 2,
      result: { value: '0.46' },
      judgement: { outcome: 'pass', roundedValue: '0.46' },
    });
  });

  it('answers an unreadable XLSX as a file error', async () => {
    const r = errs(await readReportFile(Readable.from([Buffer.from('not a zip')]), 'xlsx'));
    expect(r.errors[0]).toMatchObject({
      row: 0,
      column: '',
      reason: expect.stringContaining('XLSX'),
    });
  });
});

/** GB18030 for the BMP characters used above, via the WHATWG decoder's inverse. */
function encodeGb18030(s: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GB18030 two-byte code for ${ch}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}
