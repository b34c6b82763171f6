import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { commitmentOf, completeUscc, verifyDraw } from '@spotcheck/domain';
import type { Principal } from '@spotcheck/auth';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { PublicPortalModule } from '../apps/public-portal/src/app.module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyValue } from '@spotcheck/database';
import {
  ADMIN,
  REGULATOR_BAOTOU,
  REGULATOR_HOHHOT,
  REGULATOR_PROVINCE,
  bootHttp,
  dataSource,
} from './support/app';
import {
  RUN as run,
  apiOf,
  ensureCategory,
  once,
  seedOf as seedFor,
  usccSource,
} from './support/api';

let app: NestFastifyApplication;
let portal: NestFastifyApplication;
/** A fresh valid USCC registered in `region`. */
const uscc = usccSource('DW');
let planSeq = 0;
const planCode = () => `DRAW-2026-${String(++planSeq).padStart(3, '0')}-${process.pid}`;
const seedOf = (n: number) => seedFor('draw', n);

/** Categories of this file only, so other specs' directories do not enter the draws. */
const CAT = `DRW-${run}`;
const CAT_X = `DRX-${run}`;
const STAFF = [1, 2, 3, 4].map((i) => `DRW${run}-${i}`);
const hohhot: string[] = [];
let checked = '';
let labId = '';

const api = apiOf(() => app);
const { get, post, created } = api;

const enterprise = (region: string, categories: string[]) => ({
  uscc: uscc(region),
  name: '抽取测试企业',
  address: '测试地址',
  regionCode: region,
  size: 'small',
  categories,
  riskClass: 'D',
});

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  portal = await bootHttp(PublicPortalModule);
  for (const code of [CAT, CAT_X]) await ensureCategory(api, code);
  for (let i = 0; i < 6; i++) {
    const e = enterprise('150102', [CAT]);
    await created(REGULATOR_HOHHOT, '/api/v1/enterprises', e);
    hohhot.push(e.uscc);
  }
  await created(REGULATOR_BAOTOU, '/api/v1/enterprises', enterprise('150202', [CAT]));
  const x = enterprise('150123', [CAT_X]);
  await created(REGULATOR_HOHHOT, '/api/v1/enterprises', x);
  checked = x.uscc;
  for (const staffNo of STAFF)
    await created(REGULATOR_HOHHOT, '/api/v1/inspectors', {
      staffNo,
      name: '检查员',
      regionCode: '150102',
      categories: [CAT, CAT_X],
    });
  const lab = await created(REGULATOR_HOHHOT, '/api/v1/labs', {
    name: '抽取测试检验所',
    uscc: completeUscc(`12150102DL${run}001`),
    cmaNo: `DRW${run}`,
    regionCode: '150102',
    categories: [CAT, CAT_X],
    capacity: 100,
  });
  labId = lab.id as string;
});
afterAll(async () => {
  await app.close();
  await portal.close();
});

async function committedPlan(
  n: number,
  over: Record<string, unknown> = {},
  p: Principal = REGULATOR_HOHHOT,
) {
  const plan = await created(p, '/api/v1/plans', {
    code: planCode(),
    title: '抽取测试计划',
    level: 'prefecture',
    jurisdiction: '150100',
    year: 2026,
    categories: [CAT],
    stages: ['production'],
    samplingDeadline: '2026-06-30',
    ...over,
  });
  const r = await post(p, `/api/v1/plans/${plan.id as string}/commit`, {
    commitment: commitmentOf(seedOf(n)),
  });
  expect(r.statusCode).toBe(200);
  return plan as { id: string; code: string };
}

const draw = (p: Principal, id: string, seed: string) =>
  post(p, `/api/v1/plans/${id}/draw`, { seed });

interface Task {
  taskNo: number;
  uscc: string;
  category: string;
  inspectors: string[] | null;
  labId: string | null;
  dueDate: string | null;
  state: string;
}

/**
 * Two draws of one plan at once; the plan (CAT and CAT_X, prefecture level) is the one that
 * checked `checked` for CAT_X.
 */
const drawnTwiceAtOnce = once(async () => {
  const plan = await committedPlan(5, { categories: [CAT, CAT_X] });
  const rs = await Promise.all([
    draw(REGULATOR_HOHHOT, plan.id, seedOf(5)),
    draw(REGULATOR_HOHHOT, plan.id, seedOf(5)),
  ]);
  expect(rs.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  const lost = rs.find((r) => r.statusCode === 409);
  expect(lost?.json()).toMatchObject({ code: 'ILLEGAL_PLAN_STATE', currentState: 'drawn' });
  const [{ n }] = (await dataSource(app).query(
    `SELECT count(*)::int AS n FROM draw WHERE plan_id = $1`,
    [plan.id],
  )) as { n: number }[];
  expect(n).toBe(1);
  return plan;
});

describe('the draw of a plan', () => {
  it('draws a committed plan: tasks with two distinct inspectors, verification MATCH', async () => {
    const plan = await committedPlan(1);
    const r = await draw(REGULATOR_HOHHOT, plan.id, seedOf(1));
    expect(r.statusCode).toBe(201);
    const summary = r.json();
    // Class D is drawn at 100 %; the Baotou enterprise is outside the jurisdiction.
    expect(summary).toMatchObject({
      planId: plan.id,
      algorithmVersion: 'spotcheck-draw/1',
      commitment: commitmentOf(seedOf(1)),
      eligibleCount: 6,
      tasks: 6,
      unassignedTasks: 0,
      exclusions: 0,
      drawnBy: REGULATOR_HOHHOT.sub,
    });
    expect(summary.strata).toEqual([{ name: 'D', size: 6, ratioBp: 10000, quota: 6, allotted: 6 }]);

    const planAfter = await get(REGULATOR_HOHHOT, `/api/v1/plans/${plan.id}`);
    expect(planAfter.json().state).toBe('drawn');
    expect((await get(REGULATOR_HOHHOT, `/api/v1/plans/${plan.id}/draw`)).json()).toEqual(summary);

    const page1 = await get(REGULATOR_HOHHOT, `/api/v1/plans/${plan.id}/tasks?limit=4`);
    expect(page1.statusCode).toBe(200);
    const cursor = page1.json().nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const page2 = await get(
      REGULATOR_HOHHOT,
      `/api/v1/plans/${plan.id}/tasks?limit=4&cursor=${cursor}`,
    );
    expect(page2.json().nextCursor).toBeNull();
    const tasks = [...page1.json().items, ...page2.json().items] as Task[];
    expect(tasks.map((t) => t.taskNo)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tasks.map((t) => t.uscc).sort()).toEqual([...hohhot].sort());
    for (const t of tasks) {
      expect(t).toMatchObject({ category: CAT, labId, dueDate: '2026-06-30', state: 'assigned' });
      expect(t.inspectors).toHaveLength(2);
      const [a, b] = t.inspectors as string[];
      expect(a).not.toBe(b);
      expect(STAFF).toContain(a);
      expect(STAFF).toContain(b);
    }

    const v = await get(REGULATOR_HOHHOT, `/api/v1/plans/${plan.id}/draw/verification`);
    expect(v.statusCode).toBe(200);
    expect(v.json().verdict).toEqual({ verdict: 'MATCH' });
    expect(v.json().record.tasks.map((t: { uscc: string }) => t.uscc)).toEqual(
      tasks.map((t) => t.uscc),
    );
    expect(v.json().recordUrl).toBe(`/api/v1/draws/${summary.id as string}/record`);

    // The complete record, as verifiers download it: MATCH, and MISMATCH once tampered with.
    const rec = await get(REGULATOR_HOHHOT, v.json().recordUrl as string);
    expect(rec.statusCode).toBe(200);
    expect(rec.headers['content-disposition']).toContain('attachment');
    const record = rec.json();
    expect(record.eligible).toHaveLength(6);
    // Listed in USCC order, whatever order the draw's COPY stored them in.
    const usccs = (record.eligible as { uscc: string }[]).map((e) => e.uscc);
    expect(usccs).toEqual([...usccs].sort());
    expect(record.eligible[0]).toEqual({
      uscc: expect.any(String),
      riskClass: 'D',
      prefecture: '150100',
      categories: [CAT],
    });
    expect(verifyDraw(record)).toEqual({ verdict: 'MATCH' });
    const tampered = JSON.parse(rec.body);
    tampered.tasks[0].uscc = hohhot.find((u) => u !== tampered.tasks[0].uscc);
    expect(verifyDraw(tampered).verdict).toBe('MISMATCH');
    const shorter = JSON.parse(rec.body);
    shorter.eligible.pop();
    expect(verifyDraw(shorter)).toMatchObject({
      verdict: 'MISMATCH',
      firstDifference: expect.stringContaining('eligibleDigest'),
    });

    // Addressed by the draw's own id too.
    const byId = await get(REGULATOR_HOHHOT, `/api/v1/draws/${summary.id as string}`);
    expect(byId.json()).toEqual(summary);
    const vById = await get(REGULATOR_HOHHOT, `/api/v1/draws/${summary.id as string}/verification`);
    expect(vById.json().verdict).toEqual({ verdict: 'MATCH' });
    // A stored list damaged in the database (here cut short) is a MISMATCH, not a server error.
    const ds = dataSource(app);
    const [{ eligible }] = (await ds.query(`SELECT eligible FROM draw WHERE id = $1`, [
      summary.id,
    ])) as { eligible: Buffer }[];
    for (const damaged of [eligible.subarray(0, eligible.length - 4), Buffer.from('not gzip')]) {
      await ds.query(`UPDATE draw SET eligible = $2 WHERE id = $1`, [summary.id, damaged]);
      const bad = await get(REGULATOR_HOHHOT, `/api/v1/draws/${summary.id as string}/verification`);
      expect(bad.statusCode).toBe(200);
      expect(bad.json().verdict).toEqual({
        verdict: 'MISMATCH',
        firstDifference: expect.stringMatching(
          /^eligible: the stored eligible list cannot be read \(.+\)$/,
        ),
      });
    }
    await ds.query(`UPDATE draw SET eligible = $2 WHERE id = $1`, [summary.id, eligible]);
    expect(
      (await get(REGULATOR_HOHHOT, `/api/v1/draws/${summary.id as string}/verification`)).json()
        .verdict,
    ).toEqual({ verdict: 'MATCH' });
    for (const url of ['', '/verification', '/exclusions', '/record'])
      expect(
        (await get(REGULATOR_BAOTOU, `/api/v1/draws/${summary.id as string}${url}`)).statusCode,
      ).toBe(404);
    expect((await get(REGULATOR_HOHHOT, '/api/v1/draws/not-a-uuid/verification')).statusCode).toBe(
      404,
    );

    const audit = (await dataSource(app).query(
      `SELECT detail FROM audit_log WHERE entity_type = 'sampling_plan' AND entity_id = $1 AND action = 'draw'`,
      [plan.id],
    )) as { detail: Record<string, unknown> }[];
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({ from: 'committed', to: 'drawn', tasks: 6 });

    // The province sees it; another prefecture does not, not even that it exists.
    expect((await get(REGULATOR_PROVINCE, `/api/v1/plans/${plan.id}/draw`)).statusCode).toBe(200);
    for (const url of ['draw', 'draw/verification', 'draw/exclusions', 'tasks'])
      expect((await get(REGULATOR_BAOTOU, `/api/v1/plans/${plan.id}/${url}`)).statusCode).toBe(404);
    expect((await draw(REGULATOR_BAOTOU, plan.id, seedOf(1))).statusCode).toBe(404);
    // Admins read every draw, by plan as by draw id.
    for (const url of ['draw', 'draw/verification', 'draw/exclusions', 'tasks'])
      expect((await get(ADMIN, `/api/v1/plans/${plan.id}/${url}`)).statusCode).toBe(200);

    const again = await draw(REGULATOR_HOHHOT, plan.id, seedOf(1));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ILLEGAL_PLAN_STATE', currentState: 'drawn' });
  });

  it('refuses a seed that does not match the commitment', async () => {
    const plan = await committedPlan(2);
    const r = await draw(REGULATOR_HOHHOT, plan.id, seedOf(3));
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('seed');
    expect(r.json().message).toContain('does not match the commitment');
    const missing = await draw(REGULATOR_HOHHOT, plan.id, undefined as unknown as string);
    expect(missing.statusCode).toBe(400);
    expect((await get(REGULATOR_HOHHOT, `/api/v1/plans/${plan.id}`)).json().state).toBe(
      'committed',
    );
    expect((await get(REGULATOR_HOHHOT, `/api/v1/plans/${plan.id}/draw`)).statusCode).toBe(404);
  });

  it('refuses to draw before the commitment', async () => {
    const plan = await created(REGULATOR_HOHHOT, '/api/v1/plans', {
      code: planCode(),
      title: '未提交承诺',
      level: 'prefecture',
      jurisdiction: '150100',
      year: 2026,
      categories: [CAT],
      stages: ['production'],
    });
    const r = await draw(REGULATOR_HOHHOT, plan.id as string, seedOf(4));
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'ILLEGAL_PLAN_STATE', currentState: 'draft' });
  });

  it('gives two concurrent draws of one plan exactly one success and one 409', () =>
    drawnTwiceAtOnce());

  it('runs draws of different plans one after the other: a shared lab keeps to its capacity', async () => {
    // Two categories, three enterprises each, one lab for both with room for three tasks.
    const cats = [`DRL-${run}`, `DRM-${run}`];
    for (const code of cats) await ensureCategory(api, code);
    for (const code of cats)
      for (let i = 0; i < 3; i++)
        await created(REGULATOR_HOHHOT, '/api/v1/enterprises', enterprise('150102', [code]));
    const lab = await created(REGULATOR_HOHHOT, '/api/v1/labs', {
      name: '容量测试检验所',
      uscc: completeUscc(`12150102DC${run}001`),
      cmaNo: `DRC${run}`,
      regionCode: '150102',
      categories: cats,
      capacity: 3,
    });
    const plans = [
      await committedPlan(30, { categories: [cats[0]] }),
      await committedPlan(31, { categories: [cats[1]] }),
    ];
    // At once: each draw must see the tasks the other gave the lab.
    const rs = await Promise.all(
      plans.map((pl, i) => draw(REGULATOR_HOHHOT, pl.id, seedOf(30 + i))),
    );
    expect(rs.map((r) => r.statusCode)).toEqual([201, 201]);
    const tasks = (
      await Promise.all(
        plans.map(
          async (pl) =>
            (await get(REGULATOR_HOHHOT, `/api/v1/plans/${pl.id}/tasks`)).json().items as Task[],
        ),
      )
    ).flat();
    expect(tasks).toHaveLength(6);
    expect(tasks.filter((t) => t.labId === lab.id)).toHaveLength(3);
  });

  it('writes text, arrays, jsonb and nulls through COPY unchanged (the tasks are COPYed)', async () => {
    const ds = dataSource(app);
    const table = `draw_copy_test_${process.pid}`;
    const nasty = 'a\\b\tc\nd\re"f,{g}';
    const runner = ds.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await client.query(`CREATE TEMP TABLE ${table} (t text, a text[], j jsonb, n text)`);
      const line = [nasty, [nasty, 'x y'], JSON.stringify({ m: nasty }), null]
        .map(copyValue)
        .join('\t');
      await pipeline(
        Readable.from([`${line}\n`]),
        client.query(copyFrom(`COPY ${table} (t, a, j, n) FROM STDIN`)),
      );
      const { rows } = await client.query(`SELECT t, a, j, n FROM ${table}`);
      expect(rows).toEqual([{ t: nasty, a: [nasty, 'x y'], j: { m: nasty }, n: null }]);
    } finally {
      await runner.release();
    }
  });

  it('keeps every task to its own draw and that draw’s plan (one composite key)', async () => {
    const ds = dataSource(app);
    const drawn = await drawnTwiceAtOnce();
    const [task] = (await ds.query(
      `SELECT t.draw_id AS "drawId", t.plan_id AS "planId", t.uscc, t.category
         FROM inspection_task t WHERE t.plan_id = $1 LIMIT 1`,
      [drawn.id],
    )) as { drawId: string; planId: string; uscc: string; category: string }[];
    const other = await committedPlan(40);
    const insert = (drawId: string, planId: string) =>
      ds.query(
        `INSERT INTO inspection_task (plan_id, draw_id, task_no, uscc, category)
         VALUES ($1, $2, 999999, $3, $4)`,
        [planId, drawId, task.uscc, task.category],
      );
    await expect(insert(task.drawId, other.id)).rejects.toMatchObject({
      driverError: { code: '23503', constraint: 'inspection_task_draw_plan_fkey' },
    });
    await expect(insert(randomUUID(), task.planId)).rejects.toMatchObject({
      driverError: { code: '23503' },
    });
  });

  it('excludes an enterprise checked within 6 months at the same level, with the reason', async () => {
    // The concurrent draws' plan drew `checked` for CAT_X (prefecture level, 100 % of class D).
    await drawnTwiceAtOnce();
    const first = (await dataSource(app).query(
      `SELECT p.code FROM inspection_task t JOIN sampling_plan p ON p.id = t.plan_id
        WHERE t.uscc = $1 AND t.category = $2`,
      [checked, CAT_X],
    )) as { code: string }[];
    expect(first).toHaveLength(1);

    const plan = await committedPlan(6, { categories: [CAT_X] });
    const r = await draw(REGULATOR_HOHHOT, plan.id, seedOf(6));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ eligibleCount: 0, tasks: 0, exclusions: 1 });
    const ex = await get(REGULATOR_HOHHOT, `/api/v1/plans/${plan.id}/draw/exclusions`);
    expect(ex.statusCode).toBe(200);
    expect(ex.json().items).toEqual([
      {
        uscc: checked,
        category: CAT_X,
        code: 'RECENTLY_CHECKED',
        byPlanCode: first[0].code,
        reason: expect.stringContaining(first[0].code),
      },
    ]);
    expect(ex.json().items[0].reason).toContain('6 months');
    const v = await get(REGULATOR_HOHHOT, `/api/v1/plans/${plan.id}/draw/verification`);
    expect(v.json().verdict).toEqual({ verdict: 'MATCH' });

    // A provincial plan is a higher level: a prefecture check does not exclude from it, and
    // the previous pair is carried into its record.
    const prov = await committedPlan(
      7,
      { categories: [CAT_X], level: 'provincial', jurisdiction: '150000' },
      REGULATOR_PROVINCE,
    );
    const pr = await draw(REGULATOR_PROVINCE, prov.id, seedOf(7));
    expect(pr.statusCode).toBe(201);
    expect(pr.json()).toMatchObject({ eligibleCount: 1, tasks: 1, exclusions: 0 });
    const pv = await get(REGULATOR_PROVINCE, `/api/v1/plans/${prov.id}/draw/verification`);
    expect(pv.json().verdict).toEqual({ verdict: 'MATCH' });
    expect(pv.json().record.previousPairs).toEqual([
      { uscc: checked, staffNos: expect.any(Array) },
    ]);
    const [t] = (await get(REGULATOR_PROVINCE, `/api/v1/plans/${prov.id}/tasks`)).json()
      .items as Task[];
    const prev = pv.json().record.previousPairs[0].staffNos as string[];
    expect([...(t.inspectors as string[])].sort()).not.toEqual([...prev].sort());
  });
});

describe('exclusions by higher-level plans, workload caps, and publication', () => {
  it('excludes an enterprise in a higher-level plan of the same year, even after 6 months', async () => {
    const CAT_H = `DRH-${run}`;
    await created(ADMIN, '/api/v1/catalog/categories', {
      code: CAT_H,
      name: CAT_H,
      sector: 'manufacturing',
      items: [{ code: 'X1', name: '项目', limit: '≤0.5' }],
    });
    const e = enterprise('150102', [CAT_H]);
    await created(REGULATOR_HOHHOT, '/api/v1/enterprises', e);
    const prov = await committedPlan(
      20,
      { categories: [CAT_H], level: 'provincial', jurisdiction: '150000' },
      REGULATOR_PROVINCE,
    );
    expect((await draw(REGULATOR_PROVINCE, prov.id, seedOf(20))).json()).toMatchObject({
      tasks: 1,
    });
    // The provincial check is now 7 months old: the 6-month rule no longer applies, the
    // same-period rule still does.
    await dataSource(app).query(
      `UPDATE draw SET drawn_at = now() - interval '7 months' WHERE plan_id = $1`,
      [prov.id],
    );
    const local = await committedPlan(21, { categories: [CAT_H] });
    const r = await draw(REGULATOR_HOHHOT, local.id, seedOf(21));
    expect(r.json()).toMatchObject({ eligibleCount: 0, tasks: 0, exclusions: 1 });
    const ex = (await get(REGULATOR_HOHHOT, `/api/v1/plans/${local.id}/draw/exclusions`)).json();
    expect(ex.items).toEqual([
      {
        uscc: e.uscc,
        category: CAT_H,
        code: 'HIGHER_LEVEL_PLAN',
        byPlanCode: prov.code,
        reason: expect.stringContaining('higher level'),
      },
    ]);
    // Another year is another period.
    const next = await committedPlan(22, {
      categories: [CAT_H],
      year: 2027,
      samplingDeadline: '2027-06-30',
    });
    expect((await draw(REGULATOR_HOHHOT, next.id, seedOf(22))).json()).toMatchObject({
      eligibleCount: 1,
      tasks: 1,
      exclusions: 0,
    });
  });

  it('keeps every inspector within the plan’s workload cap and says why tasks went without a pair', async () => {
    const plan = await committedPlan(
      23,
      { level: 'provincial', jurisdiction: '150000', maxTasksPerInspector: 2 },
      REGULATOR_PROVINCE,
    );
    const r = await draw(REGULATOR_PROVINCE, plan.id, seedOf(23));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ tasks: 7, params: { inspectorCapacity: 2 } });
    const tasks = (await get(REGULATOR_PROVINCE, `/api/v1/plans/${plan.id}/tasks`)).json()
      .items as (Task & { unassigned: { inspectors?: { code: string } } | null })[];
    const load = new Map<string, number>();
    for (const t of tasks) for (const s of t.inspectors ?? []) load.set(s, (load.get(s) ?? 0) + 1);
    expect(Math.max(...load.values())).toBeLessThanOrEqual(2);
    const without = tasks.filter((t) => t.inspectors === null);
    // Four inspectors with two tasks each cover at most four tasks of seven.
    expect(without.length).toBeGreaterThanOrEqual(3);
    for (const t of without) expect(t.unassigned?.inspectors?.code).toEqual(expect.any(String));
    const v = await get(REGULATOR_PROVINCE, `/api/v1/plans/${plan.id}/draw/verification`);
    expect(v.json().verdict).toEqual({ verdict: 'MATCH' });
  });

  it('publishes a draw only once its plan has closed', async () => {
    const CAT_P = `DRP-${run}`;
    await created(ADMIN, '/api/v1/catalog/categories', {
      code: CAT_P,
      name: CAT_P,
      sector: 'manufacturing',
      items: [{ code: 'X1', name: '项目', limit: '≤0.5' }],
    });
    for (let i = 0; i < 2; i++)
      await created(REGULATOR_HOHHOT, '/api/v1/enterprises', enterprise('150102', [CAT_P]));
    const plan = await committedPlan(
      24,
      { categories: [CAT_P], level: 'provincial', jurisdiction: '150000' },
      REGULATOR_PROVINCE,
    );
    const drawn = await draw(REGULATOR_PROVINCE, plan.id, seedOf(24));
    expect(drawn.statusCode).toBe(201);
    const drawId = drawn.json().id as string;
    const pub = (url: string) => portal.inject({ url: `/api/v1/public/draws${url}` });

    expect((await pub(`/${drawId}/verification`)).statusCode).toBe(404);
    expect((await pub(`/${drawId}/record`)).statusCode).toBe(404);
    expect(
      (await pub('?year=2026')).json().items.map((d: { drawId: string }) => d.drawId),
    ).not.toContain(drawId);

    const act = (what: string) => post(REGULATOR_PROVINCE, `/api/v1/plans/${plan.id}/${what}`);
    expect((await act('close')).json()).toMatchObject({ code: 'ILLEGAL_PLAN_STATE' });
    expect((await act('start-sampling')).json()).toMatchObject({ state: 'sampling' });
    expect((await pub(`/${drawId}/verification`)).statusCode).toBe(404);
    const planTasks = (await get(REGULATOR_PROVINCE, `/api/v1/plans/${plan.id}/tasks`)).json()
      .items as { id: string }[];
    expect(planTasks).toHaveLength(2);
    // A field outcome that needs no sampling record (those have their own spec): the tasks
    // may have no inspector pair or lab here.
    const finish = (taskId: string) =>
      post(REGULATOR_PROVINCE, `/api/v1/tasks/${taskId}/unable`, { reason: 'no_product' });
    expect((await finish(planTasks[0].id)).statusCode).toBeLessThan(300);
    const open = await act('close');
    expect(open.statusCode).toBe(409);
    expect(open.json()).toMatchObject({ code: 'TASKS_OPEN', openTasks: 1 });
    expect((await finish(planTasks[1].id)).statusCode).toBeLessThan(300);
    expect((await act('close')).json()).toMatchObject({ state: 'closed' });

    const v = await pub(`/${drawId}/verification`);
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({ drawId, verdict: { verdict: 'MATCH' } });
    const rec = await pub(`/${drawId}/record`);
    expect(verifyDraw(rec.json())).toEqual({ verdict: 'MATCH' });
    const list = (await pub('?year=2026&jurisdiction=150000')).json();
    expect(list.items.find((d: { drawId: string }) => d.drawId === drawId)).toMatchObject({
      planCode: plan.code,
      level: 'provincial',
      eligibleCount: expect.any(Number),
    });
    expect((await pub('?jurisdiction=abc')).statusCode).toBe(400);
  });
});
