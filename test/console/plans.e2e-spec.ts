import { chinaDate, completeUscc } from '@spotcheck/domain';
import { InspectionTasksModule } from '../../apps/inspection-tasks/src/app.module';
import { RUN, apiOf, ensureCategory, seedOf, usccSource } from '../support/api';
import { REGULATOR_BAOTOU, REGULATOR_HOHHOT } from '../support/app';
import { ConsoleHarness, startConsole } from '../support/browser';

// A browser story takes 40-50 s alone on the 2-core machine; twice that when it is busy.
jest.setTimeout(180_000);

/** The plans pages: create a plan (a refusal beside its ratio), commit, draw, verify. */
let h: ConsoleHarness;
const api = apiOf(() => h.app);
const uscc = usccSource('CP', '150102');
const CAT = `CPL-${RUN}`;

beforeAll(async () => {
  h = await startConsole(InspectionTasksModule, 'inspection-tasks');
  await ensureCategory(api, CAT);
  for (let i = 0; i < 4; i++)
    await api.created(REGULATOR_HOHHOT, '/api/v1/enterprises', {
      uscc: uscc(),
      name: `控制台计划测试企业${i}`,
      address: '测试地址',
      regionCode: '150102',
      size: 'small',
      categories: [CAT],
      riskClass: 'D',
    });
  for (const i of [1, 2, 3, 4])
    await api.created(REGULATOR_HOHHOT, '/api/v1/inspectors', {
      staffNo: `CPL${RUN}-${i}`,
      name: '检查员',
      regionCode: '150102',
      categories: [CAT],
    });
  await api.created(REGULATOR_HOHHOT, '/api/v1/labs', {
    name: '控制台计划测试检验所',
    uscc: completeUscc(`12150102CP${RUN}001`),
    cmaNo: `CPL${RUN}`,
    regionCode: '150102',
    categories: [CAT],
    capacity: 100,
  });
});
afterAll(() => h?.close());

const button = (name: string) => new RegExp([...name].join('\\s*'));

it('creates a plan, commits to a seed, draws and shows the verification MATCH', async () => {
  const seed = seedOf('console-plans', 1);
  const code = `CPL-2026-${process.pid}`;
  const year = chinaDate(new Date()).slice(0, 4);
  const page = await h.page({ as: REGULATOR_HOHHOT });
  await page.goto(h.url('/console/plans'));
  await page.getByRole('heading', { name: '抽查计划' }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /已加载|已全部加载/ })
    .first()
    .waitFor();
  expect(await h.axe(page)).toEqual([]);

  await page.getByRole('button', { name: '新建抽查计划' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('计划编号').fill(code);
  await drawer.getByLabel('计划名称').fill('控制台测试乳制品抽查');
  const categories = drawer.getByRole('combobox', { name: '抽查产品类别' });
  await categories.fill(CAT);
  await categories.press('Enter');
  // The form's year is this year in the browser (Asia/Shanghai): this year's end, not a fixed
  // date, so that the plan is the year it is looked up by below after New Year too.
  await drawer.getByLabel('抽样截止日期').fill(`${year}-12-31`);
  // Class D (highest risk) below class A's default 3 %: the API names ratios.D.
  await drawer.getByLabel('D 类', { exact: true }).fill('1');
  await drawer.getByRole('button', { name: button('保存') }).click();
  const dError = drawer.locator('#ratios_D_help');
  await dError.waitFor();
  expect(await dError.innerText()).toContain('D 类（风险较高）的抽查比例不得低于 C 类');
  await h.screenshot(page, 'plan-create-refused');
  expect(await h.axe(page)).toEqual([]);

  await drawer.getByLabel('D 类', { exact: true }).fill('100');
  await drawer.getByRole('button', { name: button('保存') }).click();
  await page.getByRole('heading', { name: /控制台测试乳制品抽查/ }).waitFor();
  expect(await page.getByText('草稿').first().isVisible()).toBe(true);

  // Commit: the commitment computed from the seed in the browser.
  await page.getByLabel('在本机由种子计算承诺值（种子不会上传）').fill(seed);
  await page.getByRole('button', { name: button('计算') }).click();
  await page.getByLabel('见证人').fill('呼和浩特市公证处（测试）');
  await page.getByRole('button', { name: button('提交承诺') }).click();
  await page.getByRole('button', { name: button('公开种子并抽取') }).waitFor();

  // A wrong seed is refused beside the seed field; the right one draws.
  await page.getByLabel('种子', { exact: true }).fill(`${seed}-wrong`);
  await page.getByRole('button', { name: button('公开种子并抽取') }).click();
  await page.locator('#seed_help').waitFor();
  await h.screenshot(page, 'plan-draw-refused');
  await page.getByLabel('种子', { exact: true }).fill(seed);
  await page.getByRole('button', { name: button('公开种子并抽取') }).click();
  await page.getByText('抽取结果').waitFor();

  await page.getByRole('button', { name: button('重新计算验证') }).click();
  const verdict = page.getByRole('status').filter({ hasText: 'MATCH' });
  await verdict.waitFor();
  expect(await verdict.innerText()).toContain('一致');
  await h.screenshot(page, 'plan-drawn-verified');
  expect(await h.axe(page)).toEqual([]);

  const plans = await api.get(REGULATOR_HOHHOT, `/api/v1/plans?state=drawn&year=${year}&limit=500`);
  expect((plans.json() as { items: { code: string }[] }).items.map((p) => p.code)).toContain(code);
  expect(h.pageErrors).toEqual([]);
});

it("lists the drawn plan's tasks on the start page, their links told apart from the text", async () => {
  const page = await h.page({ as: REGULATOR_HOHHOT });
  await page.goto(h.url('/console/'));
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  // The first test drew this plan in Hohhot: its tasks are Hohhot's, so they are listed.
  const link = page.getByRole('link', { name: `CPL-2026-${process.pid}` }).first();
  await link.waitFor();
  expect(
    await link.evaluate(
      (a) =>
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { textDecorationLine: string } }
        ).getComputedStyle(a).textDecorationLine,
    ),
  ).toBe('underline');
  expect(await h.axe(page)).toEqual([]);
  expect(h.pageErrors).toEqual([]);
});

it('speaks English when switched, and answers a plan outside the jurisdiction as not found', async () => {
  const page = await h.page({ as: REGULATOR_HOHHOT, lang: 'en' });
  await page.goto(h.url('/console/plans'));
  await page.getByRole('heading', { name: 'Sampling plans' }).waitFor();
  await page.getByRole('button', { name: 'New sampling plan' }).click();
  await page.getByRole('dialog').getByLabel('Class D', { exact: true }).waitFor();
  await h.screenshot(page, 'plans-en');
  expect(await h.axe(page)).toEqual([]);

  // A plan of Baotou's is not Hohhot's to see: the API's 404, shown as such.
  const other = await api.created(REGULATOR_BAOTOU, '/api/v1/plans', {
    code: `CPL-BT-${process.pid}`,
    title: '包头计划',
    level: 'prefecture',
    jurisdiction: '150200',
    year: 2026,
    categories: [CAT],
    stages: ['production'],
  });
  await page.goto(h.url(`/console/plans/${other.id as string}`));
  await page.getByText('Not found, or outside your reach').waitFor();
  expect(h.pageErrors).toEqual([]);
});
