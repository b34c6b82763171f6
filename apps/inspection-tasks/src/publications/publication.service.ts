import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Scope, inScope, scopeOf } from '@spotcheck/auth';
import { Env, recordAudit } from '@spotcheck/common';
import { enqueue } from '@spotcheck/queue';
import {
  PUBLICATION_FILE_NAMES,
  PublicationCompiler,
  PublicationDocuments,
  PublicationFileStore,
  type PublicationFileName,
  PublicationRepository,
  type PublicationRow,
  PublicationVerifier,
  type Verification,
  type StoredFile,
  type StoredFileInfo,
  regionNamesOf,
} from '@spotcheck/database';
import {
  type PublicationEvent,
  chinaDate,
  conflictError,
  formatNoticeNumber,
  invalidError,
  notFoundError,
  publicationDigest,
  transitionPublication,
} from '@spotcheck/domain';
import type { CompileDto, CorrectionDto, EntryQuery, PublicationQuery } from './publication.dto';
import { EntryRow, PublicationQueries } from './publication.queries';

export interface EntryPage {
  items: EntryRow[];
  nextCursor: string | null;
}

export type { Verification, VerificationCheck } from '@spotcheck/database';

const READERS = ['regulator', 'admin'] as const;
const WRITERS = ['regulator'] as const;

/**
 * Published lists of results (docs/rules.md §3.6): compiling a draft on demand, the four-eyes
 * approval, publication with a notice number into the jurisdiction's digest chain, corrections
 * and withdrawals as new versions, and the verification anyone can repeat.
 */
@Injectable()
export class PublicationService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly queries: PublicationQueries,
    private readonly lists: PublicationRepository,
    private readonly compiler: PublicationCompiler,
    private readonly documents: PublicationDocuments,
    private readonly store: PublicationFileStore,
    private readonly verifier: PublicationVerifier,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async list(p: Principal, q: PublicationQuery): Promise<{ items: PublicationRow[] }> {
    return { items: await this.queries.list(scopeOf(p, 'publications', READERS), q) };
  }

  get(p: Principal, id: string): Promise<PublicationRow> {
    return this.find(this.ds.manager, scopeOf(p, 'publications', READERS), id);
  }

  /**
   * Compiles the draft of the jurisdiction's next list (default: the caller's), listing what
   * became final by `until` (default: today). A jurisdiction outside the caller's is absent.
   */
  async compile(p: Principal, dto: CompileDto): Promise<PublicationRow> {
    const scope = scopeOf(p, 'publications', WRITERS);
    const jurisdiction = dto.jurisdiction ?? p.jurisdiction ?? '';
    if (!inScope(scope, { region: jurisdiction }))
      throw notFoundError('jurisdiction', jurisdiction);
    const today = chinaDate(new Date());
    const until = dto.until ?? today;
    if (until > today)
      throw invalidError([{ field: 'until', reason: `must not be after today (${today})` }]);
    return this.compiler.compile(jurisdiction, until, p.sub, {
      afterwards: (m, list, recompiled) =>
        recordAudit(m, p, [
          {
            action: recompiled ? 'recompile' : 'compile',
            entityType: 'publication',
            entityId: list.id,
            after: list,
          },
        ]),
    });
  }

  approve(p: Principal, id: string): Promise<PublicationRow> {
    return this.step(p, id, 'approve', (m, row) => this.lists.approve(m, row.id, p.sub));
  }

  discard(p: Principal, id: string, reason: string | null): Promise<PublicationRow> {
    return this.step(p, id, 'discard', (m, row) => this.lists.discard(m, row.id, p.sub, reason));
  }

  /**
   * Publishes an approved version: its notice number (the next of its jurisdiction and year),
   * today's date, the digest of the jurisdiction's last list, and its own digest, in one
   * transaction under the jurisdiction's lock, so numbers and the chain have no gaps and no
   * forks however many regulators publish at once.
   */
  publish(p: Principal, id: string): Promise<PublicationRow> {
    return this.step(p, id, 'publish', async (m, row) => {
      const publishedOn = chinaDate(new Date());
      const noticeYear = Number(publishedOn.slice(0, 4));
      const noticeSeq = await this.lists.nextNoticeSeq(m, row.jurisdiction, noticeYear);
      const noticeNo = formatNoticeNumber(
        this.config.get('PUBLICATION_NOTICE_FORMAT', { infer: true }),
        { year: noticeYear, n: noticeSeq, jurisdiction: row.jurisdiction },
      );
      const head = await this.lists.chainHead(m, row.jurisdiction);
      const previousDigest = head?.digest ?? null;
      const doc = await this.documents.of(m, row, { noticeNo, publishedOn, previousDigest });
      await this.lists.publish(m, row.id, {
        publishedBy: p.sub,
        noticeNo,
        noticeYear,
        noticeSeq,
        publishedOn,
        chainSeq: (head?.chainSeq ?? 0) + 1,
        previousId: head?.id ?? null,
        previousDigest,
        digest: publicationDigest(doc),
      });
      await enqueue(m, 'publication.render', { publicationId: row.id });
      await enqueue(m, 'publication.feedback', { publicationId: row.id });
    });
  }

  /**
   * A correction (更正) of a published version: a new draft version of the same list holding
   * its samples as their records and final outcomes stand now, except those in `remove`. It
   * goes through approval and publication like any list, and supersedes the version once
   * published.
   */
  correct(p: Principal, id: string, dto: CorrectionDto): Promise<PublicationRow> {
    return this.newVersion(p, id, 'correction', dto.reason, async (m, draft, old) => {
      const removed: string[] = [];
      if (dto.remove?.length) {
        const ids = await this.lists.sampleIdsByNo(m, old.id, dto.remove);
        const unknown = dto.remove
          .map((no, i) => ({ no, i }))
          .filter(({ no }) => !ids.has(no))
          .map(({ no, i }) => ({
            field: `remove[${i}]`,
            reason: `${no} is not listed in this version`,
          }));
        if (unknown.length) throw invalidError(unknown);
        removed.push(...ids.values());
      }
      const names = regionNamesOf(await this.lists.regionCodesOf(m, old.id));
      const d = { id: draft, seriesId: old.seriesId, supersedesId: old.id };
      await this.lists.sortInMemory(m);
      await this.lists.listFromPrevious(m, d, 'failed', names, removed);
      await this.lists.listFromPrevious(m, d, 'passed', names, removed);
      const counts = await this.lists.counted(m, draft);
      if (counts.failed + counts.passed === 0)
        throw conflictError(
          'CORRECTION_LISTS_NOTHING',
          'the correction would list nothing: withdraw the list instead (POST …/withdrawal)',
        );
    });
  }

  /** A withdrawal (撤回) of a published version: a new version with its reason and no rows. */
  withdraw(p: Principal, id: string, reason: string): Promise<PublicationRow> {
    return this.newVersion(p, id, 'withdrawal', reason, async () => undefined);
  }

  async entries(p: Principal, id: string, q: EntryQuery): Promise<EntryPage> {
    const row = await this.get(p, id);
    const after = q.cursor === undefined ? 0 : Number(q.cursor);
    if (!Number.isSafeInteger(after) || after < 0)
      throw invalidError([{ field: 'cursor', reason: 'must be a cursor from the previous page' }]);
    const items = await this.queries.entries(row.id, q.table, after, q.limit);
    return {
      items,
      nextCursor: items.length === q.limit ? String(items[items.length - 1].serial) : null,
    };
  }

  /**
   * Recomputes the digest of a published version from its stored rows and checks its link to
   * the jurisdiction's list before it (and the one after, if any) and its stored JSON file (once
   * rendered): MATCH when all hold.
   */
  async verification(p: Principal, id: string): Promise<Verification> {
    const row = await this.get(p, id);
    if (row.state !== 'published' || row.digest === null || row.chainSeq === null)
      throw conflictError(
        'NOT_PUBLISHED',
        `the list is ${row.state}: only a published list has a digest`,
        {
          currentState: row.state,
        },
      );
    return this.verifier.verify(row);
  }

  /** The files a published list was rendered to, with the SHA-256 of each. */
  async files(p: Principal, id: string): Promise<{ items: StoredFileInfo[] }> {
    const row = await this.get(p, id);
    return { items: row.state === 'published' ? await this.store.list(row.id) : [] };
  }

  /**
   * One stored file of a published list, as rendered once by the worker. 409 while the list is
   * not published, or published but not rendered yet (the worker does it within seconds).
   */
  async file(
    p: Principal,
    id: string,
    name: string,
  ): Promise<{ row: PublicationRow; file: StoredFile }> {
    const row = await this.get(p, id);
    if (!(PUBLICATION_FILE_NAMES as string[]).includes(name)) throw notFoundError('file', name);
    if (row.state !== 'published')
      throw conflictError(
        'NOT_PUBLISHED',
        `the list is ${row.state}: only a published list has files`,
        {
          currentState: row.state,
        },
      );
    const file = await this.store.get(row.id, name as PublicationFileName);
    if (!file)
      throw conflictError(
        'FILE_NOT_READY',
        `${name} of ${row.noticeNo} is being rendered; ask again in a few seconds`,
      );
    return { row, file };
  }

  /**
   * One step of a version's life, checked by libs/domain (state, then four eyes) under the
   * jurisdiction's lock, audited; answers the version as it stands afterwards.
   */
  private async step(
    p: Principal,
    id: string,
    event: PublicationEvent,
    apply: (m: EntityManager, row: PublicationRow) => Promise<void>,
  ): Promise<PublicationRow> {
    const scope = scopeOf(p, 'publications', WRITERS);
    const jurisdiction = (await this.find(this.ds.manager, scope, id)).jurisdiction;
    return this.ds.transaction(async (m) => {
      await this.lists.lockJurisdiction(m, jurisdiction);
      const before = await this.find(m, scope, id, true);
      const t = transitionPublication(before, event, p.sub);
      if (!t.ok) {
        const { code, message, ...details } = t.error;
        throw conflictError(code, message, details);
      }
      await apply(m, before);
      const after = (await this.lists.find(m, id))!;
      await recordAudit(m, p, [
        { action: event, entityType: 'publication', entityId: id, before, after },
      ]);
      return after;
    });
  }

  /** A new draft version superseding published version `id`, filled by `fill`. */
  private async newVersion(
    p: Principal,
    id: string,
    kind: 'correction' | 'withdrawal',
    reason: string,
    fill: (m: EntityManager, draft: string, old: PublicationRow) => Promise<void>,
  ): Promise<PublicationRow> {
    const scope = scopeOf(p, 'publications', WRITERS);
    const jurisdiction = (await this.find(this.ds.manager, scope, id)).jurisdiction;
    return this.ds.transaction(async (m) => {
      await this.lists.lockJurisdiction(m, jurisdiction);
      const old = await this.find(m, scope, id, true);
      if (old.state !== 'published')
        throw conflictError(
          'ILLEGAL_PUBLICATION_STATE',
          `the list is ${old.state}: only a published list is corrected or withdrawn`,
          { currentState: old.state },
        );
      if (old.supersededBy)
        throw conflictError(
          'SUPERSEDED',
          `version ${old.version} is superseded by ${old.supersededBy}: correct the latest version`,
          { supersededBy: old.supersededBy },
        );
      if (old.kind === 'withdrawal')
        throw conflictError('WITHDRAWN', 'the list is withdrawn; nothing is left to correct');
      const open = await this.lists.openVersion(m, old.seriesId);
      if (open)
        throw conflictError(
          'VERSION_IN_PROGRESS',
          `version ${open.version} of this list is ${open.state}: publish or discard it first`,
          { publicationId: open.id, currentState: open.state },
        );
      const draft = await this.lists.insertDraft(m, {
        jurisdiction: old.jurisdiction,
        jurisdictionName: old.jurisdictionName,
        series: { id: old.seriesId, version: old.version + 1, supersedesId: old.id },
        kind,
        reason,
        until: old.until,
        compiledBy: p.sub,
      });
      await fill(m, draft, old);
      const after = (await this.lists.find(m, draft))!;
      await recordAudit(m, p, [
        {
          action: kind,
          entityType: 'publication',
          entityId: draft,
          after,
          detail: { supersedes: old.id },
        },
      ]);
      return after;
    });
  }

  private async find(
    m: EntityManager,
    scope: Scope,
    id: string,
    lock = false,
  ): Promise<PublicationRow> {
    const row = await this.queries.find(m, scope, id, lock);
    if (!row) throw notFoundError('publication', id);
    return row;
  }
}
