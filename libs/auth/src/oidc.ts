import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { ROLES, type Role } from '@spotcheck/domain';
import { Principal, principalFromClaims } from './principal';

/** How a provider's tokens are checked and read: OIDC_* settings (docs/operations.md). */
export interface OidcOptions {
  issuer: string;
  audience: string;
  /** Unset: the `jwks_uri` of `<issuer>/.well-known/openid-configuration`. */
  jwksUri?: string;
  claims: { role: string; jurisdiction: string; org: string; staffNo: string; name: string };
  /** The provider's role names as Spotcheck's. */
  roleMap: Readonly<Record<string, Role>>;
}

/**
 * Signature algorithms taken from a provider: public-key ones only. A provider's token signed
 * with HS256 would be signed with a secret the provider shares, which the JWKS cannot hold.
 */
const ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
];

/** `a=regulator,b=lab` as a map; entries are checked by the configuration's validation. */
export function parseRoleMap(text: string): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const pair of text.split(',')) {
    const [from, to] = pair.split('=').map((s) => s.trim());
    if (from && (ROLES as readonly string[]).includes(to)) map[from] = to as Role;
  }
  return map;
}

/** The value at a dotted path of the claims (`realm_access.roles`), or a top-level claim so named. */
function claim(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  let v: unknown = payload;
  for (const key of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Why a token is refused; the guard answers 401 with it. */
export class OidcTokenError extends Error {}

/**
 * Verifies bearer tokens of a province's identity provider (OIDC_ISSUER) against its JWKS and
 * maps their claims to a principal: role (through OIDC_ROLE_MAP), jurisdiction, organisation,
 * staff number and name, from the claims OIDC_*_CLAIM name. The keys are fetched when first
 * needed and again when a token names a key not yet known (the provider rotated them), at most
 * every 30 s (jose's cooldown).
 */
export class OidcVerifier {
  private jwks?: Promise<ReturnType<typeof createRemoteJWKSet>>;

  constructor(readonly opts: OidcOptions) {}

  private keys(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    this.jwks ??= this.jwksUri().then((uri) => createRemoteJWKSet(new URL(uri)));
    // A discovery that failed is tried again by the next token.
    this.jwks.catch(() => (this.jwks = undefined));
    return this.jwks;
  }

  private async jwksUri(): Promise<string> {
    if (this.opts.jwksUri) return this.opts.jwksUri;
    const url = `${this.opts.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let doc: { jwks_uri?: unknown; issuer?: unknown };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      doc = (await res.json()) as typeof doc;
    } catch (e) {
      throw new OidcTokenError(
        `the identity provider's discovery document ${url} could not be read (${(e as Error).message})`,
      );
    }
    if (doc.issuer !== this.opts.issuer || typeof doc.jwks_uri !== 'string')
      throw new OidcTokenError(
        `the identity provider's discovery document names another issuer or no jwks_uri`,
      );
    return doc.jwks_uri;
  }

  /** The principal of a provider's token, or an OidcTokenError saying why not. */
  async principal(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.keys(), {
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (e) {
      if (e instanceof OidcTokenError) throw e;
      if (e instanceof errors.JWTExpired) throw new OidcTokenError('token expired');
      throw new OidcTokenError(`invalid token: ${(e as Error).message}`);
    }
    const c = this.opts.claims;
    const principal = principalFromClaims({
      sub: payload.sub,
      role: this.role(claim(payload, c.role)),
      jurisdiction: claim(payload, c.jurisdiction),
      org: claim(payload, c.org),
      staffNo: claim(payload, c.staffNo) ?? undefined,
      name: claim(payload, c.name) ?? undefined,
      exp: payload.exp,
    });
    if (typeof principal === 'string')
      throw new OidcTokenError(`the identity provider's token does not fit: ${principal}`);
    return principal;
  }

  /** The first of the claim's values that is a role, or that the map makes one. */
  private role(value: unknown): string | undefined {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v !== 'string') continue;
      const mapped = this.opts.roleMap[v] ?? v;
      if ((ROLES as readonly string[]).includes(mapped)) return mapped;
    }
    return undefined;
  }
}
