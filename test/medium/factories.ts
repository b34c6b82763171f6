import { Enterprise, Inspector, Lab, ProductCategory } from '@spotcheck/database';
import { DataSource } from 'typeorm';
import { freshUscc, unique } from './support';

/**
 * Small factories for medium tests: each inserts one row through its entity with defaults a
 * test can override, and returns the stored row. Areas add theirs in
 * `test/medium/factories/<area>.ts`.
 */

export async function makeCategory(
  ds: DataSource,
  over: Partial<ProductCategory> = {},
): Promise<ProductCategory> {
  const repo = ds.getRepository(ProductCategory);
  const row = repo.create({
    code: unique('C').toUpperCase(),
    name: '测试品类',
    sector: 'manufacturing',
    items: [
      {
        code: 'X1',
        name: '项目',
        method: 'GB/T 0000',
        unit: 'mg/kg',
        limit: { kind: 'range', max: '0.5', minInclusive: false, maxInclusive: true },
      },
    ] as never,
    active: true,
    ...over,
  });
  await repo.insert(row);
  return repo.findOneByOrFail({ code: row.code });
}

export async function makeEnterprise(
  ds: DataSource,
  over: Partial<Enterprise> = {},
): Promise<Enterprise> {
  const repo = ds.getRepository(Enterprise);
  const region = over.regionCode ?? '150102';
  const row = repo.create({
    uscc: freshUscc(region),
    name: unique('企业'),
    address: '呼和浩特市新城区',
    regionCode: region,
    size: 'small',
    categories: [],
    riskClass: 'B',
    status: 'active',
    ...over,
  });
  await repo.insert(row);
  return repo.findOneByOrFail({ uscc: row.uscc });
}

export async function makeLab(ds: DataSource, over: Partial<Lab> = {}): Promise<Lab> {
  const repo = ds.getRepository(Lab);
  const row = repo.create({
    name: unique('检验所'),
    uscc: freshUscc(over.regionCode ?? '150100'),
    cmaNo: unique('CMA'),
    regionCode: '150100',
    categories: [],
    capacity: 100,
    active: true,
    ...over,
  });
  const { identifiers } = await repo.insert(row);
  return repo.findOneByOrFail({ id: (identifiers[0] as { id: string }).id });
}

export async function makeInspector(
  ds: DataSource,
  over: Partial<Inspector> = {},
): Promise<Inspector> {
  const repo = ds.getRepository(Inspector);
  const row = repo.create({
    staffNo: unique('S'),
    name: unique('检查员'),
    regionCode: '150102',
    unit: '市场监督管理局',
    categories: [],
    active: true,
    conflicts: [],
    ...over,
  });
  const { identifiers } = await repo.insert(row);
  return repo.findOneByOrFail({ id: (identifiers[0] as { id: string }).id });
}
