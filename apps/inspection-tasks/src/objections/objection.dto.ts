import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { Nested, Raw, RuleRefDto, Text } from '@spotcheck/common';
import { OBJECTION_STATES, RETEST_DRAW_VERSION, RETEST_REFUSAL_REASONS } from '@spotcheck/domain';
import type { ObjectionState, RetestRefusalReason } from '@spotcheck/domain';

export class ObjectionContactDto {
  @ApiProperty({ example: '李四' })
  @Text(100)
  name!: string;

  @ApiProperty({ example: '0471-1234567' })
  @Matches(/^[0-9+\-() ]{5,40}$/, {
    message: 'phone must be 5–40 digits, spaces, +, - or brackets',
  })
  phone!: string;

  @ApiPropertyOptional({ example: 'qa@example.com' })
  @IsOptional()
  @Matches(/^[^\s@]{1,100}@[^\s@]{1,100}$/, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({ example: '呼和浩特市新城区某路1号' })
  @IsOptional()
  @Text(500)
  address?: string;
}

/** An objection (复检申请) to a failed result: the items contested, why, and whom to contact. */
export class FileObjectionDto {
  @ApiProperty({
    type: [String],
    example: ['FAT'],
    description: 'item codes among the failed items of the notice',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  items!: string[];

  @ApiProperty({ example: '对脂肪项目检验结果有异议，申请复检备份样品' })
  @Text(2000)
  reason!: string;

  @ApiProperty({ type: ObjectionContactDto })
  @Nested(() => ObjectionContactDto)
  contact!: ObjectionContactDto;
}

export class DecideObjectionDto {
  @ApiProperty({ enum: ['accept', 'reject'] })
  @IsIn(['accept', 'reject'])
  decision!: 'accept' | 'reject';

  @ApiPropertyOptional({ description: 'required to reject: why the objection is not accepted' })
  @IsOptional()
  @Text(2000)
  reason?: string;

  @ApiPropertyOptional({
    example: 'a3f1…',
    description:
      'required to accept: SHA-256 of the seed of the retest-lab draw (64 lowercase hex digits), revealed at POST …/retest-draw',
  })
  @IsOptional()
  @Raw(64)
  commitment?: string;
}

export class RetestDrawDto {
  @ApiProperty({ example: 'c0ffee…', description: 'the seed whose SHA-256 was committed' })
  @Raw(256)
  seed!: string;
}

/**
 * The drawn lab refused the backup: why, and the commitment SHA-256(seed) of the next draw,
 * revealed at POST …/retest-draw.
 */
export class RetestRefusalDto {
  @ApiProperty({ enum: RETEST_REFUSAL_REASONS })
  @IsIn(RETEST_REFUSAL_REASONS)
  reason!: RetestRefusalReason;

  @ApiPropertyOptional({ example: '复检机构告知本月检测能力已满' })
  @IsOptional()
  @Text(1000)
  note?: string;

  @ApiProperty({
    example: 'a3f1…',
    description: 'SHA-256 of the seed of the next retest-lab draw (64 lowercase hex digits)',
  })
  @Raw(64)
  commitment!: string;
}

export class ObjectionQuery {
  @ApiPropertyOptional({ enum: OBJECTION_STATES })
  @IsOptional()
  @IsIn(OBJECTION_STATES)
  state?: ObjectionState;

  @ApiPropertyOptional({ description: 'still undecided after the decision due date' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the objections on this notice' })
  @IsOptional()
  @IsUUID('all')
  noticeId?: string;
}

class NamedRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
}

class ObjectionProductDto {
  @ApiProperty()
  name!: string;
  @ApiProperty({ type: String, nullable: true })
  brand!: string | null;
  @ApiProperty({ type: String, nullable: true })
  batch!: string | null;
}

class ObjectionCategoryDto {
  @ApiProperty()
  code!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  sector!: string;
}

export class ObjectionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  sampleNo!: string;
  @ApiProperty({ format: 'uuid' })
  noticeId!: string;
  @ApiProperty({ description: 'the applicant: the sampled enterprise' })
  uscc!: string;
  @ApiProperty()
  enterpriseName!: string;
  @ApiProperty({ type: ObjectionProductDto })
  product!: ObjectionProductDto;
  @ApiProperty({ type: ObjectionCategoryDto })
  category!: ObjectionCategoryDto;
  @ApiProperty({ type: NamedRefDto, description: 'the lab that tested the sample' })
  lab!: NamedRefDto;
  @ApiProperty({ description: 'the plan’s jurisdiction, which decides' })
  jurisdiction!: string;
  @ApiProperty({ type: [String] })
  items!: string[];
  @ApiProperty()
  reason!: string;
  @ApiProperty({ type: ObjectionContactDto })
  contact!: Record<string, string>;
  @ApiProperty()
  filedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  filedAt!: Date;
  @ApiProperty({ format: 'date' })
  filedOn!: string;
  @ApiProperty({ format: 'date', description: 'the deadline the objection met' })
  objectionDeadline!: string;
  @ApiProperty({ type: RuleRefDto, nullable: true })
  objectionDeadlineRule!: RuleRefDto | null;
  @ApiProperty({ format: 'date', description: 'the decision is due by then' })
  decisionDue!: string;
  @ApiProperty({ type: RuleRefDto, description: 'the sector’s objectionDecision rule used' })
  decisionDueRule!: RuleRefDto;
  @ApiProperty({ enum: OBJECTION_STATES })
  state!: ObjectionState;
  @ApiProperty({ description: 'undecided after its decision due date' })
  overdue!: boolean;
  @ApiProperty({ type: String, nullable: true })
  decidedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  decidedOn!: string | null;
  @ApiProperty({ type: String, nullable: true })
  decisionReason!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the draw’s seed' })
  commitment!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  committedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true })
  drawnBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  drawnAt!: Date | null;
  @ApiProperty({ type: NamedRefDto, nullable: true })
  retestLab!: NamedRefDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  retestReportId!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true })
  concludedOn!: string | null;
  @ApiProperty({ type: String, enum: ['confirmed', 'overturned'], nullable: true })
  conclusion!: 'confirmed' | 'overturned' | null;
  @ApiProperty({ type: String, enum: ['pass', 'fail'], nullable: true })
  outcome!: 'pass' | 'fail' | null;
  @ApiProperty({ type: [String], nullable: true })
  stillFailing!: string[] | null;
  @ApiProperty({
    type: String,
    enum: ['applicant', 'regulator'],
    nullable: true,
    description: 'who pays the retest: the applicant first, the regulator when overturned',
  })
  feePayer!: 'applicant' | 'regulator' | null;
  @ApiProperty()
  custodyState!: string;
  @ApiProperty({
    type: () => [RetestRefusalRecordDto],
    description: 'drawn labs that refused the backup, in order, each with the draw that drew it',
  })
  refusals!: RetestRefusalRecordDto[];
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class ObjectionListDto {
  @ApiProperty({ type: [ObjectionDto], description: 'the newest 500' })
  items!: ObjectionDto[];
}

class RetestCandidateDto {
  @ApiProperty()
  id!: string;
  @ApiProperty()
  capacity!: number;
}

/** The record of a retest-lab draw (docs/draw-algorithm.md §12). */
export class RetestDrawRecordDto {
  @ApiProperty({ enum: [RETEST_DRAW_VERSION] })
  algorithmVersion!: string;
  @ApiProperty()
  objectionId!: string;
  @ApiProperty()
  sampleNo!: string;
  @ApiProperty()
  category!: string;
  @ApiProperty()
  originalLabId!: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'on a redraw: the labs that refused the backup, never drawn again',
  })
  refusedLabIds?: string[];
  @ApiProperty()
  commitment!: string;
  @ApiProperty()
  seed!: string;
  @ApiProperty({ type: [RetestCandidateDto] })
  candidates!: RetestCandidateDto[];
  @ApiProperty({ type: [String] })
  eligible!: string[];
  @ApiProperty()
  eligibleDigest!: string;
  @ApiProperty()
  key!: string;
  @ApiProperty()
  index!: number;
  @ApiProperty()
  lab!: string;
}

class RetestVerdictDto {
  @ApiProperty({ enum: ['MATCH', 'MISMATCH'] })
  verdict!: string;
  @ApiPropertyOptional()
  firstDifference?: string;
}

export class RetestDrawVerificationDto {
  @ApiProperty()
  objectionId!: string;
  @ApiProperty({ description: 'the retest lab the record names' })
  lab!: string;
  @ApiProperty({ type: RetestVerdictDto })
  verification!: RetestVerdictDto;
}

/** A drawn lab's refusal of the backup. */
export class RetestRefusalRecordDto {
  @ApiProperty({ format: 'uuid' })
  labId!: string;
  @ApiProperty({ enum: RETEST_REFUSAL_REASONS })
  reason!: RetestRefusalReason;
  @ApiProperty({ type: String, nullable: true })
  note!: string | null;
  @ApiProperty({ description: 'the backup’s custody when the refusal was recorded' })
  custodyState!: string;
  @ApiProperty()
  recordedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  recordedAt!: string;
  @ApiProperty({ type: RetestDrawRecordDto })
  drawRecord!: RetestDrawRecordDto;
}
