import { randomInt } from 'node:crypto';
import { recordAudit, verifyAuditChain } from '@spotcheck/common';
import { Enterprise, Lab, ProductCategory, Sample, SamplingPlan } from '@spotcheck/database';
import { addCalendarDays, chinaDate, countiesOf } from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import { DataSource } from 'typeorm';
import { makeCategory, makeEnterprise, makeLab } from '../medium/factories';
import {
  IssuedVersion,
  expectedOutcome,
  issueVersionOn,
  makeSampleOn,
} from '../medium/factories/outcomes';
import { makeDraw, makeSamplingPlan } from '../medium/factories/samples';
import { freshUscc } from '../medium/support';
import { until } from '../support/own-servers';

/**
 * A stream of issued lab reports for the fault suite, and its ground truth: each sample's
 * outcome (computed from its history alone, as the rates property test does), the rate cells
 * that follow, and what a compiled list must hold. Reports are written as the lab's issue
 * writes them: the report version, its result notice, its `report.issued` outbox row and an
 * audit row, in one transaction.
 */

const LAB = { sub: 'faults-signatory', role: 'lab' as const };

/** A version to issue, and the day it is issued on. */
type Planned = IssuedVersion & { issuedOn: string };

/** What one sample's rate cell is grouped by. */
interface CellKey {
  category: string;
  region: string;
  size: string;
  stage: string;
  month: string;
}

interface StreamSample {
  sample: Sample;
  enterprise: Enterprise;
  cell: CellKey;
  /** The versions still to issue, in order. */
  planned: Planned[];
  issued: IssuedVersion[];
  reportIds: string[];
}

/** A plan in `prefecture` with `size` samples in two of its counties, and their histories. */
export class ReportStream {
  /** Reports issued (each with its outbox row and audit row). */
  issuedCount = 0;

  private constructor(
    private readonly ds: DataSource,
    readonly jurisdiction: string,
    readonly plan: SamplingPlan,
    private readonly samples: StreamSample[],
  ) {}

  static async create(ds: DataSource, prefecture: string, size: number): Promise<ReportStream> {
    const counties = countiesOf(prefecture).slice(0, 2);
    const categories: ProductCategory[] = [
      await makeCategory(ds, { sector: 'food' }),
      await makeCategory(ds, { sector: 'manufacturing' }),
    ];
    const enterprises: Enterprise[] = [
      await makeEnterprise(ds, {
        uscc: freshUscc(counties[0]),
        regionCode: counties[0],
        size: 'small',
      }),
      await makeEnterprise(ds, {
        uscc: freshUscc(counties[1]),
        regionCode: counties[1],
        size: 'large',
      }),
    ];
    const lab: Lab = await makeLab(ds, { categories: categories.map((c) => c.code) });
    const plan = await makeSamplingPlan(ds, categories[0].code, {
      jurisdiction: prefecture,
      categories: categories.map((c) => c.code),
    });
    const draw = await makeDraw(ds, plan.id);
    const today = chinaDate(new Date());
    const samples: StreamSample[] = [];
    for (let i = 0; i < size; i++) {
      const category = categories[randomInt(2)];
      const enterprise = enterprises[randomInt(2)];
      const region = counties[randomInt(2)];
      const stage = randomInt(2) ? 'production' : 'distribution';
      const samplingDate = addCalendarDays(today, -60 - randomInt(40));
      const sample = await makeSampleOn(ds, {
        plan,
        draw,
        taskNo: i + 1,
        category,
        enterprise,
        lab,
        stage,
        regionCode: region,
        samplingDate,
      });
      samples.push({
        sample,
        enterprise,
        cell: {
          category: category.code,
          region,
          size: enterprise.size,
          stage,
          month: `${samplingDate.slice(0, 7)}-01`,
        },
        planned: history(today),
        issued: [],
        reportIds: [],
      });
    }
    return new ReportStream(ds, prefecture, plan, samples);
  }

  /** Every report version the stream will issue. */
  get total(): number {
    return this.samples.reduce((n, s) => n + s.planned.length + s.issued.length, 0);
  }

  /**
   * Issues every planned version, one every `paceMs`, samples interleaved at random (each
   * sample's versions in order); `at(n)` runs once `n` reports are issued (a fault).
   */
  async run(paceMs: number, at: Record<number, () => Promise<void>> = {}): Promise<void> {
    for (;;) {
      const waiting = this.samples.filter((s) => s.planned.length > 0);
      if (waiting.length === 0) return;
      await this.issueNext(waiting[randomInt(waiting.length)]);
      this.issuedCount++;
      await at[this.issuedCount]?.();
      await new Promise((r) => setTimeout(r, paceMs));
    }
  }

  private async issueNext(s: StreamSample): Promise<void> {
    const v = s.planned[0];
    const version = s.issued.length + 1;
    await this.ds.transaction(async (m) => {
      const reportId = await issueVersionOn(m, {
        sample: s.sample,
        enterprise: s.enterprise,
        version,
        amends: s.reportIds[version - 2] ?? null,
        verdict: v.verdict,
        failedItems:
          v.verdict === 'fail' ? [{ itemCode: 'X1', value: v.variant ? '0.9' : '0.8' }] : [],
        issuedOn: v.issuedOn,
        objectionDeadline: v.deadline,
      });
      const outboxId = await enqueue(m, 'report.issued', {
        reportId,
        sampleId: s.sample.id,
        labId: s.sample.labId,
        version,
      });
      await recordAudit(m, { ...LAB, org: s.sample.labId }, [
        {
          action: 'issue',
          entityType: 'lab_report',
          entityId: reportId,
          before: { version, state: 'reviewed' },
          after: { version, state: 'issued', verdict: v.verdict },
          detail: { outboxId },
        },
      ]);
      s.reportIds.push(reportId);
    });
    const { verdict, variant, deadline } = s.planned.shift()!;
    s.issued.push({ verdict, variant, deadline });
  }

  /** How many samples end in each outcome, and how many reports amended another. */
  summary(): Record<string, number> {
    const counts: Record<string, number> = { amendments: 0 };
    for (const s of this.samples) {
      const o = String(expectedOutcome(s.issued, chinaDate(new Date())));
      counts[o] = (counts[o] ?? 0) + 1;
      counts.amendments += Math.max(0, s.issued.length - 1);
    }
    return counts;
  }

  /** Each sample's outcome, as it must be today. */
  expectedOutcomes(today = chinaDate(new Date())): Map<string, string | null> {
    return new Map(this.samples.map((s) => [s.sample.id, expectedOutcome(s.issued, today)]));
  }

  /** The plan's rate cells, as they must be: counts by cell of the expected outcomes. */
  expectedCells(today = chinaDate(new Date())): Record<string, unknown>[] {
    const cells = new Map<string, Record<string, unknown>>();
    for (const s of this.samples) {
      const outcome = expectedOutcome(s.issued, today);
      if (outcome === null) continue;
      const key = JSON.stringify(s.cell);
      const row = cells.get(key) ?? { ...s.cell, pass: 0, fail: 0, pending: 0, excluded: 0 };
      (row[outcome] as number)++;
      cells.set(key, row);
    }
    return sortRows([...cells.values()]);
  }

  /**
   * Waits until every outbox row written so far is done (each job ran, the jobs they wrote
   * too) and every audit row is sealed, then checks the outcomes, the rate cells, the audit
   * chain and that no job failed for good. Returns the problems found.
   */
  async settleAndCheck(settleMs: number): Promise<string[]> {
    const problems: string[] = [];
    const say = (p: string) => problems.length < 40 && problems.push(p);
    try {
      await until(
        async () => {
          const [s] = (await this.ds.query(
            `SELECT (SELECT count(*) FROM outbox WHERE done_at IS NULL)::int AS undone,
                    (SELECT count(*) FROM audit_log WHERE chain_pos IS NULL)::int AS unsealed`,
          )) as { undone: number; unsealed: number }[];
          return s.undone === 0 && s.unsealed === 0;
        },
        'every outbox row done and every audit row sealed',
        settleMs,
        200,
      );
    } catch (e) {
      say((e as Error).message);
    }

    const expected = this.expectedOutcomes();
    const rows = (await this.ds.query(
      'SELECT sample_id AS id, outcome FROM sample_outcome WHERE plan_id = $1',
      [this.plan.id],
    )) as { id: string; outcome: string }[];
    const actual = new Map(rows.map((r) => [r.id, r.outcome]));
    for (const [id, want] of expected)
      if ((actual.get(id) ?? null) !== want)
        say(
          `sample ${id}: outcome ${actual.get(id) ?? 'none'}, the ground truth says ${want ?? 'none'}`,
        );

    const cells = sortRows(
      (await this.ds.query(
        `SELECT category, region_code AS region, enterprise_size AS size, stage,
                period_month::text AS month, pass, fail, pending, excluded
           FROM rate_cell WHERE plan_id = $1`,
        [this.plan.id],
      )) as Record<string, unknown>[],
    );
    const want = this.expectedCells();
    if (JSON.stringify(cells) !== JSON.stringify(want))
      say(`rate cells ${JSON.stringify(cells)}, the ground truth says ${JSON.stringify(want)}`);

    const failed = (await this.ds.query('SELECT job, error FROM failed_job')) as {
      job: string;
      error: string;
    }[];
    for (const f of failed.slice(0, 5)) say(`job ${f.job} failed for good: ${f.error}`);
    const chain = await verifyAuditChain(this.ds);
    if (!chain.ok) say(`audit chain broken: ${JSON.stringify(chain.firstBroken)}`);
    return problems;
  }

  /**
   * After compiles of the jurisdiction's list (any number, at once): one list, each final fail
   * in its failed table and each final pass in its pass table, once (every final outcome of the
   * stream is final by yesterday, China time, as a compile requires). Returns the problems.
   */
  async checkListing(): Promise<string[]> {
    const problems: string[] = [];
    const lists = (await this.ds.query('SELECT id FROM publication WHERE jurisdiction = $1', [
      this.jurisdiction,
    ])) as { id: string }[];
    if (lists.length !== 1) problems.push(`${lists.length} lists of ${this.jurisdiction}, not 1`);
    const entries = (await this.ds.query(
      `SELECT pe.table_kind AS kind, pe.sample_id AS id, count(*)::int AS n
         FROM publication_entry pe JOIN publication p ON p.id = pe.publication_id
        WHERE p.jurisdiction = $1 GROUP BY 1, 2`,
      [this.jurisdiction],
    )) as { kind: string; id: string; n: number }[];
    for (const e of entries)
      if (e.n !== 1) problems.push(`sample ${e.id} is listed ${e.n} times in ${e.kind} tables`);
    const outcomes = [...this.expectedOutcomes()];
    for (const [kind, outcome] of [
      ['failed', 'fail'],
      ['passed', 'pass'],
    ] as const) {
      const want = outcomes
        .filter(([, o]) => o === outcome)
        .map(([id]) => id)
        .sort();
      const got = [...new Set(entries.filter((e) => e.kind === kind).map((e) => e.id))].sort();
      if (JSON.stringify(got) !== JSON.stringify(want))
        problems.push(
          `the ${kind} table lists ${got.length} samples, the ground truth ${want.length}: ${JSON.stringify({ got, want })}`,
        );
    }
    return problems;
  }
}

/**
 * One to three versions, issued in the past, each later than the one before; deadlines either
 * well past (a fail is final) or, for the last version at times, well ahead (pending), at least
 * ten days from today so that no midnight during a run changes the truth.
 */
function history(today: string): Planned[] {
  const n = 1 + randomInt(3);
  const out: Planned[] = [];
  let issued = addCalendarDays(today, -55 - randomInt(10));
  for (let i = 0; i < n; i++) {
    issued = addCalendarDays(issued, 1 + randomInt(5));
    const running = i === n - 1 && randomInt(3) === 0;
    const verdicts = ['pass', 'fail', 'fail', 'not_applicable'] as const;
    const verdict = verdicts[randomInt(verdicts.length)];
    out.push({
      verdict,
      variant: verdict === 'fail' ? (randomInt(2) as 0 | 1) : 0,
      issuedOn: running ? addCalendarDays(today, -3) : issued,
      deadline: running ? addCalendarDays(today, 10 + randomInt(10)) : addCalendarDays(issued, 15),
    });
  }
  return out;
}

const sortRows = (rows: Record<string, unknown>[]) =>
  rows.map((r) => ({ ...r })).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
