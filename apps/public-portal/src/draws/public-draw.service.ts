import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { Page, etagOf } from '@spotcheck/common';
import { Draw, exportRecordJson } from '@spotcheck/database';
import { encodeCursor, isDrawPublic, notFoundError } from '@spotcheck/domain';
import type { DrawRecordHeader, DrawVerification } from '@spotcheck/domain';
import { PublicDrawQuery } from './public-draw.dto';
import { PublicDrawRepository } from './public-draw.repository';
import { FrozenAnswer, PublishedDraw, PublishedDrawCache } from './published-draw.cache';
import { instantUuidCursor, publicArea } from '../public-paging';

const gzipAsync = promisify(gzip);

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
  constructor(
    private readonly repo: PublicDrawRepository,
    private readonly cache: PublishedDrawCache,
  ) {}

  async list(q: PublicDrawQuery): Promise<Page<PublicDraw>> {
    const area = publicArea(q.jurisdiction);
    const before = instantUuidCursor(q.cursor);
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

  /**
   * The draw's verification and complete record as served: computed once, when first asked
   * for, then from memory (a closed draw never changes); 404 for a draw that is not public.
   */
  published(id: string): Promise<PublishedDraw> {
    return this.cache.get(id, async () => {
      const d = await this.find(id);
      const budget = this.cache.budget;
      const verification = await frozen(
        [Buffer.from(JSON.stringify(await this.verification(d)))],
        budget,
      );
      const record = await frozen(await this.recordPieces(d), budget);
      return { drawId: d.id, verification, record };
    });
  }

  /** The verification's body: kept, or computed again when it was too large to keep. */
  async verificationBody(p: PublishedDraw): Promise<Buffer> {
    const kept = p.verification.body;
    if (kept) return kept;
    return Buffer.from(JSON.stringify(await this.verification(await this.find(p.drawId))));
  }

  /** The record's body in pieces: kept, or exported again when it was too large to keep. */
  async recordBody(p: PublishedDraw): Promise<Iterable<Buffer>> {
    const kept = p.record.body;
    if (kept) return [kept];
    return this.recordPieces(await this.find(p.drawId));
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

  private async recordPieces(d: Draw): Promise<Buffer[]> {
    return [...(await this.record(d))].map((piece) => Buffer.from(piece));
  }
}

/**
 * An answer's ETag and, if they fit in `budget`, its bytes in one buffer and their gzip (JSON
 * of USCCs, hashes and repeated keys shrinks about eightfold).
 */
async function frozen(pieces: Buffer[], budget: number): Promise<FrozenAnswer> {
  const bytes = pieces.reduce((n, p) => n + p.length, 0);
  const etag = etagOf(pieces);
  // A record too large to keep is not copied into one buffer only to be dropped.
  if (bytes > budget) return { etag, bytes };
  const body = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, bytes);
  return { etag, body, gzip: await gzipAsync(body), bytes };
}
