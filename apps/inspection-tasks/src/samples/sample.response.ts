import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AppendedCustodyEvent, CustodyEventView } from '@spotcheck/database';
import { RuleRefDto } from '@spotcheck/common';
import { CUSTODY_KINDS, CUSTODY_STATES, SAMPLE_STAGES } from '@spotcheck/domain';
import type { CustodyKind, CustodyState, SampleStage } from '@spotcheck/domain';
import type { SampleDetail, SampleView } from './sample.service';

const nullableString = { type: String, nullable: true } as const;

export class CustodyEventDto implements CustodyEventView {
  @ApiProperty({ example: 3, description: '1, 2, … within the sample' })
  seq!: number;
  @ApiProperty({ enum: CUSTODY_KINDS })
  kind!: CustodyKind;
  @ApiProperty({ enum: CUSTODY_STATES })
  stateAfter!: CustodyState;
  @ApiProperty({ description: 'When it happened, as reported' })
  occurredAt!: Date;
  @ApiProperty()
  recordedAt!: Date;
  @ApiProperty({ description: 'Token `sub`' })
  actor!: string;
  @ApiProperty()
  actorRole!: string;
  @ApiProperty({ ...nullableString, description: 'The lab id, for a lab' })
  actorOrg!: string | null;
  @ApiProperty(nullableString)
  actorStaffNo!: string | null;
  @ApiProperty({ example: '150102' })
  regionCode!: string;
  @ApiProperty()
  address!: string;
  @ApiProperty(nullableString)
  note!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true })
  detail!: Record<string, unknown>;
}

export class AppendedCustodyEventDto extends CustodyEventDto implements AppendedCustodyEvent {
  @ApiProperty()
  sampleNo!: string;
  @ApiProperty({ enum: CUSTODY_KINDS, isArray: true, description: 'What may follow now' })
  allowedCustodyKinds!: CustodyKind[];
}

class SampledEnterpriseDto {
  @ApiProperty()
  uscc!: string;
  @ApiProperty()
  name!: string;
}

class SamplePlaceDto {
  @ApiProperty({ example: '150102' })
  regionCode!: string;
  @ApiProperty()
  address!: string;
}

class SampleOnlineShopDto {
  @ApiProperty()
  platform!: string;
  @ApiProperty()
  shopName!: string;
}

class SampleManufacturerDto {
  @ApiProperty()
  name!: string;
  @ApiProperty(nullableString)
  address!: string | null;
  @ApiProperty(nullableString)
  uscc!: string | null;
}

class SampleProductDto {
  @ApiProperty()
  name!: string;
  @ApiProperty(nullableString)
  brand!: string | null;
  @ApiProperty(nullableString)
  spec!: string | null;
  @ApiProperty(nullableString)
  batch!: string | null;
  @ApiProperty({ ...nullableString, format: 'date' })
  productionDate!: string | null;
  @ApiProperty({ ...nullableString, format: 'date' })
  expiryDate!: string | null;
  @ApiProperty({ ...nullableString, description: 'GTIN-14' })
  gtin!: string | null;
}

class SamplePortionDto {
  @ApiProperty({ example: '12', description: 'A decimal string' })
  quantity!: string;
  @ApiProperty({ example: '盒' })
  unit!: string;
}

class SampleRepresentativeDto {
  @ApiProperty()
  name!: string;
  @ApiProperty(nullableString)
  title!: string | null;
}

class SampleAttachmentDto {
  @ApiProperty({ example: 'ab'.repeat(32) })
  sha256!: string;
  @ApiPropertyOptional()
  name?: string;
  @ApiPropertyOptional()
  mediaType?: string;
}

/** A sampling record (抽样单) and where its custody stands. */
export class SampleViewDto implements SampleView {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'NM-2026-001-0007' })
  sampleNo!: string;
  @ApiProperty({ format: 'uuid' })
  planId!: string;
  @ApiProperty()
  planCode!: string;
  @ApiProperty()
  seq!: number;
  @ApiProperty({ format: 'uuid' })
  taskId!: string;
  @ApiProperty()
  category!: string;
  @ApiProperty({ enum: SAMPLE_STAGES })
  stage!: SampleStage;
  @ApiProperty({ format: 'uuid' })
  labId!: string;
  @ApiProperty({ ...nullableString, format: 'uuid' })
  retestLabId!: string | null;
  @ApiProperty({ type: SampledEnterpriseDto })
  sampledEnterprise!: SampledEnterpriseDto;
  @ApiProperty({ type: SamplePlaceDto })
  place!: SamplePlaceDto;
  @ApiProperty({ type: SampleOnlineShopDto, nullable: true })
  online!: SampleOnlineShopDto | null;
  @ApiProperty({ type: SampleManufacturerDto })
  manufacturer!: SampleManufacturerDto;
  @ApiProperty({ type: SampleProductDto })
  product!: SampleProductDto;
  @ApiProperty({ type: SamplePortionDto })
  testPortion!: SamplePortionDto;
  @ApiProperty({ type: SamplePortionDto })
  backupPortion!: SamplePortionDto;
  @ApiProperty({ example: '36', description: 'Yuan, a decimal string' })
  pricePaid!: string;
  @ApiProperty({ type: [String] })
  sealNumbers!: string[];
  @ApiProperty({ type: [String], description: 'Staff numbers of the two inspectors' })
  inspectors!: string[];
  @ApiProperty({ type: SampleRepresentativeDto })
  representative!: SampleRepresentativeDto;
  @ApiProperty({ type: [SampleAttachmentDto] })
  attachments!: SampleAttachmentDto[];
  @ApiProperty(nullableString)
  note!: string | null;
  @ApiProperty()
  sampledAt!: Date;
  @ApiProperty({ format: 'date' })
  samplingDate!: string;
  @ApiProperty({
    format: 'date',
    description:
      "Due at its lab: the sector's sampleDelivery rule (food: 5 working days) after sampling",
  })
  labDueDate!: string;
  @ApiProperty({
    type: RuleRefDto,
    nullable: true,
    description: 'The sector rule, its version and source, the due date was computed with',
  })
  labDueRule!: RuleRefDto | null;
  @ApiProperty({ description: 'Not at its lab and past its due date (Beijing time)' })
  overdue!: boolean;
  @ApiProperty({ type: Date, nullable: true, description: 'When it first reached its lab' })
  arrivedAt!: Date | null;
  @ApiProperty({ description: 'It reached its lab after the due date' })
  arrivedLate!: boolean;
  @ApiProperty({ enum: CUSTODY_STATES })
  custodyState!: CustodyState;
  @ApiProperty({ enum: CUSTODY_KINDS, isArray: true, description: 'What may follow now' })
  allowedCustodyKinds!: CustodyKind[];
  @ApiProperty({ ...nullableString, format: 'date' })
  keepUntil!: string | null;
  @ApiProperty()
  createdAt!: Date;
  @ApiProperty()
  createdBy!: string;
  @ApiProperty()
  updatedAt!: Date;
}

export class SampleDetailDto extends SampleViewDto implements SampleDetail {
  @ApiProperty({ type: [CustodyEventDto], description: 'Every custody event, in order' })
  custody!: CustodyEventDto[];
}

export class SamplePageDto {
  @ApiProperty({ type: [SampleViewDto] })
  items!: SampleViewDto[];
  @ApiProperty({ ...nullableString, description: 'Pass as `cursor` for the next page' })
  nextCursor!: string | null;
}
