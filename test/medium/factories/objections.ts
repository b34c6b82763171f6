import type { Principal } from '@spotcheck/auth';
import {
  CustodyEvent,
  Enterprise,
  LabReceipt,
  ProductCategory,
  Sample,
  SamplingPlan,
} from '@spotcheck/database';
import { addCalendarDays, chinaDate } from '@spotcheck/domain';
import type { Sector } from '@spotcheck/domain';
import { DataSource } from 'typeorm';
import { makeCategory, makeEnterprise } from '../factories';
import { freshUscc, unique } from '../support';
import { makeStaffedLab } from './labs';
import { freshJurisdiction, regulatorOf } from './publications';
import { makeDraw, makeSamplingPlan } from './samples';

/**
 * A world for objections and retests, in a county of its own (a list compiled there lists only
 * its results): a category of `sector` with a chemical item X1 (≤0.5 mg/kg) and a microbial item
 * APC (GB 4789.2), the tested lab and two more labs accredited for it (each with a tester, a
 * reviewer and a signatory), a plan, its regulators, and enterprises. A third item, MOLD, is
 * flagged microbial in the template though its method is not of the GB 4789 series.
 */
export interface ObjectionWorld {
  jurisdiction: string;
  category: ProductCategory;
  plan: SamplingPlan;
  drawId: string;
  lab: Awaited<ReturnType<typeof makeStaffedLab>>;
  others: Awaited<ReturnType<typeof makeStaffedLab>>[];
  enterprise: Enterprise;
  otherEnterprise: Enterprise;
  regulator: Principal;
  approver: Principal;
  outsideRegulator: Principal;
  enterpriseUser: Principal;
  otherEnterpriseUser: Principal;
  tasks: number;
}

export async function makeObjectionWorld(
  ds: DataSource,
  sector: Sector = 'manufacturing',
): Promise<ObjectionWorld> {
  const jurisdiction = freshJurisdiction();
  const category = await makeCategory(ds, {
    sector,
    name: unique('复检品类'),
    items: [
      {
        code: 'X1',
        name: '铅（以Pb计）',
        method: 'GB 5009.12-2023',
        unit: 'mg/kg',
        limit: { kind: 'range', max: '0.5', minInclusive: false, maxInclusive: true },
      },
      {
        code: 'APC',
        name: '菌落总数',
        method: 'GB 4789.2-2022',
        unit: 'CFU/g',
        limit: { kind: 'range', max: '1000', minInclusive: false, maxInclusive: true },
      },
      {
        code: 'MOLD',
        name: '霉菌',
        method: '企业内部方法',
        unit: 'CFU/g',
        limit: { kind: 'range', max: '50', minInclusive: false, maxInclusive: true },
        microbial: true,
      },
    ] as never,
  });
  const lab = await makeStaffedLab(ds, { categories: [category.code], regionCode: jurisdiction });
  const others = [
    await makeStaffedLab(ds, { categories: [category.code] }),
    await makeStaffedLab(ds, { categories: [category.code] }),
  ];
  const enterprise = await makeEnterprise(ds, {
    uscc: freshUscc(jurisdiction),
    regionCode: jurisdiction,
    categories: [category.code],
  });
  const otherEnterprise = await makeEnterprise(ds, {
    uscc: freshUscc(jurisdiction),
    regionCode: jurisdiction,
  });
  const plan = await makeSamplingPlan(ds, category.code, {
    jurisdiction,
    title: unique('复检测试计划'),
  });
  const draw = await makeDraw(ds, plan.id);
  return {
    jurisdiction,
    category,
    plan,
    drawId: draw.id,
    lab,
    others,
    enterprise,
    otherEnterprise,
    regulator: regulatorOf(jurisdiction, 'decider'),
    approver: regulatorOf(jurisdiction, 'approver'),
    outsideRegulator: regulatorOf('150200', 'outside'),
    enterpriseUser: { sub: unique('ent-'), role: 'enterprise', org: enterprise.uscc },
    otherEnterpriseUser: { sub: unique('ent-'), role: 'enterprise', org: otherEnterprise.uscc },
    tasks: 0,
  };
}

const DAY = 86_400_000;

/**
 * A sample of the world's enterprise, taken 10 days ago and received at the world's lab
 * yesterday (custody `received`, its lab receipt recorded), ready for a report.
 */
export async function makeReceivedSample(
  ds: DataSource,
  w: ObjectionWorld,
  o: { expiryDate?: string; gtin?: string; batch?: string; manufacturerUscc?: string } = {},
): Promise<Sample> {
  const taskNo = ++w.tasks;
  const [task] = (await ds.query(
    `INSERT INTO inspection_task (plan_id, draw_id, task_no, uscc, category, inspectors, lab_id,
                                  due_date, state, state_changed_at, state_changed_by)
     VALUES ($1, $2, $3, $4, $5, ARRAY['S-A','S-B'], $6, '2099-12-31', 'sampled', now(), 'medium')
     RETURNING id`,
    [w.plan.id, w.drawId, taskNo, w.enterprise.uscc, w.category.code, w.lab.lab.id],
  )) as { id: string }[];
  const sampledAt = new Date(Date.now() - 10 * DAY);
  const receivedAt = new Date(Date.now() - DAY);
  const samplingDate = chinaDate(sampledAt);
  const samples = ds.getRepository(Sample);
  const sampleNo = unique(`OBJ-${w.jurisdiction}-`);
  await samples.insert(
    samples.create({
      sampleNo,
      planId: w.plan.id,
      seq: taskNo,
      taskId: task.id,
      category: w.category.code,
      labId: w.lab.lab.id,
      stage: 'distribution',
      sampledUscc: w.enterprise.uscc,
      placeRegionCode: w.jurisdiction,
      placeAddress: '某区某路1号',
      manufacturerName: '某食品有限公司',
      manufacturerUscc: o.manufacturerUscc ?? null,
      productName: '测试产品',
      gtin: o.gtin ?? null,
      batchNo: o.batch ?? unique('B'),
      productionDate: addCalendarDays(samplingDate, -30),
      expiryDate: o.expiryDate ?? null,
      testQuantity: '2',
      testUnit: '瓶',
      backupQuantity: '2',
      backupUnit: '瓶',
      pricePaid: '10.00',
      inspectors: ['S-A', 'S-B'],
      representativeName: '代表',
      sampledAt,
      samplingDate,
      labDueDate: addCalendarDays(samplingDate, 7),
      custodyState: 'received',
      custodySeq: 2,
      custodyAt: receivedAt,
      createdBy: 'medium',
    }),
  );
  const sample = await samples.findOneByOrFail({ sampleNo });
  const events = ds.getRepository(CustodyEvent);
  const at = { sampleId: sample.id, regionCode: w.jurisdiction, address: '某区某路1号' };
  await events.save([
    events.create({
      ...at,
      seq: 1,
      kind: 'shipped',
      stateAfter: 'in_transit',
      occurredAt: sampledAt,
      actor: 'medium',
      actorRole: 'regulator',
    }),
    events.create({
      ...at,
      seq: 2,
      kind: 'received',
      stateAfter: 'received',
      occurredAt: receivedAt,
      actor: w.lab.tester.sub,
      actorRole: 'lab',
      actorOrg: w.lab.lab.id,
    }),
  ]);
  await ds.getRepository(LabReceipt).insert({
    sampleId: sample.id,
    labId: w.lab.lab.id,
    outcome: 'received',
    occurredAt: receivedAt,
    receivedOn: chinaDate(receivedAt),
    condition: '完好',
    sealIntact: true,
    testDueDate: addCalendarDays(chinaDate(receivedAt), 28),
    custodySeq: 2,
    recordedBy: w.lab.tester.sub,
  });
  return sample;
}
