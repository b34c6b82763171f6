import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ENTERPRISE_SIZES, RATE_DIMENSIONS, SAMPLE_STAGES, SECTORS } from '@spotcheck/domain';
import { QueryText } from '../public-query';

export class PublicRatesQuery {
  @ApiPropertyOptional({
    example: 'sector,prefecture',
    description: `Dimensions to group by, comma-separated, any of: ${RATE_DIMENSIONS.join(', ')}. None: totals only.`,
  })
  @IsOptional()
  @QueryText(200)
  by?: string;

  @ApiPropertyOptional({
    example: '2026',
    description:
      'A year (2026), a quarter (2026-Q3) or a month (2026-07), by the month of sampling; default: this year (China time)',
  })
  @IsOptional()
  @QueryText(10)
  period?: string;

  @ApiPropertyOptional({
    example: '150000',
    description: "The plans' jurisdiction, with its subtree",
  })
  @IsOptional()
  @QueryText(6)
  jurisdiction?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @QueryText(36)
  plan?: string;

  @ApiPropertyOptional({ description: 'Product category code' })
  @IsOptional()
  @QueryText(40)
  category?: string;

  @ApiPropertyOptional({ enum: SECTORS })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: string;

  @ApiPropertyOptional({ example: '150100', description: 'Where samples were taken (subtree)' })
  @IsOptional()
  @QueryText(6)
  prefecture?: string;

  @ApiPropertyOptional({ enum: ENTERPRISE_SIZES })
  @IsOptional()
  @IsIn(ENTERPRISE_SIZES)
  size?: string;

  @ApiPropertyOptional({ enum: SAMPLE_STAGES })
  @IsOptional()
  @IsIn(SAMPLE_STAGES)
  stage?: string;
}

export class PublicRateFiguresDto {
  @ApiProperty({ description: 'Batches with a final pass' })
  pass!: number;
  @ApiProperty({ description: 'Batches with a final fail' })
  fail!: number;
  @ApiProperty({ description: 'Batches still pending objection or retest: not in the rate' })
  pending!: number;
  @ApiProperty({ description: 'Batches whose report concludes nothing: not counted' })
  excluded!: number;
  @ApiProperty({ description: 'pass + fail' })
  final!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '96.50',
    description: 'pass ÷ final, percent',
  })
  rate!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '96.5',
    description: 'The pass-rate target in force',
  })
  target!: string | null;
  @ApiProperty({ type: Number, nullable: true })
  targetYear!: number | null;
  @ApiProperty({ type: String, nullable: true })
  targetJurisdiction!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '-0.25',
    description: 'rate − target, percentage points',
  })
  gap!: string | null;
}

export class PublicRateRowDto extends PublicRateFiguresDto {
  @ApiPropertyOptional({ description: 'Each dimension asked for, by its name', type: String })
  sector?: string;
  @ApiPropertyOptional()
  planCode?: string;
  @ApiPropertyOptional()
  categoryName?: string;
  @ApiPropertyOptional()
  regionName?: string;
}

export class PublicSectorRateDto extends PublicRateFiguresDto {
  @ApiProperty({ enum: SECTORS })
  sector!: string;
}

export class PublicRatesDto {
  @ApiProperty({ type: String, nullable: true })
  jurisdiction!: string | null;
  @ApiProperty({ example: { label: '2026', from: '2026-01', to: '2026-12' } })
  period!: { label: string; from: string; to: string };
  @ApiProperty({ enum: RATE_DIMENSIONS, isArray: true })
  by!: string[];
  @ApiProperty({ type: [PublicRateRowDto] })
  rows!: PublicRateRowDto[];
  @ApiProperty({ type: PublicRateFiguresDto })
  total!: PublicRateFiguresDto;
  @ApiProperty({ type: [PublicSectorRateDto], description: 'Each sector against its target' })
  sectors!: PublicSectorRateDto[];
}
