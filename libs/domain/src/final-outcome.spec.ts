import fc from 'fast-check';
import { addCalendarDays } from './calendar/iso-date';
import {
  type Challenge,
  type IssuedVersion,
  NO_CHALLENGE,
  chinaDayStart,
  decideOutcome,
  outcomeDecidesAt,
  sameDecision,
} from './final-outcome';
import { chinaDate } from './sampling-record';

const v = (
  version: number,
  verdict: IssuedVersion['verdict'],
  issuedOn: string,
  objectionDeadline: string | null,
  conclusion = verdict === 'fail' ? '[{"itemCode":"X1","value":"0.8"}]' : '[]',
): IssuedVersion => ({ version, verdict, conclusion, issuedOn, objectionDeadline });

const decide = (versions: IssuedVersion[], today: string, challenge: Challenge = NO_CHALLENGE) =>
  decideOutcome({ versions, today, challenge });

describe('decideOutcome', () => {
  it('has no outcome before a report is issued', () => {
    expect(decide([], '2026-03-01')).toBeNull();
  });

  it('a pass is final the day it is issued', () => {
    expect(decide([v(1, 'pass', '2026-03-02', '2026-03-17')], '2026-03-02')).toEqual({
      outcome: 'pass',
      final: true,
      basis: 'pass_issued',
      version: 1,
      verdict: 'pass',
      standingSince: 1,
      objectionDeadline: null,
      finalOn: '2026-03-02',
    });
  });

  it('a report concluding nothing is excluded, final when issued', () => {
    expect(
      decide([v(1, 'not_applicable', '2026-03-02', '2026-03-17')], '2026-03-02'),
    ).toMatchObject({ outcome: 'excluded', final: true, basis: 'no_conclusion' });
  });

  it('a fail stays pending through its deadline day and is final the day after', () => {
    const versions = [v(1, 'fail', '2026-03-02', '2026-03-17')];
    expect(decide(versions, '2026-03-17')).toEqual({
      outcome: 'pending',
      final: false,
      basis: 'objection_window',
      version: 1,
      verdict: 'fail',
      standingSince: 1,
      objectionDeadline: '2026-03-17',
      finalOn: '2026-03-18',
    });
    expect(decide(versions, '2026-03-18')).toMatchObject({
      outcome: 'fail',
      final: true,
      basis: 'no_objection',
      finalOn: '2026-03-18',
    });
  });

  it('an amendment that changes the result re-opens it under its own notice', () => {
    const v1 = v(1, 'fail', '2026-03-02', '2026-03-17');
    // Final fail, then amended to a pass: final at once.
    expect(decide([v1, v(2, 'pass', '2026-04-01', '2026-04-16')], '2026-04-01')).toMatchObject({
      outcome: 'pass',
      final: true,
      version: 2,
      standingSince: 2,
      finalOn: '2026-04-01',
    });
    // Final pass, amended to a fail: pending until the amendment's own deadline.
    const p1 = v(1, 'pass', '2026-03-02', '2026-03-17');
    expect(decide([p1, v(2, 'fail', '2026-04-01', '2026-04-16')], '2026-04-10')).toMatchObject({
      outcome: 'pending',
      objectionDeadline: '2026-04-16',
      standingSince: 2,
    });
    // A fail whose failed items change: a new window.
    const changed = v(2, 'fail', '2026-04-01', '2026-04-16', '[{"itemCode":"X1","value":"0.9"}]');
    expect(decide([v1, changed], '2026-04-01')).toMatchObject({
      outcome: 'pending',
      basis: 'objection_window',
      objectionDeadline: '2026-04-16',
    });
  });

  it('an amendment that changes nothing of the result keeps the window that runs', () => {
    const v1 = v(1, 'fail', '2026-03-02', '2026-03-17');
    const same = v(2, 'fail', '2026-03-20', '2026-04-04');
    expect(decide([same, v1], '2026-03-20')).toMatchObject({
      outcome: 'fail',
      final: true,
      version: 2,
      standingSince: 1,
      objectionDeadline: '2026-03-17',
      finalOn: '2026-03-18',
    });
    // A run broken by a different version in between starts again after it.
    const mid = v(2, 'pass', '2026-03-10', '2026-03-25');
    const back = v(3, 'fail', '2026-03-20', '2026-04-04');
    expect(decide([v1, mid, back], '2026-03-30')).toMatchObject({
      outcome: 'pending',
      standingSince: 3,
      objectionDeadline: '2026-04-04',
    });
  });

  it('objections and retests decide a fail once they are recorded', () => {
    const f = [v(1, 'fail', '2026-03-02', '2026-03-17')];
    const late = '2026-05-01';
    expect(decide(f, late, { kind: 'objection_open', filedOn: '2026-03-10' })).toMatchObject({
      outcome: 'pending',
      basis: 'objection_pending',
      finalOn: null,
    });
    expect(decide(f, late, { kind: 'objection_rejected', decidedOn: '2026-03-25' })).toMatchObject({
      outcome: 'fail',
      final: true,
      finalOn: '2026-03-25',
    });
    expect(decide(f, late, { kind: 'retest_open', acceptedOn: '2026-03-25' })).toMatchObject({
      outcome: 'pending',
      basis: 'retest_pending',
    });
    expect(
      decide(f, late, { kind: 'retest_concluded', verdict: 'pass', concludedOn: '2026-04-20' }),
    ).toMatchObject({ outcome: 'pass', final: true, verdict: 'fail', finalOn: '2026-04-20' });
    // A pass has nothing to object to: a challenge does not touch it.
    expect(
      decide([v(1, 'pass', '2026-03-02', '2026-03-17')], late, {
        kind: 'objection_open',
        filedOn: '2026-03-03',
      }),
    ).toMatchObject({ outcome: 'pass', final: true });
  });

  it('a fail without a notice waits (nothing can start its window)', () => {
    expect(decide([v(1, 'fail', '2026-03-02', null)], '2027-01-01')).toMatchObject({
      outcome: 'pending',
      basis: 'no_notice',
      finalOn: null,
    });
  });

  it('refuses malformed dates and repeated versions', () => {
    expect(() => decide([], '2026-02-30')).toThrow(RangeError);
    const a = v(1, 'pass', '2026-03-02', '2026-03-17');
    expect(() => decide([a, a], '2026-03-02')).toThrow(RangeError);
  });

  it('is final exactly when it is not pending, and stays final as days pass', () => {
    const version = fc.record({
      verdict: fc.constantFrom<IssuedVersion['verdict']>('pass', 'fail', 'not_applicable'),
      conclusion: fc.constantFrom('a', 'b'),
      issued: fc.integer({ min: 0, max: 60 }),
      window: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(version, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 30 }),
        (raw, today, later) => {
          const day = (n: number) => addCalendarDays('2026-01-01', n);
          const versions = raw.map((r, i) =>
            v(
              i + 1,
              r.verdict,
              day(r.issued),
              r.window === null ? null : day(r.issued + r.window),
              r.conclusion,
            ),
          );
          const now = decide(versions, day(today))!;
          const after = decide(versions, day(today + later))!;
          expect(now.final).toBe(now.outcome !== 'pending');
          expect(now.version).toBe(versions.length);
          if (now.final) expect(sameDecision(now, after)).toBe(true);
          // Pending with a day to become final: final on that day, not the day before.
          if (!now.final && now.finalOn !== null) {
            expect(decide(versions, now.finalOn)!.final).toBe(true);
            expect(decide(versions, addCalendarDays(now.finalOn, -1))!.final).toBe(false);
          }
        },
      ),
    );
  });
});

describe('outcomeDecidesAt', () => {
  it('is the start of the final day in China', () => {
    const d = decide([v(1, 'fail', '2026-03-02', '2026-03-17')], '2026-03-10')!;
    expect(outcomeDecidesAt(d)?.toISOString()).toBe('2026-03-17T16:00:00.000Z');
    expect(chinaDate(chinaDayStart('2026-03-18'))).toBe('2026-03-18');
    expect(chinaDate(new Date(chinaDayStart('2026-03-18').getTime() - 1))).toBe('2026-03-17');
    expect(
      outcomeDecidesAt(decide([v(1, 'pass', '2026-03-02', '2026-03-17')], '2026-03-02')!),
    ).toBe(null);
  });
});
