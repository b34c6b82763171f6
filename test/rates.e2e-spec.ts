import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import type { Principal } from '@spotcheck/auth';
import type { Enterprise, ProductCategory, Sample, SamplingPlan } from '@spotcheck/database';
import { addCalendarDays } from '@spotcheck/domain';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { OutcomeRepository } from '../apps/worker/src/outcomes/outcome.repository';
import { OutcomeService } from '../apps/worker/src/outcomes/outcome.service';
import { RateCellsRepository } from '../apps/worker/src/rates/rate-cells.repository';
import { RatesService } from '../apps/worker/src/rates/rates.service';
import { makeCategory, makeEnterprise, makeLab } from './medium/factories';
import { issueVersionOn, makeSampleOn } from './medium/factories/outcomes';
import { makeDraw, makeSamplingPlan } from './medium/factories/samples';
import { ADMIN, REGULATOR_BAOTOU, REGULATOR_HOHHOT, bearer, bootHttp } from './support/app';

/**
 * The regulator's rates API over outcomes the worker's services keep: sums by any dimensions
 * with the target in force and the gap, the jurisdiction's limits, the errors that name their
 * field, the CSV and XLSX exports, and the targets admins edit. Samples are taken in 2030, a
 * period no other test uses, so the sums are this file's alone.
 */
let app: NestFastifyApplication;
let ds: DataSource;
let queue: Queue;
let hohhot: SamplingPlan;
let baotou: SamplingPlan;
let manufacturing: ProductCategory;
let food: ProductCategory;

const get = (p: Principal, url: string) => app.inject({ method: 'GET', url, headers: bearer(p) });
const send = (p: Principal, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: bearer(p), payload });

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  ds = app.get(DataSource);
  queue = new Queue('outcomes', {
    connection: { url: process.env.REDIS_URL },
    prefix: process.env.QUEUE_PREFIX,
  });
  const outcomes = new OutcomeService(ds, new OutcomeRepository(), queue);
  const rates = new RatesService(ds, new RateCellsRepository());

  manufacturing = await makeCategory(ds, { sector: 'manufacturing' });
  food = await makeCategory(ds, { sector: 'food' });
  const small = await makeEnterprise(ds, { size: 'small' });
  const large = await makeEnterprise(ds, { size: 'large', regionCode: '150105' });
  const lab = await makeLab(ds);
  const categories = [manufacturing.code, food.code];
  hohhot = await makeSamplingPlan(ds, manufacturing.code, { categories, jurisdiction: '150100' });
  baotou = await makeSamplingPlan(ds, manufacturing.code, { categories, jurisdiction: '150200' });
  const draws = new Map([
    [hohhot.id, await makeDraw(ds, hohhot.id)],
    [baotou.id, await makeDraw(ds, baotou.id)],
  ]);
  let taskNo = 0;
  const samples: Sample[] = [];
  /** A sample of `plan` taken on `day` with one issued report. */
  const batch = async (
    plan: SamplingPlan,
    category: ProductCategory,
    enterprise: Enterprise,
    day: string,
    verdict: 'pass' | 'fail',
    window: 'closed' | 'open',
  ) => {
    const sample = await makeSampleOn(ds, {
      plan,
      draw: draws.get(plan.id)!,
      taskNo: ++taskNo,
      category,
      enterprise,
      lab,
      stage: 'production',
      regionCode: enterprise.regionCode,
      samplingDate: day,
    });
    await issueVersionOn(ds, {
      sample,
      enterprise,
      version: 1,
      amends: null,
      verdict,
      failedItems: verdict === 'fail' ? [{ itemCode: 'X1', value: '0.8' }] : [],
      issuedOn: addCalendarDays(day, 10),
      objectionDeadline: window === 'closed' ? addCalendarDays(day, 25) : '2099-01-01',
    });
    samples.push(sample);
  };
  // Hohhot, manufacturing: 3 passes and a final fail in 150102, a fail still open in 150105.
  for (const day of ['2030-07-03', '2030-07-20', '2030-08-02'])
    await batch(hohhot, manufacturing, small, day, 'pass', 'closed');
  await batch(hohhot, manufacturing, small, '2030-08-05', 'fail', 'closed');
  await batch(hohhot, manufacturing, large, '2030-09-09', 'fail', 'open');
  // Hohhot, food: a pass and a final fail; and one manufacturing pass in Q4.
  await batch(hohhot, food, small, '2030-07-04', 'pass', 'closed');
  await batch(hohhot, food, large, '2030-07-05', 'fail', 'closed');
  await batch(hohhot, manufacturing, small, '2030-10-01', 'pass', 'closed');
  // Baotou: one fail, final.
  await batch(baotou, manufacturing, small, '2030-07-06', 'fail', 'closed');

  const now = new Date('2030-12-01T02:00:00Z');
  const decided = await outcomes.decide(
    samples.map((s) => s.id),
    now,
  );
  await rates.refresh(decided.changed.map((c) => c.sampleId));
}, 60_000);
afterAll(async () => {
  await queue?.close();
  await app?.close();
});

describe('GET /rates', () => {
  it('sums by sector with the target in force and the gap', async () => {
    const r = await get(REGULATOR_HOHHOT, '/api/v1/rates?by=sector&period=2030-Q3');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({
      jurisdiction: '150100',
      period: { label: '2030-Q3', from: '2030-07', to: '2030-09' },
      by: ['sector'],
    });
    expect(body.rows).toEqual([
      {
        sector: 'food',
        pass: 1,
        fail: 1,
        pending: 0,
        excluded: 0,
        final: 2,
        rate: '50.00',
        // Food's 2025 target is a disposal rate, not a pass rate.
        target: null,
        targetYear: null,
        targetJurisdiction: null,
        gap: null,
      },
      {
        sector: 'manufacturing',
        pass: 3,
        fail: 1,
        pending: 1,
        excluded: 0,
        final: 4,
        rate: '75.00',
        target: '96.5',
        targetYear: 2025,
        targetJurisdiction: '150000',
        gap: '-21.50',
      },
    ]);
    expect(body.total).toMatchObject({ pass: 4, fail: 2, pending: 1, rate: '66.67', target: null });
    expect(body.sectors.map((s: { sector: string; gap: string }) => [s.sector, s.gap])).toEqual([
      ['food', null],
      ['manufacturing', '-21.50'],
    ]);
  });

  it('groups by any combination, with names beside codes', async () => {
    const r = await get(
      REGULATOR_HOHHOT,
      `/api/v1/rates?by=plan,county,quarter&period=2030&sector=manufacturing`,
    );
    expect(r.statusCode).toBe(200);
    const rows = r
      .json()
      .rows.map((x: Record<string, unknown>) => [
        x.planCode,
        x.county,
        x.regionName,
        x.quarter,
        x.pass,
        x.fail,
        x.pending,
        x.target,
      ]);
    expect(rows).toEqual([
      [hohhot.code, '150102', '新城区', '2030-Q3', 3, 1, 0, '96.5'],
      [hohhot.code, '150102', '新城区', '2030-Q4', 1, 0, 0, '96.5'],
      [hohhot.code, '150105', '赛罕区', '2030-Q3', 0, 0, 1, '96.5'],
    ]);
    const totals = await get(REGULATOR_HOHHOT, '/api/v1/rates?period=2030-08');
    expect(totals.json().rows).toEqual([expect.objectContaining({ pass: 1, fail: 1 })]);
  });

  it('keeps to the jurisdiction: another one is 404, an admin sees all', async () => {
    const outside = await get(REGULATOR_BAOTOU, '/api/v1/rates?jurisdiction=150100&period=2030');
    expect(outside.statusCode).toBe(404);
    const above = await get(REGULATOR_HOHHOT, '/api/v1/rates?jurisdiction=150000&period=2030');
    expect(above.statusCode).toBe(404);
    const own = await get(REGULATOR_BAOTOU, '/api/v1/rates?period=2030&by=plan');
    expect(own.json().rows.map((x: { planCode: string }) => x.planCode)).toEqual([baotou.code]);
    // Baotou's plan sampled in Hohhot: it counts for Baotou, in the prefecture of Hohhot.
    expect(own.json().rows[0]).toMatchObject({ fail: 1 });
    const admin = await get(ADMIN, '/api/v1/rates?period=2030-Q3&by=plan,prefecture');
    expect(admin.json().jurisdiction).toBeNull();
    const mine = admin
      .json()
      .rows.filter((x: { plan: string }) => [hohhot.id, baotou.id].includes(x.plan))
      .map((x: Record<string, unknown>) => [x.planCode, x.prefecture, x.pass, x.fail]);
    expect(new Set(mine)).toEqual(
      new Set([
        [hohhot.code, '150100', 4, 2],
        [baotou.code, '150100', 0, 1],
      ]),
    );
  });

  it('answers 400 naming the field for an unknown dimension or a period that does not parse', async () => {
    const r = await get(REGULATOR_HOHHOT, '/api/v1/rates?by=sector,colour&period=2030-Q5');
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([
      { field: 'by', reason: expect.stringContaining('unknown dimension "colour"') },
      { field: 'period', reason: expect.stringContaining('a quarter (2026-Q3)') },
    ]);
    const region = await get(REGULATOR_HOHHOT, '/api/v1/rates?county=999999');
    expect([region.statusCode, region.json().errors[0].field]).toEqual([400, 'county']);
  });
});

describe('GET /rates/export', () => {
  it('writes CSV in UTF-8 with a BOM and Chinese headers, pass and disposal rates', async () => {
    const r = await get(REGULATOR_HOHHOT, '/api/v1/rates/export?by=sector&period=2030-Q3');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    expect(r.headers['content-disposition']).toContain('rates-150100-2030-Q3.csv');
    const raw = r.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines).toEqual([
      '行业,合格批次,不合格批次,待定批次,不判定批次,合格率(%),目标值(%),差距(百分点),目标年度,' +
        '须处置批次,已处置批次,未处置批次,问题处置率(%),处置率目标值(%),处置率差距(百分点),处置率目标年度',
      // Food's disposal target is the outline's 100 % (150000, 2025); no case is closed yet.
      '食品,1,1,0,0,50.00,,,,1,0,1,0.00,100,-100.00,2025',
      '工业产品,3,1,1,0,75.00,96.5,-21.50,2025,1,0,1,0.00,,,',
      '合计,4,2,1,0,66.67,,,,2,0,2,0.00,,,',
    ]);
    // The same figures as GET /rates answers.
    const json = (await get(REGULATOR_HOHHOT, '/api/v1/rates?by=sector&period=2030-Q3')).json();
    expect(json.disposal.rows.find((d: { sector: string }) => d.sector === 'food')).toMatchObject({
      failures: 1,
      disposed: 0,
      open: 1,
      rate: '0.00',
      target: '100',
      gap: '-100.00',
    });
  });

  it('shows no disposal rate for a group without a final failure', async () => {
    const r = await get(REGULATOR_HOHHOT, '/api/v1/rates/export?by=quarter&period=2030');
    const lines = r.rawPayload.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines.slice(1)).toEqual([
      '2030-Q3,4,2,1,0,66.67,,,,2,0,2,0.00,,,',
      '2030-Q4,1,0,0,0,100.00,96.5,3.50,2025,0,0,0,,,,',
      '合计,5,2,1,0,71.43,,,,2,0,2,0.00,,,',
    ]);
  });

  it('writes the same table as XLSX', async () => {
    const r = await get(
      REGULATOR_HOHHOT,
      '/api/v1/rates/export?by=sector&period=2030-Q3&format=xlsx',
    );
    expect(r.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('合格率 2030-Q3');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '行业',
      '合格批次',
      '不合格批次',
      '待定批次',
      '不判定批次',
      '合格率(%)',
      '目标值(%)',
      '差距(百分点)',
      '目标年度',
      '须处置批次',
      '已处置批次',
      '未处置批次',
      '问题处置率(%)',
      '处置率目标值(%)',
      '处置率差距(百分点)',
      '处置率目标年度',
    ]);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
      '工业产品',
      3,
      1,
      1,
      0,
      75,
      96.5,
      -21.5,
      2025,
      1,
      0,
      1,
      0,
      '',
      '',
      '',
    ]);
    expect((sheet.getRow(2).values as unknown[]).slice(10)).toEqual([1, 0, 1, 0, 100, -100, 2025]);
  });

  it('refuses a bad query as the rates do, and another jurisdiction as absent', async () => {
    const r = await get(REGULATOR_HOHHOT, '/api/v1/rates/export?by=colour');
    expect([r.statusCode, r.json().errors[0].field]).toEqual([400, 'by']);
    const outside = await get(REGULATOR_BAOTOU, '/api/v1/rates/export?jurisdiction=150100');
    expect(outside.statusCode).toBe(404);
  });
});

describe('targets', () => {
  it('are seeded with the 2025 outline and read by the regulators they hold for', async () => {
    const r = await get(REGULATOR_HOHHOT, '/api/v1/targets?year=2025&jurisdiction=150000');
    expect(r.statusCode).toBe(200);
    expect(
      r.json().items.map((t: Record<string, unknown>) => [t.sector, t.metric, t.target]),
    ).toEqual([
      ['agricultural', 'pass_rate', '98'],
      ['consumer_goods', 'pass_rate', '94'],
      ['drug', 'pass_rate', '98'],
      ['food', 'disposal_rate', '100'],
      ['manufacturing', 'pass_rate', '96.5'],
    ]);
  });

  it('are created, changed and deleted by admins, audited, and the most local one counts', async () => {
    const body = {
      jurisdiction: '150100',
      sector: 'manufacturing',
      year: 2030,
      target: 99,
      source: '呼和浩特市 2030 年目标（测试）',
    };
    expect((await send(REGULATOR_HOHHOT, 'POST', '/api/v1/targets', body)).statusCode).toBe(403);
    const created = await send(ADMIN, 'POST', '/api/v1/targets', body);
    expect(created.statusCode).toBe(201);
    const t = created.json();
    expect(t).toMatchObject({ target: '99', metric: 'pass_rate', createdBy: ADMIN.sub });
    const again = await send(ADMIN, 'POST', '/api/v1/targets', body);
    expect([again.statusCode, again.json().code]).toEqual([409, 'TARGET_EXISTS']);

    const rates = await get(REGULATOR_HOHHOT, '/api/v1/rates?by=sector&period=2030-Q3');
    expect(rates.json().rows[1]).toMatchObject({
      sector: 'manufacturing',
      target: '99',
      targetYear: 2030,
      targetJurisdiction: '150100',
      gap: '-24.00',
    });
    // Baotou still answers to the region's target.
    const baotouRates = await get(REGULATOR_BAOTOU, '/api/v1/rates?by=sector&period=2030-Q3');
    expect(baotouRates.json().rows[0]).toMatchObject({ target: '96.5', gap: '-96.50' });

    for (const bad of [101, '-1', '96.555', 'high', null] as const) {
      const r = await send(ADMIN, 'PATCH', `/api/v1/targets/${t.id}`, { target: bad });
      expect([r.statusCode, r.json().errors[0].field]).toEqual([400, 'target']);
    }
    const changed = await send(ADMIN, 'PATCH', `/api/v1/targets/${t.id}`, { target: '98.75' });
    expect(changed.json()).toMatchObject({ target: '98.75', updatedBy: ADMIN.sub });

    expect((await get(REGULATOR_BAOTOU, `/api/v1/targets/${t.id}`)).statusCode).toBe(404);
    expect((await get(REGULATOR_HOHHOT, `/api/v1/targets/${t.id}`)).statusCode).toBe(200);
    const list = await get(REGULATOR_BAOTOU, '/api/v1/targets?jurisdiction=150100');
    expect(list.statusCode).toBe(404);

    expect((await send(ADMIN, 'DELETE', `/api/v1/targets/${t.id}`)).statusCode).toBe(204);
    expect((await get(ADMIN, `/api/v1/targets/${t.id}`)).statusCode).toBe(404);
    const audit = (await ds.query(
      `SELECT action FROM audit_log WHERE entity_type = 'rate_target' AND entity_id = $1 ORDER BY seq`,
      [t.id],
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses a target outside 0–100 when created, naming the field', async () => {
    const r = await send(ADMIN, 'POST', '/api/v1/targets', {
      jurisdiction: '150100',
      sector: 'drug',
      year: 2030,
      target: '100.5',
      source: '测试',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([
      { field: 'target', reason: expect.stringContaining('from 0 to 100') },
    ]);
  });

  it('refuses a year sent as text, as every JSON body does ("0x7D1" is no year)', async () => {
    for (const year of ['2031', '0x7D1', ' 2031', true]) {
      const r = await send(ADMIN, 'POST', '/api/v1/targets', {
        jurisdiction: '150100',
        sector: 'drug',
        year,
        target: '95',
        source: '测试',
      });
      expect([
        year,
        r.statusCode,
        [...new Set(r.json().errors?.map((e: { field: string }) => e.field))],
      ]).toEqual([year, 400, ['year']]);
    }
  });
});

describe('POST /rates/recompute', () => {
  it('asks the worker for a full recompute, admins only', async () => {
    expect((await send(REGULATOR_HOHHOT, 'POST', '/api/v1/rates/recompute')).statusCode).toBe(403);
    const r = await send(ADMIN, 'POST', '/api/v1/rates/recompute');
    expect(r.statusCode).toBe(202);
    const [row] = (await ds.query(`SELECT job, queue FROM outbox WHERE id = $1`, [
      r.json().outboxId,
    ])) as { job: string; queue: string }[];
    expect(row).toEqual({ job: 'rates.recompute', queue: 'rates' });
  });
});
