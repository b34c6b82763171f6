import { ApiProperty } from '@nestjs/swagger';

export class LabDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '内蒙古自治区产品质量检验研究院' })
  name!: string;

  @ApiProperty({ example: '12150000460000000X' })
  uscc!: string;

  @ApiProperty({ description: 'CMA certificate number' })
  cmaNo!: string;

  @ApiProperty({ example: '150102', description: 'GB/T 2260' })
  regionCode!: string;

  @ApiProperty({ type: [String], description: 'accredited product categories' })
  categories!: string[];

  @ApiProperty({ description: 'samples the lab can take per year' })
  capacity!: number;

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}
