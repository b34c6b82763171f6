import fc from 'fast-check';
import { accountIdentityProblems, passwordProblems, userNameProblem } from './accounts';
import { completeUscc } from './uscc';

describe('user names', () => {
  it.each(['zhangsan', 'Zhang.San', '张三', 'reg-150102', 'a@b.cn', 'x1'])('accepts %s', (n) =>
    expect(userNameProblem(n)).toBeUndefined(),
  );
  it.each(['a', ' zhang', 'zhang san', '-lead', 'x'.repeat(65), 'tab\there', ''])(
    'refuses %j',
    (n) => expect(userNameProblem(n)).toMatch(/must be 2–64/),
  );
});

describe('passwords', () => {
  it('asks for 10 characters with letters and digits, without the user name', () => {
    expect(passwordProblems('short1', 'x')).toEqual(['must be at least 10 characters']);
    expect(passwordProblems('onlyletters', 'x')).toEqual(['must contain both letters and digits']);
    expect(passwordProblems('1234567890', 'x')).toEqual(['must contain both letters and digits']);
    expect(passwordProblems('my-ZhangSan-2025', 'zhangsan')).toEqual([
      'must not contain the user name',
    ]);
    expect(passwordProblems('检验员密码很长2025', 'x')).toEqual([]);
    expect(passwordProblems('x'.repeat(120) + '1'.repeat(9), 'y')).toEqual([
      'must be at most 128 characters',
    ]);
  });

  it('accepts any password of 10 to 128 characters that has a letter and a digit and not the name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 120 }), (s) => {
        const pw = `a1${s}`;
        const problems = passwordProblems(pw, '\u0000no-such-name');
        return [...pw].length >= 10 ? problems.length === 0 : problems.length === 1;
      }),
    );
  });
});

describe('account identities', () => {
  const uscc = completeUscc('91150102MA0000001');
  it('asks of each role what its tokens carry, naming the field', () => {
    expect(accountIdentityProblems({ role: 'regulator', jurisdiction: '150102' })).toEqual([]);
    expect(accountIdentityProblems({ role: 'regulator' })).toEqual([
      { field: 'jurisdiction', reason: 'is required for a regulator' },
    ]);
    expect(accountIdentityProblems({ role: 'regulator', jurisdiction: '159999' })[0].field).toBe(
      'jurisdiction',
    );
    expect(
      accountIdentityProblems({ role: 'lab', org: '00000000-0000-4000-8000-000000000001' }),
    ).toEqual([]);
    expect(accountIdentityProblems({ role: 'lab', org: 'lab-1' })).toEqual([
      { field: 'org', reason: 'must be the lab id (a uuid)' },
    ]);
    expect(accountIdentityProblems({ role: 'enterprise', org: uscc })).toEqual([]);
    expect(
      accountIdentityProblems({ role: 'enterprise', org: uscc.slice(0, 17) + 'X' })[0],
    ).toEqual({ field: 'org', reason: expect.stringContaining('check character') });
    expect(accountIdentityProblems({ role: 'admin', org: uscc, staffNo: 'N1' })).toEqual([
      { field: 'staffNo', reason: 'is only for regulators' },
      { field: 'org', reason: 'is only for labs and enterprises' },
    ]);
    expect(accountIdentityProblems({ role: 'boss' })).toEqual([
      { field: 'role', reason: 'must be one of regulator, lab, enterprise, admin' },
    ]);
  });
});
