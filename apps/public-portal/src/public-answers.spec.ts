import type { ConfigService } from '@nestjs/config';
import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicAnswers } from './public-answers';
import type { PublicState, PublicVersionRepository } from './public-version.repository';

type Hook = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** A reply that records what is sent. */
function replyOf() {
  const r = {
    headers: {} as Record<string, string>,
    statusCode: 200,
    sent: undefined as unknown,
    header(k: string, v: string) {
      r.headers[k] = v;
      return r;
    },
    type(t: string) {
      r.headers['content-type'] = t;
      return r;
    },
    status(s: number) {
      r.statusCode = s;
      return r;
    },
    send(b?: unknown) {
      r.sent = b ?? '';
      return r;
    },
  };
  return r;
}

describe('PublicAnswers', () => {
  let state: PublicState;
  let hook: Hook | undefined;
  let answers: PublicAnswers;
  beforeEach(() => {
    state = { current: ['a'], published: 1, indexed: 1, lastIndexedAt: 'x' };
    hook = undefined;
    const repo = { state: () => Promise.resolve({ ...state }) } as unknown as PublicVersionRepository;
    const config = { get: (k: string) => (k === 'PUBLIC_VERSION_CHECK_MS' ? 0 : 1 << 20) } as unknown as ConfigService;
    const host = { httpAdapter: { getInstance: () => ({ addHook: (_: string, h: Hook) => (hook = h) }) } } as unknown as HttpAdapterHost;
    answers = new PublicAnswers(repo, config as never, host);
    answers.onModuleInit();
  }); // prettier-ignore

  const req = (url: string) => ({ method: 'GET', url, headers: {} }) as unknown as FastifyRequest;

  it('builds an answer once per public version, again after a publication', async () => {
    let builds = 0;
    const build = () => Promise.resolve({ n: ++builds });
    const a = await answers.get('q', build);
    expect(await answers.get('q', build)).toBe(a);
    state = { ...state, published: 2 };
    const b = await answers.get('q', build);
    expect(b).not.toBe(a);
    expect(JSON.parse(b.body.toString())).toEqual({ n: 2 });
  });

  it('answers a URL sent before from the hook, until the version changes or the answer expires', async () => {
    const url = '/api/v1/public/results?q=x';
    const a = await answers.get('q', () => Promise.resolve({ ok: 1 }));
    answers.send(req(url), replyOf() as unknown as FastifyReply, a, 'public, max-age=60');
    const hit = replyOf();
    await hook!(req(url), hit as unknown as FastifyReply);
    expect(hit.sent).toBe(a.body);
    expect(hit.headers).toMatchObject({ 'x-cache': 'HIT', etag: a.etag, 'cache-control': 'public, max-age=60' });
    const other = replyOf();
    await hook!(req(`${url}&y=1`), other as unknown as FastifyReply);
    expect(other.sent).toBeUndefined();
    state = { ...state, indexed: 2 };
    const after = replyOf();
    await hook!(req(url), after as unknown as FastifyReply);
    expect(after.sent).toBeUndefined();

    // An answer with a lifetime is neither kept nor served by URL past it.
    let builds = 0;
    const expired = await answers.get('r', () => Promise.resolve({ n: ++builds }), 0);
    answers.send(req('/api/v1/public/rates'), replyOf() as unknown as FastifyReply, expired, 'x');
    const late = replyOf();
    await hook!(req('/api/v1/public/rates'), late as unknown as FastifyReply);
    expect(late.sent).toBeUndefined();
    await answers.get('r', () => Promise.resolve({ n: ++builds }), 0);
    expect(builds).toBe(2);
  }); // prettier-ignore
});
