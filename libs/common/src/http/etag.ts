import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A strong entity tag for exactly these bytes (RFC 9110 §8.8.3): their SHA-256, quoted. */
export function etagOf(body: Buffer | readonly Buffer[]): string {
  const hash = createHash('sha256');
  for (const b of Buffer.isBuffer(body) ? [body] : body) hash.update(b);
  return `"${hash.digest('base64url')}"`;
}

/** The tag of the gzipped representation of the body tagged `etag`: another strong tag. */
export const gzipEtagOf = (etag: string) => `${etag.slice(0, -1)}.gz"`;

/**
 * Whether an If-None-Match header names one of `etags` (RFC 9110 §13.1.2: weak comparison, a
 * list of tags or `*`), so the client's copy is current and the answer is 304.
 */
export function noneMatchHits(header: string | string[] | undefined, ...etags: string[]): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = new Set(etags.map(opaque));
  return value.split(',').some((tag) => wanted.has(opaque(tag)));
}

/** Whether an Accept-Encoding header takes gzip (RFC 9110 §12.5.3: not with q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  return value.split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** An answer that never changes once it exists: its tag, and its gzip when one was made. */
export interface ImmutableAnswer {
  etag: string;
  gzip?: Buffer;
}

/**
 * Sets the headers of an immutable answer (ETag, Cache-Control, Vary) and picks what to send:
 * 304 without a body when the client already holds it, else the gzipped bytes when the
 * client takes gzip and they exist, else the plain body (the caller's to send).
 */
export function negotiateImmutable(
  req: FastifyRequest,
  reply: FastifyReply,
  answer: ImmutableAnswer,
  cacheControl: string,
): { notModified: true } | { notModified: false; gzip?: Buffer } {
  const gzip = answer.gzip && acceptsGzip(req.headers['accept-encoding']) ? answer.gzip : undefined;
  const etag = gzip ? gzipEtagOf(answer.etag) : answer.etag;
  reply
    .header('etag', etag)
    .header('cache-control', cacheControl)
    .header('vary', 'accept-encoding');
  if (noneMatchHits(req.headers['if-none-match'], answer.etag, gzipEtagOf(answer.etag))) {
    reply.status(304);
    return { notModified: true };
  }
  if (gzip) reply.header('content-encoding', 'gzip');
  return { notModified: false, gzip };
}
