import type { DataSource } from 'typeorm';
import { AccountRepository, hashPassword } from '@spotcheck/auth';
import { recordAudit } from '@spotcheck/common';
import { enqueue } from '@spotcheck/queue';
import {
  DEMO_ACCOUNTS,
  DEMO_CATALOG,
  DEMO_LAB_STAFF,
  DEMO_PASSWORD,
  type DemoAccount,
  DEMO_SEED,
  demoEnterprises,
  demoInspectors,
  demoLabs,
} from './demo-data';
import {
  countEnterprises,
  demoAccountHomes,
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

/**
 * Adds the demo accounts (DEMO_ACCOUNTS, password DEMO_PASSWORD) that are missing, leaving any
 * that exist as they are (a changed password stays changed). An account whose home the
 * directories lack (no lab, no Xincheng enterprise) is left out. Returns those that exist now.
 */
export async function seedDemoAccounts(ds: DataSource): Promise<DemoAccount[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const accounts = new AccountRepository();
  return ds.transaction(async (m) => {
    const home = await demoAccountHomes(m);
    const rows = DEMO_ACCOUNTS.flatMap((a) => {
      const org = a.org === 'lab' ? home.labId : a.org === 'enterprise' ? home.uscc : null;
      if (a.org && !org) return [];
      return [
        {
          account: a,
          userName: a.userName,
          displayName: a.displayName,
          role: a.role,
          jurisdiction: a.jurisdiction ?? null,
          org: org ?? null,
          staffNo: a.inspector ? (home.staffNo ?? null) : null,
          disabled: false,
          passwordHash: hash,
          mustChangePassword: a.mustChange === true,
        },
      ];
    });
    const inserted = await accounts.insertMany(
      m,
      rows.map(({ account: _a, ...r }) => r),
    );
    if (inserted.length)
      await recordAudit(m, { sub: 'system', role: 'admin' }, [
        {
          action: 'seed-demo',
          entityType: 'account',
          detail: { synthetic: true, accounts: inserted },
        },
      ]);
    return rows.map((r) => r.account);
  });
}
