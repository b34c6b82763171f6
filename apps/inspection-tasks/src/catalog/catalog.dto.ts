import {
  ApiProperty,
  ApiPropertyOptional,
  IntersectionType,
  OmitType,
  PartialType,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { SECTORS, type LimitRule, type Sector } from '@spotcheck/domain';
import { PageQuery } from '@spotcheck/common';
import { ExportQuery } from '../directory/export-query';
import { IsLimitRule } from '../directory/validators';

export class TestItemDto {
  @ApiProperty({ example: 'PROTEIN' })
  @IsString()
  @Length(1, 64)
  code!: string;

  @ApiProperty({ example: '蛋白质' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ example: 'GB 5009.5' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  method = '';

  @ApiPropertyOptional({ example: 'g/100g' })
  @IsOptional()
  @IsString()
  @Length(0, 50)
  unit = '';

  @ApiProperty({
    description:
      'Limit rule: JSON ({"kind":"range","min":"2.9","minInclusive":true,...}) or compact text ("≥2.9", "不得检出(0.01)", "{合格|符合}")',
    example: '≥2.9',
  })
  @IsLimitRule()
  limit!: LimitRule | string;
}

export class CreateCategoryDto {
  @ApiProperty({ example: 'DAIRY-PAST' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'must be 2–32 characters of A–Z, 0–9 and -' })
  code!: string;

  @ApiProperty({ example: '巴氏杀菌乳' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: SECTORS })
  @IsIn(SECTORS)
  sector!: Sector;

  @ApiProperty({ type: [TestItemDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => TestItemDto)
  items!: TestItemDto[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateCategoryDto extends PartialType(OmitType(CreateCategoryDto, ['code'] as const), {
  skipNullProperties: false,
}) {}

export class CategoryQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SECTORS })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;
}

export class CategoryExportQuery extends IntersectionType(CategoryQuery, ExportQuery) {}
