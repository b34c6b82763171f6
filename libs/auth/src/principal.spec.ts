import { principalFromClaims } from './principal';

const regulator = { sub: 'r1', role: 'regulator', jurisdiction: '150100' };

describe('principalFromClaims: the staffNo claim', () => {
  it('is optional for regulators and kept when given', () => {
    expect(principalFromClaims(regulator)).toEqual(regulator);
    expect(principalFromClaims({ ...regulator, staffNo: 'NM-150100-0001' })).toEqual({
      ...regulator,
      staffNo: 'NM-150100-0001',
    });
  });

  it('must be a non-empty string of at most 64 characters', () => {
    for (const staffNo of ['', '   ', 42, null, ['A'], 'x'.repeat(65)])
      expect(principalFromClaims({ ...regulator, staffNo })).toBe(
        'claim staffNo must be a non-empty string of at most 64 characters',
      );
  });

  it('belongs to regulators only', () => {
    expect(principalFromClaims({ sub: 'a', role: 'admin', staffNo: 'X1' })).toBe(
      'claim staffNo is only for regulators',
    );
  });
});

describe('principalFromClaims: the jurisdiction claim', () => {
  it('is a GB/T 2260 code, or 000000 for the national level', () => {
    const national = { ...regulator, jurisdiction: '000000' };
    expect(principalFromClaims(national)).toEqual(national);
    expect(principalFromClaims({ ...regulator, jurisdiction: '159999' })).toBe(
      'claim jurisdiction: 159999 is not a GB/T 2260 region code',
    );
    expect(principalFromClaims({ ...regulator, jurisdiction: '00000' })).toBe(
      'claim jurisdiction: must be 6 digits',
    );
  });
});
