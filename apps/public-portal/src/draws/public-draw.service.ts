import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, invalid, notFound } from '@spotcheck/common';
import { Draw, drawEligibleText, exportRecordJson, verifyStoredDraw } from '@spotcheck/database';
import {
  decodeCursor,
  encodeCursor,
  isCursorInstant,
  isDrawPublic,
  regionPrefix,
} from '@spotcheck/domain';
import type { DrawRecordHeader, DrawVerification, PlanState } from '@spotcheck/domain';
import { PublicDrawQuery } from './public-draw.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PublicDraw {
  drawId: string;
  planCode: string;
  planTitle: string;
  level: string;
  jurisdiction: string;
  year: number;
  categories: string[];
  commitment: string;
  committedAt: string | null;
  witness: string | null;
  drawnAt: string;
  eligibleCount: number;
  eligibleDigest: string;
  tasks: number;
}

/**
 * Draws the public may see (DESIGN §3.2 step 5, 一公开): those of closed plans. A draw of a
 * plan still running — or cancelled — answers 404 exactly like a draw that does not exist, so
 * the portal does not even reveal that an unannounced check is under way.
 */
@Injectable()
export class PublicDrawService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private readonly select = `
    SELECT d.id AS "drawId", p.code AS "planCode", p.title AS "planTitle", p.level,
           p.jurisdiction, p.year, p.categories, d.commitment, p.committed_at AS "committedAt",
           p.witness, d.drawn_at AS "drawnAt", (d.record->>'eligibleCount')::int AS "eligibleCount",
           d.eligible_digest AS "eligibleDigest", jsonb_array_length(d.record->'tasks') AS tasks
      FROM draw d JOIN sampling_plan p ON p.id = d.plan_id
     WHERE p.state = 'closed'`;

  async list(q: PublicDrawQuery): Promise<Page<PublicDraw>> {
    const params: unknown[] = [];
    let sql = this.select;
    if (q.year !== undefined) {
      params.push(q.year);
      sql += ` AND p.year = $${params.length}`;
    }
    // 000000 (the country, national plans' jurisdiction) holds every plan.
    if (q.jurisdiction !== undefined && q.jurisdiction !== '000000') {
      // The subtree by GB/T 2260's padding: 152530 is that county alone, not also 152531.
      params.push(`${regionPrefix(q.jurisdiction)}%`);
      sql += ` AND p.jurisdiction LIKE $${params.length}`;
    }
    if (q.cursor !== undefined) {
      const after = decodeCursor(q.cursor);
      if (
        !after ||
        !isCursorInstant(after[0], 3) ||
        typeof after[1] !== 'string' ||
        !UUID.test(after[1])
      )
        throw invalid([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      params.push(after[0], after[1]);
      sql += ` AND (d.drawn_at, d.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(q.limit + 1);
    sql += ` ORDER BY d.drawn_at DESC, d.id DESC LIMIT $${params.length}`;
    const rows = (await this.ds.query(sql, params)) as (PublicDraw & { drawnAt: Date })[];
    const more = rows.length > q.limit;
    const items = (more ? rows.slice(0, q.limit) : rows).map((r) => ({
      ...r,
      drawnAt: r.drawnAt.toISOString(),
      committedAt: r.committedAt ? new Date(r.committedAt).toISOString() : null,
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeCursor([last.drawnAt, last.drawId]) : null };
  }

  /** The draw if its plan is closed; 404 otherwise. */
  async find(id: string): Promise<Draw> {
    if (UUID.test(id)) {
      const rows = (await this.ds.query(
        `SELECT state FROM sampling_plan p JOIN draw d ON d.plan_id = p.id WHERE d.id = $1`,
        [id],
      )) as { state: PlanState }[];
      if (rows.length && isDrawPublic(rows[0].state)) {
        const d = await this.ds.getRepository(Draw).findOneBy({ id });
        if (d) return d;
      }
    }
    throw notFound('draw', id);
  }

  async verification(d: Draw): Promise<{
    drawId: string;
    verdict: DrawVerification;
    record: DrawRecordHeader;
    recordUrl: string;
  }> {
    return {
      drawId: d.id,
      verdict: await verifyStoredDraw(this.ds.manager, d),
      record: d.record,
      recordUrl: `/api/v1/public/draws/${d.id}/record`,
    };
  }

  async record(d: Draw): Promise<Iterable<string>> {
    return exportRecordJson(d, await drawEligibleText(this.ds.manager, d.id));
  }
}
