import { DEV_JWT_SECRET, validateEnv } from './env';

describe('validateEnv', () => {
  it('reads the usual spellings of true and false', () => {
    for (const [raw, want] of [
      ['true', true],
      ['1', true],
      ['YES', true],
      [' on ', true],
      ['false', false],
      ['0', false],
      ['No', false],
      ['off', false],
    ] as const)
      expect([raw, validateEnv({ MIGRATIONS_RUN: raw }).MIGRATIONS_RUN]).toEqual([raw, want]);
  });

  it('refuses a misspelt boolean instead of reading it as false', () => {
    expect(() => validateEnv({ MIGRATIONS_RUN: 'ture' })).toThrow(/MIGRATIONS_RUN/);
  });

  it('needs two connections while migrating at start-up', () => {
    expect(() => validateEnv({ DATABASE_POOL_SIZE: '1' })).toThrow(
      'DATABASE_POOL_SIZE must be at least 2 while MIGRATIONS_RUN is on',
    );
    expect(
      validateEnv({ DATABASE_POOL_SIZE: '1', MIGRATIONS_RUN: 'false' }).DATABASE_POOL_SIZE,
    ).toBe(1);
  });

  it('lists every problem at once, and refuses the development secret in production', () => {
    expect(() =>
      validateEnv({
        NODE_ENV: 'production',
        DATABASE_POOL_SIZE: 'abc',
        JWT_SECRET: DEV_JWT_SECRET,
      }),
    ).toThrow(/DATABASE_POOL_SIZE[\s\S]*development secret/);
  });
});
