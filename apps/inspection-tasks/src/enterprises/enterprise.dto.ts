import {
  ApiProperty,
  ApiPropertyOptional,
  IntersectionType,
  OmitType,
  PartialType,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { ENTERPRISE_SIZES, ENTERPRISE_STATUSES, RISK_CLASSES } from '@spotcheck/domain';
import type { EnterpriseSize, EnterpriseStatus, RiskClass } from '@spotcheck/domain';
import { PageQuery, Text } from '@spotcheck/common';
import { ExportQuery } from '../directory/export-query';
import { IsRegionCode, IsUscc } from '../directory/validators';

const CATEGORY = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
const upperList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim().toUpperCase()) : value;

export class CreateEnterpriseDto {
  @ApiProperty({ example: '91150100MA0N000000', description: 'USCC (GB 32100), 18 characters' })
  @IsUscc()
  uscc!: string;

  @ApiProperty({ example: '呼和浩特市某乳业有限公司' })
  @Text(200)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 500)
  address?: string;

  @ApiProperty({ example: '150102', description: 'GB/T 2260 region code' })
  @IsRegionCode()
  regionCode!: string;

  @ApiProperty({ enum: ENTERPRISE_SIZES })
  @IsIn(ENTERPRISE_SIZES)
  size!: EnterpriseSize;

  @ApiPropertyOptional({ type: [String], example: ['DAIRY-PAST'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(CATEGORY, { each: true, message: 'each category must be a catalog code' })
  categories?: string[];

  @ApiProperty({ enum: RISK_CLASSES, description: 'Credit-risk class, A lowest risk' })
  @IsIn(RISK_CLASSES)
  riskClass!: RiskClass;

  @ApiPropertyOptional({ enum: ENTERPRISE_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(ENTERPRISE_STATUSES)
  status?: EnterpriseStatus;
}

export class UpdateEnterpriseDto extends PartialType(
  OmitType(CreateEnterpriseDto, ['uscc'] as const),
  { skipNullProperties: false },
) {}

export class EnterpriseQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Region code; the whole subtree matches' })
  @IsOptional()
  @IsRegionCode()
  region?: string;

  @ApiPropertyOptional({ description: 'Category code' })
  @IsOptional()
  @Matches(CATEGORY)
  category?: string;

  @ApiPropertyOptional({ description: 'Comma-separated risk classes', example: 'C,D' })
  @IsOptional()
  @Transform(upperList)
  @IsIn(RISK_CLASSES, { each: true })
  riskClass?: RiskClass[];

  @ApiPropertyOptional({ enum: ENTERPRISE_STATUSES })
  @IsOptional()
  @IsIn(ENTERPRISE_STATUSES)
  status?: EnterpriseStatus;

  @ApiPropertyOptional({ enum: ENTERPRISE_SIZES })
  @IsOptional()
  @IsIn(ENTERPRISE_SIZES)
  size?: EnterpriseSize;

  @ApiPropertyOptional({ description: 'Substring of the name' })
  @IsOptional()
  @Text(100)
  q?: string;
}

export class EnterpriseExportQuery extends IntersectionType(EnterpriseQuery, ExportQuery) {}

export class EnterpriseDto {
  @ApiProperty({ example: '91150100MA0N000000' })
  uscc!: string;

  @ApiProperty({ example: '呼和浩特市某乳业有限公司' })
  name!: string;

  @ApiProperty()
  address!: string;

  @ApiProperty({ example: '150102' })
  regionCode!: string;

  @ApiProperty({ enum: ENTERPRISE_SIZES })
  size!: EnterpriseSize;

  @ApiProperty({ type: [String], example: ['DAIRY-PAST'] })
  categories!: string[];

  @ApiProperty({ enum: RISK_CLASSES })
  riskClass!: RiskClass;

  @ApiProperty({ enum: ENTERPRISE_STATUSES })
  status!: EnterpriseStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class EnterprisePageDto {
  @ApiProperty({ type: [EnterpriseDto] })
  items!: EnterpriseDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor!: string | null;
}

export class DirectoryStatDto {
  @ApiProperty({ example: '150102' })
  regionCode!: string;

  @ApiProperty({ enum: RISK_CLASSES })
  riskClass!: RiskClass;

  @ApiProperty({ enum: ENTERPRISE_STATUSES })
  status!: EnterpriseStatus;

  @ApiProperty({ example: 42 })
  enterprises!: number;

  @ApiProperty({ type: String, format: 'date-time' })
  computedAt!: Date;
}
