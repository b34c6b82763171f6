import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery, Raw, RuleRefDto, Text } from '@spotcheck/common';
import { CUSTODY_KINDS, CUSTODY_STATES, REJECTION_REASONS, REPORT_STATES } from '@spotcheck/domain';
import type { CustodyKind, CustodyState, RejectionReason } from '@spotcheck/domain';

export class ReceiptDto {
  @ApiProperty({ example: '2026-02-24T09:00:00+08:00', description: 'RFC 3339 with an offset' })
  @Raw(40)
  receivedAt!: string;

  @ApiProperty({ example: '包装完好，冷藏' })
  @Text(500)
  condition!: string;

  @ApiProperty({
    enum: [true],
    description: 'must be true: a sample whose seal is broken is rejected (…/rejection)',
  })
  @IsBoolean()
  @Equals(true, {
    message:
      'sealIntact must be true: a broken seal is a rejection (POST …/rejection with reason seal_broken)',
  })
  sealIntact!: boolean;

  @ApiPropertyOptional({ description: 'where it was received; default the lab’s name' })
  @IsOptional()
  @Text(500)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Text(1000)
  note?: string;
}

export class RejectionDto {
  @ApiProperty({ example: '2026-02-24T09:00:00+08:00', description: 'RFC 3339 with an offset' })
  @Raw(40)
  at!: string;

  @ApiProperty({ enum: REJECTION_REASONS })
  @IsIn(REJECTION_REASONS)
  reason!: RejectionReason;

  @ApiPropertyOptional({ description: 'where it was refused; default the lab’s name' })
  @IsOptional()
  @Text(500)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Text(1000)
  note?: string;
}

export class LabSampleQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'received and past its test due date with no issued report' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  overdue?: boolean;
}

class CategoryRefDto {
  @ApiProperty({ example: 'DAIRY-01' })
  code!: string;

  @ApiProperty({ example: '液体乳' })
  name!: string;

  @ApiProperty({ example: 'food' })
  sector!: string;
}

class ProductDto {
  @ApiProperty({ example: '纯牛奶' })
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  brand!: string | null;

  @ApiProperty({ type: String, nullable: true })
  spec!: string | null;

  @ApiProperty({ type: String, nullable: true })
  batch!: string | null;
}

class ReceiptRecordDto {
  @ApiProperty({ enum: ['received', 'rejected'] })
  outcome!: 'received' | 'rejected';

  @ApiProperty({ type: String, format: 'date-time' })
  at!: Date;

  @ApiProperty({ format: 'date', description: 'the day of receipt, China Standard Time' })
  receivedOn!: string;

  @ApiProperty({ type: String, nullable: true })
  condition!: string | null;

  @ApiProperty({ type: Boolean, nullable: true })
  sealIntact!: boolean | null;

  @ApiProperty({ type: String, nullable: true, enum: REJECTION_REASONS })
  reason!: string | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty()
  recordedBy!: string;
}

class ReportRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  reportNo!: string;

  @ApiProperty()
  version!: number;

  @ApiProperty({ enum: REPORT_STATES })
  state!: string;
}

export class LabSampleDto {
  @ApiProperty({ example: 'NM-2026-001-0001' })
  sampleNo!: string;

  @ApiProperty({ format: 'uuid' })
  labId!: string;

  @ApiProperty({ type: CategoryRefDto })
  category!: CategoryRefDto;

  @ApiProperty({ type: ProductDto })
  product!: ProductDto;

  @ApiProperty()
  sampledUscc!: string;

  @ApiProperty({ format: 'date' })
  samplingDate!: string;

  @ApiProperty({ format: 'date', description: 'when it was due at the lab' })
  labDueDate!: string;

  @ApiProperty({ enum: CUSTODY_STATES })
  custodyState!: CustodyState;

  @ApiProperty({ description: 'the caller is the retest lab drawn for an accepted objection' })
  retest!: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  objectionId!: string | null;

  @ApiProperty()
  received!: boolean;

  @ApiProperty({ type: ReceiptRecordDto, nullable: true })
  receipt!: ReceiptRecordDto | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      "by the sector's testing rule (food: the 20th working day) after receipt, retestTesting at a retest lab; null before receipt or after a rejection",
  })
  testDueDate!: string | null;

  @ApiProperty({
    type: RuleRefDto,
    nullable: true,
    description: 'the sector rule, its version and source, the test due date was computed with',
  })
  testDueRule!: RuleRefDto | null;

  @ApiProperty({ description: 'received, past its test due date, no version issued' })
  overdue!: boolean;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'working days from today (Beijing) to the deadline running now, by the calendar: testDueDate once received until a version is issued, labDueDate before receipt; negative when past; null when none runs',
  })
  workingDaysLeft!: number | null;

  @ApiProperty({ type: ReportRefDto, nullable: true, description: 'the latest version' })
  report!: ReportRefDto | null;
}

export class LabSamplePageDto {
  @ApiProperty({ type: [LabSampleDto] })
  items!: LabSampleDto[];

  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page' })
  nextCursor!: string | null;
}

export class CustodyEventDto {
  @ApiProperty()
  seq!: number;

  @ApiProperty({ enum: CUSTODY_KINDS })
  kind!: CustodyKind;

  @ApiProperty({ enum: CUSTODY_STATES })
  stateAfter!: CustodyState;

  @ApiProperty({ type: String, format: 'date-time' })
  occurredAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  recordedAt!: Date;

  @ApiProperty()
  actor!: string;

  @ApiProperty()
  actorRole!: string;

  @ApiProperty({ type: String, nullable: true })
  actorOrg!: string | null;

  @ApiProperty({ type: String, nullable: true })
  actorStaffNo!: string | null;

  @ApiProperty({ example: '150102' })
  regionCode!: string;

  @ApiProperty()
  address!: string;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  detail!: Record<string, unknown>;
}

export class LabSampleDetailDto extends LabSampleDto {
  @ApiProperty({ type: [CustodyEventDto] })
  custody!: CustodyEventDto[];
}

export class AppendedCustodyEventDto extends CustodyEventDto {
  @ApiProperty()
  sampleNo!: string;

  @ApiProperty({ enum: CUSTODY_KINDS, isArray: true })
  allowedCustodyKinds!: CustodyKind[];
}

export class ArrivalDto {
  @ApiProperty({ type: LabSampleDetailDto })
  sample!: LabSampleDetailDto;

  @ApiProperty({ type: AppendedCustodyEventDto })
  event!: AppendedCustodyEventDto;
}
