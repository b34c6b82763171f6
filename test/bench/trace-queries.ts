import type { DataSource } from 'typeorm';
import { completeUscc } from '@spotcheck/domain';
import { seedSampledPlan } from './sampled-plan';

/** The 10-step custody path of a sample that went through a retest. */
const PATH: [kind: string, state: string][] = [
  ['sampled', 'sampled'],
  ['sealed', 'sealed'],
  ['shipped', 'in_transit'],
  ['received', 'received'],
  ['testing', 'testing'],
  ['backup_retained', 'backup_retained'],
  ['retest_dispatched', 'retest_in_transit'],
  ['received', 'retest_received'],
  ['testing', 'retesting'],
  ['disposed', 'disposed'],
];

/**
 * `samples` samples (and their tasks) of `enterprises` enterprises, each with the 10 custody
 * events of PATH, written set-wise in SQL. Returns sample numbers and USCCs to query.
 */
export async function seedTraceData(
  ds: DataSource,
  samples: number,
  enterprises: number,
): Promise<{ sampleNos: string[]; usccs: string[] }> {
  // Valid USCCs (the trace checks them): '91150102' + 'TB' + a 7-digit number + check.
  const usccs = Array.from({ length: enterprises }, (_, i) =>
    completeUscc(`91150102TB${String(i).padStart(7, '0')}`),
  );
  await ds.query(
    `INSERT INTO enterprise (uscc, name, region_code, size, categories, risk_class)
     SELECT u, '追溯基准企业' || i || '（演示）', '150102', 'small', ARRAY['BENCH-T'],
            (ARRAY['A','B','C','D'])[1 + i % 4]
       FROM unnest($1::text[]) WITH ORDINALITY AS x(u, i)`,
    [usccs],
  );
  // Enterprise n of the list, 1-based, in SQL.
  const USCC_SQL = (n: string) => `($1::text[])[(${n})]`;
  const [lab] = (await ds.query(`
    INSERT INTO lab (name, uscc, cma_no, region_code, categories, capacity)
    VALUES ('追溯基准检验所（演示）', '121501000000000LBX', 'TRACE-BENCH', '150102', ARRAY['BENCH-T'], 1000000)
    RETURNING id`)) as { id: string }[];
  const [retest] = (await ds.query(`
    INSERT INTO lab (name, uscc, cma_no, region_code, categories, capacity)
    VALUES ('追溯基准复检所（演示）', '121501000000000LBY', 'TRACE-BENCH-2', '150102', ARRAY['BENCH-T'], 1000000)
    RETURNING id`)) as { id: string }[];
  const plan = {
    id: await seedSampledPlan(ds, {
      code: 'TRACE-BENCH',
      title: '追溯基准计划（演示）',
      staffPrefix: 'TR',
      staffName: '追溯检查员',
      category: 'BENCH-T',
      labId: lab.id,
      usccs,
      samples,
    }),
  };
  await ds.query(
    `INSERT INTO sample (sample_no, plan_id, seq, task_id, category, lab_id, retest_lab_id, stage,
                         sampled_uscc, place_region_code, place_address, manufacturer_name,
                         manufacturer_uscc, product_name, brand, spec, batch_no, production_date,
                         gtin, test_quantity, test_unit, backup_quantity, backup_unit,
                         price_paid, seal_numbers, inspectors, representative_name, sampled_at,
                         sampling_date, lab_due_date, custody_state, custody_seq, custody_at,
                         arrived_at, created_by)
     SELECT 'TRACE-BENCH-' || lpad(t.task_no::text, 6, '0'), t.plan_id, t.task_no, t.id,
            t.category, t.lab_id, $3, 'production', t.uscc, '150102', '呼和浩特市新城区（演示）',
            '追溯基准生产商（演示）', ${USCC_SQL(`1 + (t.task_no * 7) % ${enterprises}`)},
            '纯牛奶（演示）', '演示牌', '250mL', 'B' || (t.task_no % 5000), '2026-03-01',
            lpad((6900000000000 + t.task_no % 1000)::text, 14, '0'), 2, '盒', 2, '盒', 10.5,
            ARRAY['F' || t.task_no], t.inspectors, '张三', now() - interval '60 days',
            (now() - interval '60 days')::date, (now() - interval '53 days')::date, 'disposed',
            ${PATH.length}, now() - interval '1 day', now() - interval '58 days', 'bench'
       FROM inspection_task t WHERE t.plan_id = $2`,
    [usccs, plan.id, retest.id],
  );
  const kinds = PATH.map(([k]) => `'${k}'`).join(',');
  const states = PATH.map(([, s]) => `'${s}'`).join(',');
  await ds.query(`
    INSERT INTO custody_event (sample_id, seq, kind, state_after, occurred_at, actor, actor_role,
                               actor_org, region_code, address, detail)
    SELECT s.id, k, (ARRAY[${kinds}])[k], (ARRAY[${states}])[k],
           s.sampled_at + (k || ' days')::interval, CASE WHEN k <= 3 THEN 'TR-1' ELSE 'lab' END,
           CASE WHEN k <= 3 THEN 'regulator' ELSE 'lab' END,
           CASE WHEN k <= 3 THEN NULL ELSE s.lab_id::text END, '150102', '呼和浩特市（演示）', '{}'
      FROM sample s, generate_series(1, ${PATH.length}) k
     WHERE s.plan_id = '${plan.id}'`);
  await ds.query('ANALYZE');
  const sampleNos = (
    (await ds.query(`SELECT sample_no FROM sample WHERE plan_id = $1`, [plan.id])) as {
      sample_no: string;
    }[]
  ).map((r) => r.sample_no);
  return { sampleNos, usccs };
}

/** p50/p95/p99 of `n` sequential GETs of `path(i)`, in milliseconds. */
export async function latencies(
  base: string,
  auth: Record<string, string>,
  n: number,
  path: (i: number) => string,
): Promise<{ p50: number; p95: number; p99: number; max: number }> {
  for (let i = 0; i < Math.min(50, n); i++) await fetch(base + path(i), { headers: auth }); // warm
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    const r = await fetch(base + path(i), { headers: auth });
    await r.arrayBuffer();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 200) throw new Error(`${path(i)}: ${r.status}`);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: ms[ms.length - 1] };
}
