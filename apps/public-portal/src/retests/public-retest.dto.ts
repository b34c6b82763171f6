import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQuery } from '@spotcheck/common';

export class PublicRetestQuery extends PageQuery {
  @ApiPropertyOptional({
    example: '150000',
    description: 'GB/T 2260 code: objections decided inside it',
  })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'jurisdiction must be a 6-digit region code' })
  jurisdiction?: string;
}

export class PublicRetestDto {
  @ApiProperty({ format: 'uuid' })
  objectionId!: string;
  @ApiProperty()
  sampleNo!: string;
  @ApiProperty()
  category!: string;
  @ApiProperty({ example: '150100' })
  jurisdiction!: string;
  @ApiProperty({ description: 'the lab that tested the sample' })
  originalLab!: string;
  @ApiProperty({ description: 'the lab drawn for the retest' })
  retestLab!: string;
  @ApiProperty({ description: 'sha256(seed), recorded when the objection was accepted' })
  commitment!: string;
  @ApiProperty({ format: 'date-time' })
  committedAt!: string;
  @ApiProperty({ format: 'date-time' })
  drawnAt!: string;
  @ApiProperty({ format: 'date' })
  concludedOn!: string;
  @ApiProperty({ enum: ['confirmed', 'overturned'] })
  conclusion!: string;
}

export class PublicRetestPageDto {
  @ApiProperty({ type: [PublicRetestDto] })
  items!: PublicRetestDto[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

class VerdictDto {
  @ApiProperty({ enum: ['MATCH', 'MISMATCH'] })
  verdict!: string;
  @ApiPropertyOptional()
  firstDifference?: string;
}

export class PublicRetestVerificationDto {
  @ApiProperty({ format: 'uuid' })
  objectionId!: string;
  @ApiProperty({ description: 'the retest lab the record names' })
  lab!: string;
  @ApiProperty({ type: VerdictDto })
  verification!: VerdictDto;
}
