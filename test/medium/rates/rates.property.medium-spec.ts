import { BullModule } from '@nestjs/bullmq';
import fc from 'fast-check';
import { Enterprise, Lab, ProductCategory, Sample } from '@spotcheck/database';
import { addCalendarDays, chinaDayStart } from '@spotcheck/domain';
import { OutcomeRepository } from '../../../apps/worker/src/outcomes/outcome.repository';
import { OutcomeService } from '../../../apps/worker/src/outcomes/outcome.service';
import { RateCellsRepository } from '../../../apps/worker/src/rates/rate-cells.repository';
import { RatesService } from '../../../apps/worker/src/rates/rates.service';
import { makeCategory, makeEnterprise, makeLab } from '../factories';
import {
  IssuedVersion,
  expectedOutcome,
  issueVersionOn,
  makeSampleOn,
} from '../factories/outcomes';
import { makeDraw, makeSamplingPlan } from '../factories/samples';
import { Medium, medium } from '../support';

/**
 * Random histories of issued reports, amendments and days passing, with the worker's jobs
 * delivered late, out of order and twice, among random spot checks and re-inspections (复查,
 * which decide their follow-up case and count in no rate). After each history the rate cells
 * kept incrementally, the cells of a full recompute, and a ground truth this test computes by
 * itself from the history all agree.
 */

type Verdict = 'pass' | 'fail' | 'not_applicable';

type Step =
  | { kind: 'issue'; sample: number; verdict: Verdict; variant: 0 | 1; window: number }
  | { kind: 'advance'; days: number }
  | { kind: 'deliver'; picks: number[]; again: boolean };

interface Spec {
  category: 0 | 1;
  enterprise: 0 | 1;
  stage: 'production' | 'distribution';
  region: '150102' | '150105';
  month: '2025-01-10' | '2025-02-10';
  /** A re-inspection's sample: its task re-inspects the plan's first task. */
  reinspection: boolean;
}

type Issued = IssuedVersion;

/** A job the worker would run, waiting for delivery. */
type Delivery = { kind: 'decide'; sampleId: string } | { kind: 'rates'; sampleIds: string[] };

const spec: fc.Arbitrary<Spec> = fc.record({
  category: fc.constantFrom(0 as const, 1 as const),
  enterprise: fc.constantFrom(0 as const, 1 as const),
  stage: fc.constantFrom('production' as const, 'distribution' as const),
  region: fc.constantFrom('150102' as const, '150105' as const),
  month: fc.constantFrom('2025-01-10' as const, '2025-02-10' as const),
  reinspection: fc.constantFrom(false, false, true),
});

const step = (samples: number): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('issue' as const),
        sample: fc.nat({ max: samples - 1 }),
        verdict: fc.constantFrom<Verdict>('pass', 'fail', 'fail', 'not_applicable'),
        variant: fc.constantFrom(0 as const, 1 as const),
        window: fc.integer({ min: 1, max: 6 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('advance' as const),
        days: fc.integer({ min: 1, max: 10 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('deliver' as const),
        picks: fc.array(fc.nat(), { maxLength: 4 }),
        again: fc.boolean(),
      }),
    },
  );

const history = fc.array(spec, { minLength: 1, maxLength: 6 }).chain((specs) =>
  fc.record({
    specs: fc.constant(specs),
    steps: fc.array(step(specs.length), { maxLength: 30 }),
  }),
);

describe('rates: incremental = full recompute = ground truth', () => {
  let m: Medium;
  let outcomes: OutcomeService;
  let rates: RatesService;
  let categories: ProductCategory[];
  let enterprises: Enterprise[];
  let lab: Lab;
  /** Each history starts after the last one's days, so a sweep never runs time backwards. */
  let base = '2025-03-01';
  beforeAll(async () => {
    m = await medium(
      [
        BullModule.forRoot({
          connection: { url: process.env.REDIS_URL },
          prefix: process.env.QUEUE_PREFIX,
        }),
        BullModule.registerQueue({ name: 'outcomes' }),
      ],
      [OutcomeRepository, OutcomeService, RateCellsRepository, RatesService],
    );
    outcomes = m.get(OutcomeService);
    rates = m.get(RatesService);
    categories = [
      await makeCategory(m.ds, { sector: 'food' }),
      await makeCategory(m.ds, { sector: 'manufacturing' }),
    ];
    enterprises = [
      await makeEnterprise(m.ds, { size: 'small' }),
      await makeEnterprise(m.ds, { size: 'large' }),
    ];
    lab = await makeLab(m.ds);
  });
  afterAll(() => m.close());

  /** The rates outbox rows written since `after`, as deliveries. */
  async function announced(after: string): Promise<{ last: string; found: Delivery[] }> {
    const rows = (await m.ds.query(
      `SELECT id::text, payload FROM outbox WHERE job = 'outcome.changed' AND id > $1 ORDER BY id`,
      [after],
    )) as { id: string; payload: { sampleIds: string[] } }[];
    return {
      last: rows.length ? rows[rows.length - 1].id : after,
      found: rows.map((r) => ({ kind: 'rates', sampleIds: r.payload.sampleIds })),
    };
  }

  async function cellsOf(planId: string) {
    return (await m.ds.query(
      `SELECT category, region_code AS region, enterprise_size AS size, stage,
              period_month::text AS month, pass, fail, pending, excluded
         FROM rate_cell WHERE plan_id = $1 ORDER BY 1, 2, 3, 4, 5`,
      [planId],
    )) as Record<string, unknown>[];
  }

  it('agree after random histories delivered out of order and twice', async () => {
    await fc.assert(
      fc.asyncProperty(history, async ({ specs, steps }) => {
        const plan = await makeSamplingPlan(m.ds, categories[0].code, {
          categories: categories.map((c) => c.code),
        });
        const draw = await makeDraw(m.ds, plan.id);
        // The failure re-inspections follow up: a sample of the plan that has no report here.
        const original = await makeSampleOn(m.ds, {
          plan,
          draw,
          taskNo: 100,
          category: categories[0],
          enterprise: enterprises[0],
          lab,
          stage: 'production',
          regionCode: '150102',
          samplingDate: '2025-01-05',
        });
        const samples: Sample[] = [];
        for (const [i, s] of specs.entries()) {
          samples.push(
            await makeSampleOn(m.ds, {
              plan,
              draw,
              taskNo: i + 1,
              category: categories[s.category],
              enterprise: enterprises[s.enterprise],
              lab,
              stage: s.stage,
              regionCode: s.region,
              samplingDate: s.month,
              reinspectionOf: s.reinspection ? original.taskId : undefined,
            }),
          );
        }
        const issued: Issued[][] = specs.map(() => []);
        const reportIds: string[][] = specs.map(() => []);
        let today = base;
        const now = () => new Date(chinaDayStart(today).getTime() + 10 * 3_600_000);
        let seen = (
          (await m.ds.query(`SELECT coalesce(max(id), 0)::text AS id FROM outbox`)) as {
            id: string;
          }[]
        )[0].id;
        const waiting: Delivery[] = [];
        const run = async (d: Delivery) => {
          if (d.kind === 'decide') await outcomes.decide([d.sampleId], now());
          else await rates.refresh(d.sampleIds);
        };
        const collect = async () => {
          const a = await announced(seen);
          seen = a.last;
          waiting.push(...a.found);
        };

        for (const s of steps) {
          if (s.kind === 'issue') {
            const h = issued[s.sample];
            const deadline = addCalendarDays(today, s.window);
            reportIds[s.sample].push(
              await issueVersionOn(m.ds, {
                sample: samples[s.sample],
                enterprise: enterprises[specs[s.sample].enterprise],
                version: h.length + 1,
                amends: reportIds[s.sample][h.length - 1] ?? null,
                verdict: s.verdict,
                failedItems:
                  s.verdict === 'fail'
                    ? [{ itemCode: 'X1', value: s.variant ? '0.9' : '0.8' }]
                    : [],
                issuedOn: today,
                objectionDeadline: deadline,
              }),
            );
            h.push({ verdict: s.verdict, variant: s.verdict === 'fail' ? s.variant : 0, deadline });
            waiting.push({ kind: 'decide', sampleId: samples[s.sample].id });
          } else if (s.kind === 'advance') {
            today = addCalendarDays(today, s.days);
            // The deadline jobs and the sweep, as the day starts.
            await outcomes.sweep(chinaDayStart(today));
            await collect();
          } else {
            for (const p of s.picks) {
              if (waiting.length === 0) break;
              const [d] = waiting.splice(p % waiting.length, 1);
              await run(d);
              if (s.again) await run(d);
              await collect();
            }
          }
        }
        // Everything still waiting arrives, newest first, and the day's sweep runs.
        while (waiting.length) {
          await run(waiting.pop()!);
          await collect();
        }
        await outcomes.sweep(chinaDayStart(today));
        await collect();
        while (waiting.length) {
          await run(waiting.shift()!);
          await collect();
        }

        const expected = new Map<string, Record<string, unknown>>();
        specs.forEach((sp, i) => {
          const outcome = expectedOutcome(issued[i], today);
          if (outcome === null || sp.reinspection) return;
          const cell = {
            category: categories[sp.category].code,
            region: sp.region,
            size: enterprises[sp.enterprise].size,
            stage: sp.stage,
            month: `${sp.month.slice(0, 7)}-01`,
          };
          const key = JSON.stringify(cell);
          const row = expected.get(key) ?? { ...cell, pass: 0, fail: 0, pending: 0, excluded: 0 };
          (row[outcome] as number)++;
          expected.set(key, row);
        });
        const order = (rows: Record<string, unknown>[]) =>
          [...rows].sort((a, b) =>
            JSON.stringify(Object.values(a)) < JSON.stringify(Object.values(b)) ? -1 : 1,
          );
        const groundTruth = order([...expected.values()]);

        expect(order(await cellsOf(plan.id))).toEqual(groundTruth);
        // The full recompute repairs cells gone wrong, missing or left over, and agrees.
        await m.ds.query(
          `WITH one AS (SELECT ctid FROM rate_cell WHERE plan_id = $1 LIMIT 1)
           DELETE FROM rate_cell WHERE ctid IN (SELECT ctid FROM one)`,
          [plan.id],
        );
        await m.ds.query('UPDATE rate_cell SET pass = pass + 7 WHERE plan_id = $1', [plan.id]);
        await m.ds.query(
          `INSERT INTO rate_cell (plan_id, category, region_code, enterprise_size, stage,
                                  period_month, jurisdiction, sector, pass, fail, pending, excluded)
           VALUES ($1, 'NONE', '150102', 'small', 'production', '2025-01-01', '150100', 'food',
                   1, 0, 0, 0)`,
          [plan.id],
        );
        await rates.recompute();
        expect(order(await cellsOf(plan.id))).toEqual(groundTruth);
        base = addCalendarDays(today, 1);
      }),
      { numRuns: 30 },
    );
  });
});
