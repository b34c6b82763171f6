import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@spotcheck/auth';
import { chinaDate, completeGtin, completeUscc, validateEpcisDocument } from '@spotcheck/domain';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../apps/lab-results/src/app.module';
import { officialEpcisValidator } from './support/epcis-schema';
import { epcisDocument, sgln, shippingEvent } from './support/epcis-documents';
import {
  ADMIN,
  REGULATOR_BAOTOU,
  REGULATOR_HOHHOT,
  REGULATOR_PROVINCE,
  bearer,
  bootHttp,
  dataSource,
} from './support/app';
import {
  RUN as run,
  apiOf,
  auditOf as auditRows,
  commitAndDraw,
  ensureCategory,
  once,
  seedOf as seedFor,
  usccSource,
} from './support/api';

let app: NestFastifyApplication;
let labApp: NestFastifyApplication;
const labs = apiOf(() => labApp);
/** The assigned lab's receipt, through lab-results (its condition and seal); the event. */
async function labReceipt(p: Principal, sampleNo: string, receivedAt: string) {
  const r = await labs.post(p, `/api/v1/lab/samples/${encodeURIComponent(sampleNo)}/receipt`, {
    receivedAt,
    condition: '封样完好',
    sealIntact: true,
  });
  expect([r.statusCode, r.body]).toEqual([201, r.body]);
  return r.json().event as CustodyEvent;
}
const uscc = usccSource('QP');
const seedOf = (n: number) => seedFor('samples', n);

/** A category of this file only, so other specs' directories do not enter its draws. */
const CAT = `SMP-${run}`;
const CAT_OTHER = `SMO-${run}`;
const STAFF = [1, 2, 3, 4].map((i) => `SMP${run}-${i}`);
const BAOTOU_1 = `SMP${run}-bt-1`;
const BAOTOU_2 = `SMP${run}-bt-2`;
const MANUFACTURER = completeUscc(`91150100MF${run}001`);
const GTIN13 = completeGtin('690123456789');
const GTIN14 = `0${GTIN13}`;
const hohhot: string[] = [];
let baotouEnterprise = '';
/** The lab every task is drawn with, and two created after the draws. */
let labA = '';
let labB = '';
let labOther = '';

interface Task {
  id: string;
  taskNo: number;
  uscc: string;
  inspectors: string[] | null;
  labId: string | null;
  state: string;
  sampleNo: string | null;
}

interface CustodyEvent {
  seq: number;
  kind: string;
  stateAfter: string;
  occurredAt: string;
  actor: string;
  actorRole: string;
  actorOrg: string | null;
  actorStaffNo: string | null;
  regionCode: string;
  address: string;
  note: string | null;
  detail: Record<string, unknown>;
}

interface Sample {
  id: string;
  sampleNo: string;
  seq: number;
  taskId: string;
  labId: string;
  retestLabId: string | null;
  custodyState: string;
  allowedCustodyKinds: string[];
  labDueDate: string;
  overdue: boolean;
  arrivedAt: string | null;
  arrivedLate: boolean;
  keepUntil: string | null;
  sealNumbers: string[];
  custody: CustodyEvent[];
}

const api = apiOf(() => app);
const { req, get, post, created } = api;

/** One of the task's own inspectors (slot 1 or 2). */
const inspector = (t: Task, slot: 0 | 1 = 0): Principal => {
  const staffNo = (t.inspectors as string[])[slot];
  return {
    ...(t.uscc === baotouEnterprise ? REGULATOR_BAOTOU : REGULATOR_HOHHOT),
    sub: `insp-${staffNo}`,
    staffNo,
  };
};
const lab = (id: string, sub = 'lab-user'): Principal => ({ sub, role: 'lab', org: id });
const ENTERPRISE = (): Principal => ({ sub: 'ent-1', role: 'enterprise', org: hohhot[0] });

/** A complete sampling record of `t`, taken in Hohhot on 12 February 2026 (before 春节). */
const recordOf = (t: Task, over: Record<string, unknown> = {}) => ({
  sampledAt: '2026-02-12T10:30:00+08:00',
  place: { regionCode: '150102', address: '呼和浩特市新城区抽样测试路1号' },
  stage: 'distribution',
  manufacturer: { name: '测试乳业有限公司', address: '某市某路2号', uscc: MANUFACTURER },
  productName: '纯牛奶',
  brand: '测试牌',
  spec: '250mL/盒',
  batch: 'B20260110',
  productionDate: '2026-01-10',
  expiryDate: '2026-07-10',
  gtin: GTIN13,
  testPortion: { quantity: '12', unit: '盒' },
  backupPortion: { quantity: '6', unit: '盒' },
  pricePaid: '36',
  sealNumbers: ['F-001', 'F-002'],
  // Either order: the pair is a set.
  inspectors: [...(t.inspectors as string[])].reverse(),
  representative: { name: '张三', title: '店长' },
  attachments: [{ sha256: 'ab'.repeat(32), name: '抽样单.jpg', mediaType: 'image/jpeg' }],
  ...over,
});

const custody = (p: Principal, sampleNo: string, body: Record<string, unknown>) =>
  post(p, `/api/v1/samples/${encodeURIComponent(sampleNo)}/custody`, {
    regionCode: '150102',
    address: '某检验所样品接收室',
    ...body,
  });
const sampleOf = async (sampleNo: string, p: Principal = REGULATOR_HOHHOT) => {
  const r = await get(p, `/api/v1/samples/${encodeURIComponent(sampleNo)}`);
  expect(r.statusCode).toBe(200);
  return r.json() as Sample;
};

const auditOf = (entityId: string, action?: string) => auditRows(app, entityId, action);

/** A drawn plan whose draw is dated 5 January 2026, so that February samplings fit after it. */
async function drawnPlan(n: number, p: Principal, over: Record<string, unknown> = {}) {
  const plan = await created(p, '/api/v1/plans', {
    code: `SMP-2026-${n}-${process.pid}`,
    title: '抽样测试计划',
    level: 'prefecture',
    jurisdiction: p.jurisdiction,
    year: 2026,
    categories: [CAT],
    stages: ['production', 'distribution', 'online'],
    samplingDeadline: '2099-12-31',
    ...over,
  });
  const id = plan.id as string;
  await commitAndDraw(api, p, id, seedOf(n));
  await dataSource(app).query(
    `UPDATE draw SET drawn_at = '2026-01-05T09:00:00+08:00' WHERE plan_id = $1`,
    [id],
  );
  const tasks = await get(p, `/api/v1/tasks?planId=${id}&limit=500`);
  return { id, code: plan.code as string, tasks: tasks.json().items as Task[] };
}

let plan: { id: string; code: string; tasks: Task[] };
let baotou: { id: string; code: string; tasks: Task[] };
/** Sample numbers, as they are made below. */
const S: Record<string, string> = {};

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  for (const code of [CAT, CAT_OTHER]) await ensureCategory(api, code, 'food');
  for (let i = 0; i < 8; i++) {
    const e = uscc('150102');
    hohhot.push(e);
    await created(REGULATOR_HOHHOT, '/api/v1/enterprises', {
      uscc: e,
      name: `抽样测试超市${i + 1}`,
      address: '测试地址',
      regionCode: '150102',
      size: 'small',
      categories: [CAT],
      riskClass: 'D',
    });
  }
  baotouEnterprise = uscc('150202');
  await created(REGULATOR_BAOTOU, '/api/v1/enterprises', {
    uscc: baotouEnterprise,
    name: '抽样测试包头企业',
    address: '包头测试地址',
    regionCode: '150202',
    size: 'small',
    categories: [CAT],
    riskClass: 'D',
  });
  for (const staffNo of STAFF)
    await created(REGULATOR_HOHHOT, '/api/v1/inspectors', {
      staffNo,
      name: '检查员',
      regionCode: '150102',
      categories: [CAT],
    });
  await created(REGULATOR_BAOTOU, '/api/v1/inspectors', {
    staffNo: BAOTOU_1,
    name: '检查员',
    regionCode: '150202',
    categories: [CAT],
  });
  const newLab = async (n: number, categories: string[]) =>
    (
      await created(REGULATOR_HOHHOT, '/api/v1/labs', {
        name: `抽样测试检验所${n}`,
        uscc: completeUscc(`12150102QL${run}00${n}`),
        cmaNo: `SMP${run}-${n}`,
        regionCode: '150102',
        categories,
        capacity: 100,
      })
    ).id as string;
  labA = await newLab(1, [CAT]);
  plan = await drawnPlan(1, REGULATOR_HOHHOT);
  // Baotou has one qualified inspector at its draw: its task is left without a pair.
  baotou = await drawnPlan(2, REGULATOR_BAOTOU, { stages: ['production'] });
  await created(REGULATOR_BAOTOU, '/api/v1/inspectors', {
    staffNo: BAOTOU_2,
    name: '检查员',
    regionCode: '150202',
    categories: [CAT],
  });
  labB = await newLab(2, [CAT]);
  labOther = await newLab(3, [CAT_OTHER]);
  // The lab users below are staff of lab A: its receipts are recorded in lab-results.
  labApp = await bootHttp(LabResultsModule);
  for (const sub of ['lab-user', 'lab-a-receiver']) {
    const r = await labs.req(ADMIN, 'PUT', `/api/v1/labs/${labA}/staff/${sub}`, {
      name: '收样员',
      roles: ['tester'],
    });
    expect(r.statusCode).toBeLessThan(300);
  }
});
afterAll(async () => {
  await app.close();
  await labApp.close();
});

/** The first sample of the plan (0001), sealed on the spot: `S.first`. */
const firstSampled = once(async () => {
  expect(plan.tasks).toHaveLength(8);
  for (const t of plan.tasks) expect(t).toMatchObject({ labId: labA, state: 'assigned' });
  const t = plan.tasks[0];
  const me = inspector(t);
  const r = await post(me, `/api/v1/tasks/${t.id}/sample`, recordOf(t));
  expect(r.statusCode).toBe(201);
  S.first = `${plan.code}-0001`;
  const s = r.json();
  expect(s).toEqual({
    id: expect.any(String),
    sampleNo: S.first,
    planId: plan.id,
    planCode: plan.code,
    seq: 1,
    taskId: t.id,
    category: CAT,
    stage: 'distribution',
    labId: labA,
    retestLabId: null,
    sampledEnterprise: { uscc: t.uscc, name: expect.stringContaining('抽样测试超市') },
    place: { regionCode: '150102', address: '呼和浩特市新城区抽样测试路1号' },
    online: null,
    manufacturer: { name: '测试乳业有限公司', address: '某市某路2号', uscc: MANUFACTURER },
    product: {
      name: '纯牛奶',
      brand: '测试牌',
      spec: '250mL/盒',
      batch: 'B20260110',
      productionDate: '2026-01-10',
      expiryDate: '2026-07-10',
      gtin: GTIN14,
    },
    testPortion: { quantity: '12', unit: '盒' },
    backupPortion: { quantity: '6', unit: '盒' },
    pricePaid: '36.00',
    sealNumbers: ['F-001', 'F-002'],
    inspectors: [...(t.inspectors as string[])].reverse(),
    representative: { name: '张三', title: '店长' },
    attachments: [{ sha256: 'ab'.repeat(32), name: '抽样单.jpg', mediaType: 'image/jpeg' }],
    note: null,
    sampledAt: '2026-02-12T02:30:00.000Z',
    samplingDate: '2026-02-12',
    // Fri 13, the make-up Saturday 14, then (after the holiday) Tue 24 – Thu 26.
    labDueDate: '2026-02-26',
    // The rule it came from: the food sector's sample delivery, as seeded.
    labDueRule: expect.objectContaining({
      sector: 'food',
      rule: 'sampleDelivery',
      days: 5,
      dayKind: 'working',
    }),
    overdue: true,
    arrivedAt: null,
    arrivedLate: false,
    custodyState: 'sealed',
    allowedCustodyKinds: ['shipped', 'received', 'rejected_at_receipt'],
    keepUntil: null,
    createdAt: expect.any(String),
    createdBy: me.sub,
    updatedAt: expect.any(String),
    custody: [1, 2].map((n) => ({
      seq: n,
      kind: n === 1 ? 'sampled' : 'sealed',
      stateAfter: n === 1 ? 'sampled' : 'sealed',
      occurredAt: '2026-02-12T02:30:00.000Z',
      recordedAt: expect.any(String),
      actor: me.sub,
      actorRole: 'regulator',
      actorOrg: null,
      actorStaffNo: me.staffNo,
      regionCode: '150102',
      address: '呼和浩特市新城区抽样测试路1号',
      note: null,
      detail: n === 1 ? {} : { sealNumbers: ['F-001', 'F-002'] },
    })),
  });
  expect(await sampleOf(S.first)).toEqual(s);
  const task = (await get(me, `/api/v1/tasks/${t.id}`)).json();
  expect(task).toMatchObject({ state: 'sampled', sampleNo: S.first, stateChangedBy: me.sub });
  expect((await get(me, `/api/v1/plans/${plan.id}`)).json().state).toBe('sampling');

  // One transaction, audited: the task, the plan it started, the sample, its two events.
  expect(await auditOf(t.id)).toEqual([
    {
      action: 'sampled',
      entityType: 'inspection_task',
      actor: me.sub,
      detail: { from: 'assigned', to: 'sampled', sampleNo: S.first, staffNo: me.staffNo },
    },
  ]);
  expect(await auditOf(plan.id, 'startSampling')).toHaveLength(1);
  expect(await auditOf(s.id)).toEqual([
    {
      action: 'create',
      entityType: 'sample',
      actor: me.sub,
      detail: {
        sampleNo: S.first,
        taskId: t.id,
        samplingDate: '2026-02-12',
        labDueDate: '2026-02-26',
        labDueDateCovered: true,
        labDueRule: { sector: 'food', version: expect.any(Number), rule: 'sampleDelivery' },
      },
    },
    ...(['sampled', 'sealed'] as const).map((kind, i) => ({
      action: 'custody',
      entityType: 'sample',
      actor: me.sub,
      detail: {
        sampleNo: S.first,
        seq: i + 1,
        kind,
        from: i === 0 ? null : 'sampled',
        to: kind,
        occurredAt: '2026-02-12T02:30:00.000Z',
      },
    })),
  ]);
});

/** The second (0002), sampled during the holiday without seals: `S.unsealed`. */
const unsealedSampled = once(async () => {
  await firstSampled();
  const t = plan.tasks[1];
  // A refused attempt takes no number.
  const bad = await post(
    inspector(t),
    `/api/v1/tasks/${t.id}/sample`,
    recordOf(t, {
      inspectors: [STAFF.find((s) => !t.inspectors?.includes(s)), t.inspectors?.[0]],
    }),
  );
  expect(bad.statusCode).toBe(400);
  // Sampling is the inspectors' (docs/adr/0026): an admin may not record it.
  const unsealedRecord = {
    ...recordOf(t, { sampledAt: '2026-02-18T09:00:00+08:00', productionDate: '2026-02-01' }),
    sealNumbers: undefined,
  };
  const byAdmin = await post(ADMIN, `/api/v1/tasks/${t.id}/sample`, unsealedRecord);
  expect(byAdmin.statusCode).toBe(403);
  // The second inspector of the pair records it; sampled during the holiday, due on the
  // make-up Saturday.
  const second = inspector(t, 1);
  const r = await post(second, `/api/v1/tasks/${t.id}/sample`, unsealedRecord);
  expect(r.statusCode).toBe(201);
  S.unsealed = `${plan.code}-0002`;
  expect(r.json()).toMatchObject({
    sampleNo: S.unsealed,
    seq: 2,
    samplingDate: '2026-02-18',
    labDueDate: '2026-02-28',
    custodyState: 'sampled',
    allowedCustodyKinds: ['sealed'],
    sealNumbers: [],
    custody: [
      {
        seq: 1,
        kind: 'sampled',
        actor: second.sub,
        actorRole: 'regulator',
        actorStaffNo: second.staffNo,
      },
    ],
  });
});

/** Baotou's task, paired after its draw, then sampled: `S.baotou`. */
const baotouSample = once(async () => {
  const [t] = baotou.tasks;
  expect(t.inspectors).toBeNull();
  const unpaired = await post(REGULATOR_BAOTOU, `/api/v1/tasks/${t.id}/sample`, {
    ...recordOf({ ...t, inspectors: [BAOTOU_1, BAOTOU_2] }),
    place: { regionCode: '150202', address: '包头' },
  });
  expect(unpaired.statusCode).toBe(409);
  expect(unpaired.json()).toMatchObject({
    code: 'TASK_UNASSIGNED',
    currentState: 'assigned',
    missing: 'inspectors',
  });
  const pair = await post(REGULATOR_BAOTOU, `/api/v1/tasks/${t.id}/reassign`, {
    staffNos: [BAOTOU_1, BAOTOU_2],
    reason: '补派检查人员',
  });
  expect(pair.statusCode).toBe(200);
  const paired = pair.json() as Task;
  const body = { ...recordOf(paired), place: { regionCode: '150202', address: '包头' } };
  const stage = await post(inspector(paired), `/api/v1/tasks/${t.id}/sample`, body);
  expect(stage.statusCode).toBe(400);
  expect(stage.json().errors).toEqual([
    { field: 'stage', reason: 'the plan samples at production, not distribution' },
  ]);
  const r = await post(inspector(paired), `/api/v1/tasks/${t.id}/sample`, {
    ...body,
    stage: 'production',
  });
  expect(r.statusCode).toBe(201);
  S.baotou = r.json().sampleNo;
  expect(S.baotou).toBe(`${baotou.code}-0001`);
});

/** One task unable to sample, and 0003–0005 (`S.notShipped`, `S.parallel1`, `S.parallel2`). */
const onlyAssigned = once(async () => {
  await unsealedSampled();
  const refused = plan.tasks[3];
  const u = await post(REGULATOR_HOHHOT, `/api/v1/tasks/${refused.id}/unable`, {
    reason: 'refused',
  });
  expect(u.statusCode).toBe(200);
  const again = await post(
    inspector(refused),
    `/api/v1/tasks/${refused.id}/sample`,
    recordOf(refused),
  );
  expect(again.statusCode).toBe(409);
  expect(again.json()).toMatchObject({
    code: 'ILLEGAL_TASK_STATE',
    currentState: 'unable_to_sample',
    event: 'sampled',
    allowedEvents: [],
  });
  const first = plan.tasks[0];
  const twice = await post(inspector(first), `/api/v1/tasks/${first.id}/sample`, recordOf(first));
  expect(twice.json()).toMatchObject({ code: 'ILLEGAL_TASK_STATE', currentState: 'sampled' });

  const t = plan.tasks[4];
  const rs = await Promise.all([
    post(inspector(t, 0), `/api/v1/tasks/${t.id}/sample`, recordOf(t)),
    post(inspector(t, 1), `/api/v1/tasks/${t.id}/sample`, recordOf(t)),
  ]);
  expect(rs.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  const winner = rs.find((r) => r.statusCode === 201)!.json() as Sample;
  S.notShipped = winner.sampleNo;
  expect(S.notShipped).toBe(`${plan.code}-0003`);
  const rows = await dataSource(app).query('SELECT sample_no FROM sample WHERE task_id = $1', [
    t.id,
  ]);
  expect(rows).toEqual([{ sample_no: S.notShipped }]);
  expect(await auditOf(t.id, 'sampled')).toHaveLength(1);

  // Two tasks of one plan at once: consecutive numbers, none lost or shared.
  const [v, w] = [plan.tasks[6], plan.tasks[7]];
  const both = await Promise.all(
    [v, w].map((x) => post(inspector(x), `/api/v1/tasks/${x.id}/sample`, recordOf(x))),
  );
  expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
  S.parallel1 = both[0].json().sampleNo;
  S.parallel2 = both[1].json().sampleNo;
  expect([S.parallel1, S.parallel2].sort()).toEqual([`${plan.code}-0004`, `${plan.code}-0005`]);
});

/** An online sampling: `S.online`. */
const onlineSampled = once(async () => {
  const t = plan.tasks[5];
  const now = Date.now();
  const r = await post(inspector(t), `/api/v1/tasks/${t.id}/sample`, {
    ...recordOf(t, {
      stage: 'online',
      online: { platform: '某电商平台', shopName: '某乳业旗舰店' },
      place: { regionCode: '150105', address: '网络抽样：某电商平台' },
      sampledAt: new Date(now - 60 * 60_000).toISOString(),
      productionDate: chinaDate(new Date(now - 2 * 86_400_000)),
      expiryDate: undefined,
      gtin: GTIN14,
    }),
    sealNumbers: undefined,
  });
  expect(r.statusCode).toBe(201);
  S.online = r.json().sampleNo;
  expect(r.json()).toMatchObject({
    stage: 'online',
    online: { platform: '某电商平台', shopName: '某乳业旗舰店' },
    product: { gtin: GTIN14, expiryDate: null },
    overdue: false,
    custodyState: 'sampled',
  });
  expect(r.json().labDueDate > chinaDate(new Date(now))).toBe(true);
});

describe('POST /tasks/:id/sample', () => {
  it('records the sampling: sample number, due date over the Spring Festival, sealed on the spot, task sampled, audited', () =>
    firstSampled());

  it('numbers samples per plan without gaps; without seal numbers a sample is only sampled', () =>
    unsealedSampled());

  it('refuses a record that breaks a rule, naming the field; nothing is written', async () => {
    const t = plan.tasks[2];
    const outsider = STAFF.find((s) => !t.inspectors?.includes(s)) as string;
    const [a] = t.inspectors as string[];
    const cases: [Record<string, unknown>, string][] = [
      [{ sampledAt: '2099-01-01T00:00:00+08:00' }, 'sampledAt'],
      [{ sampledAt: '2026-02-12T10:30:00' }, 'sampledAt'],
      [{ sampledAt: '2026-02-12' }, 'sampledAt'],
      [{ sampledAt: '2026-01-04T12:00:00+08:00', productionDate: '2026-01-01' }, 'sampledAt'], // before the draw
      [{ productionDate: '2026-02-13' }, 'productionDate'],
      [{ productionDate: '2026-02-30' }, 'productionDate'],
      [{ expiryDate: '2026-01-01' }, 'expiryDate'],
      [{ batch: undefined, productionDate: undefined }, 'batch'],
      [{ testPortion: { quantity: '0', unit: '盒' } }, 'testPortion.quantity'],
      [{ testPortion: { quantity: '-1', unit: '盒' } }, 'testPortion.quantity'],
      [{ testPortion: { quantity: 12, unit: '盒' } }, 'testPortion.quantity'],
      [{ backupPortion: { quantity: '1e3', unit: '盒' } }, 'backupPortion.quantity'],
      [{ backupPortion: { quantity: '1', unit: ' ' } }, 'backupPortion.unit'],
      [{ backupPortion: undefined }, 'backupPortion'],
      [{ pricePaid: '-5' }, 'pricePaid'],
      [{ pricePaid: '3.145' }, 'pricePaid'],
      [{ gtin: GTIN13.slice(0, 12) + String((Number(GTIN13[12]) + 1) % 10) }, 'gtin'],
      [{ gtin: '69012345' }, 'gtin'],
      [{ manufacturer: { name: '某厂', uscc: '91150100MA0N000010' } }, 'manufacturer.uscc'],
      [{ manufacturer: { address: '无名' } }, 'manufacturer.name'],
      [{ stage: 'online' }, 'online'],
      [{ online: { platform: '某平台', shopName: '某店' } }, 'online'],
      [{ stage: 'online', online: { platform: '某平台' } }, 'online.shopName'],
      [{ stage: 'wholesale' }, 'stage'],
      [{ inspectors: [outsider, a] }, 'inspectors'],
      [{ inspectors: [a, a] }, 'inspectors[1]'],
      [{ inspectors: [a] }, 'inspectors'],
      [{ place: { regionCode: '159999', address: 'x' } }, 'place.regionCode'],
      [{ productName: 'a\u0000b' }, 'productName'],
      [{ note: '   ' }, 'note'],
      [{ representative: undefined }, 'representative'],
      [{ attachments: [{ sha256: 'AB'.repeat(32) }] }, 'attachments[0].sha256'],
      [{ sealNumbers: ['F-1', 'F-1'] }, 'sealNumbers[1]'],
      [{ extra: 1 }, 'extra'],
    ];
    for (const [over, field] of cases) {
      const r = await post(inspector(t), `/api/v1/tasks/${t.id}/sample`, recordOf(t, over));
      expect([over, r.statusCode]).toEqual([over, 400]);
      expect([over, r.json().errors.map((e: { field: string }) => e.field)]).toEqual([
        over,
        expect.arrayContaining([field]),
      ]);
    }
    const wrongDigit = await post(
      inspector(t),
      `/api/v1/tasks/${t.id}/sample`,
      recordOf(t, { productionDate: '2026-02-13' }),
    );
    expect(wrongDigit.json().errors).toEqual([
      {
        field: 'productionDate',
        reason: 'must not be after the sampling date 2026-02-12 (China Standard Time)',
      },
    ]);
    // Nothing was written: the task is still assigned, without a sample or an audit row.
    expect((await get(ADMIN, `/api/v1/tasks/${t.id}`)).json()).toMatchObject({
      state: 'assigned',
      sampleNo: null,
    });
    expect(await auditOf(t.id)).toEqual([]);
    const [{ n }] = await dataSource(app).query(
      'SELECT count(*)::int AS n FROM sample WHERE task_id = $1',
      [t.id],
    );
    expect(n).toBe(0);
    // Bodies of the wrong shape: 400 too.
    for (const payload of ['null', '[]', '"x"', '{"sampledAt":']) {
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/tasks/${t.id}/sample`,
        headers: { ...bearer(inspector(t)), 'content-type': 'application/json' },
        payload,
      });
      expect([payload, r.statusCode]).toEqual([payload, 400]);
    }
  });

  it("is for the task's own inspectors: others 403, another jurisdiction 404", async () => {
    const t = plan.tasks[2];
    const outsider = STAFF.find((s) => !t.inspectors?.includes(s)) as string;
    const body = recordOf(t);
    const other = await post(
      { ...REGULATOR_HOHHOT, staffNo: outsider },
      `/api/v1/tasks/${t.id}/sample`,
      body,
    );
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({
      code: 'NOT_TASK_INSPECTOR',
      message: expect.stringContaining(`your token names ${outsider}`),
    });
    const anonymous = await post(REGULATOR_HOHHOT, `/api/v1/tasks/${t.id}/sample`, body);
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.json().message).toContain('no staffNo claim');
    expect((await post(lab(labA), `/api/v1/tasks/${t.id}/sample`, body)).statusCode).toBe(403);
    expect((await post(ENTERPRISE(), `/api/v1/tasks/${t.id}/sample`, body)).statusCode).toBe(403);
    // Outside the jurisdiction the task does not exist, whoever the token names.
    const baotouInspector = { ...REGULATOR_BAOTOU, staffNo: t.inspectors?.[0] };
    for (const id of [t.id, '00000000-0000-4000-8000-000000000000', '42']) {
      const r = await post(
        id === t.id ? baotouInspector : inspector(t),
        `/api/v1/tasks/${id}/sample`,
        body,
      );
      expect([id, r.statusCode]).toEqual([id, 404]);
    }
    expect((await get(ADMIN, `/api/v1/tasks/${t.id}`)).json().state).toBe('assigned');
  });

  it('needs a pair and a lab, and a stage of the plan', () => baotouSample());

  it('samples only an assigned task: 409 afterwards; two concurrent records make one sample', () =>
    onlyAssigned());

  it('records online sampling with its platform and shop', () => onlineSampled());
});

/** `S.first` shipped, received late, tested, kept and disposed of. */
const firstCustody = once(async () => {
  await firstSampled();
  const me = inspector(plan.tasks[0]);
  const labUser = lab(labA, 'lab-a-receiver');
  expect(
    (await custody(labUser, S.first, { kind: 'shipped', occurredAt: '2026-02-13T09:00:00Z' }))
      .statusCode,
  ).toBe(403);
  expect(
    (await custody(me, S.first, { kind: 'received', occurredAt: '2026-02-13T09:00:00Z' }))
      .statusCode,
  ).toBe(403);
  const bad: [Record<string, unknown>, string][] = [
    [{ occurredAt: '2026-02-12T10:29:59+08:00' }, 'occurredAt'], // before the last event
    [{ occurredAt: '2099-01-01T00:00:00+08:00' }, 'occurredAt'],
    [{ occurredAt: '2026-02-13' }, 'occurredAt'],
    [{ detail: { carrier: '顺丰', weight: 3 } }, 'detail.weight'],
    [{ detail: 'x' }, 'detail'],
    [{ address: ' ' }, 'address'],
    [{ address: 'a\u0000b' }, 'address'],
    [{ regionCode: '15010' }, 'regionCode'],
    [{ note: 'x'.repeat(1001) }, 'note'],
    [{ kind: 'teleported' }, 'kind'],
    [{ extra: true }, 'extra'],
  ];
  for (const [over, field] of bad) {
    const r = await custody(me, S.first, {
      kind: 'shipped',
      occurredAt: '2026-02-13T09:00:00+08:00',
      ...over,
    });
    expect([over, r.statusCode]).toEqual([over, 400]);
    expect([over, r.json().errors.map((e: { field: string }) => e.field)]).toEqual([over, [field]]);
  }

  const shipped = await custody(me, S.first, {
    kind: 'shipped',
    occurredAt: '2026-02-13T09:00:00+08:00',
    regionCode: '150102',
    address: '呼和浩特市新城区市场监管局',
    note: '快递寄送',
    detail: { carrier: '顺丰速运', trackingNo: 'SF0001' },
  });
  expect(shipped.statusCode).toBe(201);
  expect(shipped.json()).toEqual({
    sampleNo: S.first,
    seq: 3,
    kind: 'shipped',
    stateAfter: 'in_transit',
    occurredAt: '2026-02-13T01:00:00.000Z',
    recordedAt: expect.any(String),
    actor: me.sub,
    actorRole: 'regulator',
    actorOrg: null,
    actorStaffNo: me.staffNo,
    regionCode: '150102',
    address: '呼和浩特市新城区市场监管局',
    note: '快递寄送',
    detail: { carrier: '顺丰速运', trackingNo: 'SF0001' },
    allowedCustodyKinds: ['received', 'rejected_at_receipt'],
  });
  // The assigned lab's receipt is lab-results' (condition, seal, test deadline), not here.
  const here = await custody(labUser, S.first, {
    kind: 'received',
    occurredAt: '2026-03-02T10:00:00+08:00',
  });
  expect([here.statusCode, here.json().code]).toEqual([409, 'USE_LAB_RECEIPT']);
  expect(here.json().message).toContain(`/api/v1/lab/samples/${S.first}/receipt`);
  // Received after the due date: late, no longer overdue.
  const received = await labReceipt(labUser, S.first, '2026-03-02T10:00:00+08:00');
  expect(received).toMatchObject({
    seq: 4,
    stateAfter: 'received',
    actorRole: 'lab',
    actorOrg: labA,
    actorStaffNo: null,
  });
  expect(await sampleOf(S.first)).toMatchObject({
    custodyState: 'received',
    overdue: false,
    arrivedAt: '2026-03-02T02:00:00.000Z',
    arrivedLate: true,
  });
  expect(
    (
      await custody(labUser, S.first, {
        kind: 'testing',
        occurredAt: '2026-03-03T08:00:00+08:00',
      })
    ).statusCode,
  ).toBe(201);

  // The backup is kept from the issued report's verdict: none issued yet, none kept.
  const unreported = await custody(labUser, S.first, {
    kind: 'backup_retained',
    occurredAt: '2026-03-21T10:00:00+08:00',
  });
  expect([unreported.statusCode, unreported.json().code]).toEqual([409, 'REPORT_NOT_ISSUED']);
  await issuedReport(S.first, labA, 'pass', '2026-03-20T10:00:00+08:00');
  // A pass keeps it 3 months (shelf life ends later); the request names no verdict.
  for (const [detail, field] of [
    [{ verdict: 'fail' }, 'detail.verdict'],
    [{ verdictDate: '2026-03-20' }, 'detail.verdictDate'],
    [{ keepUntil: '2030-01-01' }, 'detail.keepUntil'],
  ] as const) {
    const r = await custody(labUser, S.first, {
      kind: 'backup_retained',
      occurredAt: '2026-03-21T10:00:00+08:00',
      detail,
    });
    expect([detail, r.statusCode, r.json().errors?.[0]?.field]).toEqual([detail, 400, field]);
  }
  const kept = await custody(labUser, S.first, {
    kind: 'backup_retained',
    occurredAt: '2026-03-21T10:00:00+08:00',
    address: '某检验所备样库',
  });
  expect(kept.statusCode).toBe(201);
  expect(kept.json().detail).toEqual({
    verdict: 'pass',
    verdictDate: '2026-03-20',
    reportNo: `JC-${S.first}`,
    reportVersion: 1,
    keepUntil: '2026-06-20',
    keepUntilRule: 'backupAfterPass',
    keepUntilBasis: expect.objectContaining({ sector: 'food', rule: 'backupAfterPass', months: 3 }),
  });
  expect((await sampleOf(S.first)).keepUntil).toBe('2026-06-20');

  const early = await custody(labUser, S.first, {
    kind: 'disposed',
    occurredAt: '2026-06-20T10:00:00+08:00',
  });
  expect(early.statusCode).toBe(409);
  expect(early.json()).toMatchObject({
    code: 'BACKUP_RETAINED',
    currentState: 'backup_retained',
    keepUntil: '2026-06-20',
  });
  const disposed = await custody(labUser, S.first, {
    kind: 'disposed',
    occurredAt: '2026-06-21T10:00:00+08:00',
    detail: { method: '高温灭菌后销毁' },
  });
  expect(disposed.json()).toMatchObject({ stateAfter: 'disposed', allowedCustodyKinds: [] });
  const after = await custody(labUser, S.first, {
    kind: 'returned',
    occurredAt: '2026-06-22T10:00:00+08:00',
  });
  expect(after.json()).toMatchObject({
    code: 'ILLEGAL_CUSTODY_STATE',
    currentState: 'disposed',
    allowedKinds: [],
  });

  const chain = await get(REGULATOR_HOHHOT, `/api/v1/samples/${S.first}/custody`);
  expect(chain.statusCode).toBe(200);
  const kinds = [
    'sampled',
    'sealed',
    'shipped',
    'received',
    'testing',
    'backup_retained',
    'disposed',
  ];
  expect((chain.json() as CustodyEvent[]).map((e) => [e.seq, e.kind])).toEqual(
    kinds.map((k, i) => [i + 1, k]),
  );
  const s = await sampleOf(S.first);
  expect(s.custody).toEqual(chain.json());
  const audit = await auditOf(s.id, 'custody');
  expect(audit.map((a) => [a.detail.seq, a.detail.kind, a.actor])).toEqual(
    kinds.map((k, i) => [i + 1, k, i < 3 ? me.sub : 'lab-a-receiver']),
  );
  expect(audit[3].detail).toMatchObject({ from: 'in_transit', to: 'received' });
});

/** `S.unsealed` sealed, refused at receipt and returned. */
const unsealedReturned = once(async () => {
  await unsealedSampled();
  const me = inspector(plan.tasks[1]);
  const sealed = await custody(me, S.unsealed, {
    kind: 'sealed',
    occurredAt: '2026-02-18T09:30:00+08:00',
    detail: { sealNumbers: ['F-100'] },
  });
  expect(sealed.statusCode).toBe(201);
  expect((await sampleOf(S.unsealed)).sealNumbers).toEqual(['F-100']);
  const refuse = (body: object) =>
    labs.post(lab(labA), `/api/v1/lab/samples/${S.unsealed}/rejection`, body);
  const noReason = await refuse({ at: '2026-02-27T09:00:00+08:00' });
  expect(noReason.json().errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
  const here = await custody(lab(labA), S.unsealed, {
    kind: 'rejected_at_receipt',
    occurredAt: '2026-02-27T09:00:00+08:00',
    detail: { reason: 'seal_broken' },
  });
  expect([here.statusCode, here.json().code]).toEqual([409, 'USE_LAB_RECEIPT']);
  const rejected = await refuse({
    at: '2026-02-27T09:00:00+08:00',
    note: '封条破损',
    reason: 'seal_broken',
  });
  expect(rejected.statusCode).toBe(201);
  expect(rejected.json().event).toMatchObject({
    stateAfter: 'rejected',
    allowedCustodyKinds: ['disposed', 'returned'],
  });
  // It reached the lab in time (due 2026-02-28), even if refused.
  expect(await sampleOf(S.unsealed)).toMatchObject({ overdue: false, arrivedLate: false });
  const returned = await custody(lab(labA), S.unsealed, {
    kind: 'returned',
    occurredAt: '2026-02-27T15:00:00+08:00',
    detail: { recipient: '呼和浩特市新城区市场监管局' },
  });
  expect(returned.json()).toMatchObject({ stateAfter: 'returned' });
});

/** An issued report `JC-<sampleNo>` of `labId` on the sample, as the lab's flow leaves it. */
async function issuedReport(sampleNo: string, labId: string, verdict: string, issuedAt: string) {
  await dataSource(app).query(
    `INSERT INTO lab_report (lab_id, sample_id, report_no, version, state, verdict, failed_items,
                             issued_at, issued_by, created_by)
     SELECT $1, s.id, 'JC-' || s.sample_no, 1, 'issued', $2,
            CASE WHEN $2 = 'fail' THEN '[{"itemCode":"X1"}]'::jsonb ELSE '[]'::jsonb END,
            $3, 'signatory', 'tester'
       FROM sample s WHERE s.sample_no = $4`,
    [labId, verdict, issuedAt, sampleNo],
  );
}

/** `S.online` received, tested, sent for a retest and disposed of by the retest lab. */
/**
 * What an accepted objection whose retest lab was drawn leaves behind, written as its flow
 * writes it (test/objections.e2e-spec.ts takes the steps): a failed report of the tested lab,
 * its notice, and the objection with the drawn lab.
 */
async function drawnRetest(sampleNo: string, testedLab: string, retestLab: string) {
  const ds = dataSource(app);
  const [s] = (await ds.query(
    `SELECT s.id, s.sampled_uscc AS uscc, p.jurisdiction FROM sample s
       JOIN sampling_plan p ON p.id = s.plan_id WHERE s.sample_no = $1`,
    [sampleNo],
  )) as { id: string; uscc: string; jurisdiction: string }[];
  const [r] = (await ds.query(
    `SELECT id FROM lab_report WHERE sample_id = $1 AND lab_id = $2 AND state = 'issued'`,
    [s.id, testedLab],
  )) as { id: string }[];
  const today = chinaDate(new Date());
  const [n] = (await ds.query(
    `INSERT INTO result_notice (sample_id, report_id, lab_id, uscc, verdict, regime, served_on,
                                objection_deadline)
     VALUES ($1, $2, $3, $4, 'fail', 'food', $5, $5::date + 7) RETURNING id`,
    [s.id, r.id, testedLab, s.uscc, today],
  )) as { id: string }[];
  await ds.query(
    `INSERT INTO objection (sample_id, notice_id, uscc, jurisdiction, items, reason, contact,
                            filed_by, filed_on, objection_deadline, decision_due, decision_rule,
                            state, decided_by, decided_at, decided_on, commitment, committed_at,
                            seed, drawn_by, drawn_at, retest_lab_id, draw_record, fee_payer)
     VALUES ($1, $2, $3, $4, '{X1}', '异议', '{"name":"李四","phone":"0471-1234567"}', 'ent',
             $5, $5::date + 7, $5::date + 5, '{}', 'retest_drawn', 'reg', now(), $5, $6, now(),
             'e2e-seed-0123456789abcdef', 'reg', now(), $7, '{}', 'applicant')`,
    [s.id, n.id, s.uscc, s.jurisdiction, today, '0'.repeat(64), retestLab],
  );
}

const onlineRetest = once(async () => {
  // Lab A's list below holds the samples made before this one, in file order.
  await onlyAssigned();
  await onlineSampled();
  const me = inspector(plan.tasks[5]);
  const labUser = lab(labA);
  const other = lab(labB, 'lab-b-user');
  const base = Date.now() - 50 * 60_000;
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
  const step = async (p: Principal, kind: string, minutes: number, detail?: object) => {
    const r = await custody(p, S.online, { kind, occurredAt: at(minutes), detail });
    expect([kind, r.statusCode, r.body]).toEqual([kind, 201, r.body]);
    return r.json() as CustodyEvent;
  };
  await step(me, 'sealed', 0, { sealNumbers: ['W-1'] });

  // Another lab: as if the sample did not exist.
  for (const r of [
    await get(other, `/api/v1/samples/${S.online}`),
    await get(other, `/api/v1/samples/${S.online}/custody`),
    await custody(other, S.online, { kind: 'received', occurredAt: at(5) }),
  ])
    expect(r.statusCode).toBe(404);
  expect((await get(other, '/api/v1/samples')).json().items).toEqual([]);
  expect((await get(lab('not-a-uuid'), '/api/v1/samples')).json().items).toEqual([]);
  // Its own lab sees its samples, and only those.
  const own = (await get(labUser, `/api/v1/samples?limit=500`)).json().items as Sample[];
  expect(own.length).toBeGreaterThanOrEqual(5);
  for (const s of own) expect(s.labId).toBe(labA);
  expect((await get(labUser, `/api/v1/samples/${S.online}`)).statusCode).toBe(200);

  await labReceipt(labUser, S.online, at(10));
  await step(labUser, 'testing', 15);
  await issuedReport(S.online, labA, 'fail', at(18));
  const kept = await step(labUser, 'backup_retained', 20);
  expect(kept.detail).toMatchObject({ keepUntilRule: 'backupAfterFail' });
  const early = await custody(labUser, S.online, { kind: 'disposed', occurredAt: at(21) });
  expect(early.json()).toMatchObject({
    code: 'BACKUP_RETAINED',
    keepUntil: kept.detail.keepUntil,
  });

  // The tested lab does not choose where a retest goes: the regulator draws it for an
  // accepted objection (test/objections.e2e-spec.ts), and until then nothing may be sent.
  for (const toLabId of [labA, labB, labOther]) {
    const r = await custody(labUser, S.online, {
      kind: 'retest_dispatched',
      occurredAt: at(25),
      detail: { toLabId },
    });
    expect([toLabId, r.statusCode, r.json().code]).toEqual([toLabId, 409, 'RETEST_NOT_DRAWN']);
  }
  await drawnRetest(S.online, labA, labB);
  const elsewhere = await custody(labUser, S.online, {
    kind: 'retest_dispatched',
    occurredAt: at(25),
    detail: { toLabId: labOther },
  });
  expect(elsewhere.json().errors).toEqual([
    {
      field: 'detail.toLabId',
      reason: expect.stringContaining(`the retest lab is the one drawn for objection`),
    },
  ]);
  await step(labUser, 'retest_dispatched', 25, { toLabId: labB, trackingNo: 'EMS-1' });
  expect(await sampleOf(S.online)).toMatchObject({
    retestLabId: labB,
    custodyState: 'retest_in_transit',
  });
  // Now the retest lab holds it: it reads and records; the first lab no longer records.
  expect((await get(other, `/api/v1/samples/${S.online}`)).statusCode).toBe(200);
  const notTheirs = await custody(labUser, S.online, { kind: 'received', occurredAt: at(30) });
  expect(notTheirs.statusCode).toBe(403);
  expect(notTheirs.json()).toMatchObject({ code: 'NOT_CUSTODIAN' });
  expect((await step(other, 'received', 30)).stateAfter).toBe('retest_received');
  expect((await step(other, 'testing', 35)).stateAfter).toBe('retesting');
  expect((await step(other, 'disposed', 40)).stateAfter).toBe('disposed');
  const s = await sampleOf(S.online, other);
  // Arrival is the first lab's; the retest lab's receipt does not move it.
  expect(s.arrivedAt).toBe(at(10));
  expect(s.custody.map((e) => e.kind)).toEqual([
    'sampled',
    'sealed',
    'received',
    'testing',
    'backup_retained',
    'retest_dispatched',
    'received',
    'testing',
    'disposed',
  ]);
});

describe('custody', () => {
  it('follows the state machine: an illegal step answers 409 naming the state and what may follow', async () => {
    await firstSampled();
    await unsealedSampled();
    const me = inspector(plan.tasks[0]);
    const testing = await custody(lab(labA), S.first, {
      kind: 'testing',
      occurredAt: '2026-02-13T09:00:00+08:00',
    });
    expect(testing.statusCode).toBe(409);
    expect(testing.json()).toEqual({
      statusCode: 409,
      code: 'ILLEGAL_CUSTODY_STATE',
      message:
        'the sample is sealed: testing may not follow (allowed: shipped, received, rejected_at_receipt)',
      currentState: 'sealed',
      kind: 'testing',
      allowedKinds: ['shipped', 'received', 'rejected_at_receipt'],
    });
    for (const kind of ['sampled', 'sealed']) {
      const r = await custody(me, S.first, {
        kind,
        occurredAt: '2026-02-13T09:00:00+08:00',
        detail: kind === 'sealed' ? { sealNumbers: ['X'] } : undefined,
      });
      expect([kind, r.statusCode, r.json().currentState]).toEqual([kind, 409, 'sealed']);
    }
    const unsealed = await custody(me, S.unsealed, {
      kind: 'shipped',
      occurredAt: '2026-02-19T09:00:00+08:00',
    });
    expect(unsealed.json()).toMatchObject({
      code: 'ILLEGAL_CUSTODY_STATE',
      currentState: 'sampled',
      allowedKinds: ['sealed'],
    });
  });

  it('takes each step from the side that records it, in time order, audited', () => firstCustody());

  it('keeps custody append-only and the signed record unchangeable in the database', async () => {
    await firstSampled();
    const ds = dataSource(app);
    const { id } = await sampleOf(S.first);
    await expect(
      ds.query(`UPDATE custody_event SET note = 'x' WHERE sample_id = $1`, [id]),
    ).rejects.toThrow('append-only');
    await expect(ds.query(`DELETE FROM custody_event WHERE sample_id = $1`, [id])).rejects.toThrow(
      'append-only',
    );
    await expect(
      ds.query(`UPDATE sample SET product_name = '改过的' WHERE id = $1`, [id]),
    ).rejects.toThrow('cannot change');
    await expect(ds.query(`DELETE FROM sample WHERE id = $1`, [id])).rejects.toThrow(
      'cannot change',
    );
  });

  it('seals later, then a lab refuses the sample at receipt and returns it', () =>
    unsealedReturned());

  it('keeps a lab to its own samples; a retest hands the sample to the retest lab', () =>
    onlineRetest());

  it("keeps another jurisdiction's samples invisible: 404 and empty lists", async () => {
    await onlyAssigned();
    await baotouSample();
    const outsider = { ...REGULATOR_BAOTOU, staffNo: BAOTOU_1 };
    expect((await get(outsider, `/api/v1/samples/${S.notShipped}`)).statusCode).toBe(404);
    expect((await get(outsider, `/api/v1/samples/${S.notShipped}/custody`)).statusCode).toBe(404);
    const write = await custody(outsider, S.notShipped, {
      kind: 'shipped',
      occurredAt: '2026-02-13T09:00:00+08:00',
    });
    expect(write.statusCode).toBe(404);
    expect((await get(outsider, `/api/v1/samples?planId=${plan.id}`)).json()).toEqual({
      items: [],
      nextCursor: null,
    });
    // Unfiltered: Baotou's own sample is there and none of Hohhot's (other spec files may add
    // Baotou samples of their own, so the list is not compared whole).
    const seen = ((await get(outsider, '/api/v1/samples?limit=500')).json().items as Sample[]).map(
      (s) => s.sampleNo,
    );
    expect(seen).toContain(S.baotou);
    expect(seen.filter((no) => Object.values(S).includes(no))).toEqual([S.baotou]);
    expect((await get(REGULATOR_HOHHOT, `/api/v1/samples/${S.baotou}`)).statusCode).toBe(404);
    expect((await get(REGULATOR_PROVINCE, `/api/v1/samples/${S.baotou}`)).statusCode).toBe(200);
    expect((await get(ADMIN, `/api/v1/samples/${S.notShipped}`)).statusCode).toBe(200);
    expect((await get(ENTERPRISE(), `/api/v1/samples/${S.notShipped}`)).statusCode).toBe(403);
    expect((await req(null, 'GET', `/api/v1/samples/${S.notShipped}`)).statusCode).toBe(401);
  });
});

/** The whole story above: every sample made and every custody step taken, in file order. */
const story = once(async () => {
  await firstCustody();
  await unsealedReturned();
  await onlyAssigned();
  await onlineRetest();
  await baotouSample();
});

describe('GET /samples', () => {
  const list = async (query: string, p: Principal = REGULATOR_HOHHOT) => {
    const r = await get(p, `/api/v1/samples?planId=${plan.id}&${query}`);
    expect([query, r.statusCode]).toEqual([query, 200]);
    return (r.json().items as Sample[]).map((s) => s.sampleNo);
  };

  it('lists by sample number with filters and cursor paging', async () => {
    await story();
    const all = [S.first, S.unsealed, S.notShipped, S.parallel1, S.parallel2, S.online].sort();
    expect(all.slice(0, 3)).toEqual([S.first, S.unsealed, S.notShipped]);
    expect(await list('limit=500')).toEqual(all);
    const page1 = await get(REGULATOR_HOHHOT, `/api/v1/samples?planId=${plan.id}&limit=3`);
    expect(page1.json().items.map((s: Sample) => s.sampleNo)).toEqual(all.slice(0, 3));
    const page2 = await get(
      REGULATOR_HOHHOT,
      `/api/v1/samples?planId=${plan.id}&limit=3&cursor=${page1.json().nextCursor}`,
    );
    expect(page2.json()).toMatchObject({ nextCursor: null });
    expect(page2.json().items.map((s: Sample) => s.sampleNo)).toEqual(all.slice(3));

    expect(await list('state=disposed')).toEqual([S.first, S.online]);
    expect(await list('state=sealed')).toEqual(
      all.filter((n) => ![S.first, S.unsealed, S.online].includes(n)),
    );
    expect(await list(`uscc=${plan.tasks[0].uscc}`)).toEqual([S.first]);
    expect(await list(`manufacturerUscc=${MANUFACTURER}`)).toEqual(all);
    // Any way of writing the GTIN finds the same samples.
    expect(await list(`gtin=${GTIN13}`)).toEqual(all);
    expect(await list(`gtin=${GTIN14}`)).toEqual(all);
    expect(await list(`gtin=${GTIN13}&batch=B20260110`)).toEqual(all);
    expect(await list('batch=B-none')).toEqual([]);
    expect(await list(`labId=${labA}`)).toEqual(all);
    expect(await list('stage=online')).toEqual([S.online]);
    // By enterprise across plans, as the trace by enterprise asks.
    const byEnterprise = await get(ADMIN, `/api/v1/samples?uscc=${baotouEnterprise}`);
    expect(byEnterprise.json().items.map((s: Sample) => s.sampleNo)).toEqual([S.baotou]);
  });

  it('lists overdue samples: not at their lab by the due date (Beijing time)', async () => {
    await story();
    const late = [S.notShipped, S.parallel1, S.parallel2].sort();
    expect(await list('overdue=true')).toEqual(late);
    expect(await list('overdue=false')).toEqual([S.first, S.unsealed, S.online]);
    const s = await sampleOf(S.notShipped);
    expect(s).toMatchObject({ labDueDate: '2026-02-26', overdue: true, arrivedAt: null });
    // The first sample arrived, late: it is flagged as such, not as overdue.
    expect(await sampleOf(S.first)).toMatchObject({ overdue: false, arrivedLate: true });
  });

  it('answers 400 naming the field for bad filters and 404 for impossible numbers, never 5xx', async () => {
    const bad: [string, string][] = [
      ['planId=x', 'planId'],
      ['state=lost', 'state'],
      ['overdue=maybe', 'overdue'],
      ['uscc=91150102MA0000000A', 'uscc'],
      ['manufacturerUscc=1', 'manufacturerUscc'],
      ['gtin=123', 'gtin'],
      [`gtin=${GTIN13.slice(0, 12)}${(Number(GTIN13[12]) + 1) % 10}`, 'gtin'],
      ['gtin=%00', 'gtin'],
      ['batch=%00', 'batch'],
      ['labId=1', 'labId'],
      ['stage=retail', 'stage'],
      ['limit=0', 'limit'],
      ['cursor=!!!', 'cursor'],
      ['cursor=WzFd', 'cursor'], // [1]
      ['cursor=WyJhIiwiYiJd', 'cursor'], // ["a","b"]
      ['cursor=WyJcdTAwMDAiXQ', 'cursor'], // ["\u0000"]
      ['unknown=1', 'unknown'],
    ];
    for (const [query, field] of bad) {
      const r = await get(REGULATOR_HOHHOT, `/api/v1/samples?${query}`);
      expect([query, r.statusCode]).toEqual([query, 400]);
      expect([query, r.json().errors.map((e: { field: string }) => e.field)]).toEqual([
        query,
        [field],
      ]);
    }
    // (Past Fastify's 100-character parameter limit the answer is 414.)
    for (const no of ['a%00b', 'x'.repeat(90), 'NOPE-0001', encodeURIComponent("'; --")]) {
      expect([no, (await get(REGULATOR_HOHHOT, `/api/v1/samples/${no}`)).statusCode]).toEqual([
        no,
        404,
      ]);
      expect([
        no,
        (await get(REGULATOR_HOHHOT, `/api/v1/samples/${no}/custody`)).statusCode,
      ]).toEqual([no, 404]);
    }
    const r = await post(inspector(plan.tasks[0]), `/api/v1/samples/a%00b/custody`, {
      kind: 'shipped',
      occurredAt: '2026-02-13T09:00:00+08:00',
      regionCode: '150102',
      address: 'x',
    });
    expect(r.statusCode).toBe(404);
  });
});

/** The samples' nominal manufacturer, registered in Hohhot's directory after the samplings. */
const manufacturerRegistered = once(() =>
  created(REGULATOR_HOHHOT, '/api/v1/enterprises', {
    uscc: MANUFACTURER,
    name: '测试乳业有限公司',
    address: '某市某路2号',
    regionCode: '150102',
    size: 'medium',
    categories: [CAT],
    riskClass: 'B',
  }),
);

describe('traceability', () => {
  const trace = (p: Principal, url: string) => get(p, `/api/v1/trace/${url}`);

  it('follows a sample from its plan and draw to its custody, for those who may see it', async () => {
    await story();
    const s = await sampleOf(S.first);
    const r = await trace(REGULATOR_HOHHOT, `samples/${encodeURIComponent(S.first)}`);
    expect(r.statusCode).toBe(200);
    const t = r.json();
    expect(t).toMatchObject({
      sampleNo: S.first,
      plan: { id: plan.id, code: plan.code, jurisdiction: '150100' },
      draw: { id: expect.any(String), algorithmVersion: 'spotcheck-draw/1' },
      task: { taskNo: expect.any(Number), state: 'sampled', reassignments: [] },
      samplingRecord: { sampleNo: S.first, gtin: GTIN14, manufacturerUscc: MANUFACTURER },
      lab: { id: s.labId },
      retestLab: null,
    });
    expect(t.draw.verificationUrl).toBe(`/api/v1/draws/${t.draw.id}/verification`);
    expect(t.inspectors.map((i: { staffNo: string }) => i.staffNo).sort()).toEqual(
      [...(t.task.inspectors as string[])].sort(),
    );
    expect(t.custody.map((e: CustodyEvent) => e.kind)).toEqual(s.custody.map((e) => e.kind));

    const sampled = t.samplingRecord.sampledUscc as string;
    const allowed: [Principal, number][] = [
      [ADMIN, 200],
      [lab(s.labId), 200],
      [{ sub: 'e', role: 'enterprise', org: sampled }, 200],
      [{ sub: 'm', role: 'enterprise', org: MANUFACTURER }, 200],
      [REGULATOR_BAOTOU, 404],
      [lab(labOther), 404],
      [{ sub: 'o', role: 'enterprise', org: baotouEnterprise }, 404],
    ];
    for (const [who, status] of allowed)
      expect([who.role, who.org, (await trace(who, `samples/${S.first}`)).statusCode]).toEqual([
        who.role,
        who.org,
        status,
      ]);
    for (const no of ['a%00b', 'NOPE-0001'])
      expect((await trace(REGULATOR_HOHHOT, `samples/${no}`)).statusCode).toBe(404);
  });

  it('shows an enterprise its samples and its credit-risk history, and no one else’s', async () => {
    await story();
    const sampled = await sampleOf(S.first);
    const e = (await trace(REGULATOR_HOHHOT, `samples/${S.first}`)).json().samplingRecord
      .sampledUscc as string;
    await dataSource(app).query(`UPDATE enterprise SET risk_class = 'B' WHERE uscc = $1`, [e]);
    const r = await trace(REGULATOR_HOHHOT, `enterprises/${e}`);
    expect(r.statusCode).toBe(200);
    const t = r.json();
    expect(t.enterprise).toMatchObject({ uscc: e, riskClass: 'B' });
    expect(t.riskHistory.map((h: { riskClass: string }) => h.riskClass)).toEqual(['D', 'B']);
    expect(t.samples.items).toContainEqual(
      expect.objectContaining({ sampleNo: S.first, role: 'sampled', planCode: plan.code }),
    );
    expect(
      (await trace({ sub: 'me', role: 'enterprise', org: e }, `enterprises/${e}`)).statusCode,
    ).toBe(200);
    expect((await trace(REGULATOR_BAOTOU, `enterprises/${e}`)).statusCode).toBe(404);
    expect(
      (await trace({ sub: 'o', role: 'enterprise', org: baotouEnterprise }, `enterprises/${e}`))
        .statusCode,
    ).toBe(404);
    expect((await trace(lab(sampled.labId), `enterprises/${e}`)).statusCode).toBe(403);
    expect((await trace(REGULATOR_HOHHOT, 'enterprises/not-a-uscc')).statusCode).toBe(404);
    // Paged newest first.
    const page = await trace(REGULATOR_HOHHOT, `enterprises/${e}?limit=1`);
    expect(page.json().samples.items).toHaveLength(1);
  });

  it('finds every sample of a product by GTIN and batch, or by name and manufacturer', async () => {
    await story();
    const byGtin = await trace(REGULATOR_HOHHOT, `products?gtin=${GTIN13}`);
    expect(byGtin.statusCode).toBe(200);
    const nos = byGtin.json().samples.map((s: { sampleNo: string }) => s.sampleNo);
    expect(nos).toContain(S.first);
    const byBatch = await trace(REGULATOR_HOHHOT, `products?gtin=${GTIN14}&batch=B20260110`);
    expect(byBatch.json().samples.map((s: { sampleNo: string }) => s.sampleNo)).toContain(S.first);
    const byName = await trace(
      REGULATOR_HOHHOT,
      `products?name=${encodeURIComponent('牛奶')}&manufacturer=${MANUFACTURER}`,
    );
    expect(byName.json().samples.map((s: { sampleNo: string }) => s.sampleNo)).toContain(S.first);
    // The manufacturer sees its products' samples; another enterprise sees none of them.
    const mine = await trace(
      { sub: 'm', role: 'enterprise', org: MANUFACTURER },
      `products?gtin=${GTIN13}`,
    );
    expect(mine.json().samples.map((s: { sampleNo: string }) => s.sampleNo)).toContain(S.first);
    const theirs = await trace(
      { sub: 'o', role: 'enterprise', org: uscc('150102') },
      `products?gtin=${GTIN13}`,
    );
    expect(theirs.json().samples).toEqual([]);
    expect(
      (await trace(REGULATOR_BAOTOU, `products?gtin=${GTIN13}`)).json().samples,
    ).not.toContainEqual(expect.objectContaining({ sampleNo: S.first }));
    // Bad or missing input names the field.
    for (const [q, field] of [
      ['', 'gtin'],
      ['name=x', 'gtin'],
      ['gtin=12345', 'gtin'],
      [`gtin=${GTIN13.slice(0, -1)}${(Number(GTIN13.slice(-1)) + 1) % 10}`, 'gtin'],
      ['gtin=06901234567892&batch=a%00b', 'batch'],
    ]) {
      const r = await trace(REGULATOR_HOHHOT, `products?${q}`);
      expect([q, r.statusCode, r.json().errors?.[0]?.field]).toEqual([q, 400, field]);
    }
  });

  it('exports the custody as an EPCIS 2.0 document that GS1’s schema accepts', async () => {
    await story();
    const s = await sampleOf(S.first);
    const r = await get(REGULATOR_HOHHOT, `/api/v1/epcis/events?sampleNo=${S.first}`);
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    const official = officialEpcisValidator();
    expect(official(doc) ? [] : official.errors).toEqual([]);
    expect(validateEpcisDocument(doc).ok).toBe(true);
    const events = doc.epcisBody.eventList as Record<string, unknown>[];
    // The custody, and the issued report between testing and the backup kept from it.
    const kinds = s.custody.map((e) => e.kind as string);
    kinds.splice(kinds.indexOf('backup_retained'), 0, 'tested');
    expect(events.map((e) => e['spotcheck:custodyKind'])).toEqual(kinds);
    expect(events[kinds.indexOf('tested')]).toMatchObject({
      bizStep: 'inspecting',
      disposition: 'conformant',
      bizTransactionList: [{ type: 'testres' }],
    });
    expect(events[0]).toMatchObject({
      type: 'ObjectEvent',
      bizStep: expect.any(String),
      quantityList: [{ epcClass: expect.stringContaining(GTIN14) }],
    });
    // Same visibility as the trace.
    expect((await get(lab(s.labId), `/api/v1/epcis/events?sampleNo=${S.first}`)).statusCode).toBe(
      200,
    );
    expect((await get(lab(labOther), `/api/v1/epcis/events?sampleNo=${S.first}`)).statusCode).toBe(
      404,
    );
    expect(
      (await get(REGULATOR_BAOTOU, `/api/v1/epcis/events?sampleNo=${S.first}`)).statusCode,
    ).toBe(404);
    expect((await get(lab(s.labId), '/api/v1/epcis/events')).statusCode).toBe(403);
  });

  it('shows where a batch went, from the events its manufacturer captured', async () => {
    await story();
    await manufacturerRegistered();
    const maker: Principal = { sub: 'maker', role: 'enterprise', org: MANUFACTURER };
    expect(
      (await post(maker, '/api/v1/epcis/gtin-prefixes', { companyPrefix: '6901234' })).statusCode,
    ).toBe(201);
    const shipped = await app.inject({
      method: 'POST',
      url: '/api/v1/epcis/capture',
      headers: { ...bearer(maker), 'content-type': 'application/json' },
      payload: JSON.stringify(
        epcisDocument([
          shippingEvent({
            prefix: '6901234',
            item: '56789',
            lot: 'B20260110',
            quantity: 120,
            at: 0,
            from: sgln('6901234', 1),
            to: sgln('6901234', 2),
          }),
        ]),
      ),
    });
    expect(shipped.statusCode).toBe(201);
    const t = await trace(REGULATOR_HOHHOT, `products?gtin=${GTIN13}&batch=B20260110`);
    expect(t.json().distribution.items).toEqual([
      expect.objectContaining({ bizStep: 'shipping', owner: MANUFACTURER }),
    ]);
    // A lab sees the samples it holds, not enterprises' logistics.
    const byLab = await trace(lab((await sampleOf(S.first)).labId), `products?gtin=${GTIN13}`);
    expect(byLab.json().distribution).toBeNull();
  });

  it("lists an enterprise's samples only from plans the regulator may see", async () => {
    await story();
    await manufacturerRegistered();
    // MANUFACTURER (registered in Hohhot) made the milk of Hohhot's samples
    // and of S.baotou, sampled under Baotou's plan.
    const items = async (p: Principal) => {
      const r = await trace(p, `enterprises/${MANUFACTURER}?limit=500`);
      expect(r.statusCode).toBe(200);
      return (r.json().samples.items as { sampleNo: string }[]).map((s) => s.sampleNo);
    };
    const hohhot = await items(REGULATOR_HOHHOT);
    expect(hohhot).toContain(S.first);
    expect(hohhot).not.toContain(S.baotou);
    for (const p of [
      ADMIN,
      REGULATOR_PROVINCE,
      { sub: 'm', role: 'enterprise', org: MANUFACTURER },
    ])
      expect([p.role, await items(p as Principal)]).toEqual([
        p.role,
        expect.arrayContaining([S.first, S.baotou]),
      ]);
    // Baotou's regulator may not see the Hohhot enterprise at all.
    expect((await trace(REGULATOR_BAOTOU, `enterprises/${MANUFACTURER}`)).statusCode).toBe(404);
  });
});
