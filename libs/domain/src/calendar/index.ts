export * from './iso-date';
export * from './work-calendar';
export * from './chinese-days';
