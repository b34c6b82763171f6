import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Actor, recordAudit } from '@spotcheck/common';
import { regionNamesOf } from './publication-compiler';
import { PublicationRepository, type PublicationRow } from './publication.repository';

/** Who compiles a correction that a retest made necessary: the system, not a person. */
export const RETEST_CORRECTOR = 'system:retest';
const ACTOR: Actor = { sub: RETEST_CORRECTOR, role: 'system' };

/** What a retest that overturned a failure says, for the correction's reason. */
export interface Overturn {
  sampleId: string;
  sampleNo: string;
  productName: string;
  retestLab: string;
  reportNo: string;
  concludedOn: string;
}

/** A list version the correction could not be made in yet (approved: publish or discard it). */
export class CorrectionWaiting extends Error {
  override readonly name = 'CorrectionWaiting';
}

/**
 * Corrections (更正) of published lists that a retest made necessary (docs/rules.md §3.5,
 * §3.6): when a retest overturns a failure, every list in force that carries the sample in its
 * failed-product table gets a correction version with the reason — listing its samples as their
 * outcomes stand now, so the sample moves to the pass table — that regulators approve and
 * publish like any list (four eyes; the compiler is the system).
 *
 * - No new version of the list is open: a correction draft is made.
 * - A draft version is open: it is filled again from the version it corrects as things stand
 *   now (what a regulator removed from it stays removed), and the reason is added to its own.
 * - An approved version is open: nothing can be added to it; CorrectionWaiting is thrown, so
 *   the job is retried until that version is published or discarded.
 * Running it again changes nothing: a draft that already names the sample is left alone.
 */
@Injectable()
export class PublicationCorrector {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly lists: PublicationRepository,
  ) {}

  /** Corrects the lists carrying the overturned failure `o`; answers the drafts touched. */
  async correctOverturn(o: Overturn): Promise<string[]> {
    const drafts: string[] = [];
    for (const head of await this.lists.headsListing(this.ds.manager, o.sampleId, 'failed')) {
      const id = await this.ds.transaction(async (m) => {
        await this.lists.lockJurisdiction(m, head.jurisdiction);
        const v = await this.lists.find(m, head.id, true);
        if (!v || v.state !== 'published' || v.supersededBy) return null;
        return this.correctVersion(m, v, o);
      });
      if (id) drafts.push(id);
    }
    return drafts;
  }

  private async correctVersion(
    m: EntityManager,
    v: PublicationRow,
    o: Overturn,
  ): Promise<string | null> {
    const reason = `复检推翻原检验结论：样品 ${o.sampleNo}（${o.productName}）经 ${o.retestLab} 复检合格（复检报告 ${o.reportNo}，${o.concludedOn}），移出不合格产品信息`;
    const open = await this.lists.openVersion(m, v.seriesId);
    if (open?.state === 'approved')
      throw new CorrectionWaiting(
        `version ${open.version} of list ${v.noticeNo} is approved: the correction for ${o.sampleNo} is made once it is published or discarded`,
      );
    const names = regionNamesOf(await this.lists.regionCodesOf(m, v.id));
    const d = { seriesId: v.seriesId, supersedesId: v.id };
    if (open) {
      if (open.reason?.includes(o.sampleNo)) return null;
      const listed = new Set(await this.lists.sampleIdsOf(m, open.id));
      const removed = (await this.lists.sampleIdsOf(m, v.id)).filter((s) => !listed.has(s));
      const before = open;
      await this.lists.clearDraft(m, open.id);
      await this.lists.listFromPrevious(m, { id: open.id, ...d }, 'failed', names, removed);
      await this.lists.listFromPrevious(m, { id: open.id, ...d }, 'passed', names, removed);
      await this.lists.counted(m, open.id);
      await this.lists.setDraftReason(m, open.id, `${open.reason}；${reason}`);
      await recordAudit(m, ACTOR, [
        {
          action: 'correction',
          entityType: 'publication',
          entityId: open.id,
          before,
          after: await this.lists.find(m, open.id),
          detail: { supersedes: v.id, sampleNo: o.sampleNo, refilled: true },
        },
      ]);
      return open.id;
    }
    const draft = await this.lists.insertDraft(m, {
      jurisdiction: v.jurisdiction,
      jurisdictionName: v.jurisdictionName,
      series: { id: v.seriesId, version: v.version + 1, supersedesId: v.id },
      kind: 'correction',
      reason,
      until: v.until,
      compiledBy: RETEST_CORRECTOR,
    });
    await this.lists.listFromPrevious(m, { id: draft, ...d }, 'failed', names, []);
    await this.lists.listFromPrevious(m, { id: draft, ...d }, 'passed', names, []);
    await this.lists.counted(m, draft);
    await recordAudit(m, ACTOR, [
      {
        action: 'correction',
        entityType: 'publication',
        entityId: draft,
        after: await this.lists.find(m, draft),
        detail: { supersedes: v.id, sampleNo: o.sampleNo },
      },
    ]);
    return draft;
  }
}
