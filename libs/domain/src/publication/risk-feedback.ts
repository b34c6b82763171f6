import { RISK_CLASSES, type RiskClass } from '../enums';

/**
 * Credit-risk feedback from a published failure (docs/rules.md §3.5, §3.6): each enterprise a
 * published list names as failing is moved `step` classes towards higher risk (A lowest, D
 * highest), never above `ceiling` and never down, so the next draw samples it more often
 * (the ratios of docs/rules.md §3.2). Which parties count is configured: the nominal
 * manufacturer (who made the product), the sampled unit (who sold or made it where it was
 * sampled), or both.
 */
export const RISK_FEEDBACK_PARTIES = ['manufacturer', 'sampled', 'both'] as const;
export type RiskFeedbackParties = (typeof RISK_FEEDBACK_PARTIES)[number];

export interface RiskFeedbackRule {
  /** Classes to move up per published list (0 turns the feedback off). */
  readonly step: number;
  readonly ceiling: RiskClass;
  readonly parties: RiskFeedbackParties;
}

export const DEFAULT_RISK_FEEDBACK_RULE: RiskFeedbackRule = Object.freeze({
  step: 1,
  ceiling: 'D',
  parties: 'both',
});

/** The class an enterprise in `current` has after one published failure under `rule`. */
export function raisedRiskClass(current: RiskClass, rule: RiskFeedbackRule): RiskClass {
  const from = RISK_CLASSES.indexOf(current);
  if (from < 0) throw new RangeError(`unknown risk class ${JSON.stringify(current)}`);
  if (!Number.isInteger(rule.step) || rule.step < 0)
    throw new RangeError(`risk feedback step must be a whole number ≥ 0, got ${rule.step}`);
  const cap = RISK_CLASSES.indexOf(rule.ceiling);
  if (cap < 0) throw new RangeError(`unknown risk class ${JSON.stringify(rule.ceiling)}`);
  return RISK_CLASSES[Math.max(from, Math.min(cap, from + rule.step))];
}

/** The rule as a table from each class to the raised one (what the worker's SQL applies). */
export function riskRaiseTable(rule: RiskFeedbackRule): Readonly<Record<RiskClass, RiskClass>> {
  return Object.freeze(
    Object.fromEntries(RISK_CLASSES.map((c) => [c, raisedRiskClass(c, rule)])) as Record<
      RiskClass,
      RiskClass
    >,
  );
}
