import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EPCIS_ACTIONS, EPCIS_EVENT_TYPES } from '@spotcheck/domain';
import type {
  EpcisBizTransaction,
  EpcisDestination,
  EpcisEvent,
  EpcisEventType,
  EpcisSource,
} from '@spotcheck/domain';
import type { CaptureReceipt } from './epcis-capture.service';
import type { EpcisEventView } from './epcis-event.repository';
import type { DistributionStep, ProductDistribution } from './epcis-query.service';
import type { GtinPrefixView } from './gtin-prefix.repository';

const nullableString = { type: String, nullable: true } as const;
type Action = 'ADD' | 'OBSERVE' | 'DELETE' | null;

export class CaptureReceiptDto implements CaptureReceipt {
  @ApiProperty({ format: 'uuid' })
  captureId!: string;
  @ApiProperty({ description: 'Events in the document' })
  events!: number;
  @ApiProperty({ description: 'Events stored by this capture' })
  stored!: number;
  @ApiProperty({ description: 'Events already stored for this enterprise' })
  duplicates!: number;
  @ApiProperty({ description: 'SHA-256 of the request body as received' })
  bodySha256!: string;
  @ApiProperty()
  receivedAt!: Date;
}

class BizTransactionDto implements EpcisBizTransaction {
  @ApiPropertyOptional({ example: 'po' })
  type?: EpcisBizTransaction['type'];
  @ApiProperty()
  bizTransaction!: string;
}

class SourceDto implements EpcisSource {
  @ApiProperty({ example: 'location' })
  type!: EpcisSource['type'];
  @ApiProperty()
  source!: string;
}

class DestinationDto implements EpcisDestination {
  @ApiProperty({ example: 'location' })
  type!: EpcisDestination['type'];
  @ApiProperty()
  destination!: string;
}

class LotDto {
  @ApiProperty({ description: 'GTIN-14' })
  gtin!: string;
  @ApiProperty()
  lot!: string;
}

/** A captured event with the keys it is found by, and the event as it was captured. */
export class EpcisEventDto implements EpcisEventView {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ description: 'Its eventID, or its content hash' })
  eventId!: string;
  @ApiProperty()
  eventHash!: string;
  @ApiProperty({ description: 'The capturing enterprise (USCC)' })
  owner!: string;
  @ApiProperty({ format: 'uuid' })
  captureId!: string;
  @ApiProperty({ enum: EPCIS_EVENT_TYPES })
  type!: EpcisEventType;
  @ApiProperty()
  eventTime!: Date;
  @ApiProperty({ example: '+08:00' })
  eventTimeZoneOffset!: string;
  @ApiProperty({ enum: EPCIS_ACTIONS, nullable: true })
  action!: Action;
  @ApiProperty(nullableString)
  bizStep!: string | null;
  @ApiProperty(nullableString)
  disposition!: string | null;
  @ApiProperty(nullableString)
  readPoint!: string | null;
  @ApiProperty(nullableString)
  bizLocation!: string | null;
  @ApiProperty({ type: [String] })
  epcs!: string[];
  @ApiProperty({ type: [String] })
  epcClasses!: string[];
  @ApiProperty({ type: [String], description: 'GTIN-14s the event names' })
  gtins!: string[];
  @ApiProperty({ type: [LotDto], description: 'Batches/lots the event names' })
  lots!: LotDto[];
  @ApiProperty({ type: [BizTransactionDto] })
  bizTransactions!: BizTransactionDto[];
  @ApiProperty({ type: [SourceDto] })
  sources!: SourceDto[];
  @ApiProperty({ type: [DestinationDto] })
  destinations!: DestinationDto[];
  @ApiProperty()
  capturedAt!: Date;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As captured' })
  event!: EpcisEvent;
}

export class EpcisEventPageDto {
  @ApiProperty({ type: [EpcisEventDto] })
  items!: EpcisEventDto[];
  @ApiProperty(nullableString)
  nextCursor!: string | null;
}

class QuantityDto {
  @ApiProperty()
  epcClass!: string;
  @ApiPropertyOptional()
  quantity?: number;
  @ApiPropertyOptional()
  uom?: string;
}

export class DistributionStepDto implements DistributionStep {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  eventId!: string;
  @ApiProperty()
  owner!: string;
  @ApiProperty({ enum: EPCIS_EVENT_TYPES })
  type!: EpcisEventType;
  @ApiProperty()
  eventTime!: Date;
  @ApiProperty()
  eventTimeZoneOffset!: string;
  @ApiProperty({ enum: EPCIS_ACTIONS, nullable: true })
  action!: Action;
  @ApiProperty(nullableString)
  bizStep!: string | null;
  @ApiProperty({ enum: ['shipped', 'received', 'recalled'], nullable: true })
  movement!: 'shipped' | 'received' | 'recalled' | null;
  @ApiProperty(nullableString)
  disposition!: string | null;
  @ApiProperty(nullableString)
  readPoint!: string | null;
  @ApiProperty(nullableString)
  bizLocation!: string | null;
  @ApiProperty({ type: [SourceDto] })
  sources!: SourceDto[];
  @ApiProperty({ type: [DestinationDto] })
  destinations!: DestinationDto[];
  @ApiProperty({ type: [BizTransactionDto] })
  bizTransactions!: BizTransactionDto[];
  @ApiProperty({ type: [String] })
  epcs!: string[];
  @ApiProperty({ type: [QuantityDto] })
  quantities!: QuantityDto[];
}

export class ProductDistributionDto implements ProductDistribution {
  @ApiProperty({ description: 'GTIN-14' })
  gtin!: string;
  @ApiProperty(nullableString)
  batch!: string | null;
  @ApiProperty({ type: [DistributionStepDto] })
  items!: DistributionStepDto[];
  @ApiProperty(nullableString)
  nextCursor!: string | null;
}

export class GtinPrefixDto implements GtinPrefixView {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  uscc!: string;
  @ApiProperty({ enum: ['company_prefix', 'gtin'] })
  kind!: GtinPrefixView['kind'];
  @ApiProperty({ description: 'A GS1 company prefix (6–12 digits) or a GTIN-14' })
  value!: string;
  @ApiProperty()
  createdBy!: string;
  @ApiProperty()
  createdAt!: Date;
}

export class GtinPrefixPageDto {
  @ApiProperty({ type: [GtinPrefixDto] })
  items!: GtinPrefixDto[];
  @ApiProperty(nullableString)
  nextCursor!: string | null;
}
