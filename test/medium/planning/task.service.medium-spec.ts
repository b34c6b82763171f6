import type { Principal } from '@spotcheck/auth';
import { AuditLog, InspectionTask, SamplingPlan } from '@spotcheck/database';
import { DrawService } from '../../../apps/inspection-tasks/src/draws/draw.service';
import { DrawsModule } from '../../../apps/inspection-tasks/src/draws/draws.module';
import { TaskService } from '../../../apps/inspection-tasks/src/tasks/task.service';
import { TasksModule } from '../../../apps/inspection-tasks/src/tasks/tasks.module';
import {
  SEED,
  admin,
  auditOf,
  baotou,
  hohhot,
  makeCommittedPlan,
  makeDrawWorld,
  tasksOf,
} from '../factories/planning';
import { makeInspector } from '../factories';
import { Medium, medium } from '../support';

describe('TaskService', () => {
  let m: Medium;
  let tasks: TaskService;
  beforeAll(async () => {
    m = await medium([DrawsModule, TasksModule]);
    tasks = m.get(TaskService);
  });
  afterAll(() => m.close());

  /** A drawn plan of Hohhot over a fresh category, with its tasks and spare inspectors. */
  async function drawn(enterprises = 1) {
    const world = await makeDrawWorld(m.ds, { enterprises, inspectors: 4 });
    const plan = await makeCommittedPlan(m.ds, { categories: [world.category.code] });
    await m.get(DrawService).draw(hohhot, plan.id, { seed: SEED });
    return { world, plan, tasks: await tasksOf(m.ds, plan.id) };
  }

  it('lists and shows the tasks of the caller’s jurisdiction, with plan and enterprise', async () => {
    const {
      plan,
      tasks: [t],
    } = await drawn();
    const page = await tasks.list(hohhot, { limit: 50, planId: plan.id });
    expect(page.items).toEqual([
      expect.objectContaining({
        id: t.id,
        planCode: plan.code,
        uscc: t.uscc,
        overdue: expect.any(Boolean),
      }),
    ]);
    await expect(tasks.get(admin, t.id)).resolves.toMatchObject({ id: t.id, reassignments: [] });
  });

  it("answers another jurisdiction's task as absent, for reads and writes", async () => {
    const {
      plan,
      tasks: [t],
    } = await drawn();
    await expect(tasks.get(baotou, t.id)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(tasks.cancel(baotou, t.id, { reason: 'x' })).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect((await tasks.list(baotou, { limit: 50, planId: plan.id })).items).toEqual([]);
    await expect(tasks.get(hohhot, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      kind: 'not_found',
    });
  });

  it('refuses roles that do not work on tasks', async () => {
    const lab: Principal = { sub: 'lab', role: 'lab', org: '00000000-0000-4000-8000-000000000000' };
    await expect(tasks.list(lab, { limit: 1 })).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('cancels an assigned task once: a second cancel names the current state', async () => {
    const {
      tasks: [t],
    } = await drawn();
    const done = await tasks.cancel(hohhot, t.id, { reason: '企业已列入其他计划抽查' });
    expect(done).toMatchObject({ state: 'cancelled', note: '企业已列入其他计划抽查' });
    await expect(tasks.cancel(hohhot, t.id, { reason: 'again' })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'ILLEGAL_TASK_STATE',
      details: { currentState: 'cancelled', event: 'cancel' },
    });
    expect((await auditOf(m.ds, t.id)).map((a) => a.action)).toEqual(['cancel']);
  });

  it('moves a drawn plan to sampling with the first field outcome, audited together', async () => {
    const {
      plan,
      tasks: [t],
    } = await drawn();
    const done = await tasks.unable(hohhot, t.id, { reason: 'refused' });
    expect(done).toMatchObject({
      state: 'unable_to_sample',
      unableReason: 'refused',
      violation: true,
    });
    expect((await m.ds.getRepository(SamplingPlan).findOneByOrFail({ id: plan.id })).state).toBe(
      'sampling',
    );
    const plansAudit = await auditOf(m.ds, plan.id);
    expect(plansAudit.map((a) => a.action)).toEqual(['draw', 'startSampling']);
    expect(plansAudit[1].detail).toMatchObject({ firstTask: t.id, taskEvent: 'unable' });
  });

  it('replaces one member of the pair, keeping the history and the audit', async () => {
    const {
      world,
      tasks: [t],
    } = await drawn();
    const spare = world.staffNos.find((s) => !t.inspectors!.includes(s))!;
    const after = await tasks.reassign(hohhot, t.id, { slot: 2, staffNo: spare, reason: '病假' });
    expect(after.inspectors).toEqual([t.inspectors![0], spare]);
    expect(after.reassignments).toEqual([
      expect.objectContaining({
        slot: 2,
        oldStaffNo: t.inspectors![1],
        newStaffNo: spare,
        reason: '病假',
      }),
    ]);
    const [audit] = await auditOf(m.ds, t.id);
    expect(audit.detail).toMatchObject({
      changes: [{ slot: 2, from: t.inspectors![1], to: spare }],
    });
  });

  it('refuses an inspector who may not join, with the reason, and writes nothing', async () => {
    const {
      tasks: [t],
    } = await drawn();
    const unqualified = await makeInspector(m.ds); // no categories
    const outside = await makeInspector(m.ds, {
      regionCode: '150203',
      categories: [t.category],
    });
    await expect(
      tasks.reassign(hohhot, t.id, { slot: 1, staffNo: unqualified.staffNo, reason: 'x' }),
    ).rejects.toMatchObject({
      kind: 'invalid',
      details: {
        errors: [
          {
            field: 'staffNo',
            reason: `inspector ${unqualified.staffNo} is not qualified for category ${t.category}`,
          },
        ],
      },
    });
    await expect(
      tasks.reassign(hohhot, t.id, {
        replace: t.inspectors![0],
        staffNo: outside.staffNo,
        reason: 'x',
      }),
    ).rejects.toMatchObject({
      details: {
        errors: [{ field: 'staffNo', reason: expect.stringContaining('outside the plan') }],
      },
    });
    await expect(tasks.reassign(hohhot, t.id, { slot: 1, reason: 'x' })).rejects.toMatchObject({
      details: { errors: [{ field: 'staffNo', reason: 'is required with slot' }] },
    });
    const row = await m.ds.getRepository(InspectionTask).findOneByOrFail({ id: t.id });
    expect(row.inspectors).toEqual(t.inspectors);
    expect(await m.ds.getRepository(AuditLog).countBy({ entityId: t.id })).toBe(0);
  });

  it('reassigns only an assigned task', async () => {
    const {
      world,
      tasks: [t],
    } = await drawn();
    await tasks.cancel(hohhot, t.id, { reason: 'x' });
    const spare = world.staffNos.find((s) => !t.inspectors!.includes(s))!;
    await expect(
      tasks.reassign(hohhot, t.id, { slot: 1, staffNo: spare, reason: 'x' }),
    ).rejects.toMatchObject({
      kind: 'conflict',
      code: 'ILLEGAL_TASK_STATE',
      details: { currentState: 'cancelled', event: 'reassign' },
    });
  });

  it("lists the caller's own tasks by the token's staff number", async () => {
    const {
      tasks: [t],
    } = await drawn();
    const me: Principal = { ...hohhot, staffNo: t.inspectors![0] };
    const mine = await tasks.mine(me, { limit: 500 });
    expect(mine.items.map((x) => x.id)).toContain(t.id);
    await expect(tasks.mine(hohhot, { limit: 1 })).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
