import { acceptsGzip, etagOf, gzipEtagOf, noneMatchHits } from './etag';

describe('entity tags', () => {
  const tag = etagOf(Buffer.from('{"a":1}'));

  it('tags bytes by their SHA-256, the same for one buffer or its pieces', () => {
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(etagOf([Buffer.from('{"a"'), Buffer.from(':1}')])).toBe(tag);
    expect(etagOf(Buffer.from('{"a":2}'))).not.toBe(tag);
    expect(gzipEtagOf(tag)).toBe(`${tag.slice(0, -1)}.gz"`);
  });

  it('finds a held tag in If-None-Match: lists, weak tags, *; not a stale one', () => {
    expect(noneMatchHits(tag, tag)).toBe(true);
    expect(noneMatchHits(`"x", W/${tag}`, tag)).toBe(true);
    expect(noneMatchHits(' * ', tag)).toBe(true);
    expect(noneMatchHits(gzipEtagOf(tag), tag, gzipEtagOf(tag))).toBe(true);
    expect(noneMatchHits('"x"', tag)).toBe(false);
    expect(noneMatchHits(undefined, tag)).toBe(false);
  });

  it('reads Accept-Encoding: gzip unless its q is 0', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
