import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { makeFinalOutcome, makeOutcomeWorld } from './medium/factories/publications';
import { unique } from './medium/support';
import { apiOf } from './support/api';
import { bootHttp, dataSource } from './support/app';
import { bootPortal, indexForSearch, listUpTo, regulatorsOf } from './support/public-lists';
import { routesOf } from './support/routes';

/**
 * Nothing unpublished is ever reachable from the public portal: lists that are drafts,
 * approved but not published, or discarded, and corrections not yet published, appear in no
 * answer of any route, by name or by id, even when something tries to index them; their
 * permalinks answer 404 like ids that never existed. Every route of the portal must have its
 * requests here: a new route fails this test until it has.
 */
let tasks: NestFastifyApplication;
let portal: NestFastifyApplication;
const api = apiOf(() => tasks);

beforeAll(async () => {
  tasks = await bootHttp(InspectionTasksModule);
  portal = await bootPortal();
});
afterAll(async () => {
  await tasks.close();
  await portal.close();
});

interface Hidden {
  tag: string;
  /** Ids of versions (and of running plans) the public must never see. */
  ids: string[];
  /** Product names of their entries. */
  names: string[];
  published: Record<string, unknown>;
  /** The jurisdictions of the hidden versions. */
  jurisdictions: string[];
}

async function hiddenWorld(): Promise<Hidden> {
  const ds = dataSource(tasks);
  const tag = unique('秘')
    .replace(/[^0-9]/g, '')
    .slice(-6);
  const names: string[] = [];
  const fail = async (w: Awaited<ReturnType<typeof makeOutcomeWorld>>, name: string) => {
    names.push(name);
    await makeFinalOutcome(ds, w, { outcome: 'fail', product: name, brand: `牌${tag}` });
  };
  const worlds = await Promise.all([1, 2, 3, 4].map(() => makeOutcomeWorld(ds)));
  const [wd, wa, wx, wc] = worlds;
  // A published list whose correction stays a draft.
  await makeFinalOutcome(ds, wc, { outcome: 'fail', product: `公开${tag}` });
  const published = await listUpTo(api, ds, regulatorsOf(wc.jurisdiction));
  await fail(wd, `草稿${tag}`);
  const draft = await listUpTo(api, ds, regulatorsOf(wd.jurisdiction), 'draft');
  await fail(wa, `待发${tag}`);
  const approved = await listUpTo(api, ds, regulatorsOf(wa.jurisdiction), 'approved');
  await fail(wx, `弃用${tag}`);
  const discarded = await listUpTo(api, ds, regulatorsOf(wx.jurisdiction), 'draft');
  const r = regulatorsOf(wx.jurisdiction);
  const d = await api.post(r.alice, `/api/v1/publications/${discarded.id as string}/discard`, {
    reason: '测试弃用',
  });
  expect(d.statusCode).toBe(200);
  await fail(wc, `更正草稿${tag}`);
  const rc = regulatorsOf(wc.jurisdiction);
  const correction = await api.created(
    rc.alice,
    `/api/v1/publications/${published.id as string}/corrections`,
    { reason: '未发布的更正' },
  );
  // A running plan's rates are not announced either (rate cells of closed plans only).
  await ds.query(
    `INSERT INTO rate_cell (plan_id, category, region_code, enterprise_size, stage, period_month,
                            jurisdiction, sector, pass, fail, pending, excluded)
     VALUES ($1, $2, $3, 'small', 'distribution', '2026-02-01', $3, 'food', 1, 1, 0, 0)`,
    [wd.plan.id, wd.category.code, wd.jurisdiction],
  );
  const ids = [
    draft.id,
    approved.id,
    discarded.id,
    correction.id,
    wd.plan.id,
    wa.plan.id,
  ] as string[];
  // Indexing refuses what is not published, whoever asks.
  for (const id of ids) expect(await indexForSearch(ds, id)).toBe(-1);
  return { tag, ids, names, published, jurisdictions: worlds.map((w) => w.jurisdiction) };
}

/** The requests each route of the portal gets, about the hidden versions. */
function requests(h: Hidden): Record<string, { urls: string[]; absent?: boolean }> {
  const q = encodeURIComponent(h.tag);
  const [id] = h.ids;
  return {
    'GET /health/live': { urls: ['/health/live'] },
    'GET /health/ready': { urls: ['/health/ready'] },
    'GET /metrics': { urls: ['/metrics'] },
    'GET /api/v1/public/draws': { urls: ['/api/v1/public/draws?limit=500'] },
    'GET /api/v1/public/draws/:id/verification': {
      urls: h.ids.map((i) => `/api/v1/public/draws/${i}/verification`),
      absent: true,
    },
    'GET /api/v1/public/draws/:id/record': {
      urls: h.ids.map((i) => `/api/v1/public/draws/${i}/record`),
      absent: true,
    },
    'GET /api/v1/public/retest-draws': { urls: ['/api/v1/public/retest-draws?limit=500'] },
    'GET /api/v1/public/retest-draws/:id/record': {
      urls: [`/api/v1/public/retest-draws/${id}/record`],
      absent: true,
    },
    'GET /api/v1/public/retest-draws/:id/verification': {
      urls: [`/api/v1/public/retest-draws/${id}/verification`],
      absent: true,
    },
    'GET /api/v1/public/results': {
      urls: [
        `/api/v1/public/results?q=${q}&result=all&limit=100`,
        `/api/v1/public/results?result=all&limit=100`,
        ...h.names.map((n) => `/api/v1/public/results?q=${encodeURIComponent(n)}&result=all`),
      ],
    },
    'GET /api/v1/public/results/count': {
      urls: [
        `/api/v1/public/results/count?q=${q}&result=all&count=productName`,
        `/api/v1/public/results/count?result=all&count=noticeNo&limit=1000`,
      ],
    },
    'GET /api/v1/public/results/:publication/:table/:serial': {
      urls: h.ids.flatMap((i) => [
        `/api/v1/public/results/${i}/failed/1`,
        `/api/v1/public/results/${i}/passed/1`,
      ]),
      absent: true,
    },
    'GET /api/v1/public/publications': {
      urls: [
        '/api/v1/public/publications?limit=100',
        ...h.jurisdictions.map((j) => `/api/v1/public/publications?jurisdiction=${j}`),
      ],
    },
    'GET /api/v1/public/publications/:id': {
      urls: h.ids.map((i) => `/api/v1/public/publications/${i}`),
      absent: true,
    },
    'GET /api/v1/public/publications/:id/verification': {
      urls: h.ids.map((i) => `/api/v1/public/publications/${i}/verification`),
      absent: true,
    },
    'GET /api/v1/public/publications/:id/files': {
      urls: h.ids.map((i) => `/api/v1/public/publications/${i}/files`),
      absent: true,
    },
    'GET /api/v1/public/publications/:id/files/:name': {
      urls: h.ids.map((i) => `/api/v1/public/publications/${i}/files/list.json`),
      absent: true,
    },
    'GET /api/v1/public/chains/:jurisdiction': {
      urls: h.jurisdictions.map((j) => `/api/v1/public/chains/${j}`),
    },
    'GET /api/v1/public/feeds/publications.atom': {
      urls: ['/api/v1/public/feeds/publications.atom'],
    },
    'GET /api/v1/public/rates': {
      urls: [
        '/api/v1/public/rates?by=plan&period=2026',
        ...h.jurisdictions.map(
          (j) => `/api/v1/public/rates?jurisdiction=${j}&by=plan,sector&period=2026`,
        ),
      ],
    },
    'GET /api/v1/public/feeds/:jurisdiction/publications.atom': {
      urls: h.jurisdictions.map((j) => `/api/v1/public/feeds/${j}/publications.atom`),
    },
    // The web site's pages, from the same services.
    'GET /': {
      urls: [
        `/?q=${q}&result=all&limit=100`,
        `/?result=all&limit=100`,
        ...h.names.map((n) => `/?q=${encodeURIComponent(n)}&result=all`),
      ],
    },
    'GET /entries/:publication/:table/:serial': {
      urls: h.ids.flatMap((i) => [`/entries/${i}/failed/1`, `/entries/${i}/passed/1`]),
      absent: true,
    },
    'GET /publications': {
      urls: [
        '/publications?limit=100',
        ...h.jurisdictions.map((j) => `/publications?jurisdiction=${j}`),
      ],
    },
    'GET /publications/:id': { urls: h.ids.map((i) => `/publications/${i}`), absent: true },
    'GET /site/:file': { urls: ['/site/site.css'] },
    'GET /rates': {
      urls: ['/rates?period=2026', ...h.jurisdictions.map((j) => `/rates?jurisdiction=${j}`)],
    },
    'GET /draws': { urls: ['/draws?limit=100'] },
    'GET /draws/:id': { urls: h.ids.map((i) => `/draws/${i}`), absent: true },
  };
}

describe('never anything unpublished', () => {
  it('no route of the portal shows a version that is not published, nor its entries', async () => {
    const h = await hiddenWorld();
    const probes = requests(h);
    // routesOf names every route with the API prefix; health and metrics are served outside it.
    const routes = routesOf(portal).map((r) =>
      r.key.replace(/^GET \/api\/v1\/(health|metrics)/, 'GET /$1'),
    );
    expect(routes.filter((k) => !probes[k])).toEqual([]);
    const leaks: string[] = [];
    for (const [route, { urls, absent }] of Object.entries(probes)) {
      for (const url of urls) {
        const r = await portal.inject({ method: 'GET', url });
        if (absent && r.statusCode !== 404) leaks.push(`${url}: ${r.statusCode}, not 404`);
        if (!absent && r.statusCode !== 200) leaks.push(`${url}: ${r.statusCode}, not 200`);
        // A 404 names the id it was asked for, as for an id that never existed.
        let body = absent
          ? h.ids.reduce((b, i) => (url.includes(i) ? b.split(i).join('<asked>') : b), r.body)
          : r.body;
        // The site's search page shows the text searched for in its form and title.
        if (route === 'GET /')
          body = h.names.reduce(
            (b, n) => (url.includes(encodeURIComponent(n)) ? b.split(n).join('<asked>') : b),
            body,
          );
        for (const secret of [...h.ids, ...h.names])
          if (body.includes(secret)) leaks.push(`${route}: ${url} shows ${secret}`);
      }
    }
    expect(leaks).toEqual([]);
    // The published list of the same search is there: the search did run.
    const seen = await portal.inject({
      method: 'GET',
      url: `/api/v1/public/results?q=${encodeURIComponent(h.tag)}&result=all`,
    });
    expect((seen.json() as { items: { publicationId: string }[] }).items).toEqual([
      expect.objectContaining({ publicationId: h.published.id, productName: `公开${h.tag}` }),
    ]);
  });
});
