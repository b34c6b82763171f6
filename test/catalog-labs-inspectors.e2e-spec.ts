import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { completeUscc } from '@spotcheck/domain';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../apps/lab-results/src/app.module';
import { ADMIN, REGULATOR_BAOTOU, REGULATOR_HOHHOT, bearer, bootHttp, upload } from './support/app';
import { apiOf, ensureCategory, once } from './support/api';

let app: NestFastifyApplication;
let labApp: NestFastifyApplication;
const api = apiOf(() => app);
beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  labApp = await bootHttp(LabResultsModule);
});
afterAll(async () => {
  await app.close();
  await labApp.close();
});

describe('catalog', () => {
  it('stores limit rules given as text or JSON, and names a bad one by its path', async () => {
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/catalog/categories',
      headers: bearer(ADMIN),
      payload: {
        code: 'MILK-T1',
        name: '灭菌乳',
        sector: 'food',
        items: [
          { code: 'PROT', name: '蛋白质', method: 'GB 5009.5', unit: 'g/100g', limit: '≥2.9' },
          {
            code: 'MEL',
            name: '三聚氰胺',
            unit: 'mg/kg',
            limit: { kind: 'range', max: '2.5', maxInclusive: true, minInclusive: false },
          },
        ],
      },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().items[0].limit).toEqual({
      kind: 'range',
      min: '2.9',
      minInclusive: true,
      maxInclusive: false,
    });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/catalog/categories',
      headers: bearer(ADMIN),
      payload: {
        code: 'MILK-T2',
        name: 'x',
        sector: 'food',
        items: [{ code: 'A', name: 'a', limit: '≤abc' }],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('items[0].limit');
  });

  it('is read by regulators and labs but written only by admins', async () => {
    await ensureCategory(api, 'MILK-T1', 'food');
    expect(
      (
        await app.inject({
          url: '/api/v1/catalog/categories/MILK-T1',
          headers: bearer(REGULATOR_HOHHOT),
        })
      ).statusCode,
    ).toBe(200);
    const write = await app.inject({
      method: 'DELETE',
      url: '/api/v1/catalog/categories/MILK-T1',
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(write.statusCode).toBe(403);
  });

  it('refuses a blank name when a category is changed, naming the field', async () => {
    await ensureCategory(api, 'MILK-T1', 'food');
    const r = await app.inject({
      method: 'PATCH',
      url: '/api/v1/catalog/categories/MILK-T1',
      headers: bearer(ADMIN),
      payload: { name: ' ' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('name');
  });

  it('imports one row per test item grouped by category, and exports the same layout', async () => {
    const csv =
      '产品类别代码,产品类别,所属领域,检验项目代码,检验项目,检验方法,单位,判定限值\n' +
      'CEM-T,通用硅酸盐水泥,工业产品,C28,28天抗压强度,GB/T 17671,MPa,≥42.5\n' +
      'CEM-T,通用硅酸盐水泥,工业产品,SET,初凝时间,GB/T 1346,min,≥45\n' +
      'TOY-T,塑胶玩具,消费品,PB,可迁移铅,GB 6675.4,mg/kg,≤90\n';
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/catalog/categories/import',
      ...upload(ADMIN, 'catalog.csv', csv),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ rows: 3, inserted: 2 });
    const cem = await app.inject({
      url: '/api/v1/catalog/categories/CEM-T',
      headers: bearer(ADMIN),
    });
    expect(cem.json()).toMatchObject({
      sector: 'manufacturing',
      items: [{ code: 'C28' }, { code: 'SET' }],
    });
    const exported = await app.inject({
      url: '/api/v1/catalog/categories/export?sector=manufacturing',
      headers: bearer(ADMIN),
    });
    expect(exported.body).toContain(
      'CEM-T,通用硅酸盐水泥,manufacturing,C28,28天抗压强度,GB/T 17671,MPa,≥42.5',
    );

    const inconsistent = csv.replace(
      'CEM-T,通用硅酸盐水泥,工业产品,SET',
      'CEM-T,水泥,工业产品,SET',
    );
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/catalog/categories/import',
      ...upload(ADMIN, 'catalog.csv', inconsistent),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { row: 3, column: 'category_name', reason: 'differs from row 2 (通用硅酸盐水泥)' },
    ]);
  });

  it('marks microbial items from the 微生物指标 column, exports it, and refuses a value that is no yes or no', async () => {
    const code = `MILK-${Date.now().toString(36).toUpperCase()}`;
    const csv =
      '产品类别代码,产品类别,所属领域,检验项目代码,检验项目,检验方法,单位,判定限值,微生物指标\n' +
      `${code},巴氏杀菌乳,食品,PB,铅,GB 5009.12,mg/kg,≤0.05,否\n` +
      `${code},巴氏杀菌乳,食品,MOLD,霉菌,企业方法,CFU/g,≤50,是\n` +
      `${code},巴氏杀菌乳,食品,APC,菌落总数,GB 4789.2,CFU/g,≤100000,\n`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/catalog/categories/import',
      ...upload(ADMIN, 'catalog.csv', csv),
    });
    expect(res.statusCode).toBe(201);
    const got = await app.inject({
      url: `/api/v1/catalog/categories/${code}`,
      headers: bearer(ADMIN),
    });
    const items = got.json().items as { code: string; microbial?: boolean }[];
    expect(items.map((i) => [i.code, i.microbial ?? false])).toEqual([
      ['PB', false],
      ['MOLD', true],
      ['APC', false],
    ]);
    const exported = await app.inject({
      url: `/api/v1/catalog/categories/export?sector=food`,
      headers: bearer(ADMIN),
    });
    expect(exported.body.split(/\r?\n/)[0]).toMatch(/,微生物指标$/);
    expect(exported.body).toContain(`${code},巴氏杀菌乳,food,MOLD,霉菌,企业方法,CFU/g,≤50,是`);
    expect(exported.body).toContain(`${code},巴氏杀菌乳,food,PB,铅,GB 5009.12,mg/kg,≤0.05,否`);

    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/catalog/categories/import',
      ...upload(ADMIN, 'catalog.csv', csv.replace('≤50,是', '≤50,可能')),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { row: 3, column: 'microbial', reason: 'must be 是/否 or true/false' },
    ]);
  });
});

describe('labs', () => {
  const lab = (over: Record<string, unknown> = {}) => ({
    name: '包头市产品质量检验所（测试）',
    uscc: completeUscc('12150200MB1234567'),
    cmaNo: '201505120001',
    regionCode: '150200',
    categories: ['CEM-T'],
    capacity: 800,
    ...over,
  });
  /** The Baotou lab, accredited for CEM-T (which the catalogue import also brings). */
  const baotouLab = once(async () => {
    await ensureCategory(api, 'CEM-T');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/labs',
      headers: bearer(REGULATOR_BAOTOU),
      payload: lab(),
    });
    expect(created.statusCode).toBe(201);
    return created.json().id as string;
  });

  it('lets a lab read its own record only, in both apps', async () => {
    const id = await baotouLab();
    const own = { sub: 'tester', role: 'lab' as const, org: id };
    const other = {
      sub: 'tester',
      role: 'lab' as const,
      org: '11111111-1111-1111-1111-111111111111',
    };
    expect((await app.inject({ url: `/api/v1/labs/${id}`, headers: bearer(own) })).statusCode).toBe(
      200,
    );
    expect(
      (await app.inject({ url: `/api/v1/labs/${id}`, headers: bearer(other) })).statusCode,
    ).toBe(404);
    expect((await labApp.inject({ url: '/api/v1/lab', headers: bearer(own) })).json().cmaNo).toBe(
      '201505120001',
    );
    expect((await labApp.inject({ url: '/api/v1/lab', headers: bearer(other) })).statusCode).toBe(
      404,
    );
    expect(
      (await app.inject({ url: `/api/v1/labs/${id}`, headers: bearer(REGULATOR_HOHHOT) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ url: '/api/v1/labs/not-a-uuid', headers: bearer(REGULATOR_BAOTOU) }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses a CMA number that is already taken (409)', async () => {
    await baotouLab();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/labs',
      headers: bearer(REGULATOR_BAOTOU),
      payload: lab({ uscc: completeUscc('12150200MB7654321') }),
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('inspectors', () => {
  it('validates declared conflicts as USCCs and filters by category', async () => {
    await ensureCategory(api, 'CEM-T');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/inspectors',
      headers: bearer(REGULATOR_HOHHOT),
      payload: { staffNo: 'T-1', name: '张三', regionCode: '150102', conflicts: ['123'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('conflicts');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/inspectors',
      headers: bearer(REGULATOR_HOHHOT),
      payload: {
        staffNo: 'T-1',
        name: '张三',
        regionCode: '150102',
        categories: ['CEM-T'],
        conflicts: [completeUscc('91150102MA0000009')],
      },
    });
    expect(ok.statusCode).toBe(201);
    const list = await app.inject({
      url: '/api/v1/inspectors?category=CEM-T&active=true',
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(list.json().items.map((i: { staffNo: string }) => i.staffNo)).toEqual(['T-1']);
    const other = await app.inject({
      url: `/api/v1/inspectors/${ok.json().id}`,
      headers: bearer(REGULATOR_BAOTOU),
    });
    expect(other.statusCode).toBe(404);
  });
});

describe('limits', () => {
  it('answers 413 for a JSON body over BODY_LIMIT', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: { ...bearer(REGULATOR_HOHHOT), 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
  });

  it('answers 400 naming the field for an upload that is not CSV or XLSX', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      ...upload(REGULATOR_HOHHOT, 'x.pdf', '%PDF'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toEqual({ field: 'file', reason: 'must be .csv or .xlsx' });
  });

  it('answers 400, not 500, for malformed JSON and for a request without a file', async () => {
    const json = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises',
      headers: { ...bearer(REGULATOR_HOHHOT), 'content-type': 'application/json' },
      payload: '{"uscc":',
    });
    expect(json.statusCode).toBe(400);
    const noFile = await app.inject({
      method: 'POST',
      url: '/api/v1/enterprises/import',
      headers: bearer(REGULATOR_HOHHOT),
    });
    expect(noFile.statusCode).toBe(400);
  });
});
