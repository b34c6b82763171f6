import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTODY_STATES, SAMPLE_STAGES } from '@spotcheck/domain';
import type { CustodyState, SampleStage } from '@spotcheck/domain';
import { ProductDistributionDto } from '../epcis/epcis.response';
import { CustodyEventDto } from '../samples/sample.response';
import type {
  SampleBrief,
  TraceDraw,
  TraceEnterprise,
  TraceInspector,
  TraceLab,
  TraceOutcome,
  TracePlan,
  TraceReassignment,
  TraceReport,
  TraceResult,
  TraceSamplingRecord,
  TraceTask,
  UnableTask,
} from './trace.queries';
import type { EnterpriseTrace, ProductTrace, SampleTrace } from './trace.service';

const nullableString = { type: String, nullable: true } as const;
const nullableDate = { type: String, format: 'date', nullable: true } as const;

class TracePlanDto implements TracePlan {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  code!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ enum: ['national', 'provincial', 'prefecture'] })
  level!: string;
  @ApiProperty({ example: '150100' })
  jurisdiction!: string;
  @ApiProperty()
  year!: number;
  @ApiProperty()
  state!: string;
}

class TraceDrawDto implements TraceDraw {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  algorithmVersion!: string;
  @ApiProperty({ description: 'sha256 of the seed, recorded before the draw' })
  commitment!: string;
  @ApiProperty()
  eligibleDigest!: string;
  @ApiProperty()
  drawnAt!: Date;
  @ApiProperty({ description: 'Where anyone can check the draw' })
  verificationUrl!: string;
}

class TraceReassignmentDto implements TraceReassignment {
  @ApiProperty()
  slot!: number;
  @ApiProperty(nullableString)
  from!: string | null;
  @ApiProperty()
  to!: string;
  @ApiProperty()
  reason!: string;
  @ApiProperty()
  actor!: string;
  @ApiProperty()
  at!: Date;
}

class TraceTaskDto implements TraceTask {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  taskNo!: number;
  @ApiProperty()
  category!: string;
  @ApiProperty({ type: [String], nullable: true })
  inspectors!: string[] | null;
  @ApiProperty({ ...nullableString, format: 'uuid' })
  labId!: string | null;
  @ApiProperty()
  state!: string;
  @ApiProperty(nullableDate)
  dueDate!: string | null;
  @ApiProperty(nullableString)
  unableReason!: string | null;
  @ApiProperty({ description: 'A refusal that broke the law (拒检)' })
  violation!: boolean;
  @ApiProperty()
  stateChangedAt!: Date;
  @ApiProperty({ type: [TraceReassignmentDto] })
  reassignments!: TraceReassignmentDto[];
}

class TraceInspectorDto implements TraceInspector {
  @ApiProperty()
  staffNo!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  unit!: string;
}

class TraceLabDto implements TraceLab {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  cmaNo!: string;
}

class TraceAttachmentDto {
  @ApiProperty()
  sha256!: string;
  @ApiPropertyOptional()
  name?: string;
  @ApiPropertyOptional()
  mediaType?: string;
}

class TraceSamplingRecordDto implements TraceSamplingRecord {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  sampleNo!: string;
  @ApiProperty()
  seq!: number;
  @ApiProperty()
  category!: string;
  @ApiProperty({ enum: SAMPLE_STAGES })
  stage!: SampleStage;
  @ApiProperty()
  sampledUscc!: string;
  @ApiProperty()
  placeRegionCode!: string;
  @ApiProperty()
  placeAddress!: string;
  @ApiProperty(nullableString)
  onlinePlatform!: string | null;
  @ApiProperty(nullableString)
  onlineShop!: string | null;
  @ApiProperty()
  manufacturerName!: string;
  @ApiProperty(nullableString)
  manufacturerAddress!: string | null;
  @ApiProperty(nullableString)
  manufacturerUscc!: string | null;
  @ApiProperty()
  productName!: string;
  @ApiProperty(nullableString)
  brand!: string | null;
  @ApiProperty(nullableString)
  spec!: string | null;
  @ApiProperty(nullableString)
  batchNo!: string | null;
  @ApiProperty(nullableDate)
  productionDate!: string | null;
  @ApiProperty(nullableDate)
  expiryDate!: string | null;
  @ApiProperty(nullableString)
  gtin!: string | null;
  @ApiProperty()
  testQuantity!: string;
  @ApiProperty()
  testUnit!: string;
  @ApiProperty()
  backupQuantity!: string;
  @ApiProperty()
  backupUnit!: string;
  @ApiProperty()
  pricePaid!: string;
  @ApiProperty({ type: [String] })
  sealNumbers!: string[];
  @ApiProperty({ type: [String] })
  inspectors!: string[];
  @ApiProperty()
  representativeName!: string;
  @ApiProperty(nullableString)
  representativeTitle!: string | null;
  @ApiProperty({ type: [TraceAttachmentDto] })
  attachments!: TraceAttachmentDto[];
  @ApiProperty(nullableString)
  note!: string | null;
  @ApiProperty()
  sampledAt!: Date;
  @ApiProperty({ format: 'date' })
  samplingDate!: string;
  @ApiProperty({ format: 'date' })
  labDueDate!: string;
  @ApiProperty({ enum: CUSTODY_STATES })
  custodyState!: CustodyState;
  @ApiProperty({ type: Date, nullable: true })
  arrivedAt!: Date | null;
  @ApiProperty(nullableDate)
  keepUntil!: string | null;
  @ApiProperty({ format: 'uuid' })
  labId!: string;
  @ApiProperty({ ...nullableString, format: 'uuid' })
  retestLabId!: string | null;
}

const VERDICT = { enum: ['pass', 'fail', 'not_applicable'] } as const;

class EnterpriseStandardItemDto {
  @ApiProperty()
  itemCode!: string;
  @ApiProperty({ description: 'the enterprise’s declared standard', example: 'Q/NMYL 0001S-2024' })
  reference!: string;
  @ApiProperty({ description: 'the limit judged by', example: '≤0.3' })
  limit!: string;
  @ApiProperty({ description: 'the template’s limit it replaced', example: '≤0.5' })
  templateLimit!: string;
}

class TraceReportDto implements TraceReport {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  reportNo!: string;
  @ApiProperty({ description: 'Above 1: an amendment of the previous version' })
  version!: number;
  @ApiProperty({ format: 'uuid' })
  labId!: string;
  @ApiProperty(VERDICT)
  verdict!: 'pass' | 'fail' | 'not_applicable';
  @ApiProperty({ type: [String], description: 'Item codes of the failed items' })
  failedItems!: string[];
  @ApiProperty({ description: 'The retest lab’s report after an accepted objection (final)' })
  retest!: boolean;
  @ApiProperty()
  issuedAt!: Date;
  @ApiProperty({
    type: [EnterpriseStandardItemDto],
    description:
      'flagged: items judged by the enterprise’s stricter declared standard, not the template’s limit',
  })
  enterpriseStandardItems!: EnterpriseStandardItemDto[];
}

class TraceOutcomeDto implements TraceOutcome {
  @ApiProperty({ enum: ['pending', 'pass', 'fail', 'excluded'] })
  outcome!: 'pending' | 'pass' | 'fail' | 'excluded';
  @ApiProperty({ description: 'What decided it, e.g. no_objection, objection_rejected, retest' })
  basis!: string;
  @ApiProperty(nullableDate)
  finalOn!: string | null;
}

class TraceResultDto implements TraceResult {
  @ApiProperty()
  reportNo!: string;
  @ApiProperty()
  version!: number;
  @ApiProperty(VERDICT)
  verdict!: 'pass' | 'fail' | 'not_applicable';
  @ApiProperty({ type: [String] })
  failedItems!: string[];
  @ApiProperty()
  retest!: boolean;
}

export class SampleTraceDto implements SampleTrace {
  @ApiProperty()
  sampleNo!: string;
  @ApiProperty({ type: TracePlanDto })
  plan!: TracePlanDto;
  @ApiProperty({ type: TraceDrawDto, nullable: true })
  draw!: TraceDrawDto | null;
  @ApiProperty({ type: TraceTaskDto })
  task!: TraceTaskDto;
  @ApiProperty({ type: [TraceInspectorDto] })
  inspectors!: TraceInspectorDto[];
  @ApiProperty({ type: TraceSamplingRecordDto })
  samplingRecord!: TraceSamplingRecordDto;
  @ApiProperty({ type: [CustodyEventDto] })
  custody!: CustodyEventDto[];
  @ApiProperty({ type: TraceLabDto, nullable: true })
  lab!: TraceLabDto | null;
  @ApiProperty({ type: TraceLabDto, nullable: true })
  retestLab!: TraceLabDto | null;
  @ApiProperty({ type: [TraceReportDto], description: 'Issued report versions, in issue order' })
  reports!: TraceReportDto[];
  @ApiProperty({ type: TraceOutcomeDto, nullable: true })
  outcome!: TraceOutcomeDto | null;
}

class SampleBriefDto implements SampleBrief {
  @ApiProperty()
  sampleNo!: string;
  @ApiProperty()
  planCode!: string;
  @ApiProperty()
  productName!: string;
  @ApiProperty(nullableString)
  brand!: string | null;
  @ApiProperty(nullableString)
  batchNo!: string | null;
  @ApiProperty(nullableString)
  gtin!: string | null;
  @ApiProperty()
  sampledUscc!: string;
  @ApiProperty()
  manufacturerName!: string;
  @ApiProperty(nullableString)
  manufacturerUscc!: string | null;
  @ApiProperty({ format: 'date' })
  samplingDate!: string;
  @ApiProperty({ enum: CUSTODY_STATES })
  custodyState!: CustodyState;
  @ApiProperty({
    type: TraceResultDto,
    nullable: true,
    description: 'The latest issued report (the retest’s when there is one); null before',
  })
  result!: TraceResultDto | null;
}

class EnterpriseSampleDto extends SampleBriefDto {
  @ApiProperty({ enum: ['sampled', 'manufacturer'] })
  role!: 'sampled' | 'manufacturer';
}

class EnterpriseSamplePageDto {
  @ApiProperty({ type: [EnterpriseSampleDto] })
  items!: EnterpriseSampleDto[];
  @ApiProperty(nullableString)
  nextCursor!: string | null;
}

class TraceEnterpriseDto implements TraceEnterprise {
  @ApiProperty()
  uscc!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  address!: string;
  @ApiProperty()
  regionCode!: string;
  @ApiProperty()
  size!: string;
  @ApiProperty({ type: [String] })
  categories!: string[];
  @ApiProperty({ enum: ['A', 'B', 'C', 'D'] })
  riskClass!: string;
  @ApiProperty()
  status!: string;
  @ApiProperty()
  registeredAt!: Date;
}

class RiskPeriodDto {
  @ApiProperty({ enum: ['A', 'B', 'C', 'D'] })
  riskClass!: string;
  @ApiProperty()
  from!: Date;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the class changed, when known (e.g. the published list that raised it)',
  })
  reason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  publicationId!: string | null;
}

class TraceUnableTaskDto implements UnableTask {
  @ApiProperty()
  planCode!: string;
  @ApiProperty()
  taskNo!: number;
  @ApiProperty()
  category!: string;
  @ApiProperty()
  state!: string;
  @ApiProperty(nullableString)
  unableReason!: string | null;
  @ApiProperty({ description: 'A refusal that broke the law (拒检)' })
  violation!: boolean;
  @ApiProperty(nullableString)
  note!: string | null;
  @ApiProperty()
  at!: Date;
}

export class EnterpriseTraceDto implements EnterpriseTrace {
  @ApiProperty({ type: TraceEnterpriseDto })
  enterprise!: TraceEnterpriseDto;
  @ApiProperty({ type: [RiskPeriodDto] })
  riskHistory!: RiskPeriodDto[];
  @ApiProperty({ type: EnterpriseSamplePageDto })
  samples!: EnterpriseSamplePageDto;
  @ApiProperty({ type: [TraceUnableTaskDto] })
  unableToSample!: TraceUnableTaskDto[];
}

export class ProductTraceDto implements ProductTrace {
  @ApiProperty({ type: [SampleBriefDto] })
  samples!: SampleBriefDto[];
  @ApiProperty({ description: 'More than 500 samples matched' })
  truncated!: boolean;
  @ApiProperty({ type: ProductDistributionDto, nullable: true })
  distribution!: ProductDistributionDto | null;
}
