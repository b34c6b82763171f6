import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccountRepository, hashPassword } from '@spotcheck/auth';
import type { Role } from '@spotcheck/domain';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { LabResultsModule } from '../apps/lab-results/src/app.module';
import { RUN } from './support/api';
import { bootHttp, dataSource, token } from './support/app';

/**
 * Signing in with an account: cookies, the first password, the lockout, the rate limit,
 * refresh rotation and reuse, signing out, and the Origin check of cookie-authenticated
 * writes. Each test signs in from a loopback address of its own, so that the per-address rate
 * limit of one test does not reach another.
 */
let tasks: NestFastifyApplication;
let labs: NestFastifyApplication;
beforeAll(async () => {
  tasks = await bootHttp(InspectionTasksModule, 'inspection-tasks');
  labs = await bootHttp(LabResultsModule, 'lab-results');
});
afterAll(async () => {
  await tasks?.close();
  await labs?.close();
});

const PASSWORD = 'first-Passw0rd-x';
const OWN = 'http://localhost';
let made = 0;

/** A fresh account, straight into the table (the admins' API has its own tests). */
async function account(
  o: { role?: Role; mustChange?: boolean; password?: string } = {},
): Promise<string> {
  const userName = `SignIn-${RUN}-${++made}-${Math.random().toString(36).slice(2, 7)}`;
  const role = o.role ?? 'regulator';
  await tasks.get(AccountRepository).insertMany(dataSource(tasks).manager, [
    {
      userName,
      displayName: '测试人员',
      role,
      jurisdiction: role === 'regulator' ? '150102' : null,
      org: role === 'lab' ? '00000000-0000-4000-8000-000000000001' : null,
      staffNo: null,
      disabled: false,
      passwordHash: await hashPassword(o.password ?? PASSWORD),
      mustChangePassword: o.mustChange ?? false,
    },
  ]);
  return userName;
}

let address = 10;
/** A loopback address no other test signs in from. */
const nextAddress = () => `127.0.0.${++address}`;

type Res = Awaited<ReturnType<NestFastifyApplication['inject']>>;
const cookie = (r: Res, name: string) => r.cookies.find((c) => c.name === name);

function client(app: NestFastifyApplication = tasks, remoteAddress = nextAddress()) {
  const post = (url: string, payload?: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, remoteAddress, headers, ...(payload ? { payload } : {}) });
  return {
    remoteAddress,
    login: (userName: string, password = PASSWORD) =>
      post('/api/v1/auth/login', { userName, password }, { origin: OWN }),
    password: (userName: string, currentPassword: string, newPassword: string) =>
      post('/api/v1/auth/password', { userName, currentPassword, newPassword }, { origin: OWN }),
    refresh: (token: string, headers: Record<string, string> = { origin: OWN }) =>
      post('/api/v1/auth/refresh', undefined, { ...headers, cookie: `spotcheck_refresh=${token}` }),
    logout: (access: string) =>
      post('/api/v1/auth/logout', undefined, { origin: OWN, cookie: `spotcheck_access=${access}` }),
    get: (url: string, access: string) =>
      app.inject({ url, remoteAddress, headers: { cookie: `spotcheck_access=${access}` } }),
    post,
  };
}

const tokensOf = (r: Res) => ({
  access: cookie(r, 'spotcheck_access')!.value,
  refresh: cookie(r, 'spotcheck_refresh')!.value,
});

const audit = async (userName: string) =>
  (
    (await dataSource(tasks).query(
      `SELECT action, detail->>'reason' AS reason FROM audit_log WHERE entity_type = 'account'
        AND entity_id = $1 ORDER BY seq`,
      [userName],
    )) as { action: string; reason: string | null }[]
  ).map((r) => (r.reason ? `${r.action}:${r.reason}` : r.action));

describe('signing in', () => {
  it('sets httpOnly, SameSite=Strict cookies, the refresh one only for its route, and answers who signed in without a token', async () => {
    const name = await account();
    const c = client();
    const r = await c.login(name.toUpperCase());
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      sub: name,
      role: 'regulator',
      jurisdiction: '150102',
      displayName: '测试人员',
    });
    expect(r.body).not.toContain(tokensOf(r).access);
    expect(cookie(r, 'spotcheck_access')).toMatchObject({
      path: '/api/v1',
      httpOnly: true,
      sameSite: 'Strict',
      maxAge: 900,
    });
    expect(cookie(r, 'spotcheck_access')!.secure).toBeFalsy();
    expect(cookie(r, 'spotcheck_refresh')).toMatchObject({
      path: '/api/v1/auth/refresh',
      httpOnly: true,
      sameSite: 'Strict',
    });
    expect(await audit(name)).toEqual(['sign-in']);
  });

  it('marks the cookies Secure behind an https proxy', async () => {
    const name = await account();
    const r = await tasks.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '127.0.0.1',
      headers: {
        host: 'spotcheck.example.gov.cn',
        'x-forwarded-proto': 'https',
        origin: 'https://spotcheck.example.gov.cn',
      },
      payload: { userName: name, password: PASSWORD },
    });
    expect(r.statusCode).toBe(200);
    expect(cookie(r, 'spotcheck_access')!.secure).toBe(true);
    expect(cookie(r, 'spotcheck_refresh')!.secure).toBe(true);
  });

  it('lets the access cookie reach protected routes of every signed-in app, as the account', async () => {
    const name = await account();
    const c = client();
    const { access } = tokensOf(await c.login(name));
    const list = await c.get('/api/v1/enterprises?limit=1', access);
    expect(list.statusCode).toBe(200);
    const me = await client(labs, c.remoteAddress).get('/api/v1/auth/me', access);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ sub: name, role: 'regulator', displayName: '测试人员' });
    expect(me.json().session).toMatch(/^[0-9a-f-]{36}$/);
    // A role the route does not name is refused as with a bearer token.
    const lab = await c.get('/api/v1/lab/receipts', access);
    expect([403, 404]).toContain(lab.statusCode);
  });

  it('refuses a wrong password and an unknown user alike, and audits both', async () => {
    const name = await account();
    const c = client();
    const wrong = await c.login(name, 'not-the-Passw0rd');
    const unknown = await c.login(`${name}-nobody`, PASSWORD);
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({
        code: 'INVALID_CREDENTIALS',
        message: 'user name or password is wrong',
      });
      expect(r.cookies).toEqual([]);
    }
    expect(await audit(name)).toEqual(['sign-in-refused:wrong-password']);
    expect(await audit(`${name}-nobody`)).toEqual(['sign-in-refused:unknown-user']);
  });

  it('names the field of a malformed request', async () => {
    const r = await client().post('/api/v1/auth/login', { userName: 'x' }, { origin: OWN });
    expect(r.statusCode).toBe(400);
    const fields = (r.json().errors as { field: string }[]).map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['password']));
  });
});

describe('a first password', () => {
  it('must be changed before anything else: sign-in says so, the password route signs in with the new one', async () => {
    const name = await account({ mustChange: true });
    const c = client();
    const first = await c.login(name);
    expect(first.statusCode).toBe(403);
    expect(first.json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(first.cookies).toEqual([]);

    const weak = await c.password(name, PASSWORD, 'short1');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      { field: 'newPassword', reason: 'must be at least 10 characters' },
    ]);
    const same = await c.password(name, PASSWORD, PASSWORD);
    expect(same.json().errors).toEqual([
      { field: 'newPassword', reason: 'must differ from the current password' },
    ]);
    const badCurrent = await c.password(name, 'wrong-Passw0rd', 'second-Passw0rd-y');
    expect(badCurrent.statusCode).toBe(401);

    const changed = await c.password(name, PASSWORD, 'second-Passw0rd-y');
    expect(changed.statusCode).toBe(200);
    expect(changed.json().sub).toBe(name);
    const { access } = tokensOf(changed);
    expect((await c.get('/api/v1/auth/me', access)).statusCode).toBe(200);

    expect((await c.login(name)).statusCode).toBe(401);
    expect((await c.login(name, 'second-Passw0rd-y')).statusCode).toBe(200);
    expect(await audit(name)).toEqual([
      'sign-in-refused:password-change-required',
      'sign-in-refused:wrong-password',
      'password-change',
      'sign-in-refused:wrong-password',
      'sign-in',
    ]);
  });
});

describe('the lockout', () => {
  it('locks an account for 15 minutes at the fifth wrong password in a row, even against the right one, and lets it in once the time is past', async () => {
    const name = await account();
    const c = client();
    for (let i = 1; i <= 4; i++)
      expect((await c.login(name, `wrong-Passw0rd-${i}`)).statusCode).toBe(401);
    const fifth = await c.login(name, 'wrong-Passw0rd-5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    const until = new Date(fifth.json().lockedUntil as string).getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    const right = await c.login(name);
    expect(right.statusCode).toBe(423);
    expect(right.cookies).toEqual([]);

    // Fifteen minutes later, as the database sees it.
    await dataSource(tasks).query(
      `UPDATE account SET locked_until = now() - interval '1 second' WHERE user_name = $1`,
      [name],
    );
    expect((await c.login(name)).statusCode).toBe(200);
    const a = await audit(name);
    expect(a.filter((x) => x === 'sign-in-refused:wrong-password')).toHaveLength(5);
    expect(a.slice(5)).toEqual(['lockout', 'sign-in-refused:locked', 'sign-in']);
  });

  it('counts wrong passwords in a row only: a right one starts the count again', async () => {
    const name = await account();
    const c = client();
    for (let i = 0; i < 4; i++) await c.login(name, 'wrong-Passw0rd');
    expect((await c.login(name)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++)
      expect((await c.login(name, 'wrong-Passw0rd')).statusCode).toBe(401);
  });

  it('refuses a disabled account with the right password, and ends its sessions at the next refresh', async () => {
    const name = await account();
    const c = client();
    const { refresh } = tokensOf(await c.login(name));
    await dataSource(tasks).query(`UPDATE account SET disabled = true WHERE user_name = $1`, [
      name,
    ]);
    const r = await c.login(name);
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('ACCOUNT_DISABLED');
    expect((await c.refresh(refresh)).statusCode).toBe(401);
  });
});

describe('the rate limit', () => {
  it('answers 429 with Retry-After once an address has tried 20 times in a minute', async () => {
    const c = client();
    const codes: number[] = [];
    for (let i = 0; i < 20; i++) codes.push((await c.login(`nobody-${RUN}-${i}`)).statusCode);
    expect(new Set(codes)).toEqual(new Set([401]));
    const r = await c.login(`nobody-${RUN}-x`);
    expect(r.statusCode).toBe(429);
    expect(r.json().code).toBe('RATE_LIMITED');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back.
    expect((await client().login(`nobody-${RUN}-y`)).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('rotates the refresh token; using one twice ends the whole session', async () => {
    const name = await account();
    const c = client();
    const first = tokensOf(await c.login(name));
    const r = await c.refresh(first.refresh);
    expect(r.statusCode).toBe(200);
    const second = tokensOf(r);
    expect(second.refresh).not.toBe(first.refresh);
    expect((await c.get('/api/v1/auth/me', second.access)).statusCode).toBe(200);

    const replay = await c.refresh(first.refresh);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('REFRESH_TOKEN_REUSED');
    expect(cookie(replay, 'spotcheck_refresh')).toMatchObject({ value: '', maxAge: 0 });
    // The token handed out meanwhile belongs to the ended family.
    const after = await c.refresh(second.refresh);
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('SESSION_ENDED');
    expect(await audit(name)).toEqual(['sign-in', 'refresh-reuse']);
  });

  it('refuses a refresh without its cookie, or with a token never handed out', async () => {
    const c = client();
    const none = await c.post('/api/v1/auth/refresh', undefined, { origin: OWN });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('REFRESH_TOKEN_MISSING');
    expect((await c.refresh('made-up')).json().code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('signing out ends the session and clears both cookies', async () => {
    const name = await account();
    const c = client();
    const t = tokensOf(await c.login(name));
    const out = await c.logout(t.access);
    expect(out.statusCode).toBe(204);
    for (const n of ['spotcheck_access', 'spotcheck_refresh'])
      expect(cookie(out, n)).toMatchObject({ value: '', maxAge: 0 });
    const r = await c.refresh(t.refresh);
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('SESSION_ENDED');
    expect(await audit(name)).toEqual(['sign-in', 'sign-out']);
    // Again, or without a session: still 204.
    expect((await c.logout(t.access)).statusCode).toBe(204);
  });
});

describe('the Origin of cookie-authenticated writes', () => {
  it("refuses another origin's page and a write that names none; lets the app's own through; bearer clients are not asked", async () => {
    const name = await account();
    const c = client();
    const { access } = tokensOf(await c.login(name));
    const write = (headers: Record<string, string>) =>
      c.post('/api/v1/notifications/read-all', undefined, headers);
    const foreign = await write({
      cookie: `spotcheck_access=${access}`,
      origin: 'https://evil.example',
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ code: 'ORIGIN_REFUSED' });
    expect(foreign.json().message).toContain('https://evil.example');
    const none = await write({ cookie: `spotcheck_access=${access}` });
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe('ORIGIN_REQUIRED');
    expect((await write({ cookie: `spotcheck_access=${access}`, origin: OWN })).statusCode).toBe(
      200,
    );
    expect(
      (await write({ cookie: `spotcheck_access=${access}`, referer: `${OWN}/console/` }))
        .statusCode,
    ).toBe(200);
    const bearer = await c.post('/api/v1/notifications/read-all', undefined, {
      authorization: `Bearer ${token({ sub: name, role: 'regulator', jurisdiction: '150102' })}`,
      origin: 'https://evil.example',
    });
    expect(bearer.statusCode).toBe(200);
    // A read needs no Origin.
    expect((await c.get('/api/v1/notifications', access)).statusCode).toBe(200);
  });

  it('refuses a sign-in from another origin (no signing a victim into one’s own account)', async () => {
    const name = await account();
    const r = await client().post(
      '/api/v1/auth/login',
      { userName: name, password: PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('ORIGIN_REFUSED');
  });
});
