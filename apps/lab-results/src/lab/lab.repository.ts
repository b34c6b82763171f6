import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Scope, inScope } from '@spotcheck/auth';
import { Lab } from '@spotcheck/database';

export interface LabPlace {
  name: string;
  regionCode: string;
}

/** The lab directory as the lab app reads it: a lab's own record, its existence, its place. */
@Injectable()
export class LabRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The lab, when the scope sees it. */
  async find(scope: Scope, id: string): Promise<Lab | null> {
    if (!inScope(scope, { lab: id })) return null;
    return this.ds.getRepository(Lab).findOneBy({ id });
  }

  /**
   * Whether the lab exists and the scope sees it. `lock` takes FOR NO KEY UPDATE, which
   * serialises changes to the lab's staff without making foreign keys to the lab wait.
   */
  async exists(m: EntityManager, scope: Scope, id: string, lock = false): Promise<boolean> {
    if (!inScope(scope, { lab: id })) return false;
    const rows = (await m.query(
      `SELECT 1 FROM lab WHERE id = $1 ${lock ? 'FOR NO KEY UPDATE' : ''}`,
      [id],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Its name and region, where custody events at the lab take place. */
  async place(m: EntityManager, id: string): Promise<LabPlace | null> {
    const [row] = (await m.query(
      `SELECT name, region_code AS "regionCode" FROM lab WHERE id = $1`,
      [id],
    )) as LabPlace[];
    return row ?? null;
  }
}
