import { freshUscc } from '../support';
import { Readable } from 'node:stream';
import { DataSource, MoreThan } from 'typeorm';
import { AuditLog, OutboxMessage } from '@spotcheck/database';
import type { Principal } from '@spotcheck/auth';
import { Enterprise, Inspector, Lab, ProductCategory } from '@spotcheck/database';
import { DomainError } from '@spotcheck/domain';
import { makeCategory, makeEnterprise, makeInspector, makeLab } from '../factories';

/**
 * Principals of the directory tests. Their regulators keep Wuhai (150300) and Chifeng (150400),
 * prefectures whose rows no end-to-end test counts, so the rows these tests leave change no
 * other test's figures.
 */
export const WUHAI: Principal = { sub: 'reg-wuhai', role: 'regulator', jurisdiction: '150300' };
export const CHIFENG: Principal = { sub: 'reg-chifeng', role: 'regulator', jurisdiction: '150400' };
export const ADMIN: Principal = { sub: 'admin-1', role: 'admin' };
export const enterpriseUser = (uscc: string): Principal => ({
  sub: `ent-${uscc}`,
  role: 'enterprise',
  org: uscc,
});
export const labUser = (labId: string): Principal => ({
  sub: `lab-${labId}`,
  role: 'lab',
  org: labId,
});

/** An uploaded CSV, as the import receives it from the multipart parser. */
export function csvUpload(lines: string[], filename = 'directory.csv') {
  return {
    stream: Readable.from([Buffer.from(`${lines.join('\n')}\n`, 'utf8')]),
    filename,
    mimetype: 'text/csv',
  };
}

/** Where the audit log and the outbox stand now, to find what one write added. */
export async function marks(ds: DataSource): Promise<{ audit: string; outbox: string }> {
  const last = async (target: typeof AuditLog | typeof OutboxMessage, key: 'seq' | 'id') => {
    const [row] = await ds.getRepository<AuditLog | OutboxMessage>(target).find({
      order: { [key]: 'DESC' },
      take: 1,
    });
    return row ? String((row as unknown as Record<string, string>)[key]) : '0';
  };
  return { audit: await last(AuditLog, 'seq'), outbox: await last(OutboxMessage, 'id') };
}

/** Audit rows and outbox rows written since `since`, oldest first. */
export async function writtenSince(ds: DataSource, since: { audit: string; outbox: string }) {
  const audit = await ds
    .getRepository(AuditLog)
    .find({ where: { seq: MoreThan(since.audit) }, order: { seq: 'ASC' } });
  const outbox = await ds
    .getRepository(OutboxMessage)
    .find({ where: { id: MoreThan(since.outbox) }, order: { id: 'ASC' } });
  return { audit, outbox };
}

export const enterprise = (ds: DataSource, over: Partial<Enterprise> = {}) =>
  makeEnterprise(ds, { regionCode: '150302', ...over });

export const lab = (ds: DataSource, over: Partial<Lab> = {}) =>
  makeLab(ds, { regionCode: '150300', uscc: freshUscc(over.regionCode ?? '150300'), ...over });

export const inspector = (ds: DataSource, over: Partial<Inspector> = {}) =>
  makeInspector(ds, { regionCode: '150302', ...over });

export const category = (ds: DataSource, over: Partial<ProductCategory> = {}) =>
  makeCategory(ds, over);

/** The DomainError a use case throws, whether it throws at once or rejects. */
export async function failure(fn: () => unknown): Promise<DomainError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}
