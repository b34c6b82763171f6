import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '@spotcheck/common';

/**
 * An answer computed once: its ETag, and its bytes and their gzip unless they did not fit the
 * budget.
 */
export interface FrozenAnswer {
  etag: string;
  /** Absent when the answer was too large to keep: it is computed again for each 200. */
  body?: Buffer;
  /** The body gzipped, for clients that take it; absent with the body. */
  gzip?: Buffer;
  bytes: number;
}

/** Bytes an answer holds in memory. */
const held = (a: FrozenAnswer) => (a.body?.length ?? 0) + (a.gzip?.length ?? 0);

/** What the portal serves of one public draw. */
export interface PublishedDraw {
  drawId: string;
  verification: FrozenAnswer;
  record: FrozenAnswer;
}

/** Entries kept at most, whatever their size (one without bodies is a few hundred bytes). */
const MAX_ENTRIES = 10_000;

/**
 * The public answers of draws whose plan has closed, by draw id. A closed plan never reopens
 * and its draw never changes (docs/rules.md §3.2 step 5), so what was computed once — the
 * verification's recomputation and the exported record — stays true: later requests are
 * answered from memory, with no query. Each replica keeps its own; a restart computes again.
 *
 * Bodies are kept up to PUBLIC_DRAW_CACHE_BYTES in all, the least recently used given up
 * first (their ETags stay). Callers asking for a draw being computed wait for that
 * computation instead of starting another.
 */
@Injectable()
export class PublishedDrawCache {
  private readonly entries = new Map<string, Promise<PublishedDraw>>();
  private readonly settled = new Map<string, PublishedDraw>();
  private bodyBytes = 0;
  readonly budget: number;

  constructor(config: ConfigService<Env, true>) {
    this.budget = config.get('PUBLIC_DRAW_CACHE_BYTES', { infer: true });
  }

  /** The draw's answers: from memory, or from `compute`, which throws for a draw not public. */
  async get(drawId: string, compute: () => Promise<PublishedDraw>): Promise<PublishedDraw> {
    const hit = this.settled.get(drawId);
    if (hit) {
      // Most recently used last.
      this.settled.delete(drawId);
      this.settled.set(drawId, hit);
      return hit;
    }
    let pending = this.entries.get(drawId);
    if (!pending) {
      pending = compute().then(
        (d) => {
          this.entries.delete(drawId);
          this.keep(d);
          return d;
        },
        (e: unknown) => {
          // Not public (yet), or a failure: the next request asks again.
          this.entries.delete(drawId);
          throw e;
        },
      );
      this.entries.set(drawId, pending);
    }
    return pending;
  }

  private keep(d: PublishedDraw): void {
    for (const a of [d.verification, d.record]) {
      if (held(a) > this.budget) drop(a);
      this.bodyBytes += held(a);
    }
    this.settled.set(d.drawId, d);
    for (const [id, old] of this.settled) {
      if (this.bodyBytes <= this.budget && this.settled.size <= MAX_ENTRIES) break;
      if (id === d.drawId) continue;
      for (const a of [old.verification, old.record]) {
        this.bodyBytes -= held(a);
        drop(a);
      }
      if (this.settled.size > MAX_ENTRIES) this.settled.delete(id);
    }
  }
}

/** Gives up an answer's bytes, keeping its ETag. */
function drop(a: FrozenAnswer): void {
  a.body = undefined;
  a.gzip = undefined;
}
