import { ApiProperty } from '@nestjs/swagger';
import { RuleRefDto } from '@spotcheck/common';
import type { NoticeAnswer } from './notice.service';

const nullableString = { type: String, nullable: true } as const;

class NoticeProductDto {
  @ApiProperty()
  name!: string;
  @ApiProperty(nullableString)
  brand!: string | null;
  @ApiProperty(nullableString)
  spec!: string | null;
  @ApiProperty(nullableString)
  batch!: string | null;
}

class NoticeLabDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
}

/** A result notice (检验结果通知书) with its objection deadline. */
export class NoticeDto implements NoticeAnswer {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  sampleNo!: string;
  @ApiProperty({ type: NoticeProductDto })
  product!: NoticeProductDto;
  @ApiProperty({ type: NoticeLabDto })
  lab!: NoticeLabDto;
  @ApiProperty()
  reportNo!: string;
  @ApiProperty()
  reportVersion!: number;
  @ApiProperty(nullableString)
  amendmentReason!: string | null;
  @ApiProperty({ description: 'The sampled enterprise, to whom it is addressed' })
  uscc!: string;
  @ApiProperty(nullableString)
  manufacturerUscc!: string | null;
  @ApiProperty({ example: 'fail' })
  verdict!: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  failedItems!: unknown[];
  @ApiProperty({ enum: ['food', 'product'] })
  regime!: 'food' | 'product';
  @ApiProperty({ format: 'date' })
  servedOn!: string;
  @ApiProperty({ format: 'date', description: 'The last day an objection is in time' })
  objectionDeadline!: string;
  @ApiProperty({
    type: RuleRefDto,
    nullable: true,
    description: "The sector's objectionWindow rule, version and source the deadline came from",
  })
  objectionDeadlineRule!: RuleRefDto | null;
  @ApiProperty({ description: 'The calendar did not yet cover every day counted' })
  deadlineProvisional!: boolean;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "days from today (Beijing) to objectionDeadline, counted as its rule counts them (working days on the calendar unless the rule's dayKind is calendar); 0 on the day itself; negative (calendar days) once past; null when the calendar cannot count the span",
  })
  daysLeft!: number | null;
  @ApiProperty()
  createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true })
  readAt!: Date | null;
}

export class NoticeListDto {
  @ApiProperty({ type: [NoticeDto], description: 'The newest 500' })
  items!: NoticeDto[];
}
