import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface CountingVerdict {
  version: number;
  verdict: string;
}

/** `sample_lab_verdict`: the verdict that counts for each sample at its lab. */
@Injectable()
export class SampleLabVerdictRepository {
  /**
   * Sets the row from the sample's latest issued version at the lab, never going back to an
   * older version. Null when nothing is issued, or a newer version already counts.
   */
  async recordLatest(
    m: EntityManager,
    sampleId: string,
    labId: string,
  ): Promise<CountingVerdict | null> {
    const [row] = (await m.query(
      `INSERT INTO sample_lab_verdict AS v
              (sample_id, lab_id, report_id, version, verdict, failed_items, issued_at)
       SELECT sample_id, lab_id, id, version, verdict, failed_items, issued_at
         FROM lab_report
        WHERE sample_id = $1 AND lab_id = $2 AND state = 'issued'
        ORDER BY version DESC LIMIT 1
       ON CONFLICT (sample_id, lab_id) DO UPDATE
          SET report_id = EXCLUDED.report_id, version = EXCLUDED.version,
              verdict = EXCLUDED.verdict, failed_items = EXCLUDED.failed_items,
              issued_at = EXCLUDED.issued_at, updated_at = now()
        WHERE v.version <= EXCLUDED.version
       RETURNING version, verdict`,
      [sampleId, labId],
    )) as CountingVerdict[];
    return row ?? null;
  }
}
