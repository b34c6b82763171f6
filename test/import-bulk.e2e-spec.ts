import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { ADMIN, bearer, bootHttp, upload } from './support/app';
import { once } from './support/api';

/** The bulk path (drop indexes, load, rebuild) with a small threshold so a test file triggers it. */
let app: NestFastifyApplication;
let ds: DataSource;
beforeAll(async () => {
  process.env.IMPORT_BULK_MIN_ROWS = '50';
  const { InspectionTasksModule } = await import('../apps/inspection-tasks/src/app.module');
  app = await bootHttp(InspectionTasksModule);
  ds = app.get(DataSource);
});
afterAll(async () => {
  delete process.env.IMPORT_BULK_MIN_ROWS;
  await app.close();
});

const header = '执法证号,姓名,行政区划代码,所属单位,可检查类别,是否在岗,回避企业\n';
const rows = (from: number, n: number, region = '150202') =>
  Array.from(
    { length: n },
    (_, i) =>
      `BULK-${String(from + i).padStart(5, '0')},检查员${from + i},${region},包头市市场监督管理局,,是,\n`,
  ).join('');
const indexes = async () =>
  (
    (await ds.query(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'inspector' ORDER BY indexname`,
    )) as { indexdef: string }[]
  ).map((r) => r.indexdef);
const count = async () =>
  (
    (await ds.query(`SELECT count(*)::int AS n FROM inspector WHERE staff_no LIKE 'BULK-%'`)) as {
      n: number;
    }[]
  )[0].n;

/** The first bulk load: inspectors BULK-00000 onwards, more rows than the table had. */
const loadedLarge = once(async () => {
  const before = await indexes();
  const existing = (
    (await ds.query('SELECT count(*)::int AS n FROM inspector')) as { n: number }[]
  )[0].n;
  const n = existing + 200;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/inspectors/import',
    ...upload(ADMIN, 'inspectors.csv', header + rows(0, n)),
  });
  expect(res.statusCode).toBe(201);
  expect(res.json()).toMatchObject({ rows: n, inserted: n, updated: 0 });
  expect(await indexes()).toEqual(before);
  // The rebuilt unique constraint still holds.
  await expect(
    ds.query(
      `INSERT INTO inspector (staff_no, name, region_code) VALUES ('BULK-00000', 'x', '150202')`,
    ),
  ).rejects.toThrow(/duplicate key/);
});

describe('bulk import', () => {
  it('loads a file larger than the table and rebuilds every index and constraint', () =>
    loadedLarge());

  it('takes two bulk imports at once one after the other, without a deadlock', async () => {
    const existing = (
      (await ds.query('SELECT count(*)::int AS n FROM inspector')) as { n: number }[]
    )[0].n;
    const n = existing + 100;
    const rs = await Promise.all(
      [30_000, 60_000].map((from) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/inspectors/import',
          ...upload(ADMIN, 'inspectors.csv', header + rows(from, n)),
        }),
      ),
    );
    expect(rs.map((r) => [r.statusCode, r.json().inserted])).toEqual([
      [201, n],
      [201, n],
    ]);
  });

  it('reports keys repeated in a bulk file with their rows, and writes nothing', async () => {
    const before = await count();
    const total = (
      (await ds.query('SELECT count(*)::int AS n FROM inspector')) as { n: number }[]
    )[0].n;
    const body = header + rows(100_000, total + 10) + 'BULK-100003,重复,150202,,,是,\n';
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/inspectors/import',
      ...upload(ADMIN, 'dup.csv', body),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { row: total + 12, column: 'staff_no', reason: 'BULK-100003 also appears in row 5' },
    ]);
    expect(await count()).toBe(before);
    const list = await app.inject({ url: '/api/v1/inspectors?limit=1', headers: bearer(ADMIN) });
    expect(list.statusCode).toBe(200);
  });
});

describe('bulk import into a table that has rows', () => {
  it('rejects a key repeated in the file even when the table already has it', async () => {
    await loadedLarge();
    const total = (
      (await ds.query('SELECT count(*)::int AS n FROM inspector')) as { n: number }[]
    )[0].n;
    // BULK-00001 exists from the first load; the file names it twice.
    const body =
      header +
      'BULK-00001,第一,150202,,,是,\n' +
      'BULK-00001,第二,150202,,,是,\n' +
      rows(200_000, total);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/inspectors/import',
      ...upload(ADMIN, 'again.csv', body),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { row: 3, column: 'staff_no', reason: 'BULK-00001 also appears in row 2' },
    ]);
    const [kept] = await ds.query(`SELECT name FROM inspector WHERE staff_no = 'BULK-00001'`);
    expect(kept.name).toBe('检查员1');
  });
});
