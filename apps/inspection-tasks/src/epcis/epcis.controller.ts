import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentUser, Principal, Access } from '@spotcheck/auth';
import { ApiErrors, AppException, BodySha256, IdParam, RouteBody } from '@spotcheck/common';
import { forbiddenError } from '@spotcheck/domain';
import { EpcisCaptureService } from './epcis-capture.service';
import { EpcisExportService } from './epcis-export.service';
import { EpcisQueryService } from './epcis-query.service';
import { EpcisEventQuery } from './epcis.dto';
import { CaptureReceiptDto, EpcisEventDto, EpcisEventPageDto } from './epcis.response';

const JSON_TYPES = ['application/json', 'application/ld+json'];

/**
 * EPCIS 2.0 capture and query (追溯数据接入, docs/epcis.md §Capture). Enterprises send the
 * events of their own traceability systems; regulators, admins and the sending enterprise
 * read them back.
 */
@ApiTags('epcis 追溯数据接入')
@ApiBearerAuth()
@ApiExtraModels(EpcisEventPageDto)
@Controller('epcis')
export class EpcisController {
  constructor(
    private readonly capturer: EpcisCaptureService,
    private readonly events: EpcisQueryService,
    private readonly exporter: EpcisExportService,
  ) {}

  /**
   * An EPCISDocument about the enterprise's own products. 201 with
   * `{ captureId, events, stored, duplicates }`, also when every event was stored before
   * (stored 0); 400 `{ problems: [{ path, reason }] }`; 403 for products of others; 409 for an
   * eventID already captured with other content; 413 over EPCIS_MAX_BODY_BYTES.
   */
  @Access({ enterprise: 'own' })
  @Post('capture')
  @HttpCode(201)
  @ApiCreatedResponse({ type: CaptureReceiptDto })
  @ApiErrors(400, 403, 409, 415)
  @RouteBody({ limit: 'EPCIS_MAX_BODY_BYTES', sha256: true })
  @ApiConsumes(...JSON_TYPES)
  @ApiBody({
    description: 'An EPCIS 2.0 EPCISDocument (JSON / JSON-LD)',
    schema: { type: 'object' },
  })
  capture(
    @CurrentUser() p: Principal,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @BodySha256() sha256: string | undefined,
  ) {
    const type = contentType?.split(';')[0].trim().toLowerCase();
    if (!type || !JSON_TYPES.includes(type) || sha256 === undefined) {
      const reason = `must be ${JSON_TYPES.join(' or ')}, got ${type ?? 'none'}`;
      throw new AppException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'UNSUPPORTED_MEDIA_TYPE',
        `content-type ${reason}`,
        { errors: [{ field: 'Content-Type', reason }] },
      );
    }
    return this.capturer.capture(p, body, sha256);
  }

  /**
   * With `sampleNo`: the sample's custody as an EPCISDocument (export; for everyone who may
   * trace the sample, its lab included). Otherwise the captured events, by the filters gtin,
   * batch (with gtin), epc, epcClass, bizStep, type, from, to, owner, eventId, captureId.
   */
  @Access({ enterprise: 'own', regulator: 'own', admin: 'any', lab: 'own' })
  @Get('events')
  @ApiOkResponse({
    description:
      'A page of captured events; with sampleNo, the sample’s custody as an EPCIS 2.0 EPCISDocument',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(EpcisEventPageDto) },
        { type: 'object', description: 'EPCIS 2.0 EPCISDocument (JSON-LD)' },
      ],
    },
  })
  @ApiErrors(400, 403, 404)
  list(@CurrentUser() p: Principal, @Query() q: EpcisEventQuery) {
    if (q.sampleNo !== undefined) return this.exporter.document(p, q.sampleNo);
    if (p.role === 'lab')
      throw forbiddenError(
        'a lab reads the EPCIS export of its samples (sampleNo=…), not captured events',
      );
    return this.events.list(p, q);
  }

  /** One stored event by its id (not its eventID: that is the `eventId` filter). */
  @Access({ enterprise: 'own', regulator: 'own', admin: 'any' })
  @Get('events/:id')
  @ApiOkResponse({ type: EpcisEventDto })
  @ApiErrors(403, 404)
  get(@CurrentUser() p: Principal, @IdParam('EPCIS event') id: string) {
    return this.events.get(p, id);
  }
}
