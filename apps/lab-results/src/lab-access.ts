import { HttpStatus } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { AppException } from '@spotcheck/common';
import { isLabStaffRole } from '@spotcheck/domain';
import type { LabStaffRole } from '@spotcheck/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);

/**
 * The SQL condition restricting rows with a lab column (`col`) to what the caller may see: a
 * lab its own rows only (a token whose org is no lab id sees nothing), an admin everything;
 * 403 for other roles. Another lab's row is then indistinguishable from a missing one (404).
 */
export function labScope(p: Principal, col: string, arg: (v: unknown) => string): string {
  if (p.role === 'lab') return isUuid(p.org) ? `${col} = ${arg(p.org)}::uuid` : 'false';
  if (p.role === 'admin') return 'true';
  throw new AppException(
    HttpStatus.FORBIDDEN,
    'FORBIDDEN',
    `role ${p.role} may not read lab records`,
  );
}

/** Writes are a lab's own: an admin reads but does not record results. */
export function requireLab(p: Principal, what: string): string {
  if (p.role !== 'lab' || !isUuid(p.org))
    throw new AppException(
      HttpStatus.FORBIDDEN,
      'FORBIDDEN',
      `${what} is recorded by the lab itself`,
    );
  return p.org;
}

/** The caller's roles in their lab's review chain; none when not on its active staff. */
export async function staffRoles(
  m: EntityManager,
  labId: string,
  sub: string,
): Promise<LabStaffRole[]> {
  const [row] = (await m.query(
    `SELECT roles FROM lab_staff WHERE lab_id = $1 AND sub = $2 AND active`,
    [labId, sub],
  )) as { roles: string[] }[];
  return (row?.roles ?? []).filter(isLabStaffRole);
}

/** 403 unless the caller is on the lab's active staff (any role). */
export async function requireStaff(m: EntityManager, labId: string, sub: string): Promise<void> {
  if ((await staffRoles(m, labId, sub)).length === 0)
    throw new AppException(
      HttpStatus.FORBIDDEN,
      'NOT_LAB_STAFF',
      `${sub} is not on the active staff of the lab (PUT /labs/:labId/staff/:sub)`,
    );
}

/** Could be a sample number: a string, not too long, without NUL. */
export function isSampleNoShape(s: unknown): s is string {
  return typeof s === 'string' && s.length > 0 && s.length <= 80 && !s.includes('\u0000');
}
