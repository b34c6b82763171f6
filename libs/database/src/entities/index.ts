import { AuditLog } from './audit-log.entity';
import { Enterprise } from './enterprise.entity';
import { Inspector } from './inspector.entity';
import { Lab } from './lab.entity';
import { OutboxMessage } from './outbox-message.entity';
import { ProductCategory } from './product-category.entity';
import { SamplingPlan } from './sampling-plan.entity';

export { AuditLog, Enterprise, Inspector, Lab, OutboxMessage, ProductCategory, SamplingPlan };
export type { TestItemTemplate } from './product-category.entity';
export type { PlanLevel, SamplingStage } from './sampling-plan.entity';

export const ENTITIES = [
  AuditLog,
  Enterprise,
  Inspector,
  Lab,
  OutboxMessage,
  ProductCategory,
  SamplingPlan,
];
