import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@spotcheck/common';
import { REJECTION_REASONS } from '@spotcheck/domain';
import type { RejectionReason } from '@spotcheck/domain';
import { Raw, Text } from '@spotcheck/common';

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
