import fc from 'fast-check';
import { addCalendarDays, addCalendarMonths } from './calendar/iso-date';
import { DEFAULT_SECTOR_RULES, type SectorRules, backupRetention } from './sector-rules';
import {
  CUSTODY_KINDS,
  CUSTODY_RECORDER,
  CUSTODY_STATES,
  type CustodyKind,
  type CustodySampleContext,
  type CustodyState,
  allowedCustodyKinds,
  backupKeeping,
  checkCustodyEvent,
  custodianOf,
  isFinalCustodyState,
  standingReport,
  transitionCustody,
} from './custody';

/** The graph as the README draws it, written out again so a change to one shows in the other. */
const LEGAL: Record<string, CustodyState> = {
  'none/sampled': 'sampled',
  'sampled/sealed': 'sealed',
  'sealed/shipped': 'in_transit',
  'sealed/received': 'received',
  'sealed/rejected_at_receipt': 'rejected',
  'in_transit/received': 'received',
  'in_transit/rejected_at_receipt': 'rejected',
  'received/testing': 'testing',
  'rejected/disposed': 'disposed',
  'rejected/returned': 'returned',
  'testing/backup_retained': 'backup_retained',
  'backup_retained/retest_dispatched': 'retest_in_transit',
  'backup_retained/disposed': 'disposed',
  'backup_retained/returned': 'returned',
  'retest_in_transit/received': 'retest_received',
  'retest_in_transit/rejected_at_receipt': 'retest_rejected',
  'retest_received/testing': 'retesting',
  'retest_rejected/retest_dispatched': 'retest_in_transit',
  'retest_rejected/disposed': 'disposed',
  'retest_rejected/returned': 'returned',
  'retesting/disposed': 'disposed',
  'retesting/returned': 'returned',
};

const AFTER_KEEP = { on: '2026-06-01', keepUntil: '2026-05-31' };
const FROM: (CustodyState | null)[] = [null, ...CUSTODY_STATES];

describe('custody state machine', () => {
  it('allows exactly the documented transitions', () => {
    for (const s of FROM)
      for (const k of CUSTODY_KINDS) {
        const r = transitionCustody(s, k, AFTER_KEEP);
        const expected = LEGAL[`${s ?? 'none'}/${k}`];
        expect([s, k, r.ok ? r.state : null]).toEqual([s, k, expected ?? null]);
        expect(allowedCustodyKinds(s).includes(k)).toBe(expected !== undefined);
      }
  });

  it('names the current state and what may follow when it refuses', () => {
    expect(transitionCustody('sampled', 'shipped')).toEqual({
      ok: false,
      error: {
        code: 'ILLEGAL_CUSTODY_TRANSITION',
        currentState: 'sampled',
        kind: 'shipped',
        allowedKinds: ['sealed'],
        message: 'the sample is sampled: shipped may not follow (allowed: sealed)',
      },
    });
    const done = transitionCustody('disposed', 'returned');
    expect(done).toMatchObject({
      ok: false,
      error: {
        currentState: 'disposed',
        allowedKinds: [],
        message: expect.stringContaining('ended'),
      },
    });
    expect(transitionCustody(null, 'sealed')).toMatchObject({
      ok: false,
      error: { currentState: null, allowedKinds: ['sampled'] },
    });
    // Strings read from storage or a request never throw.
    expect(transitionCustody('lost' as CustodyState, 'sealed')).toMatchObject({
      ok: false,
      error: { message: 'unknown custody state "lost"', allowedKinds: [] },
    });
    expect(transitionCustody('sealed', 'teleported' as CustodyKind)).toMatchObject({
      ok: false,
      error: { message: 'unknown custody event "teleported"' },
    });
  });

  it('keeps a backup until its keep-until date, except for a retest', () => {
    for (const kind of ['disposed', 'returned'] as const) {
      expect(
        transitionCustody('backup_retained', kind, { on: '2026-05-31', keepUntil: '2026-05-31' }),
      ).toEqual({
        ok: false,
        error: {
          code: 'BACKUP_RETAINED',
          currentState: 'backup_retained',
          kind,
          keepUntil: '2026-05-31',
          message: expect.stringContaining('kept until 2026-05-31'),
        },
      });
      expect(transitionCustody('backup_retained', kind, AFTER_KEEP)).toEqual({
        ok: true,
        state: kind,
      });
      expect(transitionCustody('backup_retained', kind)).toMatchObject({
        ok: false,
        error: { code: 'BACKUP_RETAINED' },
      });
      // After a retest or a refusal nothing is kept back.
      expect(transitionCustody('retesting', kind)).toEqual({ ok: true, state: kind });
      expect(transitionCustody('rejected', kind)).toEqual({ ok: true, state: kind });
    }
    expect(
      transitionCustody('backup_retained', 'retest_dispatched', {
        on: '2026-03-01',
        keepUntil: '2026-05-31',
      }),
    ).toEqual({ ok: true, state: 'retest_in_transit' });
  });

  it('reaches every state from the start, and an end from every state', () => {
    const reach = (from: CustodyState | null): Set<CustodyState> => {
      const seen = new Set<CustodyState>();
      const todo = [from];
      while (todo.length) {
        const s = todo.pop() as CustodyState | null;
        for (const k of allowedCustodyKinds(s)) {
          const r = transitionCustody(s, k, AFTER_KEEP);
          if (r.ok && !seen.has(r.state)) {
            seen.add(r.state);
            todo.push(r.state);
          }
        }
      }
      return seen;
    };
    expect([...reach(null)].sort()).toEqual([...CUSTODY_STATES].sort());
    for (const s of CUSTODY_STATES) {
      if (isFinalCustodyState(s)) expect(['disposed', 'returned']).toContain(s);
      else expect([...reach(s)].some(isFinalCustodyState)).toBe(true);
      // No cycles, a sample never goes back, except that a backup a drawn lab refused goes on
      // to the lab drawn next (as many times as there are labs: the objection's draw says).
      const redraw = s === 'retest_in_transit' || s === 'retest_rejected';
      expect([s, reach(s).has(s)]).toEqual([s, redraw]);
    }
  });

  it('says who records each step and which lab holds the sample', () => {
    expect(CUSTODY_KINDS.filter((k) => CUSTODY_RECORDER[k] === 'field')).toEqual([
      'sealed',
      'shipped',
    ]);
    expect(CUSTODY_RECORDER.sampled).toBe('sampling_record');
    expect(
      CUSTODY_STATES.map((s) => [s, custodianOf(s)]).filter(([, c]) => c === 'retest_lab'),
    ).toEqual([
      ['retest_in_transit', 'retest_lab'],
      ['retest_received', 'retest_lab'],
      ['retest_rejected', 'retest_lab'],
      ['retesting', 'retest_lab'],
    ]);
    expect(custodianOf('in_transit')).toBe('lab');
    expect(custodianOf('backup_retained')).toBe('lab');
    expect(custodianOf('disposed')).toBeNull();
  });

  const anyKind = fc.constantFrom(...CUSTODY_KINDS);

  it('on any sequence of steps, accepts exactly the legal ones and leaves the state alone otherwise', () => {
    // Half the steps are picked among the allowed ones, so histories get past sampling.
    const step = fc.oneof(
      anyKind,
      fc.nat().map((n) => ({ pick: n })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let state: CustodyState | null = null;
        const accepted: CustodyKind[] = [];
        for (const s of steps) {
          const allowed = allowedCustodyKinds(state);
          const k: CustodyKind =
            typeof s === 'string'
              ? s
              : (allowed[s.pick % Math.max(allowed.length, 1)] ?? 'sampled');
          const r = transitionCustody(state, k, AFTER_KEEP);
          const legal: CustodyState | undefined = LEGAL[`${state ?? 'none'}/${k}`];
          if (legal) {
            expect(r).toEqual({ ok: true, state: legal });
            state = legal;
            accepted.push(k);
          } else {
            expect(r.ok).toBe(false);
            if (!r.ok && r.error.code === 'ILLEGAL_CUSTODY_TRANSITION') {
              expect(r.error.currentState).toBe(state);
              expect(r.error.allowedKinds).toEqual(allowedCustodyKinds(state));
            }
          }
        }
        // What every accepted history looks like.
        if (accepted.length) expect(accepted[0]).toBe('sampled');
        const at = (k: CustodyKind) => accepted.indexOf(k);
        if (at('shipped') >= 0) expect(at('sealed')).toBeLessThan(at('shipped'));
        if (at('testing') >= 0) expect(at('received')).toBeLessThan(at('testing'));
        for (const once of ['sampled', 'sealed', 'shipped', 'backup_retained'])
          expect(accepted.filter((k) => k === once).length).toBeLessThanOrEqual(1);
        // A retest dispatch again only after the drawn lab refused at receipt (a redraw).
        const dispatches = accepted.filter((k) => k === 'retest_dispatched').length;
        const refusals = accepted.filter(
          (k, i) => k === 'rejected_at_receipt' && i > at('testing'),
        ).length;
        expect(dispatches).toBeLessThanOrEqual(1 + refusals);
        expect(
          accepted.filter((k) => k === 'disposed' || k === 'returned').length,
        ).toBeLessThanOrEqual(1);
        const end = Math.max(at('disposed'), at('returned'));
        if (end >= 0) expect(end).toBe(accepted.length - 1);
        expect(accepted.length).toBeLessThanOrEqual(10 + 2 * Math.max(0, dispatches - 1));
      }),
      { numRuns: 1000 },
    );
  });

  it('walks from sampling to an end along allowed steps only', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 16, maxLength: 16 }), (choices) => {
        let state: CustodyState | null = null;
        let steps = 0;
        let redraws = 0;
        for (const c of choices) {
          // At most two labs refuse, as if two others were left to draw.
          const allowed = allowedCustodyKinds(state).filter(
            (k) => !(state === 'retest_rejected' && k === 'retest_dispatched' && redraws >= 2),
          );
          if (state === 'retest_rejected' && allowed[c % allowed.length] === 'retest_dispatched')
            redraws++;
          if (allowed.length === 0) break;
          const r = transitionCustody(state, allowed[c % allowed.length], AFTER_KEEP);
          expect(r.ok).toBe(true);
          if (r.ok) state = r.state;
          steps++;
        }
        expect(state !== null && isFinalCustodyState(state)).toBe(true);
        expect(steps).toBeLessThanOrEqual(10 + 2 * redraws);
      }),
    );
  });
});

const FOOD: SectorRules = { ...DEFAULT_SECTOR_RULES.food, sector: 'food', version: 1 };
const keep = (v: 'pass' | 'fail', d: string, expiry?: string | null) => {
  const r = backupRetention(FOOD, v, d, expiry);
  return { keepUntil: r.keepUntil, rule: r.byShelfLife ? 'shelf_life' : r.rule.rule };
};

describe('backup keep-until', () => {
  it('is 3 months after a pass and 6 after a fail, counted as Civil Code Art. 202 counts months', () => {
    expect(keep('pass', '2026-03-10')).toEqual({
      keepUntil: '2026-06-10',
      rule: 'backupAfterPass',
    });
    expect(keep('fail', '2026-03-10')).toEqual({
      keepUntil: '2026-09-10',
      rule: 'backupAfterFail',
    });
    expect(keep('fail', '2026-08-31').keepUntil).toBe('2027-02-28');
    expect(keep('pass', '2026-11-30').keepUntil).toBe('2027-02-28');
  });

  it('ends with the shelf life when that comes first', () => {
    expect(keep('fail', '2026-03-10', '2026-05-01')).toEqual({
      keepUntil: '2026-05-01',
      rule: 'shelf_life',
    });
    expect(keep('pass', '2026-03-10', '2026-06-10')).toEqual({
      keepUntil: '2026-06-10',
      rule: 'backupAfterPass',
    });
    expect(keep('pass', '2026-03-10', '2027-01-01').rule).toBe('backupAfterPass');
    expect(() => keep('maybe' as 'pass', '2026-03-10')).toThrow('pass or fail');
    expect(() => keep('pass', '2026-03-10', '2026-02-30')).toThrow('does not exist');
  });

  it('follows the sector rule in force, and names it', () => {
    const longer: SectorRules = {
      ...FOOD,
      version: 2,
      backupAfterFail: { months: 12, source: { zh: '地方实施细则', en: 'local rules' } },
    };
    const r = backupRetention(longer, 'fail', '2026-03-10');
    expect(r.keepUntil).toBe('2027-03-10');
    expect(r.rule).toMatchObject({
      sector: 'food',
      version: 2,
      rule: 'backupAfterFail',
      months: 12,
    });
  });

  it('is the earlier of the two limits, never later for a pass than for a fail', () => {
    const day = fc.integer({ min: 0, max: 365 * 80 }).map((n) => addCalendarDays('2000-01-01', n));
    fc.assert(
      fc.property(day, fc.option(day, { nil: null }), (verdictDate, expiry) => {
        const pass = keep('pass', verdictDate, expiry);
        const fail = keep('fail', verdictDate, expiry);
        for (const [r, v] of [
          [pass, 'backupAfterPass'],
          [fail, 'backupAfterFail'],
        ] as const) {
          const months = addCalendarMonths(verdictDate, FOOD[v].months);
          const expected = expiry !== null && expiry < months ? expiry : months;
          expect(r.keepUntil).toBe(expected);
          expect(r.rule === 'shelf_life').toBe(expiry !== null && expiry < months);
        }
        expect(pass.keepUntil <= fail.keepUntil).toBe(true);
        if (expiry === null) expect(pass.keepUntil > verdictDate).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('custody event checks', () => {
  const LAB = '11111111-1111-4111-8111-111111111111';
  const OTHER_LAB = '22222222-2222-4222-8222-222222222222';
  const sample: CustodySampleContext = {
    samplingDate: '2026-03-02',
    expiryDate: null,
    labId: LAB,
    lastOccurredAt: new Date('2026-03-02T02:00:00Z'),
    rules: FOOD,
  };
  const now = new Date('2026-11-26T10:00:00Z');
  const check = (
    kind: CustodyKind,
    detail?: Record<string, unknown>,
    occurredAt = '2026-03-03T09:00:00+08:00',
  ) => checkCustodyEvent({ kind, occurredAt, detail }, sample, now);
  const fields = (r: ReturnType<typeof checkCustodyEvent>) =>
    r.ok ? [] : r.problems.map((p) => p.field);

  it('takes a time that is neither in the future nor before the previous event', () => {
    expect(check('received')).toMatchObject({
      ok: true,
      on: '2026-03-03',
      occurredAt: new Date('2026-03-03T01:00:00Z'),
      detail: {},
    });
    // Equal to the previous event is fine (sampled and sealed at one moment).
    expect(check('received', {}, '2026-03-02T10:00:00+08:00').ok).toBe(true);
    expect(fields(check('received', {}, '2026-03-02T09:59:59+08:00'))).toEqual(['occurredAt']);
    expect(fields(check('received', {}, '2026-11-26T18:04:00+08:00'))).toEqual([]);
    expect(fields(check('received', {}, '2026-11-26T18:06:00+08:00'))).toEqual(['occurredAt']);
    for (const bad of ['2026-03-03', '2026-03-03T09:00:00', '2026-02-30T09:00:00Z', 'yesterday'])
      expect(fields(check('received', {}, bad))).toEqual(['occurredAt']);
    // The day counts in China: 17:00 UTC is already the next day in Beijing.
    expect(check('received', {}, '2026-03-03T17:00:00Z')).toMatchObject({ on: '2026-03-04' });
  });

  it('requires and checks the detail of each kind, and nothing else', () => {
    expect(fields(check('sealed'))).toEqual(['detail.sealNumbers']);
    expect(fields(check('sealed', { sealNumbers: [] }))).toEqual(['detail.sealNumbers']);
    expect(fields(check('sealed', { sealNumbers: ['A1', 'A1'] }))).toEqual(['detail.sealNumbers']);
    expect(fields(check('sealed', { sealNumbers: ['A\u00001'] }))).toEqual(['detail.sealNumbers']);
    expect(check('sealed', { sealNumbers: ['A1', 'A2'] })).toMatchObject({
      ok: true,
      detail: { sealNumbers: ['A1', 'A2'] },
    });
    expect(fields(check('rejected_at_receipt'))).toEqual(['detail.reason']);
    expect(fields(check('rejected_at_receipt', { reason: 'late' }))).toEqual(['detail.reason']);
    for (const reason of ['seal_broken', 'damaged', 'wrong_sample'])
      expect(check('rejected_at_receipt', { reason }).ok).toBe(true);
    expect(fields(check('received', { reason: 'x' }))).toEqual(['detail.reason']);
    expect(fields(check('shipped', { carrier: '顺丰', trackingNo: ' ' }))).toEqual([
      'detail.trackingNo',
    ]);
    expect(fields(check('testing', [] as unknown as Record<string, unknown>))).toEqual(['detail']);
    expect(check('disposed', { method: '高温销毁' })).toMatchObject({ ok: true });
    expect(check('returned', { recipient: '被抽样单位' })).toMatchObject({ ok: true });
  });

  it('adds the keep-until date to backup_retained from the issued report’s verdict and the shelf life, never from the request', () => {
    const withReport = (
      verdict: 'pass' | 'fail' | 'not_applicable',
      extra: Partial<typeof sample> = {},
      detail?: Record<string, unknown>,
      occurredAt = '2026-03-21T09:00:00+08:00',
    ) =>
      checkCustodyEvent(
        { kind: 'backup_retained', occurredAt, detail },
        {
          ...sample,
          report: { reportNo: 'JC-1', version: 2, verdict, issuedOn: '2026-03-20' },
          ...extra,
        },
        now,
      );
    expect(withReport('pass')).toEqual({
      ok: true,
      occurredAt: new Date('2026-03-21T01:00:00Z'),
      on: '2026-03-21',
      detail: {
        verdict: 'pass',
        verdictDate: '2026-03-20',
        reportNo: 'JC-1',
        reportVersion: 2,
        keepUntil: '2026-06-20',
        keepUntilRule: 'backupAfterPass',
        keepUntilBasis: expect.objectContaining({ sector: 'food', version: 1, months: 3 }),
      },
    });
    expect(withReport('fail')).toMatchObject({
      detail: { verdict: 'fail', keepUntil: '2026-09-20', keepUntilRule: 'backupAfterFail' },
    });
    // Nothing failed: kept as after a pass.
    expect(withReport('not_applicable')).toMatchObject({
      detail: { verdict: 'not_applicable', keepUntilRule: 'backupAfterPass' },
    });
    expect(withReport('fail', { expiryDate: '2026-07-01' })).toMatchObject({
      detail: { keepUntil: '2026-07-01', keepUntilRule: 'shelf_life' },
    });
    // The request names no verdict: the report's wins, whatever the request says.
    const told = withReport('fail', {}, { verdict: 'pass', verdictDate: '2026-03-20' });
    expect(told.ok ? [] : told.problems).toEqual([
      { field: 'detail.verdict', reason: 'is taken from the issued report, not from the request' },
      {
        field: 'detail.verdictDate',
        reason: 'is taken from the issued report, not from the request',
      },
    ]);
    expect(fields(withReport('pass', {}, undefined, '2026-03-19T09:00:00+08:00'))).toEqual([
      'occurredAt',
    ]);
    expect(fields(check('backup_retained', {}, '2026-03-21T09:00:00+08:00'))).toEqual(['kind']);
  });

  it('sends a retest to another lab', () => {
    expect(check('retest_dispatched', { toLabId: OTHER_LAB }).ok).toBe(true);
    expect(fields(check('retest_dispatched', { toLabId: LAB }))).toEqual(['detail.toLabId']);
    expect(fields(check('retest_dispatched', { toLabId: 'lab-2' }))).toEqual(['detail.toLabId']);
    expect(fields(check('retest_dispatched'))).toEqual(['detail.toLabId']);
  });
});

describe('standingReport: the day an amended report’s verdict stands from', () => {
  const v = (version: number, verdict: 'pass' | 'fail', conclusion: string, issuedOn: string) => ({
    reportNo: 'JC-1',
    version,
    verdict,
    conclusion,
    issuedOn,
  });
  it('is the latest version, from the first version of the latest run concluding the same', () => {
    expect(standingReport([])).toBeNull();
    expect(standingReport([v(1, 'fail', 'a', '2026-03-01')])).toEqual({
      reportNo: 'JC-1',
      version: 1,
      verdict: 'fail',
      issuedOn: '2026-03-01',
    });
    // An amendment that changes nothing leaves the day; one that changes the failed items
    // or the verdict starts it afresh. Order of the input does not matter.
    const same = [v(2, 'fail', 'a', '2026-03-10'), v(1, 'fail', 'a', '2026-03-01')];
    expect(standingReport(same)).toMatchObject({ version: 2, issuedOn: '2026-03-01' });
    const items = [...same, v(3, 'fail', 'b', '2026-03-20')];
    expect(standingReport(items)).toMatchObject({ version: 3, issuedOn: '2026-03-20' });
    const pass = [...items, v(4, 'pass', 'b', '2026-04-02'), v(5, 'pass', 'b', '2026-04-09')];
    expect(standingReport(pass)).toMatchObject({
      version: 5,
      verdict: 'pass',
      issuedOn: '2026-04-02',
    });
  });

  it('keeps the backup by the verdict’s rule from that day, or to the end of shelf life', () => {
    const rules: SectorRules = {
      ...DEFAULT_SECTOR_RULES.manufacturing,
      sector: 'manufacturing',
      version: 1,
    };
    const report = {
      reportNo: 'JC-1',
      version: 2,
      verdict: 'pass' as const,
      issuedOn: '2026-04-02',
    };
    expect(backupKeeping(rules, report, null)).toMatchObject({
      verdict: 'pass',
      verdictDate: '2026-04-02',
      reportVersion: 2,
      keepUntil: addCalendarMonths('2026-04-02', rules.backupAfterPass.months),
      keepUntilRule: 'backupAfterPass',
    });
    expect(backupKeeping(rules, { ...report, verdict: 'fail' }, null).keepUntilRule).toBe(
      'backupAfterFail',
    );
    expect(backupKeeping(rules, { ...report, verdict: 'not_applicable' }, null).keepUntilRule).toBe(
      'backupAfterPass',
    );
    expect(backupKeeping(rules, report, '2026-04-10')).toMatchObject({
      keepUntil: '2026-04-10',
      keepUntilRule: 'shelf_life',
    });
  });
});
