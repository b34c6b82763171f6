import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { completeUscc } from '@spotcheck/domain';
import type { Principal } from '@spotcheck/auth';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import {
  ADMIN,
  REGULATOR_BAOTOU,
  REGULATOR_HOHHOT,
  REGULATOR_PROVINCE,
  bearer,
  bootHttp,
  dataSource,
  token,
} from './support/app';
import {
  RUN as run,
  apiOf,
  auditOf as auditRows,
  commitAndDraw,
  ensureCategory,
  seedOf as seedFor,
  usccSource,
} from './support/api';

let app: NestFastifyApplication;
/** A fresh valid USCC registered in `region`. */
const uscc = usccSource('TK');
let planSeq = 0;
const planCode = () => `TASK-2026-${String(++planSeq).padStart(3, '0')}-${process.pid}`;
const seedOf = (n: number) => seedFor('tasks', n);

/** Categories of this file only, so other specs' directories do not enter the draws. */
const CAT = `TSK-${run}`;
const CAT_OTHER = `TSO-${run}`;
/**
 * Further categories of the Hohhot enterprises, one per later plan: a plan of the same level
 * leaves out an enterprise and category checked in the last 6 months.
 */
const CAT_B = `TSB-${run}`;
const CAT_C = `TSC-${run}`;
/** Hohhot inspectors qualified for CAT: the draws pick their pairs among these four. */
const STAFF = [1, 2, 3, 4].map((i) => `TSK${run}-${i}`);
const INACTIVE = `TSK${run}-inactive`;
const OUTSIDE = `TSK${run}-baotou`;
const UNQUALIFIED = `TSK${run}-unqualified`;
const CONFLICTED = `TSK${run}-conflicted`;
const BAOTOU_2 = `TSK${run}-baotou-2`;
/** Enterprises of Hohhot: four in 新城区 (150102), two in 赛罕区 (150105). */
const xincheng: string[] = [];
const saihan: string[] = [];
let baotouEnterprise = '';
let labId = '';

interface Task {
  id: string;
  planId: string;
  planCode: string;
  drawId: string;
  taskNo: number;
  uscc: string;
  enterpriseName: string;
  regionCode: string;
  category: string;
  inspectors: string[] | null;
  labId: string | null;
  unassigned: Record<string, unknown> | null;
  dueDate: string | null;
  overdue: boolean;
  state: string;
  unableReason: string | null;
  note: string | null;
  violation: boolean;
  stateChangedAt: string | null;
  stateChangedBy: string | null;
  updatedAt: string;
  reassignments?: {
    slot: number;
    oldStaffNo: string | null;
    newStaffNo: string;
    reason: string;
    actor: string;
  }[];
}

const api = apiOf(() => app);
const { req, get, post, created } = api;

/** One of the task's own inspectors: only they (and admins) record its sampling. */
const inspectorOf = (t: Task): Principal => ({
  ...REGULATOR_HOHHOT,
  sub: `inspector-${(t.inspectors as string[])[0]}`,
  staffNo: (t.inspectors as string[])[0],
});

/** A sampling record for `t`, taken just now (test/samples.e2e-spec.ts tests the record itself). */
const sampleOf = (t: Pick<Task, 'inspectors'>, over: Record<string, unknown> = {}) => ({
  sampledAt: new Date().toISOString(),
  place: { regionCode: '150102', address: '测试地址' },
  stage: 'production',
  manufacturer: { name: '任务测试企业' },
  productName: '测试产品',
  batch: 'B1',
  testPortion: { quantity: '2', unit: '件' },
  backupPortion: { quantity: '1', unit: '件' },
  pricePaid: '10.00',
  inspectors: t.inspectors ?? ['-', '-'],
  representative: { name: '负责人' },
  ...over,
});

const enterprise = (region: string) => ({
  uscc: uscc(region),
  name: `任务测试企业${region}`,
  address: '测试地址',
  regionCode: region,
  size: 'small',
  categories: region.startsWith('1501') ? [CAT, CAT_B, CAT_C] : [CAT],
  riskClass: 'D',
});

const inspector = (staffNo: string, over: Record<string, unknown> = {}) => ({
  staffNo,
  name: '检查员',
  regionCode: '150102',
  categories: [CAT],
  ...over,
});

/** A drawn plan (class D is drawn at 100 %, so every enterprise of the area gets a task). */
async function drawnPlan(
  n: number,
  p: Principal,
  over: Record<string, unknown> = {},
): Promise<{ id: string; code: string }> {
  const plan = await created(p, '/api/v1/plans', {
    code: planCode(),
    title: '任务测试计划',
    level: 'prefecture',
    jurisdiction: p.jurisdiction,
    year: 2026,
    categories: [CAT],
    stages: ['production'],
    samplingDeadline: '2099-12-31',
    ...over,
  });
  const id = plan.id as string;
  await commitAndDraw(api, p, id, seedOf(n));
  return { id, code: plan.code as string };
}

/** Every task of a plan as GET /tasks shows it, in task order. */
async function tasksOf(planId: string, p: Principal = REGULATOR_HOHHOT): Promise<Task[]> {
  const r = await get(p, `/api/v1/tasks?planId=${planId}&limit=500`);
  expect(r.statusCode).toBe(200);
  return r.json().items as Task[];
}

const auditOf = (entityId: string, action?: string) => auditRows(app, entityId, action);

const planState = async (id: string) =>
  (await get(REGULATOR_PROVINCE, `/api/v1/plans/${id}`)).json().state as string;

/** Planned in Hohhot, sampling deadline long past: its open tasks are overdue. */
let planA: { id: string; code: string };
let tasksA: Task[] = [];
/** An inspector of STAFF that planA's draw put on at least one task. */
const busyInspector = (): string => {
  const s = STAFF.find((staffNo) => tasksA.some((t) => t.inspectors?.includes(staffNo)));
  if (!s) throw new Error("planA's draw paired none of STAFF");
  return s;
};
/** Planned in Baotou, whose one qualified inspector cannot make a pair. */
let planB: { id: string; code: string };

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  for (const code of [CAT, CAT_OTHER, CAT_B, CAT_C]) await ensureCategory(api, code);
  for (let i = 0; i < 4; i++) {
    const e = enterprise('150102');
    await created(REGULATOR_HOHHOT, '/api/v1/enterprises', e);
    xincheng.push(e.uscc);
  }
  for (let i = 0; i < 2; i++) {
    const e = enterprise('150105');
    await created(REGULATOR_HOHHOT, '/api/v1/enterprises', e);
    saihan.push(e.uscc);
  }
  const b = enterprise('150202');
  await created(REGULATOR_BAOTOU, '/api/v1/enterprises', b);
  baotouEnterprise = b.uscc;

  for (const staffNo of STAFF)
    await created(
      REGULATOR_HOHHOT,
      '/api/v1/inspectors',
      inspector(staffNo, { categories: [CAT, CAT_B, CAT_C] }),
    );
  await created(REGULATOR_HOHHOT, '/api/v1/inspectors', inspector(INACTIVE, { active: false }));
  await created(
    REGULATOR_HOHHOT,
    '/api/v1/inspectors',
    inspector(UNQUALIFIED, { categories: [CAT_OTHER] }),
  );
  // Conflicted with every Hohhot enterprise, so no draw pairs it with one.
  await created(
    REGULATOR_HOHHOT,
    '/api/v1/inspectors',
    inspector(CONFLICTED, { conflicts: [...xincheng, ...saihan] }),
  );
  await created(
    REGULATOR_BAOTOU,
    '/api/v1/inspectors',
    inspector(OUTSIDE, { regionCode: '150202' }),
  );
  const lab = await created(REGULATOR_HOHHOT, '/api/v1/labs', {
    name: '任务测试检验所',
    uscc: completeUscc(`12150102TL${run}001`),
    cmaNo: `TSK${run}`,
    regionCode: '150102',
    categories: [CAT, CAT_B, CAT_C],
    capacity: 100,
  });
  labId = lab.id as string;

  planA = await drawnPlan(1, REGULATOR_HOHHOT, { samplingDeadline: '2025-06-30' });
  tasksA = await tasksOf(planA.id);
  planB = await drawnPlan(2, REGULATOR_BAOTOU);
  // A second Baotou inspector only after the draw, so the draw left planB's task unpaired.
  await created(
    REGULATOR_BAOTOU,
    '/api/v1/inspectors',
    inspector(BAOTOU_2, { regionCode: '150202' }),
  );
});
afterAll(() => app.close());

describe('GET /tasks', () => {
  it("lists the plan's tasks with their context, in task order, paged", async () => {
    expect(tasksA.map((t) => t.taskNo)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tasksA.map((t) => t.uscc).sort()).toEqual([...xincheng, ...saihan].sort());
    for (const t of tasksA) {
      expect(t).toMatchObject({
        planId: planA.id,
        planCode: planA.code,
        category: CAT,
        labId,
        dueDate: '2025-06-30',
        overdue: true,
        state: 'assigned',
        unableReason: null,
        note: null,
        violation: false,
        stateChangedAt: null,
        stateChangedBy: null,
        enterpriseName: expect.stringContaining('任务测试企业'),
      });
      expect(t.inspectors).toHaveLength(2);
      for (const s of t.inspectors as string[]) expect(STAFF).toContain(s);
    }

    const page1 = await get(REGULATOR_HOHHOT, `/api/v1/tasks?planId=${planA.id}&limit=4`);
    expect(page1.statusCode).toBe(200);
    expect(page1.json().items.map((t: Task) => t.taskNo)).toEqual([1, 2, 3, 4]);
    const cursor = page1.json().nextCursor as string;
    const page2 = await get(
      REGULATOR_HOHHOT,
      `/api/v1/tasks?planId=${planA.id}&limit=4&cursor=${cursor}`,
    );
    expect(page2.json()).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(page2.json().items.map((t: Task) => t.taskNo)).toEqual([5, 6]);

    // Without a plan filter the pages run across plans by plan code, then task number.
    const all: Task[] = [];
    let next: string | null = '';
    do {
      const r = await get(
        REGULATOR_PROVINCE,
        `/api/v1/tasks?category=${CAT}&limit=3${next ? `&cursor=${next}` : ''}`,
      );
      expect(r.statusCode).toBe(200);
      all.push(...(r.json().items as Task[]));
      next = r.json().nextCursor as string | null;
    } while (next);
    expect(all.map((t) => `${t.planCode}/${t.taskNo}`)).toEqual([
      ...tasksA.map((t) => `${planA.code}/${t.taskNo}`),
      `${planB.code}/1`,
    ]);
  });

  it('filters by state, category, enterprise, inspector, lab, region, due date and overdue', async () => {
    const q = async (query: string, p: Principal = REGULATOR_HOHHOT) => {
      const r = await get(p, `/api/v1/tasks?planId=${planA.id}&${query}`);
      expect([query, r.statusCode]).toEqual([query, 200]);
      return (r.json().items as Task[]).map((t) => t.taskNo);
    };
    const all = [1, 2, 3, 4, 5, 6];
    expect(await q('state=assigned')).toEqual(all);
    expect(await q('state=sampled')).toEqual([]);
    expect(await q(`category=${CAT}`)).toEqual(all);
    expect(await q(`category=${CAT_OTHER}`)).toEqual([]);
    expect(await q(`uscc=${tasksA[2].uscc}`)).toEqual([3]);
    const s = busyInspector();
    expect(await q(`inspector=${s}`)).toEqual(
      tasksA.filter((t) => t.inspectors?.includes(s)).map((t) => t.taskNo),
    );
    expect(await q(`inspector=${CONFLICTED}`)).toEqual([]);
    expect(await q(`labId=${labId}`)).toEqual(all);
    expect(await q('labId=00000000-0000-4000-8000-000000000000')).toEqual([]);
    const inSaihan = tasksA.filter((t) => saihan.includes(t.uscc)).map((t) => t.taskNo);
    expect(inSaihan).toHaveLength(2);
    expect(await q('region=150105')).toEqual(inSaihan);
    expect(await q('region=150100')).toEqual(all);
    expect(await q('region=150200')).toEqual([]);
    expect(await q('dueBefore=2025-07-01')).toEqual(all);
    expect(await q('dueBefore=2025-06-30')).toEqual([]);
    expect(await q('overdue=true')).toEqual(all);
    expect(await q('overdue=false')).toEqual([]);
    // planB is due in 2099: not overdue.
    const b = await get(REGULATOR_BAOTOU, `/api/v1/tasks?planId=${planB.id}&overdue=false`);
    expect(b.json().items).toHaveLength(1);
    expect(b.json().items[0]).toMatchObject({ overdue: false, dueDate: '2099-12-31' });
  });

  it('answers 400 naming the field for bad filters, never 5xx', async () => {
    const bad: [string, string][] = [
      ['planId=not-a-uuid', 'planId'],
      ['state=lost', 'state'],
      ['category=lower', 'category'],
      ['uscc=91150102MA0000000A', 'uscc'],
      ['inspector=%00', 'inspector'],
      ['labId=1', 'labId'],
      ['region=159999', 'region'],
      ['dueBefore=2026-02-30', 'dueBefore'],
      ['overdue=maybe', 'overdue'],
      ['limit=0', 'limit'],
      ['cursor=bm9wZQ', 'cursor'],
      ['cursor=!!!', 'cursor'],
      // Valid cursors of another shape: [code] only, a fractional and a huge task number, NUL.
      ['cursor=WyJBIl0', 'cursor'],
      ['cursor=WyJBIiwxLjVd', 'cursor'],
      ['cursor=WyJBIiwxZTIwXQ', 'cursor'],
      ['cursor=WyJcdTAwMDAiLDFd', 'cursor'],
      ['unknown=1', 'unknown'],
    ];
    for (const [query, field] of bad) {
      const r = await get(REGULATOR_HOHHOT, `/api/v1/tasks?${query}`);
      expect([query, r.statusCode]).toEqual([query, 400]);
      expect([query, r.json().errors.map((e: { field: string }) => e.field)]).toEqual([
        query,
        [field],
      ]);
    }
  });

  it("keeps another jurisdiction's tasks invisible: empty lists and 404", async () => {
    const r = await get(REGULATOR_BAOTOU, `/api/v1/tasks?planId=${planA.id}`);
    expect(r.json()).toEqual({ items: [], nextCursor: null });
    const mine = await get(REGULATOR_BAOTOU, `/api/v1/tasks?category=${CAT}&limit=500`);
    expect((mine.json().items as Task[]).map((t) => t.planId)).toEqual([planB.id]);
    const id = tasksA[0].id;
    expect((await get(REGULATOR_BAOTOU, `/api/v1/tasks/${id}`)).statusCode).toBe(404);
    for (const [path, body] of [
      ['sample', sampleOf(tasksA[0])],
      ['unable', { reason: 'closed' }],
      ['cancel', { reason: '越权' }],
      ['reassign', { slot: 1, staffNo: OUTSIDE, reason: '越权' }],
    ] as const) {
      const w = await post(REGULATOR_BAOTOU, `/api/v1/tasks/${id}/${path}`, body);
      expect([path, w.statusCode, w.json().code]).toEqual([path, 404, 'NOT_FOUND']);
    }
    expect((await get(REGULATOR_HOHHOT, `/api/v1/tasks/${id}`)).json().state).toBe('assigned');
    // The province sees both prefectures; admins see everything.
    expect((await get(REGULATOR_PROVINCE, `/api/v1/tasks/${id}`)).statusCode).toBe(200);
    expect((await get(ADMIN, `/api/v1/tasks/${id}`)).statusCode).toBe(200);
    // Not a uuid, or no such task: 404 as well.
    expect((await get(REGULATOR_HOHHOT, '/api/v1/tasks/42')).statusCode).toBe(404);
    expect(
      (await get(REGULATOR_HOHHOT, '/api/v1/tasks/00000000-0000-4000-8000-000000000000'))
        .statusCode,
    ).toBe(404);
    expect(
      (await post(inspectorOf(tasksA[0]), '/api/v1/tasks/42/sample', sampleOf(tasksA[0])))
        .statusCode,
    ).toBe(404);
    // Labs and enterprises do not see tasks.
    const lab: Principal = { sub: 'lab-1', role: 'lab', org: labId };
    expect((await get(lab, '/api/v1/tasks')).statusCode).toBe(403);
    expect((await req(null, 'GET', '/api/v1/tasks')).statusCode).toBe(401);
  });
});

describe('GET /tasks/mine', () => {
  it("lists the tasks of the token's staff number, inside the caller's jurisdiction", async () => {
    // The seed depends on the process, so which of STAFF were drawn does too.
    const s = busyInspector();
    const expected = tasksA.filter((t) => t.inspectors?.includes(s)).map((t) => t.id);
    expect(expected.length).toBeGreaterThan(0);
    const me: Principal = { ...REGULATOR_HOHHOT, sub: 'inspector-2', staffNo: s };
    const r = await get(me, `/api/v1/tasks/mine?planId=${planA.id}`);
    expect(r.statusCode).toBe(200);
    expect((r.json().items as Task[]).map((t) => t.id)).toEqual(expected);
    for (const t of r.json().items as Task[]) expect(t.inspectors).toContain(s);
    // Filters and paging apply as on GET /tasks.
    const one = await get(me, `/api/v1/tasks/mine?planId=${planA.id}&limit=1`);
    expect(one.json().items).toHaveLength(1);
    expect(one.json().nextCursor === null).toBe(expected.length === 1);
    expect(
      (await get(me, `/api/v1/tasks/mine?state=sampled&planId=${planA.id}`)).json().items,
    ).toEqual([]);
    // The same staff number under a Baotou token sees none of Hohhot's tasks.
    const elsewhere: Principal = { ...REGULATOR_BAOTOU, staffNo: s };
    expect((await get(elsewhere, `/api/v1/tasks/mine?planId=${planA.id}`)).json().items).toEqual(
      [],
    );
    // An inspector with no task has an empty list.
    const idle: Principal = { ...REGULATOR_HOHHOT, staffNo: CONFLICTED };
    expect((await get(idle, '/api/v1/tasks/mine')).json()).toEqual({ items: [], nextCursor: null });
  });

  it('answers 403 with the reason to a token without staffNo, 401 to a bad staffNo claim', async () => {
    const r = await get(REGULATOR_HOHHOT, '/api/v1/tasks/mine');
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toContain('no staffNo claim');
    expect((await get(ADMIN, '/api/v1/tasks/mine')).statusCode).toBe(403);
    for (const staffNo of ['', '  '])
      for (const url of ['/api/v1/tasks/mine', '/api/v1/tasks']) {
        const bad = await app.inject({
          url,
          headers: { authorization: `Bearer ${token({ ...REGULATOR_HOHHOT, staffNo })}` },
        });
        expect(bad.statusCode).toBe(401);
        expect(bad.json().message).toContain('staffNo');
      }
  });
});

describe('task transitions', () => {
  it('sampled: assigned → sampled with the sampling record, audited; the first outcome moves the plan to sampling', async () => {
    expect(await planState(planA.id)).toBe('drawn');
    const t = tasksA[0];
    const staffNo = (t.inspectors as string[])[0];
    const me: Principal = { ...REGULATOR_HOHHOT, sub: 'inspector-x', staffNo };
    const s = await post(me, `/api/v1/tasks/${t.id}/sample`, sampleOf(t));
    expect(s.statusCode).toBe(201);
    const sampleNo = `${planA.code}-0001`;
    expect(s.json()).toMatchObject({ sampleNo, taskId: t.id });
    const r = await get(me, `/api/v1/tasks/${t.id}`);
    expect(r.json()).toMatchObject({
      id: t.id,
      state: 'sampled',
      sampleNo,
      note: null,
      violation: false,
      unableReason: null,
      overdue: false,
      stateChangedBy: 'inspector-x',
      inspectors: t.inspectors,
      reassignments: [],
    });
    expect(Date.parse(r.json().stateChangedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(r.json().updatedAt)).toBeGreaterThan(Date.parse(t.updatedAt));
    expect(await planState(planA.id)).toBe('sampling');
    expect(await auditOf(t.id)).toEqual([
      {
        action: 'sampled',
        entityType: 'inspection_task',
        actor: 'inspector-x',
        detail: { from: 'assigned', to: 'sampled', sampleNo, staffNo },
      },
    ]);
    expect(await auditOf(planA.id, 'startSampling')).toEqual([
      {
        action: 'startSampling',
        entityType: 'sampling_plan',
        actor: 'inspector-x',
        detail: { from: 'drawn', to: 'sampling', firstTask: t.id, taskEvent: 'sampled' },
      },
    ]);

    // A finished task accepts nothing: 409 naming the state, no allowed events.
    for (const [path, body, event] of [
      ['sample', sampleOf(t), 'sampled'],
      ['unable', { reason: 'closed' }, 'unable'],
      ['cancel', { reason: '重复' }, 'cancel'],
    ] as const) {
      const again = await post(me, `/api/v1/tasks/${t.id}/${path}`, body);
      expect([path, again.statusCode]).toEqual([path, 409]);
      expect(again.json()).toMatchObject({
        code: 'ILLEGAL_TASK_STATE',
        currentState: 'sampled',
        event,
        allowedEvents: [],
      });
    }
    expect(await auditOf(t.id)).toHaveLength(1);
  });

  it('unable: a reason is required; refused is recorded as a violation', async () => {
    const [, refused, closed, noProduct] = tasksA;
    for (const body of [{}, { reason: 'gone' }, { reason: null }, { reason: ['closed'] }]) {
      const r = await post(REGULATOR_HOHHOT, `/api/v1/tasks/${refused.id}/unable`, body);
      expect(r.statusCode).toBe(400);
      expect(r.json().errors[0].field).toBe('reason');
    }
    const note = await post(REGULATOR_HOHHOT, `/api/v1/tasks/${refused.id}/unable`, {
      reason: 'refused',
      note: ' ',
    });
    expect(note.statusCode).toBe(400);
    expect(note.json().errors[0].field).toBe('note');

    const r = await post(REGULATOR_HOHHOT, `/api/v1/tasks/${refused.id}/unable`, {
      reason: 'refused',
      note: '负责人拒绝抽样并拒绝签字',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      state: 'unable_to_sample',
      unableReason: 'refused',
      violation: true,
      note: '负责人拒绝抽样并拒绝签字',
      stateChangedBy: REGULATOR_HOHHOT.sub,
    });
    expect((await auditOf(refused.id, 'unable'))[0].detail).toEqual({
      from: 'assigned',
      to: 'unable_to_sample',
      unableReason: 'refused',
      violation: true,
      note: '负责人拒绝抽样并拒绝签字',
    });
    for (const [t, reason] of [
      [closed, 'closed'],
      [noProduct, 'no_product'],
    ] as const) {
      const u = await post(REGULATOR_PROVINCE, `/api/v1/tasks/${t.id}/unable`, { reason });
      expect(u.statusCode).toBe(200);
      expect(u.json()).toMatchObject({
        state: 'unable_to_sample',
        unableReason: reason,
        violation: false,
        note: null,
      });
    }
    const violations = await get(
      REGULATOR_HOHHOT,
      `/api/v1/tasks?planId=${planA.id}&state=unable_to_sample`,
    );
    expect((violations.json().items as Task[]).filter((t) => t.violation).map((t) => t.id)).toEqual(
      [refused.id],
    );
    const again = await post(
      inspectorOf(refused),
      `/api/v1/tasks/${refused.id}/sample`,
      sampleOf(refused),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'ILLEGAL_TASK_STATE',
      currentState: 'unable_to_sample',
      event: 'sampled',
      allowedEvents: [],
    });
    // A plan already sampling is not moved again.
    expect(await auditOf(planA.id, 'startSampling')).toHaveLength(1);
  });

  it('cancel: needs a non-blank reason, kept as the note and in the audit row', async () => {
    const t = tasksA[4];
    // Cancelling a task is the regulator's decision: an admin may read it, not cancel it.
    const admin = await post(ADMIN, `/api/v1/tasks/${t.id}/cancel`, { reason: '管理员' });
    expect(admin.statusCode).toBe(403);
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const r = await post(REGULATOR_HOHHOT, `/api/v1/tasks/${t.id}/cancel`, body);
      expect(r.statusCode).toBe(400);
      expect(r.json().errors[0].field).toBe('reason');
    }
    const r = await post(REGULATOR_HOHHOT, `/api/v1/tasks/${t.id}/cancel`, {
      reason: '企业已注销，计划调整',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      state: 'cancelled',
      note: '企业已注销，计划调整',
      stateChangedBy: REGULATOR_HOHHOT.sub,
      violation: false,
      overdue: false,
    });
    expect((await auditOf(t.id, 'cancel'))[0]).toMatchObject({
      actor: REGULATOR_HOHHOT.sub,
      detail: { from: 'assigned', to: 'cancelled', reason: '企业已注销，计划调整' },
    });
    const again = await post(REGULATOR_HOHHOT, `/api/v1/tasks/${t.id}/cancel`, { reason: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ILLEGAL_TASK_STATE', currentState: 'cancelled' });
    const unknown = await post(REGULATOR_HOHHOT, `/api/v1/tasks/${t.id}/cancel`, {
      reason: 'x',
      extra: 1,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ field: 'extra', reason: 'unknown field' }]);
  });

  it('takes no body of the wrong shape, with no 5xx', async () => {
    const t = tasksA[5];
    for (const payload of ['null', '[]', '"closed"', '{"reason":']) {
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/tasks/${t.id}/unable`,
        headers: { ...bearer(REGULATOR_HOHHOT), 'content-type': 'application/json' },
        payload,
      });
      expect([payload, r.statusCode]).toEqual([payload, 400]);
    }
    const nul = await post(
      inspectorOf(t),
      `/api/v1/tasks/${t.id}/sample`,
      sampleOf(t, { note: 'a\u0000b' }),
    );
    expect(nul.statusCode).toBe(400);
    expect((await get(REGULATOR_HOHHOT, `/api/v1/tasks/${t.id}`)).json().state).toBe('assigned');
  });

  it('gives two concurrent outcomes of one task one success and one 409', async () => {
    const plan = await drawnPlan(3, REGULATOR_HOHHOT, { categories: [CAT_B] });
    const [t, u] = await tasksOf(plan.id);
    const rs = await Promise.all([
      post(inspectorOf(t), `/api/v1/tasks/${t.id}/sample`, sampleOf(t)),
      post(REGULATOR_HOHHOT, `/api/v1/tasks/${t.id}/unable`, { reason: 'closed' }),
      post(inspectorOf(u), `/api/v1/tasks/${u.id}/sample`, sampleOf(u)),
    ]);
    // The sampling record answers 201, unable 200; whichever came second, 409.
    const [first, second] = rs.slice(0, 2).map((r) => r.statusCode);
    expect([first, second].filter((c) => c === 409)).toHaveLength(1);
    expect([first === 201 || first === 409, second === 200 || second === 409]).toEqual([
      true,
      true,
    ]);
    expect(rs[2].statusCode).toBe(201);
    expect(await auditOf(t.id)).toHaveLength(1);
    // Both tasks raced to start the plan's sampling phase; it started once.
    expect(await planState(plan.id)).toBe('sampling');
    expect(await auditOf(plan.id, 'startSampling')).toHaveLength(1);
  });
});

describe('POST /tasks/:id/reassign', () => {
  const reassign = (p: Principal, id: string, body: Record<string, unknown>) =>
    post(p, `/api/v1/tasks/${id}/reassign`, body);

  it('refuses an inspector who may not join the pair, naming the field and the rule', async () => {
    const t = tasksA[5];
    const [a, b] = t.inspectors as string[];
    const free = STAFF.find((s) => s !== a && s !== b) as string;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ slot: 1, staffNo: INACTIVE }, 'staffNo', `inspector ${INACTIVE} is not active`],
      [
        { slot: 1, staffNo: OUTSIDE },
        'staffNo',
        `inspector ${OUTSIDE} works in 150202, outside the plan's jurisdiction 150100`,
      ],
      [
        { slot: 2, staffNo: UNQUALIFIED },
        'staffNo',
        `inspector ${UNQUALIFIED} is not qualified for category ${CAT}`,
      ],
      [
        { replace: a, staffNo: CONFLICTED },
        'staffNo',
        `inspector ${CONFLICTED} declared a conflict of interest with ${t.uscc}`,
      ],
      [{ slot: 1, staffNo: 'NOBODY' }, 'staffNo', 'no inspector with staff number NOBODY'],
      [{ slot: 1, staffNo: b }, 'staffNo', `${b} is already the other inspector of this task`],
      [{ slot: 2, staffNo: b }, 'staffNo', `${b} is already inspector 2 of this task`],
      [
        { replace: free, staffNo: free },
        'replace',
        `${free} is not an inspector of this task (pair: ${a}, ${b})`,
      ],
      [{ slot: 3, staffNo: free }, 'slot', 'slot must be one of the following values: 1, 2'],
      [{ slot: '1', staffNo: free }, 'slot', 'slot must be one of the following values: 1, 2'],
      [{ slot: 1 }, 'staffNo', 'is required with slot'],
      [{ staffNo: free }, 'slot', expect.stringContaining('give slot')],
      [{ slot: 1, replace: a, staffNo: free }, 'replace', expect.stringContaining('only one')],
      [{ staffNos: [free, CONFLICTED] }, 'staffNos', expect.stringContaining('already has a pair')],
      [{ slot: 1, staffNo: free, reason: '   ' }, 'reason', expect.stringContaining('blank')],
      [{ slot: 1, staffNo: free, reason: undefined }, 'reason', expect.any(String)],
    ];
    for (const [body, field, reason] of cases) {
      const r = await reassign(REGULATOR_HOHHOT, t.id, { reason: '原检查人员病假', ...body });
      expect([body, r.statusCode]).toEqual([body, 400]);
      expect([body, r.json().errors]).toEqual([body, expect.arrayContaining([{ field, reason }])]);
    }
    const after = (await get(REGULATOR_HOHHOT, `/api/v1/tasks/${t.id}`)).json() as Task;
    expect(after.inspectors).toEqual([a, b]);
    expect(after.reassignments).toEqual([]);
    expect(await auditOf(t.id, 'reassign')).toEqual([]);
  });

  it('replaces a member by slot or staff number, with history and audit; the draw still MATCHes', async () => {
    const t = tasksA[5];
    const [a, b] = t.inspectors as string[];
    const [free1, free2] = STAFF.filter((s) => s !== a && s !== b);
    const recordBefore = (
      await get(REGULATOR_HOHHOT, `/api/v1/plans/${planA.id}/draw/verification`)
    ).json().record;

    const r1 = await reassign(REGULATOR_HOHHOT, t.id, {
      slot: 1,
      staffNo: free1,
      reason: '原检查人员病假',
    });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({
      inspectors: [free1, b],
      state: 'assigned',
      reassignments: [
        {
          slot: 1,
          oldStaffNo: a,
          newStaffNo: free1,
          reason: '原检查人员病假',
          actor: REGULATOR_HOHHOT.sub,
        },
      ],
    });
    // Assigning inspectors is the regulator's: an admin is refused.
    const byAdmin = await reassign(ADMIN, t.id, { replace: b, staffNo: free2, reason: '回避' });
    expect(byAdmin.statusCode).toBe(403);
    const r2 = await reassign(REGULATOR_HOHHOT, t.id, {
      replace: b,
      staffNo: free2,
      reason: '回避',
    });
    expect(r2.statusCode).toBe(200);
    expect(r2.json().inspectors).toEqual([free1, free2]);
    expect(r2.json().reassignments).toHaveLength(2);
    expect(r2.json().reassignments[1]).toMatchObject({
      slot: 2,
      oldStaffNo: b,
      newStaffNo: free2,
      reason: '回避',
      actor: REGULATOR_HOHHOT.sub,
    });
    expect((await auditOf(t.id, 'reassign')).map((x) => x.detail)).toEqual([
      { changes: [{ slot: 1, from: a, to: free1 }], reason: '原检查人员病假' },
      { changes: [{ slot: 2, from: b, to: free2 }], reason: '回避' },
    ]);
    // The new members find the task among theirs; the old ones no longer do.
    const mine = async (s: string) =>
      (
        (
          await get({ ...REGULATOR_HOHHOT, staffNo: s }, `/api/v1/tasks/mine?planId=${planA.id}`)
        ).json().items as Task[]
      ).map((x) => x.id);
    expect(await mine(free1)).toContain(t.id);
    expect(await mine(a)).not.toContain(t.id);

    // The draw and its record are untouched; the verifier still recomputes the same draw.
    const v = await get(REGULATOR_HOHHOT, `/api/v1/plans/${planA.id}/draw/verification`);
    expect(v.json().verdict).toEqual({ verdict: 'MATCH' });
    expect(v.json().record).toEqual(recordBefore);
    expect(
      recordBefore.tasks.find((x: { taskNo: number }) => x.taskNo === t.taskNo).inspectors,
    ).toEqual([a, b]);

    // History rows are evidence: the database refuses to change them.
    await expect(
      dataSource(app).query(`UPDATE task_reassignment SET reason = 'x' WHERE task_id = $1`, [t.id]),
    ).rejects.toThrow('append-only');
  });

  it('only reassigns an assigned task', async () => {
    const sampled = tasksA[0];
    // Sampled by the transition test above; sampled here when this test runs alone.
    const now = (await get(REGULATOR_HOHHOT, `/api/v1/tasks/${sampled.id}`)).json() as Task;
    if (now.state === 'assigned')
      expect(
        (await post(inspectorOf(sampled), `/api/v1/tasks/${sampled.id}/sample`, sampleOf(sampled)))
          .statusCode,
      ).toBe(201);
    const free = STAFF.find((s) => !sampled.inspectors?.includes(s)) as string;
    const r = await reassign(REGULATOR_HOHHOT, sampled.id, {
      slot: 1,
      staffNo: free,
      reason: '换人',
    });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({
      code: 'ILLEGAL_TASK_STATE',
      currentState: 'sampled',
      event: 'reassign',
      allowedEvents: [],
    });
  });

  it('gives both members to a task the draw left without a pair', async () => {
    const [t] = await tasksOf(planB.id, REGULATOR_BAOTOU);
    expect(t.uscc).toBe(baotouEnterprise);
    expect(t.inspectors).toBeNull();
    expect(t.unassigned).toMatchObject({ inspectors: { code: 'NO_QUALIFIED_INSPECTORS' } });
    const keep = t.unassigned?.lab;

    const cases: [Record<string, unknown>, string, unknown][] = [
      [{ slot: 1, staffNo: OUTSIDE }, 'slot', expect.stringContaining('no inspector pair yet')],
      [{ replace: OUTSIDE, staffNo: BAOTOU_2 }, 'replace', expect.stringContaining('staffNos')],
      [{ staffNos: [OUTSIDE] }, 'staffNos', expect.any(String)],
      [{ staffNos: [OUTSIDE, OUTSIDE] }, 'staffNos[1]', expect.stringContaining('differ')],
      [{ staffNos: [OUTSIDE, BAOTOU_2], staffNo: OUTSIDE }, 'staffNo', expect.any(String)],
      [
        { staffNos: [OUTSIDE, STAFF[0]] },
        'staffNos[1]',
        `inspector ${STAFF[0]} works in 150102, outside the plan's jurisdiction 150200`,
      ],
    ];
    for (const [body, field, reason] of cases) {
      const r = await reassign(REGULATOR_BAOTOU, t.id, { reason: '补派检查人员', ...body });
      expect([body, r.statusCode]).toEqual([body, 400]);
      expect([body, r.json().errors]).toEqual([body, expect.arrayContaining([{ field, reason }])]);
    }
    // Both problems at once are both named.
    const two = await reassign(REGULATOR_BAOTOU, t.id, {
      staffNos: [INACTIVE, 'NOBODY'],
      reason: '补派',
    });
    expect(two.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'staffNos[0]',
      'staffNos[1]',
    ]);
    expect(
      (await reassign(REGULATOR_HOHHOT, t.id, { staffNos: [OUTSIDE, BAOTOU_2], reason: '越权' }))
        .statusCode,
    ).toBe(404);

    const r = await reassign(REGULATOR_BAOTOU, t.id, {
      staffNos: [OUTSIDE, BAOTOU_2],
      reason: '补派检查人员',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      inspectors: [OUTSIDE, BAOTOU_2],
      unassigned: keep ? { lab: keep } : null,
      reassignments: [
        { slot: 1, oldStaffNo: null, newStaffNo: OUTSIDE, reason: '补派检查人员' },
        { slot: 2, oldStaffNo: null, newStaffNo: BAOTOU_2, reason: '补派检查人员' },
      ],
    });
    const again = await reassign(REGULATOR_BAOTOU, t.id, {
      staffNos: [OUTSIDE, BAOTOU_2],
      reason: '再派',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0].field).toBe('staffNos');
    const v = await get(REGULATOR_BAOTOU, `/api/v1/plans/${planB.id}/draw/verification`);
    expect(v.json().verdict).toEqual({ verdict: 'MATCH' });
  });

  it('refuses to rebuild the pair that last inspected the enterprise', async () => {
    // A provincial plan is a higher level than the Hohhot plans, so it draws their
    // enterprises again, and its record names the pair that last inspected each.
    const prov = await drawnPlan(4, REGULATOR_PROVINCE, {
      level: 'provincial',
      jurisdiction: '150000',
    });
    const v = await get(REGULATOR_PROVINCE, `/api/v1/plans/${prov.id}/draw/verification`);
    const previous = new Map(
      (v.json().record.previousPairs as { uscc: string; staffNos: string[] }[]).map((x) => [
        x.uscc,
        x.staffNos,
      ]),
    );
    const t = (await tasksOf(prov.id, REGULATOR_PROVINCE)).find(
      (x) => x.inspectors && previous.has(x.uscc),
    ) as Task;
    const prev = previous.get(t.uscc) as string[];
    const [a, b] = t.inspectors as string[];
    const send = (body: Record<string, unknown>) =>
      reassign(REGULATOR_PROVINCE, t.id, { reason: '调整', ...body });
    // Bring the pair to the previous one, one member at a time; the last step is refused.
    let last;
    if (prev.includes(a)) last = await send({ slot: 2, staffNo: prev.find((s) => s !== a) });
    else if (prev.includes(b)) last = await send({ slot: 1, staffNo: prev.find((s) => s !== b) });
    else {
      expect((await send({ slot: 1, staffNo: prev[0] })).statusCode).toBe(200);
      last = await send({ slot: 2, staffNo: prev[1] });
    }
    expect(last.statusCode).toBe(400);
    expect(last.json().errors).toEqual([
      {
        field: 'staffNo',
        reason: expect.stringContaining(`the pair that last inspected ${t.uscc}`),
      },
    ]);
  });

  it('changes no task of a plan that is not drawn or sampling (409 ILLEGAL_PLAN_STATE)', async () => {
    const plan = await drawnPlan(5, REGULATOR_HOHHOT, { categories: [CAT_C] });
    const [t] = await tasksOf(plan.id);
    const c = await post(REGULATOR_HOHHOT, `/api/v1/plans/${plan.id}/cancel`, {
      reason: '计划撤销',
    });
    expect(c.statusCode).toBe(200);
    const free = STAFF.find((s) => !t.inspectors?.includes(s));
    for (const [path, body] of [
      ['sample', sampleOf(t)],
      ['unable', { reason: 'refused' }],
      ['cancel', { reason: '撤销' }],
      ['reassign', { slot: 1, staffNo: free, reason: '换人' }],
    ] as const) {
      const r = await post(REGULATOR_HOHHOT, `/api/v1/tasks/${t.id}/${path}`, body);
      expect([path, r.statusCode]).toEqual([path, 409]);
      expect(r.json()).toMatchObject({
        code: 'ILLEGAL_PLAN_STATE',
        currentState: 'cancelled',
        planId: plan.id,
      });
    }
    // The plan's cancellation ended its assigned tasks, audited, so they hold no lab capacity
    // and exclude no enterprise: a new plan of the same level draws them again.
    const ended = (await tasksOf(plan.id)).map((x) => [x.state, x.note]);
    expect(new Set(ended.map(String))).toEqual(new Set([String(['cancelled', '计划撤销'])]));
    expect(await auditOf(t.id)).toEqual([
      expect.objectContaining({
        action: 'cancel',
        detail: expect.objectContaining({ to: 'cancelled', byPlanCancel: true }),
      }),
    ]);
    const again = await drawnPlan(6, REGULATOR_HOHHOT, { categories: [CAT_C] });
    expect((await tasksOf(again.id)).map((x) => x.uscc)).toContain(t.uscc);
  });
});
