import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { addCalendarDays, chinaDate } from '@spotcheck/domain';
import { enqueue } from '@spotcheck/queue';
import { notifyJobId } from '../apps/worker/src/notifications/deadline-notifier.service';
import { makeCategory, makeEnterprise, makeLab } from './medium/factories';
import { makeSampleOn } from './medium/factories/outcomes';
import { makeDraw, makeSamplingPlan } from './medium/factories/samples';
import { until } from './support/own-servers';

/**
 * The running worker raises deadline notifications: from a sample's outbox event at once when
 * its deadline has passed, by a delayed job with a deterministic id when it is still to come,
 * and by the sweep when the job was lost (Redis forgot it) or never made. Plans are Bayannur's
 * (150800), which no other test file notifies.
 */
let worker: INestApplicationContext;
let ds: DataSource;
let notifications: Queue;
let outcomes: Queue;

beforeAll(async () => {
  process.env.OUTBOX_POLL_MS = '100';
  const { startWorker } = await import('../apps/worker/src/main');
  worker = (await startWorker(0)).app;
  ds = worker.get(DataSource);
  const opts = { connection: { url: process.env.REDIS_URL }, prefix: process.env.QUEUE_PREFIX };
  notifications = new Queue('notifications', opts);
  outcomes = new Queue('outcomes', opts);
}, 60_000);
afterAll(async () => {
  await notifications?.close();
  await outcomes?.close();
  await worker?.close();
});

const today = chinaDate(new Date());

async function samplesDue(...deliveryOffsets: number[]) {
  const category = await makeCategory(ds);
  const enterprise = await makeEnterprise(ds, { regionCode: '150802' });
  const lab = await makeLab(ds);
  const plan = await makeSamplingPlan(ds, category.code, { jurisdiction: '150800' });
  const draw = await makeDraw(ds, plan.id);
  const out = [];
  for (const [i, offset] of deliveryOffsets.entries())
    out.push(
      await makeSampleOn(ds, {
        plan,
        draw,
        taskNo: i + 1,
        category,
        enterprise,
        lab,
        stage: 'production',
        regionCode: '150802',
        // The factory stores the lab due date 7 days after sampling.
        samplingDate: addCalendarDays(today, offset - 7),
      }),
    );
  return out;
}

const notified = async (subject: string) =>
  (await ds.query(`SELECT kind, audience, jurisdiction FROM notification WHERE subject = $1`, [
    subject,
  ])) as { kind: string; audience: string; jurisdiction: string }[];

describe('deadline notifications in the worker', () => {
  it('raises a passed deadline from the outbox, and gives one to come its delayed job', async () => {
    const [late, soon] = await samplesDue(-1, 2);
    await enqueue(ds.manager, 'sample.deadlines', { sampleIds: [late.id, soon.id] });
    await until(async () => (await notified(late.id)).length === 1, 'the overdue one is raised');
    expect(await notified(late.id)).toEqual([
      { kind: 'delivery_overdue', audience: 'regulator', jurisdiction: '150800' },
    ]);
    const id = notifyJobId({
      kind: 'delivery_overdue',
      subject: soon.id,
      dueDate: addCalendarDays(today, 2),
      raiseOn: addCalendarDays(today, 3),
    });
    await until(async () => (await notifications.getJob(id)) !== undefined, 'the delayed job');
    expect(await (await notifications.getJob(id))!.getState()).toBe('delayed');
    expect(await notified(soon.id)).toEqual([]);
  }, 60_000);

  it('raises by the sweep what no job raised: the job lost with Redis, or never made', async () => {
    const [lost, neverScheduled] = await samplesDue(-2, -3);
    // Its delayed job was made, then Redis lost it before it ran.
    await notifications.add(
      'notification.due',
      { sampleId: lost.id },
      { jobId: `lost-${lost.id}`, delay: 3_600_000 },
    );
    await (await notifications.getJob(`lost-${lost.id}`))!.remove();
    // The sweep, as its job scheduler runs it.
    await outcomes.add('outcome.sweep', {});
    await until(
      async () =>
        (await notified(lost.id)).length === 1 && (await notified(neverScheduled.id)).length === 1,
      'the sweep raised both',
      30_000,
    );
    // Once: another sweep raises nothing more.
    await outcomes.add('outcome.sweep', {}, { jobId: `sweep-again-${lost.id}` });
    await until(
      async () =>
        (await (await outcomes.getJob(`sweep-again-${lost.id}`))?.getState()) === 'completed',
      'the second sweep ran',
      30_000,
    );
    expect(await notified(lost.id)).toHaveLength(1);
    expect(await notified(neverScheduled.id)).toHaveLength(1);
  }, 60_000);
});
