import { commitmentOf } from '@spotcheck/domain';
import { DrawService } from '../../../apps/inspection-tasks/src/draws/draw.service';
import { DrawsModule } from '../../../apps/inspection-tasks/src/draws/draws.module';
import {
  SEED,
  admin,
  auditOf,
  baotou,
  hohhot,
  makeCommittedPlan,
  makeDrawWorld,
  makePlan,
  tasksOf,
} from '../factories/planning';
import { Medium, medium } from '../support';

describe('DrawService', () => {
  let m: Medium;
  let draws: DrawService;
  beforeAll(async () => {
    m = await medium([DrawsModule]);
    draws = m.get(DrawService);
  });
  afterAll(() => m.close());

  it('draws every eligible enterprise at 100 %, with a pair and a lab each, and audits the plan', async () => {
    const world = await makeDrawWorld(m.ds, { enterprises: 3 });
    const plan = await makeCommittedPlan(m.ds, { categories: [world.category.code] });
    const summary = await draws.draw(hohhot, plan.id, { seed: SEED });
    expect(summary).toMatchObject({
      planId: plan.id,
      eligibleCount: 3,
      tasks: 3,
      unassignedTasks: 0,
      exclusions: 0,
      drawnBy: hohhot.sub,
    });
    const tasks = await tasksOf(m.ds, plan.id);
    expect(tasks.map((t) => t.uscc).sort()).toEqual([...world.usccs].sort());
    for (const t of tasks) {
      expect(t.state).toBe('assigned');
      expect(t.inspectors).toHaveLength(2);
      expect(world.staffNos).toEqual(expect.arrayContaining(t.inspectors ?? []));
      expect(t.labId).not.toBeNull();
      expect(t.dueDate).toBe('2026-06-30');
    }
    const audit = await auditOf(m.ds, plan.id);
    expect(audit.map((a) => a.action)).toEqual(['draw']);
    expect(audit[0].detail).toMatchObject({ from: 'committed', to: 'drawn', drawId: summary.id });
  });

  it('recomputes the stored draw to MATCH and exports the record with its eligible list', async () => {
    const world = await makeDrawWorld(m.ds, { enterprises: 2 });
    const plan = await makeCommittedPlan(m.ds, { categories: [world.category.code] });
    await draws.draw(hohhot, plan.id, { seed: SEED });
    const d = await draws.find(hohhot, { planId: plan.id });
    const v = await draws.verification(d);
    expect(v.verdict).toEqual({ verdict: 'MATCH' });
    const record = JSON.parse([...(await draws.record(d))].join('')) as {
      eligible: { uscc: string }[];
    };
    expect(record.eligible.map((e) => e.uscc).sort()).toEqual([...world.usccs].sort());
  });

  it('keeps the draw of another jurisdiction out of sight, as if absent', async () => {
    const world = await makeDrawWorld(m.ds, { enterprises: 1 });
    const plan = await makeCommittedPlan(m.ds, { categories: [world.category.code] });
    const { id } = await draws.draw(hohhot, plan.id, { seed: SEED });
    await expect(draws.find(admin, { drawId: id })).resolves.toMatchObject({ id });
    await expect(draws.find(baotou, { drawId: id })).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(draws.find(baotou, { planId: plan.id })).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(draws.draw(baotou, plan.id, { seed: SEED })).rejects.toMatchObject({
      kind: 'not_found',
    });
  });

  it('refuses a seed that does not hash to the commitment, leaving the plan committed', async () => {
    const plan = await makeCommittedPlan(m.ds, {
      commitment: commitmentOf('another seed 0123456'),
    });
    await expect(draws.draw(hohhot, plan.id, { seed: SEED })).rejects.toMatchObject({
      kind: 'invalid',
      details: { errors: [{ field: 'seed' }] },
    });
    expect(await tasksOf(m.ds, plan.id)).toEqual([]);
    expect(await auditOf(m.ds, plan.id)).toEqual([]);
  });

  it('draws once: a second draw, or a draw of a draft, names the current state', async () => {
    const world = await makeDrawWorld(m.ds, { enterprises: 1 });
    const plan = await makeCommittedPlan(m.ds, { categories: [world.category.code] });
    await draws.draw(hohhot, plan.id, { seed: SEED });
    await expect(draws.draw(hohhot, plan.id, { seed: SEED })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'ILLEGAL_PLAN_STATE',
      details: { currentState: 'drawn', event: 'draw' },
    });
    const draft = await makePlan(m.ds);
    await expect(draws.draw(hohhot, draft.id, { seed: SEED })).rejects.toMatchObject({
      details: { currentState: 'draft' },
    });
  });

  it('excludes an enterprise checked for the category within 6 months, naming the plan', async () => {
    const world = await makeDrawWorld(m.ds, { enterprises: 2 });
    const first = await makeCommittedPlan(m.ds, { categories: [world.category.code] });
    await draws.draw(hohhot, first.id, { seed: SEED });
    const second = await makeCommittedPlan(m.ds, { categories: [world.category.code] });
    const summary = await draws.draw(hohhot, second.id, { seed: SEED });
    expect(summary).toMatchObject({ eligibleCount: 0, tasks: 0, exclusions: 2 });
    const { items } = await draws.exclusions(await draws.find(hohhot, { planId: second.id }));
    expect(items).toEqual(
      world.usccs.sort().map((uscc) => ({
        uscc,
        category: world.category.code,
        code: 'RECENTLY_CHECKED',
        reason: expect.stringContaining(first.code),
        byPlanCode: first.code,
      })),
    );
  });

  it('pages the tasks of a plan in task order', async () => {
    const world = await makeDrawWorld(m.ds, { enterprises: 3 });
    const plan = await makeCommittedPlan(m.ds, { categories: [world.category.code] });
    await draws.draw(hohhot, plan.id, { seed: SEED });
    const p1 = await draws.tasks(hohhot, plan.id, { limit: 2 });
    expect(p1.items.map((t) => t.taskNo)).toEqual([1, 2]);
    const p2 = await draws.tasks(hohhot, plan.id, { limit: 2, cursor: p1.nextCursor! });
    expect(p2).toMatchObject({ items: [{ taskNo: 3 }], nextCursor: null });
    await expect(draws.tasks(hohhot, plan.id, { limit: 2, cursor: 'junk' })).rejects.toMatchObject({
      kind: 'invalid',
    });
  });
});
