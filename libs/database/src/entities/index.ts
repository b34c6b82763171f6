import { Account, AuthRefreshToken, AuthSession } from './account.entity';
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
import { Notification, NotificationRead } from './notification.entity';
import { Objection } from './objection.entity';
import { OutboxMessage } from './outbox-message.entity';
import { ProductCategory } from './product-category.entity';
import { RateCell } from './rate-cell.entity';
import { Publication } from './publication.entity';
import { PublicationEntry } from './publication-entry.entity';
import { PublicationFile } from './publication-file.entity';
import { PublicationListing } from './publication-listing.entity';
import { PublicationRiskFeedback } from './publication-risk-feedback.entity';
import { RateTarget } from './rate-target.entity';
import { ResultNotice } from './result-notice.entity';
import { Sample } from './sample.entity';
import { SampleLabVerdict } from './sample-lab-verdict.entity';
import { SampleOutcome } from './sample-outcome.entity';
import { SampleSequence } from './sample-sequence.entity';
import { SamplingPlan } from './sampling-plan.entity';
import { SectorRule } from './sector-rule.entity';
import { TaskReassignment } from './task-reassignment.entity';
import { WorkCalendarDay } from './work-calendar.entity';
import { FollowupCase } from './followup-case.entity';
import { FollowupCaseStep } from './followup-case-step.entity';
import { PublicEntry } from './public-entry.entity';
import { PublicSearchIndexed } from './public-search-indexed.entity';
import { RecallConfirmation } from './recall-confirmation.entity';

export {
  FollowupCase,
  FollowupCaseStep,
  PublicEntry,
  PublicSearchIndexed,
  RecallConfirmation,
  Account,
  AuthRefreshToken,
  AuthSession,
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
  Notification,
  NotificationRead,
  Objection,
  OutboxMessage,
  ProductCategory,
  RateCell,
  Publication,
  PublicationEntry,
  PublicationFile,
  PublicationListing,
  PublicationRiskFeedback,
  RateTarget,
  ResultNotice,
  Sample,
  SampleLabVerdict,
  SampleOutcome,
  SampleSequence,
  SamplingPlan,
  SectorRule,
  TaskReassignment,
  WorkCalendarDay,
};
export type { TestItemTemplate } from './product-category.entity';
export type { PlanLevel, SamplingStage } from './sampling-plan.entity';
export type { InspectionTaskState } from './inspection-task.entity';
export type { SampleAttachment } from './sample.entity';

export const ENTITIES = [
  Account,
  AuthRefreshToken,
  AuthSession,
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
  Notification,
  NotificationRead,
  Objection,
  OutboxMessage,
  ProductCategory,
  RateCell,
  Publication,
  PublicationEntry,
  PublicationFile,
  PublicationListing,
  PublicationRiskFeedback,
  RateTarget,
  ResultNotice,
  Sample,
  SampleLabVerdict,
  SampleOutcome,
  SampleSequence,
  SamplingPlan,
  SectorRule,
  TaskReassignment,
  WorkCalendarDay,
  FollowupCase,
  FollowupCaseStep,
  PublicEntry,
  PublicSearchIndexed,
  RecallConfirmation,
];
