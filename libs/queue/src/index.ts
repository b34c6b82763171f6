export * from './jobs';
export * from './outbox';
export * from './job-handler';
export * from './queue.module';
