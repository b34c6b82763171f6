import { AuditLog } from './audit-log.entity';
import { CustodyEvent } from './custody-event.entity';
import { Draw, DrawExclusion } from './draw.entity';
import { Enterprise } from './enterprise.entity';
import { FailedJob } from './failed-job.entity';
import { IdempotencyKey } from './idempotency-key.entity';
import { InspectionTask } from './inspection-task.entity';
import { Inspector } from './inspector.entity';
import { Lab } from './lab.entity';
import { OutboxMessage } from './outbox-message.entity';
import { ProductCategory } from './product-category.entity';
import { Sample } from './sample.entity';
import { SamplingPlan } from './sampling-plan.entity';
import { TaskReassignment } from './task-reassignment.entity';

export {
  AuditLog,
  CustodyEvent,
  Draw,
  DrawExclusion,
  Enterprise,
  FailedJob,
  IdempotencyKey,
  InspectionTask,
  Inspector,
  Lab,
  OutboxMessage,
  ProductCategory,
  Sample,
  SamplingPlan,
  TaskReassignment,
};
export type { TestItemTemplate } from './product-category.entity';
export type { PlanLevel, SamplingStage } from './sampling-plan.entity';
export type { InspectionTaskState } from './inspection-task.entity';
export type { SampleAttachment } from './sample.entity';

export const ENTITIES = [
  AuditLog,
  CustodyEvent,
  Draw,
  DrawExclusion,
  Enterprise,
  FailedJob,
  IdempotencyKey,
  InspectionTask,
  Inspector,
  Lab,
  OutboxMessage,
  ProductCategory,
  Sample,
  SamplingPlan,
  TaskReassignment,
];
