import { DataSource } from 'typeorm';
import { createDataSource } from '@spotcheck/database';
import { idempotent, sha256Hex } from '@spotcheck/common';

/** The idempotency helper against real PostgreSQL: once per key, also for concurrent copies. */
let ds: DataSource;
const run = `${process.pid}-${Date.now()}`;

beforeAll(async () => {
  ds = createDataSource(process.env.DATABASE_URL as string, 6);
  await ds.initialize();
  // A scratch table outside schema public, which holds only the migrations' tables.
  await ds.query(`CREATE SCHEMA IF NOT EXISTS scratch`);
  await ds.query(`CREATE TABLE IF NOT EXISTS scratch.idem_effect (key text, n int)`);
});
afterAll(async () => {
  await ds.query(`DROP TABLE IF EXISTS scratch.idem_effect`);
  await ds.destroy();
});

const body = (n: number) => sha256Hex(JSON.stringify({ n }));
async function write(key: string | undefined, n: number, delayMs = 0) {
  return idempotent(ds, { scope: `test:${run}`, key, requestSha256: body(n) }, async (m) => {
    await m.query(`INSERT INTO scratch.idem_effect (key, n) VALUES ($1, $2)`, [key ?? 'none', n]);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    return { status: 201, body: { wrote: n, at: Date.now() } };
  });
}
const effects = async (key: string) =>
  (
    (await ds.query(`SELECT count(*)::int AS c FROM scratch.idem_effect WHERE key = $1`, [
      key,
    ])) as {
      c: number;
    }[]
  )[0].c;

describe('idempotent()', () => {
  it('runs a write once and replays its answer to a retry', async () => {
    const first = await write('k1', 1);
    const again = await write('k1', 1);
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await effects('k1')).toBe(1);
  });

  it('gives two concurrent copies one write and the same answer', async () => {
    const [a, b] = await Promise.all([write('k2', 2, 150), write('k2', 2, 150)]);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(a.body).toEqual(b.body);
    expect(await effects('k2')).toBe(1);
  });

  it('refuses a key reused for another body', async () => {
    await write('k3', 3);
    await expect(write('k3', 4)).rejects.toMatchObject({
      response: { code: 'IDEMPOTENCY_KEY_REUSED' },
    });
    expect(await effects('k3')).toBe(1);
  });

  it('keeps nothing of a failed write, so a retry runs again', async () => {
    const failing = idempotent(
      ds,
      { scope: `test:${run}`, key: 'k4', requestSha256: body(5) },
      async (m) => {
        await m.query(`INSERT INTO scratch.idem_effect (key, n) VALUES ('k4', 5)`);
        throw new Error('boom');
      },
    );
    await expect(failing).rejects.toThrow('boom');
    expect(await effects('k4')).toBe(0);
    expect((await write('k4', 5)).replayed).toBe(false);
    expect(await effects('k4')).toBe(1);
  });

  it('names the header when the key is malformed, and runs without a key each time', async () => {
    await expect(write('bad key', 6)).rejects.toMatchObject({
      response: { errors: [{ field: 'Idempotency-Key', reason: expect.any(String) }] },
    });
    await write(undefined, 7);
    await write(undefined, 7);
    expect(await effects('none')).toBe(2);
  });
});
