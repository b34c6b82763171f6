import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@spotcheck/auth';
import { recordAudit } from '@spotcheck/common';
import { forbiddenError, invalidError, notFoundError } from '@spotcheck/domain';
import { LabRepository } from '../lab/lab.repository';
import { labScope } from '../lab-access';
import { LabStaffRepository, StaffMember } from './lab-staff.repository';
import { PutStaffDto } from './staff.dto';

const SUB = /^[^\p{Cc}]{1,200}$/u;

/**
 * A lab's staff. A lab token sees its own lab only (another lab answers 404, as if it did not
 * exist); admins see every lab. Staff are set by an admin or by an active authorised
 * signatory of the same lab — lab management — and every change is audited.
 */
@Injectable()
export class StaffService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly labs: LabRepository,
    private readonly staff: LabStaffRepository,
  ) {}

  /** 404 unless the lab exists and the caller may see it. */
  private async lab(p: Principal, labId: string, m: EntityManager, lock = false): Promise<void> {
    if (!(await this.labs.exists(m, labScope(p), labId, lock))) throw notFoundError('lab', labId);
  }

  async list(p: Principal, labId: string): Promise<{ items: StaffMember[] }> {
    await this.lab(p, labId, this.ds.manager);
    return { items: await this.staff.list(this.ds.manager, labId) };
  }

  /** The caller's own staff record; 404 for a lab token of someone not on the staff list. */
  async me(p: Principal): Promise<StaffMember> {
    const labId = p.org ?? '';
    await this.lab(p, labId, this.ds.manager);
    const row = await this.staff.find(this.ds.manager, labId, p.sub);
    if (!row) throw notFoundError('staff member', p.sub);
    return row;
  }

  async put(p: Principal, labId: string, sub: string, dto: PutStaffDto): Promise<StaffMember> {
    if (!SUB.test(sub))
      throw invalidError([
        { field: 'sub', reason: 'must be 1–200 characters without control characters' },
      ]);
    return this.ds.transaction(async (m) => {
      // One staff change of a lab at a time: two signatories removing each other at once
      // would each pass the check below and leave the lab without one.
      await this.lab(p, labId, m, true);
      if (p.role === 'lab') {
        const me = await this.staff.find(m, labId, p.sub);
        if (!me?.active || !me.roles.includes('signatory'))
          throw forbiddenError(
            'only an active authorised signatory of the lab (or an admin) may change its staff',
          );
      }
      const before = await this.staff.find(m, labId, sub, true);
      const after = await this.staff.put(m, {
        labId,
        sub,
        name: dto.name,
        roles: dto.roles,
        active: dto.active ?? true,
      });
      await recordAudit(m, p, [
        {
          action: before ? 'update' : 'create',
          entityType: 'lab_staff',
          entityId: `${labId}/${sub}`,
          before,
          after,
        },
      ]);
      return after;
    });
  }
}
