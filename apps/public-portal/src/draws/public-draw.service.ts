import { Injectable } from '@nestjs/common';
import { Scope } from '@spotcheck/auth';
import { Page } from '@spotcheck/common';
import { Draw, exportRecordJson } from '@spotcheck/database';
import {
  decodeCursor,
  encodeCursor,
  invalidError,
  isCursorInstant,
  isDrawPublic,
  isUuid,
  notFoundError,
  regionPrefix,
} from '@spotcheck/domain';
import type { DrawRecordHeader, DrawVerification } from '@spotcheck/domain';
import { PublicDrawQuery } from './public-draw.dto';
import { PublicDrawRepository } from './public-draw.repository';

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
 * Draws the public may see (docs/rules.md §3.2 step 5, 一公开): those of closed plans. A draw of a
 * plan still running — or cancelled — answers 404 exactly like a draw that does not exist, so
 * the portal does not even reveal that an unannounced check is under way.
 */
@Injectable()
export class PublicDrawService {
  constructor(private readonly repo: PublicDrawRepository) {}

  async list(q: PublicDrawQuery): Promise<Page<PublicDraw>> {
    // 000000 (the country, national plans' jurisdiction) holds every plan; any other code its
    // subtree by GB/T 2260's padding: 152530 is that county alone, not also 152531.
    const area: Scope =
      q.jurisdiction === undefined || q.jurisdiction === '000000'
        ? { kind: 'all' }
        : { kind: 'region', prefix: regionPrefix(q.jurisdiction) };
    let before: [string, string] | undefined;
    if (q.cursor !== undefined) {
      const after = decodeCursor(q.cursor);
      if (
        !after ||
        !isCursorInstant(after[0], 3) ||
        typeof after[1] !== 'string' ||
        !isUuid(after[1])
      )
        throw invalidError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      before = [after[0], after[1]];
    }
    const rows = await this.repo.page({ year: q.year, area, before }, q.limit + 1);
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
    const state = await this.repo.planState(id);
    if (state !== undefined && isDrawPublic(state)) {
      const d = await this.repo.find(id);
      if (d) return d;
    }
    throw notFoundError('draw', id);
  }

  async verification(d: Draw): Promise<{
    drawId: string;
    verdict: DrawVerification;
    record: DrawRecordHeader;
    recordUrl: string;
  }> {
    return {
      drawId: d.id,
      verdict: await this.repo.verify(d),
      record: d.record,
      recordUrl: `/api/v1/public/draws/${d.id}/record`,
    };
  }

  async record(d: Draw): Promise<Iterable<string>> {
    return exportRecordJson(d, await this.repo.eligibleText(d.id));
  }
}
