import { sign } from 'jsonwebtoken';
import type { Principal } from './principal';

/**
 * Signs an access token: a browser session's (libs/auth session, short-lived), or one for
 * development, tests and the demo (`npm run token`).
 */
export function signToken(
  p: Principal,
  opts: { secret: string; issuer: string; expiresInSeconds?: number },
): string {
  const claims: Record<string, unknown> = { role: p.role };
  if (p.jurisdiction) claims.jurisdiction = p.jurisdiction;
  if (p.org) claims.org = p.org;
  if (p.staffNo !== undefined) claims.staffNo = p.staffNo;
  if (p.name !== undefined) claims.name = p.name;
  if (p.sid !== undefined) claims.sid = p.sid;
  return sign(claims, opts.secret, {
    algorithm: 'HS256',
    subject: p.sub,
    issuer: opts.issuer,
    expiresIn: opts.expiresInSeconds ?? 8 * 3600,
  });
}
