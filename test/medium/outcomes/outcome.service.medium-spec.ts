import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ResultNotice, SampleOutcome } from '@spotcheck/database';
import { addCalendarDays, chinaDayStart } from '@spotcheck/domain';
import { ReportService } from '../../../apps/lab-results/src/reports/report.service';
import { ReportsModule } from '../../../apps/lab-results/src/reports/reports.module';
import { OutcomeRepository } from '../../../apps/worker/src/outcomes/outcome.repository';
import { OutcomeService, deadlineJobId } from '../../../apps/worker/src/outcomes/outcome.service';
import { makeSampleAtLab, makeStaffedLab } from '../factories/labs';
import { Medium, medium, unique } from '../support';

/**
 * The outcome keeper against real reports, notices and Redis: issue, deadline, amendment,
 * sweep; each decision taken twice changes nothing more.
 */
describe('OutcomeService', () => {
  let m: Medium;
  let reports: ReportService;
  let outcomes: OutcomeService;
  let queue: Queue;
  beforeAll(async () => {
    m = await medium(
      [
        ReportsModule,
        BullModule.forRoot({
          connection: { url: process.env.REDIS_URL },
          prefix: process.env.QUEUE_PREFIX,
        }),
        BullModule.registerQueue({ name: 'outcomes' }),
      ],
      [OutcomeRepository, OutcomeService],
    );
    reports = m.get(ReportService);
    outcomes = m.get(OutcomeService);
    queue = m.module.get<Queue>(getQueueToken('outcomes'));
  });
  afterAll(() => m.close());

  type Staffed = Awaited<ReturnType<typeof makeStaffedLab>>;

  /** Runs a draft through the four-eyes chain to issued. */
  async function issue(s: Staffed, id: string) {
    await reports.transition(s.tester, id, { event: 'submit' });
    await reports.transition(s.reviewer, id, { event: 'review' });
    return reports.transition(s.signatory, id, { event: 'issue' });
  }

  /** A food sample at a staffed lab with an issued report measuring `value` (limit ≤ 0.5). */
  async function issued(value: string) {
    const s = await makeStaffedLab(m.ds);
    const { sample } = await makeSampleAtLab(m.ds, s.lab, { received: { by: s.tester.sub } });
    const draft = await reports.create(s.tester, {
      sampleNo: sample.sampleNo,
      reportNo: unique('JC'),
      items: [{ itemCode: 'X1', value }],
    });
    const report = await issue(s, draft.id);
    return { ...s, sample, report };
  }

  async function amend(s: Staffed, id: string, value: string) {
    const draft = await reports.amend(s.tester, id, '数值更正');
    await reports.putItems(s.tester, draft.id, { items: [{ itemCode: 'X1', value }] });
    return issue(s, draft.id);
  }

  const stored = (sampleId: string) =>
    m.ds.getRepository(SampleOutcome).findOneByOrFail({ sampleId });
  const deadlineOf = async (reportId: string) =>
    (await m.ds.getRepository(ResultNotice).findOneByOrFail({ reportId })).objectionDeadline;

  it('a pass is final when issued; deciding again changes nothing', async () => {
    const { sample } = await issued('0.3');
    const first = await outcomes.decide([sample.id]);
    expect(first.changed).toEqual([
      { sampleId: sample.id, outcome: 'pass', basis: 'pass_issued', revision: 1 },
    ]);
    expect(first.due).toEqual([]);
    expect(await outcomes.decide([sample.id])).toEqual({ changed: [], due: [] });
    expect(await stored(sample.id)).toMatchObject({
      outcome: 'pass',
      verdict: 'pass',
      basis: 'pass_issued',
      version: 1,
      revision: 1,
      decidesAt: null,
      stage: 'production',
      regionCode: '150102',
      jurisdiction: '150100',
      sector: 'food',
    });
  });

  it('a fail waits for its objection deadline, with a delayed job for the day after', async () => {
    const { sample, report } = await issued('0.8');
    const deadline = await deadlineOf(report.id);
    const finalOn = addCalendarDays(deadline, 1);

    const r = await outcomes.decide([sample.id]);
    expect(r.changed).toEqual([
      { sampleId: sample.id, outcome: 'pending', basis: 'objection_window', revision: 1 },
    ]);
    expect(r.due).toEqual([{ sampleId: sample.id, at: chinaDayStart(finalOn), finalOn }]);
    await outcomes.schedule(r.due);
    await outcomes.schedule(r.due);
    const job = await queue.getJob(deadlineJobId(sample.id, finalOn));
    expect(job).toMatchObject({ name: 'outcome.deadline', data: { sampleId: sample.id } });
    expect(job!.opts.delay).toBeGreaterThan(0);
    expect(await queue.getDelayedCount()).toBeGreaterThanOrEqual(1);
    await job!.remove();

    // Still pending on the deadline day itself, final at the start of the next.
    const lastMoment = new Date(chinaDayStart(finalOn).getTime() - 1);
    expect((await outcomes.decide([sample.id], lastMoment)).changed).toEqual([]);
    const atDay = await outcomes.decide([sample.id], chinaDayStart(finalOn));
    expect(atDay).toEqual({
      changed: [{ sampleId: sample.id, outcome: 'fail', basis: 'no_objection', revision: 2 }],
      due: [],
    });
    expect(await stored(sample.id)).toMatchObject({
      outcome: 'fail',
      basis: 'no_objection',
      objectionDeadline: deadline,
      finalOn,
      decidesAt: null,
    });
  });

  it('an amendment re-opens what it changes, and only that', async () => {
    const s = await issued('0.8');
    const later = chinaDayStart(addCalendarDays(await deadlineOf(s.report.id), 1));
    await outcomes.decide([s.sample.id], later);
    expect(await stored(s.sample.id)).toMatchObject({ outcome: 'fail', revision: 1 });

    // The same failed value again (a correction elsewhere in the report): still a final fail.
    const same = await amend(s, s.report.id, '0.8');
    expect((await outcomes.decide([s.sample.id], later)).changed).toEqual([
      { sampleId: s.sample.id, outcome: 'fail', basis: 'no_objection', revision: 2 },
    ]);
    expect(await stored(s.sample.id)).toMatchObject({
      outcome: 'fail',
      version: 2,
      standingSince: 1,
    });

    // Another failed value: a new window under the amendment's notice, served today, so
    // pending again today (every notice here is served today: decided as of `later`, it
    // would be past this window too).
    const changed = await amend(s, same.id, '0.9');
    const r = await outcomes.decide([s.sample.id]);
    expect(r.changed).toEqual([
      { sampleId: s.sample.id, outcome: 'pending', basis: 'objection_window', revision: 3 },
    ]);
    expect(await stored(s.sample.id)).toMatchObject({
      version: 3,
      standingSince: 3,
      objectionDeadline: await deadlineOf(changed.id),
    });

    // Amended to a pass: final at once.
    await amend(s, changed.id, '0.1');
    await outcomes.decide([s.sample.id], later);
    expect(await stored(s.sample.id)).toMatchObject({ outcome: 'pass', version: 4, revision: 4 });
  });

  it('the sweep finalises every due outcome, once', async () => {
    const a = await issued('0.8');
    const b = await issued('0.9');
    const passed = await issued('0.1');
    const ids = [a.sample.id, b.sample.id, passed.sample.id];
    await outcomes.decide(ids);
    const deadline = await deadlineOf(a.report.id);
    const at = chinaDayStart(addCalendarDays(deadline, 1));

    // Other tests' pending rows may fall due too: only these three are checked.
    const outcomesOf = async () => {
      const rows = await m.ds
        .getRepository(SampleOutcome)
        .findBy(ids.map((sampleId) => ({ sampleId })));
      return Object.fromEntries(rows.map((r) => [r.sampleId, [r.outcome, r.revision]]));
    };
    await outcomes.sweep(new Date(at.getTime() - 1));
    expect(await outcomesOf()).toEqual({
      [a.sample.id]: ['pending', 1],
      [b.sample.id]: ['pending', 1],
      [passed.sample.id]: ['pass', 1],
    });
    await outcomes.sweep(at);
    expect(await outcomesOf()).toEqual({
      [a.sample.id]: ['fail', 2],
      [b.sample.id]: ['fail', 2],
      [passed.sample.id]: ['pass', 1],
    });
    // The same sweep again finds nothing left to change.
    expect((await outcomes.sweep(at)).changed).toBe(0);
  });

  it('takes the objection as the challenge: pending while filed, final when rejected, announced', async () => {
    const { sample, report } = await issued('0.8');
    await outcomes.decide([sample.id]);
    const notice = await m.ds.getRepository(ResultNotice).findOneByOrFail({ reportId: report.id });
    const [o] = (await m.ds.query(
      `INSERT INTO objection (sample_id, notice_id, uscc, jurisdiction, items, reason, contact,
                              filed_by, filed_on, objection_deadline, decision_due, decision_rule,
                              state)
       VALUES ($1, $2, $3, '150100', '{X1}', '异议', '{}', 'ent', $4, $5, $5, '{}', 'filed')
       RETURNING id`,
      [sample.id, notice.id, notice.uscc, notice.servedOn, notice.objectionDeadline],
    )) as { id: string }[];
    // Filed: pending with no day it becomes final by itself, even past the deadline.
    const after = chinaDayStart(addCalendarDays(notice.objectionDeadline, 1));
    const filed = await outcomes.decide([sample.id], after);
    expect(filed.changed).toEqual([
      { sampleId: sample.id, outcome: 'pending', basis: 'objection_pending', revision: 2 },
    ]);
    expect(filed.due).toEqual([]);
    await m.ds.query(
      `UPDATE objection SET state = 'rejected', decided_by = 'reg', decided_at = now(),
              decided_on = $2, decision_reason = '材料不全' WHERE id = $1`,
      [o.id, notice.servedOn],
    );
    const since = (await m.ds.query(`SELECT max(id) AS id FROM outbox`)) as { id: string }[];
    const rejected = await outcomes.decide([sample.id], after);
    expect(rejected.changed).toEqual([
      { sampleId: sample.id, outcome: 'fail', basis: 'objection_rejected', revision: 3 },
    ]);
    expect(await stored(sample.id)).toMatchObject({ finalOn: notice.servedOn, decidesAt: null });
    // The failure is final: rates and what follows a final outcome are told, in the decision's
    // transaction.
    const jobs = (await m.ds.query(`SELECT job, payload FROM outbox WHERE id > $1 ORDER BY id`, [
      since[0].id,
    ])) as { job: string; payload: { sampleIds: string[] } }[];
    expect(jobs).toEqual([
      { job: 'outcome.changed', payload: { sampleIds: [sample.id] } },
      { job: 'outcome.finalized', payload: { sampleIds: [sample.id] } },
    ]);
  });

  it('ignores samples without an issued report', async () => {
    const s = await makeStaffedLab(m.ds);
    const { sample } = await makeSampleAtLab(m.ds, s.lab, { received: { by: s.tester.sub } });
    expect(await outcomes.decide([sample.id])).toEqual({ changed: [], due: [] });
    expect(await m.ds.getRepository(SampleOutcome).findOneBy({ sampleId: sample.id })).toBeNull();
  });
});
