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

  it('takes a previous JWT key of 32 characters or more, and an empty one as none', () => {
    expect(validateEnv({ JWT_SECRET_PREVIOUS: 'p'.repeat(32) }).JWT_SECRET_PREVIOUS).toBe(
      'p'.repeat(32),
    );
    expect(validateEnv({ JWT_SECRET_PREVIOUS: '' }).JWT_SECRET_PREVIOUS).toBeUndefined();
    expect(() => validateEnv({ JWT_SECRET_PREVIOUS: 'short' })).toThrow(
      'JWT_SECRET_PREVIOUS must be at least 32 characters',
    );
    expect(() =>
      validateEnv({
        NODE_ENV: 'production',
        JWT_SECRET: 's'.repeat(48),
        JWT_SECRET_PREVIOUS: DEV_JWT_SECRET,
      }),
    ).toThrow('JWT_SECRET_PREVIOUS is the development secret');
  });

  it('refuses a longest wait between retries of a failed job shorter than the first', () => {
    expect(() =>
      validateEnv({ FAILED_JOB_RETRY_MS: '60000', FAILED_JOB_RETRY_MAX_MS: '1000' }),
    ).toThrow('FAILED_JOB_RETRY_MAX_MS must not be less than FAILED_JOB_RETRY_MS');
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

  it('makes the queue prefix a Redis Cluster hash tag, whether or not it comes in braces', () => {
    expect(validateEnv({}).QUEUE_PREFIX).toBe('{spotcheck}');
    expect(validateEnv({ QUEUE_PREFIX: 'spotcheck-2' }).QUEUE_PREFIX).toBe('{spotcheck-2}');
    expect(validateEnv({ QUEUE_PREFIX: '{spotcheck:r2}' }).QUEUE_PREFIX).toBe('{spotcheck:r2}');
    for (const bad of ['', '{}', '{a}b', 'a{b}', '{a', 'Spot check'])
      expect(() => validateEnv({ QUEUE_PREFIX: bad })).toThrow(/QUEUE_PREFIX must be a name/);
  });

  it('takes a notice number format with {year} and {n}, and names what one lacks', () => {
    expect(validateEnv({}).PUBLICATION_NOTICE_FORMAT).toBe('内市监公告〔{year}〕{n}号');
    expect(validateEnv({ PUBLICATION_NOTICE_FORMAT: '呼市监〔{year}〕{n}号' })).toBeDefined();
    expect(() => validateEnv({ PUBLICATION_NOTICE_FORMAT: '公告{n}号' })).toThrow(
      'PUBLICATION_NOTICE_FORMAT must contain {year} exactly once',
    );
    expect(() => validateEnv({ PUBLICATION_COMPILE_CRON: 'monthly' })).toThrow(
      'PUBLICATION_COMPILE_CRON must be a cron pattern',
    );
  });
});
