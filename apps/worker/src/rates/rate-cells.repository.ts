import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The table-wide lock: cell refreshes take it shared, the full rebuild exclusive, so a rebuild
 * never overwrites a refresh made after its snapshot, nor a refresh a rebuild made after its own.
 */
const RATES_LOCK = 7_349_120_021;
/** Namespace of the per-cell locks (two-key form: namespace, hash of the cell's key). */
const CELL_LOCK = 734_921;

/** The key of a cell, and what a sample is counted under (`sample_outcome`'s columns). */
const KEY = 'plan_id, category, region_code, enterprise_size, stage, period_month';

/**
 * Which outcomes count: the random spot checks' samples. A re-inspection's (复查) decides its
 * follow-up case and counts in no rate (ADR 0027).
 */
const COUNTED = 'NOT reinspection';

/** Outcomes counted per cell; every refresh and the rebuild count the same way. */
const COUNTS = `
  min(jurisdiction) AS jurisdiction, min(sector) AS sector,
  count(*) FILTER (WHERE outcome = 'pass')::int AS pass,
  count(*) FILTER (WHERE outcome = 'fail')::int AS fail,
  count(*) FILTER (WHERE outcome = 'pending')::int AS pending,
  count(*) FILTER (WHERE outcome = 'excluded')::int AS excluded`;

/** `rate_cell`, kept from `sample_outcome`. */
@Injectable()
export class RateCellsRepository {
  /**
   * Recomputes the cells the given samples count in from all their outcomes, so a refresh run
   * twice, late or out of order leaves the same cells. Refreshes of one cell take turns (a lock
   * per cell, taken in key order); the statement that counts starts after the locks, so it sees
   * every outcome committed before it. A cell none of whose outcomes counts has no row (one
   * left from before is removed). Returns how many cells it wrote.
   */
  async refresh(m: EntityManager, sampleIds: readonly string[]): Promise<number> {
    await m.query('SELECT pg_advisory_xact_lock_shared($1)', [RATES_LOCK]);
    await m.query(
      `SELECT count(pg_advisory_xact_lock($1::int, k)) FROM (
         SELECT DISTINCT hashtext(concat_ws('|', ${KEY})) AS k
           FROM sample_outcome WHERE sample_id = ANY($2::uuid[]) ORDER BY 1) s`,
      [CELL_LOCK, sampleIds],
    );
    const rows = (await m.query(
      `WITH cells AS (
         SELECT DISTINCT ${KEY} FROM sample_outcome WHERE sample_id = ANY($1::uuid[]))
       INSERT INTO rate_cell AS c (${KEY}, jurisdiction, sector, pass, fail, pending, excluded)
       SELECT ${KEY}, ${COUNTS}
         FROM sample_outcome o JOIN cells USING (${KEY})
        WHERE ${COUNTED}
        GROUP BY ${KEY}
       ON CONFLICT (${KEY}) DO UPDATE
          SET pass = EXCLUDED.pass, fail = EXCLUDED.fail, pending = EXCLUDED.pending,
              excluded = EXCLUDED.excluded, computed_at = now()
        WHERE (c.pass, c.fail, c.pending, c.excluded)
              IS DISTINCT FROM (EXCLUDED.pass, EXCLUDED.fail, EXCLUDED.pending, EXCLUDED.excluded)
       RETURNING 1`,
      [sampleIds],
    )) as unknown[];
    const same = KEY.split(', ')
      .map((k) => `o.${k} = c.${k}`)
      .join(' AND ');
    const emptied = (await m.query(
      `WITH cells AS (
         SELECT DISTINCT ${KEY} FROM sample_outcome WHERE sample_id = ANY($1::uuid[]))
       DELETE FROM rate_cell c USING cells
        WHERE (c.plan_id, c.category, c.region_code, c.enterprise_size, c.stage, c.period_month)
              = (cells.plan_id, cells.category, cells.region_code, cells.enterprise_size,
                 cells.stage, cells.period_month)
          AND NOT EXISTS (SELECT 1 FROM sample_outcome o WHERE ${same} AND ${COUNTED})
       RETURNING 1`,
      [sampleIds],
    )) as unknown[];
    return rows.length + emptied.length;
  }

  /**
   * Recomputes the whole table from `sample_outcome` in one set-based pass, waiting for the
   * refreshes in progress and holding off new ones until it commits. The cells are counted into
   * a temporary table first (a statement PostgreSQL may run in parallel, hashing in memory),
   * then only what differs is written: readers never see the table empty, and a night on which
   * nothing changed writes nothing. Returns the number of cells and of cells written.
   */
  async rebuild(m: EntityManager): Promise<{ cells: number; written: number }> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [RATES_LOCK]);
    // One hash table of the cells fits in memory (about 0.5 kB per cell); compiling the
    // expressions (JIT) costs more than it saves on a query run once a night.
    await m.query(`SET LOCAL work_mem = '256MB'`);
    await m.query('SET LOCAL jit = off');
    await m.query(
      `CREATE TEMP TABLE rate_cell_counted ON COMMIT DROP AS
       SELECT ${KEY}, ${COUNTS} FROM sample_outcome WHERE ${COUNTED} GROUP BY ${KEY}`,
    );
    const same = KEY.split(', ')
      .map((k) => `n.${k} = c.${k}`)
      .join(' AND ');
    const gone = await m.query(
      `DELETE FROM rate_cell c WHERE NOT EXISTS (SELECT 1 FROM rate_cell_counted n WHERE ${same})`,
    );
    const changed = await m.query(
      `UPDATE rate_cell c
          SET pass = n.pass, fail = n.fail, pending = n.pending, excluded = n.excluded,
              computed_at = now()
         FROM rate_cell_counted n
        WHERE ${same}
          AND (c.pass, c.fail, c.pending, c.excluded)
              IS DISTINCT FROM (n.pass, n.fail, n.pending, n.excluded)`,
    );
    const added = (await m.query(
      `INSERT INTO rate_cell (${KEY}, jurisdiction, sector, pass, fail, pending, excluded)
       SELECT ${KEY}, jurisdiction, sector, pass, fail, pending, excluded
         FROM rate_cell_counted n
        WHERE NOT EXISTS (SELECT 1 FROM rate_cell c WHERE ${same})
       RETURNING 1`,
    )) as unknown[];
    const [{ cells }] = (await m.query('SELECT count(*)::int AS cells FROM rate_cell_counted')) as {
      cells: number;
    }[];
    return { cells, written: affected(gone) + affected(changed) + added.length };
  }
}

/** TypeORM answers a DELETE or an UPDATE with [rows, number of rows affected]. */
const affected = (result: unknown): number => (result as [unknown[], number])[1];
