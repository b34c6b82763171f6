import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { signToken } from '@spotcheck/auth';
import { DEV_JWT_SECRET } from '@spotcheck/common';
import { FAILURES_JURISDICTION, seedFinalFailures } from './final-failures';
import { REDIS_URL, benchPrefix, dropPrefix } from './queues';
import { benchDatabase, cpuSeconds, fmt, loadAverage, startApp, table } from './support';

/** The goal: compile, approve, publish (the digest) and the files rendered and stored, within 10 s. */
const GOAL_SECONDS = 10;
const RUNS = 3;

/** The failed-product table's columns as the list stores them, for the baseline. */
const BASELINE = `
  COPY (SELECT serial, sample_no, manufacturer_name, manufacturer_address, sampled_unit_name,
               sampled_unit_address, sampled_unit_region, product_name, spec, brand,
               production_date, batch_no, category, failed_items, lab, task_source, remark
          FROM publication_entry
         WHERE publication_id = '%ID%' AND table_kind = 'failed' ORDER BY serial)
  TO STDOUT (FORMAT csv, HEADER)`;

const token = (sub: string) =>
  `Bearer ${signToken(
    { sub, role: 'regulator', jurisdiction: FAILURES_JURISDICTION },
    { secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: 'spotcheck' },
  )}`;

/**
 * `npm run bench -- publish [failures]`: publishing a failed-product list of 100,000 final
 * failures (a number after the name sets another count) through the regulators' API of
 * `inspection-tasks` with the worker rendering it, both running as their own processes:
 * compile the draft (`POST /publications`), approve it as a second regulator, publish it (the
 * notice number and the digest of its canonical JSON), then wait until the worker has rendered
 * and stored its files (JSON, two CSVs, XLSX) and `GET …/files` lists all four. Timed from the
 * compile request to the fourth file listed; each step apart. Beside it, the baseline: `COPY
 * (…) TO STDOUT CSV` of the same rows (the list's failed table), best of 3.
 *
 * Seeded in SQL (final-failures.ts): one plan of Hohhot, its samples with issued failing
 * reports and final `fail` outcomes, nothing listed yet. The list has no pass table (no passes
 * were seeded), so its 100,000 entries are all failures, the heavier kind.
 */
export async function publishBench(failures = 100_000): Promise<void> {
  const db = await benchDatabase('publish');
  const prefix = benchPrefix('publish');
  const apps: { stop(): Promise<void> }[] = [];
  try {
    let t = Date.now();
    await seedFinalFailures(db.ds, failures);
    console.log(
      `seeded ${fmt(failures)} final failures in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
    const env = { DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: prefix };
    const tasks = await startApp('apps/inspection-tasks/src/main.js', env);
    apps.push(tasks);
    const worker = await startApp('apps/worker/src/main.js', env);
    apps.push(worker);
    const base = `http://127.0.0.1:${tasks.port}/api/v1/publications`;
    const alice = token('bench-alice');
    const bob = token('bench-bob');
    const call = async (who: string, method: string, path: string, body?: unknown) => {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: who,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 500)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };

    const workerCpu0 = cpuSeconds(worker.child.pid!);
    const tasksCpu0 = cpuSeconds(tasks.child.pid!);
    const t0 = process.hrtime.bigint();
    const draft = await call(alice, 'POST', '', {});
    const compiled = seconds(t0);
    const id = draft.id as string;
    if (draft.failedCount !== failures)
      throw new Error(`the draft lists ${String(draft.failedCount)} failures, not ${failures}`);
    await call(bob, 'POST', `/${id}/approve`);
    const approved = seconds(t0);
    const published = await call(alice, 'POST', `/${id}/publish`);
    const publishedAt = seconds(t0);
    let files: { name: string; size: number; sha256: string }[] = [];
    for (;;) {
      files = (await call(alice, 'GET', `/${id}/files`)).items as typeof files;
      if (files.length === 4) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const total = seconds(t0);
    const workerCpu = cpuSeconds(worker.child.pid!) - workerCpu0;
    const tasksCpu = cpuSeconds(tasks.child.pid!) - tasksCpu0;
    const verdict = (await call(bob, 'GET', `/${id}/verification`)).verdict;
    if (verdict !== 'MATCH')
      throw new Error(`the published list's verification: ${String(verdict)}`);

    // The baseline: the same rows out of PostgreSQL as CSV, and nothing else.
    const baseline: number[] = [];
    let csvBytes = 0;
    const runner = db.ds.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      for (let i = 0; i < RUNS; i++) {
        const t1 = process.hrtime.bigint();
        csvBytes = 0;
        const stream = client.query(copyTo(BASELINE.replace('%ID%', id)));
        for await (const chunk of stream) csvBytes += (chunk as Buffer).length;
        baseline.push(seconds(t1));
      }
    } finally {
      await runner.release();
    }
    const copy = Math.min(...baseline);

    const s = (x: number) => `${x.toFixed(2)} s`;
    console.log(
      `\npublish benchmark: a list of ${fmt(failures)} failed products (${String(published.noticeNo)}); ${loadAverage()}`,
    );
    table([
      ['compile the draft (POST /publications)', s(compiled)],
      ['approve (second regulator)', s(approved - compiled)],
      ['publish: notice number, canonical JSON, digest', s(publishedAt - approved)],
      ['files rendered and stored by the worker (JSON, 2 CSV, XLSX)', s(total - publishedAt)],
      ['total, compile to the fourth file listed', `${s(total)}   goal ≤ ${GOAL_SECONDS} s: ${total <= GOAL_SECONDS ? 'met' : 'NOT met'}`],
      ['baseline COPY (…) TO STDOUT CSV of the same rows, best of 3', `${s(copy)}   ${fmt(csvBytes / 1048576, 1)} MiB   (${baseline.map((x) => x.toFixed(2)).join(', ')})`],
      ['ratio total / baseline', (total / copy).toFixed(1)],
      ['CPU time: inspection-tasks / worker', `${s(tasksCpu)} / ${s(workerCpu)}`],
      ['files', files.map((f) => `${f.name} ${fmt(f.size / 1048576, 1)} MiB`).join(', ')],
    ]); // prettier-ignore
  } finally {
    for (const a of apps.reverse()) await a.stop();
    await dropPrefix(prefix);
    await db.drop();
  }
}

const seconds = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
