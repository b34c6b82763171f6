import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Scope, scopeSql } from '@spotcheck/auth';
import type { Sector, TargetMetric } from '@spotcheck/domain';

/** A target as the API shows it; `target` a decimal string in percent ("96.5"). */
export interface TargetView {
  id: string;
  jurisdiction: string;
  sector: Sector;
  year: number;
  metric: TargetMetric;
  target: string;
  source: string;
  note: string | null;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
}

export interface TargetFilter {
  jurisdiction?: string;
  sector?: Sector;
  year?: number;
  metric?: TargetMetric;
}

export interface NewTarget {
  jurisdiction: string;
  sector: Sector;
  year: number;
  metric: TargetMetric;
  target: string;
  source: string;
  note: string | null;
  by: string;
}

/** A regulator sees the targets set within its subtree and above it (they hold there too). */
const TARGET_SCOPE = { regionOrAbove: 't.jurisdiction' } as const;

const COLUMNS = `t.id, t.jurisdiction, t.sector, t.year, t.metric,
  trim(trailing '.' FROM trim(trailing '0' FROM t.target::text)) AS target, t.source, t.note,
  t.created_at AS "createdAt", t.created_by AS "createdBy",
  t.updated_at AS "updatedAt", t.updated_by AS "updatedBy"`;

/** `rate_target`. */
@Injectable()
export class TargetRepository {
  async list(m: EntityManager, scope: Scope, f: TargetFilter): Promise<TargetView[]> {
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    const where = [scopeSql(scope, TARGET_SCOPE, arg)];
    if (f.jurisdiction) where.push(`t.jurisdiction = ${arg(f.jurisdiction)}`);
    if (f.sector) where.push(`t.sector = ${arg(f.sector)}`);
    if (f.year !== undefined) where.push(`t.year = ${arg(f.year)}`);
    if (f.metric) where.push(`t.metric = ${arg(f.metric)}`);
    return (await m.query(
      `SELECT ${COLUMNS} FROM rate_target t WHERE ${where.join(' AND ')}
        ORDER BY t.jurisdiction, t.year DESC, t.sector, t.metric`,
      args,
    )) as TargetView[];
  }

  /** Every pass-rate target, for resolving the one in force (libs/domain resolveTarget). */
  async passRateTargets(m: EntityManager): Promise<TargetView[]> {
    return (await m.query(
      `SELECT ${COLUMNS} FROM rate_target t WHERE t.metric = 'pass_rate'`,
    )) as TargetView[];
  }

  async disposalRateTargets(m: EntityManager): Promise<TargetView[]> {
    return (await m.query(
      `SELECT ${COLUMNS} FROM rate_target t WHERE t.metric = 'disposal_rate'`,
    )) as TargetView[];
  }

  async find(m: EntityManager, scope: Scope, id: string, lock = false): Promise<TargetView | null> {
    const args: unknown[] = [id];
    const where = scopeSql(scope, TARGET_SCOPE, (v) => `$${args.push(v)}`);
    const [row] = (await m.query(
      `SELECT ${COLUMNS} FROM rate_target t WHERE t.id = $1 AND ${where}${lock ? ' FOR UPDATE' : ''}`,
      args,
    )) as TargetView[];
    return row ?? null;
  }

  /** The new target's id, or null when one exists for the same key. */
  async insert(m: EntityManager, t: NewTarget): Promise<string | null> {
    const [row] = (await m.query(
      `INSERT INTO rate_target (jurisdiction, sector, year, metric, target, source, note,
                                created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT (jurisdiction, sector, year, metric) DO NOTHING RETURNING id`,
      [t.jurisdiction, t.sector, t.year, t.metric, t.target, t.source, t.note, t.by],
    )) as { id: string }[];
    return row?.id ?? null;
  }

  async update(
    m: EntityManager,
    id: string,
    patch: { target?: string; source?: string; note?: string | null },
    by: string,
  ): Promise<void> {
    await m.query(
      `UPDATE rate_target
          SET target = coalesce($2::numeric, target), source = coalesce($3, source),
              note = CASE WHEN $4 THEN $5 ELSE note END, updated_at = now(), updated_by = $6
        WHERE id = $1`,
      [
        id,
        patch.target ?? null,
        patch.source ?? null,
        patch.note !== undefined,
        patch.note ?? null,
        by,
      ],
    );
  }

  async remove(m: EntityManager, id: string): Promise<void> {
    await m.query('DELETE FROM rate_target WHERE id = $1', [id]);
  }
}
