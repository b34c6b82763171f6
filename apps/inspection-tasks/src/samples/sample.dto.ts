import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { Nested, NestedList, PageQuery, Text } from '@spotcheck/common';
import { CUSTODY_KINDS, CUSTODY_STATES, SAMPLE_STAGES } from '@spotcheck/domain';
import type { CustodyKind, CustodyState, SampleStage } from '@spotcheck/domain';
import { IsRegionCode, IsUscc } from '../directory/validators';

/**
 * Free text (libs/common's Text) must say something and hold no NUL character, which
 * PostgreSQL text cannot store; TEXT is the same rule for each item of a list. What the values
 * mean is checked in libs/domain (sampling-record.ts, custody.ts); these classes check shapes.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this must refuse
const TEXT = /^[^\u0000]*[^\s\u0000][^\u0000]*$/;
// eslint-disable-next-line no-control-regex -- as above
const NO_NUL = /^[^\u0000]*$/;

/**
 * A string whose meaning libs/domain checks; here only: a string without NUL, not too long.
 * Unlike libs/common's Raw it lets an empty string through, so that the domain's check names
 * what the field should hold.
 */
const Raw = (max: number) =>
  applyDecorators(
    IsString(),
    Length(0, max),
    Matches(NO_NUL, { message: ({ property }) => `${property} must not contain NUL characters` }),
  );
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class PlaceDto {
  @ApiProperty({ example: '150102', description: 'GB/T 2260 code of the place' })
  @IsRegionCode()
  regionCode!: string;

  @ApiProperty({ example: '呼和浩特市新城区某路1号' })
  @Text(500)
  address!: string;
}

export class OnlineShopDto {
  @ApiProperty({ example: '某电商平台' })
  @Text(100)
  platform!: string;

  @ApiProperty({ example: '某乳业官方旗舰店' })
  @Text(200)
  shopName!: string;
}

export class ManufacturerDto {
  @ApiProperty({ example: '某乳业有限公司', description: 'Nominal manufacturer (标称生产者)' })
  @Text(200)
  name!: string;

  @ApiPropertyOptional({ example: '某市某区某路2号' })
  @IsOptional()
  @Text(500)
  address?: string;

  @ApiPropertyOptional({
    example: '91150100MA0N000013',
    description:
      'USCC when known (check character verified); the manufacturer need not be in the directory',
  })
  @IsOptional()
  @Raw(18)
  uscc?: string;
}

export class PortionDto {
  @ApiProperty({ example: '12', description: 'Positive decimal, as a string' })
  @Raw(32)
  quantity!: string;

  @ApiProperty({ example: '盒' })
  @Text(20)
  unit!: string;
}

export class RepresentativeDto {
  @ApiProperty({ example: '张三', description: "The enterprise's representative who signed" })
  @Text(100)
  name!: string;

  @ApiPropertyOptional({ example: '店长' })
  @IsOptional()
  @Text(100)
  title?: string;
}

export class AttachmentDto {
  @ApiProperty({ description: 'SHA-256 of the file, 64 lowercase hex digits' })
  @Raw(64)
  sha256!: string;

  @ApiPropertyOptional({ example: '抽样单.pdf' })
  @IsOptional()
  @Text(255)
  name?: string;

  @ApiPropertyOptional({ example: 'application/pdf' })
  @IsOptional()
  @Text(100)
  mediaType?: string;
}

/** The sampling record (抽样单) of a task. */
export class CreateSampleDto {
  @ApiProperty({
    example: '2026-02-12T10:30:00+08:00',
    description:
      'When the sample was taken: RFC 3339 with seconds and an offset; not in the future',
  })
  @Raw(40)
  sampledAt!: string;

  @ApiProperty({ type: PlaceDto, description: 'Where it was taken' })
  @IsDefined()
  @Nested(() => PlaceDto)
  place!: PlaceDto;

  @ApiProperty({ enum: SAMPLE_STAGES, description: "One of the plan's stages" })
  @IsIn(SAMPLE_STAGES)
  stage!: SampleStage;

  @ApiPropertyOptional({
    type: OnlineShopDto,
    description: 'Online sampling only (required there)',
  })
  @IsOptional()
  @Nested(() => OnlineShopDto)
  online?: OnlineShopDto;

  @ApiProperty({ type: ManufacturerDto })
  @IsDefined()
  @Nested(() => ManufacturerDto)
  manufacturer!: ManufacturerDto;

  @ApiProperty({ example: '纯牛奶' })
  @Text(200)
  productName!: string;

  @ApiPropertyOptional({ example: '某牌', description: 'Brand / trademark (商标)' })
  @IsOptional()
  @Text(100)
  brand?: string;

  @ApiPropertyOptional({ example: '250mL/盒', description: 'Model or specification (规格型号)' })
  @IsOptional()
  @Text(200)
  spec?: string;

  @ApiPropertyOptional({
    example: 'B20260110',
    description: 'Batch number; this or productionDate',
  })
  @IsOptional()
  @Text(100)
  batch?: string;

  @ApiPropertyOptional({ example: '2026-01-10', description: 'Not after the sampling date' })
  @IsOptional()
  @Raw(10)
  productionDate?: string;

  @ApiPropertyOptional({ example: '2026-07-10', description: 'End of shelf life (保质期至)' })
  @IsOptional()
  @Raw(10)
  expiryDate?: string;

  @ApiPropertyOptional({
    example: '6901234567892',
    description: 'GTIN-8/12/13/14, GS1 check digit verified; stored as GTIN-14',
  })
  @IsOptional()
  @Raw(14)
  gtin?: string;

  @ApiProperty({ type: PortionDto, description: 'Test portion (检验样品)' })
  @IsDefined()
  @Nested(() => PortionDto)
  testPortion!: PortionDto;

  @ApiProperty({ type: PortionDto, description: 'Backup portion for a retest (备份样品)' })
  @IsDefined()
  @Nested(() => PortionDto)
  backupPortion!: PortionDto;

  @ApiProperty({ example: '36.00', description: 'Price paid in yuan (samples are bought)' })
  @Raw(16)
  pricePaid!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['NM-F-000123'],
    description: 'Seal numbers; given here, the sample is recorded as sealed on the spot',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  @Matches(TEXT, {
    each: true,
    message: 'each seal number must not be blank or contain NUL characters',
  })
  sealNumbers?: string[];

  @ApiProperty({
    type: [String],
    description: "Staff numbers of the two inspectors who signed: the task's pair",
  })
  @IsArray()
  @ArrayMaxSize(2)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  @Matches(TEXT, {
    each: true,
    message: 'each of inspectors must be a staff number without NUL characters',
  })
  inspectors!: string[];

  @ApiProperty({ type: RepresentativeDto })
  @IsDefined()
  @Nested(() => RepresentativeDto)
  representative!: RepresentativeDto;

  @ApiPropertyOptional({ type: [AttachmentDto], description: 'Photos, scans: by SHA-256' })
  @IsOptional()
  @ArrayMaxSize(50)
  @NestedList(() => AttachmentDto)
  attachments?: AttachmentDto[];

  @ApiPropertyOptional({ description: 'Anything else the record says' })
  @IsOptional()
  @Text(2000)
  note?: string;
}

/** One custody event. `detail` depends on `kind` (README, "Samples and custody"). */
export class AppendCustodyDto {
  @ApiProperty({ enum: CUSTODY_KINDS })
  @IsIn(CUSTODY_KINDS)
  kind!: CustodyKind;

  @ApiProperty({
    example: '2026-02-13T09:00:00+08:00',
    description: 'RFC 3339 with an offset; not in the future, not before the previous event',
  })
  @Raw(40)
  occurredAt!: string;

  @ApiProperty({ example: '150102', description: 'GB/T 2260 code of where it happened' })
  @IsRegionCode()
  regionCode!: string;

  @ApiProperty({ example: '某检验所样品接收室' })
  @Text(500)
  address!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Text(1000)
  note?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { reason: 'seal_broken' },
    description:
      'sealed {sealNumbers}; shipped {carrier?, trackingNo?}; rejected_at_receipt {reason: seal_broken|damaged|wrong_sample}; backup_retained {} (verdict, date and keep-until from the issued report); retest_dispatched {toLabId, carrier?, trackingNo?}; disposed {method?}; returned {recipient?}',
  })
  @IsOptional()
  @IsObject()
  detail?: Record<string, unknown>;
}

export class SampleQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  planId?: string;

  @ApiPropertyOptional({ enum: CUSTODY_STATES, description: 'Custody state' })
  @IsOptional()
  @IsIn(CUSTODY_STATES)
  state?: CustodyState;

  @ApiPropertyOptional({
    description: 'true: not at its lab by its due date (Beijing time); false: the others',
  })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'The sampled enterprise (USCC)' })
  @IsOptional()
  @IsUscc()
  uscc?: string;

  @ApiPropertyOptional({ description: 'The nominal manufacturer (USCC)' })
  @IsOptional()
  @IsUscc()
  manufacturerUscc?: string;

  @ApiPropertyOptional({ description: 'GTIN-8/12/13/14; matches every way of writing the item' })
  @IsOptional()
  @Raw(14)
  gtin?: string;

  @ApiPropertyOptional({ description: 'Batch number, exactly' })
  @IsOptional()
  @Text(100)
  batch?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The lab the sample is sent to' })
  @IsOptional()
  @IsUUID('all')
  labId?: string;

  @ApiPropertyOptional({ enum: SAMPLE_STAGES })
  @IsOptional()
  @IsIn(SAMPLE_STAGES)
  stage?: SampleStage;
}
