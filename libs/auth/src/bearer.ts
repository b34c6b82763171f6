import { createSecretKey, type KeyObject } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { decodeJwt } from 'jose';
import { AppException, type Env } from '@spotcheck/common';
import type { Role } from '@spotcheck/domain';
import { OidcTokenError, OidcVerifier, parseRoleMap } from './oidc';
import { Principal, principalFromClaims } from './principal';

/** Verified tokens remembered at most (see BearerVerifier.verified). */
export const VERIFIED_TOKENS_MAX = 10_000;
/** Longer tokens are verified every time rather than kept. */
const VERIFIED_TOKEN_MAX_LENGTH = 4096;

const unauthorized = (message: string) =>
  new AppException(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', message);

/**
 * Who a request's `Authorization: Bearer <jwt>` header (or a browser's access cookie) speaks
 * for: the one verification of every HTTP surface (the apps' guard, the worker's queue board).
 * Spotcheck's own tokens: HS256 only, signed with JWT_SECRET or, during a key rotation,
 * JWT_SECRET_PREVIOUS; `iss` JWT_ISSUER; an `exp` claim present and not passed; claims that fit
 * the role. With OIDC_ISSUER set, a token whose `iss` is that provider is verified against the
 * provider's JWKS instead (OidcVerifier). Anything else is an AppException 401 naming the reason.
 */
export class BearerVerifier {
  /**
   * The secrets as key objects, made once. Given a string, jsonwebtoken first tries to read it
   * as a PEM public key on every verification and builds the exception that attempt throws: a
   * fifth of the CPU time of an authenticated list.
   */
  private readonly keys: KeyObject[];
  /**
   * Spotcheck tokens already verified by this instance, with the principal they gave and their
   * `exp`: a client sends the same token with every request until it expires, and verifying it
   * (decoding, HMAC, claims) was a measurable share of an authenticated list's CPU time. A hit
   * is answered only while `exp` has not passed, by the same clock comparison jsonwebtoken
   * makes, so an expired token is verified again and refused as such. The keys and issuer are
   * fixed for the instance's life (a key rotation is a restart), so what a key verified stays
   * verified; `nbf`, once passed, stays passed. Only tokens that passed every check are kept,
   * at most VERIFIED_TOKENS_MAX, the oldest dropped first.
   */
  private readonly verified = new Map<string, { principal: Principal; exp: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly opts: { secrets: readonly (string | undefined)[]; issuer: string },
    private readonly oidc?: OidcVerifier,
  ) {
    this.keys = opts.secrets
      .filter((k): k is string => typeof k === 'string' && k.length > 0)
      .map((k) => createSecretKey(Buffer.from(k)));
  }

  /** The verifier of the configured secrets and issuer. */
  static fromConfig(config: ConfigService<Env, true>, jwt = new JwtService({})): BearerVerifier {
    const get = <K extends keyof Env>(key: K) => config.get(key, { infer: true }) as Env[K];
    const issuer = get('OIDC_ISSUER');
    const oidc = issuer
      ? new OidcVerifier({
          issuer,
          audience: get('OIDC_AUDIENCE') ?? '',
          jwksUri: get('OIDC_JWKS_URI'),
          claims: {
            role: get('OIDC_ROLE_CLAIM') ?? 'role',
            jurisdiction: get('OIDC_JURISDICTION_CLAIM') ?? 'jurisdiction',
            org: get('OIDC_ORG_CLAIM') ?? 'org',
            staffNo: get('OIDC_STAFF_NO_CLAIM') ?? 'staffNo',
            name: get('OIDC_NAME_CLAIM') ?? 'name',
          },
          roleMap: parseRoleMap(get('OIDC_ROLE_MAP') ?? ''),
        })
      : undefined;
    return new BearerVerifier(
      jwt,
      {
        secrets: [get('JWT_SECRET'), get('JWT_SECRET_PREVIOUS')],
        issuer: get('JWT_ISSUER'),
      },
      oidc,
    );
  }

  /** The principal of an Authorization header, or an AppException 401 saying why not. */
  async principal(header: string | undefined): Promise<Principal> {
    if (!header)
      throw unauthorized(
        'missing bearer token (Authorization: Bearer <jwt>) or session cookie (POST /api/v1/auth/login)',
      );
    const [scheme, token] = header.split(' ');
    if (scheme !== 'Bearer' || !token)
      throw unauthorized('Authorization header must be "Bearer <jwt>"');
    return this.principalOf(token);
  }

  /** The principal of a token (a bearer's or an access cookie's), or an AppException 401. */
  async principalOf(token: string): Promise<Principal> {
    const hit = this.verified.get(token);
    if (hit) {
      if (Math.floor(Date.now() / 1000) < hit.exp) return { ...hit.principal };
      this.verified.delete(token);
    }
    if (this.oidc && this.issuerOf(token) === this.oidc.opts.issuer) {
      try {
        return await this.oidc.principal(token);
      } catch (e) {
        if (e instanceof OidcTokenError) throw unauthorized(e.message);
        throw e;
      }
    }
    let claims: Record<string, unknown>;
    try {
      claims = await this.verify(token);
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
    this.remember(token, principal, claims.exp);
    return principal;
  }

  /** How many verified tokens are remembered now. */
  get rememberedTokens(): number {
    return this.verified.size;
  }

  private remember(token: string, principal: Principal, exp: number): void {
    if (token.length > VERIFIED_TOKEN_MAX_LENGTH) return;
    if (this.verified.size >= VERIFIED_TOKENS_MAX) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, { principal: { ...principal }, exp });
  }

  /**
   * The claims of one of Spotcheck's own tokens whose signature and issuer hold, expired or not:
   * signing out names its session by the access token a browser still holds, however old.
   * Undefined for anything else.
   */
  async expiredClaims(token: string): Promise<Record<string, unknown> | undefined> {
    for (const key of this.keys) {
      try {
        return await this.jwt.verifyAsync<Record<string, unknown>>(token, {
          issuer: this.opts.issuer,
          algorithms: ['HS256'],
          ignoreExpiration: true,
          secret: key as unknown as string,
        });
      } catch {
        // the next key, if any
      }
    }
    return undefined;
  }

  /** The `iss` a token claims, unverified: which verification it needs. */
  private issuerOf(token: string): unknown {
    try {
      return decodeJwt(token).iss;
    } catch {
      return undefined;
    }
  }

  /**
   * Checks the token against each key in turn: tokens signed before the issuer switched keys
   * stay valid until they expire. Only a bad signature tries the next key; an expired or
   * foreign-issuer token signed with the current key is refused as such.
   */
  private async verify(token: string): Promise<Record<string, unknown>> {
    const options = { issuer: this.opts.issuer, algorithms: ['HS256' as const] };
    for (let i = 0; ; i++) {
      try {
        // @nestjs/jwt hands the key object to jsonwebtoken as it is.
        return await this.jwt.verifyAsync(token, {
          ...options,
          secret: this.keys[i] as unknown as string,
        });
      } catch (e) {
        if (i + 1 < this.keys.length && (e as Error).message === 'invalid signature') continue;
        throw e;
      }
    }
  }
}

/** An AppException 403 unless the principal's role is one of `roles`. */
export function requireRole(p: Principal, roles: readonly Role[]): void {
  if (!roles.includes(p.role))
    throw new AppException(
      HttpStatus.FORBIDDEN,
      'FORBIDDEN',
      `role ${p.role} may not do this; needs ${roles.join(' or ')}`,
    );
}
