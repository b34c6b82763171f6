import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS } from '@spotcheck/domain';
import type { NotificationKind } from '@spotcheck/domain';

class MessageDto {
  @ApiProperty({
    example: '样品 NM-2026-001-0007 未在 2026-03-09 前送达检验机构（抽样后5个工作日内）',
  })
  zh!: string;
  @ApiProperty({
    example:
      'Sample NM-2026-001-0007 did not reach its lab by 2026-03-09 (5 working days after sampling)',
  })
  en!: string;
}

/** A notification (提醒) as its reader sees it. */
export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind!: NotificationKind;

  @ApiProperty({
    description:
      "What it is about: the sample's id (delivery_overdue, testing_overdue), the result notice's id (objection_closed), the follow-up case's id (recall_holder: open its holder's view at /api/v1/cases/{subject}/withdrawal), `<queue>/<job id>` (job_failed)",
  })
  subject!: string;

  @ApiProperty({ type: MessageDto })
  message!: MessageDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { sampleNo: 'NM-2026-001-0007', dueDate: '2026-03-09', planCode: 'NM-2026-001' },
    description:
      'By kind: delivery_overdue {sampleNo, dueDate, planCode}; testing_overdue {sampleNo, dueDate, labName}; objection_closed {sampleNo, dueDate, reportNo}; job_failed {queue, job, jobId, attempts, error}; recall_holder {caseId, sampleNo, productName, gtin, batch, holder}',
  })
  detail!: Record<string, unknown>;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The deadline that passed',
  })
  dueOn!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The regulators’ office it is addressed to (GB/T 2260); null when addressed to you or to admins',
  })
  jurisdiction!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: Date, nullable: true, description: 'When you read it; null while unread' })
  readAt!: Date | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto], description: 'Newest first' })
  items!: NotificationDto[];

  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page' })
  nextCursor!: string | null;
}

export class UnreadCountDto {
  @ApiProperty({ example: 3 })
  unread!: number;
}

export class MarkedDto {
  @ApiProperty({ example: 3, description: 'How many were unread and are now read' })
  marked!: number;
}
