import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import { WorkCalendarService } from '@spotcheck/database';
import {
  addCalendarDays,
  chinaDate,
  chinaDayStart,
  rectificationDeadline,
  rectificationMissedAt,
} from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import { DataSource } from 'typeorm';
import { LabResultsModule } from '../apps/lab-results/src/app.module';
import { CaseKeeper, caseDeadlineJobId } from '../apps/worker/src/followup/case-keeper.service';
import { makeEnterprise, makeInspector } from './medium/factories';
import { freshUscc } from './medium/support';
import { epcisDocument, gtinOf, lgtin, sgln, shippingEvent } from './support/epcis-documents';
import {
  ObjectionWorld,
  makeObjectionWorld,
  makeReceivedSample,
} from './medium/factories/objections';
import { unique } from './medium/support';
import { apiOf } from './support/api';
import { bootHttp } from './support/app';
import { until } from './support/own-servers';

/**
 * Follow-up cases (后处理) end to end, docs/cases.md: a final failure opens exactly one case
 * (the worker, from `outcome.finalized`, and its sweep); the regulator orders the correction
 * with a deadline on the calendar; the enterprise reports with attachments stored by SHA-256;
 * the regulator sends a re-inspection task, which is sampled, received and reported like any
 * task; its passing outcome moves the case on, and the regulator closes it. Every step audited.
 */
let tasksApp: NestFastifyApplication;
let labApp: NestFastifyApplication;
let worker: INestApplicationContext;
let ds: DataSource;
let followup: Queue;
const tasks = apiOf(() => tasksApp);
const labs = apiOf(() => labApp);
const attachmentDir = mkdtempSync(join(tmpdir(), 'spotcheck-attachments-'));

beforeAll(async () => {
  process.env.OUTBOX_POLL_MS = '100';
  // The app module reads the environment when it is loaded: after the attachment directory is set.
  process.env.ATTACHMENT_DIR = attachmentDir;
  const { InspectionTasksModule } = await import('../apps/inspection-tasks/src/app.module');
  tasksApp = await bootHttp(InspectionTasksModule, 'inspection-tasks');
  labApp = await bootHttp(LabResultsModule, 'lab-results');
  const { startWorker } = await import('../apps/worker/src/main');
  worker = (await startWorker(0)).app;
  ds = tasksApp.get(DataSource);
  followup = new Queue('followup', {
    connection: { url: process.env.REDIS_URL },
    prefix: process.env.QUEUE_PREFIX,
  });
}, 90_000);
afterAll(async () => {
  await followup?.close();
  await worker?.close();
  for (const app of [tasksApp, labApp]) await app?.close();
});

const today = () => chinaDate(new Date());
const enc = encodeURIComponent;

async function issue(lab: ObjectionWorld['lab'], sampleNo: string, values: Record<string, string>) {
  const created = await labs.created(lab.tester, '/api/v1/lab/reports', {
    sampleNo,
    reportNo: unique('FU-'),
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
  return id;
}

const caseOf = async (sampleId: string) =>
  (await ds.query(`SELECT id, state FROM followup_case WHERE sample_id = $1`, [sampleId])) as {
    id: string;
    state: string;
  }[];

/** A failure of the world's enterprise made final (no objection in its window): its case id. */
async function finalFailure(w: ObjectionWorld, o: Parameters<typeof makeReceivedSample>[2] = {}) {
  const sample = await makeReceivedSample(ds, w, o);
  await issue(w.lab, sample.sampleNo, { X1: '0.8', APC: '10', MOLD: '10' });
  await ds.query(
    `UPDATE result_notice SET served_on = $2, objection_deadline = $3 WHERE sample_id = $1`,
    [sample.id, addCalendarDays(today(), -30), addCalendarDays(today(), -15)],
  );
  await enqueue(ds.manager, 'outcome.deadline', { sampleId: sample.id });
  await until(
    async () => (await caseOf(sample.id)).length === 1,
    `a case for ${sample.sampleNo}`,
    30_000,
  );
  const [c] = await caseOf(sample.id);
  return { sample, caseId: c.id };
}

const auditOf = async (entityId: string) =>
  (
    (await ds.query(
      `SELECT action, role FROM audit_log WHERE entity_type = 'followup_case' AND entity_id = $1
        ORDER BY seq`,
      [entityId],
    )) as { action: string; role: string }[]
  ).map((a) => `${a.action}/${a.role}`);

describe('follow-up cases (后处理)', () => {
  let w: ObjectionWorld;
  let pair: [string, string];
  beforeAll(async () => {
    w = await makeObjectionWorld(ds, 'manufacturing');
    const inspectors = [];
    for (let i = 0; i < 2; i++)
      inspectors.push(
        await makeInspector(ds, { regionCode: w.jurisdiction, categories: [w.category.code] }),
      );
    pair = [inspectors[0].staffNo, inspectors[1].staffNo];
    // The factory numbers its samples itself; samples taken over HTTP number after them.
    await ds.query(
      `INSERT INTO sample_sequence (plan_id, last_seq) VALUES ($1, 100000)
       ON CONFLICT (plan_id) DO UPDATE SET last_seq = 100000`,
      [w.plan.id],
    );
  });

  it('open once per final failure, whatever runs again; only its enterprise and jurisdiction see it', async () => {
    const { sample, caseId } = await finalFailure(w);
    // The same announcement again, and the sweep: still one case.
    await enqueue(ds.manager, 'outcome.finalized', { sampleIds: [sample.id] });
    await enqueue(ds.manager, 'outcome.deadline', { sampleId: sample.id });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await caseOf(sample.id)).toEqual([{ id: caseId, state: 'opened' }]);

    const mine = (await tasks.get(w.enterpriseUser, '/api/v1/cases')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(caseId);
    const got = (await tasks.get(w.enterpriseUser, `/api/v1/cases/${caseId}`)).json();
    expect(got).toMatchObject({
      id: caseId,
      sampleNo: sample.sampleNo,
      state: 'opened',
      escalationLevel: 0,
      enterprise: { uscc: w.enterprise.uscc },
      order: null,
      steps: [{ seq: 1, event: 'open', to: 'opened', by: 'system:followup' }],
    });
    expect(got.failedItems.map((i: { itemCode: string }) => i.itemCode)).toEqual(['X1']);
    // Another enterprise, another jurisdiction: as if it did not exist.
    expect((await tasks.get(w.otherEnterpriseUser, `/api/v1/cases/${caseId}`)).statusCode).toBe(
      404,
    );
    const theirs = (await tasks.get(w.otherEnterpriseUser, '/api/v1/cases')).json();
    expect(theirs.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    expect((await tasks.get(w.outsideRegulator, `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect(
      (
        await tasks.post(w.otherEnterpriseUser, `/api/v1/cases/${caseId}/rectification`, {
          text: '整改',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await tasks.post(w.outsideRegulator, `/api/v1/cases/${caseId}/order`, {
          workingDays: 5,
          requirements: '整改',
        })
      ).statusCode,
    ).toBe(404);
    expect(await auditOf(caseId)).toEqual(['open/system']);
  });

  it('runs order → rectification → re-inspection (a task like any) → close, every step audited', async () => {
    const { sample, caseId } = await finalFailure(w);
    const url = `/api/v1/cases/${caseId}`;

    // The enterprise cannot report before an order; it cannot order.
    const early = await tasks.post(w.enterpriseUser, `${url}/rectification`, { text: '整改' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'ILLEGAL_CASE_STATE', currentState: 'opened' });
    expect(
      (await tasks.post(w.enterpriseUser, `${url}/order`, { workingDays: 5, requirements: 'x' }))
        .statusCode,
    ).toBe(403);
    const bad = await tasks.post(w.regulator, `${url}/order`, { workingDays: 0, requirements: '' });
    expect(bad.statusCode).toBe(400);
    expect(new Set(bad.json().errors.map((e: { field: string }) => e.field))).toEqual(
      new Set(['requirements', 'workingDays']),
    );

    const ordered = await tasks.post(w.regulator, `${url}/order`, {
      workingDays: 5,
      requirements: '立即停止销售该批次产品，查明原因并整改',
    });
    expect(ordered.statusCode).toBe(200);
    const cal = await tasksApp.get(WorkCalendarService).calendar();
    const due = rectificationDeadline(cal, today(), 5);
    expect(ordered.json()).toMatchObject({
      state: 'ordered',
      overdue: false,
      order: {
        by: w.regulator.sub,
        on: today(),
        deadline: due.deadline,
        workingDays: 5,
        basis: { from: today(), workingDays: 5, rule: null },
      },
    });
    // Its deadline got a delayed job in the worker's queue, with the id naming case and day.
    await until(
      async () =>
        (
          (await ds.query(
            `SELECT 1 FROM outbox WHERE job = 'case.ordered' AND payload ->> 'caseId' = $1
              AND done_at IS NOT NULL`,
            [caseId],
          )) as unknown[]
        ).length === 1,
      'case.ordered relayed and done',
      20_000,
    );

    // The rectification report with an attachment, stored by its SHA-256.
    const pdf = Buffer.from(`%PDF-1.4 整改报告 ${unique()}`);
    const sha = createHash('sha256').update(pdf).digest('hex');
    const notBase64 = await tasks.post(w.enterpriseUser, `${url}/rectification`, {
      text: '整改',
      attachments: [{ name: 'a.pdf', mediaType: 'application/pdf', content: '***' }],
    });
    expect(notBase64.statusCode).toBe(400);
    expect(notBase64.json().errors[0].field).toBe('attachments[0].content');
    const reported = await tasks.post(w.enterpriseUser, `${url}/rectification`, {
      text: '已下架该批次产品，更换原料供应商，加强出厂检验',
      attachments: [
        { name: '整改报告.pdf', mediaType: 'application/pdf', content: pdf.toString('base64') },
      ],
    });
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toMatchObject({
      state: 'reported',
      rectification: {
        by: w.enterpriseUser.sub,
        on: today(),
        attachments: [
          { sha256: sha, name: '整改报告.pdf', mediaType: 'application/pdf', size: pdf.length },
        ],
      },
    });
    expect(readFileSync(join(attachmentDir, sha.slice(0, 2), sha))).toEqual(pdf);
    const file = await tasks.get(w.regulator, `${url}/attachments/${sha}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload).toEqual(pdf);
    expect((await tasks.get(w.otherEnterpriseUser, `${url}/attachments/${sha}`)).statusCode).toBe(
      404,
    );
    expect((await tasks.get(w.regulator, `${url}/attachments/${'0'.repeat(64)}`)).statusCode).toBe(
      404,
    );

    // The re-inspection task: the pair and lab under the draw's rules, then a task like any.
    const refused = await tasks.post(w.regulator, `${url}/reinspection`, {
      staffNos: [pair[0], pair[0]],
      labId: w.others[0].lab.id,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { field: 'staffNos', reason: `inspector ${pair[0]} cannot be both members of the pair` },
    ]);
    const noLab = await tasks.post(w.regulator, `${url}/reinspection`, {
      staffNos: pair,
      labId: '00000000-0000-4000-8000-000000000000',
    });
    expect(noLab.json().errors[0].field).toBe('labId');
    const sent = await tasks.post(w.regulator, `${url}/reinspection`, {
      staffNos: pair,
      labId: w.lab.lab.id,
      dueDate: addCalendarDays(today(), 20),
    });
    expect(sent.statusCode).toBe(200);
    const reinspection = sent.json().reinspection as { taskId: string };
    expect(sent.json()).toMatchObject({
      state: 'reinspecting',
      reinspection: { taskState: 'assigned', sampleNo: null, outcome: null },
    });
    const task = (await tasks.get(w.regulator, `/api/v1/tasks/${reinspection.taskId}`)).json();
    expect(task).toMatchObject({
      reinspectionOf: sample.taskId,
      uscc: w.enterprise.uscc,
      inspectors: pair,
      labId: w.lab.lab.id,
      state: 'assigned',
    });
    // Closing now is too early.
    const tooEarly = await tasks.post(w.regulator, `${url}/close`, { reason: '结案' });
    expect(tooEarly.json()).toMatchObject({
      code: 'ILLEGAL_CASE_STATE',
      currentState: 'reinspecting',
    });

    const reSampleNo = await sampleAndReport(w, reinspection.taskId, pair, {
      X1: '0.1',
      APC: '10',
      MOLD: '10',
    });
    await until(
      async () => (await caseOf(sample.id))[0].state === 'reinspected',
      'the passed re-inspection moves the case',
      30_000,
    );
    const closed = await tasks.post(w.regulator, `${url}/close`, { reason: '复查合格，予以结案' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      state: 'closed',
      reinspection: { sampleNo: reSampleNo, outcome: 'pass' },
      closing: {
        by: w.regulator.sub,
        on: today(),
        reason: '复查合格，予以结案',
        result: 'rectified',
      },
    });
    expect(
      closed.json().steps.map((s: { event: string; by: string }) => `${s.event}:${s.by}`),
    ).toEqual([
      'open:system:followup',
      `order:${w.regulator.sub}`,
      `report:${w.enterpriseUser.sub}`,
      `reinspect:${w.regulator.sub}`,
      'reinspection_passed:system:followup',
      `close:${w.regulator.sub}`,
    ]);
    expect(await auditOf(caseId)).toEqual([
      'open/system',
      'order/regulator',
      'report/enterprise',
      'reinspect/regulator',
      'reinspection_passed/system',
      'close/regulator',
    ]);
    const taskAudit = (await ds.query(
      `SELECT action FROM audit_log WHERE entity_type = 'inspection_task' AND entity_id = $1 ORDER BY seq`,
      [reinspection.taskId],
    )) as { action: string }[];
    expect(taskAudit.map((a) => a.action)).toEqual(['create_reinspection', 'sampled']);
    // The re-inspection's pass opened no case of its own.
    const reSample = (await ds.query(`SELECT id FROM sample WHERE sample_no = $1`, [
      reSampleNo,
    ])) as {
      id: string;
    }[];
    expect(await caseOf(reSample[0].id)).toEqual([]);
  });
});

/** Samples the task over HTTP, ships it, has the lab receive it and issue `values`. */
async function sampleAndReport(
  w: ObjectionWorld,
  taskId: string,
  pair: string[],
  values: Record<string, string>,
): Promise<string> {
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  // One of the task's inspectors records the sampling.
  const inspector = { ...w.regulator, staffNo: pair[0] };
  const s = await tasks.created(inspector, `/api/v1/tasks/${taskId}/sample`, {
    sampledAt: at(60),
    place: { regionCode: w.jurisdiction, address: '某区某路1号' },
    stage: 'distribution',
    manufacturer: { name: '某食品有限公司', address: '某市某路2号' },
    productName: '复查产品',
    batch: unique('RB'),
    productionDate: addCalendarDays(today(), -20),
    testPortion: { quantity: '2', unit: '瓶' },
    backupPortion: { quantity: '2', unit: '瓶' },
    pricePaid: '10',
    sealNumbers: ['FU-001'],
    inspectors: pair,
    representative: { name: '代表' },
  });
  const sampleNo = s.sampleNo as string;
  const shipped = await tasks.post(w.regulator, `/api/v1/samples/${enc(sampleNo)}/custody`, {
    kind: 'shipped',
    occurredAt: at(50),
    regionCode: w.jurisdiction,
    address: '某区某路1号',
  });
  if (shipped.statusCode !== 201) throw new Error(`shipped: ${shipped.body}`);
  const received = await labs.post(w.lab.reviewer, `/api/v1/lab/samples/${enc(sampleNo)}/receipt`, {
    receivedAt: at(40),
    condition: '封样完好',
    sealIntact: true,
  });
  if (received.statusCode !== 201) throw new Error(`receipt: ${received.body}`);
  await issue(w.lab, sampleNo, values);
  return sampleNo;
}

describe('escalation (Product Quality Law art. 17)', () => {
  let w: ObjectionWorld;
  let other: [string, string];
  beforeAll(async () => {
    w = await makeObjectionWorld(ds, 'manufacturing');
    const staff: string[] = [];
    for (let i = 0; i < 2; i++)
      staff.push(
        (await makeInspector(ds, { regionCode: w.jurisdiction, categories: [w.category.code] }))
          .staffNo,
      );
    other = [staff[0], staff[1]];
    await ds.query(
      `INSERT INTO sample_sequence (plan_id, last_seq) VALUES ($1, 100000)
       ON CONFLICT (plan_id) DO UPDATE SET last_seq = 100000`,
      [w.plan.id],
    );
  });

  const steps = async (caseId: string) =>
    (await tasks.get(w.regulator, `/api/v1/cases/${caseId}`)).json().steps as {
      event: string;
      escalation: string | null;
      level: number;
      by: string;
      on: string;
      reason: string | null;
    }[];
  const order = (caseId: string, workingDays = 5) =>
    tasks.post(w.regulator, `/api/v1/cases/${caseId}/order`, {
      workingDays,
      requirements: '限期改正',
    });
  /** The order's deadline moved to `deadline`, as if it had been given then. */
  const backdate = (caseId: string, orderedOn: string, deadline: string) =>
    ds.query(`UPDATE followup_case SET ordered_on = $2, deadline = $3 WHERE id = $1`, [
      caseId,
      orderedOn,
      deadline,
    ]);

  it('a missed deadline, over the Spring Festival and its make-up working days, escalates at the start of the day after it', async () => {
    const { caseId } = await finalFailure(w);
    expect((await order(caseId, 3)).statusCode).toBe(200);
    // The order's delayed job, one per case and deadline.
    const [{ deadline }] = (await ds.query(
      `SELECT deadline::text FROM followup_case WHERE id = $1`,
      [caseId],
    )) as { deadline: string }[];
    const jobId = caseDeadlineJobId(caseId, deadline);
    await until(async () => (await followup.getJob(jobId)) !== undefined, 'the deadline job');
    const job = (await followup.getJob(jobId))!;
    expect(await job.getState()).toBe('delayed');
    expect(job.timestamp + job.delay).toBeGreaterThanOrEqual(
      rectificationMissedAt(deadline).getTime() - 1000,
    );

    // Ordered on Fri 13 February 2026 with 3 working days: Sat 14 is a make-up working day,
    // 15–23 the Spring Festival, so the deadline is Wed 25 February.
    const cal = await tasksApp.get(WorkCalendarService).calendar();
    const due = rectificationDeadline(cal, '2026-02-13', 3);
    expect(due.deadline).toBe('2026-02-25');
    await backdate(caseId, '2026-02-13', due.deadline);
    const keeper = worker.get(CaseKeeper);
    const at = (day: string, hours: number) =>
      new Date(chinaDayStart(day).getTime() + hours * 3_600_000);
    // The deadline day itself is in time, to its last minute.
    expect(await keeper.deadline(caseId, at('2026-02-25', 23.9))).toBe(false);
    expect(await keeper.deadline(caseId, at('2026-02-26', 0))).toBe(true);
    // Found twice (the job and the sweep): one rung.
    expect(await keeper.deadline(caseId, at('2026-02-27', 0))).toBe(false);
    const s = await steps(caseId);
    expect(s.slice(-1)[0]).toMatchObject({
      event: 'escalate',
      escalation: 'announcement',
      level: 1,
      by: 'system:followup',
      on: '2026-02-26',
    });
    expect(s.slice(-1)[0].reason).toContain('2026-02-25');

    // Too late to report now; the regulator orders again.
    const late = await tasks.post(w.enterpriseUser, `/api/v1/cases/${caseId}/rectification`, {
      text: '整改',
    });
    expect(late.json()).toMatchObject({ code: 'ILLEGAL_CASE_STATE', currentState: 'escalated' });
    expect((await order(caseId)).json()).toMatchObject({ state: 'ordered', escalationLevel: 1 });
  });

  it('an unanswered order past its deadline refuses the report (422) and the sweep escalates it', async () => {
    const { caseId } = await finalFailure(w);
    expect((await order(caseId)).statusCode).toBe(200);
    await backdate(caseId, addCalendarDays(today(), -10), addCalendarDays(today(), -1));
    const late = await tasks.post(w.enterpriseUser, `/api/v1/cases/${caseId}/rectification`, {
      text: '整改',
    });
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({
      code: 'RECTIFICATION_LATE',
      deadline: addCalendarDays(today(), -1),
    });
    const listed = (await tasks.get(w.regulator, '/api/v1/cases?overdue=true')).json();
    expect(listed.items.map((c: { id: string }) => c.id)).toContain(caseId);
    // Redis lost the delayed job: the sweep finds the case all the same.
    await enqueue(ds.manager, 'case.sweep', {});
    await until(
      async () => (await caseOf((await caseSample(caseId)).sampleId))[0].state === 'escalated',
      'the sweep escalates the missed deadline',
      30_000,
    );
    expect((await steps(caseId)).slice(-1)[0]).toMatchObject({
      event: 'escalate',
      escalation: 'announcement',
      by: 'system:followup',
    });
  });

  it('climbs announcement → suspension → revocation recommended, each with date, decision maker and reason; closes only at the top', async () => {
    const { caseId } = await finalFailure(w);
    const url = `/api/v1/cases/${caseId}`;
    const keeper = worker.get(CaseKeeper);
    // Rung 1: the deadline missed.
    await order(caseId);
    await backdate(caseId, addCalendarDays(today(), -10), addCalendarDays(today(), -1));
    expect(await keeper.deadline(caseId)).toBe(true);
    const early = await tasks.post(w.regulator, `${url}/close`, { reason: '结案' });
    expect(early.json()).toMatchObject({ code: 'NOT_AT_TOP_OF_LADDER', level: 1 });

    // Rung 2: ordered again, reported, and the re-inspection fails.
    await order(caseId);
    expect(
      (await tasks.post(w.enterpriseUser, `${url}/rectification`, { text: '已整改' })).statusCode,
    ).toBe(200);
    const sent = await tasks.post(w.regulator, `${url}/reinspection`, {
      staffNos: other,
      labId: w.lab.lab.id,
    });
    expect(sent.statusCode).toBe(200);
    const reSampleNo = await sampleAndReport(w, sent.json().reinspection.taskId, other, {
      X1: '0.9',
      APC: '10',
      MOLD: '10',
    });
    // Its failure becomes final like any (no objection in its window).
    const [re] = (await ds.query(`SELECT id FROM sample WHERE sample_no = $1`, [reSampleNo])) as {
      id: string;
    }[];
    await ds.query(
      `UPDATE result_notice SET served_on = $2, objection_deadline = $3 WHERE sample_id = $1`,
      [re.id, addCalendarDays(today(), -30), addCalendarDays(today(), -15)],
    );
    await enqueue(ds.manager, 'outcome.deadline', { sampleId: re.id });
    await until(
      async () =>
        (
          (await ds.query(`SELECT escalation_level AS l FROM followup_case WHERE id = $1`, [
            caseId,
          ])) as { l: number }[]
        )[0].l === 2,
      'the failed re-inspection escalates',
      30_000,
    );
    // It opened no case of its own.
    expect(await caseOf(re.id)).toEqual([]);

    // Rung 3: ordered again, missed again.
    await order(caseId);
    await backdate(caseId, addCalendarDays(today(), -10), addCalendarDays(today(), -1));
    expect(await keeper.deadline(caseId)).toBe(true);
    const got = (await tasks.get(w.regulator, url)).json();
    expect(got).toMatchObject({
      state: 'escalated',
      escalationLevel: 3,
      escalation: 'revocation_recommended',
    });
    const ladder = (got.steps as { escalation: string | null }[]).filter((x) => x.escalation);
    expect(ladder).toEqual([
      expect.objectContaining({
        event: 'escalate',
        escalation: 'announcement',
        level: 1,
        by: 'system:followup',
        on: today(),
        reason: expect.stringContaining('逾期未改正'),
      }),
      expect.objectContaining({
        event: 'reinspection_failed',
        escalation: 'suspension',
        level: 2,
        by: 'system:followup',
        reason: expect.stringContaining(reSampleNo),
      }),
      expect.objectContaining({
        event: 'escalate',
        escalation: 'revocation_recommended',
        level: 3,
        by: 'system:followup',
      }),
    ]);
    const closed = await tasks.post(w.regulator, `${url}/close`, {
      reason: '已建议吊销营业执照，结案',
    });
    expect(closed.json()).toMatchObject({
      state: 'closed',
      closing: { result: 'revocation_recommended', by: w.regulator.sub },
    });
    expect(await auditOf(caseId)).toEqual([
      'open/system',
      'order/regulator',
      'escalate/system',
      'order/regulator',
      'report/enterprise',
      'reinspect/regulator',
      'reinspection_failed/system',
      'order/regulator',
      'escalate/system',
      'close/regulator',
    ]);
  });
});

const caseSample = async (caseId: string) =>
  (
    (await ds.query(`SELECT sample_id AS "sampleId" FROM followup_case WHERE id = $1`, [
      caseId,
    ])) as { sampleId: string }[]
  )[0];

describe('disposal rate (问题处置率)', () => {
  it('is closed cases over final failures by the rates’ dimensions, beside food’s 100 % target', async () => {
    const w = await makeObjectionWorld(ds, 'food');
    // The outline's food disposal target is seeded for Inner Mongolia (150000, 2025, 100 %);
    // this world's county sets the same for itself.
    const seeded = (await ds.query(
      `SELECT target::text FROM rate_target
        WHERE jurisdiction = '150000' AND sector = 'food' AND metric = 'disposal_rate'`,
    )) as { target: string }[];
    expect(seeded.map((t) => Number(t.target))).toEqual([100]);
    await ds.query(
      `INSERT INTO rate_target (jurisdiction, sector, year, metric, target, source, created_by,
                                updated_by)
       VALUES ($1, 'food', 2025, 'disposal_rate', 100, '质量发展纲要', 'test', 'test')
       ON CONFLICT DO NOTHING`,
      [w.jurisdiction],
    );
    const failures = [];
    for (let i = 0; i < 5; i++) failures.push(await finalFailure(w));
    // Two disposed of (one rectified, one at the top of the ladder), one escalated, two open.
    const close = (caseId: string, state: string, level: number, result: string) =>
      ds.query(
        `UPDATE followup_case SET state = $2, escalation_level = $3, ordered_by = 'reg',
                ordered_at = now(), ordered_on = $4, order_text = '限期改正', deadline = $4,
                deadline_days = 5, closed_by = CASE WHEN $2 = 'closed' THEN 'reg' END,
                closed_at = CASE WHEN $2 = 'closed' THEN now() END,
                closed_on = CASE WHEN $2 = 'closed' THEN $4::date END,
                closing_reason = CASE WHEN $2 = 'closed' THEN '结案' END,
                result = CASE WHEN $2 = 'closed' THEN $5 END
          WHERE id = $1`,
        [caseId, state, level, today(), result],
      );
    await close(failures[0].caseId, 'closed', 0, 'rectified');
    await close(failures[1].caseId, 'closed', 3, 'revocation_recommended');
    await close(failures[2].caseId, 'escalated', 1, 'rectified');
    // A failed re-inspection (of failures[3]) is no failure of its own here.
    const re = await makeReceivedSample(ds, w);
    await ds.query(`UPDATE inspection_task SET reinspection_of = $2 WHERE id = $1`, [
      re.taskId,
      failures[3].sample.taskId,
    ]);
    await issue(w.lab, re.sampleNo, { X1: '0.9', APC: '10', MOLD: '10' });
    await ds.query(
      `UPDATE result_notice SET served_on = $2, objection_deadline = $3 WHERE sample_id = $1`,
      [re.id, addCalendarDays(today(), -30), addCalendarDays(today(), -15)],
    );
    await enqueue(ds.manager, 'outcome.deadline', { sampleId: re.id });
    await until(
      async () =>
        (
          (await ds.query(`SELECT outcome FROM sample_outcome WHERE sample_id = $1`, [re.id])) as {
            outcome: string;
          }[]
        )[0]?.outcome === 'fail',
      'the re-inspection’s failure final',
      30_000,
    );

    // The truth, from what was made here.
    const counted = failures.length;
    const disposed = 2;
    const truth = {
      failures: counted,
      disposed,
      open: counted - disposed,
      rate: ((disposed * 100) / counted).toFixed(2),
      target: '100',
      targetYear: 2025,
      targetJurisdiction: w.jurisdiction,
      gap: ((disposed * 100) / counted - 100).toFixed(2),
    };
    const year = String(re.samplingDate).slice(0, 4);
    const r = await tasks.get(
      w.regulator,
      `/api/v1/rates?plan=${w.plan.id}&period=${year}&by=sector`,
    );
    expect(r.statusCode).toBe(200);
    expect(r.json().disposal).toEqual({
      rows: [{ sector: 'food', ...truth }],
      total: truth,
      sectors: [{ sector: 'food', ...truth }],
    });
    // By month and stage, the same counts split the same way; another jurisdiction sees none.
    const byMonth = (
      await tasks.get(w.regulator, `/api/v1/rates?plan=${w.plan.id}&period=${year}&by=month,stage`)
    ).json().disposal.rows as { failures: number; disposed: number; stage: string }[];
    expect(byMonth.reduce((n, x) => n + x.failures, 0)).toBe(counted);
    expect(byMonth.reduce((n, x) => n + x.disposed, 0)).toBe(disposed);
    expect(byMonth.every((x) => x.stage === 'distribution')).toBe(true);
    const outside = await tasks.get(
      w.outsideRegulator,
      `/api/v1/rates?plan=${w.plan.id}&period=${year}&by=sector`,
    );
    expect(outside.json().disposal.total).toMatchObject({ failures: 0, rate: null });
  });
});

describe('withdrawal and recall of the failed batch (下架 / 召回)', () => {
  it('lists the holders from captured EPCIS events; a holder confirms by a recalled event or the API; the manufacturer decides; the trace shows it', async () => {
    const w = await makeObjectionWorld(ds, 'manufacturing');
    const prefix = () => `57${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const register = async (p: { org?: string }, companyPrefix: string) => {
      const r = await tasks.post(p as never, '/api/v1/epcis/gtin-prefixes', { companyPrefix });
      if (r.statusCode !== 201) throw new Error(`prefix: ${r.body}`);
    };
    // M, the manufacturer; D and H, its distributors with accounts; a shop without one.
    const manufacturer = w.otherEnterpriseUser;
    const distributor = await makeEnterprise(ds, {
      uscc: freshUscc(w.jurisdiction),
      regionCode: w.jurisdiction,
    });
    const wholesaler = await makeEnterprise(ds, {
      uscc: freshUscc(w.jurisdiction),
      regionCode: w.jurisdiction,
    });
    const d = { sub: unique('ent-'), role: 'enterprise' as const, org: distributor.uscc };
    const h = { sub: unique('ent-'), role: 'enterprise' as const, org: wholesaler.uscc };
    const [pm, pd, ph] = [prefix(), prefix(), prefix()];
    await register(manufacturer, pm);
    await register(d, pd);
    await register(h, ph);
    const item = '0001';
    const gtin = gtinOf(pm, item);
    const lot = unique('RC').slice(0, 20);
    const ship = (to: string, at: number) =>
      shippingEvent({ prefix: pm, item, lot, quantity: 10, at, from: sgln(pm, 1), to });
    const shop = 'urn:epc:id:sgln:7999999.00001.0';
    const captured = await tasks.post(
      manufacturer,
      '/api/v1/epcis/capture',
      epcisDocument([ship(sgln(pd, 1), 0), ship(sgln(ph, 1), 1), ship(shop, 2)]),
    );
    expect(captured.statusCode).toBe(201);

    // The failed sample is of that batch, made by M.
    const { caseId } = await finalFailure(w, {
      gtin,
      batch: lot,
      manufacturerUscc: manufacturer.org,
    });
    const url = `/api/v1/cases/${caseId}`;
    const recall = async () => (await tasks.get(w.regulator, url)).json().recall;
    const first = await recall();
    expect(first).toMatchObject({
      gtin,
      batch: lot,
      accountHolders: 2,
      confirmed: 0,
      decision: null,
    });
    expect(
      first.holders.map((x: { holder: string; uscc: string | null; confirmed: unknown }) => [
        x.holder,
        x.uscc,
        x.confirmed,
      ]),
    ).toEqual(
      [
        [sgln(pd, 1), distributor.uscc, null],
        [sgln(ph, 1), wholesaler.uscc, null],
        [shop, null, null],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );

    // The holders with an account are told, once each; the shop without one, and others, not.
    const inbox = async (p: { sub: string; role: 'enterprise'; org: string }) =>
      (
        (await tasks.get(p, '/api/v1/notifications?kind=recall_holder')).json().items as {
          subject: string;
          message: { zh: string };
        }[]
      ).filter((n) => n.subject === caseId);
    await until(async () => (await inbox(h)).length === 1, 'the holders notified', 20_000);
    const [told] = await inbox(d);
    expect(told.message.zh).toContain(lot);
    expect(await inbox(w.enterpriseUser as never)).toEqual([]);
    const raised = (await ds.query(
      `SELECT addressee FROM notification WHERE kind = 'recall_holder' AND subject = $1
        ORDER BY addressee`,
      [caseId],
    )) as { addressee: string }[];
    expect(raised.map((r) => r.addressee)).toEqual([distributor.uscc, wholesaler.uscc].sort());
    // The case shows when each holder with an account was told; the shop without one, never.
    const told2 = await recall();
    expect(
      Object.fromEntries(
        told2.holders.map((x: { holder: string; notifiedAt: string | null }) => [
          x.holder,
          x.notifiedAt !== null,
        ]),
      ),
    ).toEqual({ [sgln(pd, 1)]: true, [sgln(ph, 1)]: true, [shop]: false });

    // H holds the batch but was neither sampled nor named as its manufacturer: the case is not
    // its own (404), the holder's view of it is, reached from its notification's subject. It
    // shows H's own holding only: not D's or the shop's, not the sampled enterprise, not the
    // case's order, report or history.
    expect((await tasks.get(h, url)).statusCode).toBe(404);
    const [toldH] = await inbox(h);
    const held = await tasks.get(h, `/api/v1/cases/${toldH.subject}/withdrawal`);
    expect(held.statusCode).toBe(200);
    expect(held.json()).toMatchObject({
      id: caseId,
      product: { gtin, batch: lot },
      status: 'open',
      decision: null,
      holding: { places: [{ holder: sgln(ph, 1), events: 1 }], confirmed: null },
    });
    expect(held.json().holding.notifiedAt).not.toBeNull();
    expect((held.json().failedItems as unknown[]).length).toBeGreaterThan(0);
    expect(Object.keys(held.json()).sort()).toEqual(
      [
        'id',
        'sampleNo',
        'product',
        'category',
        'failedItems',
        'finalOn',
        'status',
        'decision',
        'holding',
      ].sort(),
    );
    for (const other of [
      distributor.uscc,
      sgln(pd, 1),
      shop,
      w.enterpriseUser.org!,
      manufacturer.org!,
    ])
      expect(held.body).not.toContain(other);
    // Not a holder: the sampled retailer and the manufacturer (who read the case itself), and
    // a stranger, get 404; a regulator reads the case, not a holder's view (403).
    const outsider = {
      sub: unique('ent-'),
      role: 'enterprise' as const,
      org: freshUscc(w.jurisdiction),
    };
    for (const p of [w.enterpriseUser, manufacturer, outsider])
      expect((await tasks.get(p, `${url}/withdrawal`)).statusCode).toBe(404);
    expect((await tasks.get(w.regulator, `${url}/withdrawal`)).statusCode).toBe(403);

    // D confirms by capturing an event of disposition recalled for the batch (M's product).
    const recalledEvent = {
      type: 'ObjectEvent',
      eventID: `urn:uuid:${randomUUID()}`,
      eventTime: new Date().toISOString(),
      eventTimeZoneOffset: '+08:00',
      action: 'OBSERVE',
      epcList: [],
      quantityList: [{ epcClass: lgtin(pm, item, lot), quantity: 10, uom: 'KGM' }],
      bizStep: 'holding',
      disposition: 'recalled',
      readPoint: { id: sgln(pd, 1) },
    };
    // Not for someone who holds none of it, nor for another batch of the product.
    const stranger = await tasks.post(
      w.enterpriseUser,
      '/api/v1/epcis/capture',
      epcisDocument([recalledEvent]),
    );
    expect(stranger.statusCode).toBe(403);
    const otherLot = await tasks.post(
      d,
      '/api/v1/epcis/capture',
      epcisDocument([
        {
          ...recalledEvent,
          eventID: `urn:uuid:${randomUUID()}`,
          quantityList: [{ epcClass: lgtin(pm, item, 'OTHER1'), quantity: 1, uom: 'KGM' }],
        },
      ]),
    );
    expect(otherLot.statusCode).toBe(403);
    const byEpcis = await tasks.post(d, '/api/v1/epcis/capture', epcisDocument([recalledEvent]));
    expect(byEpcis.statusCode).toBe(201);
    // H confirms through the API, once.
    const byApi = await tasks.post(h, `${url}/withdrawal`, { note: '已下架全部库存' });
    expect(byApi.statusCode).toBe(200);
    // The answer is H's view, its confirmation in it.
    expect(byApi.json().holding.confirmed).toMatchObject({
      method: 'api',
      by: h.sub,
      note: '已下架全部库存',
    });
    expect(byApi.body).not.toContain(distributor.uscc);
    expect((await tasks.post(h, `${url}/withdrawal`, {})).json()).toMatchObject({
      code: 'ALREADY_CONFIRMED',
    });
    // Someone who holds none of it: as if the case did not exist.
    expect((await tasks.post(w.enterpriseUser, `${url}/withdrawal`, {})).statusCode).toBe(404);

    const after = await recall();
    expect(after).toMatchObject({ accountHolders: 2, confirmed: 2 });
    const byHolder = new Map(
      after.holders.map((x: { uscc: string; confirmed: unknown }) => [x.uscc, x.confirmed]),
    );
    expect(byHolder.get(distributor.uscc)).toMatchObject({
      method: 'epcis',
      eventId: recalledEvent.eventID,
    });
    expect(byHolder.get(wholesaler.uscc)).toMatchObject({
      method: 'api',
      by: h.sub,
      note: '已下架全部库存',
    });

    // The manufacturer's decision, not the retailer's.
    const notM = await tasks.post(w.enterpriseUser, `${url}/recall-decision`, {
      decision: 'recall',
      reason: '召回',
    });
    expect(notM.json()).toMatchObject({ code: 'NOT_MANUFACTURER' });
    const decided = await tasks.post(manufacturer, `${url}/recall-decision`, {
      decision: 'recall',
      reason: '该批次产品全部召回',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().recall.decision).toMatchObject({
      decision: 'recall',
      reason: '该批次产品全部召回',
      by: manufacturer.sub,
      uscc: manufacturer.org,
    });
    expect((decided.json().steps as { event: string }[]).map((x) => x.event).slice(-2)).toEqual([
      'withdrawal_confirmed',
      'recall_decision',
    ]);
    expect((await auditOf(caseId)).slice(-2)).toEqual([
      'withdrawal_confirmed/enterprise',
      'recall_decision/enterprise',
    ]);

    // The product trace shows the batch's distribution and its recall.
    const trace = await tasks.get(
      w.regulator,
      `/api/v1/trace/products?gtin=${gtin}&batch=${encodeURIComponent(lot)}`,
    );
    expect(trace.statusCode).toBe(200);
    const steps = trace.json().distribution.items as { movement: string; owner: string }[];
    expect(steps.map((x) => x.movement)).toEqual(['shipped', 'shipped', 'shipped', 'recalled']);
    expect(steps[3].owner).toBe(distributor.uscc);

    // H reads the manufacturer's decision (not who recorded it) beside its confirmation.
    const heldAfter = (await tasks.get(h, `${url}/withdrawal`)).json();
    expect(heldAfter.decision).toEqual({
      decision: 'recall',
      reason: '该批次产品全部召回',
      at: expect.any(String),
    });
    expect(heldAfter.holding.confirmed).toMatchObject({ method: 'api' });

    // Once the failure is overturned, there is nothing left to withdraw.
    await ds.query(
      `UPDATE followup_case SET state = 'withdrawn', withdrawn_at = now() WHERE id = $1`,
      [caseId],
    );
    const late = await tasks.post(d, `${url}/withdrawal`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'ILLEGAL_CASE_STATE' });
    expect((await tasks.get(d, `${url}/withdrawal`)).json().status).toBe('withdrawn');
  });
});
