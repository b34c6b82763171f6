import { DomainError } from '@spotcheck/domain';
import { PlanService } from '../../../apps/inspection-tasks/src/plans/plan.service';
import { PlansModule } from '../../../apps/inspection-tasks/src/plans/plans.module';
import {
  admin,
  auditOf,
  baotou,
  hohhot,
  makeCommittedPlan,
  makePlan,
  makeDrawWorld,
  tasksOf,
} from '../factories/planning';
import { makeCategory } from '../factories';
import { Medium, medium, unique } from '../support';
import { DrawService } from '../../../apps/inspection-tasks/src/draws/draw.service';
import { DrawsModule } from '../../../apps/inspection-tasks/src/draws/draws.module';
import { SEED } from '../factories/planning';

describe('PlanService', () => {
  let m: Medium;
  let plans: PlanService;
  beforeAll(async () => {
    m = await medium([PlansModule, DrawsModule]);
    plans = m.get(PlanService);
  });
  afterAll(() => m.close());

  const draft = async (categories: string[]) =>
    plans.create(hohhot, {
      code: unique('PLAN-'),
      title: '乳制品抽查',
      level: 'prefecture',
      jurisdiction: '150100',
      year: 2026,
      categories,
      stages: ['production'],
    });

  it('creates a draft with the default ratios and audits it in the same transaction', async () => {
    const cat = await makeCategory(m.ds);
    const plan = await draft([cat.code]);
    expect(plan).toMatchObject({ state: 'draft', ratios: { A: 300, B: 1000, C: 3000, D: 10000 } });
    expect((await auditOf(m.ds, plan.id)).map((a) => a.action)).toEqual(['create']);
  });

  it('refuses an unknown category and a jurisdiction outside the caller, writing nothing', async () => {
    const code = unique('PLAN-');
    await expect(
      plans.create(hohhot, {
        code,
        title: 't',
        level: 'prefecture',
        jurisdiction: '150200',
        year: 2026,
        categories: ['NO-SUCH-CATEGORY'],
        stages: ['production'],
      }),
    ).rejects.toMatchObject({
      kind: 'invalid',
      details: {
        errors: [
          { field: 'jurisdiction', reason: '150200 is outside your jurisdiction' },
          { field: 'categories', reason: 'unknown product category NO-SUCH-CATEGORY' },
        ],
      },
    });
    expect(
      await plans.list(admin, { limit: 500 }).then((p) => p.items.map((x) => x.code)),
    ).not.toContain(code);
  });

  it("answers another jurisdiction's plan and a missing one alike: not found", async () => {
    const plan = await makePlan(m.ds);
    await expect(plans.get(hohhot, plan.id)).resolves.toMatchObject({ id: plan.id });
    await expect(plans.get(admin, plan.id)).resolves.toMatchObject({ id: plan.id });
    const outside = plans.get(baotou, plan.id);
    await expect(outside).rejects.toBeInstanceOf(DomainError);
    await expect(outside).rejects.toMatchObject({ kind: 'not_found', code: 'NOT_FOUND' });
    await expect(plans.get(hohhot, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      kind: 'not_found',
    });
    const listed = await plans.list(baotou, { limit: 500 });
    expect(listed.items.map((p) => p.id)).not.toContain(plan.id);
  });

  it('refuses to edit a committed plan, naming its state', async () => {
    const plan = await makeCommittedPlan(m.ds);
    await expect(plans.update(hohhot, plan.id, { title: '新标题' })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'ILLEGAL_PLAN_STATE',
      details: { currentState: 'committed', event: 'update' },
    });
    expect(await auditOf(m.ds, plan.id)).toEqual([]);
  });

  it('commits once: a second commit is an illegal transition', async () => {
    const plan = await makePlan(m.ds);
    const commitment = 'a'.repeat(64);
    await expect(plans.commit(hohhot, plan.id, { commitment })).resolves.toMatchObject({
      state: 'committed',
      commitment,
    });
    await expect(plans.commit(hohhot, plan.id, { commitment })).rejects.toMatchObject({
      code: 'ILLEGAL_PLAN_STATE',
      details: { currentState: 'committed', event: 'commit' },
    });
    await expect(plans.commit(hohhot, plan.id, { commitment: 'x' })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });

  it('cancels a drawn plan with its assigned tasks, each audited', async () => {
    const world = await makeDrawWorld(m.ds);
    const plan = await makeCommittedPlan(m.ds, { categories: [world.category.code] });
    await m.get(DrawService).draw(hohhot, plan.id, { seed: SEED });
    const cancelled = await plans.cancel(hohhot, plan.id, { reason: '计划调整' });
    expect(cancelled.state).toBe('cancelled');
    const tasks = await tasksOf(m.ds, plan.id);
    expect(tasks).toHaveLength(world.usccs.length);
    expect(tasks.every((t) => t.state === 'cancelled' && t.note === '计划调整')).toBe(true);
    const audit = await auditOf(m.ds, tasks[0].id);
    expect(audit.map((a) => [a.action, a.detail?.byPlanCancel])).toEqual([['cancel', true]]);
    expect((await auditOf(m.ds, plan.id)).at(-1)?.detail).toMatchObject({
      tasksCancelled: world.usccs.length,
    });
  });

  it('does not close a plan while a task is still assigned', async () => {
    const world = await makeDrawWorld(m.ds, { enterprises: 1 });
    const plan = await makeCommittedPlan(m.ds, { categories: [world.category.code] });
    await m.get(DrawService).draw(hohhot, plan.id, { seed: SEED });
    await plans.startSampling(hohhot, plan.id);
    await expect(plans.close(hohhot, plan.id)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'TASKS_OPEN',
      details: { openTasks: 1 },
    });
    await expect(plans.get(hohhot, plan.id)).resolves.toMatchObject({ state: 'sampling' });
  });
});
