import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TASK_STATES, UNABLE_REASONS } from '@spotcheck/domain';
import type { TaskState, UnableReason } from '@spotcheck/domain';
import { PageQuery, Raw } from '@spotcheck/common';

export class DrawPlanDto {
  @ApiProperty({
    example: '0123456789abcdef0123456789abcdef',
    description:
      'The seed whose sha256 was committed; 16–256 visible ASCII characters (docs/draw-algorithm.md §2)',
  })
  @Raw(1000)
  seed!: string;
}

export class TaskQuery extends PageQuery {}

export class DrawParamsDto {
  @ApiProperty({ example: { A: 300, B: 1000, C: 3000, D: 10000 }, description: 'Basis points' })
  ratiosBp!: Record<string, number>;

  @ApiProperty()
  stratifyByPrefecture!: boolean;

  @ApiProperty({ type: Number, nullable: true })
  maxTasks!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  inspectorCapacity!: number | null;
}

export class StratumDto {
  @ApiProperty({ example: '150100/B', description: 'Risk class, or prefecture/class' })
  name!: string;

  @ApiProperty()
  size!: number;

  @ApiProperty({ description: 'Ratio in basis points' })
  ratioBp!: number;

  @ApiProperty()
  quota!: number;

  @ApiProperty({ description: 'Tasks given after the plan cap' })
  allotted!: number;
}

/** A draw without its enterprise lists. */
export class DrawSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  planId!: string;

  @ApiProperty({ example: 'spotcheck-draw/3' })
  algorithmVersion!: string;

  @ApiProperty({ description: 'sha256(seed) as committed' })
  commitment!: string;

  @ApiProperty()
  eligibleCount!: number;

  @ApiProperty({ description: 'SHA-256 of the eligible list' })
  eligibleDigest!: string;

  @ApiProperty()
  totalQuota!: number;

  @ApiProperty({ description: "Whether the plan's maxTasks cut the quotas" })
  capApplied!: boolean;

  @ApiProperty({ type: DrawParamsDto })
  params!: DrawParamsDto;

  @ApiProperty({ type: [StratumDto] })
  strata!: StratumDto[];

  @ApiProperty()
  tasks!: number;

  @ApiProperty({ description: 'Tasks the draw left without a pair or a lab' })
  unassignedTasks!: number;

  @ApiProperty()
  exclusions!: number;

  @ApiProperty({ format: 'date-time' })
  drawnAt!: string;

  @ApiProperty()
  drawnBy!: string;
}

export class VerdictDto {
  @ApiProperty({ enum: ['MATCH', 'MISMATCH'] })
  verdict!: 'MATCH' | 'MISMATCH';

  @ApiPropertyOptional({ description: 'With MISMATCH: where the recomputed draw differs first' })
  firstDifference?: string;
}

export class DrawVerificationDto {
  @ApiProperty({ format: 'uuid' })
  drawId!: string;

  @ApiProperty({ format: 'uuid' })
  planId!: string;

  @ApiProperty({ type: VerdictDto })
  verdict!: VerdictDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The draw record without its eligible list (docs/draw-algorithm.md §10)',
  })
  record!: Record<string, unknown>;

  @ApiProperty({ example: '/api/v1/draws/4b1f…/record' })
  recordUrl!: string;
}

export class ExclusionDto {
  @ApiProperty()
  uscc!: string;

  @ApiProperty()
  category!: string;

  @ApiProperty({ enum: ['RECENTLY_CHECKED', 'HIGHER_LEVEL_PLAN'] })
  code!: 'RECENTLY_CHECKED' | 'HIGHER_LEVEL_PLAN';

  @ApiProperty()
  reason!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The plan whose task excluded it' })
  byPlanCode!: string | null;
}

export class ExclusionListDto {
  @ApiProperty({ type: [ExclusionDto] })
  items!: ExclusionDto[];
}

/** A task row as the draw wrote it and the task machine moved it. */
export class PlanTaskDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  planId!: string;

  @ApiProperty({ format: 'uuid' })
  drawId!: string;

  @ApiProperty()
  taskNo!: number;

  @ApiProperty()
  uscc!: string;

  @ApiProperty()
  category!: string;

  @ApiProperty({ type: [String], nullable: true, description: 'Staff numbers of the pair' })
  inspectors!: string[] | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  labId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  unassigned!: Record<string, unknown> | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  dueDate!: string | null;

  @ApiProperty({ enum: TASK_STATES })
  state!: TaskState;

  @ApiProperty({ enum: UNABLE_REASONS, nullable: true })
  unableReason!: UnableReason | null;

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty()
  violation!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  stateChangedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true })
  stateChangedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class PlanTaskPageDto {
  @ApiProperty({ type: [PlanTaskDto] })
  items!: PlanTaskDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
