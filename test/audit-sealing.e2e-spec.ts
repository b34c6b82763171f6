import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { recordAudit } from '@spotcheck/common';
import { OwnRedis, until } from './support/own-servers';

/**
 * The worker seals the audit chain on a BullMQ job scheduler, which lives in Redis. A Redis
 * that restarts without its data forgets it; the worker must set it up again by itself.
 */
let redis: OwnRedis;
let worker: INestApplicationContext;
let ds: DataSource;
let queue: Queue;

beforeAll(async () => {
  redis = await OwnRedis.start();
  process.env.REDIS_URL = redis.url;
  process.env.AUDIT_SEAL_EVERY_MS = '200';
  // Config is read when the modules load, so they load after the environment is set.
  const { startWorker } = await import('../apps/worker/src/main');
  worker = (await startWorker(0)).app;
  ds = worker.get(DataSource);
  queue = new Queue('audit', { connection: { url: redis.url }, prefix: process.env.QUEUE_PREFIX });
  queue.on('error', () => undefined);
}, 60_000);

afterAll(async () => {
  // Closing BullMQ needs a Redis that answers.
  await redis?.start();
  await queue?.close();
  await worker?.close();
  await redis?.stop();
});

let n = 0;
/** Writes one audit row and answers its sequence number. */
async function writeAuditRow(): Promise<string> {
  const entityId = `seal-${process.pid}-${++n}`;
  await ds.transaction((m) =>
    recordAudit(m, { sub: 'sealing-test', role: 'admin' }, [
      { action: 'update', entityType: 'lab', entityId, after: { n } },
    ]),
  );
  const [row] = (await ds.query('SELECT seq::text FROM audit_log WHERE entity_id = $1', [
    entityId,
  ])) as { seq: string }[];
  return row.seq;
}
const sealed = async (seq: string) =>
  (
    (await ds.query('SELECT chain_pos IS NOT NULL AS sealed FROM audit_log WHERE seq = $1', [
      seq,
    ])) as { sealed: boolean }[]
  )[0].sealed;

describe('audit sealing', () => {
  it('seals new rows again after Redis restarts empty, without a worker restart', async () => {
    const before = await writeAuditRow();
    await until(() => sealed(before), 'a row written before the restart is sealed', 20_000);
    expect(await queue.getJobScheduler('audit-seal')).toBeDefined();

    await redis.stop();
    await redis.start();

    await until(
      async () => (await queue.getJobScheduler('audit-seal')) !== undefined,
      'the audit-seal scheduler exists again',
      20_000,
    );
    const after = await writeAuditRow();
    await until(() => sealed(after), 'a row written after the restart is sealed', 20_000);
  }, 90_000);
});
