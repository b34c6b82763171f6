import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { WorkCalendarService } from '@spotcheck/database';
import { addCalendarDays, chinaDate, rectificationDeadline } from '@spotcheck/domain';
import { LabResultsModule } from '../../apps/lab-results/src/app.module';
import { CaseKeeper } from '../../apps/worker/src/followup/case-keeper.service';
import { makeEnterprise, makeInspector } from '../medium/factories';
import { type ObjectionWorld, makeObjectionWorld } from '../medium/factories/objections';
import { freshUscc, unique } from '../medium/support';
import { apiOf } from '../support/api';
import { bootHttp } from '../support/app';
import { ConsoleHarness, startConsole, toPhone } from '../support/browser';
import { epcisDocument, gtinOf, sgln, shippingEvent } from '../support/epcis-documents';
import { finalFailure } from '../support/followup';
import { until } from '../support/own-servers';

/**
 * The follow-up cases pages (docs/cases.md, docs/console.md): a final failure opens a case
 * through the worker; the regulator finds it in the list, orders the correction (an out-of-range
 * period refused beside its field, then the working-day deadline shown), reads the enterprise's
 * report and downloads its attachment, sends a re-inspection (a pair refused beside the field),
 * follows the recall of the batch by its holders; on another case the worker climbs the
 * escalation ladder, closing below its top is refused in Chinese, and the regulator closes the
 * case at the top.
 */
let h: ConsoleHarness;
let labApp: NestFastifyApplication;
let worker: INestApplicationContext;
let ds: DataSource;
let w: ObjectionWorld;
let pair: [string, string];
const tasks = apiOf(() => h.app);
const labs = apiOf(() => labApp);
const attachmentDir = mkdtempSync(join(tmpdir(), 'spotcheck-console-attachments-'));

beforeAll(async () => {
  process.env.OUTBOX_POLL_MS = '100';
  // The app module reads the environment when it is loaded: after the attachment directory is set.
  process.env.ATTACHMENT_DIR = attachmentDir;
  const { InspectionTasksModule } = await import('../../apps/inspection-tasks/src/app.module');
  h = await startConsole(InspectionTasksModule, 'inspection-tasks');
  labApp = await bootHttp(LabResultsModule, 'lab-results');
  const { startWorker } = await import('../../apps/worker/src/main');
  worker = (await startWorker(0)).app;
  ds = h.app.get(DataSource);
  w = await makeObjectionWorld(ds, 'manufacturing');
  const staff = [];
  for (let i = 0; i < 2; i++)
    staff.push(
      (await makeInspector(ds, { regionCode: w.jurisdiction, categories: [w.category.code] }))
        .staffNo,
    );
  pair = [staff[0], staff[1]];
}, 120_000);
// The worker opens each case and climbs the ladder while the browser waits: slow on a busy machine.
jest.setTimeout(240_000);
afterAll(async () => {
  await worker?.close();
  await labApp?.close();
  await h?.close();
});

const today = () => chinaDate(new Date());
/** 2026年12月7日: a date as the console writes it in Chinese. */
const zhDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const button = (name: string) => new RegExp([...name].join('\\s*'));
const heading = (page: Page, name: RegExp) => page.getByRole('heading', { name }).waitFor();

/** Looked at in a phone's width too (390 px). */
async function narrow(page: Page, shot: string) {
  await toPhone(page);
  await h.screenshot(page, shot);
  expect(await h.axe(page)).toEqual([]);
  await page.setViewportSize({ width: 1440, height: 900 });
}

it('orders the correction, reads the report and its attachment, sends a re-inspection and follows the recall', async () => {
  // The batch: M (the world's other enterprise) makes it and ships it to D, which has an
  // account, and to a shop without one.
  const prefix = () => `57${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const manufacturer = w.otherEnterpriseUser;
  const distributor = await makeEnterprise(ds, {
    uscc: freshUscc(w.jurisdiction),
    regionCode: w.jurisdiction,
    name: unique('下游经销商'),
  });
  const d = { sub: unique('ent-'), role: 'enterprise' as const, org: distributor.uscc };
  const [pm, pd] = [prefix(), prefix()];
  for (const [p, companyPrefix] of [
    [manufacturer, pm],
    [d, pd],
  ] as const) {
    const r = await tasks.post(p as never, '/api/v1/epcis/gtin-prefixes', { companyPrefix });
    if (r.statusCode !== 201) throw new Error(`prefix: ${r.body}`);
  }
  const item = '0001';
  const lot = unique('RC').slice(0, 20);
  const shop = 'urn:epc:id:sgln:7999999.00001.0';
  const ship = (to: string, at: number) =>
    shippingEvent({ prefix: pm, item, lot, quantity: 10, at, from: sgln(pm, 1), to });
  const captured = await tasks.post(
    manufacturer,
    '/api/v1/epcis/capture',
    epcisDocument([ship(sgln(pd, 1), 0), ship(shop, 1)]),
  );
  expect(captured.statusCode).toBe(201);
  const { sample, caseId } = await finalFailure(ds, labs, w, {
    gtin: gtinOf(pm, item),
    batch: lot,
    manufacturerUscc: manufacturer.org,
  });
  const url = `/api/v1/cases/${caseId}`;

  const page = await h.page({ as: w.regulator });
  await page.goto(h.url('/console/cases'));
  await page.getByRole('heading', { name: '不合格后处理' }).waitFor();
  await page.getByRole('link', { name: sample.sampleNo }).click();
  await heading(page, new RegExp(`${sample.sampleNo}\\s*已立案，待责令改正`));
  expect(await page.getByText('尚未下达整改通知').isVisible()).toBe(true);
  expect(await h.axe(page)).toEqual([]);

  // A period beyond the law's 180 working days: the API's refusal beside the field, in Chinese.
  await page.locator('#order_workingDays').fill('200');
  await page.locator('#order_requirements').fill('立即停止销售该批次产品，查明原因并整改');
  await page.getByRole('button', { name: button('下达整改通知') }).click();
  const daysHelp = page.locator('#order_workingDays_help');
  await daysHelp.getByText('不能大于 180').waitFor();
  await page.locator('#order_workingDays').fill('5');
  await page.getByRole('button', { name: button('下达整改通知') }).click();
  await heading(page, /已责令限期改正/);
  const cal = await h.app.get(WorkCalendarService).calendar();
  const due = rectificationDeadline(cal, today(), 5).deadline;
  const orderCard = page.locator('.ant-card').filter({ hasText: '整改要求' }).first();
  expect(await orderCard.innerText()).toContain(zhDate(due));
  expect(await orderCard.innerText()).toContain('5 个工作日');

  // The enterprise reports with an attachment; the regulator reads it and downloads the file.
  const pdf = Buffer.from(`%PDF-1.4 整改报告 ${unique()}`);
  const reported = await tasks.post(w.enterpriseUser, `${url}/rectification`, {
    text: '已下架该批次产品，更换原料供应商，加强出厂检验',
    attachments: [
      { name: '整改报告.pdf', mediaType: 'application/pdf', content: pdf.toString('base64') },
    ],
  });
  expect(reported.statusCode).toBe(200);
  // A holder with an account confirms the withdrawal; the manufacturer decides to recall.
  await until(
    async () =>
      (
        (await tasks.get(w.regulator, url)).json().recall.holders as {
          uscc: string | null;
          notifiedAt: string | null;
        }[]
      ).some((x) => x.uscc === distributor.uscc && x.notifiedAt),
    'the holder told',
    20_000,
  );
  expect(
    (await tasks.post(d, `${url}/withdrawal`, { note: '已下架全部库存 12 箱' })).statusCode,
  ).toBe(200);
  expect(
    (
      await tasks.post(manufacturer, `${url}/recall-decision`, {
        decision: 'recall',
        reason: '该批次产品已通知经销商下架并召回',
      })
    ).statusCode,
  ).toBe(200);

  await page.reload();
  await heading(page, /企业已报送整改报告/);
  await page.getByText('已下架该批次产品，更换原料供应商，加强出厂检验').waitFor();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载 整改报告.pdf' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe('整改报告.pdf');
  const path = await file.path();
  expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(
    createHash('sha256').update(pdf).digest('hex'),
  );

  // The recall: D told and confirmed, the shop without an account, the manufacturer's decision.
  const recall = page.locator('.ant-card').filter({ hasText: '下架与召回追踪' });
  const dRow = recall.getByRole('row').filter({ hasText: distributor.uscc });
  expect(await dRow.innerText()).toMatch(/已通知[\s\S]*已确认（系统确认）/);
  expect(await recall.getByRole('row').filter({ hasText: shop }).innerText()).toContain(
    '无账户，无法通知',
  );
  expect(await recall.innerText()).toContain('主动召回');
  expect(await recall.getByRole('status').innerText()).toBe('有账户的持有者 1 家，已确认下架 1 家');

  // The same inspector twice: refused beside the second inspector's field.
  await page.locator('#reinspect_staffNos_0').fill(pair[0]);
  await page.locator('#reinspect_staffNos_1').fill(pair[0]);
  await page.getByRole('combobox', { name: '检验机构' }).click();
  await page.locator(`.ant-select-item-option[title="${w.lab.lab.name}"]`).click();
  await page.locator('#reinspect_dueDate').fill(addCalendarDays(today(), 20));
  await page.getByRole('button', { name: button('安排复查') }).click();
  await page
    .locator('#reinspect_staffNos_1_help')
    .getByText(`同一人（${pair[0]}）不能同时担任两名检查人员`)
    .waitFor();
  await h.screenshot(page, 'case-reported');
  expect(await h.axe(page)).toEqual([]);
  await page.locator('#reinspect_staffNos_1').fill(pair[1]);
  await page.getByRole('button', { name: button('安排复查') }).click();
  await heading(page, /复查中/);
  const after = (await tasks.get(w.regulator, url)).json();
  expect(after).toMatchObject({ state: 'reinspecting', reinspection: { taskState: 'assigned' } });
  // The task's state reads as the tasks pages name it, not as the API's code.
  await page.getByText('待抽样').waitFor();
  expect(await page.getByText('assigned', { exact: true }).count()).toBe(0);
  const task = (await tasks.get(w.regulator, `/api/v1/tasks/${after.reinspection.taskId}`)).json();
  expect(task).toMatchObject({
    inspectors: pair,
    labId: w.lab.lab.id,
    dueDate: addCalendarDays(today(), 20),
  });
  expect(
    await page
      .locator(`a[href="/console/tasks/${after.reinspection.taskId as string}"]`)
      .isVisible(),
  ).toBe(true);
  await h.screenshot(page, 'case-reinspecting');
  await narrow(page, 'case-reinspecting-390');
  expect(h.pageErrors).toEqual([]);
});

it('shows the escalation ladder the worker climbs, refuses closing below its top, and closes at the top', async () => {
  // A world of its own: the first test's re-inspection took a task number of its draw.
  const v = await makeObjectionWorld(ds, 'manufacturing');
  const { sample, caseId } = await finalFailure(ds, labs, v);
  const url = `/api/v1/cases/${caseId}`;
  const keeper = worker.get(CaseKeeper);
  const order = async () =>
    expect(
      (await tasks.post(v.regulator, `${url}/order`, { workingDays: 5, requirements: '限期改正' }))
        .statusCode,
    ).toBe(200);
  /** The order's deadline moved to yesterday, as if it had been given ten days ago. */
  const missed = () =>
    ds.query(`UPDATE followup_case SET ordered_on = $2, deadline = $3 WHERE id = $1`, [
      caseId,
      addCalendarDays(today(), -10),
      addCalendarDays(today(), -1),
    ]);
  await order();
  await missed();

  // The list's overdue filter finds it.
  const page = await h.page({ as: v.regulator });
  await page.goto(h.url('/console/cases'));
  await page.getByRole('heading', { name: '不合格后处理' }).waitFor();
  await page.getByRole('switch', { name: '只看逾期' }).click();
  await page.getByRole('button', { name: button('查询') }).click();
  // The world's only case, overdue.
  await page.getByRole('status').filter({ hasText: '共 1 条，已全部加载' }).waitFor();
  await page.getByRole('link', { name: sample.sampleNo }).waitFor();
  expect(await page.getByText('逾期未整改').count()).toBe(1);
  await h.screenshot(page, 'cases-overdue');
  expect(await h.axe(page)).toEqual([]);

  // The worker finds the missed deadline: rung 1. Closing now is refused, in Chinese.
  expect(await keeper.deadline(caseId)).toBe(true);
  await page.goto(h.url(`/console/cases/${caseId}`));
  await heading(page, /已升级处理/);
  await page.locator('#close_reason').fill('结案');
  await page.getByRole('button', { name: button('作出结案决定') }).click();
  await page
    .getByRole('alert')
    .getByText('案件尚未升级到“建议吊销营业执照”，不能结案：请重新责令限期改正')
    .waitFor();
  expect((await tasks.get(v.regulator, url)).json().state).toBe('escalated');

  // Two more missed orders: suspension, then revocation recommended.
  for (let i = 0; i < 2; i++) {
    await order();
    await missed();
    expect(await keeper.deadline(caseId)).toBe(true);
  }
  await page.reload();
  await heading(page, /已升级处理/);
  const ladder = page.getByRole('list', { name: '升级处理' });
  const rungs = await ladder.getByRole('listitem').allInnerTexts();
  expect(rungs).toHaveLength(3);
  for (const [i, rung] of ['予以公告', '责令停业，限期整顿', '建议吊销营业执照'].entries()) {
    expect(rungs[i]).toContain(rung);
    expect(rungs[i]).toContain(zhDate(today()));
    expect(rungs[i]).toContain('系统（后处理）');
  }
  const history = page.locator('.ant-card').filter({ hasText: '处理记录' });
  expect(await history.getByRole('row').count()).toBe(1 + 7); // open, 3 × (order, escalate)
  await h.screenshot(page, 'case-escalated');
  expect(await h.axe(page)).toEqual([]);

  await page.locator('#close_reason').fill('已建议吊销营业执照，结案');
  await page.getByRole('button', { name: button('作出结案决定') }).click();
  await heading(page, /已结案/);
  const closing = page.locator('.ant-card').filter({ hasText: '结案结论' });
  expect(await closing.innerText()).toContain('建议吊销营业执照');
  expect(await closing.innerText()).toContain('已建议吊销营业执照，结案');
  expect((await tasks.get(v.regulator, url)).json()).toMatchObject({
    state: 'closed',
    closing: { result: 'revocation_recommended', by: v.regulator.sub },
  });
  // Nothing is left to decide.
  expect(await page.getByRole('button', { name: button('作出结案决定') }).count()).toBe(0);
  await h.screenshot(page, 'case-closed');
  await narrow(page, 'case-closed-390');
  expect(h.pageErrors).toEqual([]);
});

it('lets a holder of the batch open its withdrawal from its notice and confirm it; the regulator sees the confirmation', async () => {
  // M makes the batch and ships it to H, a distributor with an account that was neither
  // sampled nor named on the sampling record: H reaches the case only as a holder.
  const v = await makeObjectionWorld(ds, 'manufacturing');
  const prefix = () => `58${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const manufacturer = v.otherEnterpriseUser;
  const name = unique('下游批发商');
  const holder = await makeEnterprise(ds, {
    uscc: freshUscc(v.jurisdiction),
    regionCode: v.jurisdiction,
    name,
  });
  const hp = { sub: unique('ent-'), role: 'enterprise' as const, org: holder.uscc };
  const [pm, ph] = [prefix(), prefix()];
  for (const [p, companyPrefix] of [
    [manufacturer, pm],
    [hp, ph],
  ] as const) {
    const r = await tasks.post(p as never, '/api/v1/epcis/gtin-prefixes', { companyPrefix });
    if (r.statusCode !== 201) throw new Error(`prefix: ${r.body}`);
  }
  const item = '0002';
  const lot = unique('HW').slice(0, 20);
  const captured = await tasks.post(
    manufacturer,
    '/api/v1/epcis/capture',
    epcisDocument([
      shippingEvent({
        prefix: pm,
        item,
        lot,
        quantity: 6,
        at: 0,
        from: sgln(pm, 1),
        to: sgln(ph, 1),
      }),
    ]),
  );
  expect(captured.statusCode).toBe(201);
  const { sample, caseId } = await finalFailure(ds, labs, v, {
    gtin: gtinOf(pm, item),
    batch: lot,
    manufacturerUscc: manufacturer.org,
  });
  const url = `/api/v1/cases/${caseId}`;
  // The worker tells H when it opens the case.
  const told = async () =>
    (
      (await tasks.get(hp, '/api/v1/notifications?kind=recall_holder')).json().items as {
        id: string;
        subject: string;
        readAt: string | null;
      }[]
    ).find((n) => n.subject === caseId);
  await until(async () => (await told()) !== undefined, 'the holder told', 30_000);
  expect((await tasks.get(hp, url)).statusCode).toBe(404);

  // H's start page lists the notice; it leads to H's view of the case.
  const page = await h.page({ as: hp });
  await page.goto(h.url('/console/'));
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  const notices = page.locator('.ant-card').filter({ hasText: '下架通知' });
  const link = notices.getByRole('link', { name: new RegExp(`批号 ${lot}`) });
  await link.waitFor();
  expect(await notices.innerText()).toContain('未读');
  expect(await h.axe(page)).toEqual([]);
  await link.click();
  await heading(page, new RegExp(`下架确认 · ${sample.sampleNo}\\s*待确认下架`));
  const batch = page.getByLabel('不合格批次', { exact: true });
  expect(await batch.innerText()).toContain(lot);
  expect(await batch.innerText()).toContain(gtinOf(pm, item));
  expect(await batch.innerText()).toContain('不合格项目');
  expect(
    await page.locator('.ant-card').filter({ hasText: '本企业的持有情况' }).innerText(),
  ).toContain(sgln(ph, 1));
  // Only what concerns H: not the sampled enterprise, not the order or the report.
  const whole = await page.locator('#main').innerText();
  for (const absent of [v.enterpriseUser.org!, '整改报告', '责令限期改正'])
    expect(whole).not.toContain(absent);
  // Opening the notice read it.
  await until(async () => (await told())?.readAt != null, 'the notice read', 10_000);
  await h.screenshot(page, 'withdrawal-holder');
  expect(await h.axe(page)).toEqual([]);

  await page.getByLabel('说明（可选）').fill('已下架全部库存 6 箱，退回生产企业');
  await page.getByRole('button', { name: button('确认已下架') }).click();
  await page.getByText(/本企业已确认下架（/).waitFor();
  await heading(page, /已确认下架/);
  expect(await page.getByRole('button', { name: button('确认已下架') }).count()).toBe(0);
  await h.screenshot(page, 'withdrawal-holder-confirmed');
  await narrow(page, 'withdrawal-holder-confirmed-390');

  // The regulator's case page shows H's confirmation.
  const rp = await h.page({ as: v.regulator });
  await rp.goto(h.url(`/console/cases/${caseId}`));
  const recall = rp.locator('.ant-card').filter({ hasText: '下架与召回追踪' });
  const row = recall.getByRole('row').filter({ hasText: holder.uscc });
  await row.waitFor();
  expect(await row.innerText()).toMatch(/已通知[\s\S]*已确认（系统确认）/);
  expect(await recall.getByRole('status').innerText()).toBe('有账户的持有者 1 家，已确认下架 1 家');
  expect((await tasks.get(v.regulator, url)).json().recall.holders[0]).toMatchObject({
    uscc: holder.uscc,
    confirmed: { method: 'api', by: hp.sub, note: '已下架全部库存 6 箱，退回生产企业' },
  });

  // In English too.
  const en = await h.page({ as: hp, lang: 'en' });
  await en.goto(h.url(`/console/withdrawals/${caseId}`));
  await heading(en, new RegExp(`Withdrawal · ${sample.sampleNo}\\s*Withdrawal confirmed`));
  await en.getByText(/You confirmed the withdrawal \(/).waitFor();
  expect(await h.axe(en)).toEqual([]);
  expect(h.pageErrors).toEqual([]);
});
