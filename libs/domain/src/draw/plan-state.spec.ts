import {
  PLAN_EVENTS,
  PLAN_STATES,
  type PlanEvent,
  type PlanState,
  allowedPlanEvents,
  canTransition,
  isDrawPublic,
  isFinalPlanState,
  transitionPlan,
} from './plan-state';

const LEGAL: Record<string, PlanState> = {
  'draft/commit': 'committed',
  'draft/cancel': 'cancelled',
  'committed/draw': 'drawn',
  'committed/cancel': 'cancelled',
  'drawn/startSampling': 'sampling',
  'drawn/cancel': 'cancelled',
  'sampling/close': 'closed',
  'sampling/cancel': 'cancelled',
};

describe('plan state machine', () => {
  it('allows exactly the documented transitions', () => {
    for (const s of PLAN_STATES) {
      for (const e of PLAN_EVENTS) {
        const r = transitionPlan(s, e);
        const expected = LEGAL[`${s}/${e}`];
        if (expected) expect([s, e, r]).toEqual([s, e, { ok: true, state: expected }]);
        else expect([s, e, r.ok]).toEqual([s, e, false]);
        expect(canTransition(s, e)).toBe(expected !== undefined);
      }
    }
  });

  it('walks the happy path draft → committed → drawn → sampling → closed', () => {
    let s: PlanState = 'draft';
    for (const e of ['commit', 'draw', 'startSampling', 'close'] as PlanEvent[]) {
      const r = transitionPlan(s, e);
      if (!r.ok) throw new Error(r.error.message);
      s = r.state;
    }
    expect(s).toBe('closed');
  });

  it('names the current state and the allowed events in the error (for the 409)', () => {
    expect(transitionPlan('drawn', 'commit')).toEqual({
      ok: false,
      error: {
        code: 'ILLEGAL_PLAN_TRANSITION',
        currentState: 'drawn',
        event: 'commit',
        allowedEvents: ['startSampling', 'cancel'],
        message: 'the plan is drawn: commit is not allowed (allowed: startSampling, cancel)',
      },
    });
    expect(transitionPlan('closed', 'cancel')).toMatchObject({
      ok: false,
      error: {
        currentState: 'closed',
        allowedEvents: [],
        message: expect.stringContaining('closed'),
      },
    });
    expect(transitionPlan('cancelled', 'draw')).toMatchObject({
      ok: false,
      error: { currentState: 'cancelled' },
    });
  });

  it('answers unknown states and events with an error, not an exception', () => {
    expect(transitionPlan('archived' as PlanState, 'close')).toMatchObject({
      ok: false,
      error: { currentState: 'archived', message: 'unknown plan state "archived"' },
    });
    expect(transitionPlan('draft', 'publish' as PlanEvent)).toMatchObject({
      ok: false,
      error: { currentState: 'draft', message: 'unknown plan event "publish"' },
    });
  });

  it('knows the final states and when a draw becomes public', () => {
    expect(PLAN_STATES.filter(isFinalPlanState)).toEqual(['closed', 'cancelled']);
    expect(PLAN_STATES.filter((s) => allowedPlanEvents(s).length === 0)).toEqual([
      'closed',
      'cancelled',
    ]);
    expect(PLAN_STATES.filter(isDrawPublic)).toEqual(['closed']);
  });
});
