import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { AppException, type Env } from '@spotcheck/common';
import type { Role } from '@spotcheck/domain';
import { IS_PUBLIC, ROLES_KEY } from './decorators';
import { Principal, principalFromClaims } from './principal';

const unauthorized = (message: string) =>
  new AppException(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', message);

/** Verifies the bearer JWT on every route not marked @Public, then enforces @Roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: Principal }>();
    const header = req.headers.authorization;
    if (!header) throw unauthorized('missing bearer token (Authorization: Bearer <jwt>)');
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token)
      throw unauthorized('Authorization header must be "Bearer <jwt>"');
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync(token, {
        secret: this.config.get('JWT_SECRET', { infer: true }),
        issuer: this.config.get('JWT_ISSUER', { infer: true }),
        algorithms: ['HS256'],
      });
    } catch (e) {
      const name = (e as Error).name;
      throw unauthorized(
        name === 'TokenExpiredError' ? 'token expired' : `invalid token: ${(e as Error).message}`,
      );
    }
    // jsonwebtoken accepts a token without exp; one that never expires is a key that cannot be
    // taken back, so every token must carry its expiry.
    if (typeof claims.exp !== 'number')
      throw unauthorized('invalid token: claim exp is missing (tokens must expire)');
    const principal = principalFromClaims(claims);
    if (typeof principal === 'string') throw unauthorized(principal);
    req.user = principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `role ${principal.role} may not do this; needs ${roles.join(' or ')}`,
      );
    }
    return true;
  }
}
