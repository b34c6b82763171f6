import { ArgumentsHost, Catch, ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllExceptionsFilter } from '@spotcheck/common';
import { LANGS, type Lang } from './i18n';
import { contextOf } from './layout';
import { errorPage } from './pages';
import { HTML, SITE_CSP, cookieLang } from './site.controller';

/** Addresses that are not the site's: the API, its documentation, health and metrics. */
const NOT_SITE = /^\/(?:api(?:\/|$)|docs|health\/|metrics(?:\/|$))/;

/**
 * An address under the site that no page serves answers the site's 404 page, in the page's
 * language (`?lang=`, else the cookie, else Chinese) with the language switch and links back
 * to the search, not the API's JSON. Under /api (and /docs, /health, /metrics), and for other
 * methods than GET and HEAD, the shared filter answers as for any API client.
 */
@Catch(NotFoundException)
export class SiteNotFoundFilter implements ExceptionFilter {
  private readonly api = new AllExceptionsFilter();

  catch(exception: NotFoundException, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const path = (req.url ?? '/').split('?', 1)[0];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_SITE.test(path))
      return this.api.catch(exception, host);
    const asked = (req.query as Record<string, unknown> | undefined)?.lang;
    const lang: Lang =
      typeof asked === 'string' && (LANGS as readonly string[]).includes(asked)
        ? (asked as Lang)
        : (cookieLang(req.headers.cookie) ?? 'zh');
    void reply
      .status(404)
      .header('content-security-policy', SITE_CSP)
      .header('cache-control', 'no-store')
      .header('vary', 'Cookie')
      .type(HTML)
      .send(errorPage(contextOf(lang, path, {}), 404, [], true));
  }
}
