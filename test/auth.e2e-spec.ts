import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sign } from 'jsonwebtoken';
import { DEV_JWT_SECRET, validateEnv } from '@spotcheck/common';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { REGULATOR_HOHHOT, bootHttp, token } from './support/app';

let app: NestFastifyApplication;
beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
});
afterAll(() => app.close());

const get = (authorization?: string) =>
  app.inject({ url: '/api/v1/enterprises', headers: authorization ? { authorization } : {} });

describe('bearer tokens', () => {
  it('accepts a valid token', async () => {
    expect((await get(`Bearer ${token(REGULATOR_HOHHOT)}`)).statusCode).toBe(200);
  });

  it('rejects a missing token', async () => {
    const res = await get();
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('missing bearer token');
  });

  it('rejects an expired token', async () => {
    const expired = sign(
      { role: 'regulator', jurisdiction: '150100', exp: Math.floor(Date.now() / 1000) - 60 },
      DEV_JWT_SECRET,
      {
        subject: 'x',
        issuer: 'spotcheck',
      },
    );
    const res = await get(`Bearer ${expired}`);
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('token expired');
  });

  it('rejects a token that never expires (no exp claim)', async () => {
    const forever = sign({ role: 'regulator', jurisdiction: '150100' }, DEV_JWT_SECRET, {
      subject: 'x',
      issuer: 'spotcheck',
    });
    const res = await get(`Bearer ${forever}`);
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('invalid token: claim exp is missing (tokens must expire)');
  });

  it('rejects a token signed with another secret', async () => {
    const forged = token(REGULATOR_HOHHOT, { secret: 'x'.repeat(40) });
    const res = await get(`Bearer ${forged}`);
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('invalid signature');
  });

  it('rejects alg=none and claims that do not fit the role', async () => {
    const none = sign({ role: 'admin' }, '', {
      algorithm: 'none',
      subject: 'x',
      issuer: 'spotcheck',
    });
    expect((await get(`Bearer ${none}`)).statusCode).toBe(401);
    const noJurisdiction = sign({ role: 'regulator' }, DEV_JWT_SECRET, {
      subject: 'x',
      issuer: 'spotcheck',
      expiresIn: 60,
    });
    const res = await get(`Bearer ${noJurisdiction}`);
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('claim jurisdiction is required for regulators');
  });

  it('answers 403 to a role that may not use the route', async () => {
    const lab = token({ sub: 'l', role: 'lab', org: '00000000-0000-0000-0000-000000000000' });
    expect((await get(`Bearer ${lab}`)).statusCode).toBe(403);
  });

  it('keeps health checks public', async () => {
    const res = await app.inject({ url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json().info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });
});

describe('configuration', () => {
  it('refuses to start in production with the development JWT secret', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/development secret/);
    expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(48) })).not.toThrow();
  });

  it('names every invalid setting', () => {
    expect(() => validateEnv({ DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ URL[\s\S]*JWT_SECRET must be at least 32 characters/,
    );
  });
});
