import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RiskClass, RiskFeedbackParties } from '@spotcheck/domain';

export interface RiskRaise {
  uscc: string;
  from: RiskClass;
  to: RiskClass;
}

/** The SQL of the credit-risk feedback from published lists. */
@Injectable()
export class RiskFeedbackRepository {
  /**
   * Raises, in one statement, every enterprise of the directory that version `publicationId`
   * names as failing (by `parties`) and that its list (`seriesId`) has not raised yet: records
   * the raise in `publication_risk_feedback` (one row per list and enterprise, so running twice,
   * or on two workers, raises nothing more) and moves `enterprise.risk_class` by `raise` (from
   * each class to the raised one). The history trigger writes `reason` and the version beside
   * each change. Returns what it recorded.
   */
  async apply(
    m: EntityManager,
    f: {
      publicationId: string;
      seriesId: string;
      reason: string;
      parties: RiskFeedbackParties;
      raise: Readonly<Record<RiskClass, RiskClass>>;
    },
  ): Promise<RiskRaise[]> {
    await m.query(
      `SELECT set_config('spotcheck.risk_reason', $1, true),
              set_config('spotcheck.risk_publication', $2, true)`,
      [f.reason, f.publicationId],
    );
    return (await m.query(
      `WITH party AS (
         SELECT DISTINCT u.uscc FROM publication_entry e
          CROSS JOIN LATERAL (VALUES
            (CASE WHEN $3 IN ('sampled','both') THEN e.sampled_uscc END),
            (CASE WHEN $3 IN ('manufacturer','both') THEN e.manufacturer_uscc END)) AS u(uscc)
          WHERE e.publication_id = $1 AND e.table_kind = 'failed' AND u.uscc IS NOT NULL),
       target AS (
         SELECT en.uscc, en.risk_class FROM enterprise en JOIN party USING (uscc)
          WHERE NOT EXISTS (SELECT 1 FROM publication_risk_feedback r
                             WHERE r.series_id = $2 AND r.uscc = en.uscc)
          ORDER BY en.uscc FOR UPDATE OF en),
       claimed AS (
         INSERT INTO publication_risk_feedback (series_id, uscc, publication_id, from_class, to_class)
         SELECT $2, uscc, $1, risk_class, $4::jsonb ->> risk_class FROM target
         ON CONFLICT DO NOTHING RETURNING uscc, from_class, to_class),
       raised AS (
         UPDATE enterprise en SET risk_class = c.to_class FROM claimed c
          WHERE en.uscc = c.uscc AND c.to_class <> c.from_class RETURNING en.uscc)
       SELECT c.uscc, c.from_class AS "from", c.to_class AS "to"
         FROM claimed c ORDER BY c.uscc`,
      [f.publicationId, f.seriesId, f.parties, JSON.stringify(f.raise)],
    )) as RiskRaise[];
  }
}
