import {
  Draw,
  Enterprise,
  InspectionTask,
  Inspector,
  Lab,
  ProductCategory,
  SamplingPlan,
} from '@spotcheck/database';
import { completeGtin } from '@spotcheck/domain';
import { DataSource } from 'typeorm';
import { makeCategory, makeEnterprise, makeInspector, makeLab } from '../factories';
import { unique } from '../support';

/** A plan in its sampling phase, committed, in `jurisdiction`. */
export async function makeSamplingPlan(
  ds: DataSource,
  category: string,
  over: Partial<SamplingPlan> = {},
): Promise<SamplingPlan> {
  const repo = ds.getRepository(SamplingPlan);
  const row = repo.create({
    code: unique('MP-'),
    title: '抽样计划',
    level: 'prefecture',
    jurisdiction: '150100',
    year: 2026,
    categories: [category],
    stages: ['production', 'distribution'],
    ratios: { A: 300, B: 1000, C: 3000, D: 10000 },
    state: 'sampling',
    commitment: '0'.repeat(64),
    committedAt: new Date('2026-01-04T00:00:00Z'),
    ...over,
  });
  const { identifiers } = await repo.insert(row);
  return repo.findOneByOrFail({ id: (identifiers[0] as { id: string }).id });
}

/** A placeholder draw of `planId`, dated 5 January 2026 (nothing verifies it). */
export async function makeDraw(ds: DataSource, planId: string): Promise<Draw> {
  const repo = ds.getRepository(Draw);
  const { identifiers } = await repo.insert({
    planId,
    algorithmVersion: 'spotcheck-draw/1',
    seed: 'medium',
    commitment: '0'.repeat(64),
    eligibleDigest: '0'.repeat(64),
    strata: [],
    record: {} as never,
    eligible: Buffer.alloc(0),
    drawnAt: new Date('2026-01-05T02:00:00Z'),
    drawnBy: 'medium',
  });
  return repo.findOneByOrFail({ id: (identifiers[0] as { id: string }).id });
}

export interface AssignedTask {
  category: ProductCategory;
  enterprise: Enterprise;
  lab: Lab;
  pair: [Inspector, Inspector];
  plan: SamplingPlan;
  draw: Draw;
  task: InspectionTask;
}

/**
 * An assigned task ready to be sampled: its plan (in `jurisdiction`), draw, enterprise, lab
 * and inspector pair, all fresh.
 */
export async function makeAssignedTask(
  ds: DataSource,
  o: { jurisdiction?: string; regionCode?: string } = {},
): Promise<AssignedTask> {
  const regionCode = o.regionCode ?? '150102';
  const category = await makeCategory(ds);
  const enterprise = await makeEnterprise(ds, { regionCode, categories: [category.code] });
  const lab = await makeLab(ds, { categories: [category.code] });
  const pair: [Inspector, Inspector] = [
    await makeInspector(ds, { regionCode, categories: [category.code] }),
    await makeInspector(ds, { regionCode, categories: [category.code] }),
  ];
  const plan = await makeSamplingPlan(ds, category.code, {
    jurisdiction: o.jurisdiction ?? '150100',
  });
  const draw = await makeDraw(ds, plan.id);
  const repo = ds.getRepository(InspectionTask);
  const { identifiers } = await repo.insert({
    planId: plan.id,
    drawId: draw.id,
    taskNo: 1,
    uscc: enterprise.uscc,
    category: category.code,
    inspectors: pair.map((i) => i.staffNo),
    labId: lab.id,
    dueDate: '2026-06-30',
    state: 'assigned',
    violation: false,
  });
  const task = await repo.findOneByOrFail({ id: (identifiers[0] as { id: string }).id });
  return { category, enterprise, lab, pair, plan, draw, task };
}

/** A complete sampling record of `t`, taken on 12 February 2026 (before 春节), sealed. */
export function samplingRecordOf(t: AssignedTask, over: Record<string, unknown> = {}) {
  return {
    sampledAt: '2026-02-12T10:30:00+08:00',
    place: { regionCode: t.enterprise.regionCode, address: '呼和浩特市新城区抽样测试路1号' },
    stage: 'distribution' as const,
    manufacturer: { name: '测试乳业有限公司', address: '某市某路2号' },
    productName: '纯牛奶',
    brand: '测试牌',
    spec: '250mL/盒',
    batch: unique('B'),
    productionDate: '2026-01-10',
    expiryDate: '2026-07-10',
    gtin: completeGtin('690123456789'),
    testPortion: { quantity: '12', unit: '盒' },
    backupPortion: { quantity: '6', unit: '盒' },
    pricePaid: '36',
    sealNumbers: ['F-001', 'F-002'],
    inspectors: t.pair.map((i) => i.staffNo),
    representative: { name: '张三', title: '店长' },
    attachments: [{ sha256: 'ab'.repeat(32), name: '抽样单.jpg', mediaType: 'image/jpeg' }],
    ...over,
  };
}
