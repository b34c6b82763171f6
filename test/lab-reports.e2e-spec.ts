import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@spotcheck/auth';
import { WorkCalendarService } from '@spotcheck/database';
import { chinaDate, completeUscc } from '@spotcheck/domain';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../apps/lab-results/src/app.module';
import { Queue } from 'bullmq';
import { ConfigService } from '@nestjs/config';
import { OutcomeRepository } from '../apps/worker/src/outcomes/outcome.repository';
import { OutcomeService } from '../apps/worker/src/outcomes/outcome.service';
import { DeadlineNotifier } from '../apps/worker/src/notifications/deadline-notifier.service';
import { NotificationRepository } from '../apps/worker/src/notifications/notification.repository';
import { ReportsProcessor } from '../apps/worker/src/reports/reports.processor';
import { ADMIN, REGULATOR_HOHHOT, bearer, bootHttp, dataSource, upload } from './support/app';
import { RUN as run, apiOf, auditOf, commitAndDraw, once, seedOf, usccSource } from './support/api';

let app: NestFastifyApplication;
let labApp: NestFastifyApplication;
const uscc = usccSource('LR');

/** Categories of this file only: one food (7 working days to object), one product (15 days). */
const FOOD = `LRF-${run}`;
const PROD = `LRP-${run}`;
const STAFF = [1, 2, 3, 4].map((i) => `LR${run}-${i}`);
const foodEnterprises: string[] = [];
const prodEnterprises: string[] = [];
let labA = '';
let labB = '';

interface Task {
  id: string;
  uscc: string;
  inspectors: string[];
  labId: string;
  category: string;
}

const inspection = apiOf(() => app);
const tasksApi = inspection.req;
const lab = apiOf(() => labApp).req;

async function ok(
  r: Promise<{ statusCode: number; body: string; json: () => unknown }>,
  status = 201,
) {
  const res = await r;
  if (res.statusCode !== status) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const labUser = (sub: string, id = labA): Principal => ({ sub, role: 'lab', org: id });
/** t1, t2 testers (t2 also reviewer and signatory), rev a reviewer, sig a signatory. */
const T1 = () => labUser('t1');
const T2 = () => labUser('t2');
const REV = () => labUser('rev');
const SIG = () => labUser('sig');
const OTHER_LAB = () => labUser('b-boss', labB);
const enterprise = (org: string): Principal => ({ sub: `ent-${org}`, role: 'enterprise', org });

/**
 * The day a notice says it was served: the Beijing date when the report was issued, so the
 * date before the request or the one after it (a run may cross Beijing midnight in between).
 */
function servedDay(before: string, servedOn: unknown): string {
  expect([before, chinaDate(new Date())]).toContain(servedOn);
  return servedOn as string;
}

const samples: Record<string, string> = {};
/** Samples for the bulk upload (received in its describe). */
const bulk: string[] = [];

async function drawnPlan(categories: string[]) {
  const p = REGULATOR_HOHHOT;
  const seed = seedOf('lab-reports', 1);
  const plan = await ok(
    tasksApi(p, 'POST', '/api/v1/plans', {
      code: `LR-2026-${process.pid}`,
      title: '检验报告测试计划',
      level: 'prefecture',
      jurisdiction: p.jurisdiction,
      year: 2026,
      categories,
      stages: ['production', 'distribution', 'online'],
      samplingDeadline: '2099-12-31',
    }),
  );
  const id = plan.id as string;
  await commitAndDraw(inspection, p, id, seed);
  await dataSource(app).query(
    `UPDATE draw SET drawn_at = '2026-01-05T09:00:00+08:00' WHERE plan_id = $1`,
    [id],
  );
  return (await ok(tasksApi(p, 'GET', `/api/v1/tasks?planId=${id}&limit=500`), 200))
    .items as Task[];
}

/** Samples the task on 12 February 2026 (the Thursday before the Spring Festival). */
async function sample(t: Task): Promise<string> {
  const inspector: Principal = {
    ...REGULATOR_HOHHOT,
    sub: `insp-${t.inspectors[0]}`,
    staffNo: t.inspectors[0],
  };
  const s = await ok(
    tasksApi(inspector, 'POST', `/api/v1/tasks/${t.id}/sample`, {
      sampledAt: '2026-02-12T10:30:00+08:00',
      place: { regionCode: '150102', address: '呼和浩特市新城区报告测试路1号' },
      stage: 'distribution',
      manufacturer: { name: '测试食品有限公司', address: '某市某路2号' },
      productName: '测试产品',
      batch: 'B20260110',
      productionDate: '2026-01-10',
      testPortion: { quantity: '12', unit: '盒' },
      backupPortion: { quantity: '6', unit: '盒' },
      pricePaid: '36',
      sealNumbers: ['F-001'],
      inspectors: t.inspectors,
      representative: { name: '张三' },
    }),
  );
  return s.sampleNo as string;
}

const receive = (no: string, p: Principal = REV(), over: Record<string, unknown> = {}) =>
  lab(p, 'POST', `/api/v1/lab/samples/${encodeURIComponent(no)}/receipt`, {
    receivedAt: '2026-02-12T16:00:00+08:00',
    condition: '封样完好，冷藏运输',
    sealIntact: true,
    ...over,
  });
/** Each sample's receipt, made by the first test that needs it. */
const received = {
  food: once(() => ok(receive(samples.food, REV(), { note: '到样' }))),
  food2: once(() => ok(receive(samples.food2))),
  prod: once(() => ok(receive(samples.prod))),
};

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  labApp = await bootHttp(LabResultsModule);
  await ok(
    tasksApi(ADMIN, 'POST', '/api/v1/catalog/categories', {
      code: FOOD,
      name: '测试乳制品',
      sector: 'food',
      items: [
        {
          code: 'PB',
          name: '铅（以Pb计）',
          method: 'GB 5009.12-2023',
          unit: 'mg/kg',
          limit: '≤0.5',
        },
        {
          code: 'AFM1',
          name: '黄曲霉毒素M1',
          method: 'GB 5009.24-2016',
          unit: 'μg/kg',
          limit: '≤0.5',
        },
      ],
    }),
  );
  await ok(
    tasksApi(ADMIN, 'POST', '/api/v1/catalog/categories', {
      code: PROD,
      name: '测试电线电缆',
      sector: 'manufacturing',
      items: [
        { code: 'R20', name: '导体电阻', method: 'GB/T 3048.4', unit: 'Ω/km', limit: '≤18.1' },
      ],
    }),
  );
  for (const [list, cat] of [
    [foodEnterprises, FOOD],
    [foodEnterprises, FOOD],
    [foodEnterprises, FOOD],
    [prodEnterprises, PROD],
    // For the bulk upload.
    [foodEnterprises, FOOD],
    [foodEnterprises, FOOD],
    [foodEnterprises, FOOD],
  ] as const) {
    const e = uscc();
    list.push(e);
    await ok(
      tasksApi(REGULATOR_HOHHOT, 'POST', '/api/v1/enterprises', {
        uscc: e,
        name: `报告测试企业${list.length}`,
        address: '测试地址',
        regionCode: '150102',
        size: 'small',
        categories: [cat],
        riskClass: 'D',
      }),
    );
  }
  for (const staffNo of STAFF)
    await ok(
      tasksApi(REGULATOR_HOHHOT, 'POST', '/api/v1/inspectors', {
        staffNo,
        name: '检查员',
        regionCode: '150102',
        categories: [FOOD, PROD],
      }),
    );
  const newLab = async (n: number) =>
    (
      await ok(
        tasksApi(REGULATOR_HOHHOT, 'POST', '/api/v1/labs', {
          name: `报告测试检验所${n}`,
          uscc: completeUscc(`12150102RL${run}00${n}`),
          cmaNo: `LR${run}-${n}`,
          regionCode: '150102',
          categories: [FOOD, PROD],
          capacity: 100,
        }),
      )
    ).id as string;
  labA = await newLab(1);
  const tasks = await drawnPlan([FOOD, PROD]);
  expect(tasks).toHaveLength(7);
  // Only after the draw: every task went to lab A.
  labB = await newLab(2);
  const byUscc = (u: string) => tasks.find((t) => t.uscc === u) as Task;
  samples.food = await sample(byUscc(foodEnterprises[0]));
  samples.rejected = await sample(byUscc(foodEnterprises[1]));
  samples.food2 = await sample(byUscc(foodEnterprises[2]));
  samples.prod = await sample(byUscc(prodEnterprises[0]));
  for (const i of [3, 4, 5]) bulk.push(await sample(byUscc(foodEnterprises[i])));

  const staff = (sub: string, roles: string[], id = labA) =>
    ok(lab(ADMIN, 'PUT', `/api/v1/labs/${id}/staff/${sub}`, { name: `人员${sub}`, roles }), 200);
  await staff('t1', ['tester']);
  await staff('t2', ['tester', 'reviewer', 'signatory']);
  await staff('rev', ['reviewer']);
  await staff('sig', ['signatory']);
  await staff('b-boss', ['tester', 'reviewer', 'signatory'], labB);
});
/** The worker's outcome and notification queues, for the handler this file runs itself. */
const outcomeQueue = new Queue('outcomes', {
  connection: { url: process.env.REDIS_URL },
  prefix: process.env.QUEUE_PREFIX,
});
const notificationQueue = new Queue('notifications', {
  connection: { url: process.env.REDIS_URL },
  prefix: process.env.QUEUE_PREFIX,
});
afterAll(async () => {
  await app.close();
  await labApp.close();
  await outcomeQueue.close();
  await notificationQueue.close();
});

describe('receipt', () => {
  it('lists the samples assigned to the lab, not yet received', async () => {
    const page = await ok(lab(T1(), 'GET', '/api/v1/lab/samples?limit=500'), 200);
    const mine = (page.items as { sampleNo: string }[]).map((s) => s.sampleNo);
    expect(mine).toEqual(expect.arrayContaining(Object.values(samples)));
    const s = await ok(lab(T1(), 'GET', `/api/v1/lab/samples/${samples.food}`), 200);
    expect(s).toMatchObject({
      sampleNo: samples.food,
      labId: labA,
      category: { code: FOOD, sector: 'food' },
      custodyState: 'sealed',
      received: false,
      receipt: null,
      testDueDate: null,
      overdue: false,
      report: null,
    });
    // Before receipt the delivery deadline runs, counted in working days from today.
    const cal = await labApp.get(WorkCalendarService).calendar();
    expect(s.workingDaysLeft).toBe(cal.workingDaysBetween(chinaDate(new Date()), s.labDueDate));
  });

  it('records a receipt as a custody event; the test is due 20 working days later, across the Spring Festival', async () => {
    const r = await received.food();
    expect(r.event).toMatchObject({
      seq: 3,
      kind: 'received',
      stateAfter: 'received',
      occurredAt: '2026-02-12T08:00:00.000Z',
      actor: 'rev',
      actorRole: 'lab',
      actorOrg: labA,
      regionCode: '150102',
      address: '报告测试检验所1',
      note: '到样',
      detail: {},
    });
    // Fri 13, the make-up Saturday 14, then nothing until Tue 24 (春节), the make-up Saturday
    // 28 February, … the 20th working day is Wednesday 18 March.
    expect(r.sample).toMatchObject({
      custodyState: 'received',
      received: true,
      receipt: {
        outcome: 'received',
        receivedOn: '2026-02-12',
        condition: '封样完好，冷藏运输',
        sealIntact: true,
        recordedBy: 'rev',
      },
      testDueDate: '2026-03-18',
      // Past due (Beijing time today) and nothing issued yet.
      overdue: true,
    });
    expect(r.sample.custody.map((e: { kind: string }) => e.kind)).toEqual([
      'sampled',
      'sealed',
      'received',
    ]);
    // Once received, the test's deadline runs: past by now, so negative.
    const cal = await labApp.get(WorkCalendarService).calendar();
    expect(r.sample.workingDaysLeft).toBe(
      cal.workingDaysBetween(chinaDate(new Date()), '2026-03-18'),
    );
    expect(r.sample.workingDaysLeft).toBeLessThan(0);
    // The regulators' view of the same custody (the shared writer).
    const seen = await ok(
      tasksApi(REGULATOR_HOHHOT, 'GET', `/api/v1/samples/${samples.food}`),
      200,
    );
    expect(seen).toMatchObject({ custodyState: 'received', arrivedAt: '2026-02-12T08:00:00.000Z' });
    const overdue = await ok(lab(T1(), 'GET', '/api/v1/lab/samples?overdue=true&limit=500'), 200);
    expect(overdue.items.map((s: { sampleNo: string }) => s.sampleNo)).toContain(samples.food);
    // Received once only.
    const again = await receive(samples.food);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ILLEGAL_CUSTODY_STATE', currentState: 'received' });
    const audit = (await dataSource(app).query(
      `SELECT action, entity_type FROM audit_log WHERE actor = 'rev' AND org = $1 ORDER BY seq`,
      [labA],
    )) as { action: string; entity_type: string }[];
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'custody', entity_type: 'sample' },
        { action: 'create', entity_type: 'lab_receipt' },
      ]),
    );
  });

  it('records a rejection with its reason; a rejected sample gets no report', async () => {
    const r = await ok(
      lab(REV(), 'POST', `/api/v1/lab/samples/${samples.rejected}/rejection`, {
        at: '2026-02-12T17:00:00+08:00',
        reason: 'seal_broken',
      }),
    );
    expect(r.event).toMatchObject({
      kind: 'rejected_at_receipt',
      stateAfter: 'rejected',
      detail: { reason: 'seal_broken' },
    });
    expect(r.sample).toMatchObject({
      received: false,
      receipt: { outcome: 'rejected', reason: 'seal_broken' },
      testDueDate: null,
      overdue: false,
      workingDaysLeft: null,
    });
    const report = await lab(T1(), 'POST', '/api/v1/lab/reports', {
      sampleNo: samples.rejected,
      reportNo: `R-${run}-X`,
    });
    expect(report.statusCode).toBe(409);
    expect(report.json()).toMatchObject({ code: 'SAMPLE_NOT_RECEIVED', currentState: 'rejected' });
  });

  it('answers 400 naming the field for bad input, and 403 for someone not on the staff', async () => {
    const broken = await receive(samples.food2, REV(), { sealIntact: false });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors[0].field).toBe('sealIntact');
    const extra = await receive(samples.food2, REV(), { colour: 'red' });
    expect(extra.statusCode).toBe(400);
    const nul = await receive(samples.food2, REV(), { condition: 'ok\u0000' });
    expect(nul.statusCode).toBe(400);
    const future = await receive(samples.food2, REV(), { receivedAt: '2099-01-01T00:00:00+08:00' });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('receivedAt');
    // Days the calendar cannot count from (beyond 9999, before 0001 in Beijing): 400 too.
    for (const receivedAt of [
      '9999-12-31T23:59:59Z',
      '9999-12-20T00:00:00+08:00',
      '0001-01-01T00:00:00+14:00',
    ]) {
      const far = await receive(samples.food2, REV(), { receivedAt });
      expect([receivedAt, far.statusCode, far.json().errors?.[0].field]).toEqual([
        receivedAt,
        400,
        'receivedAt',
      ]);
      // A rejection names its own field, `at`, for the same times.
      const refused = await lab(REV(), 'POST', `/api/v1/lab/samples/${samples.food2}/rejection`, {
        at: receivedAt,
        reason: 'damaged',
      });
      expect([receivedAt, refused.statusCode, refused.json().errors?.[0].field]).toEqual([
        receivedAt,
        400,
        'at',
      ]);
    }
    const badReason = await lab(REV(), 'POST', `/api/v1/lab/samples/${samples.food2}/rejection`, {
      at: '2026-02-12T17:00:00+08:00',
      reason: 'ugly',
    });
    expect(badReason.statusCode).toBe(400);
    const stranger = await receive(samples.food2, labUser('nobody'));
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().code).toBe('NOT_LAB_STAFF');
    await received.food2();
    await received.prod();
  });

  it('hides another lab’s samples: 404, and they are not listed', async () => {
    for (const r of [
      await lab(OTHER_LAB(), 'GET', `/api/v1/lab/samples/${samples.food}`),
      await receive(samples.food2, OTHER_LAB()),
      await lab(OTHER_LAB(), 'GET', `/api/v1/lab/reports?sampleNo=${samples.food}`),
      await lab(OTHER_LAB(), 'POST', '/api/v1/lab/reports', {
        sampleNo: samples.food,
        reportNo: 'B-1',
      }),
    ])
      expect(r.statusCode).toBe(404);
    const page = await ok(lab(OTHER_LAB(), 'GET', '/api/v1/lab/samples?limit=500'), 200);
    expect(page.items).toEqual([]);
    // Admins read every lab's.
    await ok(lab(ADMIN, 'GET', `/api/v1/lab/samples/${samples.food}`), 200);
  });
});

describe('reports', () => {
  const reportNo = `JC${run}-0001`;
  const act = (p: Principal, id: string, event: string, payload: unknown = {}) =>
    lab(p, 'POST', `/api/v1/lab/reports/${id}/${event}`, payload);

  /** v1, the food sample's first report: a draft with one item of its own (SN), no results. */
  const draft = once(async () => {
    await received.food();
    return ok(
      lab(T1(), 'POST', '/api/v1/lab/reports', {
        sampleNo: samples.food,
        reportNo,
        items: [{ itemCode: 'SN', itemName: '锡', unit: 'mg/kg', limit: '≤250' }],
      }),
    );
  });
  /** v1 submitted, returned, corrected by a second tester, submitted and reviewed. */
  const reviewed = once(async () => {
    const v1 = (await draft()).id as string;
    const put = await ok(
      lab(T1(), 'PUT', `/api/v1/lab/reports/${v1}/items`, {
        items: [
          { itemCode: 'PB', value: '0.62' },
          { itemCode: 'AFM1', value: 'ND' },
          {
            itemCode: 'SN',
            itemName: '锡',
            unit: 'mg/kg',
            limit: '≤250',
            notTestedReason: '不适用',
          },
        ],
      }),
      200,
    );
    expect(put).toMatchObject({ testedBy: ['t1'], preview: { complete: true, verdict: 'fail' } });
    await ok(act(T1(), v1, 'submit'), 200);
    const self = await act(T1(), v1, 'review');
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('REPORT_ROLE_REQUIRED');
    const notYet = await act(SIG(), v1, 'issue');
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json()).toMatchObject({
      code: 'ILLEGAL_REPORT_TRANSITION',
      currentState: 'submitted',
      allowedEvents: ['review', 'return'],
    });
    const noReason = await act(REV(), v1, 'return', {});
    expect(noReason.statusCode).toBe(400);
    const back = await ok(act(REV(), v1, 'return', { reason: '铅复测' }), 200);
    expect(back).toMatchObject({
      state: 'draft',
      returnedBy: 'rev',
      returnedReason: '铅复测',
      submittedBy: null,
    });

    // t2 (tester, reviewer and signatory) corrects a result: now an author of this version.
    await ok(
      lab(T2(), 'PUT', `/api/v1/lab/reports/${v1}/items`, {
        items: [
          { itemCode: 'PB', value: '0.620' },
          { itemCode: 'AFM1', value: 'ND' },
          {
            itemCode: 'SN',
            itemName: '锡',
            unit: 'mg/kg',
            limit: '≤250',
            notTestedReason: '不适用',
          },
        ],
      }),
      200,
    );
    await ok(act(T1(), v1, 'submit'), 200);
    const ownReview = await act(T2(), v1, 'review');
    expect(ownReview.statusCode).toBe(403);
    expect(ownReview.json()).toMatchObject({
      code: 'FOUR_EYES_VIOLATION',
      rule: 'checker_is_author',
    });
    await ok(act(REV(), v1, 'review'), 200);
    const ownSign = await act(T2(), v1, 'issue');
    expect(ownSign.statusCode).toBe(403);
    expect(ownSign.json().code).toBe('FOUR_EYES_VIOLATION');
    const testerSigns = await act(T1(), v1, 'issue');
    expect(testerSigns.statusCode).toBe(403);
    expect(testerSigns.json().code).toBe('REPORT_ROLE_REQUIRED');
    return v1;
  });
  /** v1 issued: the signatory's answer. */
  const issuedV1 = once(async () => ok(act(SIG(), await reviewed(), 'issue'), 200));
  /** v2, the amendment of v1, issued. */
  const amended = once(async () => {
    const v1 = (await issuedV1()).id as string;
    const noReason = await act(T1(), v1, 'amend', {});
    expect(noReason.statusCode).toBe(400);
    const a = await ok(act(T1(), v1, 'amend', { reason: '铅单位换算错误' }));
    const v2 = a.id as string;
    expect(a).toMatchObject({
      reportNo,
      version: 2,
      amendsId: v1,
      amendmentReason: '铅单位换算错误',
      state: 'draft',
      // Its copied results are still t1's and t2's: they stay authors.
      testedBy: ['t1', 't2'],
    });
    expect(a.items.map((i: { value: string | null }) => i.value)).toEqual(['0.620', 'ND', null]);
    const twice = await act(T1(), v1, 'amend', { reason: 'x' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('AMENDMENT_NOT_ALLOWED');

    let chain = await ok(lab(T1(), 'GET', `/api/v1/lab/reports?sampleNo=${samples.food}`), 200);
    expect(
      chain.versions.map((v: { version: number; state: string }) => [v.version, v.state]),
    ).toEqual([
      [1, 'issued'],
      [2, 'draft'],
    ]);
    expect(chain.countingVersion).toBe(1);

    await ok(
      lab(T1(), 'PUT', `/api/v1/lab/reports/${v2}/items`, {
        items: [
          { itemCode: 'PB', value: '0.062' },
          { itemCode: 'AFM1', value: 'ND' },
          {
            itemCode: 'SN',
            itemName: '锡',
            unit: 'mg/kg',
            limit: '≤250',
            notTestedReason: '不适用',
          },
        ],
      }),
      200,
    );
    await ok(act(T1(), v2, 'submit'), 200);
    // t2 (a reviewer too) entered results of version 1 that version 2 carries: not its reviewer.
    const own = await act(T2(), v2, 'review');
    expect([own.statusCode, own.json().code]).toEqual([403, expect.any(String)]);
    await ok(act(REV(), v2, 'review'), 200);
    const issued = await ok(act(SIG(), v2, 'issue'), 200);
    expect(issued).toMatchObject({ version: 2, verdict: 'pass', failedItems: [] });

    chain = await ok(lab(T1(), 'GET', `/api/v1/lab/reports?sampleNo=${samples.food}`), 200);
    expect(chain.countingVersion).toBe(2);
    expect(chain.counting).toMatchObject({ id: v2, verdict: 'pass' });
    const old = await ok(lab(T1(), 'GET', `/api/v1/lab/reports/${v1}`), 200);
    expect(old).toMatchObject({ state: 'issued', verdict: 'fail' });

    // The worker's handler keeps the counting verdict; running it twice changes nothing.
    const ds = dataSource(app);
    const worker = new ReportsProcessor(
      ds,
      new OutcomeService(ds, new OutcomeRepository(), outcomeQueue),
      new DeadlineNotifier(ds, new NotificationRepository(), notificationQueue),
      new ConfigService({ WORKER_BATCH_SIZE: 100 }),
    );
    const [{ id: sampleId }] = (await ds.query(`SELECT id FROM sample WHERE sample_no = $1`, [
      samples.food,
    ])) as { id: string }[];
    // The older version's job arriving late still leaves the counting version 2.
    const payload = { reportId: v1, sampleId, labId: labA, version: 1 };
    expect(await worker.recordVerdict(payload)).toEqual({ version: 2, verdict: 'pass' });
    expect(await worker.recordVerdict(payload)).toEqual({ version: 2, verdict: 'pass' });
    expect(
      await ds.query(`SELECT version, verdict FROM sample_lab_verdict WHERE sample_id = $1`, [
        sampleId,
      ]),
    ).toEqual([{ version: 2, verdict: 'pass' }]);
    // Amended from a fail to a pass: the outcome is a final pass at once.
    expect(
      await ds.query(
        `SELECT version, outcome, standing_since AS "standingSince" FROM sample_outcome WHERE sample_id = $1`,
        [sampleId],
      ),
    ).toEqual([{ version: 2, outcome: 'pass', standingSince: 2 }]);

    // The enterprise gets a notice for each issued version.
    const notices = await ok(
      tasksApi(enterprise(foodEnterprises[0]), 'GET', '/api/v1/notices'),
      200,
    );
    expect(notices.items.map((n: { reportVersion: number }) => n.reportVersion)).toEqual([2, 1]);
    return v2;
  });

  it('creates a draft from the category template, by a tester only', async () => {
    await received.food();
    await received.food2();
    const bad = await lab(REV(), 'POST', '/api/v1/lab/reports', {
      sampleNo: samples.food,
      reportNo,
    });
    expect(bad.statusCode).toBe(403);
    expect(bad.json().code).toBe('REPORT_ROLE_REQUIRED');
    for (const payload of [
      { sampleNo: samples.food, reportNo, extra: 1 },
      { sampleNo: samples.food, reportNo: 'A\u0000' },
      { sampleNo: samples.food, reportNo, items: [{ itemCode: 'PB', value: 'abc' }] },
      { sampleNo: samples.food, reportNo, items: [{ itemCode: 'NEW' }] },
      { sampleNo: samples.food, reportNo, items: [{ itemCode: 'PB', limit: '≤≤' }] },
    ]) {
      const r = await lab(T1(), 'POST', '/api/v1/lab/reports', payload);
      expect(r.statusCode).toBe(400);
    }
    const named = await lab(T1(), 'POST', '/api/v1/lab/reports', {
      sampleNo: samples.food,
      reportNo,
      items: [{ itemCode: 'AFM1', value: 'lots' }],
    });
    expect(named.json().errors).toEqual([{ field: 'items[0].value', reason: expect.any(String) }]);

    const r = await draft();
    const v1 = r.id as string;
    expect(r).toMatchObject({
      sampleNo: samples.food,
      reportNo,
      version: 1,
      state: 'draft',
      testedBy: [],
      verdict: null,
      createdBy: 't1',
      preview: { complete: false, verdict: null },
      allowedEvents: ['submit'],
    });
    expect(r.items.map((i: { itemCode: string }) => i.itemCode)).toEqual(['PB', 'AFM1', 'SN']);
    expect(r.items[0]).toMatchObject({
      itemName: '铅（以Pb计）',
      method: 'GB 5009.12-2023',
      unit: 'mg/kg',
      limitText: '≤0.5',
      value: null,
    });
    // One chain per sample and lab; report numbers are unique in the lab.
    const twice = await lab(T1(), 'POST', '/api/v1/lab/reports', {
      sampleNo: samples.food,
      reportNo: 'other',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('REPORT_EXISTS');
    const sameNo = await lab(T1(), 'POST', '/api/v1/lab/reports', {
      sampleNo: samples.food2,
      reportNo,
    });
    expect(sameNo.statusCode).toBe(409);
    expect(sameNo.json().code).toBe('REPORT_NO_TAKEN');
    expect((await lab(OTHER_LAB(), 'GET', `/api/v1/lab/reports/${v1}`)).statusCode).toBe(404);
  });

  it('submits only complete items, naming the item and field otherwise', async () => {
    const v1 = (await draft()).id as string;
    const r = await act(T1(), v1, 'submit');
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'items[0].value',
      'items[1].value',
      'items[2].value',
    ]);
  });

  it('enforces four eyes: a tester does not review or sign their own work; a return goes back to draft with a reason', () =>
    reviewed());

  it('issues: stores the verdict and failed items, writes the outbox row and the result notice (food: 7 working days)', async () => {
    const before = chinaDate(new Date());
    const r = await issuedV1();
    const v1 = r.id as string;
    expect(r).toMatchObject({
      state: 'issued',
      issuedBy: 'sig',
      reviewedBy: 'rev',
      submittedBy: 't1',
      testedBy: ['t1', 't2'],
      verdict: 'fail',
      failedItems: [
        {
          itemCode: 'PB',
          itemName: '铅（以Pb计）',
          value: '0.620',
          unit: 'mg/kg',
          limit: '≤0.5',
          reason: { zh: expect.stringContaining('不符合'), en: expect.any(String) },
        },
      ],
      allowedEvents: [],
    });
    expect(r.items.map((i: { verdict: string }) => i.verdict)).toEqual([
      'fail',
      'pass',
      'not_applicable',
    ]);
    const ds = dataSource(app);
    const outbox = (await ds.query(
      `SELECT queue, payload FROM outbox WHERE job = 'report.issued' AND payload->>'reportId' = $1`,
      [v1],
    )) as { queue: string; payload: Record<string, unknown> }[];
    expect(outbox).toEqual([
      { queue: 'reports', payload: expect.objectContaining({ version: 1, labId: labA }) },
    ]);

    const cal = await labApp.get(WorkCalendarService).calendar();
    const notices = await ok(
      tasksApi(enterprise(foodEnterprises[0]), 'GET', '/api/v1/notices'),
      200,
    );
    const today = servedDay(before, notices.items[0]?.servedOn);
    expect(notices.items).toEqual([
      expect.objectContaining({
        sampleNo: samples.food,
        reportNo,
        reportVersion: 1,
        uscc: foodEnterprises[0],
        verdict: 'fail',
        regime: 'food',
        servedOn: today,
        objectionDeadline: cal.addWorkingDays(today, 7),
        readAt: null,
        failedItems: [expect.objectContaining({ itemCode: 'PB', value: '0.620' })],
      }),
    ]);
  });

  it('keeps issued reports immutable: items and transitions answer 409, the database refuses too', async () => {
    const v1 = (await issuedV1()).id as string;
    const put = await lab(T1(), 'PUT', `/api/v1/lab/reports/${v1}/items`, {
      items: [{ itemCode: 'PB', value: '0.1' }],
    });
    expect(put.statusCode).toBe(409);
    expect(put.json()).toMatchObject({ code: 'REPORT_NOT_EDITABLE', currentState: 'issued' });
    const again = await act(T1(), v1, 'submit');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ currentState: 'issued', allowedEvents: [] });
    const ds = dataSource(app);
    await expect(
      ds.query(`UPDATE lab_report SET verdict = 'pass' WHERE id = $1`, [v1]),
    ).rejects.toThrow(/issued/);
    await expect(
      ds.query(`UPDATE lab_report_item SET value = '0.1' WHERE report_id = $1`, [v1]),
    ).rejects.toThrow(/issued/);
    // Inserts are checked per statement: no item joins an issued report, none is orphaned.
    const insertItem = (reportId: string, seq: number) =>
      ds.query(
        `INSERT INTO lab_report_item (report_id, seq, item_code, item_name, limit_rule, limit_text)
         SELECT $1::uuid, $2::int, 'X' || $2::int, '新增项目', '{"kind":"text","allowed":["合格"]}', '{合格}'`,
        [reportId, seq],
      );
    await expect(insertItem(v1, 99)).rejects.toThrow(/issued/);
    await expect(insertItem('00000000-0000-4000-8000-000000000000', 1)).rejects.toThrow(
      /does not exist/,
    );
    await expect(ds.query(`DELETE FROM lab_report WHERE id = $1`, [v1])).rejects.toThrow(
      /never deleted/,
    );
  });

  it('amends: a new version through the same chain; both stay readable and the latest issued counts', () =>
    amended());

  it('gives a product its 15-day objection deadline', async () => {
    await received.prod();
    const r = await ok(
      lab(T1(), 'POST', '/api/v1/lab/reports', {
        sampleNo: samples.prod,
        reportNo: `JC${run}-0002`,
        items: [{ itemCode: 'R20', value: '18.3' }],
      }),
    );
    expect(r.testedBy).toEqual(['t1']);
    await ok(act(T1(), r.id, 'submit'), 200);
    await ok(act(REV(), r.id, 'review'), 200);
    const before = chinaDate(new Date());
    await ok(act(SIG(), r.id, 'issue'), 200);
    const cal = await labApp.get(WorkCalendarService).calendar();
    const notices = await ok(
      tasksApi(enterprise(prodEnterprises[0]), 'GET', '/api/v1/notices'),
      200,
    );
    const today = servedDay(before, notices.items[0]?.servedOn);
    expect(notices.items).toEqual([
      expect.objectContaining({
        sampleNo: samples.prod,
        verdict: 'fail',
        regime: 'product',
        servedOn: today,
        objectionDeadline: cal.calendarDayDeadline(today, 15),
      }),
    ]);
  });

  it('lets an enterprise read and acknowledge its own notices only', async () => {
    const v2 = await amended();
    const mine = await ok(tasksApi(enterprise(foodEnterprises[0]), 'GET', '/api/v1/notices'), 200);
    const id = mine.items[0].id as string;
    const other = enterprise(prodEnterprises[0]);
    expect((await tasksApi(other, 'GET', `/api/v1/notices/${id}`)).statusCode).toBe(404);
    expect((await tasksApi(other, 'POST', `/api/v1/notices/${id}/read`)).statusCode).toBe(404);
    const otherList = await ok(tasksApi(other, 'GET', '/api/v1/notices'), 200);
    expect(otherList.items.map((n: { id: string }) => n.id)).not.toContain(id);
    // Two first reads at once: both answer the read notice, one marks it, one audit entry.
    const reads = await Promise.all(
      [1, 2].map(() =>
        ok(tasksApi(enterprise(foodEnterprises[0]), 'POST', `/api/v1/notices/${id}/read`), 200),
      ),
    );
    const read = reads[0];
    expect(read.readAt).toEqual(expect.any(String));
    expect(reads[1].readAt).toBe(read.readAt);
    expect(await auditOf(app, id, 'read')).toHaveLength(1);
    expect((await tasksApi(REGULATOR_HOHHOT, 'GET', '/api/v1/notices')).statusCode).toBe(403);
    // An issued report is no longer overdue.
    const s = await ok(lab(T1(), 'GET', `/api/v1/lab/samples/${samples.food}`), 200);
    expect(s).toMatchObject({ overdue: false, report: { id: v2, version: 2, state: 'issued' } });
  });
});

describe('bulk upload', () => {
  const post = (p: Principal, body: unknown, key?: string) =>
    labApp.inject({
      method: 'POST',
      url: '/api/v1/lab/reports/batch',
      headers: { ...bearer(p), ...(key ? { 'idempotency-key': key } : {}) },
      payload: body as object,
    });
  const report = (sampleNo: string, reportNo: string, pb = '0.12') => ({
    sampleNo,
    reportNo,
    items: [
      { itemCode: 'PB', value: pb },
      { itemCode: 'AFM1', notTested: '仪器检定中' },
    ],
  });

  beforeAll(async () => {
    for (const no of bulk.slice(0, 2)) await ok(receive(no), 201);
  });

  it('writes many drafts at once, every result judged, all or nothing', async () => {
    // One report fails validation: nothing is written.
    const bad = await post(T1(), {
      reports: [report(bulk[0], `BK${run}-1`), { ...report(bulk[1], `BK${run}-2`), extra: 1 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ field: 'reports[1].extra', reason: expect.any(String) }),
    ]);
    // A sample not received at this lab: named, nothing written.
    const notReceived = await post(T1(), {
      reports: [report(bulk[0], `BK${run}-1`), report(bulk[2], `BK${run}-3`)],
    });
    expect(notReceived.statusCode).toBe(400);
    expect(notReceived.json().errors).toEqual([
      expect.objectContaining({
        field: 'reports[1].sampleNo',
        reason: expect.stringContaining('received'),
      }),
    ]);
    const written = (await dataSource(app).query(
      `SELECT count(*)::int AS n FROM lab_report WHERE report_no LIKE $1`,
      [`BK${run}-%`],
    )) as { n: number }[];
    expect(written[0].n).toBe(0);
    // A result the template's limit cannot judge: named by report, item and field.
    const unjudgeable = await post(T1(), {
      reports: [report(bulk[0], `BK${run}-1`), report(bulk[1], `BK${run}-2`, '约0.1')],
    });
    expect(unjudgeable.statusCode).toBe(400);
    expect(unjudgeable.json().errors).toEqual([
      expect.objectContaining({
        report: 1,
        field: 'reports[1].items[0].value',
        reason: expect.stringContaining('not a decimal'),
      }),
    ]);
    // Only testers upload.
    expect((await post(REV(), { reports: [report(bulk[0], `BK${run}-1`)] })).statusCode).toBe(403);

    const key = `bulk-${run}-1`;
    const body = { reports: [report(bulk[0], `BK${run}-1`, '0.8'), report(bulk[1], `BK${run}-2`)] };
    const [a, b] = await Promise.all([post(T1(), body, key), post(T1(), body, key)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json()).toEqual(b.json());
    expect([a.headers['idempotent-replayed'], b.headers['idempotent-replayed']].sort()).toEqual([
      'false',
      'true',
    ]);
    expect(a.json()).toMatchObject({ items: 4, failedItems: 1 });
    const again = await post(T1(), body, key);
    expect(again.json()).toEqual(a.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    const reused = await post(T1(), { reports: [report(bulk[2], `BK${run}-3`)] }, key);
    expect(reused.statusCode).toBe(422);

    const id = (a.json().reports as { sampleNo: string; id: string }[]).find(
      (r) => r.sampleNo === bulk[0],
    )!.id;
    const draft = await ok(lab(T1(), 'GET', `/api/v1/lab/reports/${id}`), 200);
    // A draft like one entered by hand: the results are stored, the verdict is previewed,
    // and the item verdicts are stored when it is issued.
    expect(draft).toMatchObject({
      state: 'draft',
      version: 1,
      reportNo: `BK${run}-1`,
      items: [
        { itemCode: 'PB', value: '0.8', notTestedReason: null, verdict: null, reason: null },
        { itemCode: 'AFM1', value: null, notTestedReason: '仪器检定中', verdict: null },
      ],
      preview: {
        complete: true,
        verdict: 'fail',
        items: [
          { itemCode: 'PB', outcome: 'fail' },
          { itemCode: 'AFM1', outcome: 'not_applicable' },
        ],
      },
    });
    // Both drafts exist once; the second upload of the same samples is refused.
    const dup = await post(T1(), { reports: [report(bulk[0], `BK${run}-9`)] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0].reason).toContain('already has a report');
  });

  it('reads the same from a CSV file, naming the spreadsheet row of a bad cell', async () => {
    const csv = (pb: string) =>
      `样品编号,报告编号,检验项目代码,检测结果,未检原因\n${bulk[2]},BK${run}-3,PB,${pb},\n${bulk[2]},BK${run}-3,AFM1,,仪器检定中\n`;
    const send = (text: string) =>
      labApp.inject({
        method: 'POST',
        url: '/api/v1/lab/reports/import',
        ...upload(T1(), 'results.csv', text),
      });
    // What only the database knows (the sample is not received yet) is named by row too.
    const early = await send(csv('0.2'));
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({
      code: 'IMPORT_REJECTED',
      errors: [{ row: 2, column: '样品编号', reason: 'the sample has not been received yet' }],
    });
    await ok(receive(bulk[2]), 201);
    // A cell the file reader refuses is named by spreadsheet row and column…
    const noReport = await send(`样品编号,报告编号,检验项目代码,检测结果\n${bulk[2]},,PB,0.1\n`);
    expect(noReport.statusCode).toBe(400);
    expect(noReport.json().errors[0]).toMatchObject({ row: 2, column: '报告编号' });
    // …and so is a result the category's limit cannot judge.
    const bad = await send(csv('abc'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ row: 2, column: '检测结果', reason: expect.any(String) }]);
    const good = await send(csv('0.2'));
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ items: 2, failedItems: 0 });
  });

  it('answers 413 for a body or a file over LAB_BATCH_MAX_BYTES (16 MiB)', async () => {
    const padding = ' '.repeat(16 * 1024 * 1024);
    const body = await labApp.inject({
      method: 'POST',
      url: '/api/v1/lab/reports/batch',
      headers: { ...bearer(T1()), 'content-type': 'application/json' },
      payload: `{"reports":[${padding}]}`,
    });
    expect(body.statusCode).toBe(413);
    const file = await labApp.inject({
      method: 'POST',
      url: '/api/v1/lab/reports/import',
      ...upload(T1(), 'big.csv', `样品编号,报告编号,检验项目代码,检测结果\n${padding}`),
    });
    expect(file.statusCode).toBe(413);
    expect(file.json()).toMatchObject({ code: 'FILE_TOO_LARGE' });
  });
});
