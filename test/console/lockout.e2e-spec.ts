import { DataSource } from 'typeorm';
import { InspectionTasksModule } from '../../apps/inspection-tasks/src/app.module';
import { ACCOUNT_PASSWORD, makeAccount } from '../medium/factories/accounts';
import { ConsoleHarness, startConsole } from '../support/browser';

/**
 * The lockout on the sign-in page: five wrong passwords lock the account, and the page says so
 * in Chinese with the time the account unlocks (the API's lockedUntil, in the browser's time
 * zone); the right password is refused too until then.
 */
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole(InspectionTasksModule, 'inspection-tasks');
});
afterAll(() => h?.close());

const button = (name: string) => new RegExp([...name].join('\\s*'));

it('locks the account after five wrong passwords and says until when, in Chinese', async () => {
  const account = await makeAccount(h.app.get(DataSource));
  const page = await h.page();
  await page.goto(h.url('/console/signin'));
  await page.getByRole('heading', { name: '抽检通 · 登录' }).waitFor();
  await page.getByLabel('用户名').fill(account.userName);

  for (let i = 1; i <= 4; i++) {
    await page.getByLabel('密码', { exact: true }).fill(`wrong-password-${i}`);
    await page.getByRole('button', { name: button('登录') }).click();
    const alert = page.getByRole('alert').filter({ hasText: '用户名或密码错误' });
    await alert.waitFor();
    // The next attempt starts from a page without the alert, so each answer is its own.
    await page.reload();
    await page.getByLabel('用户名').fill(account.userName);
  }
  await page.getByLabel('密码', { exact: true }).fill('wrong-password-5');
  await page.getByRole('button', { name: button('登录') }).click();
  const locked = page.getByRole('alert').filter({ hasText: '账户已锁定' });
  await locked.waitFor();

  const [row] = (await h.app
    .get(DataSource)
    .query(`SELECT locked_until AS "lockedUntil" FROM account WHERE id = $1`, [account.id])) as {
    lockedUntil: Date;
  }[];
  expect(row.lockedUntil.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  // The browser runs in China time (test/support/browser.ts): 2026年12月8日 04:15.
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(row.lockedUntil)
      .map((x) => [x.type, x.value]),
  );
  const until = `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
  expect(await locked.innerText()).toContain(
    `连续输错密码次数过多，账户已锁定，请于 ${until} 后再试`,
  );
  await h.screenshot(page, 'signin-locked');
  expect(await h.axe(page)).toEqual([]);

  // The right password does not open a locked account either.
  await page.reload();
  await page.getByLabel('用户名').fill(account.userName);
  await page.getByLabel('密码', { exact: true }).fill(ACCOUNT_PASSWORD);
  await page.getByRole('button', { name: button('登录') }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: `请于 ${until} 后再试` })
    .waitFor();
  expect(page.url()).toContain('/console/signin');
  expect(h.pageErrors).toEqual([]);
});
