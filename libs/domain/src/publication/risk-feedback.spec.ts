import fc from 'fast-check';
import { RISK_CLASSES } from '../enums';
import { DEFAULT_RISK_FEEDBACK_RULE, raisedRiskClass, riskRaiseTable } from './risk-feedback';

describe('risk feedback from a published failure', () => {
  it('moves one class up by default, D stays D', () => {
    expect(riskRaiseTable(DEFAULT_RISK_FEEDBACK_RULE)).toEqual({ A: 'B', B: 'C', C: 'D', D: 'D' });
  });

  it('stops at the ceiling and never lowers a class', () => {
    const rule = { step: 2, ceiling: 'C' as const, parties: 'both' as const };
    expect(riskRaiseTable(rule)).toEqual({ A: 'C', B: 'C', C: 'C', D: 'D' });
    expect(riskRaiseTable({ ...rule, step: 0 })).toEqual({ A: 'A', B: 'B', C: 'C', D: 'D' });
    fc.assert(
      fc.property(
        fc.constantFrom(...RISK_CLASSES),
        fc.constantFrom(...RISK_CLASSES),
        fc.integer({ min: 0, max: 5 }),
        (current, ceiling, step) => {
          const to = raisedRiskClass(current, { step, ceiling, parties: 'both' });
          expect(RISK_CLASSES.indexOf(to)).toBeGreaterThanOrEqual(RISK_CLASSES.indexOf(current));
          expect(RISK_CLASSES.indexOf(to) - RISK_CLASSES.indexOf(current)).toBeLessThanOrEqual(
            step,
          );
        },
      ),
    );
  });

  it('refuses a malformed rule', () => {
    expect(() => raisedRiskClass('A', { step: -1, ceiling: 'D', parties: 'both' })).toThrow(
      RangeError,
    );
    expect(() => raisedRiskClass('E' as never, DEFAULT_RISK_FEEDBACK_RULE)).toThrow(RangeError);
  });
});
