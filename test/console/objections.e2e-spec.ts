import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { InspectionTasksModule } from '../../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../../apps/lab-results/src/app.module';
import {
  makeObjectionWorld,
  makeReceivedSample,
  type ObjectionWorld,
} from '../medium/factories/objections';
import { unique } from '../medium/support';
import { apiOf, seedOf } from '../support/api';
import { bootHttp } from '../support/app';
import { ConsoleHarness, startConsole, toPhone } from '../support/browser';

/**
 * The objections pages: a regulator decides an objection — accepts it, which draws the retest
 * lab by revealing the committed seed, shown with its record and verification — and rejects
 * another, whose missing reason is refused beside the field.
 */
let h: ConsoleHarness;
let labApp: NestFastifyApplication;
let w: ObjectionWorld;
const tasks = apiOf(() => h.app);
const labs = apiOf(() => labApp);

/**
 * A failed result of a fresh sample of the world, reported by its lab, objected to; with
 * `retain`, the lab first moves the sample to testing and keeps the backup (as a retest needs).
 */
async function objected(retain = false): Promise<{ id: string; sampleNo: string }> {
  const ds = h.app.get(DataSource);
  const sample = await makeReceivedSample(ds, w);
  const report = await labs.created(w.lab.tester, '/api/v1/lab/reports', {
    sampleNo: sample.sampleNo,
    reportNo: unique('JC-'),
    items: Object.entries({ X1: '0.8', APC: '10', MOLD: '10' }).map(([itemCode, value]) => ({
      itemCode,
      value,
    })),
  });
  for (const [p, step] of [
    [w.lab.tester, 'submit'],
    [w.lab.reviewer, 'review'],
    [w.lab.signatory, 'issue'],
  ] as const) {
    const r = await labs.post(p, `/api/v1/lab/reports/${report.id as string}/${step}`);
    if (r.statusCode !== 200) throw new Error(`${step}: ${r.statusCode} ${r.body}`);
  }
  if (retain)
    for (const [kind, minutes] of [
      ['testing', 30],
      ['backup_retained', 25],
    ] as const) {
      const r = await tasks.post(
        w.lab.tester,
        `/api/v1/samples/${encodeURIComponent(sample.sampleNo)}/custody`,
        {
          kind,
          occurredAt: new Date(Date.now() - minutes * 60_000).toISOString(),
          regionCode: w.jurisdiction,
          address: '检测中心',
        },
      );
      if (r.statusCode !== 201) throw new Error(`${kind}: ${r.statusCode} ${r.body}`);
    }
  const [notice] = (await ds.query(
    `SELECT id FROM result_notice WHERE sample_id = $1 ORDER BY created_at DESC LIMIT 1`,
    [sample.id],
  )) as { id: string }[];
  const o = await tasks.created(w.enterpriseUser, `/api/v1/notices/${notice.id}/objections`, {
    items: ['X1'],
    reason: '对铅项目检验结果有异议，申请复检备份样品',
    contact: { name: '李四', phone: '0471-1234567' },
  });
  return { id: o.id as string, sampleNo: sample.sampleNo };
}

beforeAll(async () => {
  h = await startConsole(InspectionTasksModule, 'inspection-tasks');
  labApp = await bootHttp(LabResultsModule, 'lab-results');
  w = await makeObjectionWorld(h.app.get(DataSource), 'manufacturing');
}, 90_000);
afterAll(async () => {
  await labApp?.close();
  await h?.close();
});

const button = (name: string) => new RegExp([...name].join('\\s*'));

it('accepts an objection, draws the retest lab by revealing the seed, and verifies the draw', async () => {
  const o = await objected();
  const seed = seedOf('console-objections', 1);
  const page = await h.page({ as: w.regulator });
  await page.goto(h.url('/console/objections'));
  await page.getByRole('heading', { name: '复检申请（异议）' }).waitFor();
  await page.getByRole('link', { name: o.sampleNo }).click();
  await page.getByRole('heading', { name: new RegExp(`${o.sampleNo}\\s*待决定`) }).waitFor();
  expect(await h.axe(page)).toEqual([]);

  await page.getByLabel('在本机由种子计算承诺值（种子不会上传）').fill(seed);
  await page.getByRole('button', { name: button('计算') }).click();
  await page.getByRole('button', { name: button('提交决定') }).click();
  await page.getByRole('heading', { name: /已受理/ }).waitFor();

  // A seed that is not the committed one is refused beside the seed field.
  await page.getByLabel('种子', { exact: true }).fill(`${seed}-wrong`);
  await page.getByRole('button', { name: button('公开种子并抽取') }).click();
  await page.locator('#seed_help').waitFor();
  expect(await page.locator('#seed_help').innerText()).toContain('种子与承诺值不符');
  await page.getByLabel('种子', { exact: true }).fill(seed);
  await page.getByRole('button', { name: button('公开种子并抽取') }).click();
  await page.getByRole('heading', { name: /已抽取复检机构/ }).waitFor();
  await page.getByText('抽取记录').waitFor();

  await page.getByRole('button', { name: button('重新计算验证') }).click();
  const verdict = page.getByRole('status').filter({ hasText: 'MATCH' });
  await verdict.waitFor();
  expect(await verdict.innerText()).toContain('一致');
  await h.screenshot(page, 'objection-retest-drawn');
  expect(await h.axe(page)).toEqual([]);

  const after = (await tasks.get(w.regulator, `/api/v1/objections/${o.id}`)).json();
  expect(after.state).toBe('retest_drawn');
  expect(after.retestLab.id).not.toBe(w.lab.lab.id);
  expect(
    await page
      .getByText(after.retestLab.name as string)
      .first()
      .isVisible(),
  ).toBe(true);
  expect(h.pageErrors).toEqual([]);
});

it('rejects an objection only with a reason', async () => {
  const o = await objected();
  const page = await h.page({ as: w.regulator });
  await page.goto(h.url(`/console/objections/${o.id}`));
  await page.getByRole('heading', { name: /待决定/ }).waitFor();
  await page.getByRole('radio', { name: '不予受理' }).check();
  await page.getByRole('button', { name: button('提交决定') }).click();
  const help = page.locator('#reason_help');
  await help.waitFor();
  expect(await help.innerText()).toContain('不予受理须写明理由');
  await h.screenshot(page, 'objection-reject-refused');
  expect(await h.axe(page)).toEqual([]);

  await page.getByLabel('不予受理理由').fill('备份样品已超过保质期');
  await page.getByRole('button', { name: button('提交决定') }).click();
  await page.getByRole('heading', { name: /不予受理/ }).waitFor();
  expect(await page.getByText('备份样品已超过保质期').isVisible()).toBe(true);
  const after = (await tasks.get(w.regulator, `/api/v1/objections/${o.id}`)).json();
  expect(after).toMatchObject({ state: 'rejected', decisionReason: '备份样品已超过保质期' });
  expect(h.pageErrors).toEqual([]);
});

it('records the drawn lab’s refusal with a new commitment and redraws among the remaining labs', async () => {
  const o = await objected(true);
  const url = `/api/v1/objections/${o.id}`;
  const seed = seedOf('console-objections', 2);
  const commitment = createHash('sha256').update(seed).digest('hex');
  expect(
    (await tasks.post(w.regulator, `${url}/decision`, { decision: 'accept', commitment }))
      .statusCode,
  ).toBe(200);
  const drawn = await tasks.post(w.regulator, `${url}/retest-draw`, { seed });
  expect(drawn.statusCode).toBe(200);
  const first = drawn.json().retestLab as { id: string; name: string };

  const page = await h.page({ as: w.regulator });
  await page.goto(h.url(`/console/objections/${o.id}`));
  await page.getByRole('heading', { name: /已抽取复检机构/ }).waitFor();
  await page.getByText('复检机构拒绝接收，重新抽取').waitFor();
  // No commitment: refused beside the field, in Chinese.
  await page.getByRole('radio', { name: '检测能力已满' }).check();
  await page.getByLabel('说明', { exact: true }).fill('复检机构告知本月检测能力已满');
  await page.getByRole('button', { name: button('记录拒绝并承诺新种子') }).click();
  const help = page.locator('#commitment_help');
  await help.waitFor();
  expect(await help.innerText()).toMatch(/承诺值|必填/);
  await h.screenshot(page, 'objection-refusal-refused');
  expect(await h.axe(page)).toEqual([]);

  const seed2 = seedOf('console-objections', 3);
  await page.getByLabel('在本机由种子计算承诺值（种子不会上传）').fill(seed2);
  await page.getByRole('button', { name: /^计\s*算$/ }).click();
  await page.getByRole('button', { name: button('记录拒绝并承诺新种子') }).click();
  await page.getByRole('heading', { name: /已受理/ }).waitFor();
  const refusals = page.locator('.ant-card').filter({ hasText: '拒绝承检记录' });
  const refused = refusals.getByRole('row').filter({ hasText: first.id });
  expect(await refused.innerText()).toContain('检测能力已满');
  expect(await refused.innerText()).toContain(seed);

  await page.getByLabel('种子', { exact: true }).fill(seed2);
  await page.getByRole('button', { name: button('公开种子并抽取') }).click();
  await page.getByRole('heading', { name: /已抽取复检机构/ }).waitFor();
  const after = (await tasks.get(w.regulator, url)).json();
  expect(after).toMatchObject({
    state: 'retest_drawn',
    commitment: createHash('sha256').update(seed2).digest('hex'),
    refusals: [{ labId: first.id, reason: 'no_capacity', note: '复检机构告知本月检测能力已满' }],
  });
  expect([first.id, w.lab.lab.id]).not.toContain(after.retestLab.id);
  await page.getByRole('button', { name: button('重新计算验证') }).click();
  await page.getByRole('status').filter({ hasText: 'MATCH' }).waitFor();
  await h.screenshot(page, 'objection-redrawn');
  expect(await h.axe(page)).toEqual([]);
  await toPhone(page);
  await h.screenshot(page, 'objection-redrawn-390');
  expect(await h.axe(page)).toEqual([]);
  expect(h.pageErrors).toEqual([]);
}, 240_000);
