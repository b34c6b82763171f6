import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { addCalendarDays, chinaDate } from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import { AuditProcessor } from '../apps/worker/src/audit/audit.processor';
import { DirectoryProcessor } from '../apps/worker/src/directory/directory.processor';
import { deadlineJobId } from '../apps/worker/src/outcomes/outcome.service';
import { OutcomesProcessor } from '../apps/worker/src/outcomes/outcomes.processor';
import { PublicationsProcessor } from '../apps/worker/src/publications/publications.processor';
import { RatesProcessor } from '../apps/worker/src/rates/rates.processor';
import { ReportsProcessor } from '../apps/worker/src/reports/reports.processor';
import { makeCategory, makeEnterprise, makeLab } from './medium/factories';
import { issueVersionOn, makeSampleOn } from './medium/factories/outcomes';
import { makeDraw, makeSamplingPlan } from './medium/factories/samples';
import { until } from './support/own-servers';

/**
 * The running worker, from issued reports to rate cells: `report.issued` through the outbox
 * decides each outcome, a pending one gets its deadline job, the change reaches the rate
 * cells, and an on-demand recompute gives the same cells.
 */
let worker: INestApplicationContext;
let ds: DataSource;
let outcomesQueue: Queue;

beforeAll(async () => {
  process.env.OUTBOX_POLL_MS = '100';
  process.env.WORKER_CONCURRENCY = '5';
  const { startWorker } = await import('../apps/worker/src/main');
  worker = (await startWorker(0)).app;
  ds = worker.get(DataSource);
  outcomesQueue = new Queue('outcomes', {
    connection: { url: process.env.REDIS_URL },
    prefix: process.env.QUEUE_PREFIX,
  });
}, 60_000);
afterAll(async () => {
  await outcomesQueue?.close();
  await worker?.close();
});

const cellsOf = async (planId: string) =>
  (await ds.query(
    `SELECT sum(pass)::int AS pass, sum(fail)::int AS fail, sum(pending)::int AS pending
       FROM rate_cell WHERE plan_id = $1`,
    [planId],
  )) as { pass: number | null; fail: number | null; pending: number | null }[];

describe('outcomes and rates in the worker', () => {
  it('turns issued reports into outcomes, deadline jobs and rate cells', async () => {
    const category = await makeCategory(ds);
    const enterprise = await makeEnterprise(ds);
    const lab = await makeLab(ds);
    const plan = await makeSamplingPlan(ds, category.code);
    const draw = await makeDraw(ds, plan.id);
    const today = chinaDate(new Date());
    const sample = (taskNo: number) =>
      makeSampleOn(ds, {
        plan,
        draw,
        taskNo,
        category,
        enterprise,
        lab,
        stage: 'production',
        regionCode: '150102',
        samplingDate: addCalendarDays(today, -40),
      });
    const [passed, failedLong, failedNow] = [await sample(1), await sample(2), await sample(3)];
    const issue = async (
      s: typeof passed,
      verdict: 'pass' | 'fail',
      issuedOn: string,
      deadline: string,
    ) => {
      const reportId = await issueVersionOn(ds, {
        sample: s,
        enterprise,
        version: 1,
        amends: null,
        verdict,
        failedItems: verdict === 'fail' ? [{ itemCode: 'X1', value: '0.8' }] : [],
        issuedOn,
        objectionDeadline: deadline,
      });
      // What the lab's issue writes in its transaction.
      await enqueue(ds.manager, 'report.issued', {
        reportId,
        sampleId: s.id,
        labId: lab.id,
        version: 1,
      });
    };
    await issue(passed, 'pass', today, addCalendarDays(today, 15));
    await issue(failedLong, 'fail', addCalendarDays(today, -30), addCalendarDays(today, -15));
    const deadline = addCalendarDays(today, 15);
    await issue(failedNow, 'fail', today, deadline);

    await until(
      async () => {
        const [c] = await cellsOf(plan.id);
        return c.pass === 1 && c.fail === 1 && c.pending === 1;
      },
      'the rate cells count one pass, one fail and one pending',
      30_000,
    );
    const job = await outcomesQueue.getJob(
      deadlineJobId(failedNow.id, addCalendarDays(deadline, 1)),
    );
    expect(job).toMatchObject({ name: 'outcome.deadline', data: { sampleId: failedNow.id } });

    // On demand: the whole table rebuilt gives the same cells.
    const outboxId = await enqueue(ds.manager, 'rates.recompute', { requestedBy: 'e2e' });
    await until(
      async () =>
        (
          (await ds.query('SELECT done_at IS NOT NULL AS done FROM outbox WHERE id = $1', [
            outboxId,
          ])) as { done: boolean }[]
        )[0].done,
      'the recompute ran',
      30_000,
    );
    expect(await cellsOf(plan.id)).toEqual([{ pass: 1, fail: 1, pending: 1 }]);
  }, 90_000);

  it('holds a batch on the batched queues, WORKER_CONCURRENCY jobs on outcomes, one elsewhere', () => {
    const concurrency = (host: { worker: { concurrency: number } }) => host.worker.concurrency;
    expect(
      [ReportsProcessor, OutcomesProcessor, RatesProcessor].map((p) => concurrency(worker.get(p))),
    ).toEqual([100, 5, 100]);
    expect(
      [PublicationsProcessor, AuditProcessor, DirectoryProcessor].map((p) =>
        concurrency(worker.get(p, { strict: false })),
      ),
    ).toEqual([1, 1, 1]);
  });
});
