import { Injectable } from '@nestjs/common';
import type { Page } from '@spotcheck/common';
import { encodeCursor, notFoundError, verifyRetestDraw } from '@spotcheck/domain';
import type { RetestDrawRecord, RetestDrawVerification } from '@spotcheck/domain';
import { PublicRetestQuery } from './public-retest.dto';
import { PublicRetestRepository, PublicRetestRow } from './public-retest.repository';
import { instantUuidCursor, publicArea } from '../public-paging';

export type PublicRetest = Omit<PublicRetestRow, 'drawnAt' | 'committedAt'> & {
  drawnAt: string;
  committedAt: string;
};

/**
 * The retest-lab draws of closed objections (docs/rules.md §3.5): anyone may read the record
 * and check it; the verification recomputes it (docs/draw-algorithm.md §12).
 */
@Injectable()
export class PublicRetestService {
  constructor(private readonly repo: PublicRetestRepository) {}

  async list(q: PublicRetestQuery): Promise<Page<PublicRetest>> {
    const area = publicArea(q.jurisdiction);
    const before = instantUuidCursor(q.cursor);
    const rows = await this.repo.page(area, before, q.limit + 1);
    const more = rows.length > q.limit;
    const items = (more ? rows.slice(0, q.limit) : rows).map((r) => ({
      ...r,
      drawnAt: new Date(r.drawnAt).toISOString(),
      committedAt: new Date(r.committedAt).toISOString(),
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeCursor([last.drawnAt, last.objectionId]) : null };
  }

  async record(id: string): Promise<RetestDrawRecord> {
    const record = await this.repo.record(id);
    if (!record) throw notFoundError('retest draw', id);
    return record;
  }

  async verification(
    id: string,
  ): Promise<{ objectionId: string; lab: string; verification: RetestDrawVerification }> {
    const record = await this.record(id);
    return { objectionId: id, lab: record.lab, verification: verifyRetestDraw(record) };
  }
}
