import fc from 'fast-check';
import {
  LAB_STAFF_ROLES,
  REPORT_EVENTS,
  REPORT_STATES,
  type LabActor,
  type LabStaffRole,
  type ReportEvent,
  type ReportEventInput,
  type ReportSnapshot,
  type ReportState,
  type ReportVersion,
  allowedReportEvents,
  checkReportActor,
  countingReportVersion,
  isFinalReportState,
  newReportSnapshot,
  reportEventsFor,
  startAmendment,
  transitionReport,
  validateReportHistory,
} from './report-state';

const LEGAL: Record<string, ReportState> = {
  'draft/submit': 'submitted',
  'submitted/review': 'reviewed',
  'submitted/return': 'draft',
  'reviewed/issue': 'issued',
  'reviewed/return': 'draft',
};

const tester: LabActor = { id: 'T', roles: ['tester'] };
const tester2: LabActor = { id: 'T2', roles: ['tester'] };
const reviewer: LabActor = { id: 'R', roles: ['reviewer'] };
const signatory: LabActor = { id: 'S', roles: ['signatory'] };
/** Holds every role, as in a small lab. */
const all: LabActor = { id: 'A', roles: ['tester', 'reviewer', 'signatory'] };
const nobody: LabActor = { id: 'N', roles: [] };

const inputOf = (event: ReportEvent): ReportEventInput =>
  event === 'return' ? { event, reason: '数据录入错误' } : { event };

function snapshot(state: ReportState, over: Partial<ReportSnapshot> = {}): ReportSnapshot {
  const steps: Partial<ReportSnapshot> =
    state === 'draft'
      ? {}
      : state === 'submitted'
        ? { submittedBy: 'T' }
        : state === 'reviewed'
          ? { submittedBy: 'T', reviewedBy: 'R' }
          : { submittedBy: 'T', reviewedBy: 'R', issuedBy: 'S' };
  return { ...newReportSnapshot(), testedBy: ['T'], ...steps, state, ...over };
}

/** Someone who may send the event to the canonical snapshot of the state. */
const actorFor: Record<ReportEvent, LabActor> = {
  submit: tester,
  review: reviewer,
  issue: signatory,
  return: reviewer,
};

/** Runs events in turn, failing the test on the first error. */
function run(steps: [ReportEventInput, LabActor][], start = newReportSnapshot()): ReportSnapshot {
  let r = start;
  for (const [input, actor] of steps) {
    const t = transitionReport(r, input, actor);
    if (!t.ok) throw new Error(t.error.message);
    r = t.report;
  }
  return r;
}

describe('report state machine', () => {
  it('allows exactly the documented transitions', () => {
    for (const s of REPORT_STATES) {
      for (const e of REPORT_EVENTS) {
        const t = transitionReport(snapshot(s), inputOf(e), actorFor[e]);
        const expected = LEGAL[`${s}/${e}`];
        if (expected) expect([s, e, t.ok && t.report.state]).toEqual([s, e, expected]);
        else expect([s, e, !t.ok && t.error.code]).toEqual([s, e, 'ILLEGAL_REPORT_TRANSITION']);
      }
    }
    expect(allowedReportEvents('submitted')).toEqual(['review', 'return']);
    expect(isFinalReportState('issued')).toBe(true);
    expect(isFinalReportState('reviewed')).toBe(false);
  });

  it('walks draft → submitted → reviewed → issued and records who did each step', () => {
    const r = run([
      [{ event: 'submit' }, tester],
      [{ event: 'review' }, reviewer],
      [{ event: 'issue' }, signatory],
    ]);
    expect(r).toEqual({
      state: 'issued',
      testedBy: [],
      submittedBy: 'T',
      reviewedBy: 'R',
      issuedBy: 'S',
    });
  });

  it('returns for correction with a reason, from submitted or reviewed, clearing the checks', () => {
    for (const state of ['submitted', 'reviewed'] as const) {
      const t = transitionReport(
        snapshot(state),
        { event: 'return', reason: ' 铅含量单位错误 ' },
        signatory,
      );
      expect(t).toEqual({
        ok: true,
        report: { ...snapshot('draft'), testedBy: ['T'] },
        returnReason: '铅含量单位错误',
      });
    }
    for (const reason of ['', '   ', undefined, null, 3]) {
      expect(
        transitionReport(snapshot('submitted'), { event: 'return', reason } as never, reviewer),
      ).toEqual({
        ok: false,
        error: {
          code: 'RETURN_REASON_REQUIRED',
          message: 'a report is returned for correction with a reason',
        },
      });
    }
  });

  it('names the current state and the allowed events in the error (for the 409)', () => {
    expect(transitionReport(snapshot('submitted'), { event: 'issue' }, signatory)).toEqual({
      ok: false,
      error: {
        code: 'ILLEGAL_REPORT_TRANSITION',
        currentState: 'submitted',
        event: 'issue',
        allowedEvents: ['review', 'return'],
        message: 'the report is submitted: issue is not allowed (allowed: review, return)',
      },
    });
    expect(transitionReport(snapshot('issued'), inputOf('return'), reviewer)).toMatchObject({
      ok: false,
      error: {
        currentState: 'issued',
        allowedEvents: [],
        message: 'the report is issued; an issued report cannot change (amend it instead)',
      },
    });
  });

  it('answers unknown states and events with errors, not exceptions', () => {
    expect(
      transitionReport(snapshot('approved' as ReportState), { event: 'submit' }, tester),
    ).toMatchObject({
      ok: false,
      error: { currentState: 'approved', message: 'unknown report state "approved"' },
    });
    expect(
      transitionReport(snapshot('draft'), { event: 'publish' } as never, tester),
    ).toMatchObject({ ok: false, error: { message: 'unknown report event "publish"' } });
    expect(transitionReport(snapshot('draft'), null as never, tester)).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_REPORT_TRANSITION' },
    });
  });

  it('checks the state before the actor, and the actor before the reason', () => {
    expect(transitionReport(snapshot('issued'), { event: 'review' }, tester)).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_REPORT_TRANSITION' },
    });
    expect(
      transitionReport(snapshot('submitted'), { event: 'return', reason: '' }, tester),
    ).toMatchObject({ ok: false, error: { code: 'REPORT_ROLE_REQUIRED' } });
    const testerWhoReviews: LabActor = { id: 'T', roles: ['reviewer'] };
    expect(
      transitionReport(snapshot('submitted'), { event: 'return', reason: '' }, testerWhoReviews),
    ).toMatchObject({ ok: false, error: { code: 'FOUR_EYES_VIOLATION' } });
  });
});

describe('four eyes', () => {
  it('needs the role of each step', () => {
    expect(transitionReport(snapshot('draft'), { event: 'submit' }, reviewer)).toEqual({
      ok: false,
      error: {
        code: 'REPORT_ROLE_REQUIRED',
        event: 'submit',
        requiredRoles: ['tester'],
        message: 'submit needs the role tester',
      },
    });
    expect(transitionReport(snapshot('submitted'), { event: 'review' }, signatory)).toMatchObject({
      ok: false,
      error: { code: 'REPORT_ROLE_REQUIRED', requiredRoles: ['reviewer'] },
    });
    expect(transitionReport(snapshot('reviewed'), { event: 'issue' }, reviewer)).toMatchObject({
      ok: false,
      error: { code: 'REPORT_ROLE_REQUIRED', requiredRoles: ['signatory'] },
    });
    expect(transitionReport(snapshot('reviewed'), inputOf('return'), tester2)).toMatchObject({
      ok: false,
      error: {
        code: 'REPORT_ROLE_REQUIRED',
        requiredRoles: ['reviewer', 'signatory'],
        message: 'return needs the role reviewer or signatory',
      },
    });
    for (const bad of [nobody, { id: '', roles: ['reviewer'] }, null, { id: 'X' }]) {
      expect(
        transitionReport(snapshot('submitted'), { event: 'review' }, bad as LabActor),
      ).toMatchObject({ ok: false, error: { code: 'REPORT_ROLE_REQUIRED' } });
    }
  });

  it('the tester cannot review, sign or return their own report, whatever roles they hold', () => {
    const own = { testedBy: ['A'], submittedBy: 'A' };
    for (const [state, event] of [
      ['submitted', 'review'],
      ['submitted', 'return'],
      ['reviewed', 'issue'],
      ['reviewed', 'return'],
    ] as const) {
      expect(transitionReport(snapshot(state, own), inputOf(event), all)).toEqual({
        ok: false,
        error: {
          code: 'FOUR_EYES_VIOLATION',
          event,
          rule: 'checker_is_author',
          message: `A tested or submitted this report and cannot ${event} it`,
        },
      });
    }
  });

  it('anyone who entered results counts as a tester, not only the submitter', () => {
    // T2 entered a result, T submitted: neither may review; a third person may.
    const r = snapshot('submitted', { testedBy: ['T', 'T2'], submittedBy: 'T' });
    const t2 = { id: 'T2', roles: ['tester', 'reviewer'] } as LabActor;
    expect(transitionReport(r, { event: 'review' }, t2)).toMatchObject({
      ok: false,
      error: { code: 'FOUR_EYES_VIOLATION' },
    });
    // and the submitter who entered nothing is still an author.
    const s = snapshot('submitted', { testedBy: [], submittedBy: 'A' });
    expect(transitionReport(s, { event: 'review' }, all)).toMatchObject({ ok: false });
  });

  it('lets the reviewer also sign by default, and not under the three-person policy', () => {
    const r = snapshot('reviewed', { reviewedBy: 'RS' });
    const rs: LabActor = { id: 'RS', roles: ['reviewer', 'signatory'] };
    expect(transitionReport(r, { event: 'issue' }, rs)).toMatchObject({
      ok: true,
      report: { state: 'issued', reviewedBy: 'RS', issuedBy: 'RS' },
    });
    expect(transitionReport(r, { event: 'issue' }, rs, { signatoryMayBeReviewer: false })).toEqual({
      ok: false,
      error: {
        code: 'FOUR_EYES_VIOLATION',
        event: 'issue',
        rule: 'signatory_is_reviewer',
        message: 'RS reviewed this report and cannot also issue it',
      },
    });
  });

  it('a person holding every role can do any step of someone else’s report', () => {
    const r = run([
      [{ event: 'submit' }, tester],
      [{ event: 'review' }, all],
      [{ event: 'issue' }, all],
    ]);
    expect(r).toMatchObject({ state: 'issued', submittedBy: 'T', reviewedBy: 'A', issuedBy: 'A' });
  });

  it('after a return the report needs a fresh submission and review', () => {
    const r = run([
      [{ event: 'submit' }, tester],
      [{ event: 'review' }, reviewer],
      [{ event: 'return', reason: '复核计算' }, signatory],
    ]);
    expect(r).toMatchObject({ state: 'draft', submittedBy: null, reviewedBy: null });
    // The reviewer of the first round can resubmit as a tester only if they hold the role,
    // and then cannot review their own submission.
    const rt: LabActor = { id: 'R', roles: ['tester', 'reviewer'] };
    const again = run([[{ event: 'submit' }, rt]], r);
    expect(transitionReport(again, { event: 'review' }, rt)).toMatchObject({
      ok: false,
      error: { code: 'FOUR_EYES_VIOLATION' },
    });
  });

  it('reportEventsFor offers each person what they may do now', () => {
    expect(reportEventsFor(snapshot('submitted'), reviewer)).toEqual(['review', 'return']);
    expect(reportEventsFor(snapshot('submitted'), signatory)).toEqual(['return']);
    expect(reportEventsFor(snapshot('submitted'), tester)).toEqual([]);
    expect(reportEventsFor(snapshot('reviewed'), signatory)).toEqual(['issue', 'return']);
    expect(reportEventsFor(snapshot('issued'), all)).toEqual([]);
  });

  it('no sequence of events lets one person both author and check a version (property)', () => {
    const people = ['P1', 'P2', 'P3'];
    const actor = fc.record({
      id: fc.constantFrom(...people),
      roles: fc.subarray([...LAB_STAFF_ROLES] as LabStaffRole[]),
    });
    const step = fc.tuple(fc.constantFrom(...REPORT_EVENTS), actor);
    fc.assert(
      fc.property(
        fc.subarray(people),
        fc.array(step, { maxLength: 12 }),
        fc.boolean(),
        (testedBy, steps, strict) => {
          const policy = { signatoryMayBeReviewer: !strict };
          let r: ReportSnapshot = { ...newReportSnapshot(), testedBy };
          for (const [event, a] of steps) {
            const t = transitionReport(r, inputOf(event), a, policy);
            const check = checkReportActor(r, event, a, policy);
            if (t.ok) {
              expect(check.ok).toBe(true);
              expect(LEGAL[`${r.state}/${event}`]).toBe(t.report.state);
              r = t.report;
            }
            // Whenever a version is reviewed or issued, its checkers are not its authors.
            const authors = new Set([...r.testedBy, r.submittedBy]);
            if (r.reviewedBy !== null) expect(authors.has(r.reviewedBy)).toBe(false);
            if (r.issuedBy !== null) {
              expect(authors.has(r.issuedBy)).toBe(false);
              if (strict) expect(r.issuedBy).not.toBe(r.reviewedBy);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('amendments', () => {
  const v = (
    version: number,
    state: ReportState,
    amendmentReason: string | null = version === 1 ? null : '更正',
  ): ReportVersion => ({
    version,
    state,
    amends: version === 1 ? null : version - 1,
    amendmentReason,
  });

  it('starts version n + 1 as a draft amending the latest issued version, with the reason', () => {
    expect(startAmendment([v(1, 'issued')], ' 样品名称录入错误 ')).toEqual({
      ok: true,
      version: { version: 2, state: 'draft', amends: 1, amendmentReason: '样品名称录入错误' },
    });
    expect(startAmendment([v(2, 'issued'), v(1, 'issued')], '补充检验项目')).toMatchObject({
      ok: true,
      version: { version: 3, amends: 2 },
    });
  });

  it('refuses to amend what is not issued, or while an amendment is in progress', () => {
    expect(startAmendment([], 'x')).toEqual({
      ok: false,
      error: { code: 'AMENDMENT_NOT_ALLOWED', message: 'there is no report to amend' },
    });
    expect(startAmendment([v(1, 'reviewed')], 'x')).toEqual({
      ok: false,
      error: {
        code: 'AMENDMENT_NOT_ALLOWED',
        message: 'version 1 is reviewed, not issued: correct it by returning it to draft',
      },
    });
    expect(startAmendment([v(1, 'issued'), v(2, 'draft')], 'x')).toEqual({
      ok: false,
      error: {
        code: 'AMENDMENT_NOT_ALLOWED',
        message: 'version 2 is already an amendment in progress (draft)',
      },
    });
  });

  it('needs a reason', () => {
    for (const reason of ['', '  ', undefined as unknown as string]) {
      expect(startAmendment([v(1, 'issued')], reason)).toEqual({
        ok: false,
        error: { code: 'AMENDMENT_REASON_REQUIRED', message: 'an amendment needs a reason' },
      });
    }
  });

  it('counts the latest issued version; an amendment in progress changes nothing', () => {
    expect(countingReportVersion([])).toBeNull();
    expect(countingReportVersion([v(1, 'submitted')])).toBeNull();
    expect(countingReportVersion([v(1, 'issued')])).toEqual(v(1, 'issued'));
    expect(countingReportVersion([v(1, 'issued'), v(2, 'reviewed')])).toEqual(v(1, 'issued'));
    expect(countingReportVersion([v(3, 'issued'), v(1, 'issued'), v(2, 'issued')])).toEqual(
      v(3, 'issued'),
    );
  });

  it('an amendment goes through the same review chain, and both versions stay', () => {
    let history: ReportVersion[] = [v(1, 'issued')];
    const started = startAmendment(history, '更正检验结论');
    if (!started.ok) throw new Error(started.error.message);
    history = [...history, started.version];
    // The amendment's own four eyes: its tester cannot review it.
    const draft = newReportSnapshot();
    expect(transitionReport(draft, { event: 'review' }, reviewer)).toMatchObject({ ok: false });
    const submitted = run([[{ event: 'submit' }, tester]], draft);
    expect(
      transitionReport(submitted, { event: 'review' }, { id: 'T', roles: ['reviewer'] }),
    ).toMatchObject({ ok: false, error: { code: 'FOUR_EYES_VIOLATION' } });
    const issued = run(
      [
        [{ event: 'review' }, reviewer],
        [{ event: 'issue' }, signatory],
      ],
      submitted,
    );
    history = history.map((x) => (x.version === 2 ? { ...x, state: issued.state } : x));
    expect(validateReportHistory(history)).toEqual({ ok: true });
    expect(history.map((x) => [x.version, x.state])).toEqual([
      [1, 'issued'],
      [2, 'issued'],
    ]);
    expect(countingReportVersion(history)?.version).toBe(2);
  });

  it.each<[string, ReportVersion[], string]>([
    ['a gap', [v(1, 'issued'), v(3, 'draft')], 'without gaps'],
    ['a repeat', [v(1, 'issued'), v(1, 'issued')], 'without gaps'],
    ['no version 1', [v(2, 'issued')], 'without gaps'],
    ['version 1 amending', [{ ...v(1, 'issued'), amends: 0 }], 'amends nothing'],
    [
      'a wrong link',
      [v(1, 'issued'), v(2, 'issued'), { ...v(3, 'draft'), amends: 1 }],
      'amend version 2',
    ],
    ['no reason', [v(1, 'issued'), v(2, 'draft', ' ')], 'no amendment reason'],
    [
      'an unissued middle',
      [v(1, 'issued'), v(2, 'reviewed'), v(3, 'draft')],
      'version 2 is reviewed',
    ],
    ['an unknown state', [v(1, 'cancelled' as ReportState)], 'unknown state'],
  ])('refuses a history with %s', (_, history, message) => {
    const r = validateReportHistory(history);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REPORT_HISTORY', message: expect.stringContaining(message) },
    });
    expect(startAmendment(history, 'x')).toEqual(r);
  });

  it('every amendment chain built by startAmendment is valid and counts its last issued version (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.constantFrom(...REPORT_STATES), (n, last) => {
        let history: ReportVersion[] = [v(1, 'issued')];
        for (let i = 1; i < n; i++) {
          const s = startAmendment(history, `第${i}次更正`);
          if (!s.ok) throw new Error(s.error.message);
          history = [...history, { ...s.version, state: 'issued' }];
        }
        history[history.length - 1] = { ...history[history.length - 1], state: last };
        expect(validateReportHistory(history)).toEqual({ ok: true });
        expect(countingReportVersion(history)?.version ?? null).toBe(
          last === 'issued' ? n : n === 1 ? null : n - 1,
        );
        expect(startAmendment(history, 'again').ok).toBe(last === 'issued');
      }),
    );
  });
});
