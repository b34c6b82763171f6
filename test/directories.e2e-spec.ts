import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { completeUscc } from '@spotcheck/domain';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import {
  REGULATOR_BAOTOU,
  REGULATOR_HOHHOT,
  REGULATOR_PROVINCE,
  bearer,
  bootHttp,
  dataSource,
  upload,
} from './support/app';
import { apiOf, ensureCategory } from './support/api';

let app: NestFastifyApplication;
let seq = 0;
/** A fresh valid USCC registered in `region` (positions 3–8). */
const uscc = (region = '150102') => completeUscc(`91${region}MA${String(++seq).padStart(7, '0')}`);

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  for (const code of ['DAIRY-PAST', 'CEMENT'])
    await ensureCategory(
      apiOf(() => app),
      code,
    );
});
afterAll(() => app.close());

const enterprise = (over: Record<string, unknown> = {}) => ({
  uscc: uscc(),
  name: '测试乳业有限公司',
  address: '呼和浩特市新城区',
  regionCode: '150102',
  size: 'small',
  categories: ['DAIRY-PAST'],
  riskClass: 'B',
  ...over,
});

describe('enterprise directory', () => {
  it('creates, reads, updates and lists an enterprise inside the jurisdiction', async () => {
    const body = enterprise();
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_HOHHOT),
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ uscc: body.uscc, status: 'active', riskClass: 'B' });

    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${body.uscc}`,
      headers: bearer(REGULATOR_HOHHOT),
      payload: { riskClass: 'D' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().riskClass).toBe('D');

    const list = await app.inject({
      url: `/api/v1/enterprises?riskClass=D&q=${encodeURIComponent('乳业')}`,
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(list.json().items.map((e: { uscc: string }) => e.uscc)).toContain(body.uscc);
  });

  it('names the field and the expected check character for a bad USCC', async () => {
    const good = uscc();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_HOHHOT),
      payload: enterprise({ uscc: bad }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'uscc', reason: expect.stringContaining(`expected ${good[17]}`) },
    ]);
  });

  it('rejects a region code that is not in GB/T 2260, unknown fields and unknown categories', async () => {
    const region = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_HOHHOT),
      payload: enterprise({ regionCode: '150199' }),
    });
    expect(region.statusCode).toBe(400);
    expect(region.json().errors[0]).toEqual({
      field: 'regionCode',
      reason: '150199 is not a GB/T 2260 region code',
    });
    const extra = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_HOHHOT),
      payload: enterprise({ owner: 'x' }),
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0]).toEqual({ field: 'owner', reason: 'unknown field' });
    const cat = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_HOHHOT),
      payload: enterprise({ categories: ['NOPE'] }),
    });
    expect(cat.statusCode).toBe(400);
    expect(cat.json().errors[0].field).toBe('categories');
  });

  it('answers 409 for a duplicate USCC', async () => {
    const body = enterprise();
    await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_HOHHOT),
      payload: body,
    });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_HOHHOT),
      payload: body,
    });
    expect(again.statusCode).toBe(409);
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const region = '150105';
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      const u = uscc(region);
      created.push(u);
      await app.inject({
        method: 'POST',
        url: '/api/v1/enterprises',
        headers: bearer(REGULATOR_HOHHOT),
        payload: enterprise({ uscc: u, regionCode: region }),
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: {
        statusCode: number;
        json(): { items: { uscc: string }[]; nextCursor: string | null };
      } = await app.inject({
        url: `/api/v1/enterprises?region=${region}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        headers: bearer(REGULATOR_HOHHOT),
      });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((e) => e.uscc));
      cursor = res.json().nextCursor;
    } while (cursor);
    // Other spec files share the database and may have enterprises in this region too.
    expect(seen).toEqual(expect.arrayContaining(created));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
    const bad = await app.inject({
      url: '/api/v1/enterprises?cursor=garbage!',
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('jurisdiction scope', () => {
  it("keeps a Baotou regulator away from Hohhot's records (404, not 403)", async () => {
    const body = enterprise();
    await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_HOHHOT),
      payload: body,
    });
    const get = await app.inject({
      url: `/api/v1/enterprises/${body.uscc}`,
      headers: bearer(REGULATOR_BAOTOU),
    });
    expect(get.statusCode).toBe(404);
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${body.uscc}`,
      headers: bearer(REGULATOR_BAOTOU),
      payload: { riskClass: 'A' },
    });
    expect(patch.statusCode).toBe(404);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/v1/enterprises/${body.uscc}`,
      headers: bearer(REGULATOR_BAOTOU),
    });
    expect(del.statusCode).toBe(404);
    const list = await app.inject({
      url: '/api/v1/enterprises?limit=500',
      headers: bearer(REGULATOR_BAOTOU),
    });
    expect(list.json().items.map((e: { uscc: string }) => e.uscc)).not.toContain(body.uscc);
    // The province sees both prefectures.
    const province = await app.inject({
      url: `/api/v1/enterprises/${body.uscc}`,
      headers: bearer(REGULATOR_PROVINCE),
    });
    expect(province.statusCode).toBe(200);
    // And nothing changed.
    const after = await app.inject({
      url: `/api/v1/enterprises/${body.uscc}`,
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(after.json().riskClass).toBe('B');
  });

  it('refuses to create a record outside the jurisdiction, naming the field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_BAOTOU),
      payload: enterprise(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toEqual({
      field: 'regionCode',
      reason: '150102 is outside your jurisdiction',
    });
  });
});

describe('bulk import', () => {
  const header =
    '统一社会信用代码,企业名称,地址,行政区划代码,企业规模,产品类别,信用风险分类,经营状态\n';

  it('imports a Chinese-header CSV, upserts on a second run, and exports it back', async () => {
    const a = uscc('150103');
    const b = uscc('150103');
    const csv = `${header}${a},甲公司,地址1,150103,小型,DAIRY-PAST;CEMENT,A类,在营\n${b},"乙公司,分厂",地址2,150103,micro,,C,\n`;
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, '名录.csv', csv),
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      rows: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      format: 'csv',
    });
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, '名录.csv', csv.replace('甲公司', '甲公司（更名）')),
    });
    expect(second.json()).toMatchObject({ rows: 2, inserted: 0, updated: 1, unchanged: 1 });
    const one = await app.inject({
      url: `/api/v1/enterprises/${b}`,
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(one.json()).toMatchObject({
      name: '乙公司,分厂',
      size: 'micro',
      riskClass: 'C',
      status: 'active',
      categories: [],
    });

    const exported = await app.inject({
      url: '/api/v1/enterprises/export?region=150103',
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain('统一社会信用代码');
    expect(exported.body).toContain('"乙公司,分厂"');
    // The export imports back unchanged.
    const roundTrip = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, 'export.csv', exported.rawPayload),
    });
    expect(roundTrip.json()).toMatchObject({ rows: 2, inserted: 0, updated: 0, unchanged: 2 });
  });

  it('rejects a file with bad rows whole, naming row, column and reason', async () => {
    const ok = uscc('150104');
    const badCheck = uscc('150104');
    const csv =
      `${header}${ok},好公司,,150104,small,,A,\n` +
      `${badCheck.slice(0, 17)}${badCheck[17] === 'X' ? 'Y' : 'X'},坏公司,,150104,small,,A,\n` +
      `${uscc('150104')},另一家,,159999,huge,NOPE,E,\n`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, 'bad.csv', csv),
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('IMPORT_REJECTED');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { row: 3, column: 'uscc', reason: expect.stringContaining(`expected ${badCheck[17]}`) },
        { row: 4, column: 'region_code', reason: '159999 is not a GB/T 2260 region code' },
        { row: 4, column: 'size', reason: expect.stringContaining('must be one of') },
        { row: 4, column: 'categories', reason: 'unknown product category NOPE' },
        { row: 4, column: 'risk_class', reason: expect.stringContaining('must be one of') },
      ]),
    );
    expect(body.errorCount).toBe(5);
    const notWritten = await app.inject({
      url: `/api/v1/enterprises/${ok}`,
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(notWritten.statusCode).toBe(404);
  });

  it('rejects duplicates within a file and records from another jurisdiction', async () => {
    const dup = uscc('150104');
    const baotou = uscc('150203');
    await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_BAOTOU),
      payload: enterprise({ uscc: baotou, regionCode: '150203' }),
    });
    const csv = `${header}${dup},一,,150104,small,,A,\n${dup},二,,150104,small,,A,\n${baotou},抢注,,150104,small,,A,\n`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, 'dup.csv', csv),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { row: 3, column: 'uscc', reason: `${dup} also appears in row 2` },
      { row: 4, column: 'uscc', reason: 'this enterprise is registered outside your jurisdiction' },
    ]);
    const baotouStill = await app.inject({
      url: `/api/v1/enterprises/${baotou}`,
      headers: bearer(REGULATOR_BAOTOU),
    });
    expect(baotouStill.json().name).toBe('测试乳业有限公司');
  });

  it('reports a missing required column before reading rows', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, 'x.csv', 'uscc,name\n'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { column: string }) => e.column)).toEqual([
      'region_code (行政区划代码)',
      'size (企业规模)',
      'risk_class (信用风险分类)',
    ]);
  });

  it('reads GB18030 CSV as Excel on Chinese Windows saves it', async () => {
    const a = uscc('150121');
    const utf8 = `${header}${a},土默特左旗某乳业有限公司,,150121,小型,DAIRY-PAST,B类,在营\n`;
    const gb = encodeGb18030(utf8);
    expect(gb.equals(Buffer.from(utf8))).toBe(false);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, 'gbk.csv', gb),
    });
    expect(res.statusCode).toBe(201);
    const got = await app.inject({
      url: `/api/v1/enterprises/${a}`,
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(got.json().name).toBe('土默特左旗某乳业有限公司');
  });

  it('imports XLSX with English headers and writes one audit entry with the file digest', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('s');
    sheet.addRow(['uscc', 'name', 'region_code', 'size', 'risk_class', 'serial']);
    const codes = [uscc('150122'), uscc('150122'), uscc('150122')];
    codes.forEach((c, i) => sheet.addRow([c, `XLSX公司${i}`, '150122', 'medium', 'D', i + 1]));
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, 'dir.xlsx', file),
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      rows: 3,
      inserted: 3,
      format: 'xlsx',
      ignoredColumns: ['serial'],
    });
    const { createHash } = await import('node:crypto');
    expect(body.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    const audit = await dataSource(app).query(
      `SELECT action, entity_type, detail FROM audit_log WHERE detail->>'sha256' = $1`,
      [body.sha256],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'import',
      entity_type: 'enterprise',
      detail: { rows: 3, inserted: 3 },
    });

    const xlsx = await app.inject({
      url: '/api/v1/enterprises/export?format=xlsx&lang=en&region=150122',
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(xlsx.statusCode).toBe(200);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(xlsx.rawPayload as never);
    const rows = back.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0].slice(1, 3)).toEqual(['uscc', 'name']);
    expect(
      rows
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual([...codes].sort());
  });
});

/** GB18030 for the BMP Chinese characters used above, via the WHATWG decoder's inverse. */
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
