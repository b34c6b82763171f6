import { randomInt } from 'node:crypto';
import type { Principal } from '@spotcheck/auth';
import { Enterprise, Lab, ProductCategory, SamplingPlan } from '@spotcheck/database';
import { countiesOf, prefecturesOf, regionFullName } from '@spotcheck/domain';
import { DataSource } from 'typeorm';
import { makeCategory, makeEnterprise, makeLab } from '../factories';
import { claim } from '../../support/claims';
import { freshUscc, unique } from '../support';
import { makeDraw, makeSamplingPlan } from './samples';

/**
 * Final outcomes written straight into the tables, in a county of their own, for the
 * publication tests: a list compiles every final outcome of its jurisdiction's plans, so each
 * test needs a jurisdiction no other test of the run fills.
 */

/** Counties outside Inner Mongolia (which the other tests use), in a random order per run. */
const COUNTIES = ['11', '31', '32', '33', '35', '37', '42', '44', '51', '61']
  .flatMap((p) => prefecturesOf(`${p}0000`))
  .flatMap((c) => countiesOf(c))
  .map((code) => ({ code, key: randomInt(0, 2 ** 31) }))
  .sort((a, b) => a.key - b.key)
  .map((c) => c.code);
let nextCounty = 0;

/**
 * A county no other test of this run publishes in. The order above is shuffled per spec file,
 * so each county is claimed for the whole run (test/support/claims): two files drawing the
 * same county would see each other's outcomes in their lists, feeds and counts.
 */
export function freshJurisdiction(): string {
  while (nextCounty < COUNTIES.length) {
    const code = COUNTIES[nextCounty++];
    if (claim('county', code)) return code;
  }
  throw new Error(`all ${COUNTIES.length} test counties are taken in this run`);
}

/** A regulator of `jurisdiction` with a subject of their own. */
export const regulatorOf = (jurisdiction: string, name = 'reg'): Principal => ({
  sub: unique(`${name}-`),
  role: 'regulator',
  jurisdiction,
});

export interface OutcomeWorld {
  jurisdiction: string;
  category: ProductCategory;
  enterprise: Enterprise;
  manufacturer: Enterprise;
  lab: Lab;
  plan: SamplingPlan;
  drawId: string;
  /** How many tasks the plan has so far. */
  tasks: number;
}

/** A plan of a fresh county with its category, lab, draw and two enterprises of the county. */
export async function makeOutcomeWorld(ds: DataSource, jurisdiction = freshJurisdiction()) {
  const category = await makeCategory(ds, { name: unique('调味品') });
  const enterprise = await makeEnterprise(ds, {
    uscc: freshUscc(jurisdiction),
    regionCode: jurisdiction,
    name: unique('超市'),
    riskClass: 'A',
  });
  const manufacturer = await makeEnterprise(ds, {
    uscc: freshUscc(jurisdiction),
    regionCode: jurisdiction,
    name: unique('食品有限公司'),
    riskClass: 'B',
  });
  const lab = await makeLab(ds, { name: unique('检测中心'), categories: [category.code] });
  const plan = await makeSamplingPlan(ds, category.code, {
    jurisdiction,
    title: unique('抽检计划'),
  });
  const draw = await makeDraw(ds, plan.id);
  const w: OutcomeWorld = {
    jurisdiction,
    category,
    enterprise,
    manufacturer,
    lab,
    plan,
    drawId: draw.id,
    tasks: 0,
  };
  return w;
}

export interface FinalOutcome {
  taskId: string;
  sampleId: string;
  sampleNo: string;
  reportId: string;
}

/**
 * A sample of the world's plan with an issued report and its final outcome: `fail` (measured
 * `value` against ≤0.5 mg/kg) or `pass`, final on `finalOn`; `outcome` may also be `pending`.
 */
export async function makeFinalOutcome(
  ds: DataSource,
  w: OutcomeWorld,
  o: {
    outcome: 'pass' | 'fail' | 'pending';
    finalOn?: string;
    value?: string;
    online?: boolean;
    /** The product's name and brand (default 酱油, 某牌), and the nominal manufacturer's name. */
    product?: string;
    brand?: string;
    manufacturerName?: string;
    /** The task this one re-inspects (复查): its outcome is flagged as a re-inspection's. */
    reinspectionOf?: string;
  },
): Promise<FinalOutcome> {
  const taskNo = ++w.tasks;
  const [task] = (await ds.query(
    `INSERT INTO inspection_task (plan_id, draw_id, task_no, uscc, category, inspectors, lab_id,
                                  due_date, state, state_changed_at, state_changed_by,
                                  reinspection_of)
     VALUES ($1, $2, $3, $4, $5, ARRAY['S-A','S-B'], $6, '2026-12-31', 'sampled', now(), 'medium',
             $7)
     RETURNING id`,
    [
      w.plan.id,
      w.drawId,
      taskNo,
      w.enterprise.uscc,
      w.category.code,
      w.lab.id,
      o.reinspectionOf ?? null,
    ],
  )) as { id: string }[];
  const sampleNo = unique(`PUB-${w.jurisdiction}-`);
  const [sample] = (await ds.query(
    `INSERT INTO sample (sample_no, plan_id, seq, task_id, category, lab_id, stage, sampled_uscc,
                         place_region_code, place_address, online_platform, online_shop,
                         manufacturer_name, manufacturer_address, manufacturer_uscc,
                         product_name, brand, spec, batch_no, production_date, test_quantity,
                         test_unit, backup_quantity, backup_unit, price_paid, inspectors,
                         representative_name, sampled_at, sampling_date, lab_due_date,
                         custody_state, custody_seq, custody_at, created_by)
     VALUES ($1, $2, $3::int, $4, $5, $6, $7, $8, $9, '某区某路1号', $10, $11, $12, '某市工业园2号',
             $13, $14, $15, '500mL/瓶', 'B' || $3::int, '2026-01-10', 2, '瓶', 2, '瓶', 10,
             ARRAY['S-A','S-B'], '代表', '2026-02-01T02:00:00Z', '2026-02-01', '2026-02-08',
             'testing', 1, now(), 'medium')
     RETURNING id`,
    [
      sampleNo,
      w.plan.id,
      taskNo,
      task.id,
      w.category.code,
      w.lab.id,
      o.online ? 'online' : 'distribution',
      w.enterprise.uscc,
      w.jurisdiction,
      o.online ? '某电商平台' : null,
      o.online ? '某旗舰店' : null,
      o.manufacturerName ?? w.manufacturer.name,
      w.manufacturer.uscc,
      o.product ?? '酱油',
      o.brand ?? '某牌',
    ],
  )) as { id: string }[];
  const verdict = o.outcome === 'pass' ? 'pass' : 'fail';
  const failedItems =
    verdict === 'fail'
      ? [
          {
            itemCode: 'X1',
            itemName: '铅（以Pb计）',
            value: o.value ?? '0.8',
            unit: 'mg/kg',
            limit: '≤0.5',
            reason: { zh: '超出限量', en: 'above the limit' },
          },
        ]
      : [];
  const [report] = (await ds.query(
    `INSERT INTO lab_report (lab_id, sample_id, report_no, version, state, verdict, failed_items,
                             issued_by, issued_at, created_by)
     VALUES ($1, $2, $3, 1, 'issued', $4, $5, 'signatory', now(), 'tester') RETURNING id`,
    [w.lab.id, sample.id, unique('JC'), verdict, JSON.stringify(failedItems)],
  )) as { id: string }[];
  const finalOn = o.outcome === 'pending' ? null : (o.finalOn ?? '2026-03-01');
  await ds.query(
    `INSERT INTO sample_outcome (sample_id, plan_id, jurisdiction, category, sector, region_code,
                                 enterprise_size, stage, period_month, lab_id, report_id, version,
                                 verdict, outcome, basis, standing_since, objection_deadline,
                                 final_on, reinspection)
     VALUES ($1, $2, $3, $4, 'manufacturing', $3, 'small', $5, '2026-02-01', $6, $7, 1, $8, $9,
             $10, 1, $11, $12, $13)`,
    [
      sample.id,
      w.plan.id,
      w.jurisdiction,
      w.category.code,
      o.online ? 'online' : 'distribution',
      w.lab.id,
      report.id,
      verdict,
      o.outcome,
      o.outcome === 'pass'
        ? 'pass_issued'
        : o.outcome === 'fail'
          ? 'no_objection'
          : 'objection_window',
      verdict === 'fail' ? '2026-02-27' : null,
      finalOn,
      o.reinspectionOf !== undefined,
    ],
  );
  return { taskId: task.id, sampleId: sample.id, sampleNo, reportId: report.id };
}

/** The full region name a list shows for the world's county. */
export const regionOf = (w: OutcomeWorld) => regionFullName(w.jurisdiction)!;
