import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Scope, scopeSql } from '@spotcheck/auth';
import type { GtinHolding } from '@spotcheck/domain';

/** One registration at a time, so two enterprises cannot claim overlapping prefixes at once. */
export const REGISTRATION_LOCK = 7_349_120_040;

/** A registered company prefix or GTIN, as the API shows it. */
export interface GtinPrefixView {
  id: string;
  uscc: string;
  kind: GtinHolding['kind'];
  value: string;
  createdBy: string;
  createdAt: Date;
}

const VIEW = `SELECT g.id, g.uscc, g.kind, g.value, g.created_by AS "createdBy", g.created_at AS "createdAt"
                FROM enterprise_gtin_prefix g`;

/**
 * What an enterprise holds: its own rows for the enterprise, those of its jurisdiction's
 * enterprises (by the directory's region code) for a regulator. `owner` is the SQL expression
 * naming the enterprise's USCC.
 */
export function ownerScopeSql(scope: Scope, owner: string, arg: (v: unknown) => string): string {
  if (scope.kind === 'region')
    return `${owner} IN (SELECT e.uscc FROM enterprise e WHERE ${scopeSql(scope, { region: 'e.region_code' }, arg)})`;
  return scopeSql(scope, { enterprise: owner }, arg);
}

/** The SQL of GS1 numbering holdings (`enterprise_gtin_prefix`). */
@Injectable()
export class GtinPrefixRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Waits for registrations and removals: exclusive for them, shared for captures. */
  async lockRegistrations(m: EntityManager, shared = false): Promise<void> {
    await m.query(
      shared ? 'SELECT pg_advisory_xact_lock_shared($1)' : 'SELECT pg_advisory_xact_lock($1)',
      [REGISTRATION_LOCK],
    );
  }

  /** An enterprise's holdings in a stable order (capture compares two reads). */
  holdingsOf(uscc: string, m: EntityManager = this.ds.manager): Promise<GtinHolding[]> {
    return m.query(
      `SELECT kind, value FROM enterprise_gtin_prefix WHERE uscc = $1 ORDER BY kind, value`,
      [uscc],
    ) as Promise<GtinHolding[]>;
  }

  async enterpriseExists(m: EntityManager, uscc: string): Promise<boolean> {
    const rows = (await m.query(`SELECT 1 FROM enterprise WHERE uscc = $1`, [uscc])) as unknown[];
    return rows.length > 0;
  }

  /**
   * The holdings that may overlap `holding`: those sharing its first six digits (a company
   * prefix is at least six digits long); the caller decides which truly overlap.
   */
  candidatesOverlapping(
    m: EntityManager,
    holding: GtinHolding,
  ): Promise<(GtinHolding & { id: string; uscc: string })[]> {
    return m.query(
      `SELECT id, uscc, kind, value FROM enterprise_gtin_prefix
        WHERE (kind = 'company_prefix' AND left(value, 6) = left($1, 6))
           OR (kind = 'gtin' AND substr(value, 2, 6) = left($1, 6))`,
      [holding.kind === 'gtin' ? holding.value.slice(1) : holding.value],
    ) as Promise<(GtinHolding & { id: string; uscc: string })[]>;
  }

  async insert(
    m: EntityManager,
    uscc: string,
    holding: GtinHolding,
    by: string,
  ): Promise<GtinPrefixView> {
    const [row] = (await m.query(
      `INSERT INTO enterprise_gtin_prefix (uscc, kind, value, created_by) VALUES ($1, $2, $3, $4)
       RETURNING id, uscc, kind, value, created_by AS "createdBy", created_at AS "createdAt"`,
      [uscc, holding.kind, holding.value, by],
    )) as GtinPrefixView[];
    return row;
  }

  /** Up to `limit` holdings in `scope`, in (uscc, id) order after `after`. */
  list(
    scope: Scope,
    f: { uscc?: string; after?: [string, string] },
    limit: number,
  ): Promise<GtinPrefixView[]> {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const where = [ownerScopeSql(scope, 'g.uscc', arg)];
    if (f.uscc !== undefined) where.push(`g.uscc = ${arg(f.uscc)}`);
    if (f.after !== undefined)
      where.push(`(g.uscc, g.id) > (${arg(f.after[0])}, ${arg(f.after[1])}::uuid)`);
    return this.ds.query(
      `${VIEW} WHERE ${where.join(' AND ')} ORDER BY g.uscc, g.id LIMIT ${arg(limit)}`,
      params,
    ) as Promise<GtinPrefixView[]>;
  }

  /** The holding when it lies in `scope`, locked for its removal. */
  async findForUpdate(
    m: EntityManager,
    scope: Scope,
    id: string,
  ): Promise<GtinPrefixView | undefined> {
    const params: unknown[] = [id];
    const arg = (v: unknown) => `$${params.push(v)}`;
    const [row] = (await m.query(
      `${VIEW} WHERE g.id = $1 AND ${ownerScopeSql(scope, 'g.uscc', arg)} FOR UPDATE OF g`,
      params,
    )) as GtinPrefixView[];
    return row;
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM enterprise_gtin_prefix WHERE id = $1`, [id]);
  }
}
