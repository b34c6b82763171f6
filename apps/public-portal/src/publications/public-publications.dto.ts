import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { QueryText } from '../public-query';
import { SupersededDto } from '../results/results.dto';

export class PublicationPageQuery {
  @ApiPropertyOptional({
    example: '150000',
    description: 'GB/T 2260 code: lists published by it and inside it',
  })
  @IsOptional()
  @QueryText(6)
  jurisdiction?: string;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`)' })
  @IsOptional()
  @QueryText(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;
}

export class PublicationLinksDto {
  @ApiProperty()
  self!: string;
  @ApiProperty({ description: 'Its results, searched by its notice number' })
  results!: string;
  @ApiProperty()
  files!: string;
  @ApiProperty()
  verification!: string;
  @ApiProperty({ description: "Its jurisdiction's digest chain" })
  chain!: string;
}

/** A published version of a list (抽检结果公告). */
export class PublicPublicationDto {
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
  @ApiProperty({ enum: ['list', 'correction', 'withdrawal'] })
  kind!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why a correction or withdrawal was made',
  })
  reason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  supersedesId!: string | null;
  @ApiProperty({
    type: SupersededDto,
    nullable: true,
    description: 'The published correction or withdrawal that replaced this version',
  })
  supersededBy!: SupersededDto | null;
  @ApiProperty({ format: 'date' })
  until!: string;
  @ApiProperty()
  failedCount!: number;
  @ApiProperty()
  passedCount!: number;
  @ApiProperty({ example: '内市监公告〔2026〕12号' })
  noticeNo!: string;
  @ApiProperty({ format: 'date' })
  publishedOn!: string;
  @ApiProperty({ format: 'date-time' })
  publishedAt!: string;
  @ApiProperty({ description: "Position in the jurisdiction's chain" })
  chainSeq!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  previousId!: string | null;
  @ApiProperty({ type: String, nullable: true })
  previousDigest!: string | null;
  @ApiProperty({ description: 'SHA-256 of the canonical JSON (docs/publication.md)' })
  digest!: string;
  @ApiProperty({ type: PublicationLinksDto })
  links!: PublicationLinksDto;
}

export class PublicPublicationPageDto {
  @ApiProperty({ type: [PublicPublicationDto] })
  items!: PublicPublicationDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class PublicPublicationDetailDto extends PublicPublicationDto {
  @ApiProperty({
    type: [PublicPublicationDto],
    description: 'Every published version of this list, first to last (superseded ones marked)',
  })
  versions!: PublicPublicationDto[];
}

export class VerificationCheckDto {
  @ApiProperty({ enum: ['digest', 'previous', 'next', 'file'] })
  name!: string;
  @ApiProperty()
  ok!: boolean;
  @ApiProperty()
  detail!: string;
}

export class PublicVerificationDto {
  @ApiProperty({ format: 'uuid' })
  publicationId!: string;
  @ApiProperty()
  noticeNo!: string;
  @ApiProperty()
  digest!: string;
  @ApiProperty()
  recomputedDigest!: string;
  @ApiProperty({ type: String, nullable: true })
  previousDigest!: string | null;
  @ApiProperty({ type: [VerificationCheckDto] })
  checks!: VerificationCheckDto[];
  @ApiProperty({ enum: ['MATCH', 'MISMATCH'] })
  verdict!: string;
}

export class ChainLinkDto {
  @ApiProperty()
  chainSeq!: number;
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  noticeNo!: string;
  @ApiProperty({ format: 'date' })
  publishedOn!: string;
  @ApiProperty({ enum: ['list', 'correction', 'withdrawal'] })
  kind!: string;
  @ApiProperty({ type: String, nullable: true })
  previousDigest!: string | null;
  @ApiProperty()
  digest!: string;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of its stored list.json' })
  fileSha256!: string | null;
  @ApiProperty({ description: 'Its links to the list before and to its file hold' })
  ok!: boolean;
}

export class ChainProblemDto {
  @ApiProperty()
  chainSeq!: number;
  @ApiProperty({ enum: ['sequence', 'previous', 'file'] })
  check!: string;
  @ApiProperty()
  detail!: string;
}

export class PublicChainDto {
  @ApiProperty({ example: '150100' })
  jurisdiction!: string;
  @ApiProperty({ enum: ['MATCH', 'MISMATCH'] })
  verdict!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The digest of the newest list' })
  head!: string | null;
  @ApiProperty({ type: [ChainProblemDto] })
  problems!: ChainProblemDto[];
  @ApiProperty({ type: [ChainLinkDto] })
  items!: ChainLinkDto[];
}

export class PublicFileDto {
  @ApiProperty({ enum: ['list.json', 'failed.csv', 'passed.csv', 'list.xlsx'] })
  name!: string;
  @ApiProperty()
  mediaType!: string;
  @ApiProperty()
  sha256!: string;
  @ApiProperty()
  size!: number;
  @ApiProperty()
  url!: string;
}

export class PublicFileListDto {
  @ApiProperty({ type: [PublicFileDto] })
  items!: PublicFileDto[];
}
