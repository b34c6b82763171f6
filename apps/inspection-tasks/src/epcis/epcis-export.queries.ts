import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Scope, scopeSql } from '@spotcheck/auth';
import type { EpcisCustodyKind } from '@spotcheck/domain';
import { ISSUED_REPORTS_SQL, TRACE_SAMPLE_SCOPE } from '../trace/trace.queries';
import type { TraceReport } from '../trace/trace.queries';

/** What the export of a sample starts from. */
export interface ExportSampleHead {
  id: string;
  labId: string;
  retestLabId: string | null;
  gtin: string | null;
  batchNo: string | null;
  placeRegionCode: string;
}

export interface ExportCustodyEvent {
  seq: number;
  kind: EpcisCustodyKind;
  occurredAt: Date;
  regionCode: string;
  detail: Record<string, unknown>;
}

/** The reads behind a sample's EPCIS export; who may export is who may trace the sample. */
@Injectable()
export class EpcisExportQueries {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async sample(scope: Scope, sampleNo: string): Promise<ExportSampleHead | undefined> {
    const params: unknown[] = [sampleNo];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [head] = (await this.ds.query(
      `SELECT s.id, s.lab_id AS "labId", s.retest_lab_id AS "retestLabId", s.gtin,
              s.batch_no AS "batchNo", s.place_region_code AS "placeRegionCode"
         FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
        WHERE s.sample_no = $1 AND ${scopeSql(scope, TRACE_SAMPLE_SCOPE, arg)}`,
      params,
    )) as ExportSampleHead[];
    return head;
  }

  custody(sampleId: string): Promise<ExportCustodyEvent[]> {
    return this.ds.query(
      `SELECT seq, kind, occurred_at AS "occurredAt", region_code AS "regionCode", detail
         FROM custody_event WHERE sample_id = $1 ORDER BY seq`,
      [sampleId],
    ) as Promise<ExportCustodyEvent[]>;
  }

  /** Every issued version of the sample's reports, in the order they were issued. */
  reports(sampleId: string): Promise<TraceReport[]> {
    return this.ds.query(ISSUED_REPORTS_SQL, [sampleId]) as Promise<TraceReport[]>;
  }
}
