import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Draw, Enterprise, Lab, ProductCategory, SamplingPlan } from '@spotcheck/database';
import { addCalendarDays, chinaDate, chinaDayStart } from '@spotcheck/domain';
import {
  DeadlineNotifier,
  NOTIFY_SWEEP_LOOKBACK_DAYS,
  notifyJobId,
} from '../../../apps/worker/src/notifications/deadline-notifier.service';
import { NotificationRepository } from '../../../apps/worker/src/notifications/notification.repository';
import { makeCategory, makeEnterprise, makeLab } from '../factories';
import { issueVersionOn, makeSampleOn } from '../factories/outcomes';
import { makeDraw, makeSamplingPlan } from '../factories/samples';
import { Medium, medium } from '../support';

/**
 * The deadline notifier against real samples, receipts, reports, notices and Redis: what it
 * raises matches a ground truth this file computes from the histories it writes, once, by the
 * sample's events and delayed jobs as by the sweep. Plans are Bayannur's (150800), which no
 * other test file notifies.
 */
const JURISDICTION = '150800';

/** One sample's history, by day offsets from today (China). */
interface History {
  /** Lab due date (the 5th working day after sampling, as stored). */
  delivery: number;
  arrived: boolean;
  /** Received at the lab with this test due date. */
  testDue: number | null;
  /** Issued versions in order: verdict and the objection deadline of its notice. */
  versions: { verdict: 'pass' | 'fail'; deadline: number }[];
}

interface Built {
  history: History;
  sampleId: string;
  /** (kind, subject) of each deadline, and its due day. */
  deadlines: { kind: string; subject: string; due: string }[];
  /** Whether each is done (no notification ever). */
  done: boolean[];
}

describe('DeadlineNotifier', () => {
  let m: Medium;
  let notifier: DeadlineNotifier;
  let queue: Queue;
  let category: ProductCategory;
  let enterprise: Enterprise;
  let lab: Lab;
  let plan: SamplingPlan;
  let draw: Draw;
  let taskNo = 0;
  const today = chinaDate(new Date());
  const day = (offset: number) => addCalendarDays(today, offset);

  beforeAll(async () => {
    m = await medium(
      [
        BullModule.forRoot({
          connection: { url: process.env.REDIS_URL },
          prefix: process.env.QUEUE_PREFIX,
        }),
        BullModule.registerQueue({ name: 'notifications' }),
      ],
      [NotificationRepository, DeadlineNotifier],
    );
    notifier = m.get(DeadlineNotifier);
    queue = m.module.get<Queue>(getQueueToken('notifications'));
    category = await makeCategory(m.ds, { sector: 'food' });
    enterprise = await makeEnterprise(m.ds, { regionCode: '150802' });
    lab = await makeLab(m.ds);
    plan = await makeSamplingPlan(m.ds, category.code, { jurisdiction: JURISDICTION });
    draw = await makeDraw(m.ds, plan.id);
  });
  afterAll(() => m.close());

  /** Writes a sample with `h`'s history, as the API and the lab would have left it. */
  async function build(h: History): Promise<Built> {
    const sample = await makeSampleOn(m.ds, {
      plan,
      draw,
      taskNo: ++taskNo,
      category,
      enterprise,
      lab,
      stage: 'production',
      regionCode: '150802',
      // The factory stores the lab due date 7 days after sampling.
      samplingDate: day(h.delivery - 7),
    });
    if (h.arrived || h.testDue !== null)
      await m.ds.query('UPDATE sample SET arrived_at = now() WHERE id = $1', [sample.id]);
    if (h.testDue !== null) {
      await m.ds.query(
        `INSERT INTO custody_event (sample_id, seq, kind, state_after, occurred_at, actor,
                                    actor_role, region_code, address)
         VALUES ($1, 1, 'received', 'received', now(), 'medium', 'lab', '150802', '检验所')`,
        [sample.id],
      );
      await m.ds.query(
        `INSERT INTO lab_receipt (sample_id, lab_id, outcome, occurred_at, received_on, condition,
                                  seal_intact, test_due_date, custody_seq, recorded_by)
         VALUES ($1, $2, 'received', now(), $3, '完好', true, $4, 1, 'medium')`,
        [sample.id, lab.id, day(h.testDue - 20), day(h.testDue)],
      );
    }
    let previous: string | null = null;
    const notices: string[] = [];
    for (const [i, v] of h.versions.entries()) {
      previous = await issueVersionOn(m.ds, {
        sample,
        enterprise,
        version: i + 1,
        amends: previous,
        verdict: v.verdict,
        failedItems: v.verdict === 'fail' ? [{ itemCode: 'X1', value: `0.${6 + i}` }] : [],
        issuedOn: day(Math.min(v.deadline - 15, -1)),
        objectionDeadline: day(v.deadline),
      });
      const [n] = (await m.ds.query('SELECT id FROM result_notice WHERE report_id = $1', [
        previous,
      ])) as { id: string }[];
      notices.push(n.id);
    }
    const deadlines: Built['deadlines'] = [];
    const done: boolean[] = [];
    deadlines.push({ kind: 'delivery_overdue', subject: sample.id, due: day(h.delivery) });
    done.push(h.arrived || h.testDue !== null);
    if (h.testDue !== null) {
      deadlines.push({ kind: 'testing_overdue', subject: sample.id, due: day(h.testDue) });
      done.push(h.versions.length > 0);
    }
    // Only the counting (latest) version's window, and only when it failed.
    const last = h.versions.at(-1);
    if (last?.verdict === 'fail') {
      deadlines.push({
        kind: 'objection_closed',
        subject: notices.at(-1)!,
        due: day(last.deadline),
      });
      done.push(false);
    }
    return { history: h, sampleId: sample.id, deadlines, done };
  }

  /** The ground truth: passed and not done, optionally only those due since `since`. */
  const expected = (built: Built[], since?: string) =>
    built
      .flatMap((b) => b.deadlines.filter((d, i) => !b.done[i] && d.due < today))
      .filter((d) => since === undefined || d.due >= since)
      .map((d) => `${d.kind} ${d.subject}`)
      .sort();

  const raisedFor = async (built: Built[]) =>
    (
      (await m.ds.query(`SELECT kind, subject FROM notification WHERE subject = ANY($1::text[])`, [
        built.flatMap((b) => b.deadlines.map((d) => d.subject)),
      ])) as { kind: string; subject: string }[]
    )
      .map((r) => `${r.kind} ${r.subject}`)
      .sort();

  it('raises what is due to the plan’s regulators, once, and schedules the rest by its day', async () => {
    const late = await build({ delivery: -2, arrived: false, testDue: null, versions: [] });
    const soon = await build({ delivery: 3, arrived: false, testDue: null, versions: [] });
    const dueToday = await build({ delivery: 0, arrived: false, testDue: null, versions: [] });

    const r = await notifier.decideAndSchedule([late.sampleId, soon.sampleId, dueToday.sampleId]);
    expect(r.raised.map((x) => `${x.kind} ${x.subject}`)).toEqual([
      `delivery_overdue ${late.sampleId}`,
    ]);
    const [row] = (await m.ds.query(
      `SELECT audience, jurisdiction, addressee, due_on::text AS "dueOn", detail
         FROM notification WHERE subject = $1`,
      [late.sampleId],
    )) as Record<string, unknown>[];
    expect(row).toMatchObject({
      audience: 'regulator',
      jurisdiction: JURISDICTION,
      addressee: null,
      dueOn: day(-2),
      detail: { dueDate: day(-2), planCode: plan.code },
    });

    // The due day itself is in time: its job runs at the start of the next day, in China.
    for (const b of [soon, dueToday]) {
      const [w] = r.upcoming.filter((u) => u.sampleId === b.sampleId);
      const job = await queue.getJob(notifyJobId(w));
      expect(job).toMatchObject({ name: 'notification.due', data: { sampleId: b.sampleId } });
      const at = job!.timestamp + job!.opts.delay!;
      expect(Math.abs(at - chinaDayStart(day(b.history.delivery + 1)).getTime())).toBeLessThan(
        60_000,
      );
    }

    // Again: nothing more is raised, and the same jobs are not added twice.
    const again = await notifier.decideAndSchedule([late.sampleId, soon.sampleId]);
    expect(again.raised).toEqual([]);
    const ids = (await queue.getDelayed()).map((j) => j.id);
    expect(ids.filter((id) => id?.includes(soon.sampleId))).toHaveLength(1);

    // When its day comes (the job runs then), it is raised.
    const raisedOnTheDay = await notifier.decide([soon.sampleId], chinaDayStart(day(4)));
    expect(raisedOnTheDay.raised.map((x) => x.kind)).toEqual(['delivery_overdue']);
  });

  it('raises by the sweep exactly what the histories say, once, within its look-back', async () => {
    // Histories around today: deliveries, tests and objection windows due before, on and after
    // today, done or not, failing results amended (or not) to a pass.
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const offset = () => [-45, -32, -20, -3, -1, 0, 1, 4][rand(8)];
    const built: Built[] = [
      // A failing result amended: only the counting version's window is watched.
      await build({
        delivery: -30,
        arrived: true,
        testDue: -20,
        versions: [
          { verdict: 'fail', deadline: -3 },
          { verdict: 'pass', deadline: 5 },
        ],
      }),
      await build({
        delivery: -30,
        arrived: true,
        testDue: -20,
        versions: [
          { verdict: 'fail', deadline: -3 },
          { verdict: 'fail', deadline: 5 },
        ],
      }),
    ];
    for (let i = 0; i < 36; i++) {
      const stage = rand(4); // 0 on the way, 1 arrived, 2 received, 3 reported
      const versions: History['versions'] = [];
      if (stage === 3)
        for (let v = 0, n = 1 + rand(2); v < n; v++)
          versions.push({ verdict: rand(3) === 0 ? 'pass' : 'fail', deadline: offset() });
      built.push(
        await build({
          delivery: offset(),
          arrived: stage >= 1,
          testDue: stage >= 2 ? offset() : null,
          versions,
        }),
      );
    }
    const since = day(-NOTIFY_SWEEP_LOOKBACK_DAYS);
    const want = expected(built, since);
    expect(want.length).toBeGreaterThan(5);

    // The sweep's query finds exactly the samples with something to raise (none it would only
    // read again at every sweep), and after the sweep none of them.
    const repo = m.get(NotificationRepository);
    const mine = new Set(built.map((b) => b.sampleId));
    const candidates = async () =>
      (await repo.due(m.ds.manager, today, since, null, 100_000)).filter((id) => mine.has(id));
    const withDue = built
      .filter((b) => b.deadlines.some((d, i) => !b.done[i] && d.due < today && d.due >= since))
      .map((b) => b.sampleId);
    expect((await candidates()).sort()).toEqual(withDue.sort());

    await notifier.sweep();
    expect(await raisedFor(built)).toEqual(want);
    expect(await candidates()).toEqual([]);
    // A second sweep finds nothing more of these (others' samples are not this test's).
    const before = await raisedFor(built);
    await notifier.sweep();
    expect(await raisedFor(built)).toEqual(before);

    // The samples' own jobs also raise what the look-back left out: the whole truth, once.
    await notifier.decideAndSchedule(built.map((b) => b.sampleId));
    await notifier.decideAndSchedule(built.map((b) => b.sampleId));
    expect(await raisedFor(built)).toEqual(expected(built));
    const [{ n }] = (await m.ds.query(
      `SELECT count(*)::int AS n FROM notification WHERE subject = ANY($1::text[])`,
      [built.flatMap((b) => b.deadlines.map((d) => d.subject))],
    )) as { n: number }[];
    expect(n).toBe(expected(built).length);

    // Each deadline still to come, and not done, has its delayed job.
    let upcoming = 0;
    for (const b of built)
      for (const [i, d] of b.deadlines.entries()) {
        if (b.done[i] || d.due < today) continue;
        const id = `notify-${d.kind}-${d.subject}-${addCalendarDays(d.due, 1)}`;
        expect([id, (await queue.getJob(id))?.name]).toEqual([id, 'notification.due']);
        upcoming++;
      }
    expect(upcoming).toBeGreaterThan(3);
  });
});
