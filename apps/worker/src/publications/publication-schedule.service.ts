import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PublicationCompiler, PublicationRepository } from '@spotcheck/database';
import { DomainError, SCHEDULER_COMPILER, addCalendarDays, chinaDate } from '@spotcheck/domain';

export interface ScheduledCompile {
  until: string;
  compiled: { jurisdiction: string; publicationId: string }[];
  /** Jurisdictions left alone, and why (an open list, nothing left once another took it). */
  skipped: { jurisdiction: string; code: string }[];
}

/**
 * The scheduled compile (docs/rules.md §3.6): a draft for every jurisdiction with final
 * outcomes not yet listed, up to the day before the run (China time), so a run at 02:00 on the
 * first of a month lists the month before. A jurisdiction with an open list is left alone: the
 * schedule never takes over a person's draft. Compiling twice, or on two workers at once, lists
 * nothing twice (the compiler locks the jurisdiction and each result is listed once).
 */
@Injectable()
export class PublicationScheduleService {
  private readonly logger = new Logger(PublicationScheduleService.name);
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly lists: PublicationRepository,
    private readonly compiler: PublicationCompiler,
  ) {}

  /** Compiles as of `now`; `only` limits it to some jurisdictions. */
  async compileDue(now = new Date(), only?: readonly string[]): Promise<ScheduledCompile> {
    const until = addCalendarDays(chinaDate(now), -1);
    const due = await this.lists.jurisdictionsWithEligible(this.ds.manager, until);
    const r: ScheduledCompile = { until, compiled: [], skipped: [] };
    for (const jurisdiction of due) {
      if (only && !only.includes(jurisdiction)) continue;
      try {
        const list = await this.compiler.compile(jurisdiction, until, SCHEDULER_COMPILER, {
          keepOpen: true,
        });
        r.compiled.push({ jurisdiction, publicationId: list.id });
      } catch (e) {
        if (!(e instanceof DomainError) || e.kind !== 'conflict') throw e;
        r.skipped.push({ jurisdiction, code: e.code });
      }
    }
    if (r.compiled.length)
      this.logger.log(`compiled ${r.compiled.length} draft list(s) up to ${until}`);
    return r;
  }
}
