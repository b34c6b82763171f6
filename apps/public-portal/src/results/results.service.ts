import { Injectable } from '@nestjs/common';
import {
  SECTOR_LABELS_ZH,
  type Sector,
  decodeCursor,
  encodeCursor,
  invalidError,
  isUuid,
  notFoundError,
  regionName,
  regionPrefix,
  validateIsoDate,
} from '@spotcheck/domain';
import { Answer, PublicAnswers } from '../public-answers';
import { checkFilters } from '../public-query';
import type { ResultCountQuery, ResultFilterQuery, ResultSearchQuery, Sort } from './results.dto';
import { PublicResultsRepository, ResultFilter, ResultRow } from './results.repository';

/** The permalink of a published result. */
export const resultUrl = (publicationId: string, table: string, serial: number) =>
  `/api/v1/public/results/${publicationId}/${table}/${serial}`;

const ID = /^\d{1,18}$/;

/**
 * Published results for the public (docs/public-portal.md): searched over the versions
 * published and not superseded, counted, and each by its permalink. Answers are built once per
 * public version (PublicAnswers): a publication is what changes them.
 */
@Injectable()
export class PublicResultsService {
  constructor(
    private readonly repo: PublicResultsRepository,
    private readonly answers: PublicAnswers,
  ) {}

  search(q: ResultSearchQuery): Promise<Answer> {
    const filter = this.filterOf(q);
    const after = cursorOf(q.cursor, q.sort);
    const request = JSON.stringify(['results', filter, q.sort, after ?? null, q.limit]);
    return this.answers.get(request, async (v) => {
      const rows = await this.repo.search(
        { ...filter, current: v.current },
        q.sort,
        after,
        q.limit + 1,
      );
      const more = rows.length > q.limit;
      const page = more ? rows.slice(0, q.limit) : rows;
      const last = page[page.length - 1];
      return {
        items: page.map(shown),
        nextCursor: more ? encodeCursor([q.sort, last.cursorKey, last.cursorId]) : null,
      };
    });
  }

  count(q: ResultCountQuery): Promise<Answer> {
    const filter = this.filterOf(q);
    const request = JSON.stringify(['count', filter, q.count, q.limit]);
    return this.answers.get(request, async (v) => {
      const rows = await this.repo.count({ ...filter, current: v.current }, q.count, q.limit);
      return {
        field: q.count,
        items: rows.map((r) => ({
          value: r.value,
          label:
            r.label ??
            (q.count === 'prefecture'
              ? (regionName(r.value) ?? null)
              : q.count === 'sector'
                ? (SECTOR_LABELS_ZH[r.value as Sector] ?? null)
                : null),
          count: r.count,
        })),
      };
    });
  }

  /** A published result by its permalink; 404 for anything never published. */
  entry(publicationId: string, table: string, serial: string): Promise<Answer> {
    if (
      !isUuid(publicationId) ||
      (table !== 'failed' && table !== 'passed') ||
      !/^[1-9]\d{0,8}$/.test(serial)
    )
      throw notFoundError('result', `${publicationId}/${table}/${serial}`.slice(0, 120));
    const id = publicationId.toLowerCase();
    return this.answers.get(JSON.stringify(['entry', id, table, serial]), async () => {
      const row = await this.repo.entry(id, table, Number(serial));
      if (!row) throw notFoundError('result', `${id}/${table}/${serial}`);
      return { url: resultUrl(row.publicationId, row.result, row.serial), ...row };
    });
  }

  /** The checked filters, as the repository takes them (without the versions searched). */
  private filterOf(q: ResultFilterQuery): Omit<ResultFilter, 'current'> {
    checkFilters(q);
    const text = q.q?.trim();
    if (q.q !== undefined && !text)
      throw invalidError([{ field: 'q', reason: 'must not be blank' }]);
    return {
      q: text,
      table: q.result === 'all' ? undefined : q.result,
      regionPrefix: q.prefecture === undefined ? undefined : regionPrefix(q.prefecture),
      jurisdictionPrefix:
        q.jurisdiction === undefined || q.jurisdiction === '000000'
          ? undefined
          : regionPrefix(q.jurisdiction),
      category: q.category,
      sector: q.sector,
      from: q.from,
      to: q.to,
      lab: q.lab?.toLowerCase(),
      plan: q.plan?.toLowerCase(),
      noticeNo: q.noticeNo,
      uscc: q.uscc,
    };
  }
}

/** A row as the API shows it: its permalink first, without the keys of the page. */
function shown(r: ResultRow) {
  const { cursorKey: _k, cursorId: _i, ...row } = r;
  return { url: resultUrl(r.publicationId, r.result, r.serial), ...row };
}

/** The position a cursor names, for the same sort; anything else is a 400 naming `cursor`. */
function cursorOf(cursor: string | undefined, sort: Sort): [string, string] | undefined {
  if (cursor === undefined) return undefined;
  const v = decodeCursor(cursor);
  const bad = () =>
    invalidError([{ field: 'cursor', reason: 'is not a cursor this API issued for this sort' }]);
  if (!v || v.length !== 3 || v[0] !== sort) throw bad();
  const [, key, id] = v;
  if (typeof key !== 'string' || typeof id !== 'string' || !ID.test(id)) throw bad();
  if (sort.endsWith('publishedOn') ? !validateIsoDate(key).ok : key.length > 400) throw bad();
  return [key, id];
}
