import type { Principal } from '@spotcheck/auth';
import { SampleService } from '../../../apps/inspection-tasks/src/samples/sample.service';
import { SamplesModule } from '../../../apps/inspection-tasks/src/samples/samples.module';
import type { CreateSampleDto } from '../../../apps/inspection-tasks/src/samples/sample.dto';
import { TraceModule } from '../../../apps/inspection-tasks/src/trace/trace.module';
import { TraceService } from '../../../apps/inspection-tasks/src/trace/trace.service';
import { makeAssignedTask, samplingRecordOf } from '../factories/samples';
import { Medium, medium } from '../support';

const regulator = (jurisdiction: string, staffNo?: string): Principal => ({
  sub: `medium-reg-${staffNo ?? jurisdiction}`,
  role: 'regulator',
  jurisdiction,
  ...(staffNo ? { staffNo } : {}),
});
const enterprise = (uscc: string): Principal => ({
  sub: 'medium-ent',
  role: 'enterprise',
  org: uscc,
});
const lab = (id: string): Principal => ({ sub: 'medium-lab', role: 'lab', org: id });

describe('TraceService (medium)', () => {
  let m: Medium;
  let trace: TraceService;
  beforeAll(async () => {
    m = await medium([SamplesModule, TraceModule]);
    trace = m.get(TraceService);
  });
  afterAll(() => m.close());

  async function sampled() {
    const t = await makeAssignedTask(m.ds);
    const s = await m
      .get(SampleService)
      .record(
        regulator('150100', t.pair[0].staffNo),
        t.task.id,
        samplingRecordOf(t) as unknown as CreateSampleDto,
      );
    return { t, s };
  }

  it('follows a sample from its plan and draw to its custody, for whoever may see it', async () => {
    const { t, s } = await sampled();
    for (const p of [regulator('150000'), enterprise(t.enterprise.uscc), lab(t.lab.id)]) {
      const chain = await trace.bySample(p, s.sampleNo);
      expect(chain).toMatchObject({
        sampleNo: s.sampleNo,
        plan: { id: t.plan.id, code: t.plan.code },
        draw: { id: t.draw.id, verificationUrl: `/api/v1/draws/${t.draw.id}/verification` },
        task: { id: t.task.id, reassignments: [] },
        samplingRecord: { sampleNo: s.sampleNo, labDueDate: '2026-02-26' },
        lab: { id: t.lab.id },
        retestLab: null,
      });
      expect(chain.inspectors.map((i) => i.staffNo)).toEqual(t.pair.map((i) => i.staffNo));
      expect(chain.custody.map((e) => e.kind)).toEqual(['sampled', 'sealed']);
    }
  });

  it('answers a sample outside the caller’s scope as not found', async () => {
    const { s } = await sampled();
    const other = await makeAssignedTask(m.ds);
    for (const p of [
      regulator('150200'),
      enterprise(other.enterprise.uscc),
      lab(other.lab.id),
      { sub: 'x', role: 'lab', org: 'not-a-lab-id' } as Principal,
    ])
      await expect(trace.bySample(p, s.sampleNo)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('shows an enterprise its own record and its samples, and no one else’s', async () => {
    const { t, s } = await sampled();
    const own = await trace.byEnterprise(enterprise(t.enterprise.uscc), t.enterprise.uscc, {
      limit: 10,
    } as never);
    expect(own.enterprise.uscc).toBe(t.enterprise.uscc);
    expect(own.samples.items.map((i) => [i.sampleNo, i.role])).toEqual([[s.sampleNo, 'sampled']]);
    const other = await makeAssignedTask(m.ds);
    for (const p of [enterprise(other.enterprise.uscc), regulator('150200'), lab(t.lab.id)])
      await expect(
        trace.byEnterprise(p, t.enterprise.uscc, { limit: 10 } as never),
      ).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('finds the samples of a product the caller may see', async () => {
    const { t, s } = await sampled();
    const q = { gtin: s.product.gtin as string, batch: s.product.batch as string };
    const mine = await trace.byProduct(enterprise(t.enterprise.uscc), q as never);
    expect(mine.samples.map((i) => i.sampleNo)).toEqual([s.sampleNo]);
    const theirs = await trace.byProduct(regulator('150200'), q as never);
    expect(theirs.samples).toEqual([]);
    await expect(trace.byProduct(regulator('150100'), {} as never)).rejects.toMatchObject({
      kind: 'invalid',
    });
  });
});
