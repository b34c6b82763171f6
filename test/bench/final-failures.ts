import type { DataSource } from 'typeorm';
import { completeUscc, countiesOf } from '@spotcheck/domain';
import { seedSampledPlan } from './sampled-plan';

const CATEGORY = 'BENCH-PUB';
/** The plan's jurisdiction (seedSampledPlan's prefecture plan): Hohhot. */
export const FAILURES_JURISDICTION = '150100';

/** A failed item as an issued report stores it, one of a few, by sample. */
const FAILED_ITEMS = [
  { itemCode: 'PB', itemName: '铅（以Pb计）', value: '0.82', unit: 'mg/kg', limit: '≤0.5' },
  { itemCode: 'APC', itemName: '菌落总数', value: '230000', unit: 'CFU/g', limit: '≤100000' },
  {
    itemCode: 'BENZ',
    itemName: '苯甲酸及其钠盐（以苯甲酸计）',
    value: '1.6',
    unit: 'g/kg',
    limit: '≤1.0',
  },
  { itemCode: 'SALM', itemName: '沙门氏菌', value: '检出', unit: '/25g', limit: '不得检出' },
].map((f) => ({ ...f, reason: { zh: '不符合标准要求', en: 'does not meet the standard' } }));

/**
 * `failures` samples of one plan of Hohhot with an issued failing report and a final `fail`
 * outcome (no objection, final 20 days ago), written set-wise in SQL for the publication
 * benchmark: a sampled unit per five samples and a manufacturer per twenty, spread over the
 * prefecture's counties; one failed item per sample, two for every third. Nothing is listed
 * yet, so the jurisdiction's next list holds them all. Returns the plan's id.
 */
export async function seedFinalFailures(
  ds: DataSource,
  failures: number,
  /** Product names, brands and manufacturer names to spread over the samples instead. */
  names?: { products: string[]; brands: string[]; makers: string[] },
): Promise<string> {
  const counties = [...countiesOf(FAILURES_JURISDICTION)];
  const units = Array.from({ length: Math.max(1, Math.ceil(failures / 5)) }, (_, i) =>
    completeUscc(`92150102PU${String(i).padStart(7, '0')}`),
  );
  const makers = Array.from({ length: Math.max(1, Math.ceil(failures / 20)) }, (_, i) =>
    completeUscc(`91150102PM${String(i).padStart(7, '0')}`),
  );
  await ds.query(
    `INSERT INTO product_category (code, name, sector, items)
     VALUES ($1, '调味品（基准）', 'food', '[]'::jsonb)`,
    [CATEGORY],
  );
  await ds.query(
    `INSERT INTO enterprise (uscc, name, region_code, size, categories, risk_class)
     SELECT u, CASE WHEN k = 'u' THEN '公告基准超市' ELSE '公告基准食品有限公司' END || i || '（演示）',
            ($3::text[])[1 + i % cardinality($3::text[])],
            (ARRAY['micro','small','small','medium','large'])[1 + i % 5], ARRAY[$4],
            (ARRAY['A','A','B','C'])[1 + i % 4]
       FROM (SELECT u, i, 'u' AS k FROM unnest($1::text[]) WITH ORDINALITY AS x(u, i)
             UNION ALL
             SELECT u, i, 'm' FROM unnest($2::text[]) WITH ORDINALITY AS x(u, i)) e`,
    [units, makers, counties, CATEGORY],
  );
  const [lab] = (await ds.query(
    `INSERT INTO lab (name, uscc, cma_no, region_code, categories, capacity)
     VALUES ('公告基准检验检测中心（演示）', '121501000000000LBP', 'PUB-BENCH', '150102',
             ARRAY[$1], 1000000)
     RETURNING id`,
    [CATEGORY],
  )) as { id: string }[];
  const planId = await seedSampledPlan(ds, {
    code: 'PUB-BENCH',
    title: '2026年呼和浩特市食品安全监督抽检计划（基准）',
    staffPrefix: 'PB',
    staffName: '公告检查员',
    category: CATEGORY,
    labId: lab.id,
    usccs: units,
    samples: failures,
  });
  await ds.query(
    `INSERT INTO sample (sample_no, plan_id, seq, task_id, category, lab_id, stage, sampled_uscc,
                         place_region_code, place_address, manufacturer_name,
                         manufacturer_address, manufacturer_uscc, product_name, brand, spec,
                         batch_no, production_date, test_quantity, test_unit, backup_quantity,
                         backup_unit, price_paid, seal_numbers, inspectors, representative_name,
                         sampled_at, sampling_date, lab_due_date, custody_state, custody_seq,
                         custody_at, created_by)
     SELECT 'PB-2026-' || lpad(t.task_no::text, 6, '0'), t.plan_id, t.task_no, t.id, t.category,
            t.lab_id, 'distribution', t.uscc, e.region_code,
            '某区某路' || (t.task_no % 300) || '号（演示）',
            coalesce(($5::text[])[1 + (t.task_no / 3) % cardinality($5::text[])] || (m.i % 50),
                     '公告基准食品有限公司' || m.i || '（演示）'),
            '某市工业园' || (m.i % 50) || '号（演示）', m.u,
            coalesce(($3::text[])[1 + t.task_no % cardinality($3::text[])],
                     (ARRAY['酱油','食醋','料酒','蚝油','鸡精调味料'])[1 + t.task_no % 5]),
            coalesce(($4::text[])[1 + (t.task_no / 7) % cardinality($4::text[])], '演示牌'),
            (ARRAY['500mL/瓶','1.8L/瓶','250g/袋'])[1 + t.task_no % 3], 'B' || (t.task_no % 5000),
            '2026-01-10', 2, '瓶', 2, '瓶', 10.5, ARRAY['F' || t.task_no], t.inspectors, '张三',
            now() - interval '60 days', (now() - interval '60 days')::date,
            (now() - interval '53 days')::date, 'testing', 1, now() - interval '50 days', 'bench'
       FROM inspection_task t
       JOIN enterprise e ON e.uscc = t.uscc
       JOIN unnest($2::text[]) WITH ORDINALITY AS m(u, i)
         ON m.i = 1 + t.task_no % cardinality($2::text[])
      WHERE t.plan_id = $1`,
    [planId, makers, names?.products ?? null, names?.brands ?? null, names?.makers ?? null],
  );
  await ds.query(
    `INSERT INTO lab_report (lab_id, sample_id, report_no, version, state, verdict, failed_items,
                             issued_by, issued_at, created_by)
     SELECT s.lab_id, s.id, 'PB-RPT-' || lpad(s.seq::text, 6, '0'), 1, 'issued', 'fail',
            CASE WHEN s.seq % 3 = 0
                 THEN jsonb_build_array($1::jsonb -> (s.seq % 4), $1::jsonb -> ((s.seq + 1) % 4))
                 ELSE jsonb_build_array($1::jsonb -> (s.seq % 4)) END,
            'bench-signatory', now() - interval '40 days', 'bench-tester'
       FROM sample s WHERE s.plan_id = $2`,
    [JSON.stringify(FAILED_ITEMS), planId],
  );
  await ds.query(
    `INSERT INTO sample_outcome (sample_id, plan_id, jurisdiction, category, sector, region_code,
                                 enterprise_size, stage, period_month, lab_id, report_id, version,
                                 verdict, outcome, basis, standing_since, objection_deadline,
                                 final_on)
     SELECT s.id, s.plan_id, $2, s.category, 'food', s.place_region_code, e.size, s.stage,
            date_trunc('month', s.sampling_date), s.lab_id, r.id, 1, 'fail', 'fail',
            'no_objection', 1, (now() - interval '21 days')::date,
            (now() - interval '20 days')::date
       FROM sample s
       JOIN enterprise e ON e.uscc = s.sampled_uscc
       JOIN lab_report r ON r.sample_id = s.id
      WHERE s.plan_id = $1`,
    [planId, FAILURES_JURISDICTION],
  );
  await ds.query('VACUUM ANALYZE');
  return planId;
}
