import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InspectionTasksModule } from '../../apps/inspection-tasks/src/app.module';
import { usccSource } from '../support/api';
import { REGULATOR_HOHHOT, bearer } from '../support/app';
import { ConsoleHarness, startConsole } from '../support/browser';

// A browser story takes 40-50 s alone on the 2-core machine; twice that when it is busy.
jest.setTimeout(180_000);

/** The directories in the console: the list, and an import with one bad row named. */
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole(InspectionTasksModule, 'inspection-tasks');
});
afterAll(() => h?.close());

const uscc = usccSource('CW', '150103');

it('imports an enterprise file and names the one bad row by its spreadsheet row', async () => {
  const good = uscc();
  // The third line of the file (spreadsheet row 3): a USCC with a wrong check character.
  // Its check character is swapped for another one, so it can never be valid by chance.
  const valid = uscc();
  const bad = `${valid.slice(0, 17)}${valid.endsWith('0') ? '1' : '0'}`;
  const csv =
    '统一社会信用代码,企业名称,地址,行政区划代码,企业规模,产品类别,信用风险分类,经营状态\n' +
    `${good},控制台测试甲公司,地址1,150103,小型,,A类,在营\n` +
    `${bad},控制台测试乙公司,地址2,150103,小型,,B类,在营\n`;
  const dir = mkdtempSync(join(tmpdir(), 'spotcheck-import-'));
  const file = join(dir, '名录.csv');
  writeFileSync(file, csv);

  const page = await h.page({ as: REGULATOR_HOHHOT });
  await page.goto(h.url('/console/enterprises'));
  await page.getByRole('heading', { name: '检查对象名录' }).waitFor();
  await page
    .getByRole('button', { name: '导 入' })
    .or(page.getByRole('button', { name: '导入' }))
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type=file]').setInputFiles(file);
  await dialog.getByRole('button', { name: '开始导入' }).click();
  const table = dialog.getByRole('table');
  await table.waitFor();
  const row = table.getByRole('row').filter({ hasText: '统一社会信用代码' }).first();
  await row.waitFor();
  expect(await row.getByRole('cell').first().innerText()).toBe('3');
  expect(await dialog.getByRole('alert').first().innerText()).toContain('未导入任何记录');
  await h.screenshot(page, 'enterprises-import-rejected');
  expect(await h.axe(page)).toEqual([]);

  // Nothing was written: the good row is not in the directory either.
  const r = await h.app.inject({
    url: `/api/v1/enterprises/${good}`,
    headers: bearer(REGULATOR_HOHHOT),
  });
  expect(r.statusCode).toBe(404);
});

it('lists the directories with their filters, each page without a serious accessibility fault', async () => {
  const page = await h.page({ as: REGULATOR_HOHHOT });
  for (const [path, title] of [
    ['enterprises', '检查对象名录'],
    ['labs', '检验机构'],
    ['inspectors', '执法检查人员'],
    ['catalog', '抽查事项清单'],
  ]) {
    await page.goto(h.url(`/console/${path}`));
    await page.getByRole('heading', { name: title }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /已加载|已全部加载/ })
      .first()
      .waitFor();
    await h.screenshot(page, `directory-${path}`);
    expect([path, await h.axe(page)]).toEqual([path, []]);
  }
  expect(h.pageErrors).toEqual([]);
});
