import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Scope, scopeSql } from '@spotcheck/auth';
import { Draw, drawEligibleText, verifyStoredDraw } from '@spotcheck/database';
import type { DrawVerification, PlanState } from '@spotcheck/domain';

/** A published draw as the list shows it. */
export interface PublicDrawRow {
  drawId: string;
  planCode: string;
  planTitle: string;
  level: string;
  jurisdiction: string;
  year: number;
  categories: string[];
  commitment: string;
  committedAt: Date | null;
  witness: string | null;
  drawnAt: Date;
  eligibleCount: number;
  eligibleDigest: string;
  tasks: number;
}

export interface PublicDrawFilter {
  year?: number;
  /** The plans' area, matched on their jurisdiction like a regulator's scope. */
  area: Scope;
  /** Keyset: draws before (drawn_at, id), newest first. */
  before?: [string, string];
}

const SELECT = `
  SELECT d.id AS "drawId", p.code AS "planCode", p.title AS "planTitle", p.level,
         p.jurisdiction, p.year, p.categories, d.commitment, p.committed_at AS "committedAt",
         p.witness, d.drawn_at AS "drawnAt", (d.record->>'eligibleCount')::int AS "eligibleCount",
         d.eligible_digest AS "eligibleDigest", jsonb_array_length(d.record->'tasks') AS tasks
    FROM draw d JOIN sampling_plan p ON p.id = d.plan_id
   WHERE p.state = 'closed'`;

/** Draws of closed plans, the only ones the public sees. */
@Injectable()
export class PublicDrawRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async page(f: PublicDrawFilter, limit: number): Promise<PublicDrawRow[]> {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    let sql = `${SELECT} AND ${scopeSql(f.area, { region: 'p.jurisdiction' }, arg)}`;
    if (f.year !== undefined) sql += ` AND p.year = ${arg(f.year)}`;
    if (f.before !== undefined)
      sql += ` AND (d.drawn_at, d.id) < (${arg(f.before[0])}::timestamptz, ${arg(f.before[1])}::uuid)`;
    sql += ` ORDER BY d.drawn_at DESC, d.id DESC LIMIT ${arg(limit)}`;
    return (await this.ds.query(sql, params)) as PublicDrawRow[];
  }

  /** The state of the draw's plan, or undefined for no such draw. */
  async planState(drawId: string): Promise<PlanState | undefined> {
    const rows = (await this.ds.query(
      `SELECT state FROM sampling_plan p JOIN draw d ON d.plan_id = p.id WHERE d.id = $1`,
      [drawId],
    )) as { state: PlanState }[];
    return rows[0]?.state;
  }

  find(drawId: string): Promise<Draw | null> {
    return this.ds.getRepository(Draw).findOneBy({ id: drawId });
  }

  verify(d: Draw): Promise<DrawVerification> {
    return verifyStoredDraw(this.ds.manager, d);
  }

  eligibleText(drawId: string): Promise<string> {
    return drawEligibleText(this.ds.manager, drawId);
  }
}
