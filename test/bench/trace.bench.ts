import { DEV_JWT_SECRET } from '@spotcheck/common';
import { signToken } from '@spotcheck/auth';
import { completeUscc } from '@spotcheck/domain';
import type { DataSource } from 'typeorm';
import { distributionDocument } from '../support/epcis-documents';
import { benchDatabase, fmt, peakRssMiB, startApp, table } from './support';
import { latencies, seedTraceData } from './trace-queries';

/** The enterprise whose traceability system sends the documents, and its GS1 company prefix. */
const ENTERPRISE = completeUscc('91150102MA0TRACE0');
const COMPANY_PREFIX = '6958888';
/** A 10,000-event document is captured in at most this long, end to end over HTTP. */
const CAPTURE_GOAL_SECONDS = 3;

interface Timed<T> {
  seconds: number;
  body: T;
}

interface Receipt {
  captureId: string;
  events: number;
  stored: number;
  duplicates: number;
}

/**
 * `npm run bench -- trace [events]`: the trace benchmark, on a scratch database with
 * inspection-tasks running as its own process.
 *
 * (a) EPCIS capture: a document of `events` (default 10,000) shipping/receiving ObjectEvents
 *     with packing AggregationEvents and purchase-order TransactionEvents about the
 *     enterprise's own GTINs, POSTed once (all new), then again (all duplicates), then a second
 *     document of the same size (all new, warm process).
 * (b) Trace queries on 100,000 samples (20,000 enterprises) with 1,000,000 custody events:
 *     2,000 traces by sample number and 1,000 by enterprise, one after another over HTTP as a
 *     provincial regulator, in random order; p50/p95/p99. Goals: p95 ≤ 20 ms by sample,
 *     ≤ 50 ms by enterprise.
 */
export async function traceBench(events = 10_000): Promise<void> {
  const db = await benchDatabase('trace');
  try {
    await seedTrace(db.ds);
    const app = await startApp('apps/inspection-tasks/src/main.js', { DATABASE_URL: db.url });
    try {
      const token = signToken(
        { sub: 'bench-enterprise', role: 'enterprise', org: ENTERPRISE },
        { secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: 'spotcheck' },
      );
      const capture = await captureBench(app.port, token, events, db.ds);
      const rss = peakRssMiB(app.child.pid!);
      printCapture(events, capture, rss);
      await queryBench(app.port, db.ds);
    } finally {
      await app.stop();
    }
  } finally {
    await db.drop();
  }
}

/** What every part of the benchmark needs: the enterprise in the directory and its prefix. */
async function seedTrace(ds: DataSource): Promise<void> {
  await ds.query(
    `INSERT INTO enterprise (uscc, name, address, region_code, size, categories, risk_class)
     VALUES ($1, '追溯基准企业（演示）', '呼和浩特市新城区', '150102', 'medium', '{}', 'B')`,
    [ENTERPRISE],
  );
  await ds.query(
    `INSERT INTO enterprise_gtin_prefix (uscc, kind, value, created_by) VALUES ($1, 'company_prefix', $2, 'bench')`,
    [ENTERPRISE, COMPANY_PREFIX],
  );
}

interface CaptureFigures {
  bytes: number;
  first: Timed<Receipt>;
  again: Timed<Receipt>;
  second: Timed<Receipt>;
  stored: number;
}

async function captureBench(
  port: number,
  token: string,
  events: number,
  ds: DataSource,
): Promise<CaptureFigures> {
  const body = JSON.stringify(distributionDocument(COMPANY_PREFIX, events, 'A'));
  const other = JSON.stringify(distributionDocument(COMPANY_PREFIX, events, 'B'));
  const post = (doc: string) => timedPost(port, token, doc);
  const first = await post(body);
  const again = await post(body);
  const second = await post(other);
  const [{ n }] = (await ds.query('SELECT count(*)::int AS n FROM epcis_event')) as { n: number }[];
  for (const [name, r, stored] of [
    ['first', first, events],
    ['again', again, 0],
    ['second', second, events],
  ] as const) {
    if (r.body.stored !== stored || r.body.events !== events)
      throw new Error(
        `${name} capture stored ${r.body.stored} of ${r.body.events}, expected ${stored}`,
      );
  }
  return { bytes: Buffer.byteLength(body), first, again, second, stored: n };
}

async function timedPost(port: number, token: string, body: string): Promise<Timed<Receipt>> {
  const t = process.hrtime.bigint();
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/epcis/capture`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/ld+json' },
    body,
  });
  const text = await res.text();
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (res.status !== 201) throw new Error(`capture answered ${res.status}: ${text.slice(0, 500)}`);
  return { seconds, body: JSON.parse(text) as Receipt };
}

function printCapture(events: number, f: CaptureFigures, rss: number): void {
  const rate = (t: Timed<Receipt>) =>
    `${t.seconds.toFixed(2)} s   ${fmt(events / t.seconds)} events/s`;
  console.log(
    `\ntrace benchmark (a) EPCIS capture: ${fmt(events)} events, ${fmt(f.bytes / 1048576, 1)} MiB JSON-LD, over HTTP`,
  );
  table([
    ['capture (all new, first request)', rate(f.first)],
    [
      `goal ≤ ${CAPTURE_GOAL_SECONDS} s`,
      f.first.seconds <= CAPTURE_GOAL_SECONDS ? 'met' : 'NOT met',
    ],
    [
      'same document again (all duplicates)',
      `${rate(f.again)}   duplicates ${fmt(f.again.body.duplicates)}`,
    ],
    ['another document (all new, warm)', rate(f.second)],
    ['events in epcis_event', fmt(f.stored)],
    ['peak RSS of inspection-tasks', `${fmt(rss)} MiB`],
  ]);
}

const SAMPLES = 100_000;
const ENTERPRISES = 20_000;

async function queryBench(port: number, ds: DataSource): Promise<void> {
  const t = Date.now();
  const { sampleNos, usccs } = await seedTraceData(ds, SAMPLES, ENTERPRISES);
  const [{ n }] = (await ds.query('SELECT count(*)::int AS n FROM custody_event')) as {
    n: number;
  }[];
  const seeded = (Date.now() - t) / 1000;
  const auth = {
    authorization: `Bearer ${signToken(
      { sub: 'bench-regulator', role: 'regulator', jurisdiction: '150000' },
      { secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: 'spotcheck' },
    )}`,
  };
  const base = `http://127.0.0.1:${port}/api/v1/trace`;
  // A fixed pseudo-random order, so runs are comparable.
  let x = 12345;
  const pick = <T>(list: T[]) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return list[x % list.length];
  };
  const bySample = await latencies(base, auth, 2000, () => `/samples/${pick(sampleNos)}`);
  const byEnterprise = await latencies(base, auth, 1000, () => `/enterprises/${pick(usccs)}`);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const row = (l: { p50: number; p95: number; p99: number; max: number }, goal: number) =>
    `p50 ${ms(l.p50)}   p95 ${ms(l.p95)}   p99 ${ms(l.p99)}   max ${ms(l.max)}   goal p95 ≤ ${goal} ms: ${l.p95 <= goal ? 'met' : 'NOT met'}`;
  console.log(
    `\ntrace benchmark (b) trace queries: ${fmt(SAMPLES)} samples of ${fmt(ENTERPRISES)} enterprises, ${fmt(n)} custody events (seeded in ${seeded.toFixed(1)} s), over HTTP`,
  );
  table([
    ['by sample number (2,000 requests)', row(bySample, 20)],
    ['by enterprise (1,000 requests)', row(byEnterprise, 50)],
  ]);
}
