import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { overdueSql } from '@spotcheck/database';
import type {
  IsoDate,
  NotificationAudience,
  NotificationDetails,
  NotificationKind,
  RuleRef,
} from '@spotcheck/domain';

/** A notification to raise: kind, subject, recipient and what it says. */
export interface NotificationToRaise<K extends NotificationKind = NotificationKind> {
  kind: K;
  subject: string;
  audience: NotificationAudience;
  jurisdiction: string | null;
  addressee: string | null;
  dueOn: IsoDate | null;
  detail: NotificationDetails[K];
}

export interface RaisedNotification {
  id: string;
  kind: NotificationKind;
  subject: string;
}

/** One sample's deadlines and what their notifications say, read in one go. */
export interface SampleDeadlineRow {
  sampleId: string;
  sampleNo: string;
  jurisdiction: string;
  planCode: string;
  labName: string;
  labDueDate: IsoDate;
  arrived: boolean;
  testDueDate: IsoDate | null;
  tested: boolean;
  /** The counting version's result notice, when that version failed. */
  noticeId: string | null;
  objectionDeadline: IsoDate | null;
  reportNo: string | null;
  /** The sector rules the due dates came from (libs/domain RuleRef), when stored. */
  labDueRule: RuleRef | null;
  testDueRule: RuleRef | null;
}

/** A report issued at the sample's lab. */
const ISSUED = `EXISTS (SELECT 1 FROM lab_report x
                         WHERE x.sample_id = s.id AND x.lab_id = s.lab_id AND x.state = 'issued')`;

/** Not raised yet for this kind and subject (served by the unique key's leading columns). */
const notRaised = (kind: NotificationKind, subject: string) =>
  `NOT EXISTS (SELECT 1 FROM notification x WHERE x.kind = '${kind}' AND x.subject = ${subject})`;

/** `notification` as the worker writes it, and the deadlines it is raised from. */
@Injectable()
export class NotificationRepository {
  /**
   * Raises each notification unless it was raised before (same kind, subject and recipient),
   * in one statement; returns those it raised now. Two raisers at once raise it once.
   */
  async raise(
    m: EntityManager,
    rows: readonly NotificationToRaise[],
  ): Promise<RaisedNotification[]> {
    if (rows.length === 0) return [];
    return (await m.query(
      `INSERT INTO notification (kind, subject, audience, jurisdiction, addressee, due_on, detail)
       SELECT kind, subject, audience, jurisdiction, addressee, "dueOn", detail
         FROM jsonb_to_recordset($1::jsonb) AS x(kind text, subject text, audience text,
              jurisdiction text, addressee text, "dueOn" date, detail jsonb)
       ON CONFLICT ON CONSTRAINT notification_once DO NOTHING
       RETURNING id, kind, subject`,
      [JSON.stringify(rows)],
    )) as RaisedNotification[];
  }

  /**
   * The deadline facts of each sample among `sampleIds` (unknown ids are left out): its due
   * dates as stored when they were set (lab_due_date at sampling, test_due_date at receipt,
   * both on the working-day calendar), whether each step is done, and the result notice of the
   * report version that counts (the latest issued at its lab) when it failed.
   */
  async facts(m: EntityManager, sampleIds: readonly string[]): Promise<SampleDeadlineRow[]> {
    return (await m.query(
      `SELECT s.id AS "sampleId", s.sample_no AS "sampleNo", p.jurisdiction, p.code AS "planCode",
              l.name AS "labName", s.lab_due_date::text AS "labDueDate",
              s.arrived_at IS NOT NULL AS arrived, r.test_due_date::text AS "testDueDate",
              v.id IS NOT NULL AS tested,
              CASE WHEN v.verdict = 'fail' THEN n.id END AS "noticeId",
              CASE WHEN v.verdict = 'fail' THEN n.objection_deadline::text END AS "objectionDeadline",
              v.report_no AS "reportNo", s.lab_due_rule AS "labDueRule",
              r.test_due_rule AS "testDueRule"
         FROM sample s
         JOIN sampling_plan p ON p.id = s.plan_id
         JOIN lab l ON l.id = s.lab_id
         LEFT JOIN lab_receipt r
                ON r.sample_id = s.id AND r.lab_id = s.lab_id AND r.outcome = 'received'
         LEFT JOIN LATERAL (
           SELECT id, report_no, verdict FROM lab_report
            WHERE sample_id = s.id AND lab_id = s.lab_id AND state = 'issued'
            ORDER BY version DESC LIMIT 1) v ON true
         LEFT JOIN result_notice n ON n.report_id = v.id
        WHERE s.id = ANY($1::uuid[])`,
      [sampleIds],
    )) as SampleDeadlineRow[];
  }

  /**
   * Up to `limit` samples, by id after `after`, with a deadline that passed on a day in
   * [`since`, `today`) and no notification of it yet: a delivery not arrived, a test not
   * reported, a failing result's objection window (of the version that counts). The same rules
   * as libs/domain's `sampleDeadlines`, by `overdueSql`.
   */
  async due(
    m: EntityManager,
    today: IsoDate,
    since: IsoDate,
    after: string | null,
    limit: number,
  ): Promise<string[]> {
    const rows = (await m.query(
      `SELECT id FROM (
         SELECT s.id FROM sample s
          WHERE ${overdueSql('s.lab_due_date', 's.arrived_at IS NULL', '$1::date')}
            AND s.lab_due_date >= $2::date
            AND ${notRaised('delivery_overdue', 's.id::text')}
         UNION
         SELECT s.id FROM lab_receipt r JOIN sample s ON s.id = r.sample_id AND s.lab_id = r.lab_id
          WHERE r.outcome = 'received'
            AND ${overdueSql('r.test_due_date', `NOT ${ISSUED}`, '$1::date')}
            AND r.test_due_date >= $2::date
            AND ${notRaised('testing_overdue', 's.id::text')}
         UNION
         SELECT s.id FROM result_notice n
           JOIN lab_report rep ON rep.id = n.report_id
           JOIN sample s ON s.id = n.sample_id AND s.lab_id = rep.lab_id
          WHERE n.verdict = 'fail' AND n.objection_deadline < $1::date
            AND n.objection_deadline >= $2::date
            AND NOT EXISTS (SELECT 1 FROM lab_report later
                             WHERE later.sample_id = rep.sample_id AND later.lab_id = rep.lab_id
                               AND later.state = 'issued' AND later.version > rep.version)
            AND ${notRaised('objection_closed', 'n.id::text')}
       ) due
       WHERE $3::uuid IS NULL OR id > $3::uuid
       ORDER BY id LIMIT $4`,
      [today, since, after, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
