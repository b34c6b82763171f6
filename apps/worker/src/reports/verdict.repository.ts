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

  /**
   * {@link recordLatest} for many samples in one statement; the rows it set, keyed by
   * `sampleId/labId`. The samples are written in id order, as every worker does, so two
   * batches that share samples wait for each other instead of deadlocking.
   */
  async recordLatestMany(
    m: EntityManager,
    keys: readonly { sampleId: string; labId: string }[],
  ): Promise<Map<string, CountingVerdict>> {
    const rows = (await m.query(
      `INSERT INTO sample_lab_verdict AS v
              (sample_id, lab_id, report_id, version, verdict, failed_items, issued_at)
       SELECT * FROM (
         SELECT DISTINCT ON (r.sample_id, r.lab_id)
                r.sample_id, r.lab_id, r.id, r.version, r.verdict, r.failed_items, r.issued_at
           FROM lab_report r
           JOIN unnest($1::uuid[], $2::uuid[]) AS k(sample_id, lab_id)
             ON r.sample_id = k.sample_id AND r.lab_id = k.lab_id
          WHERE r.state = 'issued'
          ORDER BY r.sample_id, r.lab_id, r.version DESC) latest
       ON CONFLICT (sample_id, lab_id) DO UPDATE
          SET report_id = EXCLUDED.report_id, version = EXCLUDED.version,
              verdict = EXCLUDED.verdict, failed_items = EXCLUDED.failed_items,
              issued_at = EXCLUDED.issued_at, updated_at = now()
        WHERE v.version <= EXCLUDED.version
       RETURNING sample_id AS "sampleId", lab_id AS "labId", version, verdict`,
      [keys.map((k) => k.sampleId), keys.map((k) => k.labId)],
    )) as (CountingVerdict & { sampleId: string; labId: string })[];
    return new Map(
      rows.map((r) => [`${r.sampleId}/${r.labId}`, { version: r.version, verdict: r.verdict }]),
    );
  }
}
