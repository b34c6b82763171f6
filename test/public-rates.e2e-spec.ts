import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { makeOutcomeWorld } from './medium/factories/publications';
import { bootPortal } from './support/public-lists';

/**
 * Qualification rates for the public: the worker's rate cells of closed plans only (a running
 * plan is not announced), by any dimensions, with the target in force and the gap beside each.
 */
let portal: NestFastifyApplication;
beforeAll(async () => {
  portal = await bootPortal();
});
afterAll(() => portal.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  portal.inject({ method: 'GET', url, headers });

async function cells() {
  const ds = portal.get(DataSource);
  const closed = await makeOutcomeWorld(ds);
  const j = closed.jurisdiction;
  const running = await makeOutcomeWorld(ds, j);
  await ds.query(`UPDATE sampling_plan SET state = 'closed' WHERE id = $1`, [closed.plan.id]);
  const cell = (plan: string, sector: string, month: string, pass: number, fail: number, pending: number) =>
    ds.query(
      `INSERT INTO rate_cell (plan_id, category, region_code, enterprise_size, stage, period_month,
                              jurisdiction, sector, pass, fail, pending, excluded)
       VALUES ($1, $2, $3, 'small', 'distribution', $4, $3, $5, $6, $7, $8, 1)`,
      [plan, closed.category.code, j, month, sector, pass, fail, pending],
    ); // prettier-ignore
  await cell(closed.plan.id, 'manufacturing', '2026-02-01', 90, 10, 3);
  await cell(closed.plan.id, 'manufacturing', '2026-05-01', 9, 1, 0);
  await cell(running.plan.id, 'manufacturing', '2026-02-01', 5, 5, 0);
  await ds.query(
    `INSERT INTO rate_target (jurisdiction, sector, year, metric, target, source, created_by, updated_by)
     VALUES ($1, 'manufacturing', 2026, 'pass_rate', 95, '测试目标', 'test', 'test')`,
    [j],
  );
  return { j, closed, running };
}

describe('public rates', () => {
  it('sums the cells of closed plans by dimensions, with the target and the gap beside each', async () => {
    const { j, closed, running } = await cells();
    const r = await get(`/api/v1/public/rates?jurisdiction=${j}&period=2026&by=quarter`);
    expect(r.statusCode).toBe(200);
    const body = r.json() as Record<string, unknown>;
    expect(body.total).toEqual({
      pass: 99, fail: 11, pending: 3, excluded: 2, final: 110, rate: '90.00',
      target: '95', targetYear: 2026, targetJurisdiction: j, gap: '-5.00',
    });
    expect((body.rows as Record<string, unknown>[]).map((x) => [x.quarter, x.rate, x.target, x.gap, x.sector])).toEqual([
      ['2026-Q1', '90.00', '95', '-5.00', 'manufacturing'],
      ['2026-Q2', '90.00', '95', '-5.00', 'manufacturing'],
    ]);
    expect(body.sectors).toEqual([expect.objectContaining({ sector: 'manufacturing', rate: '90.00', gap: '-5.00' })]);
    const plans = (await get(`/api/v1/public/rates?jurisdiction=${j}&by=plan,prefecture`)).json() as { rows: Record<string, unknown>[] };
    expect(plans.rows.map((x) => [x.plan, x.prefecture, x.pass])).toEqual([[closed.plan.id, `${j.slice(0, 4)}00`, 99]]);
    expect(plans.rows.map((x) => x.plan)).not.toContain(running.plan.id);
    expect((await get(`/api/v1/public/rates?jurisdiction=${j}&plan=${running.plan.id}`)).json()).toMatchObject({ total: { final: 0, rate: null } });
    const month = (await get(`/api/v1/public/rates?jurisdiction=${j}&period=2026-05`)).json() as { total: Record<string, unknown> };
    expect(month.total).toMatchObject({ pass: 9, fail: 1 });
  }); // prettier-ignore

  it('answers ETag and 304, and 400 naming the parameter for bad input', async () => {
    const r = await get('/api/v1/public/rates?by=sector');
    expect(r.statusCode).toBe(200);
    expect((await get('/api/v1/public/rates?by=sector', { 'if-none-match': r.headers.etag as string })).statusCode).toBe(304);
    for (const [url, field] of [
      ['/api/v1/public/rates?by=secret', 'by'],
      ['/api/v1/public/rates?period=2026-13', 'period'],
      ['/api/v1/public/rates?jurisdiction=999999', 'jurisdiction'],
      ['/api/v1/public/rates?plan=x', 'plan'],
      ['/api/v1/public/rates?sector=toys', 'sector'],
      ['/api/v1/public/rates?stage=online&nope=1', 'nope'],
    ]) {
      const bad = await get(url);
      expect([url, bad.statusCode, (bad.json() as { errors: { field: string }[] }).errors.map((e) => e.field)]).toEqual([url, 400, [field]]);
    }
  }); // prettier-ignore
});
