import { Controller, Get } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppException } from '@spotcheck/common';
import { AuthGuard } from './auth.guard';
import { Access, Public } from './decorators';
import { signToken } from './token';

const SECRET = 's'.repeat(40);

@Controller()
class Routes {
  @Access({ regulator: 'own', admin: 'any' })
  @Get('declared')
  declared() {}

  @Public()
  @Get('public')
  open() {}

  @Get('undeclared')
  undeclared() {}
}

const guard = new AuthGuard(new Reflector(), new JwtService({}), {
  get: (key: string) => ({ JWT_SECRET: SECRET, JWT_ISSUER: 'spotcheck' })[key],
} as unknown as ConfigService<never, true>);

const context = (handler: keyof Routes, authorization?: string) =>
  ({
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ headers: { authorization } }) }),
  }) as never;

const as = (role: 'admin' | 'lab') =>
  `Bearer ${signToken(role === 'lab' ? { sub: 'l', role, org: 'x' } : { sub: 'a', role }, { secret: SECRET, issuer: 'spotcheck' })}`;

const status = (p: Promise<boolean>) =>
  p.then(
    () => 200,
    (e: AppException) => e.getStatus(),
  );

describe('AuthGuard', () => {
  it('lets through the roles a route declares, 403 for the others', async () => {
    expect(await status(guard.canActivate(context('declared', as('admin'))))).toBe(200);
    expect(await status(guard.canActivate(context('declared', as('lab'))))).toBe(403);
  });

  it('needs no token on a public route', async () => {
    expect(await status(guard.canActivate(context('open')))).toBe(200);
  });

  it('refuses every caller of a route that declares no access', async () => {
    expect(await status(guard.canActivate(context('undeclared', as('admin'))))).toBe(403);
    expect(await status(guard.canActivate(context('undeclared')))).toBe(401);
  });
});

describe('AuthGuard during a key rotation (JWT_SECRET_PREVIOUS)', () => {
  const NEW = 'n'.repeat(40);
  const OLD = 'o'.repeat(40);
  const rotating = (previous?: string) =>
    new AuthGuard(new Reflector(), new JwtService({}), {
      get: (key: string) =>
        ({ JWT_SECRET: NEW, JWT_SECRET_PREVIOUS: previous, JWT_ISSUER: 'spotcheck' })[key],
    } as unknown as ConfigService<never, true>);
  const signed = (secret: string, o: { expiresInSeconds?: number; issuer?: string } = {}) =>
    `Bearer ${signToken({ sub: 'a', role: 'admin' }, { secret, issuer: o.issuer ?? 'spotcheck', expiresInSeconds: o.expiresInSeconds })}`;
  const message = (p: Promise<boolean>) =>
    p.then(
      () => 'ok',
      (e: AppException) => (e.getResponse() as { message: string }).message,
    );

  it('accepts tokens of the new and of the previous key while both are configured', async () => {
    const guard = rotating(OLD);
    expect(await message(guard.canActivate(context('declared', signed(NEW))))).toBe('ok');
    expect(await message(guard.canActivate(context('declared', signed(OLD))))).toBe('ok');
    expect(await message(guard.canActivate(context('declared', signed(SECRET))))).toBe(
      'invalid token: invalid signature',
    );
  });

  it('refuses the previous key once it is removed', async () => {
    expect(await message(rotating().canActivate(context('declared', signed(OLD))))).toBe(
      'invalid token: invalid signature',
    );
  });

  it('still refuses an expired or foreign token signed with either key', async () => {
    const guard = rotating(OLD);
    for (const key of [NEW, OLD]) {
      expect(
        await message(
          guard.canActivate(context('declared', signed(key, { expiresInSeconds: -10 }))),
        ),
      ).toBe('token expired');
      expect(
        await message(guard.canActivate(context('declared', signed(key, { issuer: 'other' })))),
      ).toBe('invalid token: jwt issuer invalid. expected: spotcheck');
    }
  });
});
