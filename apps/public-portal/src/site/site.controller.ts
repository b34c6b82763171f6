import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@spotcheck/auth';
import { AppException, Unprefixed, appValidationPipe, negotiateImmutable } from '@spotcheck/common';
import { DomainError } from '@spotcheck/domain';
import { LIST_CACHE, PUBLISHED_CACHE, PublicAnswers, sendAnswer } from '../public-answers';
import { PublicDrawQuery } from '../draws/public-draw.dto';
import { PublicDrawService } from '../draws/public-draw.service';
import { type DrawListRow, type DrawVerificationAnswer, drawPage, drawsPage } from './draw-pages';
import { PublicationPageQuery } from '../publications/public-publications.dto';
import { PublicPublicationsService } from '../publications/public-publications.service';
import { ResultSearchQuery } from '../results/results.dto';
import { PublicResultsService } from '../results/results.service';
import { PublicRatesQuery } from '../rates/public-rates.dto';
import { RATES_TTL_MS, PublicRatesService } from '../rates/public-rates.service';
import { RATE_VIEWS, type RateView, type RatesAnswer, ratesPage } from './rates-page';
import { ASSETS } from './assets';
import { LANGS, type Lang } from './i18n';
import { type PageContext, contextOf } from './layout';
import {
  type FileRow,
  type PublicationRow,
  type ResultRow,
  entryPage,
  errorPage,
  publicationPage,
  publicationsPage,
  searchPage,
} from './pages';

export const HTML = 'text/html; charset=utf-8';
/**
 * Pages load only the site's own files: its stylesheet and, on the pages that name one, its
 * own script (which may read the public API of the same origin).
 */
export const SITE_CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const LANG_COOKIE = 'spotcheck_lang';

type Raw = Record<string, unknown>;

class PageError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly errors: { field: string; reason: string }[],
  ) {
    super(`page ${status}`);
  }
}

/**
 * The public web site (docs/public-portal.md): server-rendered pages in Chinese, English by
 * `?lang=en` (kept in a cookie), built from the same services and cache as the public API, so
 * nothing the API would not show is reachable. Bad parameters give a 400 page naming them, an
 * address of nothing published a 404 page.
 */
@ApiExcludeController()
@Unprefixed()
@Controller()
export class SiteController {
  constructor(
    private readonly results: PublicResultsService,
    private readonly publications: PublicPublicationsService,
    private readonly answers: PublicAnswers,
    private readonly draws: PublicDrawService,
    private readonly rates: PublicRatesService,
  ) {}

  @Public()
  @Get('/')
  search(@Query() raw: Raw, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.page(req, reply, '/', raw, LIST_CACHE, async (c, params) => {
      const q = await checked(ResultSearchQuery, params);
      const page = JSON.parse((await this.results.search(q)).body.toString()) as {
        items: ResultRow[];
        nextCursor: string | null;
      };
      return searchPage(c, params, page);
    });
  }

  @Public()
  @Get('entries/:publication/:table/:serial')
  entry(
    @Param('publication') publication: string,
    @Param('table') table: string,
    @Param('serial') serial: string,
    @Query() raw: Raw,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const path = `/entries/${publication}/${table}/${serial}`;
    return this.page(req, reply, path, raw, PUBLISHED_CACHE, async (c, params) => {
      noParams(params);
      const row = JSON.parse(
        (await this.results.entry(publication, table, serial)).body.toString(),
      ) as ResultRow;
      return entryPage(c, row);
    });
  }

  @Public()
  @Get('publications')
  list(@Query() raw: Raw, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.page(req, reply, '/publications', raw, LIST_CACHE, async (c, params) => {
      const q = await checked(PublicationPageQuery, params);
      const page = JSON.parse((await this.publications.list(q)).body.toString()) as {
        items: PublicationRow[];
        nextCursor: string | null;
      };
      return publicationsPage(c, q.jurisdiction, page, q.cursor);
    });
  }

  @Public()
  @Get('publications/:id')
  publication(
    @Param('id') id: string,
    @Query() raw: Raw,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.page(req, reply, `/publications/${id}`, raw, LIST_CACHE, async (c, params) => {
      noParams(params);
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new PageError(404, []);
      const parse = async (a: Promise<{ body: Buffer }>) => JSON.parse((await a).body.toString());
      const detail = (await parse(this.publications.get(id.toLowerCase()))) as PublicationRow & {
        versions: PublicationRow[];
      };
      const files = (await parse(this.publications.fileList(detail.id))) as { items: FileRow[] };
      const verdict = (await parse(this.publications.verification(detail.id))) as {
        verdict: string;
        firstDifference?: string;
      };
      return publicationPage(c, detail, files.items, verdict);
    });
  }

  @Public()
  @Get('rates')
  rateDashboard(@Query() raw: Raw, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.page(
      req,
      reply,
      '/rates',
      raw,
      LIST_CACHE,
      async (c, params) => {
        const { period, jurisdiction, ...rest } = params;
        noParams(rest);
        const sel = { period, jurisdiction };
        const q = await checked(PublicRatesQuery, sel);
        const answers = await Promise.all(
          RATE_VIEWS.map(async (view) => {
            const a = await this.rates.rates(
              Object.assign(new PublicRatesQuery(), q, { by: view }),
            );
            return [view, JSON.parse(a.body.toString()) as RatesAnswer] as const;
          }),
        );
        return ratesPage(c, sel, Object.fromEntries(answers) as Record<RateView, RatesAnswer>);
      },
      RATES_TTL_MS,
    );
  }

  @Public()
  @Get('draws')
  drawList(@Query() raw: Raw, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.page(req, reply, '/draws', raw, LIST_CACHE, async (c, params) => {
      const q = await checked(PublicDrawQuery, params);
      const page = (await this.draws.list(q)) as unknown as {
        items: DrawListRow[];
        nextCursor: string | null;
      };
      return drawsPage(c, q.jurisdiction, page);
    });
  }

  @Public()
  @Get('draws/:id')
  draw(
    @Param('id') id: string,
    @Query() raw: Raw,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.page(req, reply, `/draws/${id}`, raw, PUBLISHED_CACHE, async (c, params) => {
      noParams(params);
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new PageError(404, []);
      const p = await this.draws.published(id.toLowerCase());
      const v = JSON.parse(
        (await this.draws.verificationBody(p)).toString(),
      ) as DrawVerificationAnswer;
      return drawPage(c, v);
    });
  }

  /** The site's static files (its stylesheet and scripts): cached a day, revalidated by ETag. */
  @Public()
  @Get('site/:file')
  asset(@Param('file') file: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const a = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!a) return reply.status(404).type('text/plain; charset=utf-8').send('not found');
    const n = negotiateImmutable(req, reply, a, 'public, max-age=86400');
    if (n.notModified) return reply.send();
    return reply.type(a.type).send(n.gzip ?? a.body);
  }

  /**
   * A page: its language from `lang` (then remembered in a cookie) or the cookie, its other
   * parameters checked by `build`, the HTML kept in the public answers cache under the current
   * public version and sent with its ETag; a refusal as a page of its own.
   */
  private async page(
    req: FastifyRequest,
    reply: FastifyReply,
    path: string,
    raw: Raw,
    cacheControl: string,
    build: (c: PageContext, params: Record<string, string>) => Promise<string>,
    /** For a page that changes without a publication: kept no longer than this. */
    ttlMs?: number,
  ) {
    const params: Record<string, string> = {};
    const errors: { field: string; reason: string }[] = [];
    for (const [k, v] of Object.entries(raw ?? {})) {
      if (typeof v !== 'string') errors.push({ field: k, reason: 'must be given once' });
      // A form sends its empty fields: an empty filter is no filter.
      else if (v !== '') params[k] = v;
    }
    let lang: Lang = cookieLang(req.headers.cookie) ?? 'zh';
    if (params.lang !== undefined) {
      if ((LANGS as readonly string[]).includes(params.lang)) {
        lang = params.lang as Lang;
        reply.header(
          'set-cookie',
          `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`,
        );
      } else errors.push({ field: 'lang', reason: 'must be zh or en' });
      delete params.lang;
    }
    const c = contextOf(lang, path, params);
    reply.header('content-security-policy', SITE_CSP).header('vary', 'Cookie');
    try {
      if (errors.length) throw new PageError(400, errors);
      const answer = await this.answers.getAs(
        JSON.stringify(['site', lang, path, params]),
        HTML,
        async () => Buffer.from(await build(c, params)),
        ttlMs,
      );
      return sendAnswer(req, reply, answer, cacheControl);
    } catch (e) {
      const refusal = refusalOf(e);
      if (!refusal) throw e;
      return reply
        .status(refusal.status)
        .header('cache-control', 'no-store')
        .type(HTML)
        .send(errorPage(c, refusal.status, refusal.errors));
    }
  }
}

/** A page that takes no parameter but `lang`: any other is named. */
function noParams(params: Record<string, string>): void {
  const keys = Object.keys(params);
  if (keys.length)
    throw new PageError(
      400,
      keys.map((field) => ({ field, reason: 'unknown field' })),
    );
}

const pipe = appValidationPipe();

/** The API's own checks of its query DTO, so that the site refuses exactly what it refuses. */
async function checked<T>(type: new () => T, params: Record<string, string>): Promise<T> {
  return (await pipe.transform({ ...params }, { type: 'query', metatype: type })) as T;
}

export function cookieLang(cookie: string | undefined): Lang | undefined {
  const m = cookie?.match(new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=(zh|en)(?:;|$)`));
  return m ? (m[1] as Lang) : undefined;
}

/** A 400 or 404 to show as a page; anything else is not the user's doing. */
function refusalOf(
  e: unknown,
): { status: 400 | 404; errors: { field: string; reason: string }[] } | undefined {
  if (e instanceof PageError) return { status: e.status, errors: e.errors };
  if (e instanceof DomainError && (e.kind === 'invalid' || e.kind === 'not_found'))
    return {
      status: e.kind === 'invalid' ? 400 : 404,
      errors: (e.details.errors as { field: string; reason: string }[] | undefined) ?? [
        { field: '-', reason: e.message },
      ],
    };
  if (e instanceof AppException && (e.getStatus() === 400 || e.getStatus() === 404)) {
    const body = e.getResponse() as {
      errors?: { field: string; reason: string }[];
      message?: string;
    };
    return {
      status: e.getStatus() as 400 | 404,
      errors: body.errors ?? [{ field: '-', reason: String(body.message ?? '') }],
    };
  }
  return undefined;
}
