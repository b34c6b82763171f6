import { Injectable } from '@nestjs/common';
import { Principal } from '@spotcheck/auth';
import { Lab } from '@spotcheck/database';
import { notFoundError } from '@spotcheck/domain';
import { labScope } from '../lab-access';
import { LabRepository } from './lab.repository';

@Injectable()
export class LabService {
  constructor(private readonly labs: LabRepository) {}

  /** The caller's own lab; 404 when its token names no lab. */
  async own(p: Principal): Promise<Lab> {
    const scope = labScope(p);
    const lab =
      scope.kind === 'lab' && scope.labId ? await this.labs.find(scope, scope.labId) : null;
    if (!lab) throw notFoundError('lab', p.org ?? '');
    return lab;
  }
}
