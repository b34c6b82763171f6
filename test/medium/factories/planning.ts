import type { Principal } from '@spotcheck/auth';
import { AuditLog, InspectionTask, ProductCategory, SamplingPlan } from '@spotcheck/database';
import { commitmentOf } from '@spotcheck/domain';
import { DataSource } from 'typeorm';
import { makeCategory, makeEnterprise, makeInspector, makeLab } from '../factories';
import { unique } from '../support';

/**
 * Factories for plans, draws and tasks. Each test draws over a category of its own, so the
 * eligible set, the qualified inspectors and the accredited labs are the test's rows alone,
 * whatever else the run's database holds.
 */

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
    code: unique('P-'),
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
  const category = await makeCategory(ds);
  const categories = [category.code];
  const usccs: string[] = [];
  for (let i = 0; i < enterprises; i++) usccs.push((await makeEnterprise(ds, { categories })).uscc);
  const staffNos: string[] = [];
  for (let i = 0; i < inspectors; i++)
    staffNos.push((await makeInspector(ds, { categories })).staffNo);
  await makeLab(ds, { categories });
  return { category, staffNos, usccs };
}

/** The audit rows of one entity, oldest first. */
export function auditOf(ds: DataSource, entityId: string): Promise<AuditLog[]> {
  return ds.getRepository(AuditLog).find({ where: { entityId }, order: { seq: 'ASC' } });
}

export function tasksOf(ds: DataSource, planId: string): Promise<InspectionTask[]> {
  return ds.getRepository(InspectionTask).find({ where: { planId }, order: { taskNo: 'ASC' } });
}
