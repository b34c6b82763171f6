import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LabVerdict, ObjectionState, Outcome, OutcomeBasis } from '@spotcheck/domain';

/**
 * Namespace of the per-sample advisory locks, in the two-key form (namespace, hash of the id),
 * which PostgreSQL keeps apart from the one-key locks used elsewhere.
 */
const OUTCOME_LOCK = 734_913;

/** One issued version of a sample's report at its lab, with its notice's deadline. */
export interface IssuedVersionRow {
  reportId: string;
  version: number;
  verdict: LabVerdict;
  /** md5 of the failed items as jsonb text (jsonb prints one canonical form). */
  conclusion: string;
  issuedAt: string;
  objectionDeadline: string | null;
}

/** The decision as stored. */
export interface StoredOutcome {
  reportId: string;
  version: number;
  verdict: LabVerdict;
  outcome: Outcome;
  basis: OutcomeBasis;
  standingSince: number;
  objectionDeadline: string | null;
  finalOn: string | null;
  revision: number;
}

/** The dimensions rates group a sample by (fixed when its first report is issued). */
export interface OutcomeDimensions {
  planId: string;
  jurisdiction: string;
  category: string;
  sector: string;
  regionCode: string;
  enterpriseSize: string;
  stage: string;
  periodMonth: string;
  /** A re-inspection's sample (its task re-inspects another): it counts in no rate. */
  reinspection: boolean;
}

/** The sample's objection, as the outcome rule and the stored outcome need it. */
export interface ObjectionFactsRow {
  state: ObjectionState;
  filedOn: string;
  decidedOn: string | null;
  concludedOn: string | null;
  outcome: 'pass' | 'fail' | null;
  retestLabId: string | null;
  retestReportId: string | null;
  /** The verdict of the retest lab's report on the contested items. */
  retestVerdict: LabVerdict | null;
}

/** What deciding a sample's outcome needs, read in one go. */
export interface OutcomeFactsRow extends OutcomeDimensions {
  sampleId: string;
  labId: string;
  versions: IssuedVersionRow[];
  objection: ObjectionFactsRow | null;
  stored: StoredOutcome | null;
}

/** A decision to store: the dimensions are written only when the row is new. */
export interface OutcomeWrite extends OutcomeDimensions {
  sampleId: string;
  labId: string;
  reportId: string;
  version: number;
  verdict: LabVerdict;
  outcome: Outcome;
  basis: OutcomeBasis;
  standingSince: number;
  objectionDeadline: string | null;
  finalOn: string | null;
  decidesAt: string | null;
}

export interface WrittenOutcome {
  sampleId: string;
  outcome: Outcome;
  basis: OutcomeBasis;
  revision: number;
}

/** `sample_outcome` and the facts it is decided from. */
@Injectable()
export class OutcomeRepository {
  /**
   * Makes deciders of the same samples take turns until `m`'s transaction ends, so a decision
   * never overwrites one made from newer facts. Locks are taken in one order (by key), so two
   * batches cannot deadlock.
   */
  async lock(m: EntityManager, sampleIds: readonly string[]): Promise<void> {
    await m.query(
      `SELECT count(pg_advisory_xact_lock($1::int, k)) FROM (
         SELECT DISTINCT hashtext(id) AS k FROM unnest($2::text[]) AS id ORDER BY 1) s`,
      [OUTCOME_LOCK, sampleIds],
    );
  }

  /**
   * The facts of each sample among `sampleIds` (unknown ids are left out): its dimensions, the
   * issued versions of its report at its lab with their notices' deadlines, its objection and
   * retest, and the stored decision.
   */
  async facts(m: EntityManager, sampleIds: readonly string[]): Promise<OutcomeFactsRow[]> {
    return (await m.query(
      `SELECT s.id AS "sampleId", s.lab_id AS "labId", s.plan_id AS "planId",
              p.jurisdiction, s.category, c.sector, s.place_region_code AS "regionCode",
              e.size AS "enterpriseSize", s.stage,
              to_char(date_trunc('month', s.sampling_date), 'YYYY-MM-DD') AS "periodMonth",
              (t.reinspection_of IS NOT NULL) AS reinspection,
              coalesce(v.versions, '[]'::json) AS versions,
              CASE WHEN ob.id IS NULL THEN NULL ELSE json_build_object(
                'state', ob.state, 'filedOn', ob.filed_on::text,
                'decidedOn', ob.decided_on::text, 'concludedOn', ob.concluded_on::text,
                'outcome', ob.outcome, 'retestLabId', ob.retest_lab_id,
                'retestReportId', ob.retest_report_id, 'retestVerdict', rr.verdict) END
                AS objection,
              CASE WHEN o.sample_id IS NULL THEN NULL ELSE json_build_object(
                'reportId', o.report_id, 'version', o.version, 'verdict', o.verdict,
                'outcome', o.outcome, 'basis', o.basis, 'standingSince', o.standing_since,
                'objectionDeadline', o.objection_deadline::text, 'finalOn', o.final_on::text,
                'revision', o.revision) END AS stored
         FROM sample s
         JOIN sampling_plan p ON p.id = s.plan_id
         JOIN inspection_task t ON t.id = s.task_id
         JOIN product_category c ON c.code = s.category
         JOIN enterprise e ON e.uscc = s.sampled_uscc
         LEFT JOIN sample_outcome o ON o.sample_id = s.id
         LEFT JOIN objection ob ON ob.sample_id = s.id
         LEFT JOIN lab_report rr ON rr.id = ob.retest_report_id
         LEFT JOIN LATERAL (
           SELECT json_agg(json_build_object(
                    'reportId', r.id, 'version', r.version, 'verdict', r.verdict,
                    'conclusion', md5(r.failed_items::text), 'issuedAt', r.issued_at,
                    'objectionDeadline', n.objection_deadline::text) ORDER BY r.version) AS versions
             FROM lab_report r LEFT JOIN result_notice n ON n.report_id = r.id
            WHERE r.sample_id = s.id AND r.lab_id = s.lab_id AND r.state = 'issued') v ON true
        WHERE s.id = ANY($1::uuid[])`,
      [sampleIds],
    )) as OutcomeFactsRow[];
  }

  /**
   * Stores decisions, one statement for the batch. A new row takes its dimensions; an existing
   * one keeps them and counts one more revision.
   */
  async write(m: EntityManager, rows: readonly OutcomeWrite[]): Promise<WrittenOutcome[]> {
    if (rows.length === 0) return [];
    return (await m.query(
      `INSERT INTO sample_outcome AS o
              (sample_id, plan_id, jurisdiction, category, sector, region_code, enterprise_size,
               stage, period_month, reinspection, lab_id, report_id, version, verdict, outcome,
               basis, standing_since, objection_deadline, final_on, decides_at)
       SELECT "sampleId", "planId", jurisdiction, category, sector, "regionCode",
              "enterpriseSize", stage, "periodMonth", reinspection, "labId", "reportId", version,
              verdict, outcome, basis, "standingSince", "objectionDeadline", "finalOn",
              "decidesAt"
         FROM jsonb_to_recordset($1::jsonb) AS x(
              "sampleId" uuid, "planId" uuid, jurisdiction text, category text, sector text,
              "regionCode" text, "enterpriseSize" text, stage text, "periodMonth" date,
              reinspection boolean, "labId" uuid, "reportId" uuid, version int, verdict text,
              outcome text, basis text, "standingSince" int, "objectionDeadline" date, "finalOn" date,
              "decidesAt" timestamptz)
       ON CONFLICT (sample_id) DO UPDATE
          SET lab_id = EXCLUDED.lab_id, report_id = EXCLUDED.report_id,
              version = EXCLUDED.version, verdict = EXCLUDED.verdict,
              outcome = EXCLUDED.outcome, basis = EXCLUDED.basis,
              standing_since = EXCLUDED.standing_since,
              objection_deadline = EXCLUDED.objection_deadline, final_on = EXCLUDED.final_on,
              decides_at = EXCLUDED.decides_at, revision = o.revision + 1, decided_at = now()
       RETURNING sample_id AS "sampleId", outcome, basis, revision`,
      [JSON.stringify(rows)],
    )) as WrittenOutcome[];
  }

  /**
   * Up to `limit` samples whose pending outcome is due by `now`, after the key `after`
   * (decides_at, sample id) of the previous page, oldest first.
   */
  async due(
    m: EntityManager,
    now: Date,
    limit: number,
    after: { decidesAt: string; sampleId: string } | null,
  ): Promise<{ sampleId: string; decidesAt: string }[]> {
    return (await m.query(
      `SELECT sample_id AS "sampleId", decides_at::text AS "decidesAt" FROM sample_outcome
        WHERE decides_at <= $1
          AND ($3::timestamptz IS NULL OR (decides_at, sample_id) > ($3::timestamptz, $4::uuid))
        ORDER BY decides_at, sample_id LIMIT $2`,
      [now, limit, after?.decidesAt ?? null, after?.sampleId ?? null],
    )) as { sampleId: string; decidesAt: string }[];
  }
}
