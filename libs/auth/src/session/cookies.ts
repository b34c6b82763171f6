import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SignedIn } from './session.service';

/** The access token's cookie, sent with every API request of the app's origin. */
export const ACCESS_COOKIE = 'spotcheck_access';
export const ACCESS_COOKIE_PATH = '/api/v1';
/** The refresh token's cookie, sent only to the route that uses it up. */
export const REFRESH_COOKIE = 'spotcheck_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth/refresh';

/**
 * The value of a cookie the request carries, if any. The session cookies hold JWTs and
 * base64url tokens, which need no decoding; a value that is not such text is no session's.
 */
export function readCookie(req: Pick<FastifyRequest, 'headers'>, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9._~-]{1,4096}$/.test(value) ? value : undefined;
  }
  return undefined;
}

/**
 * httpOnly (no script reads them), SameSite=Strict (no other site's page sends them), Secure
 * when the request came over https (as the trusted proxies say), so that plain-http development
 * on localhost still works.
 */
function setCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  name: string,
  value: string,
  path: string,
  maxAge: number,
): void {
  const attributes = [
    `${name}=${value}`,
    `Path=${path}`,
    `Max-Age=${maxAge}`,
    ...(maxAge === 0 ? ['Expires=Thu, 01 Jan 1970 00:00:00 GMT'] : []),
    'HttpOnly',
    'SameSite=Strict',
    ...(req.protocol === 'https' ? ['Secure'] : []),
  ];
  // Fastify adds each Set-Cookie header to those already set.
  void reply.header('set-cookie', attributes.join('; '));
}

const seconds = (until: Date) => Math.max(0, Math.ceil((until.getTime() - Date.now()) / 1000));

export function setSessionCookies(req: FastifyRequest, reply: FastifyReply, s: SignedIn): void {
  setCookie(
    req,
    reply,
    ACCESS_COOKIE,
    s.accessToken,
    ACCESS_COOKIE_PATH,
    seconds(s.accessExpiresAt),
  );
  setCookie(
    req,
    reply,
    REFRESH_COOKIE,
    s.refreshToken,
    REFRESH_COOKIE_PATH,
    seconds(s.refreshExpiresAt),
  );
}

export function clearSessionCookies(req: FastifyRequest, reply: FastifyReply): void {
  setCookie(req, reply, ACCESS_COOKIE, '', ACCESS_COOKIE_PATH, 0);
  setCookie(req, reply, REFRESH_COOKIE, '', REFRESH_COOKIE_PATH, 0);
}
