import autocannon from 'autocannon';
import { signToken } from '@spotcheck/auth';
import { DEV_JWT_SECRET } from '@spotcheck/common';
import { commitmentOf } from '@spotcheck/domain';
import { seedDemo } from '../../scripts/demo/seed';
import { benchDatabase, cpuSeconds, fmt, startApp, table } from './support';

export const CONNECTIONS = 50;
/** Seconds each route is loaded in all (BENCH_API_SECONDS), its bare route as long again. */
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 12);
/** The seconds are split into this many rounds, route and bare route in turn. */
const ROUNDS = 3;
/** Unrecorded seconds before each route's rounds, so that it is measured warm. */
const WARMUP_SECONDS = 2;

export interface Load {
  rps: number;
  /** The mean of the rounds' medians. */
  p50: number;
  /** The worst of the rounds' 99th percentiles. */
  p99: number;
  /** Answers that were not the status the route should give, errors and timeouts. */
  wrong: number;
  bytes: number;
  /** CPU time the app spent per request, in µs: steadier than the rates on a busy machine. */
  cpuUs: number;
}

export interface Target {
  url: string;
  /** The app's process, whose CPU time is measured. */
  pid: number;
  headers?: Record<string, string>;
  /** The status every answer must have (200 unless said). */
  status?: number;
  /** Each request's path, when they differ (else every request asks for `url`). */
  path?: () => string;
}

async function once(t: Target, seconds: number) {
  const cpu = cpuSeconds(t.pid);
  const path = t.path;
  const r = await autocannon({
    url: t.url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: t.headers ?? {},
    ...(path ? { requests: [{ setupRequest: (req) => ({ ...req, path: path() }) }] } : {}),
  });
  return { ...r, cpu: cpuSeconds(t.pid) - cpu };
}

function summary(t: Target, runs: Awaited<ReturnType<typeof once>>[]): Load {
  const sum = (f: (r: (typeof runs)[number]) => number) => runs.reduce((n, r) => n + f(r), 0);
  const right = sum((r) => ((t.status ?? 200) === 200 ? r['2xx'] : r['3xx']));
  const total = sum((r) => r.requests.total);
  return {
    rps: total / sum((r) => r.duration),
    p50: sum((r) => r.latency.p50) / runs.length,
    p99: Math.max(...runs.map((r) => r.latency.p99)),
    wrong: total - right + sum((r) => r.errors + r.timeouts),
    bytes: sum((r) => r.throughput.total) / Math.max(1, right),
    cpuUs: (1e6 * sum((r) => r.cpu)) / Math.max(1, total),
  };
}

/**
 * Waits until the app behind `bare` answers it promptly again: requests still queued from
 * the round before (autocannon stops waiting for them, the app does not stop working on
 * them) would otherwise be counted against the next round.
 */
async function settle(bare: Target): Promise<void> {
  const until = Date.now() + 5_000;
  while (Date.now() < until) {
    const t = Date.now();
    await fetch(bare.url).then((r) => r.arrayBuffer());
    if (Date.now() - t < 50) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A route and its app's bare route at CONNECTIONS connections, in ROUNDS alternating rounds
 * of SECONDS / ROUNDS each after a warm-up of both: a machine whose load drifts during the run
 * (a shared one does) weighs on the route and its baseline alike.
 */
export async function paired(route: Target, bare: Target): Promise<{ route: Load; bare: Load }> {
  await once(bare, WARMUP_SECONDS);
  await settle(bare);
  await once(route, WARMUP_SECONDS);
  const routeRuns = [];
  const bareRuns = [];
  for (let i = 0; i < ROUNDS; i++) {
    await settle(bare);
    bareRuns.push(await once(bare, SECONDS / ROUNDS));
    await settle(bare);
    routeRuns.push(await once(route, SECONDS / ROUNDS));
  }
  return { route: summary(route, routeRuns), bare: summary(bare, bareRuns) };
}

/**
 * `npm run bench -- api`: requests a second at 50 connections (autocannon) on the demo data
 * (5,000 enterprises), each app running as its own process, each route beside its own app's
 * bare constant route (`/health/live`) measured in turn with it (see `paired`):
 * - inspection-tasks: `GET /enterprises?limit=20` as a provincial regulator (JWT, scope,
 *   validation, one keyset query);
 * - public-portal: a closed draw's `/verification` and `/record` (immutable: computed once,
 *   then served with an ETag), as a browser asks for them (gzip) and without gzip, and the
 *   record with `If-None-Match` (304).
 */
export async function apiBench(): Promise<void> {
  const db = await benchDatabase('api');
  const apps: { stop(): Promise<void> }[] = [];
  try {
    await seedDemo(db.ds);
    await db.ds.query('VACUUM ANALYZE');
    const tasks = await startApp('apps/inspection-tasks/src/main.js', { DATABASE_URL: db.url });
    apps.push(tasks);
    const regulator = `Bearer ${signToken(
      { sub: 'bench-province', role: 'regulator', jurisdiction: '150000' },
      { secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: 'spotcheck' },
    )}`;
    const tasksUrl = `http://127.0.0.1:${tasks.port}`;
    const api = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${tasksUrl}/api/v1${path}`, {
        method,
        headers: {
          authorization: regulator,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 500)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const drawId = await closedDraw(api);

    // The public portal's rate limit stays on (its cost is part of every answer) but is set
    // above what one client sends here.
    const portal = await startApp('apps/public-portal/src/main.js', {
      DATABASE_URL: db.url,
      PUBLIC_RATE_LIMIT_PER_MINUTE: String(1_000_000_000),
    });
    apps.push(portal);
    const portalUrl = `http://127.0.0.1:${portal.port}`;
    const draw = `${portalUrl}/api/v1/public/draws/${drawId}`;
    const etagOf = async (url: string) => {
      const r = await fetch(url);
      await r.arrayBuffer();
      return r.headers.get('etag');
    };

    const tasksPid = tasks.child.pid!;
    const portalPid = portal.child.pid!;
    const tasksBare = { url: `${tasksUrl}/health/live`, pid: tasksPid };
    const portalBare = { url: `${portalUrl}/health/live`, pid: portalPid };
    const list = await paired(
      {
        url: `${tasksUrl}/api/v1/enterprises?limit=20`,
        pid: tasksPid,
        headers: { authorization: regulator },
      },
      tasksBare,
    );
    // As a browser asks for them, then without gzip.
    const browser = { 'accept-encoding': 'gzip, deflate, br' };
    const verification = await paired(
      { url: `${draw}/verification`, pid: portalPid, headers: browser },
      portalBare,
    );
    const record = await paired(
      { url: `${draw}/record`, pid: portalPid, headers: browser },
      portalBare,
    );
    const verificationPlain = await paired(
      { url: `${draw}/verification`, pid: portalPid },
      portalBare,
    );
    const recordPlain = await paired({ url: `${draw}/record`, pid: portalPid }, portalBare);
    const etag = await etagOf(`${draw}/record`);
    const notModified = etag
      ? await paired(
          {
            url: `${draw}/record`,
            pid: portalPid,
            headers: { 'if-none-match': etag },
            status: 304,
          },
          portalBare,
        )
      : undefined;

    const ms = (x: number) => `${fmt(x, 1)} ms`;
    const row = (
      name: string,
      p: { route: Load; bare: Load },
      goal?: { ratio: number; p99?: number },
    ): [string, string] => {
      const { route: l, bare } = p;
      const ratio = l.rps / bare.rps;
      let s = `${fmt(l.rps).padStart(6)} req/s  p50 ${ms(l.p50)}, p99 ${ms(l.p99)}  ${fmt(l.bytes / 1024, 1)} KiB  ${fmt(l.cpuUs)} µs CPU  | bare ${fmt(bare.rps).padStart(6)} req/s, p99 ${ms(bare.p99)}, ${fmt(bare.cpuUs)} µs CPU  | ${ratio.toFixed(2)} ×`;
      if (goal) {
        const met = ratio >= goal.ratio && (goal.p99 === undefined || l.p99 <= goal.p99);
        s += `  goal ≥ ${goal.ratio} ×${goal.p99 ? `, p99 ≤ ${goal.p99} ms` : ''}: ${met ? 'met' : 'NOT met'}`;
      }
      if (l.wrong || bare.wrong) s += `  ${fmt(l.wrong + bare.wrong)} WRONG ANSWERS`;
      return [name, s];
    };
    console.log(
      `\napi benchmark: demo data (5,000 enterprises), ${CONNECTIONS} connections; each route ${SECONDS} s in ${ROUNDS} rounds, its app's bare route (/health/live) as long in between`,
    );
    const rows = [
      row('inspection-tasks GET /enterprises?limit=20 (regulator)', list, { ratio: 0.3, p99: 30 }),
      row('public-portal closed draw /verification (gzip)', verification, { ratio: 0.5 }),
      row('public-portal closed draw /record (gzip)', record, { ratio: 0.5 }),
      row('  /verification without gzip', verificationPlain),
      row('  /record without gzip', recordPlain),
      ...(notModified ? [row('  /record with If-None-Match (304)', notModified)] : []),
    ];
    table(rows);
    if (!etag) console.log('  /record sent no ETag: 304 not measured');
    if (rows.some(([, s]) => s.includes('WRONG')))
      throw new Error('some answers were not the expected status (see WRONG ANSWERS)');
  } finally {
    for (const a of apps) await a.stop();
    await db.drop();
  }
}

type Api = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

/**
 * A provincial plan over four categories, drawn (default ratios, at most 40 tasks), every
 * task closed as impossible to sample, and the plan closed: its draw is public.
 */
async function closedDraw(api: Api): Promise<string> {
  const seed = 'bench-api-seed-0123456789abcdef0123456789';
  const plan = await api('POST', '/plans', {
    code: `BENCH-API-${process.pid}`,
    title: '接口基准测试计划（演示）',
    level: 'provincial',
    jurisdiction: '150000',
    year: 2026,
    categories: ['DAIRY-PAST', 'DAIRY-UHT', 'TOY', 'EBIKE'],
    stages: ['production', 'distribution'],
    maxTasks: 40,
  });
  const planId = plan.id as string;
  await api('POST', `/plans/${planId}/commit`, { commitment: commitmentOf(seed) });
  const drawn = await api('POST', `/plans/${planId}/draw`, { seed });
  await api('POST', `/plans/${planId}/start-sampling`);
  for (let cursor: string | null = null; ;) {
    const page = await api(
      'GET',
      `/plans/${planId}/tasks?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    for (const t of page.items as { id: string; state: string }[])
      if (t.state === 'assigned')
        await api('POST', `/tasks/${t.id}/unable`, { reason: 'no_product' });
    cursor = page.nextCursor as string | null;
    if (!cursor) break;
  }
  await api('POST', `/plans/${planId}/close`);
  console.log(
    `closed draw ${drawn.id as string}: ${fmt(drawn.eligibleCount as number)} eligible, ${fmt(drawn.tasks as number)} tasks`,
  );
  return drawn.id as string;
}
