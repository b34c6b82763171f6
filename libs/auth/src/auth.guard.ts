import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { AppException, type Env } from '@spotcheck/common';
import { BearerVerifier, requireRole } from './bearer';
import { ACCESS_KEY, AccessPolicy, IS_PUBLIC, rolesOf } from './decorators';
import { OriginPolicy } from './origin';
import { Principal } from './principal';
import { ACCESS_COOKIE, readCookie } from './session/cookies';

/**
 * Verifies the caller on every route not marked @Public: the bearer JWT of the Authorization
 * header, or, without one, a browser's access cookie, whose writes must also come from an
 * allowed origin (OriginPolicy). Then lets through the roles the route's @Access names. A route
 * that declares neither is refused to everyone: access is granted by declaration, never by
 * omission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly bearer: BearerVerifier;
  private readonly origins: OriginPolicy;

  constructor(
    private readonly reflector: Reflector,
    jwt: JwtService,
    config: ConfigService<Env, true>,
  ) {
    this.bearer = BearerVerifier.fromConfig(config, jwt);
    this.origins = new OriginPolicy(config.get('AUTH_ALLOWED_ORIGINS', { infer: true }) ?? '');
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    const cookie = req.headers.authorization ? undefined : readCookie(req, ACCESS_COOKIE);
    let principal: Principal;
    if (cookie) {
      this.origins.check(req, true);
      principal = await this.bearer.principalOf(cookie);
    } else principal = await this.bearer.principal(req.headers.authorization);
    req.user = principal;

    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_KEY, targets);
    if (!policy)
      throw new AppException(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'this route declares no access');
    requireRole(principal, rolesOf(policy));
    return true;
  }
}
