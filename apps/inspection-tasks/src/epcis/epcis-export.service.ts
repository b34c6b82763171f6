import { Injectable } from '@nestjs/common';
import { Principal, scopeOf } from '@spotcheck/auth';
import { buildEpcisDocument, isSampleNoShape, notFoundError } from '@spotcheck/domain';
import type { EpcisCustodyStep, EpcisDocument } from '@spotcheck/domain';
import { EpcisExportQueries } from './epcis-export.queries';

/** EPCIS 2.0 export of a sample (docs/rules.md §3.3; mapping in docs/epcis.md). */
@Injectable()
export class EpcisExportService {
  constructor(private readonly queries: EpcisExportQueries) {}

  /**
   * The sample's custody as an EPCIS 2.0 document (docs/epcis.md): one ObjectEvent per
   * custody event, named `<sample>/events/<seq>` so an event keeps its id across exports.
   */
  async document(p: Principal, sampleNo: string): Promise<EpcisDocument> {
    const scope = scopeOf(p, 'traceability', ['regulator', 'admin', 'lab', 'enterprise']);
    if (!isSampleNoShape(sampleNo)) throw notFoundError('sample', sampleNo);
    const head = await this.queries.sample(scope, sampleNo);
    if (!head) throw notFoundError('sample', sampleNo);
    const events = await this.queries.custody(head.id);
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
