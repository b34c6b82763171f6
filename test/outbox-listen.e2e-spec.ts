import type { INestApplicationContext } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createDataSource, runMigrations } from '@spotcheck/database';
import { OUTBOX_LISTENER_NAME } from '../apps/worker/src/outbox/outbox-listener';
import { OwnPostgres, until } from './support/own-servers';

/**
 * The relay is woken by `LISTEN outbox`. After PostgreSQL restarts, the worker listens again
 * by itself, and says meanwhile on /health/ready that it relays by polling only. Polling is
 * set to a minute here, so a row relayed within seconds was relayed because of a notification.
 */
let pg: OwnPostgres;
let url: string;
let worker: INestApplicationContext;
let health: Server;

beforeAll(async () => {
  pg = await OwnPostgres.start();
  url = await pg.createDatabase('spotcheck');
  const ds = createDataSource(url, 2);
  await ds.initialize();
  await runMigrations(ds);
  await ds.destroy();
  process.env.DATABASE_URL = url;
  process.env.OUTBOX_POLL_MS = '60000';
  // Config is read when the modules load, so they load after the environment is set.
  const { startWorker } = await import('../apps/worker/src/main');
  ({ app: worker, server: health } = await startWorker(0));
}, 120_000);

afterAll(async () => {
  await pg?.start();
  await worker?.close();
  await pg?.destroy();
});

/** One statement on a connection of its own (the test's connections die with the server too). */
async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

async function insertAndAwaitRelay(what: string): Promise<void> {
  const [{ id }] = await sql<{ id: string }>(
    `INSERT INTO outbox (queue, job, payload) VALUES ('directory', 'directory.changed', '{"entity":"catalog","count":0}') RETURNING id::text`,
  );
  await until(
    async () =>
      (
        await sql<{ relayed: boolean }>(
          'SELECT relayed_at IS NOT NULL AS relayed FROM outbox WHERE id = $1',
          [id],
        )
      )[0].relayed,
    what,
    10_000,
  );
}

async function ready(): Promise<{ status: number; body: Record<string, unknown> }> {
  const { port } = health.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('outbox LISTEN', () => {
  it('is re-established after PostgreSQL restarts, and readiness names the fallback meanwhile', async () => {
    await insertAndAwaitRelay('a row inserted at start is relayed on its notification');
    expect((await ready()).body.degraded).toBeUndefined();

    await pg.stop();
    await until(
      async () => (await ready()).body.degraded !== undefined,
      'readiness names the lost LISTEN',
      10_000,
    );
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body.degraded).toEqual({
      outboxListen: { status: 'down', message: expect.stringContaining('relaying by polling') },
    });

    await pg.start();
    await until(async () => {
      const r = await ready();
      return r.status === 200 && r.body.degraded === undefined;
    }, 'readiness is 200 without degradation once PostgreSQL is back');
    const sessions = await sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [OUTBOX_LISTENER_NAME],
    );
    expect(sessions[0].n).toBe(1);
    await insertAndAwaitRelay('a row inserted after the restart is relayed on its notification');
  }, 120_000);
});
