export * from './entities';
export * from './data-source';
export * from './migrate';
export * from './database.module';
export * from './test-database';
export * from './draw-records';
export * from './calendar';
export * from './custody';
