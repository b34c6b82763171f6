import type { Principal } from '@spotcheck/auth';
import {
  CustodyEvent,
  Draw,
  Enterprise,
  InspectionTask,
  Lab,
  LabReceipt,
  LabStaff,
  ProductCategory,
  Sample,
  SamplingPlan,
} from '@spotcheck/database';
import { addCalendarDays, chinaDate } from '@spotcheck/domain';
import type { LabStaffRole } from '@spotcheck/domain';
import { DataSource } from 'typeorm';
import { makeCategory, makeEnterprise, makeLab } from '../factories';
import { freshUscc, unique } from '../support';

/** A food category (one item, X1, at most 0.5 mg/kg). */
export const makeFreshCategory = (ds: DataSource, over: Partial<ProductCategory> = {}) =>
  makeCategory(ds, { sector: 'food', ...over });

/** A lab token for `sub` at `lab`. */
export const labUser = (lab: Lab, sub: string): Principal => ({ sub, role: 'lab', org: lab.id });

/** `sub` on the lab's staff with `roles` (active unless told otherwise). */
export async function makeStaff(
  ds: DataSource,
  lab: Lab,
  roles: LabStaffRole[],
  over: Partial<LabStaff> = {},
): Promise<LabStaff> {
  const repo = ds.getRepository(LabStaff);
  const row = repo.create({
    labId: lab.id,
    sub: unique(`${roles.join('-')}-`),
    name: unique('人员'),
    roles: [...roles].sort(),
    active: true,
    ...over,
  });
  await repo.insert(row);
  return repo.findOneByOrFail({ labId: row.labId, sub: row.sub });
}

/** A lab with a tester, a reviewer and a signatory, three different people. */
export async function makeStaffedLab(ds: DataSource, over: Partial<Lab> = {}) {
  const lab = await makeLab(ds, over);
  const [tester, reviewer, signatory] = await Promise.all([
    makeStaff(ds, lab, ['tester']),
    makeStaff(ds, lab, ['reviewer']),
    makeStaff(ds, lab, ['signatory']),
  ]);
  return {
    lab,
    tester: labUser(lab, tester.sub),
    reviewer: labUser(lab, reviewer.sub),
    signatory: labUser(lab, signatory.sub),
  };
}

const DAY = 86_400_000;

export interface SampleAtLab {
  sample: Sample;
  category: ProductCategory;
  enterprise: Enterprise;
}

/**
 * A sample assigned to `lab`, sampled three days ago, on its way to the lab (custody
 * `in_transit`) or, with `received`, received there yesterday by `received.by`. The plan, draw
 * and task it needs are placeholders that nothing verifies.
 */
export async function makeSampleAtLab(
  ds: DataSource,
  lab: Lab,
  o: { category?: ProductCategory; received?: { by: string } } = {},
): Promise<SampleAtLab> {
  const category = o.category ?? (await makeFreshCategory(ds));
  const enterprise = await makeEnterprise(ds, {
    uscc: freshUscc('150102'),
    name: unique('企业'),
    categories: [category.code],
  });
  const plans = ds.getRepository(SamplingPlan);
  const plan = await plans.save(
    plans.create({
      code: unique('P'),
      title: '测试计划',
      level: 'prefecture',
      jurisdiction: '150100',
      year: 2026,
      categories: [category.code],
      stages: ['production'],
      ratios: { A: 300, B: 1000, C: 3000, D: 10000 },
      state: 'sampling',
      commitment: '0'.repeat(64),
      committedAt: new Date(),
    }),
  );
  const draws = ds.getRepository(Draw);
  const draw = await draws.save(
    draws.create({
      planId: plan.id,
      algorithmVersion: 'spotcheck-draw/1',
      seed: 'medium',
      commitment: '0'.repeat(64),
      eligibleDigest: '0'.repeat(64),
      strata: [],
      record: {} as never,
      eligible: Buffer.alloc(0),
      drawnBy: 'medium',
    }),
  );
  const inspectors = [unique('S'), unique('S')];
  const tasks = ds.getRepository(InspectionTask);
  const task = await tasks.save(
    tasks.create({
      planId: plan.id,
      drawId: draw.id,
      taskNo: 1,
      uscc: enterprise.uscc,
      category: category.code,
      inspectors,
      labId: lab.id,
      dueDate: '2026-12-31',
      state: 'sampled',
      stateChangedAt: new Date(),
      stateChangedBy: 'medium',
    }),
  );
  const sampledAt = new Date(Date.now() - 3 * DAY);
  const receivedAt = new Date(Date.now() - DAY);
  const samplingDate = chinaDate(sampledAt);
  const sampleNo = unique('NM-M-');
  const samples = ds.getRepository(Sample);
  await samples.insert(
    samples.create({
      sampleNo,
      planId: plan.id,
      seq: 1,
      taskId: task.id,
      category: category.code,
      labId: lab.id,
      stage: 'production',
      sampledUscc: enterprise.uscc,
      placeRegionCode: '150102',
      placeAddress: '呼和浩特市新城区',
      manufacturerName: enterprise.name,
      productName: '测试产品',
      batchNo: 'B1',
      testQuantity: '2',
      testUnit: '瓶',
      backupQuantity: '2',
      backupUnit: '瓶',
      pricePaid: '10.00',
      inspectors,
      representativeName: '代表',
      sampledAt,
      samplingDate,
      labDueDate: addCalendarDays(samplingDate, 7),
      custodyState: o.received ? 'received' : 'in_transit',
      custodySeq: o.received ? 2 : 1,
      custodyAt: o.received ? receivedAt : sampledAt,
      createdBy: 'medium',
    }),
  );
  const sample = await samples.findOneByOrFail({ sampleNo });
  const event = {
    sampleId: sample.id,
    actor: 'medium',
    regionCode: '150102',
    address: '呼和浩特市新城区',
  };
  const events = ds.getRepository(CustodyEvent);
  await events.save(
    events.create({
      ...event,
      seq: 1,
      kind: 'shipped',
      stateAfter: 'in_transit',
      occurredAt: sampledAt,
      actorRole: 'regulator',
    }),
  );
  if (o.received) {
    await events.save(
      events.create({
        ...event,
        seq: 2,
        kind: 'received',
        stateAfter: 'received',
        occurredAt: receivedAt,
        actor: o.received.by,
        actorRole: 'lab',
        actorOrg: lab.id,
      }),
    );
    await ds.getRepository(LabReceipt).insert({
      sampleId: sample.id,
      labId: lab.id,
      outcome: 'received',
      occurredAt: receivedAt,
      receivedOn: chinaDate(receivedAt),
      condition: '完好',
      sealIntact: true,
      testDueDate: addCalendarDays(chinaDate(receivedAt), 28),
      custodySeq: 2,
      recordedBy: o.received.by,
    });
  }
  return { sample, category, enterprise };
}
