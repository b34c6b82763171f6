import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import {
  type Challenge,
  type OutcomeDecision,
  challengeOf as objectionChallenge,
  chinaDate,
  decideOutcome,
  outcomeDecidesAt,
  sameDecision,
} from '@spotcheck/domain';
import { type JobName, enqueue } from '@spotcheck/queue';
import {
  OutcomeFactsRow,
  OutcomeRepository,
  OutcomeWrite,
  StoredOutcome,
  WrittenOutcome,
} from './outcome.repository';

/** A pending outcome and when its own delayed job should decide it again. */
export interface DueOutcome {
  sampleId: string;
  at: Date;
  finalOn: string;
}

export interface Decided {
  /** Samples whose stored outcome changed, with their new revision. */
  changed: WrittenOutcome[];
  /** Pending outcomes with a day on which they become final. */
  due: DueOutcome[];
}

/** What the sweep decides at once. */
export const SWEEP_BATCH = 500;

/** The delayed job's id: one per sample and day, so scheduling twice makes one job. */
export const deadlineJobId = (sampleId: string, finalOn: string) =>
  `deadline-${sampleId}-${finalOn}`;

/**
 * Keeps `sample_outcome` (docs/rules.md §3.6): decides each sample's outcome from its facts
 * with libs/domain's `decideOutcome` and stores what changed. Deciding is idempotent and
 * depends only on the facts and the day, so it runs whenever a report is issued, when a
 * sample's deadline job fires, and from the sweep, in any order and as often as needed.
 */
@Injectable()
export class OutcomeService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly outcomes: OutcomeRepository,
    @InjectQueue('outcomes') private readonly queue: Queue,
  ) {}

  /** Decides the outcomes of `sampleIds` as of `now`, in one transaction. */
  async decide(sampleIds: readonly string[], now = new Date()): Promise<Decided> {
    if (sampleIds.length === 0) return { changed: [], due: [] };
    const today = chinaDate(now);
    return this.ds.transaction(async (m) => {
      await this.outcomes.lock(m, sampleIds);
      const writes: OutcomeWrite[] = [];
      const due: DueOutcome[] = [];
      for (const f of await this.outcomes.facts(m, sampleIds)) {
        const d = decideOutcome({
          versions: f.versions.map((v) => ({
            version: v.version,
            verdict: v.verdict,
            conclusion: v.conclusion,
            issuedOn: chinaDate(new Date(v.issuedAt)),
            objectionDeadline: v.objectionDeadline,
          })),
          challenge: challengeOf(f),
          today,
        });
        if (d === null) continue;
        const at = outcomeDecidesAt(d);
        if (at !== null) due.push({ sampleId: f.sampleId, at, finalOn: d.finalOn! });
        if (f.stored && sameDecision(storedDecision(f.stored), d)) continue;
        writes.push(toWrite(f, d, at));
      }
      const changed = await this.outcomes.write(m, writes);
      await this.announce(m, changed);
      return { changed, due };
    });
  }

  /**
   * Gives each pending outcome a delayed job at the start of the day it becomes final. The id
   * names the sample and the day, so scheduling again adds nothing; a job lost with Redis is
   * made up for by the sweep.
   */
  async schedule(due: readonly DueOutcome[]): Promise<void> {
    if (due.length === 0) return;
    const job: JobName = 'outcome.deadline';
    await this.queue.addBulk(
      due.map((d) => ({
        name: job,
        data: { sampleId: d.sampleId },
        opts: {
          jobId: deadlineJobId(d.sampleId, d.finalOn),
          delay: Math.max(0, d.at.getTime() - Date.now()),
        },
      })),
    );
  }

  /**
   * Decides again every pending outcome due by `now`, a page at a time (keyset, so a row that
   * stays pending is not read twice). Returns how many outcomes changed.
   */
  async sweep(now = new Date()): Promise<{ decided: number; changed: number }> {
    let after: { decidesAt: string; sampleId: string } | null = null;
    let decided = 0;
    let changed = 0;
    for (;;) {
      const page = await this.outcomes.due(this.ds.manager, now, SWEEP_BATCH, after);
      if (page.length === 0) break;
      const r = await this.decide(
        page.map((p) => p.sampleId),
        now,
      );
      await this.schedule(r.due.filter((d) => d.at.getTime() > now.getTime()));
      decided += page.length;
      changed += r.changed.length;
      after = page[page.length - 1];
      if (page.length < SWEEP_BATCH) break;
    }
    return { decided, changed };
  }

  /**
   * Tells whoever builds on outcomes that some changed, in the same transaction (the outbox):
   * the one place a new consumer of outcome changes is added.
   * - `outcome.changed`: every change (rates).
   * - `outcome.finalized`: the changes that make an outcome final: a failure (whatever its
   *   basis: no objection in time, objection rejected, retest confirmed), a retest's conclusion
   *   (basis `retest_concluded`: confirmed, or overturned to `pass`), and a pass (which ends a
   *   re-inspection, or overturns a failure). What follows a final outcome hangs off that job
   *   (worker/src/followup).
   */
  private async announce(m: EntityManager, changed: readonly WrittenOutcome[]): Promise<void> {
    if (changed.length === 0) return;
    await enqueue(m, 'outcome.changed', { sampleIds: changed.map((c) => c.sampleId) });
    const finalized = changed.filter(isFinalizing).map((c) => c.sampleId);
    if (finalized.length) await enqueue(m, 'outcome.finalized', { sampleIds: finalized });
  }
}

/** A change that makes an outcome final, a failure or a pass (see `announce`). */
export const isFinalizing = (c: { outcome: string; basis: string }) =>
  c.outcome !== 'pending' || c.basis === 'retest_concluded';

/** What the enterprise did about the result: its objection, as libs/domain's `Challenge`. */
function challengeOf(facts: OutcomeFactsRow): Challenge {
  return objectionChallenge(facts.objection);
}

/**
 * The report and lab a final outcome stands on: the retest lab's when the retest decided it
 * (it failed the contested items, or overturned the failure), since its conclusion is final and
 * a published list shows its findings; otherwise the counting version at the sample's lab.
 */
function standsOn(f: OutcomeFactsRow, d: OutcomeDecision): { reportId: string; labId: string } {
  const counting = f.versions.find((v) => v.version === d.version)!;
  const o = f.objection;
  if (
    d.basis === 'retest_concluded' &&
    o?.retestReportId &&
    o.retestLabId &&
    (o.retestVerdict === 'fail' || d.outcome === 'pass')
  )
    return { reportId: o.retestReportId, labId: o.retestLabId };
  return { reportId: counting.reportId, labId: f.labId };
}

function storedDecision(s: StoredOutcome): OutcomeDecision {
  return {
    outcome: s.outcome,
    final: s.outcome !== 'pending',
    basis: s.basis,
    version: s.version,
    verdict: s.verdict,
    standingSince: s.standingSince,
    objectionDeadline: s.objectionDeadline,
    finalOn: s.finalOn,
  };
}

function toWrite(f: OutcomeFactsRow, d: OutcomeDecision, at: Date | null): OutcomeWrite {
  const on = standsOn(f, d);
  return {
    sampleId: f.sampleId,
    planId: f.planId,
    jurisdiction: f.jurisdiction,
    category: f.category,
    sector: f.sector,
    regionCode: f.regionCode,
    enterpriseSize: f.enterpriseSize,
    stage: f.stage,
    periodMonth: f.periodMonth,
    reinspection: f.reinspection,
    labId: on.labId,
    reportId: on.reportId,
    version: d.version,
    verdict: d.verdict,
    outcome: d.outcome,
    basis: d.basis,
    standingSince: d.standingSince,
    objectionDeadline: d.objectionDeadline,
    finalOn: d.finalOn,
    decidesAt: at?.toISOString() ?? null,
  };
}
