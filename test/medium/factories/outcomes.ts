import {
  Draw,
  Enterprise,
  InspectionTask,
  Lab,
  ProductCategory,
  Sample,
  SamplingPlan,
} from '@spotcheck/database';
import { addCalendarDays, chinaDayStart } from '@spotcheck/domain';
import { DataSource } from 'typeorm';
import { unique } from '../support';

/**
 * Samples and issued report versions written straight into the tables, with the days a test
 * chooses: what the outcome and rate tests need to play histories on a simulated calendar.
 * (The lab flow that writes them for real is tested in test/medium/labs.)
 */

export interface SampleSpec {
  plan: SamplingPlan;
  draw: Draw;
  taskNo: number;
  category: ProductCategory;
  enterprise: Enterprise;
  lab: Lab;
  stage: 'production' | 'distribution';
  regionCode: string;
  samplingDate: string;
  /** The task this sample's task re-inspects (复查), if it is a re-inspection. */
  reinspectionOf?: string;
}

/** A sample of `spec.plan`, received at its lab, with its task. */
export async function makeSampleOn(ds: DataSource, spec: SampleSpec): Promise<Sample> {
  const tasks = ds.getRepository(InspectionTask);
  const task = await tasks.save(
    tasks.create({
      planId: spec.plan.id,
      drawId: spec.draw.id,
      taskNo: spec.taskNo,
      uscc: spec.enterprise.uscc,
      category: spec.category.code,
      inspectors: ['S-A', 'S-B'],
      labId: spec.lab.id,
      dueDate: addCalendarDays(spec.samplingDate, 30),
      state: 'sampled',
      stateChangedAt: chinaDayStart(spec.samplingDate),
      stateChangedBy: 'medium',
      reinspectionOf: spec.reinspectionOf ?? null,
    }),
  );
  const samples = ds.getRepository(Sample);
  const sampleNo = unique('NM-R-');
  const sampledAt = new Date(chinaDayStart(spec.samplingDate).getTime() + 10 * 3_600_000);
  await samples.insert(
    samples.create({
      sampleNo,
      planId: spec.plan.id,
      seq: spec.taskNo,
      taskId: task.id,
      category: spec.category.code,
      labId: spec.lab.id,
      stage: spec.stage,
      sampledUscc: spec.enterprise.uscc,
      placeRegionCode: spec.regionCode,
      placeAddress: '抽样地址',
      manufacturerName: spec.enterprise.name,
      productName: '测试产品',
      batchNo: 'B1',
      testQuantity: '2',
      testUnit: '瓶',
      backupQuantity: '2',
      backupUnit: '瓶',
      pricePaid: '10.00',
      inspectors: ['S-A', 'S-B'],
      representativeName: '代表',
      sampledAt,
      samplingDate: spec.samplingDate,
      labDueDate: addCalendarDays(spec.samplingDate, 7),
      custodyState: 'received',
      custodySeq: 2,
      custodyAt: sampledAt,
      createdBy: 'medium',
    }),
  );
  return samples.findOneByOrFail({ sampleNo });
}

export interface VersionSpec {
  sample: Sample;
  enterprise: Enterprise;
  version: number;
  /** The version it amends (its id), for version > 1. */
  amends: string | null;
  verdict: 'pass' | 'fail' | 'not_applicable';
  failedItems: unknown[];
  /** The day it is issued and its notice served. */
  issuedOn: string;
  objectionDeadline: string;
}

/**
 * An issued report version of `spec.sample` at its lab, with its result notice; on `ds`, or in
 * the caller's transaction.
 */
export async function issueVersionOn(
  ds: Pick<DataSource, 'query'>,
  spec: VersionSpec,
): Promise<string> {
  const issuedAt = new Date(chinaDayStart(spec.issuedOn).getTime() + 9 * 3_600_000);
  const [report] = (await ds.query(
    `INSERT INTO lab_report (lab_id, sample_id, report_no, version, amends_id, amendment_reason,
                             state, verdict, failed_items, issued_at, issued_by, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, 'issued', $7, $8, $9, 'medium', 'medium') RETURNING id`,
    [
      spec.sample.labId,
      spec.sample.id,
      `JC-${spec.sample.sampleNo}`,
      spec.version,
      spec.amends,
      spec.amends ? '更正' : null,
      spec.verdict,
      JSON.stringify(spec.failedItems),
      issuedAt,
    ],
  )) as { id: string }[];
  await ds.query(
    `INSERT INTO result_notice (sample_id, report_id, lab_id, uscc, verdict, regime, served_on,
                                objection_deadline)
     VALUES ($1, $2, $3, $4, $5, 'product', $6, $7)`,
    [
      spec.sample.id,
      report.id,
      spec.sample.labId,
      spec.enterprise.uscc,
      spec.verdict,
      spec.issuedOn,
      spec.objectionDeadline,
    ],
  );
  return report.id;
}

/** One issued version of a sample's report, as the ground truth of its outcome sees it. */
export interface IssuedVersion {
  verdict: 'pass' | 'fail' | 'not_applicable';
  /** Which failed items a fail names: two fails alike (same variant) say the same. */
  variant: 0 | 1;
  /** Its notice's objection deadline. */
  deadline: string;
}

/**
 * The outcome a sample must have on `today` after its issued versions, computed from the
 * history alone (docs/rules.md §3.6), as the rates and outcome tests' ground truth: null
 * before any issue; pass; excluded (not applicable); a fail is final the day after the
 * objection deadline of the first version of the latest run of versions saying the same (an
 * amendment that changes nothing leaves the window running), pending until then.
 */
export function expectedOutcome(
  history: readonly IssuedVersion[],
  today: string,
): 'pass' | 'fail' | 'pending' | 'excluded' | null {
  const last = history[history.length - 1];
  if (!last) return null;
  if (last.verdict === 'pass') return 'pass';
  if (last.verdict === 'not_applicable') return 'excluded';
  let first = history.length - 1;
  while (
    first > 0 &&
    history[first - 1].verdict === last.verdict &&
    history[first - 1].variant === last.variant
  )
    first--;
  return today > history[first].deadline ? 'fail' : 'pending';
}
