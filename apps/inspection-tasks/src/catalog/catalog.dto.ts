import {
  ApiProperty,
  ApiPropertyOptional,
  IntersectionType,
  OmitType,
  PartialType,
} from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { SECTORS, type LimitRule, type Sector } from '@spotcheck/domain';
import { NestedList, PageQuery, Raw, Text } from '@spotcheck/common';
import { ExportQuery } from '../directory/export-query';
import { IsLimitRule } from '../directory/validators';

export class TestItemDto {
  @ApiProperty({ example: 'PROTEIN' })
  @Raw(64)
  code!: string;

  @ApiProperty({ example: '蛋白质' })
  @Text(200)
  name!: string;

  @ApiPropertyOptional({ type: String, example: 'GB 5009.5' })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  method = '';

  @ApiPropertyOptional({ type: String, example: 'g/100g' })
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

  @ApiPropertyOptional({
    description:
      'a microbial item (微生物指标): where the sector rules say so, a failure of it is not retested; items of the GB 4789 series count as microbial anyway',
  })
  @IsOptional()
  @IsBoolean()
  microbial?: boolean;
}

export class CreateCategoryDto {
  @ApiProperty({ example: 'DAIRY-PAST' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'must be 2–32 characters of A–Z, 0–9 and -' })
  code!: string;

  @ApiProperty({ example: '巴氏杀菌乳' })
  @Text(200)
  name!: string;

  @ApiProperty({ enum: SECTORS })
  @IsIn(SECTORS)
  sector!: Sector;

  @ApiProperty({ type: [TestItemDto] })
  @ArrayMaxSize(500)
  @NestedList(() => TestItemDto)
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

export class TestItemTemplateDto {
  @ApiProperty({ example: 'PROTEIN' })
  code!: string;

  @ApiProperty({ example: '蛋白质' })
  name!: string;

  @ApiProperty({ example: 'GB 5009.5' })
  method!: string;

  @ApiProperty({ example: 'g/100g' })
  unit!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The limit rule in its JSON form: {"kind":"range",…}, {"kind":"not_detected",…} or {"kind":"text",…}',
  })
  limit!: LimitRule;

  @ApiPropertyOptional({ description: 'a microbial item (微生物指标)' })
  microbial?: boolean;
}

export class CategoryDto {
  @ApiProperty({ example: 'DAIRY-PAST' })
  code!: string;

  @ApiProperty({ example: '巴氏杀菌乳' })
  name!: string;

  @ApiProperty({ enum: SECTORS })
  sector!: Sector;

  @ApiProperty({ type: [TestItemTemplateDto] })
  items!: TestItemTemplateDto[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class CategoryPageDto {
  @ApiProperty({ type: [CategoryDto] })
  items!: CategoryDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor!: string | null;
}
