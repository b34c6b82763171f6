import {
  allowedObjectionEvents,
  challengeOf,
  isMicrobialItem,
  retestBlock,
  retestConclusion,
  retestFeePayer,
  transitionObjection,
} from './objection';
import { DEFAULT_SECTOR_RULES, type SectorRules } from './sector-rules';

const FOOD: SectorRules = { ...DEFAULT_SECTOR_RULES.food, sector: 'food', version: 4 };
const PRODUCT: SectorRules = {
  ...DEFAULT_SECTOR_RULES.manufacturing,
  sector: 'manufacturing',
  version: 1,
};
const facts = (over: Partial<Parameters<typeof retestBlock>[0]> = {}) => ({
  rules: FOOD,
  contested: [{ itemCode: 'PB', method: 'GB 5009.12-2023' }],
  expiryDate: '2026-12-31',
  custodyState: 'backup_retained' as const,
  today: '2026-03-10',
  ...over,
});

describe('objection states', () => {
  it('goes filed → accepted → retest_drawn → concluded, or filed → rejected', () => {
    expect(transitionObjection('filed', 'accept')).toEqual({ ok: true, state: 'accepted' });
    expect(transitionObjection('filed', 'reject')).toEqual({ ok: true, state: 'rejected' });
    expect(transitionObjection('accepted', 'draw')).toEqual({ ok: true, state: 'retest_drawn' });
    expect(transitionObjection('retest_drawn', 'conclude')).toEqual({
      ok: true,
      state: 'concluded',
    });
    expect(transitionObjection('rejected', 'accept')).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_OBJECTION_STATE', currentState: 'rejected', allowedEvents: [] },
    });
    expect(allowedObjectionEvents('filed')).toEqual(['reject', 'accept']);
  });
});

describe('retestBlock', () => {
  it('lets a non-microbial item of a kept backup be retested', () => {
    expect(retestBlock(facts())).toBeNull();
  });

  it('refuses food microbial items, naming the rule and the items', () => {
    const b = retestBlock(
      facts({
        contested: [
          { itemCode: 'PB', method: 'GB 5009.12-2023' },
          { itemCode: 'APC', method: 'GB 4789.2-2022' },
          { itemCode: 'X', microbial: true, method: null },
        ],
      }),
    );
    expect(b).toMatchObject({
      code: 'RETEST_NOT_ALLOWED',
      reason: 'microbial_items',
      items: ['APC', 'X'],
      rule: { sector: 'food', version: 4, rule: 'microbialRetest', allowed: false },
    });
    // Another sector's rules allow it.
    expect(
      retestBlock(facts({ rules: PRODUCT, contested: [{ itemCode: 'APC', microbial: true }] })),
    ).toBeNull();
  });

  it('refuses an expired backup where the rule says so, and a backup that is gone', () => {
    expect(retestBlock(facts({ expiryDate: '2026-03-09' }))).toMatchObject({
      reason: 'backup_expired',
      rule: { rule: 'expiredBackupRetest' },
    });
    // The last day of shelf life is not past it.
    expect(retestBlock(facts({ expiryDate: '2026-03-10' }))).toBeNull();
    expect(retestBlock(facts({ custodyState: 'disposed' }))).toMatchObject({
      reason: 'backup_gone',
      rule: null,
    });
  });

  it('knows microbial items by flag or by the GB 4789 method series', () => {
    expect(isMicrobialItem({ method: 'GB 4789.3-2016' })).toBe(true);
    expect(isMicrobialItem({ method: 'GB4789.26-2023' })).toBe(true);
    expect(isMicrobialItem({ method: 'GB 47890' })).toBe(false);
    expect(isMicrobialItem({ microbial: true })).toBe(true);
    expect(isMicrobialItem({ method: 'GB 5009.3' })).toBe(false);
  });
});

describe('retestConclusion', () => {
  it('overturns only when every failed item was contested and passes the retest', () => {
    expect(retestConclusion({ originalFailed: ['A'], contested: ['A'], retestFailed: [] })).toEqual(
      { conclusion: 'overturned', outcome: 'pass', stillFailing: [] },
    );
    expect(
      retestConclusion({ originalFailed: ['A'], contested: ['A'], retestFailed: ['A'] }),
    ).toEqual({ conclusion: 'confirmed', outcome: 'fail', stillFailing: ['A'] });
    // B failed too and was not contested: it still fails.
    expect(
      retestConclusion({ originalFailed: ['A', 'B'], contested: ['A'], retestFailed: [] }),
    ).toEqual({ conclusion: 'confirmed', outcome: 'fail', stillFailing: ['B'] });
  });

  it('puts the fee on the applicant unless the retest overturns', () => {
    expect(retestFeePayer(null)).toBe('applicant');
    expect(retestFeePayer('confirmed')).toBe('applicant');
    expect(retestFeePayer('overturned')).toBe('regulator');
  });
});

describe('challengeOf', () => {
  const o = { filedOn: '2026-03-03', decidedOn: '2026-03-05', concludedOn: null, outcome: null };
  it('maps each state to the outcome rule', () => {
    expect(challengeOf(null)).toEqual({ kind: 'none' });
    expect(challengeOf({ ...o, state: 'filed', decidedOn: null })).toEqual({
      kind: 'objection_open',
      filedOn: '2026-03-03',
    });
    expect(challengeOf({ ...o, state: 'rejected' })).toEqual({
      kind: 'objection_rejected',
      decidedOn: '2026-03-05',
    });
    expect(challengeOf({ ...o, state: 'retest_drawn' })).toEqual({
      kind: 'retest_open',
      acceptedOn: '2026-03-05',
    });
    expect(
      challengeOf({ ...o, state: 'concluded', concludedOn: '2026-03-20', outcome: 'pass' }),
    ).toEqual({ kind: 'retest_concluded', verdict: 'pass', concludedOn: '2026-03-20' });
  });
});
