import type { Principal } from '@spotcheck/auth';
import { InspectionTasksModule } from '../../apps/inspection-tasks/src/app.module';
import { RUN, apiOf, ensureCategory } from '../support/api';
import { ADMIN, REGULATOR_HOHHOT } from '../support/app';
import { ConsoleHarness, startConsole } from '../support/browser';
import { hohhotDrawnPlan } from '../support/drawn-plan';

/**
 * The tasks pages: the jurisdiction's list with its filters, a task's detail, a reassignment
 * refused beside the field with the rule, then accepted, and an inspector's own tasks.
 */
let h: ConsoleHarness;
const api = apiOf(() => h.app);
const CAT_OTHER = `CTO-${RUN}`;
const UNQUALIFIED = `CTK${RUN}-uq`;

interface Task {
  id: string;
  taskNo: number;
  inspectors: string[] | null;
  state: string;
}

/** A drawn plan of Hohhot: class D at 100 %, so each of the three enterprises has a task. */
const world = hohhotDrawnPlan<Task>(api, {
  tag: 'CTK',
  usccMark: 'CT',
  enterprises: 3,
  enterpriseName: '控制台任务测试企业',
  enterpriseAddress: '测试地址',
  labName: '控制台任务测试检验所',
  planTitle: '控制台任务测试计划',
  seedName: 'console-tasks',
});
const { category: CAT, staff: STAFF, drawn } = world;

beforeAll(async () => {
  h = await startConsole(InspectionTasksModule, 'inspection-tasks');
  await world.setup();
  await ensureCategory(api, CAT_OTHER);
  await api.created(REGULATOR_HOHHOT, '/api/v1/inspectors', {
    staffNo: UNQUALIFIED,
    name: '其他类别检查员',
    regionCode: '150102',
    categories: [CAT_OTHER],
  });
});
afterAll(() => h?.close());

const button = (name: string) => new RegExp([...name].join('\\s*'));
const loaded = (page: import('playwright-core').Page) =>
  page
    .getByRole('status')
    .filter({ hasText: /已加载|已全部加载/ })
    .first();

it('lists the plan’s tasks, narrows them by inspector and opens one', async () => {
  const { id, tasks } = await drawn();
  expect(tasks).toHaveLength(3);
  const page = await h.page({ as: REGULATOR_HOHHOT });
  await page.goto(h.url(`/console/tasks?planId=${id}`));
  await page.getByRole('heading', { name: '抽查任务' }).waitFor();
  await loaded(page).waitFor();
  expect(await loaded(page).innerText()).toBe('共 3 条，已全部加载');
  expect(await page.getByText('控制台任务测试企业').count()).toBe(3);
  await h.screenshot(page, 'tasks');
  expect(await h.axe(page)).toEqual([]);

  // By inspector: the tasks whose pair holds that staff number, as the API counts them.
  const staffNo = tasks[0].inspectors![0];
  const expected = tasks.filter((t) => t.inspectors?.includes(staffNo)).length;
  await page.getByLabel('检查人员执法证号').fill(staffNo);
  await page.getByRole('button', { name: button('查询') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `共 ${expected} 条` })
    .waitFor();

  await page
    .getByRole('link', { name: `查看 #${tasks[0].taskNo}` })
    .first()
    .click();
  await page.getByRole('heading', { name: new RegExp(`第 ${tasks[0].taskNo} 号`) }).waitFor();
  expect(await page.getByText('待抽样').first().isVisible()).toBe(true);
  expect(await h.axe(page)).toEqual([]);
  expect(h.pageErrors).toEqual([]);
});

it('refuses a reassignment beside the field with the rule, then reassigns', async () => {
  const { tasks } = await drawn();
  const task = tasks[1];
  const pair = task.inspectors!;
  const page = await h.page({ as: REGULATOR_HOHHOT });
  await page.goto(h.url(`/console/tasks/${task.id}`));
  await page.getByRole('heading', { name: new RegExp(`第 ${task.taskNo} 号`) }).waitFor();

  // An inspector of another category: the API names staffNo and the category rule.
  await page.locator('#reassign_staffNo').fill(UNQUALIFIED);
  await page.locator('#reassign_reason').fill('原检查人员病假');
  await page.getByRole('button', { name: button('确认调整') }).click();
  const help = page.locator('#reassign_staffNo_help');
  await help.waitFor();
  expect(await help.innerText()).toContain(
    `检查人员 ${UNQUALIFIED} 不具备产品类别 ${CAT} 的检查资格`,
  );
  expect(await page.locator('#reassign_staffNo_extra').innerText()).toContain(
    '须为不同的人，且不能是上次检查该企业的同一组合',
  );
  await page.mouse.move(0, 0);
  await h.screenshot(page, 'task-reassign-refused');
  expect(await h.axe(page)).toEqual([]);

  // A qualified inspector who is not in the pair takes slot 1.
  const other = STAFF.find((s) => !pair.includes(s))!;
  await page.locator('#reassign_staffNo').fill(other);
  await page.locator('#reassign_reason').fill('原检查人员病假');
  await page.getByRole('button', { name: button('确认调整') }).click();
  await page.getByRole('status').filter({ hasText: '已调整检查人员' }).waitFor();
  const history = page.getByRole('row').filter({ hasText: '原检查人员病假' });
  await history.waitFor();
  expect(await history.innerText()).toContain(pair[0]);
  expect(await history.innerText()).toContain(other);
  await h.screenshot(page, 'task-reassigned');

  const after = (await api.get(REGULATOR_HOHHOT, `/api/v1/tasks/${task.id}`)).json() as Task;
  expect(after.inspectors).toEqual([other, pair[1]]);
  expect(h.pageErrors).toEqual([]);
});

it('shows an inspector their own tasks, and says why an account without a staff number has none', async () => {
  const { id } = await drawn();
  const staffNo = STAFF[3];
  const inspector: Principal = { ...REGULATOR_HOHHOT, sub: `ct-${staffNo}`, staffNo };
  const mine = (await api.get(inspector, `/api/v1/tasks/mine?planId=${id}&limit=100`)).json() as {
    items: Task[];
  };
  const page = await h.page({ as: inspector });
  await page.goto(h.url(`/console/tasks/mine?planId=${id}`));
  await page.getByRole('heading', { name: '我的抽样任务' }).waitFor();
  await page.getByText(`执法证号 ${staffNo}`).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: `共 ${mine.items.length} 条` })
    .waitFor();
  await h.screenshot(page, 'tasks-mine');
  expect(await h.axe(page)).toEqual([]);

  const office = await h.page({ as: REGULATOR_HOHHOT, lang: 'en' });
  await office.goto(h.url('/console/tasks/mine'));
  await office.getByRole('heading', { name: 'My sampling tasks' }).waitFor();
  await office.getByText('Your account has no inspector staff number').waitFor();
  expect(await h.axe(office)).toEqual([]);
  expect(h.pageErrors).toEqual([]);
});

it('lets an admin read a task without offering the regulators’ acts (ADR 0026)', async () => {
  const { tasks } = await drawn();
  const task = tasks[2];
  const page = await h.page({ as: ADMIN });
  await page.goto(h.url(`/console/tasks/${task.id}`));
  await page.getByRole('heading', { name: new RegExp(`第 ${task.taskNo} 号`) }).waitFor();
  await page.getByText('检查人员变更记录').waitFor();
  for (const act of ['调整检查人员', '登记无法抽样', '取消任务', '填写抽样单'])
    expect([act, await page.getByText(act).count()]).toEqual([act, 0]);
  expect(await h.axe(page)).toEqual([]);
  expect(h.pageErrors).toEqual([]);
});
