import type { EntityManager } from 'typeorm';
import type {
  DemoCategory,
  DemoEnterprise,
  DemoInspector,
  DemoLab,
  DemoLabStaff,
} from './demo-data';

/** The SQL of the demo seed: set-based inserts, one statement per directory. */

/** Holds off a concurrent seed (or import) until this transaction ends. */
export async function lockEnterprises(m: EntityManager): Promise<void> {
  await m.query('LOCK TABLE enterprise IN EXCLUSIVE MODE');
}

export async function countEnterprises(m: EntityManager): Promise<number> {
  const [{ n }] = (await m.query('SELECT count(*)::int AS n FROM enterprise')) as { n: number }[];
  return n;
}

export async function insertCatalog(m: EntityManager, c: readonly DemoCategory[]): Promise<void> {
  await m.query(
    `INSERT INTO product_category (code, name, sector, items)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) ON CONFLICT (code) DO NOTHING`,
    [
      c.map((x) => x.code),
      c.map((x) => x.name),
      c.map((x) => x.sector),
      c.map((x) => JSON.stringify(x.items)),
    ],
  );
}

export async function insertEnterprises(
  m: EntityManager,
  e: readonly DemoEnterprise[],
): Promise<void> {
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
}

export async function insertInspectors(
  m: EntityManager,
  i: readonly DemoInspector[],
): Promise<void> {
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
}

/** Returns the new labs' ids. */
export async function insertLabs(m: EntityManager, l: readonly DemoLab[]): Promise<string[]> {
  const rows = (await m.query(
    `INSERT INTO lab (name, uscc, cma_no, region_code, categories, capacity, active)
     SELECT n, u, c, r, string_to_array(k, ';'), cap, a
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::bool[]) AS t(n, u, c, r, k, cap, a)
     RETURNING id`,
    [
      l.map((x) => x.name),
      l.map((x) => x.uscc),
      l.map((x) => x.cmaNo),
      l.map((x) => x.regionCode),
      l.map((x) => x.categories.join(';')),
      l.map((x) => x.capacity),
      l.map((x) => x.active),
    ],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Gives every lab of `labIds` the same staff. */
export async function insertLabStaff(
  m: EntityManager,
  labIds: readonly string[],
  staff: readonly DemoLabStaff[],
): Promise<void> {
  await m.query(
    `INSERT INTO lab_staff (lab_id, sub, name, roles)
     SELECT l, s.sub, s.name, string_to_array(s.roles, ';')
     FROM unnest($1::uuid[]) AS l
     CROSS JOIN unnest($2::text[], $3::text[], $4::text[]) AS s(sub, name, roles)`,
    [
      labIds,
      staff.map((x) => x.sub),
      staff.map((x) => x.name),
      staff.map((x) => x.roles.join(';')),
    ],
  );
}

/** Where the demo accounts belong: the first demo lab, a Xincheng enterprise and inspector. */
export async function demoAccountHomes(
  m: EntityManager,
): Promise<{ labId?: string; uscc?: string; staffNo?: string }> {
  const [row] = (await m.query(
    `SELECT (SELECT id::text FROM lab ORDER BY cma_no LIMIT 1) AS "labId",
            (SELECT uscc FROM enterprise WHERE region_code = '150102' AND status = 'active'
              ORDER BY uscc LIMIT 1) AS uscc,
            (SELECT staff_no FROM inspector WHERE region_code = '150102' AND active
              ORDER BY staff_no LIMIT 1) AS "staffNo"`,
  )) as { labId: string | null; uscc: string | null; staffNo: string | null }[];
  return {
    labId: row.labId ?? undefined,
    uscc: row.uscc ?? undefined,
    staffNo: row.staffNo ?? undefined,
  };
}
