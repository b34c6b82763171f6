import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type IsoDate, conflictError, regionFullName } from '@spotcheck/domain';
import { PublicationRepository, type PublicationRow } from './publication.repository';

/** Region names as a list shows them, for the codes given (an unknown code shows itself). */
export function regionNamesOf(codes: readonly string[]): Record<string, string> {
  return Object.fromEntries(codes.map((c) => [c, regionFullName(c) ?? c]));
}

/** Nothing to list: the answer when compiling finds no final outcome not yet listed. */
export const nothingEligible = (jurisdiction: string, until: IsoDate) =>
  conflictError(
    'NOTHING_ELIGIBLE',
    `nothing to publish in ${jurisdiction}: every final outcome up to ${until} is already listed; no list was made`,
    { jurisdiction, until },
  );

/**
 * Compiles the draft of a jurisdiction's next list (docs/rules.md §3.6): every final failure
 * of its plans (and, beside them, every final pass: "one public") up to `until` that no list
 * of the jurisdiction holds yet. Shared by the regulators' API (on demand) and the worker's
 * schedule, so both compile alike.
 */
@Injectable()
export class PublicationCompiler {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly lists: PublicationRepository,
  ) {}

  /**
   * In one transaction, under the jurisdiction's lock: an open draft is compiled again (its
   * entries replaced, `compiledBy` the new compiler); otherwise a new draft is made. Refuses
   * with 409 when the open list is already approved (LIST_AWAITING_PUBLICATION) and when
   * nothing is eligible (NOTHING_ELIGIBLE, and no list is left behind); with `keepOpen`, also
   * when any list is open (LIST_OPEN: the schedule leaves a person's draft alone). `afterwards`
   * runs in the same transaction (the caller's audit row).
   */
  async compile(
    jurisdiction: string,
    until: IsoDate,
    compiledBy: string,
    o: {
      keepOpen?: boolean;
      afterwards?: (m: EntityManager, list: PublicationRow, recompiled: boolean) => Promise<void>;
    } = {},
  ): Promise<PublicationRow> {
    return this.ds.transaction(async (m) => {
      await this.lists.lockJurisdiction(m, jurisdiction);
      await this.lists.sortInMemory(m);
      const open = await this.lists.openList(m, jurisdiction);
      if (open && o.keepOpen)
        throw conflictError('LIST_OPEN', `list ${open.id} of ${jurisdiction} is ${open.state}`, {
          publicationId: open.id,
          currentState: open.state,
        });
      if (open && open.state !== 'draft')
        throw conflictError(
          'LIST_AWAITING_PUBLICATION',
          `list ${open.id} of ${jurisdiction} is ${open.state}: publish or discard it before compiling the next`,
          { publicationId: open.id, currentState: open.state },
        );
      let id: string;
      if (open) {
        id = open.id;
        await this.lists.clearDraft(m, id);
        await this.lists.recompiled(m, id, until, compiledBy);
      } else {
        id = await this.lists.insertDraft(m, {
          jurisdiction,
          jurisdictionName: regionFullName(jurisdiction) ?? jurisdiction,
          series: null,
          kind: 'list',
          reason: null,
          until,
          compiledBy,
        });
      }
      const names = regionNamesOf(await this.lists.regionCodes(m, jurisdiction, until));
      const draft = { id, seriesId: open?.seriesId ?? id, jurisdiction, until };
      await this.lists.listEligible(m, draft, 'failed', names);
      await this.lists.listEligible(m, draft, 'passed', names);
      const counts = await this.lists.counted(m, id);
      if (counts.failed + counts.passed === 0) throw nothingEligible(jurisdiction, until);
      const list = (await this.lists.find(m, id))!;
      await o.afterwards?.(m, list, open !== undefined);
      return list;
    });
  }
}
