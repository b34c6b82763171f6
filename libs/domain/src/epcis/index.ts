export * from './vocabulary';
export * from './types';
export {
  isDateTime,
  isStorableDateTime,
  isUri,
  normaliseDateTime,
  parseDateTime,
  type ParsedDateTime,
} from './format';
export {
  EPCIS_EVENT_HASH_VERSION,
  canonicalEpcisEvent,
  epcisEventHash,
  epcisEventId,
} from './identity';
export * from './validate';
export * from './export-document';
export * from './products';
