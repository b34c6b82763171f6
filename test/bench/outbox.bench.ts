import { outboxJobId } from '@spotcheck/queue';
import { REDIS_URL, benchPrefix, benchQueue, dropPrefix, workerQueues } from './queues';
import { benchDatabase, cpuSeconds, fmt, loadAverage, startApp, table } from './support';

const RUNS = 3;
/** What the relay hands BullMQ at once (`BATCH` in outbox-relay.service.ts); the baseline too. */
const BATCH = 500;
/** The goals: at least 5,000 events a second, and at least half the rate of `addBulk` alone. */
const GOAL_RATE = 5_000;
const GOAL_RATIO = 0.5;

/**
 * `npm run bench -- outbox [events]`: the outbox relay of the worker, running as its own
 * process, moving a backlog of `events` committed outbox rows (100,000 by default) to BullMQ,
 * beside the baseline: BullMQ's `addBulk` of the same jobs (same names, payloads, ids and job
 * options) from this process into a scratch queue, in batches of the relay's size. Three
 * rounds, each the relay then the baseline; best of each.
 *
 * The rows are `report.issued` events (the commonest), inserted in one statement; the relay
 * is timed from that commit (its notification wakes the relay) until no row is left
 * unrelayed, and every job is then counted in Redis. The worker's queues are paused, so the
 * jobs stay in Redis and no processor competes with the relay for the machine: this measures
 * the relay alone. Each round's jobs and rows are cleared before the next.
 */
export async function outboxBench(events = 100_000): Promise<void> {
  const db = await benchDatabase('outbox');
  const prefix = benchPrefix('outbox');
  const queues = workerQueues(prefix);
  const reports = queues.find((q) => q.name === 'reports')!;
  const baselineQueue = benchQueue(prefix, 'baseline');
  let worker: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    for (const q of [...queues, baselineQueue]) await q.pause();
    worker = await startApp('apps/worker/src/main.js', {
      DATABASE_URL: db.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
    });
    const pid = worker.child.pid!;
    const relay: number[] = [];
    const baseline: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // The relay: a backlog committed at once, relayed until nothing is left.
      const [{ lastId }] = (await db.ds.query(
        'SELECT coalesce(max(id), 0)::text AS "lastId" FROM outbox',
      )) as { lastId: string }[];
      const cpu0 = cpuSeconds(pid);
      await db.ds.query(
        `INSERT INTO outbox (queue, job, payload)
         SELECT 'reports', 'report.issued',
                jsonb_build_object('reportId', gen_random_uuid(), 'sampleId', gen_random_uuid(),
                                   'labId', '00000000-0000-4000-8000-00000000000a', 'version', 1)
           FROM generate_series(1, $1)`,
        [events],
      );
      let t = process.hrtime.bigint();
      for (;;) {
        const [{ n }] = (await db.ds.query(
          'SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL',
        )) as { n: number }[];
        if (n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      relay.push(seconds(t));
      cpu.push(cpuSeconds(pid) - cpu0);
      await expectJobs(reports.getJobCountByTypes('wait'), events, 'relayed');

      // The baseline: the same jobs, built before the clock starts.
      const rows = (await db.ds.query(
        'SELECT id::text AS id, payload FROM outbox WHERE id > $1 ORDER BY id',
        [lastId],
      )) as { id: string; payload: Record<string, unknown> }[];
      const jobs = rows.map((r) => ({
        name: 'report.issued',
        data: r.payload,
        opts: { jobId: outboxJobId(r.id) },
      }));
      t = process.hrtime.bigint();
      for (let k = 0; k < jobs.length; k += BATCH)
        await baselineQueue.addBulk(jobs.slice(k, k + BATCH));
      baseline.push(seconds(t));
      await expectJobs(baselineQueue.getJobCountByTypes('wait'), events, 'added');

      // A clean slate for the next round (obliterating a queue also unpauses it).
      for (const q of [reports, baselineQueue]) {
        await q.obliterate({ force: true });
        await q.pause();
      }
      await db.ds.query('UPDATE outbox SET done_at = now() WHERE done_at IS NULL');
    }
    const best = Math.min(...relay);
    const base = Math.min(...baseline);
    const rate = events / best;
    const ratio = base / best;
    const runs = (xs: number[]) => `(${xs.map((s) => s.toFixed(2)).join(', ')})`;
    console.log(
      `\noutbox benchmark: ${fmt(events)} committed outbox rows (report.issued) relayed to BullMQ, batches of ${BATCH}; ${loadAverage()}`,
    );
    table([
      ['relay, backlog to all relayed, best of 3', `${best.toFixed(2)} s   ${fmt(rate)} events/s   ${runs(relay)}`],
      ['baseline addBulk of the same jobs, best of 3', `${base.toFixed(2)} s   ${fmt(events / base)} events/s   ${runs(baseline)}`],
      ['ratio relay / addBulk (rates)', ratio.toFixed(2)],
      [`goal ≥ ${fmt(GOAL_RATE)} events/s and ≥ ${GOAL_RATIO}×`, rate >= GOAL_RATE && ratio >= GOAL_RATIO ? 'met' : 'NOT met'],
      ['CPU time of the worker per event', `${fmt((Math.min(...cpu) / events) * 1e6, 1)} µs   ${runs(cpu)} s`],
    ]); // prettier-ignore
  } finally {
    await worker?.stop();
    for (const q of [...queues, baselineQueue]) await q.close();
    await dropPrefix(prefix);
    await db.drop();
  }
}

const seconds = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;

async function expectJobs(count: Promise<number>, events: number, what: string): Promise<void> {
  const n = await count;
  if (n !== events) throw new Error(`${fmt(n)} jobs in Redis after ${fmt(events)} ${what}`);
}
