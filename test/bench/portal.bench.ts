import { signToken } from '@spotcheck/auth';
import { DEV_JWT_SECRET } from '@spotcheck/common';
import { PublicResultsRepository } from '../../apps/public-portal/src/results/results.repository';
import { CONNECTIONS, Load, paired } from './api.bench';
import { FAILURES_JURISDICTION, seedFinalFailures } from './final-failures';
import { REDIS_URL, benchPrefix, dropPrefix } from './queues';
import { benchDatabase, fmt, loadAverage, startApp, table } from './support';

/** Names the seeded samples get instead of the publication benchmark's few, by sequence. */
const PRODUCTS = ['纯牛奶', '酸奶', '调制乳', '婴幼儿配方乳粉', '酱油', '食醋', '料酒', '蚝油', '鸡精调味料', '饼干', '方便面', '白酒', '啤酒', '大米', '挂面', '食用植物油', '儿童玩具', '电线电缆', '插头插座', '电动自行车', '童装', '羊绒衫', '牛肉干', '奶片', '奶茶粉']; // prettier-ignore
const BRANDS = ['蒙牛', '伊利', '海天', '李锦记', '康师傅', '统一', '金龙鱼', '鲁花', '娃哈哈', '光明', '小肥羊', '草原红', '鄂尔多斯', '某牌', 'ABC']; // prettier-ignore
const MAKERS = ['内蒙古蒙牛乳业（集团）股份有限公司', '内蒙古伊利实业集团股份有限公司', '佛山市海天调味食品股份有限公司', '呼和浩特市某乳业有限公司', '包头市某电器厂', '鄂尔多斯市某羊绒制品有限公司', '赤峰市某食品有限公司', '通辽市某粮油有限公司', '巴彦淖尔市某肉业有限公司']; // prettier-ignore
/** Two-character queries, the common case, and a few longer ones. */
const TERMS = ['蒙牛', '乳业', '伊利', '酸奶', '牛奶', '酱油', '海天', '玩具', '电缆', '羊绒', '食品', '超市', '配方', '粮油', '白酒', '奶粉', '方便', '饼干', '统一', '鲁花', '鄂尔', '赤峰', '包头', '啤酒', '大米', '挂面', '童装', '插座', '肉干', '奶茶', '婴幼儿配方乳粉', '蒙牛乳业', '鸡精调味料', '电动自行车', 'abc']; // prettier-ignore
const SORTS = ['-publishedOn', 'publishedOn', 'productName', '-productName'];
const RESULTS = ['failed', 'all'];
const LIMITS = [20, 50];

const GOAL_A = { ratio: 0.5, p99: 20 };
const GOAL_B = { rps: 1500, p99: 50 };

const token = (sub: string) =>
  `Bearer ${signToken(
    { sub, role: 'regulator', jurisdiction: FAILURES_JURISDICTION },
    { secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: 'spotcheck' },
  )}`;

/**
 * `npm run bench -- portal [entries]`: the public portal's search over a published list of
 * 100,000 entries (a number after the name sets another count), at 50 connections (autocannon),
 * each measured in alternating rounds beside the same app's bare constant route (`/health/live`,
 * see api.bench.ts `paired`):
 * (a) one search repeated (`q=乳业`, newest first, 20 a page): answered from the portal's memory;
 * (b) distinct searches: two-character Chinese queries (and a few longer) × counties × result
 *     table × sort × page size, every request a different URL of that set, in random order;
 * (b') the same with the answers cache off (`PUBLIC_ANSWER_CACHE_BYTES=0`): every request
 *     reaches PostgreSQL.
 * The list goes through the real path: seeded final failures (final-failures.ts, renamed with
 * varied product, brand and manufacturer names), compiled, approved and published through
 * inspection-tasks, rendered and indexed for search by the worker.
 */
export async function portalBench(entries = 100_000): Promise<void> {
  const db = await benchDatabase('portal');
  const prefix = benchPrefix('portal');
  const apps: { stop(): Promise<void> }[] = [];
  try {
    let t = Date.now();
    await seedFinalFailures(db.ds, entries, { products: PRODUCTS, brands: BRANDS, makers: MAKERS });
    console.log(`seeded ${fmt(entries)} final failures in ${secondsSince(t)} s`);
    const env = { DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: prefix };
    const tasks = await startApp('apps/inspection-tasks/src/main.js', env);
    apps.push(tasks);
    const worker = await startApp('apps/worker/src/main.js', env);
    apps.push(worker);
    const base = `http://127.0.0.1:${tasks.port}/api/v1/publications`;
    const call = async (who: string, method: string, path: string) => {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: token(who), 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 500)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    t = Date.now();
    const id = (await call('bench-alice', 'POST', '')).id as string;
    await call('bench-bob', 'POST', `/${id}/approve`);
    await call('bench-alice', 'POST', `/${id}/publish`);
    const published = secondsSince(t);
    t = Date.now();
    for (;;) {
      const [row] = (await db.ds.query(
        `SELECT entries FROM public_search_indexed WHERE publication_id = $1`,
        [id],
      )) as { entries: number }[];
      if (row) {
        if (row.entries !== entries) throw new Error(`indexed ${row.entries}, not ${entries}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const indexed = secondsSince(t);
    await db.ds.query('VACUUM ANALYZE public_entry');
    console.log(
      `compiled, approved and published in ${published} s; rendered and indexed for search by the worker ${indexed} s later`,
    );
    // The database's part alone: each term's first page, one query at a time, as the portal
    // asks it on a cache miss (newest first, 20 a page, the failed table).
    const repo = new PublicResultsRepository(db.ds);
    const single: number[] = [];
    for (const term of [...TERMS, ...TERMS]) {
      const t0 = process.hrtime.bigint();
      await repo.search({ current: [id], q: term, table: 'failed' }, '-publishedOn', undefined, 21);
      single.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    single.sort((x, y) => x - y);
    const pct = (p: number) => single[Math.min(single.length - 1, Math.floor(p * single.length))];
    await worker.stop();
    apps.splice(apps.indexOf(worker), 1);
    await tasks.stop();
    apps.splice(apps.indexOf(tasks), 1);

    // The rate limit stays on (its cost is part of every answer), above what one client sends.
    const portalEnv = { DATABASE_URL: db.url, PUBLIC_RATE_LIMIT_PER_MINUTE: String(1e9) };
    const portal = await startApp('apps/public-portal/src/main.js', portalEnv);
    apps.push(portal);
    const url = `http://127.0.0.1:${portal.port}`;
    const bare = { url: `${url}/health/live`, pid: portal.child.pid! };
    const counties = (
      (await db.ds.query(`SELECT DISTINCT region_code FROM public_entry ORDER BY 1`)) as {
        region_code: string;
      }[]
    ).map((r) => r.region_code);
    const distinct = [...searches(counties)];
    const shuffled = distinct.map((p) => ({ p, k: Math.random() })).sort((a, b) => a.k - b.k);
    let next = 0;
    const path = () => shuffled[next++ % shuffled.length].p;
    const first = await fetch(`${url}${distinct[0]}`);
    if (!first.ok) throw new Error(`${distinct[0]}: ${first.status} ${await first.text()}`);

    const repeated = await paired(
      { url: `${url}/api/v1/public/results?q=${encodeURIComponent('乳业')}`, pid: bare.pid },
      bare,
    );
    const varied = await paired({ url, path, pid: bare.pid }, bare);
    await portal.stop();
    apps.splice(apps.indexOf(portal), 1);
    const uncached = await startApp('apps/public-portal/src/main.js', {
      ...portalEnv,
      PUBLIC_ANSWER_CACHE_BYTES: '0',
    });
    apps.push(uncached);
    const uurl = `http://127.0.0.1:${uncached.port}`;
    const ubare = { url: `${uurl}/health/live`, pid: uncached.child.pid! };
    const database = await paired({ url: uurl, path, pid: ubare.pid }, ubare);

    const ms = (x: number) => `${fmt(x, 1)} ms`;
    const line = (l: Load, b: Load) =>
      `${fmt(l.rps).padStart(6)} req/s  p50 ${ms(l.p50)}, p99 ${ms(l.p99)}  ${fmt(l.bytes / 1024, 1)} KiB  ${fmt(l.cpuUs)} µs CPU  | (c) bare ${fmt(b.rps).padStart(6)} req/s, p99 ${ms(b.p99)}, ${fmt(b.cpuUs)} µs CPU  | ${(l.rps / b.rps).toFixed(2)} ×${l.wrong + b.wrong ? `  ${fmt(l.wrong + b.wrong)} WRONG ANSWERS` : ''}`;
    const metA =
      repeated.route.rps / repeated.bare.rps >= GOAL_A.ratio && repeated.route.p99 <= GOAL_A.p99;
    const metB = varied.route.rps >= GOAL_B.rps && varied.route.p99 <= GOAL_B.p99;
    const metB2 = database.route.rps >= GOAL_B.rps && database.route.p99 <= GOAL_B.p99;
    console.log(
      `\nportal benchmark: ${fmt(entries)} published entries, ${CONNECTIONS} connections, ${fmt(distinct.length)} distinct searches in (b); ${loadAverage()}`,
    );
    table([
      ['(a) one search repeated (q=乳业)', line(repeated.route, repeated.bare)],
      ['', `goal ≥ ${GOAL_A.ratio} × (c), p99 ≤ ${GOAL_A.p99} ms: ${metA ? 'met' : 'NOT met'}`],
      ['(b) distinct searches, answers cache on', line(varied.route, varied.bare)],
      ['', `goal ≥ ${fmt(GOAL_B.rps)} req/s, p99 ≤ ${GOAL_B.p99} ms: ${metB ? 'met' : 'NOT met'}`],
      ["(b') distinct searches, cache off (PostgreSQL)", line(database.route, database.bare)],
      ['', `goal ≥ ${fmt(GOAL_B.rps)} req/s, p99 ≤ ${GOAL_B.p99} ms: ${metB2 ? 'met' : 'NOT met'}`],
      [`one search at a time in SQL, ${single.length} runs of ${TERMS.length} terms`, `p50 ${ms(pct(0.5))}, p90 ${ms(pct(0.9))}, max ${ms(single[single.length - 1])}`],
    ]); // prettier-ignore
    if ([repeated, varied, database].some((p) => p.route.wrong + p.bare.wrong > 0))
      throw new Error('some answers were not 200 (see WRONG ANSWERS)');
  } finally {
    for (const a of apps.reverse()) await a.stop();
    await dropPrefix(prefix);
    await db.drop();
  }
}

/** Every search of (b): terms × counties (and none) × table × sort × page size. */
function* searches(counties: readonly string[]): Generator<string> {
  for (const term of TERMS)
    for (const county of [undefined, ...counties])
      for (const result of RESULTS)
        for (const sort of SORTS)
          for (const limit of LIMITS)
            yield `/api/v1/public/results?q=${encodeURIComponent(term)}${county ? `&prefecture=${county}` : ''}&result=${result}&sort=${sort}&limit=${limit}`;
}

const secondsSince = (t: number) => ((Date.now() - t) / 1000).toFixed(1);
