import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { AppException, invalid, notFound, recordAudit } from '@spotcheck/common';
import { PutStaffDto, StaffRole } from './staff.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SUB = /^[^\p{Cc}]{1,200}$/u;

export interface StaffMember {
  labId: string;
  sub: string;
  name: string;
  roles: StaffRole[];
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `lab_id AS "labId", sub, name, roles, active, created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * A lab's staff (issue 5). A lab token sees its own lab only (another lab answers 404, as if
 * it did not exist); admins see every lab. Staff are set by an admin or by an active
 * authorised signatory of the same lab — lab management — and every change is audited.
 */
@Injectable()
export class StaffService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The lab id the caller may act on, 404 otherwise. */
  private async lab(p: Principal, labId: string, m: EntityManager = this.ds.manager, lock = false) {
    if (!UUID.test(labId) || (p.role === 'lab' && p.org !== labId)) throw notFound('lab', labId);
    const rows = (await m.query(
      `SELECT 1 FROM lab WHERE id = $1 ${lock ? 'FOR NO KEY UPDATE' : ''}`,
      [labId],
    )) as unknown[];
    if (rows.length === 0) throw notFound('lab', labId);
    return labId;
  }

  async list(p: Principal, labId: string): Promise<{ items: StaffMember[] }> {
    await this.lab(p, labId);
    const items = (await this.ds.query(
      `SELECT ${COLUMNS} FROM lab_staff WHERE lab_id = $1 ORDER BY sub COLLATE "C"`,
      [labId],
    )) as StaffMember[];
    return { items };
  }

  /** The caller's own staff record, or null (a lab token of someone not on the staff list). */
  async me(p: Principal): Promise<StaffMember> {
    const labId = p.org ?? '';
    await this.lab(p, labId);
    const [row] = (await this.ds.query(
      `SELECT ${COLUMNS} FROM lab_staff WHERE lab_id = $1 AND sub = $2`,
      [labId, p.sub],
    )) as StaffMember[];
    if (!row) throw notFound('staff member', p.sub);
    return row;
  }

  async put(p: Principal, labId: string, sub: string, dto: PutStaffDto): Promise<StaffMember> {
    if (!SUB.test(sub))
      throw invalid([
        { field: 'sub', reason: 'must be 1–200 characters without control characters' },
      ]);
    return this.ds.transaction(async (m) => {
      // One staff change of a lab at a time: two signatories removing each other at once
      // would each pass the check below and leave the lab without one. (NO KEY UPDATE: the
      // tasks' foreign keys to the lab do not wait for it.)
      await this.lab(p, labId, m, true);
      if (p.role === 'lab') {
        const [me] = (await m.query(
          `SELECT roles, active FROM lab_staff WHERE lab_id = $1 AND sub = $2`,
          [labId, p.sub],
        )) as { roles: string[]; active: boolean }[];
        if (!me?.active || !me.roles.includes('signatory'))
          throw new AppException(
            HttpStatus.FORBIDDEN,
            'FORBIDDEN',
            'only an active authorised signatory of the lab (or an admin) may change its staff',
          );
      }
      const [before] = (await m.query(
        `SELECT ${COLUMNS} FROM lab_staff WHERE lab_id = $1 AND sub = $2 FOR UPDATE`,
        [labId, sub],
      )) as StaffMember[];
      const [after] = (await m.query(
        `INSERT INTO lab_staff (lab_id, sub, name, roles, active) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (lab_id, sub) DO UPDATE
           SET name = EXCLUDED.name, roles = EXCLUDED.roles, active = EXCLUDED.active,
               updated_at = now()
         RETURNING ${COLUMNS}`,
        [labId, sub, dto.name, [...dto.roles].sort(), dto.active ?? true],
      )) as StaffMember[];
      await recordAudit(m, p, [
        {
          action: before ? 'update' : 'create',
          entityType: 'lab_staff',
          entityId: `${labId}/${sub}`,
          before: before ?? null,
          after,
        },
      ]);
      return after;
    });
  }
}
