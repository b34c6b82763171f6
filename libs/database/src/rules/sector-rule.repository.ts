import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SectorRuleSet } from '@spotcheck/domain';

/** One stored version of a sector's rules. */
export interface SectorRuleRow {
  sector: string;
  version: number;
  rules: SectorRuleSet;
  reason: string;
  setBy: string;
  setAt: Date;
}

const COLUMNS = `sector, version, rules, reason, set_by AS "setBy", set_at AS "setAt"`;

/** Advisory lock class of sector-rule edits (with the sector as the second key). */
const SECTOR_RULE_LOCK = 734_914;

/** Every statement on `sector_rule`. */
@Injectable()
export class SectorRuleRepository {
  constructor(private readonly ds: DataSource) {}

  /** The version in force of every sector (the highest), in sector order. */
  current(m: EntityManager = this.ds.manager): Promise<SectorRuleRow[]> {
    return m.query(
      `SELECT DISTINCT ON (sector) ${COLUMNS} FROM sector_rule ORDER BY sector, version DESC`,
    ) as Promise<SectorRuleRow[]>;
  }

  /** Every version of a sector, newest first. */
  versions(sector: string, m: EntityManager = this.ds.manager): Promise<SectorRuleRow[]> {
    return m.query(`SELECT ${COLUMNS} FROM sector_rule WHERE sector = $1 ORDER BY version DESC`, [
      sector,
    ]) as Promise<SectorRuleRow[]>;
  }

  /** Edits of one sector take turns until `m`'s transaction ends. */
  async lock(m: EntityManager, sector: string): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SECTOR_RULE_LOCK, sector]);
  }

  /** The sector's version in force, read inside `m`'s transaction. */
  async latest(m: EntityManager, sector: string): Promise<SectorRuleRow | undefined> {
    const [row] = (await m.query(
      `SELECT ${COLUMNS} FROM sector_rule WHERE sector = $1 ORDER BY version DESC LIMIT 1`,
      [sector],
    )) as SectorRuleRow[];
    return row;
  }

  async insert(
    m: EntityManager,
    r: { sector: string; version: number; rules: SectorRuleSet; reason: string; setBy: string },
  ): Promise<SectorRuleRow> {
    const [row] = (await m.query(
      `INSERT INTO sector_rule (sector, version, rules, reason, set_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [r.sector, r.version, JSON.stringify(r.rules), r.reason, r.setBy],
    )) as SectorRuleRow[];
    return row;
  }
}
