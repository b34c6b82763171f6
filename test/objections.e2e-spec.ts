import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@spotcheck/auth';
import { SectorRuleService, WorkCalendarService } from '@spotcheck/database';
import {
  addCalendarDays,
  chinaDate,
  commitmentOf,
  drawRetestLab,
  ruleDeadline,
} from '@spotcheck/domain';
import type { RetestDrawRecord } from '@spotcheck/domain';
import { DataSource } from 'typeorm';
import { enqueue } from '@spotcheck/queue';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../apps/lab-results/src/app.module';
import { PublicPortalModule } from '../apps/public-portal/src/app.module';
import {
  ObjectionWorld,
  makeObjectionWorld,
  makeReceivedSample,
} from './medium/factories/objections';
import { unique } from './medium/support';
import { apiOf } from './support/api';
import { ADMIN, bootHttp } from './support/app';
import { until } from './support/own-servers';

/**
 * Objections and retests end to end (docs/rules.md §3.5): the enterprise files on its notice, the
 * regulator decides, draws the retest lab by commit and reveal, the tested lab dispatches the
 * backup, the retest lab receives and reports through its normal flow, and the worker carries
 * the conclusion through the outcome, the rates and a correction of the published list.
 */
let tasksApp: NestFastifyApplication;
let labApp: NestFastifyApplication;
let publicApp: NestFastifyApplication;
let worker: INestApplicationContext;
let ds: DataSource;
const tasks = apiOf(() => tasksApp);
const labs = apiOf(() => labApp);
const pub = apiOf(() => publicApp);

beforeAll(async () => {
  process.env.OUTBOX_POLL_MS = '100';
  tasksApp = await bootHttp(InspectionTasksModule, 'inspection-tasks');
  labApp = await bootHttp(LabResultsModule, 'lab-results');
  publicApp = await bootHttp(PublicPortalModule, 'public-portal');
  const { startWorker } = await import('../apps/worker/src/main');
  worker = (await startWorker(0)).app;
  ds = tasksApp.get(DataSource);
}, 90_000);
afterAll(async () => {
  await worker?.close();
  for (const app of [tasksApp, labApp, publicApp]) await app?.close();
});

const today = () => chinaDate(new Date());
const enc = encodeURIComponent;

/** Issues a report of `lab` on the sample with the given results, through the four-eyes chain. */
async function issue(
  lab: ObjectionWorld['lab'],
  sampleNo: string,
  values: Record<string, string>,
): Promise<Record<string, unknown>> {
  const created = await labs.created(lab.tester, '/api/v1/lab/reports', {
    sampleNo,
    reportNo: unique('JC-'),
    items: Object.entries(values).map(([itemCode, value]) => ({ itemCode, value })),
  });
  const id = created.id as string;
  for (const [p, step] of [
    [lab.tester, 'submit'],
    [lab.reviewer, 'review'],
    [lab.signatory, 'issue'],
  ] as const) {
    const r = await labs.post(p, `/api/v1/lab/reports/${id}/${step}`);
    if (r.statusCode !== 200) throw new Error(`${step}: ${r.statusCode} ${r.body}`);
  }
  return (await labs.get(lab.tester, `/api/v1/lab/reports/${id}`)).json();
}

async function noticeOf(sampleId: string): Promise<string> {
  const [n] = (await ds.query(
    `SELECT id FROM result_notice WHERE sample_id = $1 ORDER BY created_at DESC LIMIT 1`,
    [sampleId],
  )) as { id: string }[];
  return n.id;
}

const objection = (items = ['X1']) => ({
  items,
  reason: '对检验结果有异议，申请复检备份样品',
  contact: { name: '李四', phone: '0471-1234567' },
});

const outcomeOf = async (sampleId: string) =>
  (
    (await ds.query(
      `SELECT outcome, basis, lab_id AS "labId", report_id AS "reportId", revision
       FROM sample_outcome WHERE sample_id = $1`,
      [sampleId],
    )) as { outcome: string; basis: string; labId: string; reportId: string }[]
  )[0];

const waitOutcome = (sampleId: string, outcome: string, basis: string) =>
  until(
    async () => {
      const o = await outcomeOf(sampleId);
      return o?.outcome === outcome && o.basis === basis;
    },
    `sample ${sampleId} is ${outcome} (${basis})`,
    30_000,
  );

/** A failed result of a fresh sample served on the world's enterprise: its notice. */
async function failed(
  w: ObjectionWorld,
  values: Record<string, string> = { X1: '0.8' },
  expiryDate?: string,
) {
  const sample = await makeReceivedSample(ds, w, { expiryDate });
  const report = await issue(w.lab, sample.sampleNo, {
    X1: '0.1',
    APC: '10',
    MOLD: '10',
    ...values,
  });
  expect(report).toMatchObject({ state: 'issued', verdict: 'fail' });
  return { sample, report, noticeId: await noticeOf(sample.id) };
}

/** Custody steps of the tested lab: testing, then the backup kept from the issued verdict. */
async function keepBackup(w: ObjectionWorld, sampleNo: string) {
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  for (const [kind, detail, ago] of [
    ['testing', {}, 30],
    ['backup_retained', {}, 12],
  ] as const) {
    const r = await tasks.post(w.lab.tester, `/api/v1/samples/${enc(sampleNo)}/custody`, {
      kind,
      occurredAt: at(ago),
      regionCode: w.jurisdiction,
      address: '检测中心',
      detail,
    });
    if (r.statusCode !== 201) throw new Error(`${kind}: ${r.statusCode} ${r.body}`);
  }
}

const dispatch = (w: ObjectionWorld, sampleNo: string, detail: Record<string, unknown> = {}) =>
  tasks.post(w.lab.tester, `/api/v1/samples/${enc(sampleNo)}/custody`, {
    kind: 'retest_dispatched',
    occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    regionCode: w.jurisdiction,
    address: '检测中心',
    detail,
  });

describe('objections (异议 / 复检申请)', () => {
  let w: ObjectionWorld;
  beforeAll(async () => {
    w = await makeObjectionWorld(ds, 'manufacturing');
  });

  it('are filed on the enterprise’s own notice in time, with the decision due by the sector rule; no one else sees them', async () => {
    const { sample, noticeId } = await failed(w);
    const url = `/api/v1/notices/${noticeId}/objections`;
    // Another enterprise: as if the notice did not exist; a lab or regulator may not file.
    expect((await tasks.post(w.otherEnterpriseUser, url, objection())).statusCode).toBe(404);
    expect((await tasks.post(w.regulator, url, objection())).statusCode).toBe(403);
    // An item that did not fail is no objection.
    const wrong = await tasks.post(w.enterpriseUser, url, objection(['APC']));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { field: 'items[0]', reason: 'APC is not a failed item of the result (failed: X1)' },
    ]);

    const r = await tasks.post(w.enterpriseUser, url, objection());
    expect(r.statusCode).toBe(201);
    const o = r.json();
    const cal = await tasksApp.get(WorkCalendarService).calendar();
    const rules = await tasksApp.get(SectorRuleService).of('manufacturing');
    const due = ruleDeadline(cal, rules, 'objectionDecision', today());
    expect(o).toMatchObject({
      sampleNo: sample.sampleNo,
      noticeId,
      uscc: w.enterprise.uscc,
      state: 'filed',
      items: ['X1'],
      filedOn: today(),
      decisionDue: due.deadline,
      decisionDueRule: { sector: 'manufacturing', rule: 'objectionDecision', days: 5 },
      objectionDeadlineRule: { rule: 'objectionWindow', days: 15, dayKind: 'calendar' },
      overdue: false,
      feePayer: null,
    });
    // One objection per sample: there is one backup.
    const again = await tasks.post(w.enterpriseUser, url, objection());
    expect(again.json()).toMatchObject({ code: 'OBJECTION_EXISTS', objectionId: o.id });

    const get = (p: Principal) => tasks.get(p, `/api/v1/objections/${o.id}`);
    expect((await get(w.enterpriseUser)).statusCode).toBe(200);
    expect((await get(w.regulator)).statusCode).toBe(200);
    expect((await get(ADMIN)).statusCode).toBe(200);
    expect((await get(w.otherEnterpriseUser)).statusCode).toBe(404);
    expect((await get(w.outsideRegulator)).statusCode).toBe(404);
    expect((await get(w.lab.tester)).statusCode).toBe(403);
    const others = await tasks.get(w.otherEnterpriseUser, '/api/v1/objections');
    expect(others.json().items.map((i: { id: string }) => i.id)).not.toContain(o.id);
    const mine = await tasks.get(w.enterpriseUser, '/api/v1/objections');
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(o.id);
    // Filtered by notice: exactly this notice's objection, scoped as the list is.
    const byNotice = (p: Principal, n: string) =>
      tasks.get(p, `/api/v1/objections?noticeId=${enc(n)}`);
    const onIt = await byNotice(w.enterpriseUser, noticeId);
    expect(onIt.statusCode).toBe(200);
    expect(onIt.json().items.map((i: { id: string }) => i.id)).toEqual([o.id]);
    expect((await byNotice(w.regulator, noticeId)).json().items).toHaveLength(1);
    expect((await byNotice(w.otherEnterpriseUser, noticeId)).json().items).toEqual([]);
    expect((await byNotice(w.outsideRegulator, noticeId)).json().items).toEqual([]);
    const { noticeId: quiet } = await failed(w);
    expect((await byNotice(w.enterpriseUser, quiet)).json().items).toEqual([]);
    for (const bad of ['not-a-uuid', '1', "x' OR 1=1 --"]) {
      const r400 = await byNotice(w.enterpriseUser, bad);
      expect(r400.statusCode).toBe(400);
      expect(r400.json().errors.map((e: { field: string }) => e.field)).toEqual(['noticeId']);
    }
    // Only a regulator of the plan's jurisdiction decides; an admin does not.
    const reject = { decision: 'reject', reason: '测试' };
    const decide = (p: Principal) => tasks.post(p, `/api/v1/objections/${o.id}/decision`, reject);
    expect((await decide(w.outsideRegulator)).statusCode).toBe(404);
    expect((await decide(ADMIN)).statusCode).toBe(403);
    expect((await decide(w.enterpriseUser)).statusCode).toBe(403);

    const [audit] = (await ds.query(
      `SELECT action, actor FROM audit_log WHERE entity_type = 'objection' AND entity_id = $1`,
      [o.id],
    )) as { action: string; actor: string }[];
    expect(audit).toEqual({ action: 'file', actor: w.enterpriseUser.sub });
    // The worker holds the failure pending while the objection is open.
    await waitOutcome(sample.id, 'pending', 'objection_pending');
  });

  it('answers the days left to the objection deadline, counted as its rule counts them', async () => {
    const cal = await tasksApp.get(WorkCalendarService).calendar();
    const daysOf = async (noticeId: string) => {
      const one = (await tasks.get(w.enterpriseUser, `/api/v1/notices/${noticeId}`)).json();
      const listed = (await tasks.get(w.enterpriseUser, '/api/v1/notices')).json() as {
        items: { id: string; daysLeft: number | null }[];
      };
      expect(listed.items.find((n) => n.id === noticeId)?.daysLeft).toBe(one.daysLeft);
      return one as { daysLeft: number | null; objectionDeadline: string };
    };
    // Manufacturing: 15 calendar days from service.
    const product = await failed(w);
    const p = await daysOf(product.noticeId);
    expect(p.objectionDeadline).toBe(cal.calendarDayDeadline(today(), 15));
    expect(p.daysLeft).toBe((Date.parse(p.objectionDeadline) - Date.parse(today())) / 86_400_000);
    // Food: 7 working days on the calendar (holidays off, make-up days on).
    const food = await makeObjectionWorld(ds, 'food');
    const f = await failed(food);
    const fn = (await tasks.get(food.enterpriseUser, `/api/v1/notices/${f.noticeId}`)).json();
    expect(fn.daysLeft).toBe(cal.workingDaysBetween(today(), fn.objectionDeadline as string));
    expect(fn.daysLeft).toBe(7);
    const read = await tasks.post(food.enterpriseUser, `/api/v1/notices/${f.noticeId}/read`);
    expect(read.json().daysLeft).toBe(7);
    // Past: negative calendar days; on the day itself: 0.
    const moved = (deadline: string) =>
      ds.query(`UPDATE result_notice SET served_on = $2, objection_deadline = $3 WHERE id = $1`, [
        product.noticeId,
        addCalendarDays(today(), -20),
        deadline,
      ]);
    await moved(addCalendarDays(today(), -3));
    expect((await daysOf(product.noticeId)).daysLeft).toBe(-3);
    await moved(today());
    expect((await daysOf(product.noticeId)).daysLeft).toBe(0);
  });

  it('refuses a late objection with 422 naming the deadline and its rule, writing nothing', async () => {
    const { sample, noticeId } = await failed(w);
    const yesterday = addCalendarDays(today(), -1);
    await ds.query(
      `UPDATE result_notice SET served_on = $2, objection_deadline = $3 WHERE id = $1`,
      [noticeId, addCalendarDays(today(), -20), yesterday],
    );
    const r = await tasks.post(
      w.enterpriseUser,
      `/api/v1/notices/${noticeId}/objections`,
      objection(),
    );
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({
      code: 'OBJECTION_LATE',
      deadline: yesterday,
      rule: { rule: 'objectionWindow', sector: 'manufacturing', days: 15 },
    });
    expect(r.json().message).toContain(`the objection deadline was ${yesterday}`);
    expect(await ds.query(`SELECT 1 FROM objection WHERE sample_id = $1`, [sample.id])).toEqual([]);
  });

  it('refuses with 422 naming the rule what may not be retested: food microbial items, an expired or disposed backup', async () => {
    const food = await makeObjectionWorld(ds, 'food');
    const file = (noticeId: string, items: string[]) =>
      tasks.post(food.enterpriseUser, `/api/v1/notices/${noticeId}/objections`, objection(items));

    const microbial = await failed(food, { X1: '0.1', APC: '5000' });
    const m = await file(microbial.noticeId, ['APC']);
    expect(m.statusCode).toBe(422);
    expect(m.json()).toMatchObject({
      code: 'RETEST_NOT_ALLOWED',
      reason: 'microbial_items',
      items: ['APC'],
      rule: { sector: 'food', rule: 'microbialRetest', allowed: false },
    });
    expect(m.json().rule.source.zh).toContain('微生物指标不合格的，不予复检');
    // Flagged microbial in the category's template, whatever its method.
    const flagged = await failed(food, { X1: '0.1', APC: '10', MOLD: '90' });
    const f = await file(flagged.noticeId, ['MOLD']);
    expect(f.json()).toMatchObject({ code: 'RETEST_NOT_ALLOWED', items: ['MOLD'] });

    const expired = await failed(food, { X1: '0.8', APC: '10' }, addCalendarDays(today(), -1));
    const e = await file(expired.noticeId, ['X1']);
    expect(e.statusCode).toBe(422);
    expect(e.json()).toMatchObject({
      reason: 'backup_expired',
      rule: { rule: 'expiredBackupRetest', allowed: false },
    });

    const disposed = await failed(food, { X1: '0.8', APC: '10' });
    await ds.query(`UPDATE sample SET custody_state = 'disposed' WHERE id = $1`, [
      disposed.sample.id,
    ]);
    const d = await file(disposed.noticeId, ['X1']);
    expect(d.statusCode).toBe(422);
    expect(d.json()).toMatchObject({ code: 'RETEST_NOT_ALLOWED', reason: 'backup_gone' });

    // A product's microbial item may be retested (the Product Quality Law excludes none).
    const product = await failed(w, { X1: '0.1', APC: '5000' });
    const p = await tasks.post(
      w.enterpriseUser,
      `/api/v1/notices/${product.noticeId}/objections`,
      objection(['APC']),
    );
    expect(p.statusCode).toBe(201);
  });

  it('rejected, makes the failure final through the outcome rule, audited', async () => {
    const { sample, noticeId } = await failed(w);
    const o = (
      await tasks.post(w.enterpriseUser, `/api/v1/notices/${noticeId}/objections`, objection())
    ).json();
    const url = `/api/v1/objections/${o.id}/decision`;
    const noReason = await tasks.post(w.regulator, url, { decision: 'reject' });
    expect(noReason.json().errors).toEqual([
      { field: 'reason', reason: 'a rejection gives its reason' },
    ]);
    const r = await tasks.post(w.regulator, url, { decision: 'reject', reason: '申请材料不全' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      state: 'rejected',
      decidedBy: w.regulator.sub,
      decidedOn: today(),
      decisionReason: '申请材料不全',
    });
    const again = await tasks.post(w.regulator, url, { decision: 'reject', reason: '再次' });
    expect(again.json()).toMatchObject({
      code: 'ILLEGAL_OBJECTION_STATE',
      currentState: 'rejected',
    });
    await waitOutcome(sample.id, 'fail', 'objection_rejected');
    // The failure is final: what follows it is told.
    const finalized = (await ds.query(
      `SELECT 1 FROM outbox WHERE job = 'outcome.finalized' AND payload -> 'sampleIds' ? $1`,
      [sample.id],
    )) as unknown[];
    expect(finalized.length).toBeGreaterThan(0);
    const audit = (await ds.query(
      `SELECT action FROM audit_log WHERE entity_type = 'objection' AND entity_id = $1 ORDER BY seq`,
      [o.id],
    )) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['file', 'reject']);
  });

  it('accepted, draws the retest lab by commit and reveal, never the tested lab; the tested lab cannot choose it', async () => {
    const { sample, noticeId } = await failed(w);
    await keepBackup(w, sample.sampleNo);
    // The tested lab may no longer send the backup where it likes.
    const chosen = await dispatch(w, sample.sampleNo, { toLabId: w.others[0].lab.id });
    expect(chosen.statusCode).toBe(409);
    expect(chosen.json()).toMatchObject({ code: 'RETEST_NOT_DRAWN' });
    expect(chosen.json().message).toContain('/api/v1/objections/:id/retest-draw');

    const o = (
      await tasks.post(w.enterpriseUser, `/api/v1/notices/${noticeId}/objections`, objection())
    ).json();
    const seed = `retest-${unique()}-0123456789abcdef`;
    const decide = (body: unknown) =>
      tasks.post(w.regulator, `/api/v1/objections/${o.id}/decision`, body);
    expect((await decide({ decision: 'accept' })).json().errors[0].field).toBe('commitment');
    const accepted = await decide({ decision: 'accept', commitment: commitmentOf(seed) });
    expect(accepted.json()).toMatchObject({
      state: 'accepted',
      commitment: commitmentOf(seed),
      feePayer: 'applicant',
    });
    const drawUrl = `/api/v1/objections/${o.id}/retest-draw`;
    const badSeed = await tasks.post(w.regulator, drawUrl, { seed: 'not-the-seed-0123456789' });
    expect(badSeed.statusCode).toBe(400);
    expect(badSeed.json().errors[0].field).toBe('seed');
    const drawn = await tasks.post(w.regulator, drawUrl, { seed });
    expect(drawn.statusCode).toBe(200);
    const lab = drawn.json().retestLab.id as string;
    expect(drawn.json().state).toBe('retest_drawn');
    expect(lab).not.toBe(w.lab.lab.id);
    expect(w.others.map((x) => x.lab.id)).toContain(lab);

    // The record reproduces the draw, for the regulator now and for the public once closed.
    const record = (await tasks.get(w.regulator, drawUrl)).json() as RetestDrawRecord;
    expect(record).toMatchObject({ seed, lab, originalLabId: w.lab.lab.id });
    expect(record.eligible).not.toContain(w.lab.lab.id);
    const again = drawRetestLab({
      objectionId: record.objectionId,
      sampleNo: record.sampleNo,
      category: record.category,
      originalLabId: record.originalLabId,
      commitment: record.commitment,
      seed: record.seed,
      labs: record.candidates.map((c) => ({ ...c, categories: [record.category] })),
    });
    expect(again).toEqual({ ok: true, record });
    expect((await tasks.get(w.regulator, `${drawUrl}/verification`)).json()).toMatchObject({
      lab,
      verification: { verdict: 'MATCH' },
    });
    expect((await tasks.get(w.outsideRegulator, drawUrl)).statusCode).toBe(404);
    expect(
      (await pub.req(null, 'GET', `/api/v1/public/retest-draws/${o.id}/record`, undefined))
        .statusCode,
    ).toBe(404);

    // The backup goes to the drawn lab, and only there.
    const elsewhere = w.others.find((x) => x.lab.id !== lab)!.lab.id;
    const wrong = await dispatch(w, sample.sampleNo, { toLabId: elsewhere });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('detail.toLabId');
    const sent = await dispatch(w, sample.sampleNo);
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({
      kind: 'retest_dispatched',
      stateAfter: 'retest_in_transit',
      detail: { toLabId: lab },
    });
  });

  it('overturned by the retest: the outcome passes, the rates move, and the published list gets a correction with the reason', async () => {
    // A failure made final with no objection (its window closed), then published.
    const { sample, report, noticeId } = await failed(w, { X1: '0.8', APC: '10' });
    await ds.query(
      `UPDATE result_notice SET served_on = $2, objection_deadline = $3 WHERE id = $1`,
      [noticeId, addCalendarDays(today(), -30), addCalendarDays(today(), -15)],
    );
    // The day after the deadline: the worker decides it again (its delayed job, or the sweep).
    await enqueue(ds.manager, 'outcome.deadline', { sampleId: sample.id });
    await waitOutcome(sample.id, 'fail', 'no_objection');
    const list = await tasks.created(w.regulator, '/api/v1/publications', {
      jurisdiction: w.jurisdiction,
    });
    const listId = list.id as string;
    expect(list.failedCount).toBeGreaterThanOrEqual(1);
    for (const [p, step] of [
      [w.approver, 'approve'],
      [w.regulator, 'publish'],
    ] as const) {
      const r = await tasks.post(p, `/api/v1/publications/${listId}/${step}`);
      expect(r.statusCode).toBe(200);
    }
    const failedRows = (
      await tasks.get(w.regulator, `/api/v1/publications/${listId}/entries?table=failed`)
    ).json().items as { sampleNo: string }[];
    expect(failedRows.map((e) => e.sampleNo)).toContain(sample.sampleNo);

    // The lab corrects its report (another value): a new notice, a new window.
    const amended = await labs.post(
      w.lab.tester,
      `/api/v1/lab/reports/${report.id as string}/amend`,
      {
        reason: '更正测量值',
      },
    );
    expect(amended.statusCode).toBe(201);
    const v2 = amended.json().id as string;
    await labs.req(w.lab.tester, 'PUT', `/api/v1/lab/reports/${v2}/items`, {
      items: [
        { itemCode: 'X1', value: '0.9' },
        { itemCode: 'APC', value: '10' },
        { itemCode: 'MOLD', value: '10' },
      ],
    });
    for (const [p, step] of [
      [w.lab.tester, 'submit'],
      [w.lab.reviewer, 'review'],
      [w.lab.signatory, 'issue'],
    ] as const)
      expect((await labs.post(p, `/api/v1/lab/reports/${v2}/${step}`)).statusCode).toBe(200);
    await waitOutcome(sample.id, 'pending', 'objection_window');
    const cells = async () =>
      (
        (await ds.query(
          `SELECT coalesce(sum(pass), 0)::int AS pass, coalesce(sum(fail), 0)::int AS fail,
                coalesce(sum(pending), 0)::int AS pending
           FROM rate_cell WHERE plan_id = $1`,
          [w.plan.id],
        )) as { pass: number; fail: number; pending: number }[]
      )[0];

    // The objection, accepted; the retest lab drawn; the backup sent there.
    const o = (
      await tasks.post(
        w.enterpriseUser,
        `/api/v1/notices/${await noticeOf(sample.id)}/objections`,
        objection(),
      )
    ).json();
    const seed = `overturn-${unique()}-0123456789abcdef`;
    await tasks.post(w.regulator, `/api/v1/objections/${o.id}/decision`, {
      decision: 'accept',
      commitment: commitmentOf(seed),
    });
    const drawn = (
      await tasks.post(w.regulator, `/api/v1/objections/${o.id}/retest-draw`, { seed })
    ).json();
    const retest = w.others.find((x) => x.lab.id === drawn.retestLab.id)!;
    await keepBackup(w, sample.sampleNo);
    expect((await dispatch(w, sample.sampleNo)).statusCode).toBe(201);

    // The retest lab receives the backup through its normal receipt, and sees it as a retest.
    const receipt = await labs.post(
      retest.tester,
      `/api/v1/lab/samples/${enc(sample.sampleNo)}/receipt`,
      {
        receivedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        condition: '封样完好',
        sealIntact: true,
      },
    );
    expect(receipt.statusCode).toBe(201);
    const cal = await labApp.get(WorkCalendarService).calendar();
    const rules = await labApp.get(SectorRuleService).of('manufacturing');
    expect(receipt.json().sample).toMatchObject({
      custodyState: 'retest_received',
      retest: true,
      objectionId: o.id,
      testDueDate: ruleDeadline(cal, rules, 'retestTesting', today()).deadline,
      testDueRule: { rule: 'retestTesting', sector: 'manufacturing' },
    });
    // Another lab still does not see it.
    const stranger = w.others.find((x) => x !== retest)!;
    expect(
      (await labs.get(stranger.tester, `/api/v1/lab/samples/${enc(sample.sampleNo)}`)).statusCode,
    ).toBe(404);

    // Its report covers the contested items only, flagged as a retest.
    const extra = await labs.post(retest.tester, '/api/v1/lab/reports', {
      sampleNo: sample.sampleNo,
      reportNo: unique('FJ-'),
      items: [{ itemCode: 'APC', value: '10' }],
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].reason).toContain('was not contested');
    const retestReport = await issue(retest, sample.sampleNo, { X1: '0.3' });
    expect(retestReport).toMatchObject({ objectionId: o.id, verdict: 'pass' });
    // Final: no amendment of a retest.
    const amend = await labs.post(
      retest.signatory,
      `/api/v1/lab/reports/${retestReport.id as string}/amend`,
      {
        reason: '试图更正',
      },
    );
    expect(amend.json()).toMatchObject({ code: 'RETEST_FINAL' });

    const concluded = (await tasks.get(w.enterpriseUser, `/api/v1/objections/${o.id}`)).json();
    expect(concluded).toMatchObject({
      state: 'concluded',
      conclusion: 'overturned',
      outcome: 'pass',
      stillFailing: [],
      feePayer: 'regulator',
      retestReportId: retestReport.id,
    });

    // The outcome passes on the retest's report, the rates count it, the list is corrected.
    await waitOutcome(sample.id, 'pass', 'retest_concluded');
    expect(await outcomeOf(sample.id)).toMatchObject({
      labId: retest.lab.id,
      reportId: retestReport.id,
    });
    await until(
      async () => (await cells()).pass >= 1,
      'the rate cells count the overturned sample as a pass',
      30_000,
    );
    let correction: { id: string; reason: string; state: string; kind: string } | undefined;
    await until(
      async () => {
        [correction] = (await ds.query(
          `SELECT id, reason, state, kind FROM publication WHERE supersedes_id = $1`,
          [listId],
        )) as (typeof correction)[];
        return correction !== undefined;
      },
      'a correction of the published list',
      30_000,
    );
    expect(correction).toMatchObject({ kind: 'correction', state: 'draft' });
    expect(correction!.reason).toContain(`复检推翻原检验结论：样品 ${sample.sampleNo}`);
    for (const [p, step] of [
      [w.approver, 'approve'],
      [w.regulator, 'publish'],
    ] as const)
      expect(
        (await tasks.post(p, `/api/v1/publications/${correction!.id}/${step}`)).statusCode,
      ).toBe(200);
    const table = async (kind: string) =>
      (
        (
          await tasks.get(
            w.regulator,
            `/api/v1/publications/${correction!.id}/entries?table=${kind}`,
          )
        ).json().items as { sampleNo: string }[]
      ).map((e) => e.sampleNo);
    expect(await table('failed')).not.toContain(sample.sampleNo);
    expect(await table('passed')).toContain(sample.sampleNo);
    expect((await tasks.get(w.regulator, `/api/v1/publications/${listId}`)).json()).toMatchObject({
      supersededBy: correction!.id,
    });
    // The follow-up case the final failure opened is withdrawn with it (docs/cases.md).
    await until(
      async () =>
        (
          (await ds.query(`SELECT state FROM followup_case WHERE sample_id = $1`, [sample.id])) as {
            state: string;
          }[]
        )[0]?.state === 'withdrawn',
      'the follow-up case withdrawn',
      30_000,
    );

    // Closed: the draw is public, and checks out.
    const publicRecord = await pub.req(
      null,
      'GET',
      `/api/v1/public/retest-draws/${o.id}/record`,
      undefined,
    );
    expect(publicRecord.statusCode).toBe(200);
    expect(publicRecord.json().lab).toBe(retest.lab.id);
    const verified = await pub.req(
      null,
      'GET',
      `/api/v1/public/retest-draws/${o.id}/verification`,
      undefined,
    );
    expect(verified.json()).toMatchObject({ verification: { verdict: 'MATCH' } });
    const listed = await pub.req(
      null,
      'GET',
      `/api/v1/public/retest-draws?jurisdiction=${w.jurisdiction}`,
      undefined,
    );
    expect(listed.json().items.map((i: { objectionId: string }) => i.objectionId)).toContain(o.id);

    const steps = (await ds.query(
      `SELECT action FROM audit_log WHERE entity_type = 'objection' AND entity_id = $1 ORDER BY seq`,
      [o.id],
    )) as { action: string }[];
    expect(steps.map((s) => s.action)).toEqual(['file', 'accept', 'draw', 'conclude']);
  }, 120_000);
});
