import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PageQuery } from '@spotcheck/common';

export class PublicDrawQuery extends PageQuery {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    example: '150000',
    description: 'GB/T 2260 code: draws of plans inside it',
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a 6-digit region code' })
  jurisdiction?: string;
}

/** A draw of a closed plan, as the public sees it. */
export class PublicDrawDto {
  @ApiProperty({ format: 'uuid' })
  drawId!: string;

  @ApiProperty({ example: 'NM-2026-001' })
  planCode!: string;

  @ApiProperty()
  planTitle!: string;

  @ApiProperty({ enum: ['national', 'provincial', 'prefecture'] })
  level!: string;

  @ApiProperty({ example: '150000' })
  jurisdiction!: string;

  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty({ type: [String] })
  categories!: string[];

  @ApiProperty({ description: 'sha256(seed), recorded before the draw' })
  commitment!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  committedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  witness!: string | null;

  @ApiProperty({ format: 'date-time' })
  drawnAt!: string;

  @ApiProperty()
  eligibleCount!: number;

  @ApiProperty()
  eligibleDigest!: string;

  @ApiProperty()
  tasks!: number;
}

export class PublicDrawPageDto {
  @ApiProperty({ type: [PublicDrawDto] })
  items!: PublicDrawDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class PublicVerdictDto {
  @ApiProperty({ enum: ['MATCH', 'MISMATCH'] })
  verdict!: 'MATCH' | 'MISMATCH';

  @ApiPropertyOptional()
  firstDifference?: string;
}

export class PublicDrawVerificationDto {
  @ApiProperty({ format: 'uuid' })
  drawId!: string;

  @ApiProperty({ type: PublicVerdictDto })
  verdict!: PublicVerdictDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The draw record without its eligible list',
  })
  record!: Record<string, unknown>;

  @ApiProperty()
  recordUrl!: string;
}
