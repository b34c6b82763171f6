import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import { signToken } from '@spotcheck/auth';
import { DEV_JWT_SECRET } from '@spotcheck/common';
import { countiesOf } from '@spotcheck/domain';
import { body, seedIngestData } from './ingest.bench';
import { REDIS_URL, benchPrefix, benchQueue, dropPrefix } from './queues';
import { benchDatabase, cpuSeconds, fmt, loadAverage, startApp, table } from './support';

/**
 * Reports issued a second (BENCH_FRESHNESS_RATE, 200 by default: the goal's), and for how long
 * (BENCH_FRESHNESS_SECONDS, 30 by default).
 */
const RATE = Number(process.env.BENCH_FRESHNESS_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_FRESHNESS_SECONDS ?? 30);
/** The goal: the rate cell of a report's sample reflects it within 2 s, for 95 % of reports. */
const GOAL_P95_MS = 2_000;
/**
 * Most issue requests in flight at once (BENCH_FRESHNESS_INFLIGHT, 32 by default): a server
 * that falls behind the schedule makes it slip (and the rate reached is reported) instead of
 * piling up requests that time out waiting for a database connection.
 */
const INFLIGHT = Number(process.env.BENCH_FRESHNESS_INFLIGHT ?? 32);
/** How often the benchmark looks at the rate cells of the reports issued and not yet counted. */
const POLL_MS = 50;
/** How often a no-op job goes through the baseline's queue. */
const NOOP_EVERY_MS = 100;
/** Longest wait for the last reports to be counted once issuing has stopped. */
const DRAIN_MS = 120_000;

const CELL = 'plan_id, category, region_code, enterprise_size, stage, period_month';

/**
 * `npm run bench -- freshness`: how soon a rate cell counts an issued report, while labs issue
 * 200 reports a second for 30 s. `lab-results` and the worker run as their own processes; each
 * report is issued by `POST /lab/reports/:id/issue` (the verdict, the result notice, the audit
 * row and the outbox row, in one transaction), on a fixed schedule whether or not the answers
 * before it have come (an open loop, as independent signatories would). From each answer, the
 * benchmark watches the report's sample until its rate cell counts it: the worker relays the
 * `report.issued` event, records the verdict, decides the outcome (writing `sample_outcome` and
 * an `outcome.changed` event), relays that, and refreshes the cell.
 *
 * A cell counts a sample once it was recomputed after the sample's outcome was written
 * (`computed_at ≥ decided_at`), or when its totals equal the outcomes it holds (each sample
 * here has one outcome, written once: a cell recomputed late, by a refresh that started before
 * the outcome's own and waited for the cell's lock, still counts it). The benchmark looks every
 * 50 ms, and takes the start of the look that first sees it as the moment.
 *
 * The baseline, in the same run: a no-op job added every 100 ms to a scratch queue and taken by
 * a BullMQ worker in this process, from `add` to its processor: the least any hop through
 * Redis takes on the machine as loaded. The chain above has two such hops and two relays.
 *
 * Seeded as for `ingest` (one lab, one category with 20 test items, one plan), the samples
 * spread over the prefecture's counties, four enterprise sizes and three months, so that the
 * reports fall in about a hundred cells. The reports are uploaded as drafts through
 * `POST /lab/reports/batch` and brought to `reviewed` in SQL before the clock starts.
 */
export async function freshnessBench(): Promise<void> {
  const reports = RATE * SECONDS;
  const db = await benchDatabase('freshness');
  const prefix = benchPrefix('freshness');
  const apps: { stop(): Promise<void> }[] = [];
  const noopQueue = benchQueue(prefix, 'noop');
  let noopWorker: Worker | undefined;
  let noopTimer: NodeJS.Timeout | undefined;
  const noopErrors: string[] = [];
  try {
    let t = Date.now();
    const { labId } = await seedIngestData(db.ds, reports);
    await spread(db.ds);
    const env = { DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: prefix };
    // The drafts go up through an uploading lab-results of their own, stopped afterwards, so
    // that the one issuing starts fresh (its CPU time and profile are the issuing alone).
    const uploader = await startApp('apps/lab-results/src/main.js', {
      ...env,
      BODY_LIMIT: String(16 * 1024 * 1024),
    });
    const upload = `http://127.0.0.1:${uploader.port}/api/v1/lab/reports`;
    const as = (sub: string) =>
      `Bearer ${signToken(
        { sub, role: 'lab', org: labId },
        { secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: 'spotcheck' },
      )}`;
    const tester = as('bench-tester');
    for (let r = 0; r * 1000 < reports; r++) {
      const res = await fetch(`${upload}/batch`, {
        method: 'POST',
        headers: {
          authorization: tester,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: body(r, Math.min(1000, reports - r * 1000)),
      });
      if (!res.ok) throw new Error(`batch ${r}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      await res.arrayBuffer();
    }
    const ids = (
      (await db.ds.query(
        `UPDATE lab_report SET state = 'reviewed', submitted_by = 'bench-tester',
                submitted_at = now(), reviewed_by = 'bench-reviewer', reviewed_at = now()
          WHERE state = 'draft' RETURNING id, sample_id AS "sampleId", report_no`,
      )) as [{ id: string; sampleId: string; report_no: string }[], number]
    )[0].sort((a, b) => (a.report_no < b.report_no ? -1 : 1));
    if (ids.length !== reports) throw new Error(`${ids.length} drafts, not ${reports}`);
    await uploader.stop();
    await db.ds.query('VACUUM ANALYZE');
    const lab = await startApp('apps/lab-results/src/main.js', env);
    apps.push(lab);
    const base = `http://127.0.0.1:${lab.port}/api/v1/lab/reports`;
    const worker = await startApp('apps/worker/src/main.js', env);
    apps.push(worker);
    console.log(
      `seeded ${fmt(reports)} reviewed reports in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );

    // The baseline: no-op jobs through Redis, all along.
    const noop: number[] = [];
    noopWorker = new Worker(
      'noop',
      async (job) => {
        noop.push(performance.timeOrigin + performance.now() - (job.data as { at: number }).at);
      },
      { connection: { url: REDIS_URL }, prefix },
    );
    await noopWorker.waitUntilReady();
    const addNoop = () => {
      noopQueue
        .add('noop', { at: performance.timeOrigin + performance.now() })
        .catch((e: Error) => noopErrors.push(e.message));
      noopTimer = setTimeout(addNoop, NOOP_EVERY_MS);
    };
    addNoop();

    // Issuing, on schedule; the watcher alongside.
    const signatory = as('bench-signatory');
    const issuedAt = new Map<string, number>();
    const issueMs: number[] = [];
    const freshMs: number[] = [];
    const failures: string[] = [];
    let issuing = true;
    const watcher = (async () => {
      let quietSince: number | undefined;
      for (;;) {
        const look = performance.now();
        const waiting = [...issuedAt.keys()];
        if (waiting.length) {
          const rows = (await db.ds.query(
            `SELECT o.sample_id AS id FROM sample_outcome o
               JOIN rate_cell c USING (${CELL})
              WHERE o.sample_id = ANY($1::uuid[])
                AND (c.computed_at >= o.decided_at
                     OR c.pass + c.fail + c.pending + c.excluded =
                        (SELECT count(*) FROM sample_outcome x
                          WHERE (${CELL}) = (o.plan_id, o.category, o.region_code,
                                             o.enterprise_size, o.stage, o.period_month)))`,
            [waiting],
          )) as { id: string }[];
          for (const { id } of rows) {
            freshMs.push(look - issuedAt.get(id)!);
            issuedAt.delete(id);
          }
        }
        if (!issuing && issuedAt.size === 0) return;
        if (!issuing) {
          quietSince ??= look;
          if (look - quietSince > DRAIN_MS) return;
        }
        await new Promise((r) => setTimeout(r, Math.max(0, POLL_MS - (performance.now() - look))));
      }
    })();
    const labCpu0 = cpuSeconds(lab.child.pid!);
    const workerCpu0 = cpuSeconds(worker.child.pid!);
    const inflight = new Set<Promise<void>>();
    const issue = async (r: { id: string; sampleId: string }) => {
      const sent = performance.now();
      const res = await fetch(`${base}/${r.id}/issue`, {
        method: 'POST',
        headers: { authorization: signatory },
      });
      const text = await res.text();
      const answered = performance.now();
      if (!res.ok) {
        failures.push(`${res.status} ${text.slice(0, 200)}`);
        return;
      }
      issueMs.push(answered - sent);
      issuedAt.set(r.sampleId, answered);
    };
    const t0 = performance.now() + 100;
    let next = 0;
    let slipped = 0;
    while (next < reports) {
      const now = performance.now();
      for (; next < reports && t0 + (next * 1000) / RATE <= now; next++) {
        if (inflight.size >= INFLIGHT) {
          slipped++;
          break;
        }
        const p = issue(ids[next]).finally(() => inflight.delete(p));
        inflight.add(p);
      }
      await (inflight.size >= INFLIGHT
        ? Promise.race(inflight)
        : new Promise((r) => setTimeout(r, 1)));
    }
    await Promise.all(inflight);
    const issuedIn = (performance.now() - t0) / 1000;
    issuing = false;
    await watcher;
    clearTimeout(noopTimer);
    const labCpu = cpuSeconds(lab.child.pid!) - labCpu0;
    const workerCpu = cpuSeconds(worker.child.pid!) - workerCpu0;
    t = Date.now();

    const [counted] = (await db.ds.query(
      `SELECT (SELECT coalesce(sum(pass + fail + pending + excluded), 0)::int FROM rate_cell) AS cells,
              (SELECT count(*)::int FROM sample_outcome) AS outcomes,
              (SELECT count(*)::int FROM failed_job) AS "failedJobs"`,
    )) as { cells: number; outcomes: number; failedJobs: number }[];

    const q = (xs: number[], p: number) =>
      [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
    const ms = (xs: number[]) =>
      `p50 ${fmt(q(xs, 0.5))} ms, p95 ${fmt(q(xs, 0.95))} ms, p99 ${fmt(q(xs, 0.99))} ms, max ${fmt(Math.max(...xs))} ms`;
    const p95 = q(freshMs, 0.95);
    console.log(
      `\nfreshness benchmark: ${fmt(reports)} reports issued at ${RATE}/s over HTTP, the worker counting them; ${loadAverage()}`,
    );
    table([
      ['issued', `${fmt(issueMs.length)} in ${issuedIn.toFixed(1)} s (${fmt(issueMs.length / issuedIn)}/s)${failures.length ? `, ${failures.length} REFUSED: ${failures[0]}` : ''}`],
      ['issue request, sent to answered', `${ms(issueMs)}${slipped ? `; the schedule slipped ${fmt(slipped)} times (${INFLIGHT} in flight)` : ''}`],
      ['issued to counted in its rate cell', `${ms(freshMs)}   (${fmt(freshMs.length)} counted)`],
      [`goal p95 ≤ ${fmt(GOAL_P95_MS)} ms`, p95 <= GOAL_P95_MS && freshMs.length === issueMs.length ? 'met' : 'NOT met'],
      [`baseline: a no-op job, add to processed (every ${NOOP_EVERY_MS} ms)`, `${ms(noop)}   (${fmt(noop.length)} jobs)`],
      ['ratio p95 freshness / p95 no-op job', (p95 / q(noop, 0.95)).toFixed(1)],
      ['CPU time: lab-results / worker', `${labCpu.toFixed(1)} / ${workerCpu.toFixed(1)} s`],
      ['cells / outcomes / failed jobs at the end', `${fmt(counted.cells)} / ${fmt(counted.outcomes)} / ${counted.failedJobs}`],
    ]); // prettier-ignore
    if (freshMs.length !== issueMs.length)
      throw new Error(
        `${issueMs.length - freshMs.length} issued reports not counted ${DRAIN_MS / 1000} s after the last`,
      );
  } finally {
    clearTimeout(noopTimer);
    await noopWorker?.close();
    await noopQueue.close();
    for (const a of apps.reverse()) await a.stop();
    await dropPrefix(prefix);
    await db.drop();
  }
}

/**
 * Spreads the seeded samples over the prefecture's counties, four enterprise sizes and three
 * months of sampling, so that their reports count in many rate cells, not one.
 */
async function spread(ds: DataSource): Promise<void> {
  await ds.transaction(async (m) => {
    // Seeding, not an edit: the sampling record's guard (its triggers) stays out of it.
    await m.query('SET LOCAL session_replication_role = replica');
    await m.query(
      `UPDATE enterprise SET size = (ARRAY['micro','small','medium','large'])[1 + abs(hashtext(uscc)) % 4]`,
    );
    await m.query(
      `UPDATE sample SET place_region_code = ($1::text[])[1 + seq % cardinality($1::text[])],
              sampled_at = sampled_at - (seq / 7 % 3) * interval '31 days',
              sampling_date = sampling_date - (seq / 7 % 3) * 31`,
      [[...countiesOf('150100')]],
    );
  });
}
