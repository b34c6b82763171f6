import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { InspectionTasksModule } from '../../apps/inspection-tasks/src/app.module';
import { RateCellsRepository } from '../../apps/worker/src/rates/rate-cells.repository';
import { RatesService } from '../../apps/worker/src/rates/rates.service';
import {
  makeFinalOutcome,
  makeOutcomeWorld,
  regulatorOf,
  type OutcomeWorld,
} from '../medium/factories/publications';
import { apiOf } from '../support/api';
import { ADMIN } from '../support/app';
import { ConsoleHarness, startConsole } from '../support/browser';

/**
 * The rates dashboard: a county's final outcomes (two passes, one failure, sampled in February
 * 2026) against the manufacturing target set for it, charted by ECharts — loaded by this page
 * alone — and exported as CSV through the export API.
 */
let h: ConsoleHarness;
let w: OutcomeWorld;
const api = apiOf(() => h.app);

beforeAll(async () => {
  h = await startConsole(InspectionTasksModule, 'inspection-tasks');
  const ds = h.app.get(DataSource);
  w = await makeOutcomeWorld(ds);
  const samples = [
    await makeFinalOutcome(ds, w, { outcome: 'pass' }),
    await makeFinalOutcome(ds, w, { outcome: 'pass' }),
    await makeFinalOutcome(ds, w, { outcome: 'fail' }),
  ];
  // The worker keeps the rate cells; its service is called here as the rates test does.
  await new RatesService(ds, new RateCellsRepository()).refresh(samples.map((s) => s.sampleId));
  await api.created(ADMIN, '/api/v1/targets', {
    jurisdiction: w.jurisdiction,
    sector: 'manufacturing',
    year: 2026,
    target: '95',
    source: '控制台测试质量目标',
  });
});
afterAll(() => h?.close());

const button = (name: string) => new RegExp([...name].join('\\s*'));

it('charts the rates by sector against the target, by prefecture and by quarter, and exports them', async () => {
  const page = await h.page({ as: regulatorOf(w.jurisdiction, 'rates') });
  const assets: string[] = [];
  page.on('response', (r) => {
    const m = /\/console\/assets\/([^?]+\.js)$/.exec(r.url());
    if (m) assets.push(m[1]);
  });
  await page.goto(h.url('/console/rates'));
  await page.getByRole('heading', { name: '合格率看板' }).waitFor();
  // The period: the year the samples were taken in.
  await page.getByRole('combobox', { name: '统计期间' }).click();
  // The options run from this year back, five years by quarter, in a virtual list that renders
  // only the first few: from 2028 on, 2026 is rendered once the keys have moved down to it.
  const period = page.locator('.ant-select-item-option[title="2026 年"]');
  for (let i = 0; i < 30 && (await period.count()) === 0; i++)
    await page.keyboard.press('ArrowDown');
  await period.click();
  await page.getByRole('button', { name: button('查询') }).click();
  const rate = page.getByRole('status').filter({ hasText: '66.67%' });
  await rate.waitFor();

  const sector = page.getByRole('img', { name: /各行业合格率柱状图/ });
  expect(await sector.getAttribute('aria-label')).toContain('工业产品 66.67%');
  await sector.locator('svg').waitFor();
  await page.getByRole('img', { name: /各季度合格率折线图.*2026-Q1 66\.67%/ }).waitFor();
  const row = page.getByRole('row').filter({ hasText: '工业产品' });
  expect(await row.innerText()).toMatch(/66\.67%\s+95\.00%\s+-28\.33 个百分点/);
  expect(assets.filter((a) => a.startsWith('echarts-'))).toHaveLength(1);
  await h.screenshot(page, 'rates');
  expect(await h.axe(page)).toEqual([]);

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button('导出 CSV') }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe(`rates-${w.jurisdiction}-2026.csv`);
  const text = readFileSync((await csv.path())!, 'utf8');
  expect(text).toContain('66.67');
  expect(h.pageErrors).toEqual([]);
});
