import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isLabStaffRole } from '@spotcheck/domain';
import type { LabStaffRole } from '@spotcheck/domain';

export interface StaffMember {
  labId: string;
  sub: string;
  name: string;
  roles: LabStaffRole[];
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `lab_id AS "labId", sub, name, roles, active, created_at AS "createdAt",
  updated_at AS "updatedAt"`;

/** `lab_staff`: who may test, review and sign a lab's reports. */
@Injectable()
export class LabStaffRepository {
  list(m: EntityManager, labId: string): Promise<StaffMember[]> {
    return m.query(`SELECT ${COLUMNS} FROM lab_staff WHERE lab_id = $1 ORDER BY sub COLLATE "C"`, [
      labId,
    ]) as Promise<StaffMember[]>;
  }

  /** The member, active or not; `lock` holds the row until the transaction ends. */
  async find(
    m: EntityManager,
    labId: string,
    sub: string,
    lock = false,
  ): Promise<StaffMember | null> {
    const [row] = (await m.query(
      `SELECT ${COLUMNS} FROM lab_staff WHERE lab_id = $1 AND sub = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [labId, sub],
    )) as StaffMember[];
    return row ?? null;
  }

  /** The person's roles in the lab's review chain; none when not on its active staff. */
  async activeRoles(m: EntityManager, labId: string, sub: string): Promise<LabStaffRole[]> {
    const [row] = (await m.query(
      `SELECT roles FROM lab_staff WHERE lab_id = $1 AND sub = $2 AND active`,
      [labId, sub],
    )) as { roles: string[] }[];
    return (row?.roles ?? []).filter(isLabStaffRole);
  }

  /** Creates or replaces the member; roles are stored sorted. */
  async put(
    m: EntityManager,
    s: { labId: string; sub: string; name: string; roles: readonly string[]; active: boolean },
  ): Promise<StaffMember> {
    const [row] = (await m.query(
      `INSERT INTO lab_staff (lab_id, sub, name, roles, active) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (lab_id, sub) DO UPDATE
         SET name = EXCLUDED.name, roles = EXCLUDED.roles, active = EXCLUDED.active,
             updated_at = now()
       RETURNING ${COLUMNS}`,
      [s.labId, s.sub, s.name, [...s.roles].sort(), s.active],
    )) as StaffMember[];
    return row;
  }
}
