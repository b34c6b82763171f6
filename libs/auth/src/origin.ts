import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppException } from '@spotcheck/common';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The origin of a URL (`https://host:port`), lower case; undefined for no URL. */
function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.origin === 'null' ? undefined : u.origin.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Which pages may send a browser's cookies along with a write: the app's own origin (the scheme
 * and Host the request came to, as the trusted proxies tell them) and AUTH_ALLOWED_ORIGINS.
 * SameSite=Strict already keeps the cookies off requests other sites start; checking Origin as
 * well refuses a write from a same-site page of another origin (another port or subdomain), and
 * from browsers that ignore SameSite (OWASP CSRF cheat sheet, "Verifying origin with standard
 * headers").
 */
export class OriginPolicy {
  private readonly allowed: Set<string>;

  constructor(allowedOrigins: string) {
    this.allowed = new Set(
      allowedOrigins
        .split(',')
        .map((o) => originOf(o.trim()))
        .filter((o): o is string => o !== undefined),
    );
  }

  /** Whether the request writes (POST, PUT, PATCH, DELETE). */
  static unsafe(req: Pick<FastifyRequest, 'method'>): boolean {
    return UNSAFE.has((req.method ?? '').toUpperCase());
  }

  /**
   * 403 naming the origin unless a write comes from an allowed page. `required`: a write
   * authenticated by cookie must say where it comes from (Origin, or else Referer); otherwise
   * a request without either is an API client's and passes.
   */
  check(
    req: Pick<FastifyRequest, 'method' | 'headers' | 'protocol' | 'host'>,
    required: boolean,
  ): void {
    if (!OriginPolicy.unsafe(req)) return;
    const header = req.headers.origin ?? req.headers.referer;
    const given = typeof header === 'string' ? header : undefined;
    if (given === undefined) {
      if (!required) return;
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'ORIGIN_REQUIRED',
        `a ${req.method} signed in by cookie must carry an Origin header; API clients send Authorization: Bearer instead`,
        { errors: [{ field: 'Origin', reason: 'is required with a session cookie' }] },
      );
    }
    const origin = originOf(given);
    const own = originOf(`${req.protocol}://${req.host}`);
    if (origin !== undefined && (origin === own || this.allowed.has(origin))) return;
    const named = origin ?? given.slice(0, 200);
    throw new AppException(
      HttpStatus.FORBIDDEN,
      'ORIGIN_REFUSED',
      `origin ${named} may not send a ${req.method} with this app's session cookies; allowed: ${[own, ...this.allowed].filter(Boolean).join(', ')}`,
      { errors: [{ field: 'Origin', reason: `${named} is not an allowed origin` }] },
    );
  }
}
