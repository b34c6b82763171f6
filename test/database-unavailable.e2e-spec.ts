import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createDataSource, runMigrations } from '@spotcheck/database';
import { ADMIN, REGULATOR_HOHHOT, bearer, bootHttp } from './support/app';
import { OwnPostgres } from './support/own-servers';

/**
 * While PostgreSQL is down every HTTP app answers 503 with Retry-After and a stable code (a
 * client may retry), not 500 (a bug to report); once it is back the same process answers again.
 * The apps run against a cluster of this file's own, which it stops and starts.
 */
let pg: OwnPostgres;
const apps: Record<string, NestFastifyApplication> = {};

beforeAll(async () => {
  pg = await OwnPostgres.start();
  const url = await pg.createDatabase('spotcheck');
  const ds = createDataSource(url, 2);
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  process.env.DATABASE_URL = url;
  // Config is read when the modules load, so they load after the environment is set.
  const { InspectionTasksModule } = await import('../apps/inspection-tasks/src/app.module');
  const { LabResultsModule } = await import('../apps/lab-results/src/app.module');
  const { PublicPortalModule } = await import('../apps/public-portal/src/app.module');
  apps.inspection = await bootHttp(InspectionTasksModule);
  apps.lab = await bootHttp(LabResultsModule);
  apps.portal = await bootHttp(PublicPortalModule);
}, 120_000);

afterAll(async () => {
  await pg?.start();
  for (const app of Object.values(apps)) await app.close();
  await pg?.destroy();
});

let written = 0;
/** One route that reads the database per app, and one write. */
const requests = [
  {
    app: 'inspection',
    method: 'GET',
    url: '/api/v1/enterprises?limit=5',
    headers: bearer(REGULATOR_HOHHOT),
  },
  {
    app: 'inspection',
    method: 'POST',
    url: '/api/v1/catalog/categories',
    headers: bearer(ADMIN),
    payload: () => ({ code: `DOWN-${++written}`, name: '停库', sector: 'food', items: [] }),
  },
  { app: 'lab', method: 'GET', url: '/api/v1/lab/samples', headers: bearer(ADMIN) },
  { app: 'portal', method: 'GET', url: '/api/v1/public/draws', headers: {} },
] as const;

const send = (r: (typeof requests)[number]) =>
  apps[r.app].inject({
    method: r.method,
    url: r.url,
    headers: r.headers,
    ...('payload' in r ? { payload: r.payload() } : {}),
  });

describe('while PostgreSQL is down', () => {
  it('answers 503 with Retry-After on every app, then answers again when it is back', async () => {
    const ok = async () => {
      for (const r of requests) {
        const res = await send(r);
        expect([r.app, r.url, res.statusCode]).toEqual([
          r.app,
          r.url,
          r.method === 'POST' ? 201 : 200,
        ]);
      }
    };
    await ok();

    await pg.stop();
    for (const r of requests) {
      const res = await send(r);
      expect([r.app, r.method, r.url, res.statusCode]).toEqual([r.app, r.method, r.url, 503]);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toEqual({
        statusCode: 503,
        code: 'DATABASE_UNAVAILABLE',
        message: expect.stringContaining('database is not available'),
      });
    }

    // The pool connects again by itself: no restart of the apps.
    await pg.start();
    await ok();
  }, 120_000);
});
