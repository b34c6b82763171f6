import { Injectable } from '@nestjs/common';
import {
  PUBLICATION_FILE_NAMES,
  PublicationFileStore,
  type PublicationFileName,
  PublicationVerifier,
  type StoredFileInfo,
} from '@spotcheck/database';
import {
  encodeCursor,
  invalidError,
  isValidRegionCode,
  notFoundError,
  regionName,
} from '@spotcheck/domain';
import { Answer, PublicAnswers } from '../public-answers';
import { instantUuidCursor, publicArea } from '../public-paging';
import type { PublicationPageQuery } from './public-publications.dto';
import {
  ChainRow,
  PublicPublicationRow,
  PublicPublicationsRepository,
} from './public-publications.repository';
import { atomFeed } from './atom';

const BASE = '/api/v1/public';
const linksOf = (p: PublicPublicationRow) => ({
  self: `${BASE}/publications/${p.id}`,
  results: `${BASE}/results?result=all&noticeNo=${encodeURIComponent(p.noticeNo)}`,
  files: `${BASE}/publications/${p.id}/files`,
  verification: `${BASE}/publications/${p.id}/verification`,
  chain: `${BASE}/chains/${p.jurisdiction}`,
});
const shown = (p: PublicPublicationRow) => ({
  ...p,
  publishedAt: new Date(p.publishedAt).toISOString(),
  links: linksOf(p),
});

/** A region code the public names in a path or a filter: 6 digits of GB/T 2260, else 400. */
function regionOf(field: string, code: string | undefined): string | undefined {
  if (code !== undefined && !isValidRegionCode(code))
    throw invalidError([{ field, reason: 'must be a GB/T 2260 region code of 6 digits' }]);
  return code;
}

/**
 * Published lists for the public (docs/publication.md, docs/guides/public.md): the versions,
 * each with the versions of its list (superseded ones marked, with the reason), the
 * verification, the digest chain of a jurisdiction checked link by link, the stored files and an
 * Atom feed. A version that is not published answers 404 like one that never existed.
 */
@Injectable()
export class PublicPublicationsService {
  constructor(
    private readonly repo: PublicPublicationsRepository,
    private readonly answers: PublicAnswers,
    private readonly verifier: PublicationVerifier,
    private readonly files: PublicationFileStore,
  ) {}

  list(q: PublicationPageQuery): Promise<Answer> {
    const area = publicArea(regionOf('jurisdiction', q.jurisdiction));
    const before = instantUuidCursor(q.cursor);
    const prefix = area.kind === 'region' ? area.prefix : undefined;
    return this.answers.get(JSON.stringify(['publications', prefix, before, q.limit]), async () => {
      const rows = await this.repo.page({ jurisdictionPrefix: prefix, before }, q.limit + 1);
      const more = rows.length > q.limit;
      const items = (more ? rows.slice(0, q.limit) : rows).map(shown);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: more ? encodeCursor([last.publishedAt, last.id]) : null,
      };
    });
  }

  get(id: string): Promise<Answer> {
    return this.answers.get(JSON.stringify(['publication', id]), async () => {
      const row = await this.find(id);
      return { ...shown(row), versions: (await this.repo.series(row.seriesId)).map(shown) };
    });
  }

  verification(id: string): Promise<Answer> {
    return this.answers.get(JSON.stringify(['verification', id]), async () => {
      const row = await this.repo.published(id);
      if (!row) throw notFoundError('publication', id);
      return this.verifier.verify(row);
    });
  }

  chain(jurisdiction: string): Promise<Answer> {
    if (!isValidRegionCode(jurisdiction))
      throw notFoundError('jurisdiction', jurisdiction.slice(0, 20));
    return this.answers.get(JSON.stringify(['chain', jurisdiction]), async () =>
      checkChain(jurisdiction, await this.repo.chain(jurisdiction)),
    );
  }

  fileList(id: string): Promise<Answer> {
    return this.answers.get(JSON.stringify(['files', id]), async () => {
      await this.find(id);
      return { items: (await this.files.list(id)).map((f) => fileShown(id, f)) };
    });
  }

  /** A stored file's description (its digest first: a client holding it needs no bytes). */
  async fileInfo(
    id: string,
    name: string,
  ): Promise<{ row: PublicPublicationRow; info: StoredFileInfo }> {
    if (!(PUBLICATION_FILE_NAMES as string[]).includes(name))
      throw notFoundError('file', name.slice(0, 40));
    const row = await this.find(id);
    const info = (await this.files.list(id)).find((f) => f.name === name);
    if (!info) throw notFoundError('file', name);
    return { row, info };
  }

  async fileContent(id: string, name: PublicationFileName): Promise<Buffer> {
    const file = await this.files.get(id, name);
    if (!file) throw notFoundError('file', name);
    return file.content;
  }

  /** The Atom feed of publications, everywhere or by a jurisdiction and its subtree. */
  feed(jurisdiction?: string): Promise<Answer> {
    if (jurisdiction !== undefined && !isValidRegionCode(jurisdiction))
      throw notFoundError('jurisdiction', jurisdiction.slice(0, 20));
    const area = publicArea(jurisdiction);
    const prefix = area.kind === 'region' ? area.prefix : undefined;
    return this.answers.getAs(
      JSON.stringify(['feed', prefix]),
      'application/atom+xml; charset=utf-8',
      async () => {
        const rows = await this.repo.page({ jurisdictionPrefix: prefix }, 50);
        const self = jurisdiction
          ? `${BASE}/feeds/${jurisdiction}/publications.atom`
          : `${BASE}/feeds/publications.atom`;
        return Buffer.from(
          atomFeed({
            id: `urn:spotcheck:publications:${jurisdiction ?? 'all'}`,
            title: `抽检结果公告 — ${jurisdiction ? (regionName(jurisdiction) ?? jurisdiction) : '全部'}`,
            self,
            entries: rows.map((r) => ({ ...r, links: linksOf(r) })),
          }),
        );
      },
    );
  }

  private async find(id: string): Promise<PublicPublicationRow> {
    const row = await this.repo.find(id);
    if (!row) throw notFoundError('publication', id);
    return row;
  }
}

const fileShown = (id: string, f: StoredFileInfo) => ({
  name: f.name,
  mediaType: f.mediaType,
  sha256: f.sha256,
  size: f.size,
  url: `${BASE}/publications/${id}/files/${f.name}`,
});

/**
 * A jurisdiction's chain checked from the stored values, link by link: positions 1, 2, … without
 * gaps, each list naming the digest and id of the one before (the first none), and each stored
 * list.json hashing to its list's digest. The digests themselves are recomputed from the rows
 * by each version's verification.
 */
export function checkChain(jurisdiction: string, rows: readonly ChainRow[]) {
  const problems: { chainSeq: number; check: string; detail: string }[] = [];
  const items = rows.map((r, i) => {
    const before = i > 0 ? rows[i - 1] : undefined;
    const bad = (check: string, detail: string) => {
      problems.push({ chainSeq: r.chainSeq, check, detail });
      return false;
    };
    let ok = true;
    if (r.chainSeq !== i + 1)
      ok = bad('sequence', `position ${i + 1} holds chainSeq ${r.chainSeq}`);
    const linked =
      before === undefined
        ? r.previousDigest === null && r.previousId === null
        : r.previousDigest === before.digest && r.previousId === before.id;
    if (!linked)
      ok = bad(
        'previous',
        before === undefined
          ? 'the first list names a previous digest'
          : `previousDigest is not the digest of ${before.noticeNo}`,
      );
    if (r.fileSha256 !== null && r.fileSha256 !== r.digest)
      ok = bad('file', 'the stored list.json does not hash to the digest');
    const { previousId: _p, ...shownRow } = r;
    return { ...shownRow, ok };
  });
  return {
    jurisdiction,
    verdict: problems.length === 0 ? 'MATCH' : 'MISMATCH',
    head: rows.length ? rows[rows.length - 1].digest : null,
    problems,
    items,
  };
}
