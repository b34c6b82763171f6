import { assetHref } from './assets';
import { Html, html, queryOf } from './html';
import { DICTS, type Dict, type Lang } from './i18n';

/** What every page knows: its language and its own path with its parameters (for the switch). */
export interface PageContext {
  lang: Lang;
  t: Dict;
  path: string;
  params: Record<string, string>;
}

export const contextOf = (
  lang: Lang,
  path: string,
  params: Record<string, string>,
): PageContext => ({
  lang,
  t: DICTS[lang],
  path,
  params,
});

/** A link inside the site, keeping the page's language in the address when it is English. */
export const siteHref = (
  c: PageContext,
  path: string,
  params: Record<string, string | undefined> = {},
) => path + queryOf({ ...params, lang: c.lang === 'en' ? 'en' : undefined });

/**
 * The one layout of every page: the site's name, the navigation, the language switch (the
 * same page in the other language, one click away), the page, and scripts only where a page
 * names them (none by default): `scripts` classic ones by address, `modules` the built ES
 * modules of site-web by file name.
 */
export function layout(
  c: PageContext,
  title: string,
  body: Html,
  opts: { scripts?: string[]; modules?: string[] } = {},
): string {
  const other = c.lang === 'zh' ? 'en' : 'zh';
  const switchHref = c.path + queryOf({ ...c.params, lang: other });
  const css = assetHref('site.css');
  return `<!doctype html>\n${html`<html lang="${c.lang === 'zh' ? 'zh-CN' : 'en'}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title} — ${c.t.site}</title>
      <link rel="stylesheet" href="${css}" />
      <link
        rel="alternate"
        type="application/atom+xml"
        href="/api/v1/public/feeds/publications.atom"
        title="${c.t.pub.title}"
      />
    </head>
    <body>
      <a class="skip" href="#main">${c.t.skip}</a>
      <header class="top">
        <a class="name" href="${siteHref(c, '/')}">${c.t.site}</a>
        <nav aria-label="${c.t.site}">
          <ul>
            <li><a href="${siteHref(c, '/')}">${c.t.nav.search}</a></li>
            <li><a href="${siteHref(c, '/publications')}">${c.t.nav.publications}</a></li>
            <li><a href="${siteHref(c, '/rates')}">${c.t.nav.rates}</a></li>
            <li><a href="${siteHref(c, '/draws')}">${c.t.nav.draws}</a></li>
            <li><a href="/docs">${c.t.nav.api}</a></li>
            <li>
              <a href="${switchHref}" hreflang="${other}" lang="${other === 'zh' ? 'zh-CN' : 'en'}"
                >${c.t.otherLang}</a
              >
            </li>
          </ul>
        </nav>
      </header>
      <main id="main">${body}</main>
      <footer>${c.t.site} · <a href="/api/v1/public/feeds/publications.atom">Atom</a></footer>
      ${(opts.scripts ?? []).map((s) => html`<script src="${s}" defer></script>`)}
      ${(opts.modules ?? []).map((m) => html`<script type="module" src="${assetHref(m)}"></script>`)}
    </body>
  </html>`}\n`;
}
