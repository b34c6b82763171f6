export * from './seed-calendar';
export * from './work-calendar.repository';
export * from './work-calendar.service';
export * from './work-calendar.module';
