import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { publicationDigest } from '@spotcheck/domain';
import { PublicationDocuments } from './publication-documents';
import { PublicationFileStore } from './publication-file.repository';
import { PublicationRepository, type PublicationRow } from './publication.repository';

export interface VerificationCheck {
  name: 'digest' | 'previous' | 'next' | 'file';
  ok: boolean;
  detail: string;
}

export interface Verification {
  publicationId: string;
  noticeNo: string;
  digest: string;
  recomputedDigest: string;
  previousDigest: string | null;
  checks: VerificationCheck[];
  verdict: 'MATCH' | 'MISMATCH';
}

/**
 * The verification of a published version anyone can repeat (docs/publication.md): its digest
 * recomputed from the stored rows, its link to the jurisdiction's list before it (and the one
 * after, if any), and its stored JSON file once rendered. MATCH when all hold. Used by the
 * regulators' API and the public portal alike.
 */
@Injectable()
export class PublicationVerifier {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly lists: PublicationRepository,
    private readonly documents: PublicationDocuments,
    private readonly store: PublicationFileStore,
  ) {}

  /** `row` must be published (it has a digest and a place in the chain). */
  async verify(row: PublicationRow): Promise<Verification> {
    if (row.state !== 'published' || row.digest === null || row.chainSeq === null)
      throw new Error(`publication ${row.id} is ${row.state}: only a published list has a digest`);
    const m = this.ds.manager;
    const recomputedDigest = publicationDigest(await this.documents.of(m, row));
    const checks: VerificationCheck[] = [
      {
        name: 'digest',
        ok: recomputedDigest === row.digest,
        detail: 'SHA-256 of the canonical JSON recomputed from the stored list',
      },
    ];
    const prev =
      row.chainSeq > 1
        ? await this.lists.atChain(m, row.jurisdiction, row.chainSeq - 1)
        : undefined;
    checks.push(
      row.chainSeq === 1
        ? {
            name: 'previous',
            ok: row.previousId === null && row.previousDigest === null,
            detail: "the jurisdiction's first list: no previous digest",
          }
        : {
            name: 'previous',
            ok:
              prev !== undefined &&
              prev.id === row.previousId &&
              prev.digest === row.previousDigest,
            detail: `previousDigest is the digest of ${prev?.noticeNo ?? 'the list before'}`,
          },
    );
    const json = (await this.store.list(row.id)).find((f) => f.name === 'list.json');
    if (json)
      checks.push({
        name: 'file',
        ok: json.sha256 === row.digest,
        detail: 'the SHA-256 of the stored list.json is the digest',
      });
    const next = await this.lists.atChain(m, row.jurisdiction, row.chainSeq + 1);
    if (next)
      checks.push({
        name: 'next',
        ok: next.previousDigest === row.digest && next.previousId === row.id,
        detail: `${next.noticeNo} names this digest as its previous`,
      });
    return {
      publicationId: row.id,
      noticeNo: row.noticeNo!,
      digest: row.digest,
      recomputedDigest,
      previousDigest: row.previousDigest,
      checks,
      verdict: checks.every((c) => c.ok) ? 'MATCH' : 'MISMATCH',
    };
  }
}
