export * from './sector-rule.repository';
export * from './sector-rule.service';
export * from './sector-rule.module';
