export * from './hash';
export * from './seed';
export * from './quota';
export {
  compareCodeUnits,
  eligibleDigestOf,
  rankKey,
  selectEnterprises,
  selectRanked,
  type RankedEligible,
  type RankedStratum,
  type SelectedEnterprise,
  type Selection,
  type SelectionCandidate,
  type SelectionParams,
  type StratumResult,
} from './selection';
export * from './assignment';
export * from './draw';
export * from './plan-state';
export * from './snapshot';
export * from './retest-lab';
