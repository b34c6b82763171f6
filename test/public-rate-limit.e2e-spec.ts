import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@spotcheck/common';

/**
 * The public portal limits each client address, as it runs in production (main.ts's options):
 * past PUBLIC_RATE_LIMIT_PER_MINUTE a 429 with Retry-After, other clients unaffected, health
 * checks never counted.
 */
let app: NestFastifyApplication;
const before = process.env.PUBLIC_RATE_LIMIT_PER_MINUTE;

beforeAll(async () => {
  process.env.PUBLIC_RATE_LIMIT_PER_MINUTE = '5';
  // Config is read when the module loads, so it loads after the environment is set.
  const { PublicPortalModule } = await import('../apps/public-portal/src/app.module');
  const { PUBLIC_PORTAL } = await import('../apps/public-portal/src/main');
  app = await createHttpApp(PublicPortalModule, { ...PUBLIC_PORTAL, defaultPort: 0 });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
});
afterAll(async () => {
  await app.close();
  if (before === undefined) delete process.env.PUBLIC_RATE_LIMIT_PER_MINUTE;
  else process.env.PUBLIC_RATE_LIMIT_PER_MINUTE = before;
});

const from = (remoteAddress: string, url = '/api/v1/public/draws') =>
  app.inject({ method: 'GET', url, remoteAddress });

describe('public rate limit', () => {
  it('answers 429 with Retry-After past the limit, per client, and never for health', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await from('10.9.0.1')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await from('10.9.0.1');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect((await from('10.9.0.2')).statusCode).toBe(200);
    expect((await from('10.9.0.1', '/health/live')).statusCode).toBe(200);
  });

  it('limits the search, the count and permalinks alike, and a 429 is never cached', async () => {
    const urls = [
      '/api/v1/public/results?q=乳业',
      '/api/v1/public/results/count?count=brand',
      '/api/v1/public/results/00000000-0000-4000-8000-000000000000/failed/1',
    ];
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await from('10.9.0.4', encodeURI(urls[i % 3]))).statusCode);
    expect(statuses).toEqual([200, 200, 404, 200, 200, 429]);
    const limited = await from('10.9.0.4', encodeURI(urls[0]));
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['cache-control']).toBe('no-store');
  });

  it('counts the connecting address, not an X-Forwarded-For an untrusted client writes', async () => {
    const spoofed = (i: number) =>
      app.inject({
        method: 'GET',
        url: '/api/v1/public/draws',
        remoteAddress: '10.9.0.3',
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await spoofed(i)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
