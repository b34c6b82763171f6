export * from './jobs';
export * from './outbox';
export * from './outbox.repository';
export * from './job-handler';
export * from './queue.module';
export * from './job-scheduler';
export * from './queue-connection';
