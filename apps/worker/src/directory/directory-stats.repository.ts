import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Advisory lock of the directory statistics recompute (one at a time, cluster-wide). */
const STATS_LOCK = 7_349_120_003;

/** The `directory_stats` table, rebuilt from the enterprise directory. */
@Injectable()
export class DirectoryStatsRepository {
  /** Makes recomputes take turns until `m`'s transaction ends. */
  async lock(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [STATS_LOCK]);
  }

  /**
   * Whether a recompute began after the outbox row was relayed (and so after the change it
   * announces committed); null when the row is gone. Both times are database time.
   */
  async computedSinceRelayed(m: EntityManager, outboxId: string): Promise<boolean | null> {
    const [row] = (await m.query(
      `SELECT (SELECT max(computed_at) FROM directory_stats) > o.relayed_at AS fresh FROM outbox o WHERE o.id = $1`,
      [outboxId],
    )) as { fresh: boolean | null }[];
    return row?.fresh ?? null;
  }

  /** Replaces the whole table with counts by region, risk class and status; the groups written. */
  async recompute(m: EntityManager): Promise<number> {
    await m.query('DELETE FROM directory_stats');
    const rows = (await m.query(`
      INSERT INTO directory_stats (region_code, risk_class, status, enterprises, computed_at)
      SELECT region_code, risk_class, status, count(*), now() FROM enterprise GROUP BY 1, 2, 3
      RETURNING 1`)) as unknown[];
    return rows.length;
  }
}
