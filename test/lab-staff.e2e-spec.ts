import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Principal } from '@spotcheck/auth';
import { completeUscc } from '@spotcheck/domain';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../apps/lab-results/src/app.module';
import { ADMIN, REGULATOR_HOHHOT, bearer, bootHttp, dataSource } from './support/app';

let app: NestFastifyApplication;
let labApp: NestFastifyApplication;
const run = String(process.pid % 100000).padStart(5, '0');
const labIds: string[] = [];

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  labApp = await bootHttp(LabResultsModule);
  for (const i of [1, 2]) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/labs',
      headers: bearer(REGULATOR_HOHHOT),
      payload: {
        name: `人员测试检验所${i}`,
        uscc: completeUscc(`12150102LT${run}${i}0`),
        cmaNo: `STAFF-${run}-${i}`,
        regionCode: '150102',
        categories: [],
        capacity: 10,
      },
    });
    expect(r.statusCode).toBe(201);
    labIds.push(r.json().id as string);
  }
});
afterAll(async () => {
  await app.close();
  await labApp.close();
});

const labUser = (sub: string, lab = labIds[0]): Principal => ({ sub, role: 'lab', org: lab });
const put = (p: Principal, sub: string, payload: unknown, lab = labIds[0]) =>
  labApp.inject({
    method: 'PUT',
    url: `/api/v1/labs/${lab}/staff/${encodeURIComponent(sub)}`,
    headers: bearer(p),
    payload: payload as object,
  });

describe('lab staff', () => {
  it('refuses a blank name, naming the field', async () => {
    const r = await put(ADMIN, 'blank-name', { name: '   ', roles: ['tester'] });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([{ field: 'name', reason: 'name must not be blank' }]);
  });

  it('lets an admin appoint the first signatory, who then manages the staff', async () => {
    const boss = await put(ADMIN, 'boss', { name: '王主任', roles: ['signatory', 'reviewer'] });
    expect(boss.statusCode).toBe(200);
    expect(boss.json()).toMatchObject({
      sub: 'boss',
      roles: ['reviewer', 'signatory'],
      active: true,
    });

    const tester = await put(labUser('boss'), 'tester-1', { name: '李检验', roles: ['tester'] });
    expect(tester.statusCode).toBe(200);
    // A tester is not lab management.
    const refused = await put(labUser('tester-1'), 'tester-2', { name: '赵', roles: ['tester'] });
    expect(refused.statusCode).toBe(403);

    const list = await labApp.inject({
      url: `/api/v1/labs/${labIds[0]}/staff`,
      headers: bearer(labUser('tester-1')),
    });
    expect(list.json().items.map((s: { sub: string }) => s.sub)).toEqual(['boss', 'tester-1']);
    const me = await labApp.inject({
      url: '/api/v1/lab/staff/me',
      headers: bearer(labUser('tester-1')),
    });
    expect(me.json()).toMatchObject({ sub: 'tester-1', roles: ['tester'] });

    const audit = (await dataSource(app).query(
      `SELECT action FROM audit_log WHERE entity_type = 'lab_staff' AND entity_id = $1`,
      [`${labIds[0]}/tester-1`],
    )) as { action: string }[];
    expect(audit).toEqual([{ action: 'create' }]);
  });

  it('lets only one of two signatories removing each other at once through', async () => {
    const lab = labIds[1];
    for (const sub of ['sig-a', 'sig-b'])
      expect((await put(ADMIN, sub, { name: sub, roles: ['signatory'] }, lab)).statusCode).toBe(
        200,
      );
    const rs = await Promise.all(
      [
        ['sig-a', 'sig-b'],
        ['sig-b', 'sig-a'],
      ].map(([me, them]) => put(labUser(me, lab), them, { name: them, roles: ['tester'] }, lab)),
    );
    expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 403]);
    const staff = await labApp.inject({ url: `/api/v1/labs/${lab}/staff`, headers: bearer(ADMIN) });
    const signatories = (staff.json().items as { sub: string; roles: string[] }[]).filter((m) =>
      m.roles.includes('signatory'),
    );
    expect(signatories).toHaveLength(1);
  });

  it('keeps labs apart: another lab answers 404', async () => {
    const other = labUser('boss', labIds[1]);
    expect(
      (await labApp.inject({ url: `/api/v1/labs/${labIds[0]}/staff`, headers: bearer(other) }))
        .statusCode,
    ).toBe(404);
    expect((await put(other, 'x', { name: 'x', roles: ['tester'] })).statusCode).toBe(404);
    expect(
      (await labApp.inject({ url: '/api/v1/labs/not-a-uuid/staff', headers: bearer(ADMIN) }))
        .statusCode,
    ).toBe(404);
  });

  it('names the field of bad input', async () => {
    const bad = await put(ADMIN, 'x', { name: 'a\u0000b', roles: ['chemist'] });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['name', 'roles']);
    expect((await put(ADMIN, 'x', { name: 'x', roles: [] })).statusCode).toBe(400);
    expect((await put(ADMIN, 'x', { name: 'x', roles: ['tester'], extra: 1 })).statusCode).toBe(
      400,
    );
    expect((await put(REGULATOR_HOHHOT, 'x', { name: 'x', roles: ['tester'] })).statusCode).toBe(
      403,
    );
  });
});
