import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { notFound } from '@spotcheck/common';
import { buildEpcisDocument } from '@spotcheck/domain';
import type { EpcisCustodyKind, EpcisCustodyStep, EpcisDocument } from '@spotcheck/domain';
import { SAMPLE_HEAD_COLUMNS, SAMPLE_NO, SampleHead, maySeeSample } from '../trace/visibility';

/** EPCIS 2.0 export of a sample (DESIGN §3.3, issue 4; mapping in docs/epcis.md). */
@Injectable()
export class EpcisExportService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The sample's custody as an EPCIS 2.0 document (docs/epcis.md): one ObjectEvent per
   * custody event, named `<sample>/events/<seq>` so an event keeps its id across exports.
   * Later the lab report adds its `tested` step with the `testres` transaction.
   */
  async document(p: Principal, sampleNo: string): Promise<EpcisDocument> {
    if (!SAMPLE_NO.test(sampleNo)) throw notFound('sample', sampleNo);
    const [head] = (await this.ds.query(
      `SELECT ${SAMPLE_HEAD_COLUMNS}, s.gtin,
              s.batch_no AS "batchNo", s.place_region_code AS "placeRegionCode"
         FROM sample s JOIN sampling_plan p ON p.id = s.plan_id
        WHERE s.sample_no = $1`,
      [sampleNo],
    )) as (SampleHead & { gtin: string | null; batchNo: string | null; placeRegionCode: string })[];
    if (!head || !maySeeSample(p, head)) throw notFound('sample', sampleNo);
    const events = (await this.ds.query(
      `SELECT seq, kind, occurred_at AS "occurredAt", region_code AS "regionCode", detail
         FROM custody_event WHERE sample_id = $1 ORDER BY seq`,
      [head.id],
    )) as {
      seq: number;
      kind: EpcisCustodyKind;
      occurredAt: Date;
      regionCode: string;
      detail: Record<string, unknown>;
    }[];
    const labPlace = (id: string | null) => (id ? { id: `labs/${id}` } : undefined);
    let holder = labPlace(head.labId);
    const steps: EpcisCustodyStep[] = events.map((e) => {
      const step: EpcisCustodyStep = {
        id: String(e.seq),
        kind: e.kind,
        at: e.occurredAt,
        place: { regionCode: e.regionCode },
      };
      if (e.kind === 'shipped') step.to = holder;
      if (e.kind === 'retest_dispatched') {
        holder = labPlace((e.detail.toLabId as string | undefined) ?? head.retestLabId);
        step.to = holder;
      }
      if (e.kind === 'received') step.from = { regionCode: head.placeRegionCode };
      if (e.kind === 'rejected_at_receipt')
        step.rejection = e.detail.reason === 'seal_broken' ? 'seal_broken' : 'damaged';
      return step;
    });
    return buildEpcisDocument({
      sampleNo,
      ...(head.gtin ? { gtin: head.gtin } : {}),
      ...(head.batchNo ? { batch: head.batchNo } : {}),
      steps,
      creationDate: new Date(),
    });
  }
}
