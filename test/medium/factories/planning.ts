import type { Principal } from '@spotcheck/auth';
import { AuditLog, InspectionTask, ProductCategory, SamplingPlan } from '@spotcheck/database';
import { randomBytes, randomInt } from 'node:crypto';
import { commitmentOf, completeUscc } from '@spotcheck/domain';
import { DataSource } from 'typeorm';
import { makeCategory, makeEnterprise, makeInspector, makeLab } from '../factories';

/**
 * Factories for plans, draws and tasks. Each test draws over a category of its own, so the
 * eligible set, the qualified inspectors and the accredited labs are the test's rows alone,
 * whatever else the run's database holds.
 */

/**
 * A key no other test file of the run uses. support.ts's `unique` counts per module registry,
 * and Jest gives each test file its own, so two files in one process can draw the same key.
 */
export const key = (prefix = ''): string => `${prefix}${randomBytes(5).toString('hex')}`;

const usccIn = (region: string): string =>
  completeUscc(`91${region}${String(randomInt(0, 1e9)).padStart(9, '0')}`);

export const SEED = '0123456789abcdef0123456789abcdef';

/** A regulator of Hohhot (150100) and, for the unhappy paths, one of Baotou (150200). */
export const hohhot: Principal = { sub: 'reg-hohhot', role: 'regulator', jurisdiction: '150100' };
export const baotou: Principal = { sub: 'reg-baotou', role: 'regulator', jurisdiction: '150200' };
export const admin: Principal = { sub: 'admin-1', role: 'admin' };

/** A draft plan of Hohhot's prefecture over `categories`, inserted as stored. */
export async function makePlan(
  ds: DataSource,
  over: Partial<SamplingPlan> = {},
): Promise<SamplingPlan> {
  const repo = ds.getRepository(SamplingPlan);
  const row = repo.create({
    code: key('P-'),
    title: '测试计划',
    level: 'prefecture',
    jurisdiction: '150100',
    year: 2026,
    categories: ['MEDIUM-NONE'],
    stages: ['production'],
    ratios: { A: 10000, B: 10000, C: 10000, D: 10000 },
    stratifyByPrefecture: false,
    maxTasks: null,
    maxTasksPerInspector: null,
    samplingDeadline: '2026-06-30',
    reportDeadline: null,
    state: 'draft',
    ...over,
  });
  const { identifiers } = await repo.insert(row);
  return repo.findOneByOrFail({ id: (identifiers[0] as { id: string }).id });
}

/** A committed plan (commitment of SEED) ready to draw. */
export function makeCommittedPlan(
  ds: DataSource,
  over: Partial<SamplingPlan> = {},
): Promise<SamplingPlan> {
  return makePlan(ds, {
    state: 'committed',
    commitment: commitmentOf(SEED),
    committedAt: new Date(),
    ...over,
  });
}

export interface DrawWorld {
  category: ProductCategory;
  /** Staff numbers of the qualified inspectors, in Hohhot. */
  staffNos: string[];
  usccs: string[];
}

/**
 * A fresh category with `enterprises` enterprises producing it in Hohhot, `inspectors`
 * qualified inspectors there and one accredited lab: all a draw of a plan over it needs.
 */
export async function makeDrawWorld(
  ds: DataSource,
  { enterprises = 3, inspectors = 4 } = {},
): Promise<DrawWorld> {
  const category = await makeCategory(ds, { code: key('C').toUpperCase() });
  const categories = [category.code];
  const usccs: string[] = [];
  for (let i = 0; i < enterprises; i++)
    usccs.push(
      (await makeEnterprise(ds, { uscc: usccIn('150102'), name: key('企业'), categories })).uscc,
    );
  const staffNos: string[] = [];
  for (let i = 0; i < inspectors; i++)
    staffNos.push((await makePlanningInspector(ds, { categories })).staffNo);
  await makeLab(ds, { uscc: usccIn('150100'), cmaNo: key('CMA'), name: key('检验所'), categories });
  return { category, staffNos, usccs };
}

/** The audit rows of one entity, oldest first. */
export function auditOf(ds: DataSource, entityId: string): Promise<AuditLog[]> {
  return ds.getRepository(AuditLog).find({ where: { entityId }, order: { seq: 'ASC' } });
}

export function tasksOf(ds: DataSource, planId: string): Promise<InspectionTask[]> {
  return ds.getRepository(InspectionTask).find({ where: { planId }, order: { taskNo: 'ASC' } });
}

/** An inspector of Hohhot under keys of its own. */
export function makePlanningInspector(
  ds: DataSource,
  over: Parameters<typeof makeInspector>[1] = {},
) {
  return makeInspector(ds, { staffNo: key('S'), name: key('检查员'), ...over });
}
