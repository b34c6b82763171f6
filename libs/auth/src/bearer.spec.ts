import { JwtService } from '@nestjs/jwt';
import { AppException } from '@spotcheck/common';
import { BearerVerifier, VERIFIED_TOKENS_MAX } from './bearer';
import { signToken } from './token';

const NEW = 'n'.repeat(40);
const OLD = 'o'.repeat(40);

const verifier = (...secrets: string[]) =>
  new BearerVerifier(new JwtService({}), { secrets, issuer: 'spotcheck' });

const signed = (secret: string, expiresInSeconds = 600, sub = 'a') =>
  signToken(
    { sub, role: 'regulator', jurisdiction: '150000' },
    {
      secret,
      issuer: 'spotcheck',
      expiresInSeconds,
    },
  );

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: AppException) => `${e.getStatus()} ${(e.getResponse() as { message: string }).message}`,
  );

/** A verified token is remembered until its exp; nothing else about it is taken on trust. */
describe('BearerVerifier: verified tokens remembered', () => {
  afterEach(() => jest.restoreAllMocks());

  it('refuses a remembered token once its exp has passed, as an expired one', async () => {
    const v = verifier(NEW);
    const now = Date.now();
    const token = signed(NEW, 60);
    expect(await outcome(v.principalOf(token))).toBe('ok');
    expect(v.rememberedTokens).toBe(1);
    // Still inside its lifetime: answered from memory, the same principal.
    jest.spyOn(Date, 'now').mockReturnValue(now + 30_000);
    expect(await v.principalOf(token)).toEqual({
      sub: 'a',
      role: 'regulator',
      jurisdiction: '150000',
    });
    // At and after exp (whole seconds, as jsonwebtoken counts): refused.
    jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    expect(await outcome(v.principalOf(token))).toBe('401 token expired');
    expect(await outcome(v.principalOf(token))).toBe('401 token expired');
    expect(v.rememberedTokens).toBe(0);
  });

  it('does not let a remembered token outlive the key it was signed with', async () => {
    const during = verifier(NEW, OLD);
    const old = signed(OLD);
    expect(await outcome(during.principalOf(old))).toBe('ok');
    expect(await outcome(during.principalOf(old))).toBe('ok');
    // The previous key removed (a restart with the new configuration): refused at once.
    expect(await outcome(verifier(NEW).principalOf(old))).toBe(
      '401 invalid token: invalid signature',
    );
  });

  it('remembers no refused token, and hands out a copy of the principal', async () => {
    const v = verifier(NEW);
    const forged = signed('x'.repeat(40));
    for (let i = 0; i < 2; i++)
      expect(await outcome(v.principalOf(forged))).toBe('401 invalid token: invalid signature');
    const token = signed(NEW);
    const first = await v.principalOf(token);
    first.jurisdiction = '110000';
    expect((await v.principalOf(token)).jurisdiction).toBe('150000');
    expect(v.rememberedTokens).toBe(1);
  });

  it('keeps at most VERIFIED_TOKENS_MAX tokens, the oldest dropped first', async () => {
    const v = verifier(NEW);
    const first = signed(NEW, 600, 'first');
    await v.principalOf(first);
    for (let i = 0; i < VERIFIED_TOKENS_MAX; i++) await v.principalOf(signed(NEW, 600, `s${i}`));
    expect(v.rememberedTokens).toBe(VERIFIED_TOKENS_MAX);
    // Dropped from memory, still valid: verified again.
    expect(await outcome(v.principalOf(first))).toBe('ok');
  }, 60_000);
});
