import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import {
  DEFAULT_SECTOR_RULES,
  RULE_NAMES,
  chinaDate,
  entriesFromChineseDays,
} from '@spotcheck/domain';
import { InspectionTasksModule } from '../../apps/inspection-tasks/src/app.module';
import { freshJurisdiction } from '../medium/factories/publications';
import { unique } from '../medium/support';
import { apiOf } from '../support/api';
import { ADMIN } from '../support/app';
import { ConsoleHarness, startConsole } from '../support/browser';

/**
 * The admins' pages: the calendar (warning while this or next year's holidays are missing,
 * setting a day), the sector rules (a changed value refused without its source, then saved), the targets
 * (a bad value refused beside the field) and the accounts (create, disable, an import naming its
 * bad row).
 */
let h: ConsoleHarness;
const api = apiOf(() => h.app);
beforeAll(async () => {
  h = await startConsole(InspectionTasksModule, 'inspection-tasks');
});
afterAll(async () => {
  // The drug sector back to its defaults (as a new version), as test/sector-rules does.
  await api.req(ADMIN, 'PATCH', '/api/v1/sector-rules/drug', {
    reason: '测试结束，恢复默认值',
    ...Object.fromEntries(RULE_NAMES.map((n) => [n, DEFAULT_SECTOR_RULES.drug[n]])),
  });
  await h?.close();
});

const button = (name: string) => new RegExp([...name].join('\\s*'));

/**
 * The year the calendar page must warn about: this year in China if the bundled holidays do not
 * cover it (after New Year, chinese-days may stop at the year just ended), else next year.
 */
function missingYear(): { year: number; title: string } {
  const thisYear = Number(chinaDate(new Date()).slice(0, 4));
  const { coverage } = entriesFromChineseDays(chineseDays);
  const covered = (y: number) =>
    coverage.some((r) => r.from <= `${y}-01-01` && r.to >= `${y}-12-31`);
  return covered(thisYear)
    ? { year: thisYear + 1, title: '下一年度节假日未录入' }
    : { year: thisYear, title: '本年度节假日未录入' };
}

it('warns that the holidays of the first year not entered are missing, and sets a day', async () => {
  const missing = missingYear();
  const page = await h.page({ as: ADMIN });
  await page.goto(h.url('/console/calendar'));
  await page.getByRole('heading', { name: '工作日历' }).waitFor();
  // chinese-days holds the holidays up to 2026: in 2026 next year's are missing, from 2027 on
  // this year's (China's year, as the page counts it).
  const warning = page.getByRole('alert').filter({ hasText: missing.title });
  await warning.waitFor();
  expect(await warning.innerText()).toContain(`${missing.year} 年的法定节假日和调休上班日尚未录入`);
  await page
    .getByRole('status')
    .filter({ hasText: /已录入/ })
    .waitFor();
  await h.screenshot(page, 'calendar');
  expect(await h.axe(page)).toEqual([]);

  // A day far ahead (no other test counts deadlines there): a holiday of its own.
  await page
    .getByRole('button', { name: button('设置日期') })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('日期').fill('2098-02-30');
  await dialog.getByLabel('名称').fill('控制台测试假日');
  await dialog.getByRole('button', { name: button('保存') }).click();
  await dialog.locator('#date_help').waitFor();
  await dialog.getByLabel('日期').fill('2098-10-08');
  await dialog.getByRole('button', { name: button('保存') }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByLabel('年度').fill('2098');
  await page.getByLabel('年度').press('Enter');
  const row = page.getByRole('row').filter({ hasText: '控制台测试假日' });
  await row.waitFor();
  expect(await row.innerText()).toContain('2098年10月8日');
  expect(await row.innerText()).toContain('管理员录入');
  expect(h.pageErrors).toEqual([]);
});

it('edits a sector’s rules: a changed value needs its source, then a new version is saved', async () => {
  const page = await h.page({ as: ADMIN });
  await page.goto(h.url('/console/sector-rules'));
  await page.getByRole('heading', { name: '行业规则' }).waitFor();
  await page.getByRole('button', { name: '修改 药品' }).click();
  const drawer = page.getByRole('dialog');
  const days = drawer.locator('#sampleDelivery_days');
  await days.fill('4');
  await drawer.getByLabel('修改原因').fill('控制台测试：依据本省实施细则');
  await drawer.getByRole('button', { name: button('保存') }).click();
  const help = drawer.locator('#sampleDelivery_source_help');
  await help.waitFor();
  expect(await help.innerText()).toContain('须注明新规定的依据');
  await h.screenshot(page, 'sector-rules-refused');
  expect(await h.axe(page)).toEqual([]);

  await drawer
    .getByLabel('样品送达检验机构 依据')
    .fill('《某省药品抽检实施细则》第七条（控制台测试）');
  await drawer.getByRole('button', { name: button('保存') }).click();
  await drawer.waitFor({ state: 'hidden' });
  const rules = (await api.get(ADMIN, '/api/v1/sector-rules/drug')).json();
  expect(rules).toMatchObject({
    reason: '控制台测试：依据本省实施细则',
    setBy: ADMIN.sub,
    sampleDelivery: { days: 4, source: { zh: '《某省药品抽检实施细则》第七条（控制台测试）' } },
  });
  await page.getByText('4 个工作日').first().waitFor();
  expect(h.pageErrors).toEqual([]);
});

it('sets a target, refusing a value over 100 beside the field', async () => {
  const jurisdiction = freshJurisdiction();
  const page = await h.page({ as: ADMIN });
  await page.goto(h.url('/console/targets'));
  await page.getByRole('heading', { name: '质量目标' }).waitFor();
  await page.getByRole('button', { name: '新建目标' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('辖区代码').fill(jurisdiction);
  await drawer.getByRole('combobox', { name: '行业' }).click();
  await page.locator('.ant-select-item-option[title="食品"]').click();
  await drawer.getByLabel('目标值（%）').fill('101');
  await drawer.getByLabel('依据').fill('控制台测试质量发展规划');
  await drawer.getByRole('button', { name: button('保存') }).click();
  const help = drawer.locator('#target_target_help');
  await help.waitFor();
  expect(await help.innerText()).toContain('应为 0 到 100 之间的百分数');
  await h.screenshot(page, 'targets-refused');
  expect(await h.axe(page)).toEqual([]);
  await drawer.getByLabel('目标值（%）').fill('96.5');
  await drawer.getByRole('button', { name: button('保存') }).click();
  await drawer.waitFor({ state: 'hidden' });
  const [target] = (await api.get(ADMIN, `/api/v1/targets?jurisdiction=${jurisdiction}`)).json()
    .items as { sector: string; target: string; createdBy: string }[];
  expect(target).toMatchObject({ sector: 'food', target: '96.5', createdBy: ADMIN.sub });
  await page.getByRole('form', { name: '筛选条件' }).getByLabel('辖区代码').fill(jurisdiction);
  await page.getByRole('button', { name: button('查询') }).click();
  // The list is virtualised (rows are not table rows to the accessibility tree): its text.
  await page.getByRole('status').filter({ hasText: '共 1 条，已全部加载' }).waitFor();
  expect(await page.locator('.ant-table-tbody-virtual').innerText()).toMatch(
    new RegExp(`${jurisdiction}[\\s\\S]*食品[\\s\\S]*96\\.50%`),
  );
  expect(h.pageErrors).toEqual([]);
});

it('creates and disables an account, and names the bad row of an account file', async () => {
  const userName = unique('console.admin.');
  const page = await h.page({ as: ADMIN });
  await page.goto(h.url('/console/accounts'));
  await page.getByRole('heading', { name: '账户管理' }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /已加载|已全部加载/ })
    .first()
    .waitFor();
  expect(await h.axe(page)).toEqual([]);

  await page.getByRole('button', { name: '新建账户' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('用户名').fill(userName);
  await drawer.getByLabel('姓名').fill('控制台测试员');
  await drawer.getByRole('combobox', { name: '角色' }).click();
  await page.locator('.ant-select-item-option[title="监管人员"]').click();
  await drawer.getByLabel('管辖区划代码').fill('150102');
  await drawer.getByRole('button', { name: button('保存') }).click();
  const created = page.getByRole('dialog').filter({ hasText: '账户已创建' });
  await created.waitFor();
  expect(await created.innerText()).toContain(userName);
  await created
    .getByRole('button', { name: button('关闭') })
    .first()
    .click();

  await page.getByLabel('用户名或姓名').fill(userName);
  await page.getByRole('button', { name: button('查询') }).click();
  await page.getByRole('button', { name: `停用 ${userName}` }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: button('停用') })
    .click();
  await page.getByRole('button', { name: `启用 ${userName}` }).waitFor();
  const account = (await api.get(ADMIN, `/api/v1/accounts/${userName}`)).json();
  expect(account.disabled).toBe(true);

  // An import whose third line (spreadsheet row 3) has a role that does not exist.
  const dir = mkdtempSync(join(tmpdir(), 'spotcheck-accounts-'));
  const file = join(dir, '账户.csv');
  writeFileSync(
    file,
    '用户名,姓名,角色,行政区划代码\n' +
      `${userName}-a,甲,监管人员,150102\n` +
      `${userName}-b,乙,局长,150102\n`,
  );
  await page.getByRole('button', { name: button('导入') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type=file]').setInputFiles(file);
  await dialog.getByRole('button', { name: '开始导入' }).click();
  const row = dialog.getByRole('table').getByRole('row').filter({ hasText: 'role' }).first();
  await row.waitFor();
  expect(await row.getByRole('cell').first().innerText()).toBe('3');
  await h.screenshot(page, 'accounts-import-rejected');
  expect(await h.axe(page)).toEqual([]);
  expect((await api.get(ADMIN, `/api/v1/accounts/${userName}-a`)).statusCode).toBe(404);
  expect(h.pageErrors).toEqual([]);
});
