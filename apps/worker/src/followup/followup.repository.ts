import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Overturn } from '@spotcheck/database';

/** A final outcome as what follows it needs it. */
export interface FinalizedOutcome {
  sampleId: string;
  outcome: string;
  basis: string;
  final: boolean;
}

/** The SQL of what follows a final outcome. */
@Injectable()
export class FollowupRepository {
  /** The outcomes of `sampleIds` as they stand now (a job may come late). */
  outcomes(m: EntityManager, sampleIds: readonly string[]): Promise<FinalizedOutcome[]> {
    return m.query(
      `SELECT sample_id AS "sampleId", outcome, basis, outcome <> 'pending' AS final
         FROM sample_outcome WHERE sample_id = ANY($1::uuid[]) ORDER BY sample_id`,
      [sampleIds],
    ) as Promise<FinalizedOutcome[]>;
  }

  /** The retest that overturned the sample's failure, if one did. */
  async overturn(m: EntityManager, sampleId: string): Promise<Overturn | undefined> {
    const [row] = (await m.query(
      `SELECT s.id AS "sampleId", s.sample_no AS "sampleNo", s.product_name AS "productName",
              l.name AS "retestLab", r.report_no AS "reportNo",
              o.concluded_on::text AS "concludedOn"
         FROM objection o
         JOIN sample s ON s.id = o.sample_id
         JOIN lab l ON l.id = o.retest_lab_id
         JOIN lab_report r ON r.id = o.retest_report_id
        WHERE o.sample_id = $1 AND o.state = 'concluded' AND o.conclusion = 'overturned'`,
      [sampleId],
    )) as Overturn[];
    return row;
  }
}
