import { completeUscc } from '@spotcheck/domain';
import { RUN, type Api, commitAndDraw, ensureCategory, once, seedOf, usccSource } from './api';
import { REGULATOR_HOHHOT } from './app';

/**
 * A drawn plan of Hohhot for a browser test: its own category, `enterprises` enterprises of
 * risk class D (so the draw gives each a task), four qualified inspectors and a lab, all named
 * by `tag` and this run; then a prefecture plan committed and drawn by REGULATOR_HOHHOT.
 *
 *   const world = hohhotDrawnPlan(api, { tag: 'CTK', usccMark: 'CT', … });
 *   beforeAll(async () => { h = await startConsole(…); await world.setup(); });
 *   const { id, tasks } = await world.drawn();
 */
export interface DrawnPlanOptions {
  /** Names the category (`<tag>-<run>`), staff numbers, lab and plan code. */
  tag: string;
  /** Two letters of the enterprises' and lab's USCCs. */
  usccMark: string;
  enterprises: number;
  enterpriseName: string;
  enterpriseAddress: string;
  labName: string;
  planTitle: string;
  /** The test file's name for its draw seed (seedOf). */
  seedName: string;
}

export interface DrawnPlan<T> {
  category: string;
  /** The four qualified inspectors' staff numbers. */
  staff: string[];
  setup(): Promise<void>;
  drawn(): Promise<{ id: string; code: string; tasks: T[] }>;
}

export function hohhotDrawnPlan<T = { id: string }>(api: Api, o: DrawnPlanOptions): DrawnPlan<T> {
  const uscc = usccSource(o.usccMark, '150102');
  const category = `${o.tag}-${RUN}`;
  const staff = [1, 2, 3, 4].map((i) => `${o.tag}${RUN}-${i}`);
  return {
    category,
    staff,
    async setup() {
      await ensureCategory(api, category);
      for (let i = 0; i < o.enterprises; i++)
        await api.created(REGULATOR_HOHHOT, '/api/v1/enterprises', {
          uscc: uscc(),
          name: `${o.enterpriseName}${i}`,
          address: o.enterpriseAddress,
          regionCode: '150102',
          size: 'small',
          categories: [category],
          riskClass: 'D',
        });
      for (const staffNo of staff)
        await api.created(REGULATOR_HOHHOT, '/api/v1/inspectors', {
          staffNo,
          name: '检查员',
          regionCode: '150102',
          categories: [category],
        });
      await api.created(REGULATOR_HOHHOT, '/api/v1/labs', {
        name: o.labName,
        uscc: completeUscc(`12150102${o.usccMark}${RUN}001`),
        cmaNo: `${o.tag}${RUN}`,
        regionCode: '150102',
        categories: [category],
        capacity: 100,
      });
    },
    drawn: once(async () => {
      const plan = await api.created(REGULATOR_HOHHOT, '/api/v1/plans', {
        code: `${o.tag}-2026-${process.pid}`,
        title: o.planTitle,
        level: 'prefecture',
        jurisdiction: '150100',
        year: 2026,
        categories: [category],
        stages: ['production'],
        samplingDeadline: '2099-12-31',
      });
      const id = plan.id as string;
      await commitAndDraw(api, REGULATOR_HOHHOT, id, seedOf(o.seedName, 1));
      const r = await api.get(REGULATOR_HOHHOT, `/api/v1/tasks?planId=${id}&limit=100`);
      return { id, code: plan.code as string, tasks: (r.json() as { items: T[] }).items };
    }),
  };
}
