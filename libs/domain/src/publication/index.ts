export * from './canonical-json';
export * from './publication-state';
export * from './publication-document';
export * from './notice-number';
export * from './risk-feedback';
