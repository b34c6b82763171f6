import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { PageQuery, Raw, Text } from '@spotcheck/common';
import { ExportQuery } from '../directory/export-query';
import { IsRegionCode, IsUscc } from '../directory/validators';

const CATEGORY = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class CreateLabDto {
  @ApiProperty()
  @Text(200)
  name!: string;

  @ApiProperty({ description: 'USCC of the lab' })
  @IsUscc()
  uscc!: string;

  @ApiProperty({ description: 'CMA (资质认定) certificate number' })
  @Raw(64)
  cmaNo!: string;

  @ApiProperty({ example: '150100' })
  @IsRegionCode()
  regionCode!: string;

  @ApiPropertyOptional({ type: [String], description: 'Accredited product categories' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(CATEGORY, { each: true, message: 'each category must be a catalog code' })
  categories?: string[];

  @ApiProperty({ description: 'Samples per year the lab can test' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  capacity!: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateLabDto extends PartialType(CreateLabDto, { skipNullProperties: false }) {}

export class LabQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsRegionCode()
  region?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CATEGORY)
  category?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  active?: boolean;
}

export class LabExportQuery extends IntersectionType(LabQuery, ExportQuery) {}

export class LabDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  uscc!: string;

  @ApiProperty()
  cmaNo!: string;

  @ApiProperty({ example: '150100' })
  regionCode!: string;

  @ApiProperty({ type: [String] })
  categories!: string[];

  @ApiProperty({ description: 'Samples per year the lab can test' })
  capacity!: number;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class LabPageDto {
  @ApiProperty({ type: [LabDto] })
  items!: LabDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor!: string | null;
}
