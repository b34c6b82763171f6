import type { ConfigService } from '@nestjs/config';
import type { Env } from '@spotcheck/common';
import { PublishedDraw, PublishedDrawCache } from './published-draw.cache';

const cacheOf = (budget: number) =>
  new PublishedDrawCache({ get: () => budget } as unknown as ConfigService<Env, true>);

const draw = (id: string, bytes: number): PublishedDraw => ({
  drawId: id,
  verification: { etag: `"v-${id}"`, body: Buffer.alloc(bytes), bytes },
  record: { etag: `"r-${id}"`, body: Buffer.alloc(bytes), bytes },
});

describe('PublishedDrawCache', () => {
  it('computes a draw once, for callers asking at the same time and after', async () => {
    const cache = cacheOf(1000);
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((r) => setTimeout(r, 10));
      return draw('a', 10);
    };
    const got = await Promise.all([cache.get('a', compute), cache.get('a', compute)]);
    expect(got[0]).toBe(got[1]);
    expect(await cache.get('a', compute)).toBe(got[0]);
    expect(computed).toBe(1);
  });

  it('keeps nothing of a draw whose computation failed (not public yet)', async () => {
    const cache = cacheOf(1000);
    await expect(cache.get('a', () => Promise.reject(new Error('404')))).rejects.toThrow('404');
    await expect(cache.get('a', async () => draw('a', 1))).resolves.toMatchObject({
      drawId: 'a',
    });
  });

  it('gives up the bodies of the least recently used draws beyond its budget, not their ETags', async () => {
    const cache = cacheOf(100);
    const a = await cache.get('a', async () => draw('a', 20));
    const b = await cache.get('b', async () => draw('b', 20));
    await cache.get('a', async () => draw('a', 20)); // a is now the most recently used
    const c = await cache.get('c', async () => draw('c', 20));
    expect([a, c].every((d) => d.record.body && d.verification.body)).toBe(true);
    expect([b.record.body, b.verification.body]).toEqual([undefined, undefined]);
    expect(b.record.etag).toBe('"r-b"');
    // A hit does not compute again, body or not.
    const again = await cache.get('b', () => Promise.reject(new Error('computed again')));
    expect(again).toBe(b);
  });

  it('does not keep a body larger than the whole budget', async () => {
    const cache = cacheOf(10);
    const big = await cache.get('a', async () => draw('a', 11));
    expect(big.record.body).toBeUndefined();
    expect(big.record.etag).toBe('"r-a"');
  });
});
