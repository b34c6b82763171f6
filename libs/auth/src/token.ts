import { sign } from 'jsonwebtoken';
import type { Principal } from './principal';

/** Signs a token for development, tests and the demo. Production tokens come from the IdP. */
export function signToken(
  p: Principal,
  opts: { secret: string; issuer: string; expiresInSeconds?: number },
): string {
  const claims: Record<string, unknown> = { role: p.role };
  if (p.jurisdiction) claims.jurisdiction = p.jurisdiction;
  if (p.org) claims.org = p.org;
  if (p.staffNo !== undefined) claims.staffNo = p.staffNo;
  return sign(claims, opts.secret, {
    algorithm: 'HS256',
    subject: p.sub,
    issuer: opts.issuer,
    expiresIn: opts.expiresInSeconds ?? 8 * 3600,
  });
}
