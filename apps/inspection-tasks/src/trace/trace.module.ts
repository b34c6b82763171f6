import { Module } from '@nestjs/common';
import { EpcisModule } from '../epcis/epcis.module';
import { TraceController } from './trace.controller';
import { TraceQueries } from './trace.queries';
import { TraceService } from './trace.service';

/**
 * Traceability: a sample's chain, an enterprise's record, a product's samples and, from the
 * EPCIS module's distribution(), where it was shipped and received.
 */
@Module({
  imports: [EpcisModule],
  controllers: [TraceController],
  providers: [TraceService, TraceQueries],
  exports: [TraceQueries],
})
export class TraceModule {}
