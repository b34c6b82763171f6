import { AuditLog } from './audit-log.entity';
import { Enterprise } from './enterprise.entity';
import { Inspector } from './inspector.entity';
import { Lab } from './lab.entity';
import { OutboxMessage } from './outbox-message.entity';
import { ProductCategory } from './product-category.entity';

export { AuditLog, Enterprise, Inspector, Lab, OutboxMessage, ProductCategory };
export type { TestItemTemplate } from './product-category.entity';

export const ENTITIES = [AuditLog, Enterprise, Inspector, Lab, OutboxMessage, ProductCategory];
