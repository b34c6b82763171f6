import type { Principal } from '@spotcheck/auth';
import {
  appendCustodyEvent,
  CustodyRepository,
  SectorRuleService,
  WorkCalendarService,
} from '@spotcheck/database';
import { DomainError, ruleDeadline } from '@spotcheck/domain';
import { SampleRepository } from '../../../apps/inspection-tasks/src/samples/sample.repository';
import { SampleService } from '../../../apps/inspection-tasks/src/samples/sample.service';
import { SamplesModule } from '../../../apps/inspection-tasks/src/samples/samples.module';
import type { CreateSampleDto } from '../../../apps/inspection-tasks/src/samples/sample.dto';
import { AssignedTask, makeAssignedTask, samplingRecordOf } from '../factories/samples';
import { Medium, medium } from '../support';

const ADMIN: Principal = { sub: 'medium-admin', role: 'admin' };
const regulator = (jurisdiction: string, staffNo?: string): Principal => ({
  sub: `medium-reg-${staffNo ?? jurisdiction}`,
  role: 'regulator',
  jurisdiction,
  ...(staffNo ? { staffNo } : {}),
});
const lab = (id: string): Principal => ({ sub: 'medium-lab', role: 'lab', org: id });

describe('SampleService and custody (medium)', () => {
  let m: Medium;
  let samples: SampleService;
  beforeAll(async () => {
    m = await medium([SamplesModule]);
    samples = m.get(SampleService);
  });
  afterAll(() => m.close());

  async function sampled(o: { jurisdiction?: string; regionCode?: string } = {}) {
    const t: AssignedTask = await makeAssignedTask(m.ds, o);
    const inspector = regulator(t.plan.jurisdiction, t.pair[0].staffNo);
    const s = await samples.record(
      inspector,
      t.task.id,
      samplingRecordOf(t) as unknown as CreateSampleDto,
    );
    return { t, s, inspector };
  }

  it('records a sampling with its lab due date 5 working days later on the Chinese calendar', async () => {
    const { t, s } = await sampled();
    expect(s.sampleNo).toBe(`${t.plan.code}-0001`);
    expect(s.custodyState).toBe('sealed');
    expect(s.custody.map((e) => e.kind)).toEqual(['sampled', 'sealed']);
    // Thu 12 Feb 2026: Fri 13, Sat 14 (make-up working day), the Spring Festival to Mon 23,
    // then Tue 24, Wed 25, Thu 26. By weekdays alone it would be Thu 19.
    expect(s.samplingDate).toBe('2026-02-12');
    expect(s.labDueDate).toBe('2026-02-26');
    const cal = await m.get(WorkCalendarService).calendar();
    const rules = await m.get(SectorRuleService).of(t.category.sector);
    expect(s.labDueDate).toBe(ruleDeadline(cal, rules, 'sampleDelivery', '2026-02-12').deadline);
    // The answer names the rule it used: the sector's sample delivery, its version and source.
    expect(s.labDueRule).toMatchObject({
      sector: t.category.sector,
      version: rules.version,
      rule: 'sampleDelivery',
      days: 5,
      dayKind: 'working',
    });
    // Long past: overdue until it reaches its lab.
    expect(s.overdue).toBe(true);
    expect(s.arrivedLate).toBe(false);
  });

  it("answers another jurisdiction's sample as not found, like an absent one", async () => {
    const { t, s } = await sampled();
    const baotou = regulator('150200');
    for (const call of [
      () => samples.get(baotou, s.sampleNo),
      () => samples.custody(baotou, s.sampleNo),
      () =>
        samples.append(baotou, s.sampleNo, {
          kind: 'shipped',
          occurredAt: '2026-02-13T09:00:00+08:00',
          regionCode: '150102',
          address: '某路',
        } as never),
      () => samples.get(ADMIN, `${s.sampleNo}-absent`),
    ])
      await expect(call()).rejects.toMatchObject({ kind: 'not_found', code: 'NOT_FOUND' });
    const other = await makeAssignedTask(m.ds);
    await expect(samples.get(lab(other.lab.id), s.sampleNo)).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect((await samples.list(baotou, { planId: t.plan.id, limit: 50 } as never)).items).toEqual(
      [],
    );
    expect((await samples.get(regulator('150000'), s.sampleNo)).sampleNo).toBe(s.sampleNo);
  });

  it('refuses an illegal custody step with a conflict naming the current state', async () => {
    const { s, inspector } = await sampled();
    const err = await samples
      .append(inspector, s.sampleNo, {
        kind: 'sealed',
        occurredAt: '2026-02-12T11:00:00+08:00',
        regionCode: '150102',
        address: '某路',
        detail: { sealNumbers: ['F-003'] },
      } as never)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      kind: 'conflict',
      code: 'ILLEGAL_CUSTODY_STATE',
      details: { currentState: 'sealed', kind: 'sealed' },
    });
    expect((await samples.custody(ADMIN, s.sampleNo)).map((e) => e.kind)).toEqual([
      'sampled',
      'sealed',
    ]);
  });

  it('appends custody in order, and a lab that does not hold the sample is no custodian', async () => {
    const { t, s, inspector } = await sampled();
    const shipped = await samples.append(inspector, s.sampleNo, {
      kind: 'shipped',
      occurredAt: '2026-02-13T09:00:00+08:00',
      regionCode: '150102',
      address: '某路',
    } as never);
    expect(shipped).toMatchObject({ seq: 3, stateAfter: 'in_transit', sampleNo: s.sampleNo });

    // libs/database's writer, as lab-results calls it: a lab other than the sample's.
    const repo = m.get(SampleRepository);
    const err = await m.ds
      .transaction(async (em) => {
        const row = await repo.forCustody(em, { kind: 'all' }, s.sampleNo, true);
        return appendCustodyEvent(em, lab('00000000-0000-4000-8000-000000000001'), row!, {
          kind: 'received',
          occurredAt: '2026-02-14T09:00:00+08:00',
          regionCode: '150100',
          address: '检验所',
        });
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'forbidden', code: 'NOT_CUSTODIAN' });
    const events = await m.get(CustodyRepository).events(m.ds.manager, s.id);
    expect(events.map((e) => e.kind)).toEqual(['sampled', 'sealed', 'shipped']);
    expect(t.lab.id).not.toBe('00000000-0000-4000-8000-000000000001');
  });

  it('lists overdue samples by the one overdue rule', async () => {
    const { t, s } = await sampled();
    const overdue = await samples.list(ADMIN, {
      planId: t.plan.id,
      overdue: true,
      limit: 10,
    } as never);
    expect(overdue.items.map((i) => i.sampleNo)).toEqual([s.sampleNo]);
    const notOverdue = await samples.list(ADMIN, {
      planId: t.plan.id,
      overdue: false,
      limit: 10,
    } as never);
    expect(notOverdue.items).toEqual([]);
  });

  it('refuses a role that sees no sampling record', async () => {
    await expect(
      samples.list({ sub: 'e', role: 'enterprise', org: 'X' }, { limit: 1 } as never),
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
