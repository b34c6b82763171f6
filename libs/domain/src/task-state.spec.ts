import {
  TASK_EVENTS,
  TASK_STATES,
  UNABLE_REASONS,
  type TaskEvent,
  type TaskEventInput,
  type TaskState,
  type UnableReason,
  allowedTaskEvents,
  canReassignTask,
  canTransitionTask,
  isFinalTaskState,
  transitionTask,
} from './task-state';

const LEGAL: Record<string, TaskState> = {
  'assigned/sampled': 'sampled',
  'assigned/unable': 'unable_to_sample',
  'assigned/cancel': 'cancelled',
};

const inputOf = (event: TaskEvent): TaskEventInput =>
  event === 'unable' ? { event, reason: 'closed' } : { event };

describe('task state machine', () => {
  it('allows exactly the documented transitions', () => {
    for (const s of TASK_STATES) {
      for (const e of TASK_EVENTS) {
        const r = transitionTask(s, inputOf(e));
        const expected = LEGAL[`${s}/${e}`];
        if (expected) expect([s, e, r.ok && r.state]).toEqual([s, e, expected]);
        else expect([s, e, r.ok]).toEqual([s, e, false]);
        expect(canTransitionTask(s, e)).toBe(expected !== undefined);
      }
    }
  });

  it('records the reason of unable_to_sample; only a refusal is a violation', () => {
    const outcomes = UNABLE_REASONS.map((reason) =>
      transitionTask('assigned', { event: 'unable', reason }),
    );
    expect(outcomes).toEqual([
      { ok: true, state: 'unable_to_sample', unableReason: 'closed', violation: false },
      { ok: true, state: 'unable_to_sample', unableReason: 'no_product', violation: false },
      { ok: true, state: 'unable_to_sample', unableReason: 'refused', violation: true },
    ]);
    expect(transitionTask('assigned', { event: 'sampled' })).toEqual({
      ok: true,
      state: 'sampled',
      unableReason: null,
      violation: false,
    });
    expect(transitionTask('assigned', { event: 'cancel' })).toEqual({
      ok: true,
      state: 'cancelled',
      unableReason: null,
      violation: false,
    });
  });

  it('refuses unable without a known reason, naming the reasons', () => {
    for (const reason of ['', 'gone', undefined, null, 3])
      expect(
        transitionTask('assigned', { event: 'unable', reason: reason as unknown as UnableReason }),
      ).toEqual({
        ok: false,
        error: {
          code: 'INVALID_UNABLE_REASON',
          reason: String(reason),
          message: 'reason must be one of closed, no_product, refused',
        },
      });
  });

  it('answers a finished task with an illegal transition before looking at the reason', () => {
    expect(
      transitionTask('sampled', { event: 'unable', reason: 'nonsense' as UnableReason }),
    ).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TASK_TRANSITION' } });
  });

  it('names the current state and the allowed events in the error (for the 409)', () => {
    for (const s of ['sampled', 'unable_to_sample', 'cancelled'] as TaskState[])
      expect(transitionTask(s, { event: 'cancel' })).toEqual({
        ok: false,
        error: {
          code: 'ILLEGAL_TASK_TRANSITION',
          currentState: s,
          event: 'cancel',
          allowedEvents: [],
          message: `the task is ${s}; no further change is possible`,
        },
      });
    expect(allowedTaskEvents('assigned')).toEqual(['sampled', 'unable', 'cancel']);
  });

  it('answers unknown states and events with an error, not an exception', () => {
    expect(transitionTask('lost' as TaskState, { event: 'sampled' })).toMatchObject({
      ok: false,
      error: { currentState: 'lost', allowedEvents: [], message: 'unknown task state "lost"' },
    });
    expect(
      transitionTask('assigned', { event: 'reopen' } as unknown as TaskEventInput),
    ).toMatchObject({
      ok: false,
      error: {
        currentState: 'assigned',
        allowedEvents: ['sampled', 'unable', 'cancel'],
        message: 'unknown task event "reopen"',
      },
    });
    expect(transitionTask('assigned', null as unknown as TaskEventInput)).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_TASK_TRANSITION', event: 'undefined' },
    });
  });

  it('knows the final states', () => {
    expect(TASK_STATES.filter(isFinalTaskState)).toEqual([
      'sampled',
      'unable_to_sample',
      'cancelled',
    ]);
    expect(isFinalTaskState('nowhere' as TaskState)).toBe(false);
  });

  it('lets the pair change only while the task is assigned', () => {
    expect(TASK_STATES.filter(canReassignTask)).toEqual(['assigned']);
  });
});
