import type { Page } from 'playwright-core';
import type { Principal } from '@spotcheck/auth';
import { completeGtin, completeUscc } from '@spotcheck/domain';
import { InspectionTasksModule } from '../../apps/inspection-tasks/src/app.module';
import { RUN, apiOf, once } from '../support/api';
import { REGULATOR_HOHHOT } from '../support/app';
import { ConsoleHarness, startConsole } from '../support/browser';
import { hohhotDrawnPlan } from '../support/drawn-plan';

/**
 * The sampling record form (USCC and GTIN checked as typed, the API's refusals beside their
 * fields), the sample's custody timeline with a shipping step recorded, and trace.
 */
let h: ConsoleHarness;
const api = apiOf(() => h.app);
const MANUFACTURER = completeUscc(`91150100CN${RUN}001`);
/**
 * A GTIN of this file and run (no other test uses 6957): the trace by product lists every
 * sample of its GTIN, so a GTIN other files sample too (690123456789 is the factories') would put
 * their rows, and their states' colours, on the page this file screenshots and checks.
 */
const GTIN = completeGtin(`6957${RUN}1234`);
/** The same GTIN with its check digit off by one. */
const BAD_GTIN = `${GTIN.slice(0, 12)}${(Number(GTIN[12]) + 1) % 10}`;
const BAD_USCC = `${MANUFACTURER.slice(0, 17)}${MANUFACTURER[17] === '0' ? '1' : '0'}`;

interface Task {
  id: string;
  taskNo: number;
  uscc: string;
  inspectors: string[] | null;
}

const world = hohhotDrawnPlan<Task>(api, {
  tag: 'CSM',
  usccMark: 'CN',
  enterprises: 2,
  enterpriseName: '控制台抽样测试企业',
  enterpriseAddress: '呼和浩特市新城区测试路1号',
  labName: '控制台抽样测试检验所',
  planTitle: '控制台抽样测试计划',
  seedName: 'console-samples',
});
const drawn = world.drawn;

beforeAll(async () => {
  h = await startConsole(InspectionTasksModule, 'inspection-tasks');
  await world.setup();
});
afterAll(() => h?.close());

const inspectorOf = (t: Task): Principal => ({
  ...REGULATOR_HOHHOT,
  sub: `cs-${t.inspectors![0]}`,
  staffNo: t.inspectors![0],
});

const button = (name: string) => new RegExp([...name].join('\\s*'));
const help = (page: Page, field: string) => page.locator(`#record_${field}_help`);

/** Recorded through the form by the first test; the sample number it was given. */
const recorded = once(async () => {
  const { tasks } = await drawn();
  const task = tasks[0];
  const page = await h.page({ as: inspectorOf(task) });
  await page.goto(h.url(`/console/tasks/${task.id}/sample`));
  await page.getByRole('heading', { name: '抽样单' }).waitFor();

  // Checked as typed, by libs/domain's rules: nothing is sent yet.
  await page.locator('#record_manufacturer_uscc').fill(BAD_USCC);
  await help(page, 'manufacturer_uscc')
    .getByText(/统一社会信用代码校验位为 \w，应为 \w/)
    .waitFor();
  await page.locator('#record_gtin').fill(BAD_GTIN);
  await help(page, 'gtin').getByText(`GTIN 校验位为 ${BAD_GTIN[12]}，应为 ${GTIN[12]}`).waitFor();
  await h.screenshot(page, 'sample-record-typed');

  await page.locator('#record_manufacturer_uscc').fill(MANUFACTURER);
  await page.locator('#record_gtin').fill(GTIN);
  await page.locator('#record_productName').fill('纯牛奶');
  await page.locator('#record_manufacturer_name').fill('控制台测试乳业有限公司');
  await page.locator('#record_testPortion_quantity').fill('0');
  await page.locator('#record_testPortion_unit').fill('盒');
  await page.locator('#record_backupPortion_quantity').fill('6');
  await page.locator('#record_backupPortion_unit').fill('盒');
  await page.locator('#record_pricePaid').fill('36');
  await page.locator('#record_representative_name').fill('张三');
  const seals = page.locator('#record_sealNumbers');
  await seals.fill('F-001');
  await seals.press('Enter');

  // No batch nor production date, and a zero test portion: the API names both fields.
  await page.getByRole('button', { name: button('提交抽样单') }).click();
  await help(page, 'batch').getByText('生产日期和批号至少填写一项').waitFor();
  await help(page, 'testPortion_quantity').getByText('应大于零').waitFor();
  await page.mouse.move(0, 0);
  await h.screenshot(page, 'sample-record-refused');
  expect(await h.axe(page)).toEqual([]);

  await page.locator('#record_batch').fill('B20260110');
  await page.locator('#record_testPortion_quantity').fill('12');
  await page.getByRole('button', { name: button('提交抽样单') }).click();
  const heading = page.getByRole('heading', { name: /^样品 / });
  await heading.waitFor();
  const sampleNo = (await heading.innerText()).replace(/^样品\s+/, '').split(/\s/)[0];
  return { task, page, sampleNo };
});

it('records a sampling: USCC and GTIN checked as typed, refusals beside their fields', async () => {
  const { task, sampleNo } = await recorded();
  const { code } = await drawn();
  expect(sampleNo).toBe(`${code}-0001`);
  const t = (await api.get(REGULATOR_HOHHOT, `/api/v1/tasks/${task.id}`)).json() as {
    state: string;
    sampleNo: string;
  };
  expect(t).toMatchObject({ state: 'sampled', sampleNo });
  const s = (
    await api.get(REGULATOR_HOHHOT, `/api/v1/samples/${encodeURIComponent(sampleNo)}`)
  ).json() as { product: { gtin: string; batch: string }; sealNumbers: string[] };
  expect(s.product).toMatchObject({ gtin: `0${GTIN}`, batch: 'B20260110' });
  expect(s.sealNumbers).toEqual(['F-001']);
  expect(h.pageErrors).toEqual([]);
});

it('shows the custody timeline and records the shipping to the lab', async () => {
  const { page, sampleNo } = await recorded();
  await page.getByText('1. 抽样').waitFor();
  await page.getByText('2. 封样').waitFor();
  expect(await page.getByText('封条编号：F-001').first().isVisible()).toBe(true);
  expect(await h.axe(page)).toEqual([]);

  // Sealed on the spot, the sample's next field step is shipping (the lab records receipt).
  await page.locator('#custody_detail_carrier').fill('中国邮政EMS');
  await page.locator('#custody_detail_trackingNo').fill('EMS123456789CN');
  await page.getByRole('button', { name: button('登记') }).click();
  await page.getByText('3. 寄送').waitFor();
  await page.getByText('运送中').first().waitFor();
  await page.mouse.move(0, 0);
  await h.screenshot(page, 'sample-custody');
  expect(await h.axe(page)).toEqual([]);

  const custody = (
    await api.get(REGULATOR_HOHHOT, `/api/v1/samples/${encodeURIComponent(sampleNo)}/custody`)
  ).json() as { kind: string; detail: Record<string, unknown> }[];
  expect(custody.map((e) => e.kind)).toEqual(['sampled', 'sealed', 'shipped']);
  expect(custody[2].detail).toEqual({ carrier: '中国邮政EMS', trackingNo: 'EMS123456789CN' });
  expect(h.pageErrors).toEqual([]);
});

it('traces a sample: plan, draw, task, record, results and custody', async () => {
  const { sampleNo } = await recorded();
  const { code } = await drawn();
  const page = await h.page({ as: REGULATOR_HOHHOT });
  await page.goto(h.url(`/console/trace?by=sample&sampleNo=${encodeURIComponent(sampleNo)}`));
  await page.getByRole('heading', { name: '追溯查询' }).waitFor();
  await page.getByText('控制台抽样测试计划').waitFor();
  await page.getByText('2. 封样').waitFor();
  expect(await page.getByRole('link', { name: code }).count()).toBeGreaterThan(0);
  await page.getByText('尚无签发的检验报告').waitFor();
  await h.screenshot(page, 'trace-sample');
  expect(await h.axe(page)).toEqual([]);
  expect(h.pageErrors).toEqual([]);
});

it('traces an enterprise: its USCC checked as typed, then its samples', async () => {
  const { task, sampleNo } = await recorded();
  const page = await h.page({ as: REGULATOR_HOHHOT });
  await page.goto(h.url('/console/trace?by=enterprise'));
  await page.getByRole('heading', { name: '追溯查询' }).waitFor();
  const usccInput = page.locator('#traceEnterprise_uscc');
  await usccInput.fill(`${task.uscc.slice(0, 17)}${task.uscc[17] === '0' ? '1' : '0'}`);
  await page
    .locator('#traceEnterprise_uscc_help')
    .getByText(/统一社会信用代码校验位为 \w，应为 \w/)
    .waitFor();
  await usccInput.fill(task.uscc);
  await page.getByRole('button', { name: button('追溯') }).click();
  await page.getByRole('link', { name: sampleNo }).waitFor();
  expect(await page.getByText('被抽样', { exact: true }).count()).toBe(1);
  // The pointer off the button it clicked: axe judges a hovered button by its hover colour.
  await page.mouse.move(0, 0);
  await h.screenshot(page, 'trace-enterprise');
  expect(await h.axe(page)).toEqual([]);
  expect(h.pageErrors).toEqual([]);
});

it('traces a product by its GTIN, and opens a sample’s whole chain from it', async () => {
  const { sampleNo } = await recorded();
  const page = await h.page({ as: REGULATOR_HOHHOT });
  await page.goto(h.url('/console/trace?by=product'));
  await page.getByRole('heading', { name: '追溯查询' }).waitFor();
  await page.locator('#traceProduct_gtin').fill(GTIN);
  await page.getByRole('button', { name: button('追溯') }).click();
  await page.getByRole('link', { name: sampleNo }).waitFor();
  await page.mouse.move(0, 0);
  await h.screenshot(page, 'trace-product');
  expect(await h.axe(page)).toEqual([]);
  await page.getByRole('link', { name: sampleNo }).click();
  await page.getByText('控制台抽样测试计划').waitFor();
  expect(h.pageErrors).toEqual([]);
});
