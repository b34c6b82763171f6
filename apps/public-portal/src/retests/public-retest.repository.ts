import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Scope, scopeSql } from '@spotcheck/auth';
import type { RetestDrawRecord } from '@spotcheck/domain';

/** A retest-lab draw of a closed objection, as the public list shows it. */
export interface PublicRetestRow {
  objectionId: string;
  sampleNo: string;
  category: string;
  jurisdiction: string;
  originalLab: string;
  retestLab: string;
  commitment: string;
  committedAt: Date;
  drawnAt: Date;
  concludedOn: string;
  conclusion: 'confirmed' | 'overturned';
}

/**
 * Retest-lab draws become public once their case closes: the retest concluded. Before, they
 * are absent here, like a draw of a plan still open.
 */
const CLOSED = `o.state = 'concluded'`;

const SELECT = `
  SELECT o.id AS "objectionId", s.sample_no AS "sampleNo", s.category, o.jurisdiction,
         l.name AS "originalLab", rl.name AS "retestLab", o.commitment,
         o.committed_at AS "committedAt", o.drawn_at AS "drawnAt",
         o.concluded_on::text AS "concludedOn", o.conclusion
    FROM objection o
    JOIN sample s ON s.id = o.sample_id
    JOIN lab l ON l.id = s.lab_id
    JOIN lab rl ON rl.id = o.retest_lab_id
   WHERE ${CLOSED}`;

@Injectable()
export class PublicRetestRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Newest draw first, keyset before (drawn_at, id). */
  page(area: Scope, before: [string, string] | undefined, limit: number) {
    const params: unknown[] = [];
    const arg = (v: unknown) => `$${params.push(v)}`;
    let sql = `${SELECT} AND ${scopeSql(area, { region: 'o.jurisdiction' }, arg)}`;
    if (before !== undefined)
      sql += ` AND (o.drawn_at, o.id) < (${arg(before[0])}::timestamptz, ${arg(before[1])}::uuid)`;
    sql += ` ORDER BY o.drawn_at DESC, o.id DESC LIMIT ${arg(limit)}`;
    return this.ds.query(sql, params) as Promise<PublicRetestRow[]>;
  }

  /** The record of a closed case's draw; undefined for any other objection. */
  async record(id: string): Promise<RetestDrawRecord | undefined> {
    const [row] = (await this.ds.query(
      `SELECT o.draw_record AS record FROM objection o WHERE o.id = $1 AND ${CLOSED}`,
      [id],
    )) as { record: RetestDrawRecord }[];
    return row?.record;
  }
}
