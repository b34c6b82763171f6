import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import {
  ENTERPRISE_SIZES,
  RATE_DIMENSIONS,
  SAMPLE_STAGES,
  SECTORS,
  type EnterpriseSize,
  type SampleStage,
  type Sector,
} from '@spotcheck/domain';
import { Raw } from '@spotcheck/common';
import { IsRegionCode } from '../directory/validators';

export class RatesQuery {
  @ApiPropertyOptional({
    example: 'sector,prefecture',
    description: `Dimensions to group by, comma-separated, any combination of: ${RATE_DIMENSIONS.join(', ')}. None: totals only.`,
  })
  @IsOptional()
  @IsString()
  by?: string;

  @ApiPropertyOptional({
    example: '2026-Q3',
    description:
      'A year (2026), a quarter (2026-Q3) or a month (2026-07), by the month of sampling; default: this year (China time)',
  })
  @IsOptional()
  @IsString()
  period?: string;

  @ApiPropertyOptional({
    example: '150100',
    description:
      "The plans' jurisdiction (its subtree); a regulator's own by default, 404 outside it. Admins: every jurisdiction by default.",
  })
  @IsOptional()
  @IsRegionCode()
  jurisdiction?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this plan' })
  @IsOptional()
  @IsUUID()
  plan?: string;

  @ApiPropertyOptional({ example: 'DAIRY-PAST', description: 'Only this category' })
  @IsOptional()
  @Raw(32)
  category?: string;

  @ApiPropertyOptional({ enum: SECTORS })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;

  @ApiPropertyOptional({ example: '150100', description: 'Only samples taken in this prefecture' })
  @IsOptional()
  @IsRegionCode()
  prefecture?: string;

  @ApiPropertyOptional({ example: '150102', description: 'Only samples taken in this county' })
  @IsOptional()
  @IsRegionCode()
  county?: string;

  @ApiPropertyOptional({ enum: ENTERPRISE_SIZES })
  @IsOptional()
  @IsIn(ENTERPRISE_SIZES)
  size?: EnterpriseSize;

  @ApiPropertyOptional({ enum: SAMPLE_STAGES })
  @IsOptional()
  @IsIn(SAMPLE_STAGES)
  stage?: SampleStage;
}

export class RatesExportQuery extends RatesQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format: 'csv' | 'xlsx' = 'csv';
}

/** Counts, rate, and the target in force beside them. */
export class RateFiguresDto {
  @ApiProperty({ example: 965, description: 'Batches with a final pass' })
  pass!: number;

  @ApiProperty({ example: 35, description: 'Batches with a final fail' })
  fail!: number;

  @ApiProperty({
    example: 12,
    description: 'Batches not final yet (objection window, objection, retest); not in the rate',
  })
  pending!: number;

  @ApiProperty({ example: 0, description: 'Batches whose report concludes nothing; not counted' })
  excluded!: number;

  @ApiProperty({ example: 1000, description: 'pass + fail' })
  final!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '96.50',
    description: 'pass ÷ final in percent, two decimals, half to even; null without a final batch',
  })
  rate!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '96.5',
    description:
      'The pass-rate target in force, percent; null when the row spans sectors or none is set',
  })
  target!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2025,
    description: 'The year the target was set for',
  })
  targetYear!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '150000',
    description: 'The jurisdiction that set it',
  })
  targetJurisdiction!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '0.00',
    description: 'rate − target in percentage points (from the exact rate); negative when short',
  })
  gap!: string | null;
}

export class RateRowDto extends RateFiguresDto {
  @ApiPropertyOptional({ format: 'uuid' })
  plan?: string;

  @ApiPropertyOptional({ example: 'NM-2026-01' })
  planCode?: string;

  @ApiPropertyOptional({ example: 'DAIRY-PAST' })
  category?: string;

  @ApiPropertyOptional({ example: '巴氏杀菌乳' })
  categoryName?: string;

  @ApiPropertyOptional({
    enum: SECTORS,
    description: 'Also given when the row’s batches are of one sector',
  })
  sector?: string;

  @ApiPropertyOptional({ example: '150100' })
  prefecture?: string;

  @ApiPropertyOptional({ example: '150102' })
  county?: string;

  @ApiPropertyOptional({
    example: '呼和浩特市',
    description: 'Name of the county, else of the prefecture',
  })
  regionName?: string;

  @ApiPropertyOptional({ enum: ENTERPRISE_SIZES })
  size?: string;

  @ApiPropertyOptional({ enum: SAMPLE_STAGES })
  stage?: string;

  @ApiPropertyOptional({ example: '2026-07' })
  month?: string;

  @ApiPropertyOptional({ example: '2026-Q3' })
  quarter?: string;

  @ApiPropertyOptional({ example: 2026 })
  year?: number;
}

export class RateSectorDto extends RateFiguresDto {
  @ApiProperty({ enum: SECTORS })
  sector!: string;
}

export class RatePeriodDto {
  @ApiProperty({ example: '2026-Q3' })
  label!: string;

  @ApiProperty({ example: '2026-07', description: 'First month (of sampling)' })
  from!: string;

  @ApiProperty({ example: '2026-09', description: 'Last month' })
  to!: string;
}

/** The problem disposal rate (问题处置率): closed follow-up cases over final failures. */
export class DisposalFiguresDto {
  @ApiProperty({ example: 35, description: 'Final failures (re-inspections not counted)' })
  failures!: number;

  @ApiProperty({ example: 34, description: 'Of them, those whose follow-up case is closed' })
  disposed!: number;

  @ApiProperty({ example: 1, description: 'failures − disposed: cases still open' })
  open!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '97.14',
    description: 'disposed ÷ failures in percent, two decimals, half to even; null without one',
  })
  rate!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '100',
    description:
      'The disposal-rate target in force (food: 100 % from the 2025 outline); null when the row spans sectors or none is set',
  })
  target!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 2025 })
  targetYear!: number | null;

  @ApiProperty({ type: String, nullable: true, example: '150000' })
  targetJurisdiction!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '-2.86',
    description: 'rate − target in percentage points; negative when short',
  })
  gap!: string | null;
}

export class DisposalRowDto extends DisposalFiguresDto {
  @ApiPropertyOptional({ format: 'uuid' })
  plan?: string;
  @ApiPropertyOptional()
  category?: string;
  @ApiPropertyOptional({ enum: SECTORS })
  sector?: string;
  @ApiPropertyOptional()
  prefecture?: string;
  @ApiPropertyOptional()
  county?: string;
  @ApiPropertyOptional({ enum: ENTERPRISE_SIZES })
  size?: string;
  @ApiPropertyOptional({ enum: SAMPLE_STAGES })
  stage?: string;
  @ApiPropertyOptional()
  month?: string;
  @ApiPropertyOptional()
  quarter?: string;
  @ApiPropertyOptional()
  year?: number;
}

export class DisposalSectorDto extends DisposalFiguresDto {
  @ApiProperty({ enum: SECTORS })
  sector!: string;
}

export class DisposalDto {
  @ApiProperty({ type: [DisposalRowDto], description: 'By the same dimensions as `rows`' })
  rows!: DisposalRowDto[];

  @ApiProperty({ type: DisposalFiguresDto })
  total!: DisposalFiguresDto;

  @ApiProperty({ type: [DisposalSectorDto] })
  sectors!: DisposalSectorDto[];
}

export class RatesDto {
  @ApiProperty({ type: String, nullable: true, example: '150100' })
  jurisdiction!: string | null;

  @ApiProperty({ type: RatePeriodDto })
  period!: RatePeriodDto;

  @ApiProperty({ enum: RATE_DIMENSIONS, isArray: true, example: ['sector', 'prefecture'] })
  by!: string[];

  @ApiProperty({ type: [RateRowDto] })
  rows!: RateRowDto[];

  @ApiProperty({ type: RateFiguresDto, description: 'All the rows together' })
  total!: RateFiguresDto;

  @ApiProperty({
    type: [RateSectorDto],
    description: 'Each sector of the selection against its target',
  })
  sectors!: RateSectorDto[];

  @ApiProperty({
    type: DisposalDto,
    description:
      'The problem disposal rate (问题处置率) over the same selection, beside its target',
  })
  disposal!: DisposalDto;
}

export class RecomputeDto {
  @ApiProperty({ example: '1234', description: 'The outbox row the worker takes the job from' })
  outboxId!: string;

  @ApiProperty({ example: 'rates.recompute' })
  job!: string;
}
