import { DomainError } from '@spotcheck/domain';
import { holdsBatch, inScope, inboxOf, inboxSql, scopeOf, scopeSql, scopeWhere } from './scope';

const LAB = '0f9c6a3e-2b1d-4c5e-8f7a-1b2c3d4e5f60';
const USCC = '91150100MA0N0A0A0A';
const ALL_ROLES = ['admin', 'regulator', 'lab', 'enterprise'] as const;

describe('scopeOf', () => {
  it('gives each role its own part', () => {
    expect(scopeOf({ sub: 'a', role: 'admin' }, 'plans', ALL_ROLES)).toEqual({ kind: 'all' });
    expect(
      scopeOf({ sub: 'r', role: 'regulator', jurisdiction: '150100' }, 'plans', ALL_ROLES),
    ).toEqual({ kind: 'region', prefix: '1501' });
    expect(scopeOf({ sub: 'l', role: 'lab', org: LAB.toUpperCase() }, 'x', ALL_ROLES)).toEqual({
      kind: 'lab',
      labId: LAB,
    });
    expect(scopeOf({ sub: 'l', role: 'lab', org: 'not-a-lab' }, 'x', ALL_ROLES)).toEqual({
      kind: 'lab',
      labId: null,
    });
    expect(scopeOf({ sub: 'e', role: 'enterprise', org: USCC }, 'x', ALL_ROLES)).toEqual({
      kind: 'enterprise',
      uscc: USCC,
    });
  });

  it('refuses a role the resource is not for, naming it', () => {
    try {
      scopeOf({ sub: 'l', role: 'lab', org: LAB }, 'sampling plans', ['admin', 'regulator']);
      throw new Error('no refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).kind).toBe('forbidden');
      expect((e as DomainError).message).toBe('role lab may not use sampling plans');
    }
  });
});

describe('scopeSql', () => {
  const positional = () => {
    const params: unknown[] = [];
    return { params, arg: (v: unknown) => `$${params.push(v)}` };
  };
  const cols = {
    region: 'p.jurisdiction',
    lab: ['s.lab_id', 's.retest_lab_id'],
    enterprise: 's.sampled_uscc',
  };

  it('renders each kind over the columns given, sharing one parameter', () => {
    let q = positional();
    expect(scopeSql({ kind: 'all' }, cols, q.arg)).toBe('true');
    expect(q.params).toEqual([]);
    q = positional();
    expect(scopeSql({ kind: 'region', prefix: '1501' }, cols, q.arg)).toBe(
      'p.jurisdiction LIKE $1',
    );
    expect(q.params).toEqual(['1501%']);
    q = positional();
    expect(scopeSql({ kind: 'lab', labId: LAB }, cols, q.arg)).toBe(
      '(s.lab_id = $1::uuid OR s.retest_lab_id = $1::uuid)',
    );
    expect(q.params).toEqual([LAB]);
    q = positional();
    expect(scopeSql({ kind: 'enterprise', uscc: USCC }, cols, q.arg)).toBe('s.sampled_uscc = $1');
  });

  it('sees nothing where the table has no column for the kind, or the lab id is unusable', () => {
    const q = positional();
    expect(scopeSql({ kind: 'lab', labId: LAB }, { region: 'x' }, q.arg)).toBe('false');
    expect(scopeSql({ kind: 'enterprise', uscc: USCC }, { lab: 'l' }, q.arg)).toBe('false');
    expect(scopeSql({ kind: 'lab', labId: null }, cols, q.arg)).toBe('false');
    expect(scopeSql({ kind: 'region', prefix: '15' }, { lab: 'l' }, q.arg)).toBe('false');
    expect(q.params).toEqual([]);
  });

  it('lets a regulator see rules set within its subtree and above it', () => {
    const q = positional();
    expect(
      scopeSql({ kind: 'region', prefix: '1501' }, { regionOrAbove: 't.jurisdiction' }, q.arg),
    ).toBe(
      "(t.jurisdiction LIKE $1 OR $2 LIKE regexp_replace(t.jurisdiction, '(00)+$', '') || '%')",
    );
    expect(q.params).toEqual(['1501%', '1501']);
    const at = (regionOrAbove: string) =>
      inScope({ kind: 'region', prefix: '1501' }, { regionOrAbove });
    expect(['150000', '150100', '150102'].map(at)).toEqual([true, true, true]);
    expect(['150200', '140000', '150202', 'junk'].map(at)).toEqual([false, false, false, false]);
  });

  it('names parameters for query builders', () => {
    expect(scopeWhere({ kind: 'region', prefix: '15' }, cols)).toEqual({
      sql: 'p.jurisdiction LIKE :scope_0',
      params: { scope_0: '15%' },
    });
  });
});

describe('inScope', () => {
  it('agrees with the SQL rules on loaded rows', () => {
    const row = { region: '150102', lab: [LAB, null], enterprise: [USCC] };
    expect(inScope({ kind: 'all' }, {})).toBe(true);
    expect(inScope({ kind: 'region', prefix: '1501' }, row)).toBe(true);
    expect(inScope({ kind: 'region', prefix: '1502' }, row)).toBe(false);
    expect(inScope({ kind: 'lab', labId: LAB }, row)).toBe(true);
    expect(inScope({ kind: 'lab', labId: null }, row)).toBe(false);
    expect(inScope({ kind: 'enterprise', uscc: USCC }, row)).toBe(true);
    expect(inScope({ kind: 'enterprise', uscc: USCC }, { region: '150102' })).toBe(false);
  });
});

describe('holdsBatch', () => {
  it('lets an enterprise among the resolved holders in, and no one else', () => {
    const holders = ['91150102MA0000000X', USCC, null];
    expect(holdsBatch({ kind: 'enterprise', uscc: USCC }, holders)).toBe(true);
    expect(holdsBatch({ kind: 'enterprise', uscc: USCC }, ['91150102MA0000000X', null])).toBe(
      false,
    );
    // A token without an org does not match a holder without an account.
    expect(holdsBatch({ kind: 'enterprise', uscc: '' }, [null, ''])).toBe(false);
    // Holding is an enterprise's relation: not a regulator's, a lab's or an admin's.
    expect(holdsBatch({ kind: 'all' }, holders)).toBe(false);
    expect(holdsBatch({ kind: 'region', prefix: '1501' }, holders)).toBe(false);
    expect(holdsBatch({ kind: 'lab', labId: LAB }, [LAB])).toBe(false);
  });
});

describe('inboxOf and inboxSql', () => {
  const cols = { audience: 'n.audience', jurisdiction: 'n.jurisdiction', addressee: 'n.addressee' };
  const render = (p: Parameters<typeof inboxOf>[0]) => {
    const params: unknown[] = [];
    const sql = inboxSql(
      inboxOf(p, 'notifications', ['regulator', 'admin']),
      cols,
      (v) => `$${params.push(v)}`,
    );
    return { sql, params };
  };

  it("reads a regulator's own and its subtree's offices' notifications", () => {
    expect(render({ sub: 'r1', role: 'regulator', jurisdiction: '150100' })).toEqual({
      sql: "(n.audience = 'regulator' AND (n.addressee = $1 OR (n.addressee IS NULL AND n.jurisdiction LIKE $2)))",
      params: ['r1', '1501%'],
    });
  });

  it("reads an admin's own and all admins' notifications, not the regulators'", () => {
    expect(render({ sub: 'a1', role: 'admin' })).toEqual({
      sql: "(n.audience = 'admin' AND (n.addressee IS NULL OR n.addressee = $1))",
      params: ['a1'],
    });
  });

  it("reads an enterprise's notifications, addressed to its USCC", () => {
    const params: unknown[] = [];
    const sql = inboxSql(
      inboxOf({ sub: 'e1', role: 'enterprise', org: USCC }, 'notifications', ['enterprise']),
      cols,
      (v) => `$${params.push(v)}`,
    );
    expect({ sql, params }).toEqual({
      sql: "(n.audience = 'enterprise' AND n.addressee = $1)",
      params: [USCC],
    });
  });

  it('refuses the roles that receive none', () => {
    expect(() =>
      inboxOf({ sub: 'l', role: 'lab', org: LAB }, 'notifications', ['regulator', 'admin']),
    ).toThrow('role lab may not use notifications');
  });
});
