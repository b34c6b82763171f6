import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { PageQuery, Raw, Text } from '@spotcheck/common';
import { ExportQuery } from '../directory/export-query';
import { IsRegionCode, IsUscc } from '../directory/validators';

const CATEGORY = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class CreateInspectorDto {
  @ApiProperty({
    example: 'NM-150100-0001',
    description: 'Law-enforcement certificate / staff number',
  })
  @Raw(64)
  staffNo!: string;

  @ApiProperty()
  @Text(100)
  name!: string;

  @ApiProperty({ example: '150100' })
  @IsRegionCode()
  regionCode!: string;

  @ApiPropertyOptional({ example: '呼和浩特市市场监督管理局' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  unit?: string;

  @ApiPropertyOptional({ type: [String], description: 'Categories the inspector is qualified for' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(CATEGORY, { each: true, message: 'each category must be a catalog code' })
  categories?: string[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    type: [String],
    description: 'USCCs of enterprises with a declared conflict of interest',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUscc({ each: true })
  conflicts?: string[];
}

export class UpdateInspectorDto extends PartialType(CreateInspectorDto, {
  skipNullProperties: false,
}) {}

export class InspectorQuery extends PageQuery {
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

  @ApiPropertyOptional({ description: 'Substring of the name or staff number' })
  @IsOptional()
  @Text(100)
  q?: string;
}

export class InspectorExportQuery extends IntersectionType(InspectorQuery, ExportQuery) {}

export class InspectorDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'NM-150100-0001' })
  staffNo!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: '150100' })
  regionCode!: string;

  @ApiProperty()
  unit!: string;

  @ApiProperty({ type: [String] })
  categories!: string[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: [String], description: 'USCCs of declared conflicts of interest' })
  conflicts!: string[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class InspectorPageDto {
  @ApiProperty({ type: [InspectorDto] })
  items!: InspectorDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor!: string | null;
}
