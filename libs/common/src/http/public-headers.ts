import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, noneMatchHits } from './etag';

/**
 * Headers every answer of an app open to anyone carries (what @fastify/helmet would set; the
 * package is not a dependency): no sniffing, no framing, no referrer, HSTS, and a content
 * security policy that lets an API answer run nothing (the /docs page its own scripts).
 */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'cross-origin',
  'origin-agent-cluster': '?1',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
};
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const DOCS_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

/** A GET answer that set no Cache-Control of its own: a minute, then revalidated by ETag. */
const DEFAULT_CACHE = 'public, max-age=60';

/**
 * A Fastify `onSend` hook for the public portal: the security headers on every answer, CORS
 * for reading the public API from any page (no credentials), and on every successful GET or
 * HEAD of the API without a tag of its own a strong ETag of its bytes and Cache-Control, with
 * 304 and no body when If-None-Match names it. Errors are never cached.
 */
export async function publicAnswerHook(
  req: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
  const url = req.url ?? '';
  // A web page of the portal sets its own policy (its stylesheet and scripts); nothing else runs.
  if (!reply.hasHeader('content-security-policy'))
    reply.header('content-security-policy', url.startsWith('/docs') ? DOCS_CSP : API_CSP);
  if (!url.startsWith('/api/')) return payload;
  reply.header('access-control-allow-origin', '*');
  reply.header('access-control-expose-headers', 'ETag, Retry-After, Repr-Digest');
  if (reply.statusCode >= 400) {
    reply.header('cache-control', 'no-store');
    return payload;
  }
  if ((req.method !== 'GET' && req.method !== 'HEAD') || reply.statusCode !== 200) return payload;
  if (reply.hasHeader('etag')) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  const etag = etagOf(Buffer.isBuffer(payload) ? payload : Buffer.from(payload));
  reply.header('etag', etag);
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', DEFAULT_CACHE);
  if (noneMatchHits(req.headers['if-none-match'], etag)) {
    reply.status(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    return '';
  }
  return payload;
}
