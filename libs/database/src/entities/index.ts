import { AuditLog } from './audit-log.entity';
import { CustodyEvent } from './custody-event.entity';
import { DirectoryStats } from './directory-stats.entity';
import { Draw, DrawExclusion } from './draw.entity';
import { Enterprise } from './enterprise.entity';
import { EnterpriseRiskChange } from './enterprise-risk-change.entity';
import { FailedJob } from './failed-job.entity';
import { IdempotencyKey } from './idempotency-key.entity';
import { EnterpriseGtinPrefix } from './enterprise-gtin-prefix.entity';
import { EpcisCapture } from './epcis-capture.entity';
import { CapturedEpcisEvent } from './epcis-event.entity';
import { InspectionTask } from './inspection-task.entity';
import { Inspector } from './inspector.entity';
import { Lab } from './lab.entity';
import { LabReceipt } from './lab-receipt.entity';
import { LabReport } from './lab-report.entity';
import { LabReportItem } from './lab-report-item.entity';
import { LabStaff } from './lab-staff.entity';
import { OutboxMessage } from './outbox-message.entity';
import { ProductCategory } from './product-category.entity';
import { ResultNotice } from './result-notice.entity';
import { Sample } from './sample.entity';
import { SampleLabVerdict } from './sample-lab-verdict.entity';
import { SampleSequence } from './sample-sequence.entity';
import { SamplingPlan } from './sampling-plan.entity';
import { TaskReassignment } from './task-reassignment.entity';
import { WorkCalendarDay } from './work-calendar.entity';

export {
  AuditLog,
  CustodyEvent,
  DirectoryStats,
  Draw,
  DrawExclusion,
  Enterprise,
  EnterpriseRiskChange,
  FailedJob,
  IdempotencyKey,
  EnterpriseGtinPrefix,
  EpcisCapture,
  CapturedEpcisEvent,
  InspectionTask,
  Inspector,
  Lab,
  LabReceipt,
  LabReport,
  LabReportItem,
  LabStaff,
  OutboxMessage,
  ProductCategory,
  ResultNotice,
  Sample,
  SampleLabVerdict,
  SampleSequence,
  SamplingPlan,
  TaskReassignment,
  WorkCalendarDay,
};
export type { TestItemTemplate } from './product-category.entity';
export type { PlanLevel, SamplingStage } from './sampling-plan.entity';
export type { InspectionTaskState } from './inspection-task.entity';
export type { SampleAttachment } from './sample.entity';

export const ENTITIES = [
  AuditLog,
  CustodyEvent,
  DirectoryStats,
  Draw,
  DrawExclusion,
  Enterprise,
  EnterpriseRiskChange,
  FailedJob,
  IdempotencyKey,
  EnterpriseGtinPrefix,
  EpcisCapture,
  CapturedEpcisEvent,
  InspectionTask,
  Inspector,
  Lab,
  LabReceipt,
  LabReport,
  LabReportItem,
  LabStaff,
  OutboxMessage,
  ProductCategory,
  ResultNotice,
  Sample,
  SampleLabVerdict,
  SampleSequence,
  SamplingPlan,
  TaskReassignment,
  WorkCalendarDay,
];
