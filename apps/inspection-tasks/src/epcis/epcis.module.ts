import { Module } from '@nestjs/common';
import { EpcisCaptureService } from './epcis-capture.service';
import { EpcisEventRepository } from './epcis-event.repository';
import { EpcisExportQueries } from './epcis-export.queries';
import { EpcisExportService } from './epcis-export.service';
import { EpcisController } from './epcis.controller';
import { EpcisQueryService } from './epcis-query.service';
import { GtinPrefixController } from './gtin-prefix.controller';
import { GtinPrefixRepository } from './gtin-prefix.repository';
import { GtinPrefixService } from './gtin-prefix.service';

/**
 * EPCIS 2.0 capture: enterprises' events, stored once each, and the queries over
 * them. Exports EpcisQueryService, whose `distribution()` gives where a product or batch was
 * shipped and received, for the product trace.
 */
@Module({
  controllers: [EpcisController, GtinPrefixController],
  providers: [
    EpcisCaptureService,
    EpcisQueryService,
    EpcisExportService,
    GtinPrefixService,
    EpcisEventRepository,
    EpcisExportQueries,
    GtinPrefixRepository,
  ],
  exports: [EpcisQueryService],
})
export class EpcisModule {}
