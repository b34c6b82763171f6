import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ObjectionState, RetestFeePayer } from '@spotcheck/domain';

/** An objection as the retest lab's report concludes it. */
export interface RetestCase {
  id: string;
  state: ObjectionState;
  sampleId: string;
  items: string[];
  retestLabId: string | null;
}

/** `objection`, as the retest lab's issued report concludes it. */
@Injectable()
export class RetestRepository {
  async lock(m: EntityManager, objectionId: string): Promise<RetestCase | undefined> {
    const [row] = (await m.query(
      `SELECT id, state, sample_id AS "sampleId", items, retest_lab_id AS "retestLabId"
         FROM objection WHERE id = $1 FOR UPDATE`,
      [objectionId],
    )) as RetestCase[];
    return row;
  }

  /** The item codes the sample failed at its assigned lab: its latest issued version's. */
  async originalFailed(m: EntityManager, sampleId: string): Promise<string[]> {
    const [row] = (await m.query(
      `SELECT coalesce((SELECT array_agg(f ->> 'itemCode')
                          FROM jsonb_array_elements(r.failed_items) f), '{}') AS codes
         FROM lab_report r JOIN sample s ON s.id = r.sample_id AND r.lab_id = s.lab_id
        WHERE r.sample_id = $1 AND r.state = 'issued'
        ORDER BY r.version DESC LIMIT 1`,
      [sampleId],
    )) as { codes: string[] }[];
    return row?.codes ?? [];
  }

  async row(m: EntityManager, id: string): Promise<Record<string, unknown>> {
    const [row] = (await m.query(`SELECT * FROM objection WHERE id = $1`, [id])) as Record<
      string,
      unknown
    >[];
    return row;
  }

  async conclude(
    m: EntityManager,
    id: string,
    c: {
      reportId: string;
      on: string;
      conclusion: 'confirmed' | 'overturned';
      outcome: 'pass' | 'fail';
      stillFailing: readonly string[];
      feePayer: RetestFeePayer;
    },
  ): Promise<void> {
    await m.query(
      `UPDATE objection SET state = 'concluded', retest_report_id = $2, concluded_on = $3,
              conclusion = $4, outcome = $5, still_failing = $6, fee_payer = $7,
              updated_at = now()
        WHERE id = $1`,
      [id, c.reportId, c.on, c.conclusion, c.outcome, c.stillFailing, c.feePayer],
    );
  }
}
