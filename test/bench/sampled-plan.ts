import type { DataSource } from 'typeorm';

/**
 * A plan in its sampling phase with `samples` sampled tasks, written set-wise in SQL for the
 * benchmarks that need samples: 200 inspectors `{staffPrefix}-1…`, the plan, a placeholder
 * draw (the tasks need one; nothing verifies it), the tasks (task i: enterprise 1 + i mod n
 * of `usccs`, lab `labId`) and the plan's sample sequence. Returns the plan's id.
 */
export async function seedSampledPlan(
  ds: DataSource,
  o: {
    code: string;
    title: string;
    staffPrefix: string;
    staffName: string;
    category: string;
    labId: string;
    usccs: string[];
    samples: number;
  },
): Promise<string> {
  await ds.query(
    `INSERT INTO inspector (staff_no, name, region_code, categories)
     SELECT $1 || '-' || i, $2 || i, '150102', ARRAY[$3] FROM generate_series(1, 200) i`,
    [o.staffPrefix, o.staffName, o.category],
  );
  const [plan] = (await ds.query(
    `INSERT INTO sampling_plan (code, title, level, jurisdiction, year, categories, stages, ratios,
                               state, commitment, committed_at)
     VALUES ($1, $2, 'prefecture', '150100', 2026, ARRAY[$3], ARRAY['production'],
             '{"A":300,"B":1000,"C":3000,"D":10000}', 'sampling', repeat('0', 64), now())
     RETURNING id`,
    [o.code, o.title, o.category],
  )) as { id: string }[];
  const [draw] = (await ds.query(
    `INSERT INTO draw (plan_id, algorithm_version, seed, commitment, eligible_digest, strata,
                       record, eligible, drawn_by)
     VALUES ($1, 'spotcheck-draw/1', 'bench', repeat('0', 64), repeat('0', 64), '[]', '{}', '',
             'bench')
     RETURNING id`,
    [plan.id],
  )) as { id: string }[];
  await ds.query(
    `INSERT INTO inspection_task (plan_id, draw_id, task_no, uscc, category, inspectors, lab_id,
                                  due_date, state, state_changed_at, state_changed_by)
     SELECT $2, $3, i, ($1::text[])[1 + i % cardinality($1::text[])], $5,
            ARRAY[$6 || '-' || (1 + i % 200), $6 || '-' || (1 + (i + 1) % 200)], $4,
            '2026-06-30', 'sampled', now(), 'bench'
       FROM generate_series(1, $7::int) i`,
    [o.usccs, plan.id, draw.id, o.labId, o.category, o.staffPrefix, o.samples],
  );
  await ds.query(`INSERT INTO sample_sequence (plan_id, last_seq) VALUES ($1, $2)`, [
    plan.id,
    o.samples,
  ]);
  return plan.id;
}
