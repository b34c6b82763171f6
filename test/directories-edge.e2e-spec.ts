import { get } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { completeUscc } from '@spotcheck/domain';
import { DataSource } from 'typeorm';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { ADMIN, REGULATOR_HOHHOT, bearer, bootHttp, token, upload } from './support/app';

let app: NestFastifyApplication;
let seq = 0;
const uscc = (region = '150102') => completeUscc(`91${region}MB${String(++seq).padStart(7, '0')}`);

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  await app.inject({
    method: 'POST',
    url: '/api/v1/catalog/categories',
    headers: bearer(ADMIN),
    payload: { code: 'EDGE-CAT', name: '边界', sector: 'food', items: [] },
  });
});
afterAll(async () => {
  await app.close();
});

describe('PATCH', () => {
  it('changes only the fields sent', async () => {
    const u = uscc();
    await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_HOHHOT),
      payload: {
        uscc: u,
        name: '甲',
        address: '新城区1号',
        regionCode: '150102',
        size: 'small',
        categories: ['EDGE-CAT'],
        riskClass: 'B',
        status: 'suspended',
      },
    });
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${u}`,
      headers: bearer(REGULATOR_HOHHOT),
      payload: { riskClass: 'D' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      riskClass: 'D',
      address: '新城区1号',
      categories: ['EDGE-CAT'],
      status: 'suspended',
      name: '甲',
    });
  });

  it('answers 400 naming the field for null', async () => {
    const u = uscc();
    await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_HOHHOT),
      payload: { uscc: u, name: '乙', regionCode: '150102', size: 'small', riskClass: 'B' },
    });
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/enterprises/${u}`,
      headers: bearer(REGULATOR_HOHHOT),
      payload: { name: null },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('name');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: bearer(REGULATOR_HOHHOT),
      payload: {
        uscc: uscc(),
        name: '丙',
        regionCode: '150102',
        size: 'small',
        riskClass: 'B',
        address: null,
      },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().errors[0].field).toBe('address');
  });
});

describe('malformed files', () => {
  const header = '统一社会信用代码,企业名称,行政区划代码,企业规模,信用风险分类\n';

  it('names the row of a CSV quoting error', async () => {
    const csv = `${header}${uscc()},好,150102,small,A\n"${uscc()}"x,坏,150102,small,A\n`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, 'q.csv', csv),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { row: 3, column: '', reason: 'unexpected character after closing quote' },
    ]);
  });

  it('answers 400 for an .xlsx that is not a workbook', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, 'x.xlsx', 'not a zip at all'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].reason).toMatch(/not a readable XLSX file/);
  });

  it('numbers rows as the spreadsheet does, blank lines included', async () => {
    const csv = `${header}${uscc()},好,150102,small,A\n\n${uscc()},坏,150199,small,A\n`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, 'b.csv', csv),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { row: 4, column: 'region_code', reason: '150199 is not a GB/T 2260 region code' },
    ]);
  });
});

describe('export', () => {
  it('gives its connection back when the client goes away mid-download', async () => {
    const rows = Array.from(
      { length: 30_000 },
      (_, i) => `${uscc('150124')},导出测试${i},150124,small,A`,
    ).join('\n');
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(
        REGULATOR_HOHHOT,
        'many.csv',
        '统一社会信用代码,企业名称,行政区划代码,企业规模,信用风险分类\n' + rows,
      ),
    });
    expect(imported.statusCode).toBe(201);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const options = {
      host: '127.0.0.1',
      port,
      path: '/api/v1/enterprises/export',
      headers: { authorization: `Bearer ${token(REGULATOR_HOHHOT)}` },
      agent: false,
    };
    // More aborted downloads than the pool has connections.
    for (let i = 0; i < 14; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = get(options, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (e) => (req.destroyed ? resolve() : reject(e)));
      });
    }
    const pool = (app.get(DataSource).driver as unknown as { master: { waitingCount: number } })
      .master;
    // The server frees an aborted export's connection when it sees the abort; give it time.
    for (const until = Date.now() + 10_000; pool.waitingCount > 0 && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 20));
    expect(pool.waitingCount).toBe(0);
    const body = await new Promise<string>((resolve, reject) => {
      const req = get(options, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      });
      req.setTimeout(15_000, () =>
        req.destroy(new Error('export did not finish: a connection leaked')),
      );
      req.on('error', reject);
    });
    expect(body.split('\n').length).toBeGreaterThan(30_000);
  }, 60_000);
});
