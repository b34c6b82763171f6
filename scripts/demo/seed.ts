import type { DataSource } from 'typeorm';
import { recordAudit } from '@spotcheck/common';
import { enqueue } from '@spotcheck/queue';
import {
  DEMO_CATALOG,
  DEMO_LAB_STAFF,
  DEMO_SEED,
  demoEnterprises,
  demoInspectors,
  demoLabs,
} from './demo-data';
import {
  countEnterprises,
  insertCatalog,
  insertEnterprises,
  insertInspectors,
  insertLabs,
  insertLabStaff,
  lockEnterprises,
} from './seed.queries';

export const DEMO_COUNTS = { enterprises: 5000, inspectors: 360, labs: 30 };

/**
 * Loads the synthetic demo directories into an empty database (every name carries （演示）),
 * with a tester, a reviewer and a signatory on the staff of every lab. Returns false, doing
 * nothing, when the directory already has enterprises.
 */
export async function seedDemo(ds: DataSource, counts = DEMO_COUNTS): Promise<boolean> {
  return ds.transaction(async (m) => {
    await lockEnterprises(m);
    if ((await countEnterprises(m)) > 0) return false;
    await insertCatalog(m, DEMO_CATALOG);
    await insertEnterprises(m, [...demoEnterprises(counts.enterprises)]);
    await insertInspectors(m, demoInspectors(counts.inspectors, DEMO_SEED, counts.enterprises));
    const labIds = await insertLabs(m, demoLabs(counts.labs));
    await insertLabStaff(m, labIds, DEMO_LAB_STAFF);
    await recordAudit(m, { sub: 'system', role: 'admin' }, [
      {
        action: 'seed-demo',
        entityType: 'directory',
        detail: {
          synthetic: true,
          catalog: DEMO_CATALOG.length,
          labStaff: DEMO_LAB_STAFF.length,
          ...counts,
        },
      },
    ]);
    await enqueue(m, 'directory.changed', { entity: 'enterprise', count: counts.enterprises });
    return true;
  });
}
