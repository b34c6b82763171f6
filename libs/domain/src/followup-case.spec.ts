import data from 'chinese-days/dist/chinese-days.json';
import { entriesFromChineseDays } from './calendar/chinese-days';
import { WorkCalendar } from './calendar/work-calendar';
import {
  CASE_EVENTS,
  CASE_STATES,
  type CaseState,
  allowedCaseEvents,
  caseResultOf,
  isCaseOver,
  isRectificationMissed,
  nextEscalation,
  rectificationDeadline,
  rectificationMissedAt,
  transitionCase,
} from './followup-case';

const china = entriesFromChineseDays(data);
const CN = new WorkCalendar(china.entries, china.coverage);

describe('transitionCase', () => {
  it('follows the lifecycle: order, report, re-inspection, close', () => {
    let state: CaseState = 'opened';
    for (const [event, to] of [
      ['order', 'ordered'],
      ['report', 'reported'],
      ['reinspect', 'reinspecting'],
      ['reinspection_passed', 'reinspected'],
      ['close', 'closed'],
    ] as const) {
      const t = transitionCase(state, event, 0);
      expect(t).toEqual({ ok: true, state: to, escalation: null, level: 0 });
      if (t.ok) state = t.state;
    }
    expect(isCaseOver(state)).toBe(true);
    expect(allowedCaseEvents(state)).toEqual([]);
  });

  it('climbs the ladder one rung per missed deadline or failed re-inspection, and stops at the top', () => {
    expect(transitionCase('ordered', 'escalate', 0)).toEqual({
      ok: true,
      state: 'escalated',
      escalation: 'announcement',
      level: 1,
    });
    expect(transitionCase('reinspecting', 'reinspection_failed', 1)).toEqual({
      ok: true,
      state: 'escalated',
      escalation: 'suspension',
      level: 2,
    });
    expect(transitionCase('ordered', 'escalate', 2)).toMatchObject({
      escalation: 'revocation_recommended',
      level: 3,
    });
    // At the top: escalated again, no new rung.
    expect(transitionCase('ordered', 'escalate', 3)).toEqual({
      ok: true,
      state: 'escalated',
      escalation: null,
      level: 3,
    });
    expect([0, 1, 2, 3].map(nextEscalation)).toEqual([
      'announcement',
      'suspension',
      'revocation_recommended',
      null,
    ]);
  });

  it('closes an escalated case only at the top of the ladder; below it the regulator orders again', () => {
    expect(transitionCase('escalated', 'close', 1)).toMatchObject({
      ok: false,
      error: { code: 'NOT_AT_TOP_OF_LADDER', currentState: 'escalated', level: 1 },
    });
    expect(transitionCase('escalated', 'order', 1)).toMatchObject({ ok: true, state: 'ordered' });
    expect(transitionCase('escalated', 'close', 3)).toMatchObject({ ok: true, state: 'closed' });
    expect(caseResultOf('escalated')).toBe('revocation_recommended');
    expect(caseResultOf('reinspected')).toBe('rectified');
  });

  it('refuses every event its state does not allow, naming the state and what is allowed', () => {
    for (const state of CASE_STATES)
      for (const event of CASE_EVENTS) {
        const t = transitionCase(state, event, 0);
        const allowed = allowedCaseEvents(state).includes(event);
        if (allowed) continue;
        expect(t).toMatchObject({
          ok: false,
          error: {
            code: 'ILLEGAL_CASE_STATE',
            currentState: state,
            event,
            allowedEvents: allowedCaseEvents(state),
          },
        });
      }
    expect(transitionCase('opened', 'report', 0)).toMatchObject({
      ok: false,
      error: { message: 'the case is opened: report may not follow (allowed: order, withdraw)' },
    });
    // A report comes before a re-inspection; a closed case takes nothing.
    expect(transitionCase('ordered', 'reinspect', 0).ok).toBe(false);
    expect(transitionCase('closed', 'withdraw', 0).ok).toBe(false);
    expect(transitionCase('reinspecting', 'withdraw', 0)).toMatchObject({ state: 'withdrawn' });
  });
});

describe('rectificationDeadline', () => {
  it('counts working days over the Spring Festival, make-up working days included', () => {
    // Ordered Fri 2026-02-13: Sat 14 is a make-up working day (1), 15–23 the holiday,
    // Tue 24 (2), Wed 25 (3).
    expect(rectificationDeadline(CN, '2026-02-13', 3)).toMatchObject({
      from: '2026-02-13',
      workingDays: 3,
      deadline: '2026-02-25',
      covered: true,
      rule: null,
    });
    // Ordered Wed 2026-09-30: National Day 1–7 October; Thu 8 (1), Fri 9 (2), Sat 10 (3).
    expect(rectificationDeadline(CN, '2026-09-30', 1).deadline).toBe('2026-10-08');
  });

  it('refuses a period outside 1–180 working days', () => {
    expect(() => rectificationDeadline(CN, '2026-02-13', 0)).toThrow(RangeError);
    expect(() => rectificationDeadline(CN, '2026-02-13', 181)).toThrow(RangeError);
    expect(() => rectificationDeadline(CN, '2026-02-13', 1.5)).toThrow(RangeError);
  });

  it('is missed from the day after the deadline, unless reported', () => {
    expect(isRectificationMissed('2026-02-25', false, '2026-02-25')).toBe(false);
    expect(isRectificationMissed('2026-02-25', false, '2026-02-26')).toBe(true);
    expect(isRectificationMissed('2026-02-25', true, '2026-03-26')).toBe(false);
    // Midnight in China on the 26th is 16:00 UTC on the 25th.
    expect(rectificationMissedAt('2026-02-25').toISOString()).toBe('2026-02-25T16:00:00.000Z');
  });
});
