import { InspectionTasksModule } from '../../apps/inspection-tasks/src/app.module';
import {
  makeFinalOutcome,
  makeOutcomeWorld,
  regulatorOf,
  type OutcomeWorld,
} from '../medium/factories/publications';
import { apiOf } from '../support/api';
import { dataSource } from '../support/app';
import { ConsoleHarness, startConsole } from '../support/browser';

/**
 * The publications pages: a list compiled by one regulator, refused to its compiler's approval
 * (four eyes), approved by a second regulator, published, verified and corrected.
 */
let h: ConsoleHarness;
const api = apiOf(() => h.app);
let w: OutcomeWorld;

beforeAll(async () => {
  h = await startConsole(InspectionTasksModule, 'inspection-tasks');
  w = await makeOutcomeWorld(dataSource(h.app));
  await makeFinalOutcome(dataSource(h.app), w, { outcome: 'fail', value: '0.8' });
  await makeFinalOutcome(dataSource(h.app), w, { outcome: 'pass' });
});
afterAll(() => h?.close());

const button = (name: string) => new RegExp([...name].join('\\s*'));

it('compiles a list, refuses the compiler’s approval, and publishes it once another regulator approves', async () => {
  const alice = regulatorOf(w.jurisdiction, 'alice');
  const bob = regulatorOf(w.jurisdiction, 'bob');
  const page = await h.page({ as: alice });
  await page.goto(h.url('/console/publications'));
  await page.getByRole('heading', { name: '抽检结果公告' }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /已全部加载/ })
    .first()
    .waitFor();
  expect(await h.axe(page)).toEqual([]);

  await page.getByRole('button', { name: button('编制名单') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: button('编制名单') }).click();
  await page.getByRole('heading', { name: /名单（第 1 版）\s*草稿/ }).waitFor();
  await page.getByRole('tab', { name: '不合格产品信息' }).waitFor();
  await page.getByRole('status').filter({ hasText: '共 1 条，已全部加载' }).waitFor();

  // The compiler may not approve their own list: the API's refusal, in Chinese.
  await page.getByRole('button', { name: button('审核通过') }).click();
  const refusal = page.getByRole('alert').filter({ hasText: '操作未成功' });
  await refusal.waitFor();
  expect(await refusal.innerText()).toContain('须由另一名人员审核');
  await h.screenshot(page, 'publication-four-eyes');
  expect(await h.axe(page)).toEqual([]);
  const listUrl = page.url();

  // A second regulator of the jurisdiction approves it.
  const second = await h.page({ as: bob });
  await second.goto(listUrl);
  await second.getByRole('button', { name: button('审核通过') }).click();
  await second.getByRole('heading', { name: /已审核/ }).waitFor();
  expect(await second.getByText(bob.sub).first().isVisible()).toBe(true);

  // The compiler publishes: a notice number, its digest, verified.
  await page.reload();
  await page.getByRole('button', { name: button('发布') }).click();
  await page.getByRole('heading', { name: /公告〔\d{4}〕\d+号\s*已发布/ }).waitFor();
  await page.getByRole('button', { name: button('验证摘要与链') }).click();
  const verdict = page.getByRole('status').filter({ hasText: 'MATCH' });
  await verdict.waitFor();
  expect(await verdict.innerText()).toContain('一致');
  await h.screenshot(page, 'publication-published');
  expect(await h.axe(page)).toEqual([]);

  // A correction: a new draft version with its reason.
  await page.getByRole('button', { name: button('更正') }).click();
  const correct = page.getByRole('dialog');
  await correct.getByLabel('更正原因').fill('生产企业名称有误');
  await correct.getByRole('button', { name: button('更正') }).click();
  await page.getByRole('heading', { name: /更正（第 2 版）\s*草稿/ }).waitFor();
  expect(await page.getByText('生产企业名称有误').isVisible()).toBe(true);

  const lists = (await api.get(alice, '/api/v1/publications')).json() as {
    items: { state: string; kind: string; approvedBy: string | null }[];
  };
  expect(lists.items.map((l) => [l.kind, l.state])).toEqual([
    ['correction', 'draft'],
    ['list', 'published'],
  ]);
  expect(lists.items[1].approvedBy).toBe(bob.sub);
  expect(h.pageErrors).toEqual([]);
});
