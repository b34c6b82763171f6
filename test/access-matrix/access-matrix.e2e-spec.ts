import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InspectionTasksModule } from '../../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../../apps/lab-results/src/app.module';
import { PublicPortalModule } from '../../apps/public-portal/src/app.module';
import { once } from '../support/api';
import { bootHttp } from '../support/app';
import { Caller, callersOf, expectedOf, placeholderUrl } from './callers';
import { Body, PROBES, ProbeContext } from './probes';
import { Route, documentedRoutes, routesOf } from './routes';
import { Fresh, World, buildWorld } from './world';

/**
 * The access matrix: every route of the three HTTP apps, found from Nest's route metadata,
 * called as every kind of caller, against the answer its declared policy (`@Access` or
 * `@Public()` on the handler) implies. A route that declares nothing, or that has no request
 * in probes.ts, fails here by name.
 */
const APPS = [
  ['inspection-tasks', InspectionTasksModule],
  ['lab-results', LabResultsModule],
  ['public-portal', PublicPortalModule],
] as const;

const apps = new Map<string, NestFastifyApplication>();
const routes = new Map<string, Route[]>();

beforeAll(async () => {
  for (const [name, module] of APPS) {
    const app = await bootHttp(module, name);
    apps.set(name, app);
    routes.set(name, routesOf(app));
  }
});

/** The world and its callers, built by the first test that calls a route. */
const worldOnce = once(async () => {
  const tasks = apps.get('inspection-tasks')!;
  const labs = apps.get('lab-results')!;
  const world: World = await buildWorld(tasks, labs);
  return { world, fresh: new Fresh(world, tasks, labs), callers: callersOf(world.tenants) };
});
afterAll(async () => {
  for (const app of apps.values()) await app.close();
});

const call = (
  app: NestFastifyApplication,
  route: Route,
  caller: Caller,
  req: { url: string; payload?: unknown; headers?: Record<string, string> },
) =>
  app.inject({
    method: route.method,
    url: req.url,
    headers: {
      ...req.headers,
      ...(caller.authorization ? { authorization: caller.authorization } : {}),
    },
    ...(req.payload === undefined ? {} : { payload: req.payload as object }),
  });

const snippet = (body: string) => body.replace(/\s+/g, ' ').slice(0, 200);

/** Reads first, so that the lists see the world before the writes add to it. */
const readsFirst = (a: Route, b: Route) =>
  Number(a.method !== 'GET') - Number(b.method !== 'GET') || a.key.localeCompare(b.key);

describe.each(APPS.map(([name]) => name))('access matrix of %s', (name) => {
  it('finds every route the app documents', async () => {
    const found = new Set(routes.get(name)!.map((r) => r.key));
    const documented = await documentedRoutes(apps.get(name)!);
    expect(documented.filter((k) => !found.has(k))).toEqual([]);
    expect(found.size).toBeGreaterThan(0);
  });

  it('declares the access of every route on its handler: @Access or @Public()', () => {
    const undeclared = routes
      .get(name)!
      .filter((r) => r.isPublic === (r.access !== undefined))
      .map((r) =>
        r.isPublic
          ? `${r.key} (${r.handler}) declares both @Public() and @Access`
          : `${r.key} (${r.handler}) declares no access policy: add @Access({...}) or @Public()`,
      );
    expect(undeclared).toEqual([]);
  });

  it('answers 401 to a missing, forged, expired or never-expiring token, 403 to a role it does not name', async () => {
    const app = apps.get(name)!;
    const { callers } = await worldOnce();
    const wrong: string[] = [];
    let calls = 0;
    for (const route of routes.get(name)!) {
      if (!route.isPublic && !route.access) continue;
      for (const caller of callers) {
        const want = expectedOf(route, caller);
        if (want.kind !== 'refused') continue;
        calls++;
        const r = await call(app, route, caller, { url: placeholderUrl(route) });
        if (r.statusCode !== want.status)
          wrong.push(
            `${route.key} as ${caller.name}: ${r.statusCode}, expected ${want.status} ${snippet(r.body)}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    if (name !== 'public-portal') expect(calls).toBeGreaterThan(0);
  }, 300_000);

  it('has a request in the matrix for every route', () => {
    const probes = PROBES[name];
    const routed = new Set(routes.get(name)!.map((r) => r.key));
    expect(
      routes
        .get(name)!
        .filter((r) => !probes[r.key])
        .map((r) => r.key),
    ).toEqual([]);
    expect(Object.keys(probes).filter((k) => !routed.has(k))).toEqual([]);
  });

  it("answers each tenant as its role's declared reach says: its own records, not another's", async () => {
    const app = apps.get(name)!;
    const { world, fresh, callers } = await worldOnce();
    const wrong: string[] = [];
    let calls = 0;
    for (const route of [...routes.get(name)!].sort(readsFirst)) {
      const probe = PROBES[name][route.key];
      if (!probe || (!route.isPublic && !route.access)) continue;
      for (const caller of callers) {
        const want = expectedOf(route, caller);
        if (want.kind === 'refused') continue;
        const ctx: ProbeContext = { w: world, fresh, caller };
        let req;
        try {
          req = await probe.call(ctx);
        } catch (e) {
          wrong.push(
            `${route.key} as ${caller.name}: could not build the request: ${(e as Error).message}`,
          );
          continue;
        }
        const r = await call(app, route, caller, req);
        calls++;
        const ok = r.statusCode >= 200 && r.statusCode < 300;
        let body: Body | undefined;
        const shows = () => {
          body ??= { text: r.body, json: parse(r.body) };
          return probe.shows!(body, ctx);
        };
        let problem: string | undefined;
        if (want.kind === 'allowed') {
          if (!ok) problem = `${r.statusCode}, expected 2xx`;
          else if (probe.shows && !shows()) problem = `${r.statusCode} without the owners' record`;
        } else if (probe.shows) {
          if (!ok) problem = `${r.statusCode}, expected 2xx without the owners' record`;
          else if (shows()) problem = `${r.statusCode} showing another tenant's record`;
        } else if (r.statusCode !== (probe.outside ?? 404))
          problem = `${r.statusCode}, expected ${probe.outside ?? 404} (another tenant's)`;
        if (problem) wrong.push(`${route.key} as ${caller.name}: ${problem} ${snippet(r.body)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(routes.get(name)!.length);
  }, 300_000);
});

/**
 * Admins manage accounts, calendars, sector rules, targets and the catalogue (docs/rules.md §1,
 * docs/adr/0026); the spot check's own acts are the regulators' (and the labs'): committing and
 * drawing, sampling and custody in the field, assigning and cancelling tasks, deciding
 * objections and drawing retest labs, approving and publishing lists. Admins may read them.
 */
const NOT_ADMINS = [
  'POST /api/v1/plans/:id/commit',
  'POST /api/v1/plans/:id/draw',
  'POST /api/v1/tasks/:id/sample',
  'POST /api/v1/tasks/:id/unable',
  'POST /api/v1/tasks/:id/cancel',
  'POST /api/v1/tasks/:id/reassign',
  'POST /api/v1/samples/:sampleNo/custody',
  'POST /api/v1/objections/:id/decision',
  'POST /api/v1/objections/:id/retest-draw',
  'POST /api/v1/objections/:id/retest-refusal',
  'POST /api/v1/publications',
  'POST /api/v1/publications/:id/approve',
  'POST /api/v1/publications/:id/publish',
];
const ADMINS_READ = [
  'GET /api/v1/plans/:id/draw',
  'GET /api/v1/tasks/:id',
  'GET /api/v1/samples/:sampleNo',
  'GET /api/v1/samples/:sampleNo/custody',
  'GET /api/v1/objections/:id',
  'GET /api/v1/objections/:id/retest-draw',
];

describe('admins', () => {
  it('do not draw, sample, assign, decide objections or publish; they read', () => {
    const all = new Map(routes.get('inspection-tasks')!.map((r) => [r.key, r]));
    const missing = [...NOT_ADMINS, ...ADMINS_READ].filter((k) => !all.has(k));
    expect(missing).toEqual([]);
    expect(NOT_ADMINS.filter((k) => all.get(k)!.access?.admin !== undefined)).toEqual([]);
    expect(ADMINS_READ.filter((k) => all.get(k)!.access?.admin !== 'any')).toEqual([]);
  });
});

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
