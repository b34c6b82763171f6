import { ApiProperty } from '@nestjs/swagger';
import type { PublicationRow } from '@spotcheck/database';
import { PUBLICATION_KINDS, PUBLICATION_STATES } from '@spotcheck/domain';
import type { PublicationKind, PublicationState } from '@spotcheck/domain';
import type { EntryRow } from './publication.queries';
import type { Verification, VerificationCheck } from './publication.service';

const nullableString = { type: String, nullable: true } as const;
const nullableDate = { type: Date, nullable: true } as const;
const nullableUuid = { type: String, format: 'uuid', nullable: true } as const;

/** One version of a list of results (不合格产品名单 with the pass results). */
export class PublicationDto implements PublicationRow {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: '150100' })
  jurisdiction!: string;
  @ApiProperty({ example: '内蒙古自治区呼和浩特市' })
  jurisdictionName!: string;
  @ApiProperty({ format: 'uuid', description: 'The first version of this list' })
  seriesId!: string;
  @ApiProperty()
  version!: number;
  @ApiProperty({ enum: PUBLICATION_KINDS })
  kind!: PublicationKind;
  @ApiProperty({ ...nullableString, description: 'Why a correction or withdrawal was made' })
  reason!: string | null;
  @ApiProperty({ ...nullableUuid, description: 'The version this one replaces' })
  supersedesId!: string | null;
  @ApiProperty({ ...nullableUuid, description: 'The published version that replaced this one' })
  supersededBy!: string | null;
  @ApiProperty({ enum: PUBLICATION_STATES })
  state!: PublicationState;
  @ApiProperty({ format: 'date', description: 'Lists outcomes final on or before this day' })
  until!: string;
  @ApiProperty({ description: 'Rows of the failed-product table (不合格产品信息)' })
  failedCount!: number;
  @ApiProperty({ description: 'Rows of the pass table (合格产品信息)' })
  passedCount!: number;
  @ApiProperty({ description: 'Who compiled the draft (a token subject, or system:scheduler)' })
  compiledBy!: string;
  @ApiProperty()
  compiledAt!: Date;
  @ApiProperty(nullableString)
  approvedBy!: string | null;
  @ApiProperty(nullableDate)
  approvedAt!: Date | null;
  @ApiProperty(nullableString)
  publishedBy!: string | null;
  @ApiProperty(nullableDate)
  publishedAt!: Date | null;
  @ApiProperty(nullableString)
  discardedBy!: string | null;
  @ApiProperty(nullableDate)
  discardedAt!: Date | null;
  @ApiProperty(nullableString)
  discardReason!: string | null;
  @ApiProperty({ ...nullableString, example: '内市监公告〔2026〕12号' })
  noticeNo!: string | null;
  @ApiProperty({ type: Number, nullable: true })
  noticeYear!: number | null;
  @ApiProperty({ type: Number, nullable: true })
  noticeSeq!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  publishedOn!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Position in the jurisdiction's chain",
  })
  chainSeq!: number | null;
  @ApiProperty(nullableUuid)
  previousId!: string | null;
  @ApiProperty({ ...nullableString, description: "The digest of the jurisdiction's list before" })
  previousDigest!: string | null;
  @ApiProperty({ ...nullableString, description: 'SHA-256 of the canonical JSON' })
  digest!: string | null;
}

export class PublicationListDto {
  @ApiProperty({ type: [PublicationDto], description: 'The newest 200' })
  items!: PublicationDto[];
}

class FailedItemDto {
  @ApiProperty()
  item!: string;
  @ApiProperty()
  value!: string;
  @ApiProperty(nullableString)
  unit!: string | null;
  @ApiProperty()
  limit!: string;
}

export class EntryDto implements EntryRow {
  @ApiProperty()
  serial!: number;
  @ApiProperty()
  sampleNo!: string;
  @ApiProperty()
  manufacturerName!: string;
  @ApiProperty(nullableString)
  manufacturerAddress!: string | null;
  @ApiProperty()
  sampledUnitName!: string;
  @ApiProperty({ ...nullableString, description: 'Failed-product table only' })
  sampledUnitAddress!: string | null;
  @ApiProperty()
  sampledUnitRegion!: string;
  @ApiProperty()
  productName!: string;
  @ApiProperty(nullableString)
  spec!: string | null;
  @ApiProperty(nullableString)
  brand!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  productionDate!: string | null;
  @ApiProperty(nullableString)
  batchNo!: string | null;
  @ApiProperty({ type: [FailedItemDto], description: 'Empty in the pass table' })
  failedItems!: FailedItemDto[];
  @ApiProperty()
  category!: string;
  @ApiProperty({ ...nullableString, description: 'The lab; failed-product table only' })
  lab!: string | null;
  @ApiProperty()
  taskSource!: string;
  @ApiProperty(nullableString)
  remark!: string | null;
}

export class EntryPageDto {
  @ApiProperty({ type: [EntryDto] })
  items!: EntryDto[];
  @ApiProperty(nullableString)
  nextCursor!: string | null;
}

class VerificationCheckDto implements VerificationCheck {
  @ApiProperty({ enum: ['digest', 'previous', 'file', 'next'] })
  name!: 'digest' | 'previous' | 'next' | 'file';
  @ApiProperty()
  ok!: boolean;
  @ApiProperty()
  detail!: string;
}

export class VerificationDto implements Verification {
  @ApiProperty({ format: 'uuid' })
  publicationId!: string;
  @ApiProperty()
  noticeNo!: string;
  @ApiProperty()
  digest!: string;
  @ApiProperty()
  recomputedDigest!: string;
  @ApiProperty(nullableString)
  previousDigest!: string | null;
  @ApiProperty({ type: [VerificationCheckDto] })
  checks!: VerificationCheckDto[];
  @ApiProperty({ enum: ['MATCH', 'MISMATCH'] })
  verdict!: 'MATCH' | 'MISMATCH';
}

class StoredFileDto {
  @ApiProperty({ enum: ['list.json', 'failed.csv', 'passed.csv', 'list.xlsx'] })
  name!: 'list.json' | 'failed.csv' | 'passed.csv' | 'list.xlsx';
  @ApiProperty()
  mediaType!: string;
  @ApiProperty({ description: 'SHA-256 of the bytes; for list.json, the list’s digest' })
  sha256!: string;
  @ApiProperty()
  size!: number;
  @ApiProperty()
  createdAt!: Date;
}

export class FileListDto {
  @ApiProperty({ type: [StoredFileDto], description: 'Empty until the worker has rendered them' })
  items!: StoredFileDto[];
}
