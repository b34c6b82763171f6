import ExcelJS from 'exceljs';
import { escapeText, xlsxWorkbook } from './xlsx';

describe('xlsxWorkbook', () => {
  it('writes sheets a spreadsheet reader opens: names, widths, text, numbers, empty cells', async () => {
    const rows = Array.from({ length: 4500 }, (_, i) => [i + 1, `样品${i % 7}`, '', 'a & <b>']);
    const bytes = await xlsxWorkbook({
      creator: '内蒙古自治区呼和浩特市',
      created: new Date('2026-12-07T00:00:00+08:00'),
      sheets: [
        { name: '不合格产品信息', widths: [6, 22, 10, 30], rows: [['标题'], ...rows] },
        { name: '合格产品信息', widths: [6], rows: [] },
      ],
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as never);
    expect(book.creator).toBe('内蒙古自治区呼和浩特市');
    expect(book.worksheets.map((s) => s.name)).toEqual(['不合格产品信息', '合格产品信息']);
    const s = book.worksheets[0];
    expect(s.getColumn(2).width).toBe(22);
    expect(s.getCell('A1').value).toBe('标题');
    expect(s.getRow(2).values).toEqual([undefined, 1, '样品0', undefined, 'a & <b>']);
    expect(s.getCell('B4501').value).toBe(`样品${4499 % 7}`);
    expect(s.getCell('A4501').value).toBe(4500);
    expect(s.rowCount).toBe(4501);
    expect(book.worksheets[1].rowCount).toBe(0);
  });

  it('keeps text XML cannot hold as the spreadsheet escapes _xHHHH_', () => {
    expect(escapeText('铅║0.8 mg/kg')).toBe('铅║0.8 mg/kg');
    expect(escapeText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(escapeText('x\u0001y\u001fz\ufffe')).toBe('x_x0001_y_x001F_z_xFFFE_');
    expect(escapeText('tab\tline\nreturn\r')).toBe('tab\tline\nreturn\r');
    expect(escapeText('_x0041_ stays')).toBe('_x005F_x0041_ stays');
    expect(escapeText('lone \ud800 and \udc00, pair 😀')).toBe('lone _xD800_ and _xDC00_, pair 😀');
  });
});
