import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { SECTORS } from '@spotcheck/domain';
import { QueryText } from '../public-query';

export const RESULTS = ['failed', 'passed', 'all'] as const;
export const SORTS = ['-publishedOn', 'publishedOn', 'productName', '-productName'] as const;
export type Sort = (typeof SORTS)[number];
/** The largest page a search answers. */
export const MAX_PAGE = 100;
/** The longest search text. */
export const MAX_Q = 100;

/** The filters of published results, shared by the search and its `count`. */
export class ResultFilterQuery {
  @ApiPropertyOptional({
    description:
      'Substring of the product, brand, manufacturer or sampled unit name (case-insensitive); two Chinese characters are enough',
    example: '乳业',
    maxLength: MAX_Q,
  })
  @IsOptional()
  @QueryText(MAX_Q)
  q?: string;

  @ApiPropertyOptional({
    enum: RESULTS,
    default: 'failed',
    description: 'failed: the failed-product table (不合格); passed: the pass table (合格); all',
  })
  @IsOptional()
  @IsIn(RESULTS)
  result: (typeof RESULTS)[number] = 'failed';

  @ApiPropertyOptional({
    example: '150100',
    description: 'Region of the sampled unit (GB/T 2260): a prefecture, county or province',
  })
  @IsOptional()
  @QueryText(6)
  prefecture?: string;

  @ApiPropertyOptional({
    example: '150000',
    description: 'The publishing jurisdiction (GB/T 2260), with its subtree',
  })
  @IsOptional()
  @QueryText(6)
  jurisdiction?: string;

  @ApiPropertyOptional({ description: 'Product category code' })
  @IsOptional()
  @QueryText(40)
  category?: string;

  @ApiPropertyOptional({ enum: SECTORS })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Published on or after this day' })
  @IsOptional()
  @QueryText(10)
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Published on or before this day' })
  @IsOptional()
  @QueryText(10)
  to?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The testing lab (failed results only: a pass row names no lab)',
  })
  @IsOptional()
  @QueryText(36)
  lab?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The plan (task source)' })
  @IsOptional()
  @QueryText(36)
  plan?: string;

  @ApiPropertyOptional({ example: '内市监公告〔2026〕12号', description: 'Notice number (公告号)' })
  @IsOptional()
  @QueryText(100)
  noticeNo?: string;

  @ApiPropertyOptional({
    description: 'USCC (统一社会信用代码) of the manufacturer or of the sampled unit',
  })
  @IsOptional()
  @QueryText(18)
  uscc?: string;
}

export class ResultSearchQuery extends ResultFilterQuery {
  @ApiPropertyOptional({ enum: SORTS, default: '-publishedOn' })
  @IsOptional()
  @IsIn(SORTS)
  sort: Sort = '-publishedOn';

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`)' })
  @IsOptional()
  @QueryText(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit = 20;
}

export const COUNT_FIELDS = [
  'productName',
  'brand',
  'manufacturer',
  'sampledUnit',
  'category',
  'sector',
  'prefecture',
  'lab',
  'noticeNo',
  'month',
  'result',
] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

export class ResultCountQuery extends ResultFilterQuery {
  @ApiProperty({
    enum: COUNT_FIELDS,
    description: 'The field whose most frequent values are counted over the matching results',
  })
  @IsIn(COUNT_FIELDS)
  count!: CountField;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 100;
}

export class FailedItemDto {
  @ApiProperty({ example: '铅（以Pb计）' })
  item!: string;
  @ApiProperty({ example: '0.8' })
  value!: string;
  @ApiProperty({ example: '≤0.5' })
  limit!: string;
  @ApiProperty({ type: String, nullable: true, example: 'mg/kg' })
  unit!: string | null;
}

/** One published result (a row of a list's failed or pass table). */
export class PublicResultDto {
  @ApiProperty({ description: 'Permalink of this result' })
  url!: string;
  @ApiProperty({ format: 'uuid', description: 'The published version that lists it' })
  publicationId!: string;
  @ApiProperty({ enum: ['failed', 'passed'] })
  result!: 'failed' | 'passed';
  @ApiProperty()
  serial!: number;
  @ApiProperty({ example: '内市监公告〔2026〕12号' })
  noticeNo!: string;
  @ApiProperty({ format: 'date' })
  publishedOn!: string;
  @ApiProperty({ example: '150100' })
  jurisdiction!: string;
  @ApiProperty()
  jurisdictionName!: string;
  @ApiProperty()
  sampleNo!: string;
  @ApiProperty()
  productName!: string;
  @ApiProperty({ type: String, nullable: true })
  brand!: string | null;
  @ApiProperty({ type: String, nullable: true })
  spec!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' })
  productionDate!: string | null;
  @ApiProperty({ type: String, nullable: true })
  batchNo!: string | null;
  @ApiProperty()
  manufacturerName!: string;
  @ApiProperty({ type: String, nullable: true })
  manufacturerAddress!: string | null;
  @ApiProperty()
  sampledUnitName!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Failed results only' })
  sampledUnitAddress!: string | null;
  @ApiProperty({ example: '150102' })
  sampledUnitRegionCode!: string;
  @ApiProperty()
  sampledUnitRegion!: string;
  @ApiProperty()
  category!: string;
  @ApiProperty()
  categoryCode!: string;
  @ApiProperty({ type: String, nullable: true, enum: SECTORS })
  sector!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Failed results only' })
  lab!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Failed results only' })
  labId!: string | null;
  @ApiProperty({ format: 'uuid' })
  planId!: string;
  @ApiProperty({ description: 'The plan (任务来源)' })
  taskSource!: string;
  @ApiProperty({ type: [FailedItemDto] })
  failedItems!: FailedItemDto[];
  @ApiProperty({ type: String, nullable: true })
  remark!: string | null;
}

export class SupersededDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ enum: ['correction', 'withdrawal'] })
  kind!: string;
  @ApiProperty()
  reason!: string;
  @ApiProperty()
  noticeNo!: string;
  @ApiProperty({ format: 'date' })
  publishedOn!: string;
}

export class PublicResultEntryDto extends PublicResultDto {
  @ApiProperty({
    type: SupersededDto,
    nullable: true,
    description:
      'The published correction or withdrawal that replaced the version listing this result; null while it is current',
  })
  supersededBy!: SupersededDto | null;
}

export class PublicResultPageDto {
  @ApiProperty({ type: [PublicResultDto] })
  items!: PublicResultDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class CountItemDto {
  @ApiProperty({ oneOf: [{ type: 'string' }] })
  value!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'A name for a code, where one is known',
  })
  label!: string | null;
  @ApiProperty()
  count!: number;
}

export class CountAnswerDto {
  @ApiProperty({ enum: COUNT_FIELDS })
  field!: CountField;
  @ApiProperty({ type: [CountItemDto] })
  items!: CountItemDto[];
}
