import { ApiProperty } from '@nestjs/swagger';
import { PageQuery, Raw } from '@spotcheck/common';

export class DrawPlanDto {
  @ApiProperty({
    example: '0123456789abcdef0123456789abcdef',
    description:
      'The seed whose sha256 was committed; 16–256 visible ASCII characters (docs/draw-algorithm.md §2)',
  })
  @Raw(1000)
  seed!: string;
}

export class TaskQuery extends PageQuery {}
