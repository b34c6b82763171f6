import { enqueue } from '@spotcheck/queue';
import { until } from '../support/own-servers';
import { parseProm, series } from '../support/prometheus';
import { SETTLE_MS } from './checks';
import { ReportStream } from './reports';
import { Stack } from './stack';

/**
 * Two workers at once over a stream of issued lab reports, and faults in the middle of the
 * stream: one of them SIGKILLed and started again, Redis killed and back empty. Each ends with
 * exactly the ground truth (every sample's outcome and the rate cells, kept incrementally and
 * by a full recompute), each result listed once however many compiles run at once, no job
 * failed for good, and the audit chain sealed and intact.
 */
let stack: Stack;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  stack = await Stack.start();
  await stack.addWorker();
}, 180_000);

afterAll(async () => {
  if (stack) console.log(`report faults: logs in ${stack.dir}`);
  await stack?.stop();
}, 60_000);

/** Writes `job` `times` times in transactions of their own, at once, and waits for them all. */
async function runAtOnce(job: 'publication.compile' | 'rates.recompute', times: number) {
  const ids = await Promise.all(
    Array.from({ length: times }, () =>
      stack.ds.transaction((m) =>
        job === 'rates.recompute'
          ? enqueue(m, job, { requestedBy: 'faults' })
          : enqueue(m, job, {}),
      ),
    ),
  );
  await until(
    async () =>
      (
        (await stack.ds.query(
          'SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::bigint[]) AND done_at IS NOT NULL',
          [ids],
        )) as { n: number }[]
      )[0].n === times,
    `${times} ${job} jobs done`,
    SETTLE_MS,
  );
}

/** Job attempts each worker finished, by its own /metrics. */
async function jobsDoneBy(): Promise<number[]> {
  return Promise.all(
    stack.workers.map(async (w) => {
      const text = await (await fetch(`${w.url}/metrics`)).text();
      return series(parseProm(text), 'spotcheck_job_duration_seconds_count').reduce(
        (n, s) => n + s.value,
        0,
      );
    }),
  );
}

/** The stream's checks, then compiles and a full recompute at once on both workers. */
async function expectGroundTruth(stream: ReportStream): Promise<void> {
  // A history worth checking: every outcome, and amendments, among the stream's samples.
  const summary = stream.summary();
  for (const kind of ['pass', 'fail', 'pending', 'excluded', 'amendments'])
    expect([kind, (summary[kind] ?? 0) > 0]).toEqual([kind, true]);
  expect(await stream.settleAndCheck(SETTLE_MS)).toEqual([]);
  await runAtOnce('publication.compile', 3);
  expect(await stream.checkListing()).toEqual([]);
  await runAtOnce('rates.recompute', 2);
  expect(await stream.settleAndCheck(SETTLE_MS)).toEqual([]);
}

describe('two workers over a stream of issued reports', () => {
  it('both take jobs, and the end is exactly the ground truth', async () => {
    const before = await jobsDoneBy();
    const stream = await ReportStream.create(stack.ds, '150200', 60);
    await stream.run(30);
    await expectGroundTruth(stream);
    const after = await jobsDoneBy();
    // Both workers ran jobs of the stream, not one of them alone.
    expect(after.map((n, i) => n - before[i] > 0)).toEqual([true, true]);
  });

  it('one of them is SIGKILLed mid-stream and started again', async () => {
    const stream = await ReportStream.create(stack.ds, '150300', 60);
    const half = Math.floor(stream.total / 2);
    let fault: Promise<void> | undefined;
    // The stream goes on while the worker is down.
    await stream.run(30, {
      [half]: async () => {
        fault = (async () => {
          await stack.workers[0].kill('SIGKILL');
          await sleep(1000);
          await stack.workers[0].start();
        })();
      },
    });
    await fault;
    await expectGroundTruth(stream);
  });

  it('Redis is killed mid-stream and comes back empty', async () => {
    const stream = await ReportStream.create(stack.ds, '150400', 60);
    const third = Math.floor(stream.total / 3);
    let fault: Promise<void> | undefined;
    await stream.run(30, {
      [third]: async () => {
        fault = (async () => {
          await stack.redis.stop('SIGKILL');
          await sleep(3000);
          await stack.redis.start();
        })();
      },
    });
    await fault;
    await expectGroundTruth(stream);
  });
});
