import { SECTORS } from '@spotcheck/domain';
import { Html, html } from './html';
import { sectorLabel } from './i18n';
import { type PageContext, layout, siteHref } from './layout';
import { fieldZh, reasonZh } from './reasons';

/* The pages of the site, from the public API's own answers (the same JSON, parsed). */

interface FailedItem {
  item: string;
  value: string;
  limit: string;
  unit: string | null;
}
export interface ResultRow {
  url: string;
  publicationId: string;
  result: 'failed' | 'passed';
  serial: number;
  noticeNo: string;
  publishedOn: string;
  jurisdiction: string;
  jurisdictionName: string;
  sampleNo: string;
  productName: string;
  brand: string | null;
  spec: string | null;
  productionDate: string | null;
  batchNo: string | null;
  manufacturerName: string;
  manufacturerAddress: string | null;
  sampledUnitName: string;
  sampledUnitAddress: string | null;
  sampledUnitRegionCode: string;
  sampledUnitRegion: string;
  category: string;
  categoryCode: string;
  sector: string | null;
  lab: string | null;
  taskSource: string;
  failedItems: FailedItem[];
  remark: string | null;
  supersededBy?: {
    id: string;
    kind: string;
    reason: string;
    noticeNo: string;
    publishedOn: string;
  } | null;
}

/** The permalink of a result on the site. */
export const entryPath = (r: { publicationId: string; result: string; serial: number }) =>
  `/entries/${r.publicationId}/${r.result}/${r.serial}`;

const resultLabel = (c: PageContext, r: string) =>
  html`<span class="${r === 'failed' ? 'failed' : 'passed'}"
    >${c.t.search.results[r as 'failed' | 'passed']}</span
  >`;

const failedItemsText = (items: FailedItem[]) =>
  items.map((i) => `${i.item} ${i.value}${i.unit ? ` ${i.unit}` : ''}（${i.limit}）`).join('；');

export const SEARCH_FIELDS = [
  'q',
  'result',
  'prefecture',
  'category',
  'sector',
  'from',
  'to',
  'noticeNo',
] as const;

/** `/`: the search form, the results table and the next page's link. */
export function searchPage(
  c: PageContext,
  filters: Record<string, string>,
  page: { items: ResultRow[]; nextCursor: string | null },
): string {
  const t = c.t;
  const v = (k: string) => filters[k] ?? '';
  const result = v('result') || 'failed';
  const searched = SEARCH_FIELDS.some((k) => filters[k] !== undefined) || filters.cursor;
  const form = html`<form class="filters" method="get" action="/" role="search">
    ${c.lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
    ${v('noticeNo') ? html`<input type="hidden" name="noticeNo" value="${v('noticeNo')}" />` : ''}
    <div class="wide">
      <label for="q">${t.search.q}</label>
      <input id="q" name="q" type="search" maxlength="100" value="${v('q')}" autocomplete="off" />
    </div>
    <div>
      <label for="result">${t.search.result}</label>
      <select id="result" name="result">
        ${(['failed', 'passed', 'all'] as const).map(
          (r) =>
            html`<option value="${r}" ${r === result ? html` selected` : ''}>
              ${t.search.results[r]}
            </option>`,
        )}
      </select>
    </div>
    <div>
      <label for="prefecture">${t.search.prefecture}</label>
      <input
        id="prefecture"
        name="prefecture"
        inputmode="numeric"
        pattern="[0-9]{6}"
        maxlength="6"
        placeholder="150100"
        value="${v('prefecture')}"
      />
    </div>
    <div>
      <label for="category">${t.search.category}</label>
      <input id="category" name="category" maxlength="40" value="${v('category')}" />
    </div>
    <div>
      <label for="sector">${t.search.sector}</label>
      <select id="sector" name="sector">
        <option value="">${t.search.anySector}</option>
        ${SECTORS.map(
          (s) =>
            html`<option value="${s}" ${s === v('sector') ? html` selected` : ''}>
              ${sectorLabel(c.lang, s)}
            </option>`,
        )}
      </select>
    </div>
    <div>
      <label for="from">${t.search.from}</label
      ><input id="from" name="from" type="date" value="${v('from')}" />
    </div>
    <div>
      <label for="to">${t.search.to}</label
      ><input id="to" name="to" type="date" value="${v('to')}" />
    </div>
    <div><button type="submit">${t.search.submit}</button></div>
  </form>`;
  const cols = [
    t.col.product,
    t.col.brand,
    t.col.manufacturer,
    t.col.sampledUnit,
    t.col.region,
    t.col.result,
    t.col.failedItems,
    t.col.publishedOn,
    t.col.notice,
  ];
  const rows = page.items.map((r) => {
    const cells = [
      html`<a href="${siteHref(c, entryPath(r))}">${r.productName}</a>`,
      r.brand,
      r.manufacturerName,
      r.sampledUnitName,
      r.sampledUnitRegion,
      resultLabel(c, r.result),
      failedItemsText(r.failedItems),
      r.publishedOn,
      r.noticeNo,
    ];
    return html`<tr>
      ${cells.map((v, i) => html`<td data-label="${cols[i]}">${v}</td>`)}
    </tr>`;
  });
  const keep = Object.fromEntries(
    SEARCH_FIELDS.filter((k) => filters[k] !== undefined).map((k) => [k, filters[k]]),
  );
  const table = page.items.length
    ? html`<table class="results">
        <caption>
          ${t.search.caption}
        </caption>
        <thead>
          <tr>
            ${cols.map((h) => html`<th scope="col">${h}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>`
    : html`<p>${t.search.none}</p>`;
  // A list's results (its page's link) are searched by notice number, a field the form does
  // not show: say so, with the way out.
  const notice = v('noticeNo')
    ? html`<p class="filter-note" role="note" data-notice-filter>
        ${t.search.onlyNotice}${t.punct.colon}<strong>${v('noticeNo')}</strong> ·
        <a href="${siteHref(c, '/', { ...keep, noticeNo: undefined })}">${t.search.allNotices}</a>
      </p>`
    : '';
  const pager = html`<p class="pager">
    ${
      page.nextCursor
        ? html`<a rel="next" href="${siteHref(c, '/', { ...keep, cursor: page.nextCursor })}"
            >${t.search.next}</a
          >`
        : ''
    }${filters.cursor ? html`<a href="${siteHref(c, '/', keep)}">${t.search.first}</a>` : ''}
  </p>`;
  return layout(
    c,
    searched && v('q') ? `${v('q')} — ${t.search.title}` : t.search.title,
    html`<h1>${t.search.title}</h1>
      ${form}${notice}${table}${pager}`,
  );
}

const field = (label: string, value: unknown) =>
  value === null || value === undefined || value === ''
    ? ''
    : html`<dt>${label}</dt>
        <dd>${value}</dd>`;

/** `/entries/:publication/:table/:serial`: one published result, printable and shareable. */
export function entryPage(c: PageContext, r: ResultRow): string {
  const t = c.t;
  const sup = r.supersededBy;
  const items = r.failedItems.length
    ? html`<h2>${t.col.failedItems}</h2>
        <div class="table-wrap" tabindex="0" role="region" aria-label="${t.col.failedItems}">
          <table>
            <thead>
              <tr>
                <th scope="col">${t.col.item}</th>
                <th scope="col">${t.col.value}</th>
                <th scope="col">${t.col.limit}</th>
              </tr>
            </thead>
            <tbody>
              ${r.failedItems.map(
                (i) =>
                  html`<tr>
                    <td>${i.item}</td>
                    <td>${i.value}${i.unit ? ` ${i.unit}` : ''}</td>
                    <td>${i.limit}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`
    : '';
  return layout(
    c,
    `${r.productName} — ${t.entry.title}`,
    html`<h1>${r.productName} <small>${resultLabel(c, r.result)}</small></h1>
      ${
        sup
          ? html`<p class="notice" role="note">
              ${t.entry.superseded}${t.punct.colon}<a
                href="${siteHref(c, `/publications/${sup.id}`)}"
                >${sup.noticeNo}</a
              >${t.punct.open}${t.pub.kind[sup.kind] ?? sup.kind}${t.punct.comma}${sup.publishedOn}${t.punct.close}${t.punct.stop}${t.entry.reason}${t.punct.colon}${sup.reason}
            </p>`
          : ''
      }
      <dl class="fields">
        ${field(t.col.brand, r.brand)}${field(t.col.spec, r.spec)}
        ${field(t.col.productionDate, [r.productionDate, r.batchNo].filter(Boolean).join(' / '))}
        ${field(t.col.manufacturer, r.manufacturerName)}${field(t.col.manufacturerAddress, r.manufacturerAddress)}
        ${field(t.col.sampledUnit, r.sampledUnitName)}${field(t.col.sampledUnitAddress, r.sampledUnitAddress)}
        ${field(t.col.region, `${r.sampledUnitRegion}${t.punct.open}${r.sampledUnitRegionCode}${t.punct.close}`)}
        ${field(t.col.category, `${r.category}${t.punct.open}${r.categoryCode}${t.punct.close}`)}${field(t.col.sector, sectorLabel(c.lang, r.sector))}
        ${field(t.col.lab, r.lab)}${field(t.col.taskSource, r.taskSource)}${field(t.col.sampleNo, r.sampleNo)}
        ${field(t.col.publishedOn, r.publishedOn)}
        ${field(t.entry.publication, html`<a href="${siteHref(c, `/publications/${r.publicationId}`)}">${r.noticeNo}</a>`)}
        ${field(t.col.jurisdiction, r.jurisdictionName)}${field(t.col.remark, r.remark)}
      </dl>
      ${items}
      <p><a href="${r.url}" type="application/json">${t.entry.json}</a></p>`,
  );
}

export interface PublicationRow {
  id: string;
  jurisdiction: string;
  jurisdictionName: string;
  version: number;
  kind: string;
  reason: string | null;
  supersededBy: { id: string; kind: string; reason: string; noticeNo: string } | null;
  failedCount: number;
  passedCount: number;
  noticeNo: string;
  publishedOn: string;
  publishedAt: string;
  chainSeq: number;
  previousDigest: string | null;
  digest: string;
  links: { results: string; chain: string };
}

/**
 * The versions of a list; on a version's page (`current`) with a column for each version's
 * verdict in this browser, which /site/list-verify.js fills in.
 */
const versionsTable = (c: PageContext, rows: PublicationRow[], current?: string) => {
  const t = c.t;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t.pub.versions}">
    <table>
      <thead>
        <tr>
          <th scope="col">${t.col.notice}</th>
          <th scope="col">${t.col.jurisdiction}</th>
          <th scope="col">${t.col.publishedOn}</th>
          <th scope="col">${t.pub.version}</th>
          <th scope="col">${t.pub.counts}</th>
          <th scope="col">${t.pub.status}</th>
          ${current ? html`<th scope="col">${t.pub.browserVerdict}</th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (p) =>
            html`<tr>
              <td>
                ${p.id === current ? html`<span aria-current="page">${p.noticeNo}</span>` : html`<a href="${siteHref(c, `/publications/${p.id}`)}">${p.noticeNo}</a>`}
              </td>
              <td>${p.jurisdictionName}</td>
              <td>${p.publishedOn}</td>
              <td>
                ${p.version} · ${t.pub.kind[p.kind] ?? p.kind}${p.reason ? ` — ${p.reason}` : ''}
              </td>
              <td>${p.failedCount} / ${p.passedCount}</td>
              <td>
                ${p.supersededBy ? html`${t.pub.superseded}${t.punct.colon}${p.supersededBy.noticeNo}${t.punct.open}${p.supersededBy.reason}${t.punct.close}` : t.pub.current}
              </td>
              ${current ? html`<td><span data-version-out="${p.id}"></span></td>` : ''}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
};

/** `/publications`: the published lists, newest first, by jurisdiction. */
export function publicationsPage(
  c: PageContext,
  jurisdiction: string | undefined,
  page: { items: PublicationRow[]; nextCursor: string | null },
  cursor: string | undefined,
): string {
  const t = c.t;
  const form = html`<form class="filters" method="get" action="/publications">
    ${c.lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
    <div>
      <label for="jurisdiction">${t.pub.jurisdiction}</label>
      <input
        id="jurisdiction"
        name="jurisdiction"
        inputmode="numeric"
        pattern="[0-9]{6}"
        maxlength="6"
        placeholder="150000"
        value="${jurisdiction ?? ''}"
      />
    </div>
    <div><button type="submit">${t.pub.filter}</button></div>
  </form>`;
  const pager = html`<p class="pager">
    ${
      page.nextCursor
        ? html`<a
            rel="next"
            href="${siteHref(c, '/publications', { jurisdiction, cursor: page.nextCursor })}"
            >${t.search.next}</a
          >`
        : ''
    }${cursor ? html`<a href="${siteHref(c, '/publications', { jurisdiction })}">${t.search.first}</a>` : ''}
  </p>`;
  return layout(
    c,
    t.pub.title,
    html`<h1>${t.pub.title}</h1>
      ${form}${
        page.items.length ? versionsTable(c, page.items) : html`<p>${t.pub.none}</p>`
      }${pager}`,
  );
}

export interface FileRow {
  name: string;
  mediaType: string;
  sha256: string;
  size: number;
  url: string;
}

/** `/publications/:id`: a published version, its verification, versions and downloads. */
export function publicationPage(
  c: PageContext,
  p: PublicationRow & { versions: PublicationRow[] },
  files: FileRow[],
  verdict: { verdict: string; firstDifference?: string },
): string {
  const t = c.t;
  const ok = verdict.verdict === 'MATCH';
  return layout(
    c,
    `${p.noticeNo} — ${t.pub.one}`,
    html`<h1>${p.noticeNo}</h1>
      ${
        p.supersededBy
          ? html`<p class="notice" role="note">
              ${t.pub.superseded}${t.punct.colon}<a
                href="${siteHref(c, `/publications/${p.supersededBy.id}`)}"
                >${p.supersededBy.noticeNo}</a
              >${t.punct.stop}${t.entry.reason}${t.punct.colon}${p.supersededBy.reason}
            </p>`
          : ''
      }
      <dl class="fields">
        ${field(t.col.jurisdiction, `${p.jurisdictionName}${t.punct.open}${p.jurisdiction}${t.punct.close}`)}
        ${field(t.col.publishedOn, p.publishedOn)}
        ${field(t.pub.version, `${p.version} · ${t.pub.kind[p.kind] ?? p.kind}${p.reason ? ` — ${p.reason}` : ''}`)}
        ${field(t.pub.counts, `${p.failedCount} / ${p.passedCount}`)}
        ${field(t.pub.chainSeq, p.chainSeq)}
        ${field(t.pub.digest, html`<span class="digest">${p.digest}</span>`)}
        ${field(t.pub.previousDigest, p.previousDigest ? html`<span class="digest">${p.previousDigest}</span>` : '—')}
        ${field(
          t.pub.verification,
          html`<span class="verdict ${ok ? 'passed' : 'failed'}" data-verdict="${verdict.verdict}"
              >${t.pub.verdict[verdict.verdict] ?? verdict.verdict}</span
            >${verdict.firstDifference ? html` <span>${verdict.firstDifference}</span>` : ''}`,
        )}
      </dl>
      <p>
        <a href="${siteHref(c, '/', { result: 'all', noticeNo: p.noticeNo })}">${t.pub.results}</a>
        · <a href="${p.links.chain}">${t.pub.chain} (JSON)</a>
      </p>
      <h2>${t.pub.files}</h2>
      ${
        files.length
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t.pub.files}">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t.pub.file}</th>
                    <th scope="col">${t.pub.size}</th>
                    <th scope="col">SHA-256</th>
                  </tr>
                </thead>
                <tbody>
                  ${files.map(
                    (f) =>
                      html`<tr>
                        <td><a href="${f.url}" download>${f.name}</a></td>
                        <td>${f.size}</td>
                        <td class="digest">${f.sha256}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p>${t.pub.noFiles}</p>`
      }
      <section
        id="list-verify"
        aria-labelledby="list-verify-h"
        data-publication="/api/v1/public/publications/${p.id}"
        data-words="${JSON.stringify(t.pub.words)}"
      >
        <h2 id="list-verify-h">${t.pub.browser}</h2>
        <p>${t.pub.explain}</p>
        <p><button type="button">${t.pub.button}</button></p>
        <p aria-live="polite"><span data-out class="verdict"></span></p>
      </section>
      <h2>${t.pub.versions}</h2>
      ${versionsTable(c, p.versions, p.id)}`,
    { modules: ['list-verify.js'] },
  );
}

/** A 400 naming each bad parameter, or a 404, as a page. */
export function errorPage(
  c: PageContext,
  status: 400 | 404,
  errors: { field: string; reason: string }[],
  /** A 404 of an address the site has no page at (rather than of nothing published there). */
  unknownAddress = false,
): string {
  const t = c.t;
  const title = status === 400 ? t.error.badRequest : t.error.notFound;
  return layout(
    c,
    title,
    html`<h1>${title}</h1>
      ${
        status === 400
          ? html`<p>${t.error.badRequestText}</p>
              <ul class="errors">
                ${errors.map((e) => errorLine(c, e))}
              </ul>`
          : html`<p>${unknownAddress ? t.error.noPageText : t.error.notFoundText}</p>`
      }
      <ul>
        <li><a href="${siteHref(c, '/')}">${t.error.back}</a></li>
        <li><a href="${siteHref(c, '/publications')}">${t.nav.publications}</a></li>
      </ul>`,
  );
}

/**
 * One refused parameter: its name as in the address, and in Chinese the field as the forms
 * label it and the reason said in Chinese (the API's reasons are English).
 */
function errorLine(c: PageContext, e: { field: string; reason: string }): Html {
  if (c.lang !== 'zh') return html`<li><code>${e.field}</code>: ${e.reason}</li>`;
  const label = fieldZh(e.field);
  return html`<li>
    <code>${e.field}</code>${label ? html`（${label}）` : ''}：${reasonZh(e.field, e.reason)}
  </li>`;
}

export type { Html };
