import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../scripts/demo/demo-data';
import { seedDemoAccounts } from '../scripts/demo/seed';
import { makeEnterprise, makeInspector, makeLab } from './medium/factories';
import { freshUscc } from './medium/support';
import { bootHttp, dataSource } from './support/app';

/** `npm start`'s demo accounts: one of each kind, each able to sign in with the printed password. */
let app: NestFastifyApplication;
beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule, 'inspection-tasks');
  const ds = dataSource(app);
  await makeLab(ds);
  await makeEnterprise(ds, { uscc: freshUscc('150102'), regionCode: '150102', status: 'active' });
  await makeInspector(ds, { regionCode: '150102', active: true });
});
afterAll(() => app.close());

let address = 200;
const signIn = (userName: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: `127.0.2.${++address}`,
    payload: { userName, password: DEMO_PASSWORD },
  });

it('seeds an account of each role once, each signing in with the demo password as what it is', async () => {
  const ds = dataSource(app);
  const seeded = await seedDemoAccounts(ds);
  expect(seeded.map((a) => a.userName)).toEqual(DEMO_ACCOUNTS.map((a) => a.userName));
  // Again: nothing more, nothing changed.
  await seedDemoAccounts(ds);
  const [{ n }] = (await ds.query(
    `SELECT count(*)::int AS n FROM account WHERE user_name = ANY ($1)`,
    [DEMO_ACCOUNTS.map((a) => a.userName)],
  )) as { n: number }[];
  expect(n).toBe(DEMO_ACCOUNTS.length);

  const roles = new Set<string>();
  for (const a of DEMO_ACCOUNTS) {
    const r = await signIn(a.userName);
    if (a.mustChange) {
      expect(r.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
      continue;
    }
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ sub: a.userName, role: a.role });
    roles.add(r.json().role as string);
    if (a.inspector) expect(r.json().staffNo).toMatch(/^\S+$/);
    if (a.org) expect(r.json().org).toMatch(/^\S+$/);
  }
  expect(roles).toEqual(new Set(['regulator', 'lab', 'enterprise', 'admin']));
});
