import type { DataSource } from 'typeorm';
import { recordAudit } from '@spotcheck/common';
import { enqueue } from '@spotcheck/queue';
import { DEMO_CATALOG, DEMO_SEED, demoEnterprises, demoInspectors, demoLabs } from './demo-data';

export const DEMO_COUNTS = { enterprises: 5000, inspectors: 360, labs: 30 };

/**
 * Loads the synthetic demo directories into an empty database (every name carries （演示）).
 * Returns false, doing nothing, when the directory already has enterprises.
 */
export async function seedDemo(ds: DataSource, counts = DEMO_COUNTS): Promise<boolean> {
  return ds.transaction(async (m) => {
    await m.query('LOCK TABLE enterprise IN EXCLUSIVE MODE');
    const [{ n }] = (await m.query('SELECT count(*)::int AS n FROM enterprise')) as { n: number }[];
    if (n > 0) return false;

    await m.query(
      `INSERT INTO product_category (code, name, sector, items)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) ON CONFLICT (code) DO NOTHING`,
      [
        DEMO_CATALOG.map((c) => c.code),
        DEMO_CATALOG.map((c) => c.name),
        DEMO_CATALOG.map((c) => c.sector),
        DEMO_CATALOG.map((c) => JSON.stringify(c.items)),
      ],
    );
    const e = [...demoEnterprises(counts.enterprises)];
    await m.query(
      `INSERT INTO enterprise (uscc, name, address, region_code, size, categories, risk_class, status)
       SELECT u, n, a, r, s, string_to_array(c, ';'), k, st
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS t(u, n, a, r, s, c, k, st)`,
      [
        e.map((x) => x.uscc),
        e.map((x) => x.name),
        e.map((x) => x.address),
        e.map((x) => x.regionCode),
        e.map((x) => x.size),
        e.map((x) => x.categories.join(';')),
        e.map((x) => x.riskClass),
        e.map((x) => x.status),
      ],
    );
    const i = demoInspectors(counts.inspectors, DEMO_SEED, counts.enterprises);
    await m.query(
      `INSERT INTO inspector (staff_no, name, region_code, unit, categories, active, conflicts)
       SELECT s, n, r, u, string_to_array(c, ';'), a, coalesce(string_to_array(NULLIF(x, ''), ';'), '{}')
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::text[]) AS t(s, n, r, u, c, a, x)`,
      [
        i.map((x) => x.staffNo),
        i.map((x) => x.name),
        i.map((x) => x.regionCode),
        i.map((x) => x.unit),
        i.map((x) => x.categories.join(';')),
        i.map((x) => x.active),
        i.map((x) => x.conflicts.join(';')),
      ],
    );
    const l = demoLabs(counts.labs);
    await m.query(
      `INSERT INTO lab (name, uscc, cma_no, region_code, categories, capacity, active)
       SELECT n, u, c, r, string_to_array(k, ';'), cap, a
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::bool[]) AS t(n, u, c, r, k, cap, a)`,
      [
        l.map((x) => x.name),
        l.map((x) => x.uscc),
        l.map((x) => x.cmaNo),
        l.map((x) => x.regionCode),
        l.map((x) => x.categories.join(';')),
        l.map((x) => x.capacity),
        l.map((x) => x.active),
      ],
    );
    await recordAudit(m, { sub: 'system', role: 'admin' }, [
      {
        action: 'seed-demo',
        entityType: 'directory',
        detail: { synthetic: true, catalog: DEMO_CATALOG.length, ...counts },
      },
    ]);
    await enqueue(m, 'directory.changed', { entity: 'enterprise', count: counts.enterprises });
    return true;
  });
}
