import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWTPayload } from 'jose';
import { REGULATOR_HOHHOT, bootHttp, token } from './support/app';

/**
 * A province's single sign-on: bearer tokens of the identity provider OIDC_ISSUER names,
 * verified against its JWKS (found through its discovery document) and mapped to Spotcheck's
 * claims. The provider here is this test: it makes its keys with jose and serves the discovery
 * document and the JWKS on a loopback port.
 */
let provider: Server;
let issuer: string;
let key: CryptoKey;
let otherKey: CryptoKey;
let app: NestFastifyApplication;
let jwksRequests = 0;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: 'nm-1', alg: 'RS256', use: 'sig' };
  otherKey = (await generateKeyPair('RS256')).privateKey;
  provider = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/realms/nm/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs` }));
    } else if (req.url === '/realms/nm/protocol/openid-connect/certs') {
      jwksRequests++;
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/realms/nm`;
  // The app's configuration reads the environment when its module loads; this file's copy.
  Object.assign(process.env, {
    OIDC_ISSUER: issuer,
    OIDC_AUDIENCE: 'spotcheck',
    OIDC_ROLE_CLAIM: 'realm_access.roles',
    OIDC_ROLE_MAP: 'scjg_inspector=regulator,jyjg=lab',
    OIDC_JURISDICTION_CLAIM: 'region_code',
    OIDC_STAFF_NO_CLAIM: 'staff_no',
    AUTH_PASSWORD_SIGN_IN: 'false',
  });
  const { InspectionTasksModule } = await import('../apps/inspection-tasks/src/app.module');
  app = await bootHttp(InspectionTasksModule, 'inspection-tasks');
});
afterAll(async () => {
  await app?.close();
  await new Promise((r) => provider?.close(r));
});

let jwk: Record<string, unknown>;

/** A token of the provider, signed with its key unless told otherwise. */
async function idToken(
  claims: JWTPayload,
  o: { key?: CryptoKey; alg?: string; aud?: string; exp?: string | number; iss?: string } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: o.alg ?? 'RS256', kid: 'nm-1' })
    .setIssuer(o.iss ?? issuer)
    .setAudience(o.aud ?? 'spotcheck')
    .setSubject(String(claims.sub ?? 'zhang.san@nm'))
    .setIssuedAt()
    .setExpirationTime(o.exp ?? '10m')
    .sign(o.key ?? key);
}

const INSPECTOR = {
  sub: 'zhang.san@nm',
  name: '张三',
  realm_access: { roles: ['offline_access', 'scjg_inspector'] },
  region_code: '150102',
  staff_no: 'NM-150102-0007',
};

const call = (t: string, url = '/api/v1/auth/me') =>
  app.inject({ url, headers: { authorization: `Bearer ${t}` } });

describe('bearer tokens of the identity provider', () => {
  it("are verified against the provider's JWKS and mapped to role, jurisdiction, staff number and name", async () => {
    const r = await call(await idToken(INSPECTOR));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      sub: 'zhang.san@nm',
      role: 'regulator',
      jurisdiction: '150102',
      org: null,
      staffNo: 'NM-150102-0007',
      displayName: '张三',
      session: null,
    });
    expect((await call(await idToken(INSPECTOR), '/api/v1/enterprises?limit=1')).statusCode).toBe(
      200,
    );
    // The keys are fetched once and kept.
    await call(await idToken(INSPECTOR));
    expect(jwksRequests).toBe(1);
  });

  it('take a role the provider names as it is, and refuse a token whose role maps to none', async () => {
    const admin = await call(await idToken({ sub: 'root@nm', realm_access: { roles: ['admin'] } }));
    expect(admin.json().role).toBe('admin');
    const none = await call(await idToken({ sub: 'x@nm', realm_access: { roles: ['viewer'] } }));
    expect(none.statusCode).toBe(401);
    expect(none.json().message).toBe(
      "the identity provider's token does not fit: claim role must be one of regulator, lab, enterprise, admin",
    );
  });

  it("refuse what the provider's keys and settings do not vouch for", async () => {
    const refusals: [string, string][] = [
      [
        await idToken(INSPECTOR, { aud: 'another-app' }),
        'invalid token: unexpected "aud" claim value',
      ],
      [await idToken(INSPECTOR, { exp: Math.floor(Date.now() / 1000) - 60 }), 'token expired'],
      [await idToken(INSPECTOR, { key: otherKey }), 'invalid token: signature verification failed'],
      [
        await idToken({ ...INSPECTOR, region_code: undefined }),
        "the identity provider's token does not fit: claim jurisdiction is required for regulators",
      ],
    ];
    for (const [t, message] of refusals) {
      const r = await call(t);
      expect(r.statusCode).toBe(401);
      expect(r.json().message).toBe(message);
    }
    // A token claiming the provider but signed with a shared secret is not the provider's.
    const hs = await new SignJWT(INSPECTOR)
      .setProtectedHeader({ alg: 'HS256', kid: 'nm-1' })
      .setIssuer(issuer)
      .setAudience('spotcheck')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('s'.repeat(40)));
    const r = await call(hs);
    expect(r.statusCode).toBe(401);
    expect(r.json().message).toMatch(/^invalid token: .*alg/);
  });

  it("leave Spotcheck's own tokens working", async () => {
    expect((await call(token(REGULATOR_HOHHOT))).json()).toMatchObject({
      sub: REGULATOR_HOHHOT.sub,
      jurisdiction: '150100',
    });
  });
});

describe('with single sign-on replacing passwords (AUTH_PASSWORD_SIGN_IN=false)', () => {
  it('refuses signing in and changing a password, saying where to sign in instead', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { userName: 'anyone', password: 'any-Passw0rd-1' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'PASSWORD_SIGN_IN_OFF' });
    expect(r.json().message).toContain('single sign-on');
    const change = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { userName: 'anyone', currentPassword: 'x', newPassword: 'any-Passw0rd-12' },
    });
    expect(change.json().code).toBe('PASSWORD_SIGN_IN_OFF');
  });
});
