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
   * custody event, named `<sample>/events/<seq>` so an event keeps its id across exports, and
   * one `tested` event per issued report version (`inspecting`, business transaction
   * `testres`, conformant or non_conformant), named `<sample>/events/report-<id>`, placed
   * after the custody events that happened before it was issued.
   */
  async document(p: Principal, sampleNo: string): Promise<EpcisDocument> {
    const scope = scopeOf(p, 'traceability', ['regulator', 'admin', 'lab', 'enterprise']);
    if (!isSampleNoShape(sampleNo)) throw notFoundError('sample', sampleNo);
    const head = await this.queries.sample(scope, sampleNo);
    if (!head) throw notFoundError('sample', sampleNo);
    const [events, reports] = await Promise.all([
      this.queries.custody(head.id),
      this.queries.reports(head.id),
    ]);
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
    const tested = reports.map((r): EpcisCustodyStep => ({
      id: `report-${r.id}`,
      kind: 'tested',
      at: r.issuedAt,
      place: { id: `labs/${r.labId}` },
      report: {
        reportNo: r.reportNo,
        verdict: r.verdict,
        version: r.version,
        failedItems: r.failedItems,
        retest: r.retest,
      },
    }));
    return buildEpcisDocument({
      sampleNo,
      ...(head.gtin ? { gtin: head.gtin } : {}),
      ...(head.batchNo ? { batch: head.batchNo } : {}),
      steps: mergeByTime(steps, tested),
      creationDate: new Date(),
    });
  }
}

/**
 * The custody steps in their order, each report step after the last custody step that
 * happened at or before its issue (a report issued before anything else comes first).
 */
function mergeByTime(custody: EpcisCustodyStep[], reports: EpcisCustodyStep[]): EpcisCustodyStep[] {
  const time = (s: EpcisCustodyStep) => new Date(s.at).getTime();
  const out: EpcisCustodyStep[] = [];
  let r = 0;
  for (const step of custody) {
    while (r < reports.length && time(reports[r]) < time(step)) out.push(reports[r++]);
    out.push(step);
  }
  return out.concat(reports.slice(r));
}
