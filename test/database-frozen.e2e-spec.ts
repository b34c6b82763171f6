import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '@spotcheck/database';
import { ADMIN, REGULATOR_HOHHOT, bearer, bootHttp } from './support/app';
import { OwnPostgres } from './support/own-servers';

/**
 * A PostgreSQL that hangs (a frozen machine, a network that drops packets) refuses nothing:
 * connections and queries simply get no answer. Requests must still end, with 503 and
 * Retry-After, within the pool's timeouts, not hang; and once the server answers again a
 * request that was told 503 must not have been written after all (a connection left behind
 * in a half-finished transaction would commit it with someone else's). The app runs against a
 * cluster of this file's own, which it freezes (SIGSTOP) and thaws (SIGCONT).
 */
const CONNECT_TIMEOUT_MS = 1000;
const ANSWER_CHECK_MS = 2000;
/** A request that takes longer has hung: past both timeouts, with room for a slow machine. */
const HUNG_MS = 4 * (CONNECT_TIMEOUT_MS + ANSWER_CHECK_MS);

let pg: OwnPostgres;
let url: string;
let app: NestFastifyApplication;

beforeAll(async () => {
  pg = await OwnPostgres.start();
  url = await pg.createDatabase('spotcheck');
  const ds = createDataSource(url, 2);
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_SIZE = '3';
  process.env.DATABASE_CONNECT_TIMEOUT_MS = String(CONNECT_TIMEOUT_MS);
  process.env.DATABASE_ANSWER_CHECK_MS = String(ANSWER_CHECK_MS);
  // Config is read when the modules load, so they load after the environment is set.
  const { InspectionTasksModule } = await import('../apps/inspection-tasks/src/app.module');
  app = await bootHttp(InspectionTasksModule);
}, 120_000);

afterAll(async () => {
  if (pg?.running) pg.thaw();
  await app?.close();
  await pg?.destroy();
});

let written = 0;
const write = () =>
  app.inject({
    method: 'POST',
    url: '/api/v1/catalog/categories',
    headers: bearer(ADMIN),
    payload: { code: `FROZEN-${++written}`, name: '冻结', sector: 'food', items: [] },
  });
const read = () =>
  app.inject({
    method: 'GET',
    url: '/api/v1/enterprises?limit=5',
    headers: bearer(REGULATOR_HOHHOT),
  });

/** The request's answer, or 'hung' once it has taken HUNG_MS. */
const within = async <T>(request: Promise<T>): Promise<T | 'hung'> => {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), HUNG_MS);
  });
  try {
    return await Promise.race([request, hung]);
  } finally {
    clearTimeout(timer);
  }
};

/** Category codes as another session sees them: committed rows only. */
async function committedCodes(): Promise<string[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ code: string }>(
      `SELECT code FROM product_category WHERE code LIKE 'FROZEN-%'`,
    );
    return rows.map((r) => r.code).sort();
  } finally {
    await c.end();
  }
}

describe('a slow statement', () => {
  it('goes on past the answer check while the server answers', async () => {
    const seconds = (2.5 * ANSWER_CHECK_MS) / 1000;
    await expect(app.get(DataSource).query('SELECT pg_sleep($1)', [seconds])).resolves.toEqual([
      { pg_sleep: '' },
    ]);
  }, 30_000);
});

describe('while PostgreSQL is frozen', () => {
  it('answers 503 with Retry-After within the timeouts, and writes nothing it refused', async () => {
    // Every pooled connection in use once, so the pool holds idle connections to the server.
    const warm = await Promise.all([read(), read(), write()]);
    expect(warm.map((r) => r.statusCode)).toEqual([200, 200, 201]);

    pg.freeze();
    const codes: string[] = [];
    // More requests than connections: some take an idle connection and wait for an answer,
    // the others wait for a connection, or open a new one the server never accepts.
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => {
        if (i % 2 === 1) return within(read());
        codes.push(`FROZEN-${written + 1}`);
        return within(write());
      }),
    );
    for (const res of answers) {
      expect(res).not.toBe('hung');
      if (res === 'hung') continue;
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    }

    pg.thaw();
    // Back without a restart of the app; what it now writes is committed, what it refused is not.
    const after: number[] = [];
    for (let i = 0; i < 6; i++) {
      after.push((await write()).statusCode);
      after.push((await read()).statusCode);
    }
    expect(after).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 201 : 200)));
    const committed = await committedCodes();
    expect(committed.filter((c) => codes.includes(c))).toEqual([]);
    expect(committed).toHaveLength(1 + 6);
  }, 120_000);
});
