import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { NestedList, Raw, Text } from '@spotcheck/common';
import {
  CASE_STATES,
  ESCALATION_LADDER,
  RECALL_DECISIONS,
  RECTIFICATION_DAYS,
  validateIsoDate,
} from '@spotcheck/domain';
import type { CaseState } from '@spotcheck/domain';
import { fromCheck } from '../directory/validators';

const IsIsoDate = () => fromCheck('isIsoDate', (v) => validateIsoDate(v));

/** The largest attachment, and how many a report may carry. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_MAX = 10;

/** 责令限期改正: the correction order with its period. */
export class OrderCaseDto {
  @ApiProperty({
    minimum: RECTIFICATION_DAYS.min,
    maximum: RECTIFICATION_DAYS.max,
    example: 15,
    description: 'the period in working days after today, counted on the working-day calendar',
  })
  @IsInt()
  @Min(RECTIFICATION_DAYS.min)
  @Max(RECTIFICATION_DAYS.max)
  workingDays!: number;

  @ApiProperty({ example: '立即停止销售该批次产品，查明不合格原因并整改，整改完成后报送整改报告' })
  @Text(4000)
  requirements!: string;
}

export class AttachmentUploadDto {
  @ApiProperty({ example: '整改报告.pdf' })
  @Text(255)
  name!: string;

  @ApiProperty({ example: 'application/pdf' })
  @Matches(/^[A-Za-z0-9!#$&^_.+-]{1,64}\/[A-Za-z0-9!#$&^_.+-]{1,64}$/, {
    message: 'mediaType must be a media type such as application/pdf',
  })
  mediaType!: string;

  @ApiProperty({
    description: `the file's bytes, base64 (RFC 4648, with padding); at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MiB decoded`,
  })
  @IsString()
  @Length(4, Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4)
  @Matches(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/, {
    message: 'content must be base64 with padding',
  })
  content!: string;
}

/** 整改报告: the enterprise's rectification report. */
export class RectificationDto {
  @ApiProperty({ example: '已下架召回该批次产品，更换原料供应商，加强出厂检验' })
  @Text(20000)
  text!: string;

  @ApiPropertyOptional({ type: [AttachmentUploadDto], maxItems: ATTACHMENTS_MAX })
  @IsOptional()
  @ArrayMaxSize(ATTACHMENTS_MAX)
  @NestedList(() => AttachmentUploadDto)
  attachments?: AttachmentUploadDto[];
}

/** 复查: the re-inspection task, assigned like any task. */
export class ReinspectionDto {
  @ApiProperty({
    type: [String],
    example: ['NM-0001', 'NM-0002'],
    description: 'the inspector pair (staff numbers), under the draw’s pair rules',
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  staffNos!: string[];

  @ApiProperty({ format: 'uuid', description: 'an active lab accredited for the category' })
  @IsUUID('all')
  labId!: string;

  @ApiPropertyOptional({ format: 'date', description: 'the task is due by then' })
  @IsOptional()
  @IsIsoDate()
  dueDate?: string;
}

export class CloseCaseDto {
  @ApiProperty({ example: '复查合格，整改到位，予以结案' })
  @Text(4000)
  reason!: string;
}

/** The manufacturer's decision about the failed batch. */
export class RecallDecisionDto {
  @ApiProperty({
    enum: RECALL_DECISIONS,
    description: 'recall 主动召回, withdraw 下架停止销售, no_recall 不召回',
  })
  @IsIn(RECALL_DECISIONS)
  decision!: string;

  @ApiProperty({ example: '该批次产品已全部通知经销商下架并召回' })
  @Text(2000)
  reason!: string;
}

/** A holder's confirmation that it withdrew the batch. */
export class WithdrawalConfirmationDto {
  @ApiPropertyOptional({ example: '已下架全部库存 12 箱，退回生产企业' })
  @IsOptional()
  @Text(2000)
  note?: string;
}

export class CaseQuery {
  @ApiPropertyOptional({ enum: CASE_STATES })
  @IsOptional()
  @IsIn(CASE_STATES)
  state?: CaseState;

  @ApiPropertyOptional({ description: 'ordered and past its deadline unanswered' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'the enterprise whose cases' })
  @IsOptional()
  @Raw(18)
  uscc?: string;
}

class CaseEnterpriseDto {
  @ApiProperty()
  uscc!: string;
  @ApiProperty()
  name!: string;
}

class CaseProductDto {
  @ApiProperty()
  name!: string;
  @ApiProperty({ type: String, nullable: true })
  brand!: string | null;
  @ApiProperty({ type: String, nullable: true })
  batch!: string | null;
  @ApiProperty({ type: String, nullable: true })
  gtin!: string | null;
}

class CaseCategoryDto {
  @ApiProperty()
  code!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  sector!: string;
}

class CaseOrderDto {
  @ApiProperty()
  by!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  at!: Date;
  @ApiProperty({ format: 'date' })
  on!: string;
  @ApiProperty()
  text!: string;
  @ApiProperty({ format: 'date', description: 'the last day in time' })
  deadline!: string;
  @ApiProperty()
  workingDays!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'how the deadline was counted: from, workingDays, covered, firstUncovered, rule (the sector rule, null when the order set the period) and source',
  })
  basis!: Record<string, unknown>;
}

export class CaseAttachmentDto {
  @ApiProperty()
  sha256!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  mediaType!: string;
  @ApiProperty()
  size!: number;
}

class CaseRectificationDto {
  @ApiProperty()
  text!: string;
  @ApiProperty({ type: [CaseAttachmentDto] })
  attachments!: CaseAttachmentDto[];
  @ApiProperty()
  by!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  at!: Date;
  @ApiProperty({ format: 'date' })
  on!: string;
}

class CaseReinspectionDto {
  @ApiProperty({ format: 'uuid' })
  taskId!: string;
  @ApiProperty()
  taskState!: string;
  @ApiProperty({ type: String, nullable: true })
  sampleNo!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['pending', 'pass', 'fail'] })
  outcome!: string | null;
}

class CaseClosingDto {
  @ApiProperty()
  by!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  at!: Date;
  @ApiProperty({ format: 'date' })
  on!: string;
  @ApiProperty()
  reason!: string;
  @ApiProperty({ enum: ['rectified', 'revocation_recommended'] })
  result!: string;
}

class CaseStepDto {
  @ApiProperty()
  seq!: number;
  @ApiProperty()
  event!: string;
  @ApiProperty({ type: String, nullable: true, enum: CASE_STATES })
  from!: string | null;
  @ApiProperty({ enum: CASE_STATES })
  to!: string;
  @ApiProperty({ type: String, nullable: true, enum: ESCALATION_LADDER })
  escalation!: string | null;
  @ApiProperty()
  level!: number;
  @ApiProperty({ type: String, format: 'date-time' })
  at!: Date;
  @ApiProperty({ format: 'date' })
  on!: string;
  @ApiProperty({ description: 'who decided: a person, or system:followup' })
  by!: string;
  @ApiProperty()
  role!: string;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true })
  detail!: Record<string, unknown>;
}

export class CaseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  sampleId!: string;
  @ApiProperty()
  sampleNo!: string;
  @ApiProperty({ format: 'uuid', description: 'the original task' })
  taskId!: string;
  @ApiProperty()
  jurisdiction!: string;
  @ApiProperty({ type: CaseEnterpriseDto })
  enterprise!: CaseEnterpriseDto;
  @ApiProperty({ type: String, nullable: true })
  manufacturerUscc!: string | null;
  @ApiProperty({ type: CaseProductDto })
  product!: CaseProductDto;
  @ApiProperty({ type: CaseCategoryDto })
  category!: CaseCategoryDto;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  failedItems!: unknown[];
  @ApiProperty({ type: String, format: 'date', nullable: true })
  finalOn!: string | null;
  @ApiProperty({ enum: CASE_STATES })
  state!: string;
  @ApiProperty({ description: '0 to 3: rungs of the escalation ladder reached' })
  escalationLevel!: number;
  @ApiProperty({ type: String, nullable: true, enum: ESCALATION_LADDER })
  escalation!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  openedAt!: Date;
  @ApiProperty({ type: CaseOrderDto, nullable: true })
  order!: CaseOrderDto | null;
  @ApiProperty()
  overdue!: boolean;
  @ApiProperty({ type: CaseRectificationDto, nullable: true })
  rectification!: CaseRectificationDto | null;
  @ApiProperty({ type: CaseReinspectionDto, nullable: true })
  reinspection!: CaseReinspectionDto | null;
  @ApiProperty({ type: CaseClosingDto, nullable: true })
  closing!: CaseClosingDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  withdrawnAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

class RecallConfirmationDto {
  @ApiProperty({ enum: ['epcis', 'api'] })
  method!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  at!: Date;
  @ApiProperty({ type: String, nullable: true })
  by!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the captured recalled event' })
  eventId!: string | null;
  @ApiProperty({ type: String, nullable: true })
  note!: string | null;
}

class RecallHolderDto {
  @ApiProperty({ description: 'the party or place the events name (SGLN, PGLN, Digital Link…)' })
  holder!: string;
  @ApiProperty({ type: String, nullable: true, description: 'its enterprise, by GS1 prefix' })
  uscc!: string | null;
  @ApiProperty({ type: String, nullable: true })
  enterpriseName!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  firstAt!: Date;
  @ApiProperty()
  events!: number;
  @ApiProperty({ type: [String], description: 'the enterprises whose events named it' })
  namedBy!: string[];
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the worker told the holder (one with an account) to withdraw the batch',
  })
  notifiedAt!: Date | null;
  @ApiProperty({ type: RecallConfirmationDto, nullable: true })
  confirmed!: RecallConfirmationDto | null;
}

export class RecallDto {
  @ApiProperty({ type: String, nullable: true })
  gtin!: string | null;
  @ApiProperty({ type: String, nullable: true })
  batch!: string | null;
  @ApiProperty({ type: [RecallHolderDto] })
  holders!: RecallHolderDto[];
  @ApiProperty({ description: 'holders that are enterprises of Spotcheck' })
  accountHolders!: number;
  @ApiProperty({ description: 'of them, those that confirmed the withdrawal' })
  confirmed!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: "the manufacturer's decision: decision, reason, by, uscc, at",
  })
  decision!: Record<string, unknown> | null;
}

/** A place or party of the holder that the batch's events name. */
class HoldingPlaceDto {
  @ApiProperty({ description: 'the party or place the events name (SGLN, PGLN, Digital Link…)' })
  holder!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  firstAt!: Date;
  @ApiProperty()
  events!: number;
}

/** The caller's own holding of the failed batch. */
class HoldingDto {
  @ApiProperty({ type: [HoldingPlaceDto], description: 'its places the events name' })
  places!: HoldingPlaceDto[];
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the worker told it to withdraw the batch; null: not yet',
  })
  notifiedAt!: Date | null;
  @ApiProperty({ type: RecallConfirmationDto, nullable: true })
  confirmed!: RecallConfirmationDto | null;
}

class HeldDecisionDto {
  @ApiProperty({ enum: RECALL_DECISIONS })
  decision!: string;
  @ApiProperty()
  reason!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  at!: string;
}

/**
 * 下架确认: what a holder of the failed batch sees of its case — the product, the failure, the
 * manufacturer's recall decision and its own holding and confirmation; not the case's other
 * holders, its order or the rectification report.
 */
export class HeldCaseDto {
  @ApiProperty({ format: 'uuid', description: 'the follow-up case' })
  id!: string;
  @ApiProperty()
  sampleNo!: string;
  @ApiProperty({ type: CaseProductDto })
  product!: CaseProductDto;
  @ApiProperty({ type: CaseCategoryDto })
  category!: CaseCategoryDto;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  failedItems!: unknown[];
  @ApiProperty({ type: String, format: 'date', nullable: true })
  finalOn!: string | null;
  @ApiProperty({
    enum: ['open', 'closed', 'withdrawn'],
    description:
      'the case as it concerns the holder: open, closed, or withdrawn (the failure was overturned: nothing to withdraw)',
  })
  status!: 'open' | 'closed' | 'withdrawn';
  @ApiProperty({ type: HeldDecisionDto, nullable: true, description: "the manufacturer's" })
  decision!: HeldDecisionDto | null;
  @ApiProperty({ type: HoldingDto })
  holding!: HoldingDto;
}

export class CaseDetailDto extends CaseDto {
  @ApiProperty({ type: [CaseStepDto], description: 'every step, oldest first' })
  steps!: CaseStepDto[];

  @ApiProperty({ type: RecallDto, description: 'withdrawal and recall of the failed batch' })
  recall!: RecallDto;
}

export class CaseListDto {
  @ApiProperty({ type: [CaseDto], description: 'the newest 500' })
  items!: CaseDto[];
}
