import type { EntityManager } from 'typeorm';
import { Principal, Scope, scopeOf } from '@spotcheck/auth';
import { DomainError, forbiddenError, isUuid } from '@spotcheck/domain';
import type { LabStaffRole } from '@spotcheck/domain';
import { LabStaffRepository } from './staff/lab-staff.repository';

/** What the caller may read of lab records: a lab its own, an admin everything. */
export const labScope = (p: Principal): Scope => scopeOf(p, 'lab records', ['lab', 'admin']);

/** Writes are a lab's own: an admin reads but does not record results. */
export function requireLab(p: Principal, what: string): string {
  if (p.role !== 'lab' || !isUuid(p.org))
    throw forbiddenError(`${what} is recorded by the lab itself`);
  return p.org;
}

/** 403 unless the caller is on the lab's active staff (any role); their roles otherwise. */
export async function requireStaff(
  staff: LabStaffRepository,
  m: EntityManager,
  labId: string,
  sub: string,
): Promise<LabStaffRole[]> {
  const roles = await staff.activeRoles(m, labId, sub);
  if (roles.length === 0)
    throw forbiddenError(
      `${sub} is not on the active staff of the lab (PUT /labs/:labId/staff/:sub)`,
      'NOT_LAB_STAFF',
    );
  return roles;
}

/** 403 unless the caller holds one of `roles` on the lab's active staff. */
export async function requireRole(
  staff: LabStaffRepository,
  m: EntityManager,
  labId: string,
  sub: string,
  roles: readonly LabStaffRole[],
  what: string,
): Promise<LabStaffRole[]> {
  const mine = await staff.activeRoles(m, labId, sub);
  if (!mine.some((r) => roles.includes(r)))
    throw new DomainError(
      'forbidden',
      'REPORT_ROLE_REQUIRED',
      `to ${what} needs the role ${roles.join(' or ')} on the lab's active staff`,
      { requiredRoles: roles },
    );
  return mine;
}

/** Could be a sample number: a string, not too long, without NUL. */
export function isSampleNoShape(s: unknown): s is string {
  return typeof s === 'string' && s.length > 0 && s.length <= 80 && !s.includes('\u0000');
}
