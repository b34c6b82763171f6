import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery, Text } from '@spotcheck/common';
import {
  EPCIS_EVENT_TYPES,
  isDateTime,
  isStorableDateTime,
  validateCompanyPrefix,
  validateGtin,
} from '@spotcheck/domain';
import type { EpcisEventType } from '@spotcheck/domain';
import { IsUscc, fromCheck } from '../directory/validators';

/** A GTIN-8, -12, -13 or -14 with its check digit; the message names the expected digit. */
const IsGtin = () =>
  fromCheck('isGtin', (v) =>
    typeof v === 'string' ? validateGtin(v) : { ok: false, reason: 'must be a string' },
  );

/** An RFC 3339 date-time with its offset, as EPCIS writes eventTime, in years 0001–9999. */
const IsDateTime = () =>
  fromCheck('isDateTime', (v) =>
    typeof v !== 'string' || !isDateTime(v)
      ? {
          ok: false,
          reason: 'must be an RFC 3339 date-time with its offset, e.g. 2026-05-06T09:30:00+08:00',
        }
      : isStorableDateTime(v)
        ? { ok: true }
        : { ok: false, reason: 'must lie in the years 0001–9999 (UTC)' },
  );

const IsCompanyPrefix = () =>
  fromCheck('isCompanyPrefix', (v) =>
    typeof v === 'string' ? validateCompanyPrefix(v) : { ok: false, reason: 'must be a string' },
  );

export class EpcisEventQuery extends PageQuery {
  @ApiPropertyOptional({
    example: 'NM-2026-001-0007',
    description: 'Export this sample’s custody as an EPCISDocument (other filters are ignored)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  sampleNo?: string;

  @ApiPropertyOptional({
    example: '06901234567892',
    description: 'Events naming this GTIN (8, 12, 13 or 14 digits; compared as GTIN-14)',
  })
  @IsOptional()
  @IsGtin()
  gtin?: string;

  @ApiPropertyOptional({
    example: 'L20260501',
    description: 'With gtin: events naming this batch/lot of it (LGTIN or Digital Link /10/)',
  })
  @IsOptional()
  @Text(255)
  batch?: string;

  @ApiPropertyOptional({ description: 'Events naming this EPC (exactly as captured)' })
  @IsOptional()
  @Text(2048)
  epc?: string;

  @ApiPropertyOptional({ description: 'Events naming this EPC class (exactly as captured)' })
  @IsOptional()
  @Text(2048)
  epcClass?: string;

  @ApiPropertyOptional({ example: 'shipping', description: 'CBV business step, as captured' })
  @IsOptional()
  @Text(2048)
  bizStep?: string;

  @ApiPropertyOptional({ enum: EPCIS_EVENT_TYPES })
  @IsOptional()
  @IsIn(EPCIS_EVENT_TYPES)
  type?: EpcisEventType;

  @ApiPropertyOptional({ example: '2026-05-01T00:00:00+08:00', description: 'eventTime ≥ from' })
  @IsOptional()
  @IsDateTime()
  from?: string;

  @ApiPropertyOptional({ example: '2026-06-01T00:00:00+08:00', description: 'eventTime < to' })
  @IsOptional()
  @IsDateTime()
  to?: string;

  @ApiPropertyOptional({ description: 'The capturing enterprise (USCC)' })
  @IsOptional()
  @IsUscc()
  owner?: string;

  @ApiPropertyOptional({ description: 'The event identity (its eventID, or its content hash)' })
  @IsOptional()
  @Text(2048)
  eventId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events stored by this capture' })
  @IsOptional()
  @IsUUID('all')
  captureId?: string;
}

/** Exactly one of companyPrefix and gtin; uscc for admins (an enterprise registers for itself). */
export class CreateGtinPrefixDto {
  @ApiPropertyOptional({
    description: 'The enterprise (USCC). Admins must give it; an enterprise may only give its own.',
  })
  @IsOptional()
  @IsUscc()
  uscc?: string;

  @ApiPropertyOptional({
    example: '6901234',
    description:
      'A GS1 company prefix (6–12 digits): covers every GTIN it starts (after the indicator digit)',
  })
  @IsOptional()
  @IsString()
  @IsCompanyPrefix()
  companyPrefix?: string;

  @ApiPropertyOptional({
    example: '06901234567892',
    description: 'A single GTIN (8, 12, 13 or 14 digits): covers exactly that GTIN',
  })
  @IsOptional()
  @IsString()
  @IsGtin()
  gtin?: string;
}

export class GtinPrefixQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The enterprise (USCC)' })
  @IsOptional()
  @IsUscc()
  uscc?: string;
}
