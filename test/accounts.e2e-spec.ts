import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { makeLab } from './medium/factories';
import { unique } from './medium/support';
import { Api, apiOf, auditOf } from './support/api';
import {
  ADMIN,
  REGULATOR_HOHHOT,
  bearer,
  bootHttp,
  dataSource,
  multipart,
  upload,
} from './support/app';

/**
 * The admins' accounts API: create, list, disable and enable, reset a password, import a file
 * all or nothing; each change audited, and what each does to signing in.
 */
let app: NestFastifyApplication;
let api: Api;
beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule, 'inspection-tasks');
  api = apiOf(() => app);
});
afterAll(() => app.close());

let address = 100;
const signIn = (userName: string, password: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: `127.0.1.${++address}`,
    payload: { userName, password },
  });

const create = (payload: Record<string, unknown>) => api.post(ADMIN, '/api/v1/accounts', payload);

describe('creating an account', () => {
  it('generates a first password shown once, which must be changed at first sign-in', async () => {
    const userName = unique('Reg.');
    const r = await create({
      userName,
      displayName: '新城区监管员',
      role: 'regulator',
      jurisdiction: '150102',
      staffNo: 'NM-150102-0001',
    });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({
      userName,
      role: 'regulator',
      jurisdiction: '150102',
      staffNo: 'NM-150102-0001',
      mustChangePassword: true,
      disabled: false,
    });
    expect(body.initialPassword).toMatch(/^\S{14}$/);
    expect(JSON.stringify(body)).not.toContain('argon2');
    expect((await signIn(userName.toLowerCase(), body.initialPassword)).json().code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    expect((await api.get(ADMIN, `/api/v1/accounts/${userName}`)).json().initialPassword).toBe(
      undefined,
    );
    const audit = await auditOf(app, userName, 'create');
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe(ADMIN.sub);
  });

  it('takes a first password the admin gives, if it meets the rules', async () => {
    const userName = unique('ent-');
    const weak = await create({
      userName,
      displayName: '企业',
      role: 'enterprise',
      org: '91150102MA0000001X',
      password: 'short',
    });
    expect(weak.statusCode).toBe(400);
    const fields = (weak.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['org', 'password']));
    expect(fields.every((f) => ['org', 'password'].includes(f))).toBe(true);
  });

  it('refuses a user name taken in another case, and names each field a role needs', async () => {
    const userName = unique('Admin-');
    expect((await create({ userName, displayName: '管理员', role: 'admin' })).statusCode).toBe(201);
    const again = await create({
      userName: userName.toUpperCase(),
      displayName: 'x',
      role: 'admin',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ACCOUNT_EXISTS' });

    const missing = await create({ userName: unique('r-'), displayName: 'x', role: 'regulator' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([
      { field: 'jurisdiction', reason: 'is required for a regulator' },
    ]);
    const badName = await create({ userName: 'has space', displayName: 'x', role: 'admin' });
    expect(badName.json().errors[0].field).toBe('userName');
    const noLab = await create({
      userName: unique('lab-'),
      displayName: 'x',
      role: 'lab',
      org: '00000000-0000-4000-8000-00000000dead',
    });
    expect(noLab.statusCode).toBe(400);
    expect(noLab.json().errors).toEqual([
      { field: 'org', reason: 'no lab 00000000-0000-4000-8000-00000000dead in the directory' },
    ]);
  });

  it('is for admins only', async () => {
    const r = await api.post(REGULATOR_HOHHOT, '/api/v1/accounts', {
      userName: unique('x-'),
      displayName: 'x',
      role: 'admin',
    });
    expect(r.statusCode).toBe(403);
  });
});

describe('managing accounts', () => {
  /** An account signed in once, with a password of its own. */
  async function active(): Promise<{ userName: string; password: string; refresh: string }> {
    const userName = unique('act-');
    const first = (await create({ userName, displayName: '人员', role: 'admin' })).json();
    const password = 'own-Passw0rd-123';
    const changed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      remoteAddress: `127.0.1.${++address}`,
      payload: { userName, currentPassword: first.initialPassword, newPassword: password },
    });
    expect(changed.statusCode).toBe(200);
    const refresh = changed.cookies.find((c) => c.name === 'spotcheck_refresh')!.value;
    return { userName, password, refresh };
  }
  const refreshWith = (token: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { origin: 'http://localhost', cookie: `spotcheck_refresh=${token}` },
    });

  it('disabling refuses sign-in and ends the sessions; enabling lets the person in again', async () => {
    const a = await active();
    const d = await api.post(ADMIN, `/api/v1/accounts/${a.userName}/disable`);
    expect(d.statusCode).toBe(200);
    expect(d.json().disabled).toBe(true);
    expect((await refreshWith(a.refresh)).statusCode).toBe(401);
    expect((await signIn(a.userName, a.password)).json().code).toBe('ACCOUNT_DISABLED');
    expect((await api.post(ADMIN, `/api/v1/accounts/${a.userName}/enable`)).json().disabled).toBe(
      false,
    );
    expect((await signIn(a.userName, a.password)).statusCode).toBe(200);
    expect((await auditOf(app, a.userName)).map((x) => x.action)).toEqual(
      expect.arrayContaining(['disable', 'enable']),
    );
  });

  it('an admin may not disable their own account', async () => {
    const self = { sub: unique('self-'), role: 'admin' as const };
    await create({ userName: self.sub, displayName: '自己', role: 'admin' });
    const r = await api.post(self, `/api/v1/accounts/${self.sub}/disable`);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('OWN_ACCOUNT');
  });

  it('resetting a password unlocks the account, ends its sessions, and asks for a change', async () => {
    const a = await active();
    for (let i = 0; i < 5; i++) await signIn(a.userName, 'wrong-Passw0rd');
    expect((await api.get(ADMIN, `/api/v1/accounts/${a.userName}`)).json().lockedUntil).not.toBe(
      null,
    );
    const r = await api.post(ADMIN, `/api/v1/accounts/${a.userName}/password-reset`, {});
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ mustChangePassword: true, lockedUntil: null });
    expect((await refreshWith(a.refresh)).statusCode).toBe(401);
    expect((await signIn(a.userName, a.password)).statusCode).toBe(401);
    expect((await signIn(a.userName, r.json().initialPassword)).json().code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    expect(
      (await api.post(ADMIN, '/api/v1/accounts/nobody-here/password-reset', {})).statusCode,
    ).toBe(404);
  });

  it('lists accounts by user name with a cursor and filters', async () => {
    const mark = unique('list').toLowerCase();
    for (const n of ['b', 'a', 'c'])
      await create({ userName: `${mark}-${n}`, displayName: `列表${n}`, role: 'admin' });
    const first = await api.get(ADMIN, `/api/v1/accounts?q=${mark}&limit=2`);
    expect(first.json().items.map((i: { userName: string }) => i.userName)).toEqual([
      `${mark}-a`,
      `${mark}-b`,
    ]);
    const next = await api.get(
      ADMIN,
      `/api/v1/accounts?q=${mark}&limit=2&cursor=${first.json().nextCursor}`,
    );
    expect(next.json()).toEqual({
      items: [expect.objectContaining({ userName: `${mark}-c` })],
      nextCursor: null,
    });
    expect(
      (await api.get(ADMIN, `/api/v1/accounts?q=${mark}&role=regulator`)).json().items,
    ).toEqual([]);
    expect((await api.get(ADMIN, '/api/v1/accounts?cursor=nonsense')).json().errors).toEqual([
      { field: 'cursor', reason: 'is not a cursor this API issued' },
    ]);
  });
});

describe('importing accounts', () => {
  const count = async () =>
    Number(
      ((await dataSource(app).query('SELECT count(*) AS n FROM account')) as { n: string }[])[0].n,
    );

  it('creates and updates from a CSV with Chinese headers, answering the generated first passwords', async () => {
    const lab = await makeLab(dataSource(app));
    const existing = unique('imp-');
    await create({ userName: existing, displayName: '旧名', role: 'admin' });
    const names = [unique('imp-'), unique('imp-')];
    const csv = [
      '用户名,姓名,角色,行政区划代码,所属机构,执法证号,是否停用,初始密码',
      `${names[0]},监管甲,监管人员,150102,,NM-1,否,`,
      `${names[1]},检验乙,检验机构,,${lab.id.toUpperCase()},,,given-Passw0rd-9`,
      `${existing.toUpperCase()},新名,admin,,,,是,`,
    ].join('\n');
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/accounts/import',
      ...upload(ADMIN, 'accounts.csv', csv),
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ rows: 3, inserted: 2, updated: 1, unchanged: 0 });
    expect(r.json().initialPasswords).toEqual([
      { userName: names[0], initialPassword: expect.any(String) },
    ]);
    const lab2 = (await api.get(ADMIN, `/api/v1/accounts/${names[1]}`)).json();
    expect(lab2).toMatchObject({ role: 'lab', org: lab.id, mustChangePassword: true });
    expect((await signIn(names[1], 'given-Passw0rd-9')).json().code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    expect((await api.get(ADMIN, `/api/v1/accounts/${existing}`)).json()).toMatchObject({
      displayName: '新名',
      disabled: true,
    });
    expect((await auditOf(app, names[0])).map((a) => a.action)).toEqual(['create']);
    expect((await auditOf(app, existing)).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('refuses the whole file for one bad row, naming its row and column', async () => {
    const before = await count();
    const good = unique('imp-');
    const csv = [
      'user_name,display_name,role,jurisdiction',
      `${good},好人,regulator,150102`,
      `${unique('imp-')},坏人,regulator,159999`,
      `${good.toUpperCase()},重复,admin,`,
    ].join('\n');
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/accounts/import',
      ...upload(ADMIN, 'accounts.csv', csv),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'IMPORT_REJECTED', errorCount: 2 });
    expect(r.json().errors).toEqual([
      { row: 3, column: 'jurisdiction', reason: expect.stringContaining('159999') },
      { row: 4, column: 'user_name', reason: `${good.toUpperCase()} also appears in row 2` },
    ]);
    expect(await count()).toBe(before);
    expect((await api.get(ADMIN, `/api/v1/accounts/${good}`)).statusCode).toBe(404);
  });

  it('reads XLSX, names a missing column, and refuses a first password for an existing account', async () => {
    const existing = unique('imp-');
    await create({ userName: existing, displayName: '已有', role: 'admin' });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('账号');
    ws.addRow(['用户名', '姓名', '角色', '初始密码']);
    ws.addRow([existing, '已有', '系统管理员', 'another-Passw0rd-1']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/accounts/import',
      ...upload(ADMIN, 'a.xlsx', xlsx),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([
      { row: 2, column: 'initial_password', reason: expect.stringContaining('exists already') },
    ]);
    const m = multipart('a.csv', 'user_name,role\nx1,admin\n', 'text/csv');
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/accounts/import',
      payload: m.payload,
      headers: { ...m.headers, ...bearer(ADMIN) },
    });
    expect(missing.json().errors).toEqual([
      { row: 1, column: 'display_name (姓名)', reason: 'required column is missing' },
    ]);
  });
});
