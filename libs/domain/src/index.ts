export * from './enums';
export * from './uscc';
export * from './region';
export * from './limit-rule';
export * from './cursor';
export * from './draw';
export * from './epcis';
