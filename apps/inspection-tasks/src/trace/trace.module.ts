import { Module } from '@nestjs/common';
import { EpcisModule } from '../epcis/epcis.module';
import { TraceController } from './trace.controller';
import { TraceService } from './trace.service';

/**
 * Traceability (issue 4): a sample's chain, an enterprise's record, a product's samples and,
 * from the EPCIS module's distribution(), where it was shipped and received.
 */
@Module({
  imports: [EpcisModule],
  controllers: [TraceController],
  providers: [TraceService],
})
export class TraceModule {}
