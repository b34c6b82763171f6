import { createHash, randomInt, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Page } from 'playwright-core';
import { addCalendarDays, chinaDate } from '@spotcheck/domain';
import { DataSource } from 'typeorm';
import { LabResultsModule } from '../../apps/lab-results/src/app.module';
import {
  makeObjectionWorld,
  makeReceivedSample,
  type ObjectionWorld,
} from '../medium/factories/objections';
import { unique } from '../medium/support';
import { apiOf } from '../support/api';
import { bootHttp } from '../support/app';
import { ConsoleHarness, startConsole } from '../support/browser';
import { epcisDocument, gtinOf, sgln, shippingEvent } from '../support/epcis-documents';
import type { Principal } from '@spotcheck/auth';

/**
 * The enterprises' pages: an enterprise reads its result notice (the receipt is
 * recorded), is refused a retest of a microbial item beside the items, files an objection on
 * the other and sees it pending; a late objection is refused naming the deadline; it reports
 * the rectification of its case with an attachment, stored by SHA-256; it registers a GS1
 * company prefix and uploads EPCIS documents, a bad one refused with its problems by path; the
 * manufacturer records its recall decision and a holder of the batch confirms its withdrawal.
 */
let h: ConsoleHarness;
let labApp: NestFastifyApplication;
let w: ObjectionWorld;
let ds: DataSource;
const tasks = apiOf(() => h.app);
const labs = apiOf(() => labApp);
const attachmentDir = mkdtempSync(join(tmpdir(), 'spotcheck-console-attachments-'));

beforeAll(async () => {
  // The app module reads the environment when it is loaded: after the attachment directory is set.
  process.env.ATTACHMENT_DIR = attachmentDir;
  const { InspectionTasksModule } = await import('../../apps/inspection-tasks/src/app.module');
  h = await startConsole(InspectionTasksModule, 'inspection-tasks');
  labApp = await bootHttp(LabResultsModule, 'lab-results');
  ds = h.app.get(DataSource);
  // Food: microbial items may not be retested (Food Safety Law art. 88).
  w = await makeObjectionWorld(ds, 'food');
}, 90_000);
afterAll(async () => {
  await labApp?.close();
  await h?.close();
});

const button = (name: string) => new RegExp([...name].join('\\s*'));

/** A failed result of a fresh sample of the world, issued by its lab: the sample and its notice. */
async function failedNotice(
  values: Record<string, string>,
  o: Parameters<typeof makeReceivedSample>[2] = {},
) {
  const sample = await makeReceivedSample(ds, w, o);
  const report = await labs.created(w.lab.tester, '/api/v1/lab/reports', {
    sampleNo: sample.sampleNo,
    reportNo: unique('JC-'),
    items: Object.entries(values).map(([itemCode, value]) => ({ itemCode, value })),
  });
  for (const [p, step] of [
    [w.lab.tester, 'submit'],
    [w.lab.reviewer, 'review'],
    [w.lab.signatory, 'issue'],
  ] as const) {
    const r = await labs.post(p, `/api/v1/lab/reports/${report.id as string}/${step}`);
    if (r.statusCode !== 200) throw new Error(`${step}: ${r.statusCode} ${r.body}`);
  }
  const [notice] = (await ds.query(
    `SELECT id FROM result_notice WHERE sample_id = $1 ORDER BY created_at DESC LIMIT 1`,
    [sample.id],
  )) as { id: string }[];
  return { sample, noticeId: notice.id };
}

async function fillObjection(page: Page) {
  await page.getByLabel('申请理由').fill('对铅项目检验结果有异议，申请复检备份样品');
  await page.getByLabel('联系人', { exact: true }).fill('李四');
  await page.getByLabel('联系电话').fill('0471-1234567');
}

it('reads its notice (the receipt recorded), is refused a microbial retest beside the items, objects and sees it pending', async () => {
  const { sample, noticeId } = await failedNotice({ X1: '0.8', APC: '10', MOLD: '100' });
  const page = await h.page({ as: w.enterpriseUser });
  await page.goto(h.url('/console/'));
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  // The enterprise's navigation: its own pages, none of the regulators'.
  const nav = page.getByRole('navigation');
  for (const item of ['检验结果通知', '限期整改', '追溯数据'])
    await nav.getByRole('menuitem', { name: item }).waitFor();
  expect(await nav.getByRole('menuitem', { name: '抽查计划' }).count()).toBe(0);
  await page.getByRole('link', { name: sample.sampleNo }).waitFor();
  expect(await h.axe(page)).toEqual([]);

  await nav.getByRole('menuitem', { name: '检验结果通知' }).click();
  await page.getByRole('heading', { name: '检验结果通知' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: sample.sampleNo });
  await row.filter({ hasText: /剩余 \d+ 个工作日/ }).waitFor();
  expect(await row.innerText()).toContain('未签收');
  await h.screenshot(page, 'enterprise-notices');
  expect(await h.axe(page)).toEqual([]);
  const unread = (await tasks.get(w.enterpriseUser, `/api/v1/notices/${noticeId}`)).json();
  expect(unread.readAt).toBeNull();

  await row.getByRole('link', { name: sample.sampleNo }).click();
  await page.getByRole('status').filter({ hasText: '已记录签收' }).waitFor();
  const [{ read_at }] = (await ds.query(`SELECT read_at FROM result_notice WHERE id = $1`, [
    noticeId,
  ])) as { read_at: Date | null }[];
  expect(read_at).toBeInstanceOf(Date);
  const read = await ds.query(
    `SELECT 1 FROM audit_log WHERE entity_type = 'result_notice' AND entity_id = $1 AND action = 'read'`,
    [noticeId],
  );
  expect(read).toHaveLength(1);
  // The deadline counts down in working days, as food's objection window rule counts.
  expect(
    await page
      .getByText(/剩余 \d+ 个工作日/)
      .first()
      .isVisible(),
  ).toBe(true);
  expect(await page.getByText(/提出复检申请（异议） · 7 个工作日/).isVisible()).toBe(true);

  // Both failed items contested: the microbial one may not be retested, said beside the items.
  await page.getByRole('checkbox', { name: /铅/ }).check();
  await page.getByRole('checkbox', { name: /霉菌/ }).check();
  await fillObjection(page);
  await page.getByRole('button', { name: button('提交复检申请') }).click();
  const help = page.locator('#items_help');
  await help.waitFor();
  expect(await help.innerText()).toContain('微生物指标不予复检（MOLD）');
  await page.getByRole('alert').filter({ hasText: '微生物指标不予复检' }).waitFor();
  await h.screenshot(page, 'enterprise-objection-refused');
  expect(await h.axe(page)).toEqual([]);

  await page.getByRole('checkbox', { name: /霉菌/ }).uncheck();
  await page.getByRole('button', { name: button('提交复检申请') }).click();
  await page.getByText('复检申请进展').waitFor();
  await page.getByText('待监管部门决定').first().waitFor();
  const mine = (await tasks.get(w.enterpriseUser, '/api/v1/objections')).json();
  const filed = (mine.items as { noticeId: string; state: string; items: string[] }[]).find(
    (o) => o.noticeId === noticeId,
  );
  expect(filed).toMatchObject({ state: 'filed', items: ['X1'] });
  await h.screenshot(page, 'enterprise-objection-filed');
  expect(await h.axe(page)).toEqual([]);

  // On a phone (390 px) the notice stays readable: no horizontal scrolling of the page.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.getByText('复检申请进展').waitFor();
  const overflow = await page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await h.screenshot(page, 'enterprise-notice-390');
  expect(h.pageErrors).toEqual([]);
});

it('refuses a late objection, naming the deadline and its rule', async () => {
  const { sample, noticeId } = await failedNotice({ X1: '0.8', APC: '10', MOLD: '10' });
  const today = chinaDate(new Date());
  const deadline = addCalendarDays(today, -3);
  await ds.query(`UPDATE result_notice SET served_on = $2, objection_deadline = $3 WHERE id = $1`, [
    noticeId,
    addCalendarDays(today, -20),
    deadline,
  ]);
  const page = await h.page({ as: w.enterpriseUser });
  await page.goto(h.url(`/console/notices/${noticeId}`));
  await page.getByRole('heading', { name: new RegExp(sample.sampleNo) }).waitFor();
  expect(
    await page
      .getByText(/已过期 3 天/)
      .first()
      .isVisible(),
  ).toBe(true);
  await fillObjection(page);
  await page.getByRole('button', { name: button('提交复检申请') }).click();
  const alert = page.getByRole('alert').filter({ hasText: '已超过提出异议的期限' });
  await alert.waitFor();
  const [y, m, d] = deadline.split('-').map(Number);
  expect(await alert.innerText()).toContain(`已超过提出异议的期限：${y}年${m}月${d}日 截止`);
  expect(await alert.innerText()).toContain('食品安全法');
  const mine = (await tasks.get(w.enterpriseUser, '/api/v1/objections')).json();
  expect((mine.items as { noticeId: string }[]).some((o) => o.noticeId === noticeId)).toBe(false);
  await h.screenshot(page, 'enterprise-objection-late');
  expect(await h.axe(page)).toEqual([]);
  expect(h.pageErrors).toEqual([]);
});

it('reports the rectification of its case with an attachment, stored by SHA-256', async () => {
  const { sample } = await failedNotice({ X1: '0.8', APC: '10', MOLD: '10' });
  // The case the worker opens when the failure is final (docs/cases.md §1), opened here directly.
  const [c] = (await ds.query(
    `INSERT INTO followup_case (sample_id, task_id, jurisdiction, uscc, final_on)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [sample.id, sample.taskId, w.jurisdiction, w.enterprise.uscc, chinaDate(new Date())],
  )) as { id: string }[];
  await ds.query(
    `INSERT INTO followup_case_step (case_id, seq, event, from_state, to_state, level,
                                     occurred_on, actor, actor_role, reason)
     VALUES ($1, 1, 'open', NULL, 'opened', 0, $2, 'system:followup', 'system', '立案后处理')`,
    [c.id, chinaDate(new Date())],
  );
  const order = await tasks.post(w.regulator, `/api/v1/cases/${c.id}/order`, {
    workingDays: 15,
    requirements: '立即停止销售该批次产品，查明原因，整改后报送整改报告',
  });
  expect(order.statusCode).toBe(200);

  const page = await h.page({ as: w.enterpriseUser });
  await page.goto(h.url('/console/corrections'));
  await page.getByRole('heading', { name: '限期整改' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: sample.sampleNo });
  await row.filter({ hasText: /剩余 1[45] 个工作日/ }).waitFor();
  expect(await h.axe(page)).toEqual([]);
  await row.getByRole('link', { name: sample.sampleNo }).click();
  await page.getByText('责令限期改正通知').waitFor();
  expect(await page.getByText('立即停止销售该批次产品').first().isVisible()).toBe(true);

  // Submitting without the text is refused beside it, before anything is sent.
  await page.getByRole('button', { name: button('报送整改报告') }).click();
  await page.locator('#text_help').waitFor();
  expect(await page.locator('#text_help').innerText()).toContain('请填写整改情况');

  const bytes = Buffer.from(`%PDF-1.4\n整改报告 ${unique('R')}\n%%EOF\n`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await page.getByLabel('整改情况').fill('已下架召回该批次产品，更换原料供应商，加强出厂检验');
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: bytes });
  await page.getByText('整改报告.pdf').first().waitFor();
  await h.screenshot(page, 'enterprise-rectification-form');
  expect(await h.axe(page)).toEqual([]);
  await page.getByRole('button', { name: button('报送整改报告') }).click();
  await page.getByRole('heading', { name: /已报送整改报告/ }).waitFor();
  await page.getByRole('button', { name: '下载 整改报告.pdf' }).waitFor();

  const [stored] = (await ds.query(
    `SELECT state, report_text, attachments FROM followup_case WHERE id = $1`,
    [c.id],
  )) as { state: string; report_text: string; attachments: Record<string, unknown>[] }[];
  expect(stored.state).toBe('reported');
  expect(stored.report_text).toContain('更换原料供应商');
  expect(stored.attachments).toEqual([
    { sha256, name: '整改报告.pdf', mediaType: 'application/pdf', size: bytes.length },
  ]);
  const file = join(attachmentDir, sha256.slice(0, 2), sha256);
  expect(existsSync(file)).toBe(true);
  expect(readFileSync(file).equals(bytes)).toBe(true);
  // The steps: opened, ordered, reported.
  for (const step of ['立案', '责令限期改正', '报送整改报告'])
    await page.getByText(step, { exact: true }).first().waitFor();
  await h.screenshot(page, 'enterprise-rectification-reported');
  expect(await h.axe(page)).toEqual([]);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.getByText('责令限期改正通知').waitFor();
  expect(
    await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    ),
  ).toBeLessThanOrEqual(0);
  await h.screenshot(page, 'enterprise-rectification-390');
  expect(h.pageErrors).toEqual([]);
});

it('registers a GS1 company prefix and uploads EPCIS documents, a bad one refused by path', async () => {
  // A prefix of its own: the scratch database is shared by every test of the run.
  const prefix = `69${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  const item = '001';
  const page = await h.page({ as: w.enterpriseUser });
  await page.goto(h.url('/console/epcis'));
  await page.getByRole('heading', { name: '追溯数据（EPCIS）' }).waitFor();
  await page.getByRole('tab', { name: '厂商识别代码与 GTIN' }).click();
  // A malformed prefix is refused beside the field.
  await page.getByRole('textbox', { name: '厂商识别代码' }).fill('12ab');
  await page.getByRole('button', { name: button('登记') }).click();
  await page.locator('#companyPrefix_help').waitFor();
  await page.getByRole('textbox', { name: '厂商识别代码' }).fill(prefix);
  await page.getByRole('button', { name: button('登记') }).click();
  await page.getByRole('cell', { name: prefix, exact: true }).waitFor();
  expect(await h.axe(page)).toEqual([]);

  const at = { prefix, item, quantity: 10, from: sgln(prefix, 1), to: sgln(prefix, 2) };
  const good = shippingEvent({ ...at, lot: 'L1', at: 0, eventID: `urn:uuid:${randomUUID()}` });
  const bad = { ...shippingEvent({ ...at, lot: 'L2', at: 5 }), eventTime: '2026-05-06 25:00' };
  await page.getByRole('tab', { name: '上传追溯数据' }).click();
  await page.locator('input[type=file]').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(epcisDocument([good, bad]))),
  });
  await page.getByText('bad.json').waitFor();
  await page.getByRole('button', { name: button('上传') }).click();
  const problems = page.getByRole('table').filter({ hasText: '文档中的错误' });
  await problems.waitFor();
  expect(await problems.innerText()).toContain('epcisBody.eventList[1].eventTime');
  expect(await problems.innerText()).toContain('应为带时区的 RFC 3339 日期时间');
  await page.getByRole('alert').filter({ hasText: 'EPCIS 文档不符合规范' }).waitFor();
  await h.screenshot(page, 'enterprise-epcis-refused');
  expect(await h.axe(page)).toEqual([]);
  const none = await tasks.get(
    w.enterpriseUser,
    `/api/v1/epcis/events?gtin=${gtinOf(prefix, item)}`,
  );
  expect(none.json().items).toEqual([]);

  await page.locator('input[type=file]').setInputFiles({
    name: 'good.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(epcisDocument([good]))),
  });
  await page.getByText('good.json').waitFor();
  await page.getByRole('button', { name: button('上传') }).click();
  await page.getByRole('status').filter({ hasText: '新保存 1 个' }).waitFor();
  expect(await page.getByRole('table').filter({ hasText: '文档中的错误' }).count()).toBe(0);

  await page.getByRole('tab', { name: '已采集事件' }).click();
  await page.getByText(gtinOf(prefix, item), { exact: true }).first().waitFor();
  expect(await page.getByText('shipping', { exact: true }).count()).toBeGreaterThan(0);
  await h.screenshot(page, 'enterprise-epcis-events');
  expect(await h.axe(page)).toEqual([]);
  expect(h.pageErrors).toEqual([]);
});

it('records the manufacturer’s recall decision and a holder’s withdrawal confirmation', async () => {
  // M, the manufacturer named on the sampling record; R, the sampled retailer, which holds the
  // batch: M's captured shipping event sends it to R's location.
  const m = w.otherEnterpriseUser;
  const r = w.enterpriseUser;
  const fresh = () => `68${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
  const [pm, pr] = [fresh(), fresh()];
  for (const [p, companyPrefix] of [
    [m, pm],
    [r, pr],
  ] as [Principal, string][]) {
    const reg = await tasks.post(p, '/api/v1/epcis/gtin-prefixes', { companyPrefix });
    expect(reg.statusCode).toBe(201);
  }
  const item = '002';
  const lot = unique('RC').slice(0, 20);
  const ship = shippingEvent({
    prefix: pm,
    item,
    lot,
    quantity: 10,
    at: 0,
    from: sgln(pm, 1),
    to: sgln(pr, 1),
  });
  expect((await tasks.post(m, '/api/v1/epcis/capture', epcisDocument([ship]))).statusCode).toBe(
    201,
  );
  const { sample } = await failedNotice(
    { X1: '0.8', APC: '10', MOLD: '10' },
    { gtin: gtinOf(pm, item), batch: lot, manufacturerUscc: m.org },
  );
  const [c] = (await ds.query(
    `INSERT INTO followup_case (sample_id, task_id, jurisdiction, uscc, manufacturer_uscc, final_on)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [sample.id, sample.taskId, w.jurisdiction, r.org, m.org, chinaDate(new Date())],
  )) as { id: string }[];
  await ds.query(
    `INSERT INTO followup_case_step (case_id, seq, event, from_state, to_state, level,
                                     occurred_on, actor, actor_role, reason)
     VALUES ($1, 1, 'open', NULL, 'opened', 0, $2, 'system:followup', 'system', '立案后处理')`,
    [c.id, chinaDate(new Date())],
  );

  // The manufacturer: the holders and their state, then its decision.
  const page = await h.page({ as: m });
  await page.goto(h.url(`/console/corrections/${c.id}`));
  await page.getByText('下架与召回').waitFor();
  // Notified: the worker tells holders when the case opens; this case was opened by hand.
  const before = (await tasks.get(w.regulator, `/api/v1/cases/${c.id}`)).json().recall;
  const notified = (before.holders as { notifiedAt: string | null }[]).filter(
    (x) => x.notifiedAt,
  ).length;
  await page
    .getByRole('status')
    .filter({ hasText: `持有企业 1 家，已通知 ${notified} 家，已确认下架 0 家` })
    .waitFor();
  const holderRow = page.getByRole('row').filter({ hasText: r.org! });
  expect(await holderRow.innerText()).toContain('未确认');
  if (notified === 0) expect(await holderRow.innerText()).toContain('尚未通知');
  expect(await page.getByRole('button', { name: button('确认已下架') }).count()).toBe(0);
  // Refused beside the fields before anything is sent.
  await page.getByRole('button', { name: button('提交召回决定') }).click();
  await page.locator('#decision_help').waitFor();
  expect(await page.locator('#decision_help').innerText()).toContain('请选择召回决定');
  expect(await page.locator('#reason_help').innerText()).toContain('请填写理由及措施');
  expect(await h.axe(page)).toEqual([]);
  await page.getByRole('radio', { name: '主动召回' }).check();
  await page.getByLabel('理由及措施').fill('通知全部经销商下架并召回该批次，退回后销毁');
  await page.getByRole('button', { name: button('提交召回决定') }).click();
  await page.getByRole('button', { name: button('重新决定（替代原决定）') }).waitFor();
  const decided = page.getByLabel('生产企业召回决定', { exact: true });
  expect(await decided.innerText()).toContain('主动召回');
  await page.getByText('召回决定', { exact: true }).first().waitFor();
  await h.screenshot(page, 'enterprise-recall-decided');
  expect(await h.axe(page)).toEqual([]);
  const [stored] = (await ds.query(`SELECT recall_decision FROM followup_case WHERE id = $1`, [
    c.id,
  ])) as { recall_decision: Record<string, unknown> }[];
  expect(stored.recall_decision).toMatchObject({
    decision: 'recall',
    reason: '通知全部经销商下架并召回该批次，退回后销毁',
    uscc: m.org,
  });
  expect(
    await ds.query(
      `SELECT 1 FROM audit_log WHERE entity_type = 'followup_case' AND entity_id = $1 AND action = 'recall_decision'`,
      [c.id],
    ),
  ).toHaveLength(1);

  // The retailer holds the batch: it confirms its withdrawal; it does not decide.
  const rp = await h.page({ as: r });
  await rp.goto(h.url(`/console/corrections/${c.id}`));
  await rp.getByText('下架与召回').waitFor();
  await rp.getByRole('button', { name: button('确认已下架') }).waitFor();
  expect(await rp.getByRole('button', { name: button('提交召回决定') }).count()).toBe(0);
  expect(await rp.getByLabel('生产企业召回决定', { exact: true }).innerText()).toContain(
    '主动召回',
  );
  await rp.getByLabel('说明（可选）').fill('已下架全部库存 10 千克，退回生产企业');
  await rp.getByRole('button', { name: button('确认已下架') }).click();
  await rp.getByText('本企业已确认下架。').waitFor();
  await rp.getByRole('status').filter({ hasText: '已确认下架 1 家' }).waitFor();
  await rp.getByText('确认下架', { exact: true }).first().waitFor();
  await h.screenshot(rp, 'enterprise-recall-confirmed');
  expect(await h.axe(rp)).toEqual([]);
  const recall = (await tasks.get(w.regulator, `/api/v1/cases/${c.id}`)).json().recall;
  expect(recall).toMatchObject({ accountHolders: 1, confirmed: 1 });
  expect(recall.holders[0]).toMatchObject({
    uscc: r.org,
    confirmed: { method: 'api', note: '已下架全部库存 10 千克，退回生产企业', by: r.sub },
  });
  // A second confirmation is refused (the form is gone; the API says why).
  const again = await tasks.post(r, `/api/v1/cases/${c.id}/withdrawal`, {});
  expect(again.json().code).toBe('ALREADY_CONFIRMED');
  expect(h.pageErrors).toEqual([]);
});

it('speaks English when chosen', async () => {
  const { sample } = await failedNotice({ X1: '0.8', APC: '10', MOLD: '10' });
  const page = await h.page({ as: w.enterpriseUser, lang: 'en' });
  await page.goto(h.url('/console/notices'));
  await page.getByRole('heading', { name: 'Result notices' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: sample.sampleNo });
  await row.filter({ hasText: /\d+ working days left/ }).waitFor();
  expect(await row.innerText()).toContain('Not yet read');
  await page.getByRole('menuitem', { name: 'Traceability data' }).waitFor();
  expect(await h.axe(page)).toEqual([]);
  expect(h.pageErrors).toEqual([]);
});
