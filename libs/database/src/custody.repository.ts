import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type CustodyKind,
  type CustodyState,
  type IssuedReportRef,
  type Sector,
  type IssuedVersionRef,
  type SectorRules,
  sectorRulesOf,
  standingReport,
} from '@spotcheck/domain';
import { CustodyEvent } from './entities/custody-event.entity';
import { Sample } from './entities/sample.entity';

/** A sample's keys and custody columns, as read (and locked FOR UPDATE) before an append. */
export interface CustodySampleRow {
  id: string;
  sampleNo: string;
  category: string;
  /** The category's sector: its rules set the sample's deadlines and retention. */
  sector: Sector;
  labId: string;
  retestLabId: string | null;
  custodyState: CustodyState;
  custodySeq: number;
  custodyAt: Date;
  samplingDate: string;
  expiryDate: string | null;
  keepUntil: string | null;
}

/** The SELECT list giving a {@link CustodySampleRow} from `sample s`. */
export const CUSTODY_SAMPLE_COLUMNS = `s.id, s.sample_no AS "sampleNo", s.category,
  (SELECT c.sector FROM product_category c WHERE c.code = s.category) AS sector, s.lab_id AS "labId",
  s.retest_lab_id AS "retestLabId", s.custody_state AS "custodyState",
  s.custody_seq AS "custodySeq", s.custody_at AS "custodyAt",
  s.sampling_date::text AS "samplingDate", s.expiry_date::text AS "expiryDate",
  s.keep_until::text AS "keepUntil"`;

export interface CustodyEventView {
  seq: number;
  kind: CustodyKind;
  stateAfter: CustodyState;
  occurredAt: Date;
  recordedAt: Date;
  actor: string;
  actorRole: string;
  actorOrg: string | null;
  actorStaffNo: string | null;
  regionCode: string;
  address: string;
  note: string | null;
  detail: Record<string, unknown>;
}

export const CUSTODY_EVENT_COLUMNS = `seq, kind, state_after AS "stateAfter", occurred_at AS "occurredAt",
  recorded_at AS "recordedAt", actor, actor_role AS "actorRole", actor_org AS "actorOrg",
  actor_staff_no AS "actorStaffNo", region_code AS "regionCode", address, note, detail`;

export type NewCustodyEvent = Omit<CustodyEvent, 'recordedAt'>;

/** What an append changes on the sample row besides its custody state. */
export interface CustodyMove {
  state: CustodyState;
  seq: number;
  at: Date;
  /** The first arrival at the assigned lab: sets arrived_at once. */
  arrives: boolean;
  keepUntil: string | null;
  retestLabId: string | null;
  sealNumbers: string[] | null;
}

/**
 * The SQL of a sample's custody chain: its events and the custody columns of `sample`. Every
 * method takes the caller's EntityManager, so appends run in the caller's transaction.
 */
@Injectable()
export class CustodyRepository {
  async insertEvent(m: EntityManager, e: NewCustodyEvent): Promise<void> {
    await m.query(
      `INSERT INTO custody_event (sample_id, seq, kind, state_after, occurred_at, actor, actor_role,
                                  actor_org, actor_staff_no, region_code, address, note, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        e.sampleId,
        e.seq,
        e.kind,
        e.stateAfter,
        e.occurredAt,
        e.actor,
        e.actorRole,
        e.actorOrg,
        e.actorStaffNo,
        e.regionCode,
        e.address,
        e.note,
        JSON.stringify(e.detail),
      ],
    );
  }

  /** Every custody event of a sample, in order. */
  events(m: EntityManager, sampleId: string): Promise<CustodyEventView[]> {
    return m.query(
      `SELECT ${CUSTODY_EVENT_COLUMNS} FROM custody_event WHERE sample_id = $1 ORDER BY seq`,
      [sampleId],
    ) as Promise<CustodyEventView[]>;
  }

  async event(m: EntityManager, sampleId: string, seq: number): Promise<CustodyEventView> {
    const [row] = (await m.query(
      `SELECT ${CUSTODY_EVENT_COLUMNS} FROM custody_event WHERE sample_id = $1 AND seq = $2`,
      [sampleId, seq],
    )) as CustodyEventView[];
    return row;
  }

  /** The whole sample row, for the audit log's before and after. */
  sample(m: EntityManager, id: string): Promise<Sample> {
    return m.findOneByOrFail(Sample, { id });
  }

  async move(m: EntityManager, sampleId: string, mv: CustodyMove): Promise<void> {
    await m.query(
      `UPDATE sample SET custody_state = $2, custody_seq = $3, custody_at = $4,
              arrived_at = CASE WHEN $5 THEN coalesce(arrived_at, $4) ELSE arrived_at END,
              keep_until = coalesce($6::date, keep_until),
              retest_lab_id = coalesce($7::uuid, retest_lab_id),
              seal_numbers = coalesce($8::text[], seal_numbers),
              updated_at = now()
        WHERE id = $1`,
      [sampleId, mv.state, mv.seq, mv.at, mv.arrives, mv.keepUntil, mv.retestLabId, mv.sealNumbers],
    );
  }

  /** The rules in force of `sector`, read in `m`'s transaction. */
  async rulesOf(m: EntityManager, sector: string): Promise<SectorRules> {
    const [row] = (await m.query(
      `SELECT version, rules FROM sector_rule WHERE sector = $1 ORDER BY version DESC LIMIT 1`,
      [sector],
    )) as { version: number; rules: unknown }[];
    if (!row) throw new Error(`sector_rule holds no rules for sector ${JSON.stringify(sector)}`);
    return sectorRulesOf(sector, row.version, row.rules);
  }

  /**
   * The latest issued version of `labId`'s report on the sample, with the day its conclusion
   * stands from (libs/domain `standingReport`): its verdict keeps the backup.
   */
  async issuedReport(
    m: EntityManager,
    sampleId: string,
    labId: string,
  ): Promise<IssuedReportRef | undefined> {
    const rows = (await m.query(
      `SELECT report_no AS "reportNo", version, verdict, md5(failed_items::text) AS conclusion,
              to_char(issued_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "issuedOn"
         FROM lab_report
        WHERE sample_id = $1 AND lab_id = $2 AND state = 'issued'
        ORDER BY version`,
      [sampleId, labId],
    )) as IssuedVersionRef[];
    return standingReport(rows) ?? undefined;
  }

  /** The sample's custody columns, locked FOR UPDATE until `m`'s transaction ends. */
  async lockedSample(m: EntityManager, sampleId: string): Promise<CustodySampleRow | undefined> {
    const [row] = (await m.query(
      `SELECT ${CUSTODY_SAMPLE_COLUMNS} FROM sample s WHERE s.id = $1 FOR UPDATE`,
      [sampleId],
    )) as CustodySampleRow[];
    return row;
  }

  /** Moves the backup's keep-until date (a custody column). */
  async setKeepUntil(m: EntityManager, sampleId: string, keepUntil: string): Promise<void> {
    await m.query(`UPDATE sample SET keep_until = $2::date, updated_at = now() WHERE id = $1`, [
      sampleId,
      keepUntil,
    ]);
  }

  /** The retest lab drawn for the sample's objection, once drawn (and not yet concluded). */
  async drawnRetest(
    m: EntityManager,
    sampleId: string,
  ): Promise<{ objectionId: string; labId: string } | undefined> {
    const [row] = (await m.query(
      `SELECT id AS "objectionId", retest_lab_id AS "labId" FROM objection
        WHERE sample_id = $1 AND state = 'retest_drawn'`,
      [sampleId],
    )) as { objectionId: string; labId: string }[];
    return row;
  }
}
