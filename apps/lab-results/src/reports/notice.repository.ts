import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ObjectionRegime, RuleRef } from '@spotcheck/domain';

/** Who a sample's result notice goes to, and the sector that sets its objection regime. */
export interface NoticeParties {
  uscc: string;
  manufacturerUscc: string | null;
  sector: string;
}

export interface NewResultNotice {
  sampleId: string;
  reportId: string;
  labId: string;
  uscc: string;
  manufacturerUscc: string | null;
  verdict: string;
  regime: ObjectionRegime;
  servedOn: string;
  objectionDeadline: string;
  deadlineRule: RuleRef;
  deadlineProvisional: boolean;
}

/** `result_notice`: the notices of issued reports to the enterprises. */
@Injectable()
export class ResultNoticeRepository {
  async parties(m: EntityManager, sampleId: string): Promise<NoticeParties | null> {
    const [row] = (await m.query(
      `SELECT s.sampled_uscc AS uscc, s.manufacturer_uscc AS "manufacturerUscc", c.sector
         FROM sample s JOIN product_category c ON c.code = s.category WHERE s.id = $1`,
      [sampleId],
    )) as NoticeParties[];
    return row ?? null;
  }

  /** The new notice's id. */
  async insert(m: EntityManager, n: NewResultNotice): Promise<string> {
    const [row] = (await m.query(
      `INSERT INTO result_notice (sample_id, report_id, lab_id, uscc, manufacturer_uscc, verdict,
                                  regime, served_on, objection_deadline, deadline_rule,
                                  deadline_provisional)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        n.sampleId,
        n.reportId,
        n.labId,
        n.uscc,
        n.manufacturerUscc,
        n.verdict,
        n.regime,
        n.servedOn,
        n.objectionDeadline,
        JSON.stringify(n.deadlineRule),
        n.deadlineProvisional,
      ],
    )) as { id: string }[];
    return row.id;
  }
}
