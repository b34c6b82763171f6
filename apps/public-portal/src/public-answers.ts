import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { type Env, etagOf, noneMatchHits } from '@spotcheck/common';
import { PublicState, PublicVersionRepository } from './public-version.repository';

/** An answer as sent: its bytes, their strong ETag and their media type. */
export interface Answer {
  body: Buffer;
  etag: string;
  type: string;
  /** The public version it was built under. */
  version: string;
  /** When it is no longer served by URL (an answer that changes without a publication). */
  expiresAt?: number;
}

export const JSON_UTF8 = 'application/json; charset=utf-8';

/** What the public sees now, and the key naming it (changes with every publication). */
export interface PublicVersion extends PublicState {
  key: string;
}

/**
 * The public portal's in-process answers cache. Every answer built from published lists is kept
 * under the current public version (a key that changes whenever a version is published, is
 * superseded, or is indexed for search), so a publication empties it and nothing older than
 * PUBLIC_VERSION_CHECK_MS is ever served. Bounded by PUBLIC_ANSWER_CACHE_BYTES, least recently
 * used first out.
 *
 * An answer sent is also remembered by its exact URL, and a request for that URL under the same
 * version is answered from a `preHandler` hook, before Nest's guards, validation and handler: the
 * same URL was validated into the same answer before. The rate limit (an `onRequest` hook, which
 * runs first) and the headers every answer gets (`onSend`) still apply.
 */
@Injectable()
export class PublicAnswers implements OnModuleInit {
  private version?: { at: number; value: Promise<PublicVersion> };
  private readonly answers = new Map<string, Answer>();
  private bytes = 0;
  private readonly byUrl = new Map<string, { answer: Answer; cacheControl: string }>();
  private urlBytes = 0;
  private readonly checkMs: number;
  private readonly budget: number;

  constructor(
    private readonly repo: PublicVersionRepository,
    config: ConfigService<Env, true>,
    private readonly http: HttpAdapterHost,
  ) {
    this.checkMs = config.get('PUBLIC_VERSION_CHECK_MS', { infer: true });
    this.budget = config.get('PUBLIC_ANSWER_CACHE_BYTES', { infer: true });
  }

  /** The current public version, read again at most every PUBLIC_VERSION_CHECK_MS. */
  current(): Promise<PublicVersion> {
    const now = Date.now();
    if (this.version && now - this.version.at < this.checkMs) return this.version.value;
    const value = this.repo.state().then((s) => {
      const key = createHash('sha256')
        .update(`${s.published}|${s.indexed}|${s.lastIndexedAt}|${s.current.join(',')}`)
        .digest('base64url')
        .slice(0, 16);
      return { ...s, key };
    });
    this.version = { at: now, value };
    // A failed read is not kept: the next request asks again.
    value.catch(() => {
      if (this.version?.value === value) this.version = undefined;
    });
    return value;
  }

  /**
   * The answer to `request` (a canonical description of the route and its parameters) under
   * the current public version: from memory, or built by `build` and kept.
   */
  async get(
    request: string,
    build: (v: PublicVersion) => Promise<unknown>,
    ttlMs?: number,
  ): Promise<Answer> {
    return this.getAs(
      request,
      JSON_UTF8,
      async (v) => Buffer.from(JSON.stringify(await build(v))),
      ttlMs,
    );
  }

  /** As `get`, for an answer that is not JSON: `build` gives its bytes, of media type `type`. */
  async getAs(
    request: string,
    type: string,
    build: (v: PublicVersion) => Promise<Buffer>,
    /** For an answer that changes without a publication: kept no longer than this. */
    ttlMs?: number,
  ): Promise<Answer> {
    const v = await this.current();
    const key = `${v.key} ${type} ${request}`;
    const hit = this.answers.get(key);
    if (hit && (hit.expiresAt === undefined || Date.now() < hit.expiresAt)) {
      this.answers.delete(key);
      this.answers.set(key, hit);
      return hit;
    }
    if (hit) {
      this.answers.delete(key);
      this.bytes -= hit.body.length;
    }
    const body = await build(v);
    const answer: Answer = { body, etag: etagOf(body), type, version: v.key };
    if (ttlMs !== undefined) answer.expiresAt = Date.now() + ttlMs;
    this.keep(key, answer);
    return answer;
  }

  /** Sends `a` (see sendAnswer) and remembers it as the answer to this exact URL. */
  send(req: FastifyRequest, reply: FastifyReply, a: Answer, cacheControl: string): FastifyReply {
    if (this.budget > 0 && a.body.length <= this.budget / 8) {
      const key = `${a.version} ${req.url}`;
      const old = this.byUrl.get(key);
      if (old?.answer !== a) {
        if (old) {
          this.byUrl.delete(key);
          this.urlBytes -= old.answer.body.length;
        }
        this.byUrl.set(key, { answer: a, cacheControl });
        this.urlBytes += a.body.length;
        for (const [k, out] of this.byUrl) {
          if (this.urlBytes <= this.budget) break;
          this.byUrl.delete(k);
          this.urlBytes -= out.answer.body.length;
        }
      }
    }
    return sendAnswer(req, reply, a, cacheControl);
  }

  /** The hook answering a URL answered before under the current version. */
  onModuleInit(): void {
    const fastify = this.http.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || this.budget === 0) return;
    fastify.addHook('preHandler', async (req, reply) => {
      if (req.method !== 'GET' || !req.url.startsWith('/api/v1/public/')) return;
      const v = await this.current();
      const hit = this.byUrl.get(`${v.key} ${req.url}`);
      if (!hit || (hit.answer.expiresAt !== undefined && Date.now() >= hit.answer.expiresAt))
        return;
      reply.header('x-cache', 'HIT');
      sendAnswer(req, reply, hit.answer, hit.cacheControl);
      return reply;
    });
  }

  private keep(key: string, a: Answer): void {
    if (a.body.length > this.budget / 8) return;
    this.answers.set(key, a);
    this.bytes += a.body.length;
    for (const [k, old] of this.answers) {
      if (this.bytes <= this.budget) break;
      this.answers.delete(k);
      this.bytes -= old.body.length;
    }
  }
}

/**
 * Sends a kept answer with its ETag and Cache-Control, or 304 without a body when the client's
 * If-None-Match names it.
 */
export function sendAnswer(
  req: FastifyRequest,
  reply: FastifyReply,
  a: Answer,
  cacheControl: string,
): FastifyReply {
  reply.header('etag', a.etag).header('cache-control', cacheControl);
  if (noneMatchHits(req.headers['if-none-match'], a.etag)) return reply.status(304).send();
  return reply.type(a.type).send(a.body);
}

/** Lists and searches: a minute in shared caches, revalidated by ETag after that. */
export const LIST_CACHE = 'public, max-age=60';
/** A published row or file: never changes (whether it is superseded can: an hour). */
export const PUBLISHED_CACHE = 'public, max-age=3600';
