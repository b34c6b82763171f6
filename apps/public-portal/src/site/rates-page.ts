import { SECTORS } from '@spotcheck/domain';
import { html, queryOf } from './html';
import { type Lang, sectorLabel } from './i18n';
import { type PageContext, layout } from './layout';

/* The rates dashboard: qualification rates against targets, as charts and as tables. */

/** The figures of a row of the public rates API (docs/guides/public.md). */
export interface RateFiguresRow {
  sector?: string;
  prefecture?: string;
  regionName?: string;
  quarter?: string;
  pass: number;
  fail: number;
  pending: number;
  rate: string | null;
  target: string | null;
  gap: string | null;
}

export interface RatesAnswer {
  period: { label: string; from: string; to: string };
  rows: RateFiguresRow[];
  total: RateFiguresRow;
}

/** The dimensions the page shows, each a chart and a table. */
export const RATE_VIEWS = ['sector', 'prefecture', 'quarter'] as const;
export type RateView = (typeof RATE_VIEWS)[number];

const W = {
  zh: {
    title: '合格率与目标',
    period: '期间',
    periodHint: '年、季度或月，如 2026、2026-Q3、2026-07',
    jurisdiction: '地区代码',
    show: '查看',
    explain:
      '只统计已结束抽检计划的最终结论：异议或复检中的批次为“待定”，不计入合格率。目标为该地区该行业当年的合格率目标，差距以百分点计。',
    views: {
      sector: '各行业合格率与目标',
      prefecture: '各地市合格率',
      quarter: '各季度合格率趋势',
    },
    dim: { sector: '行业', prefecture: '地市', quarter: '季度' },
    pass: '合格批次',
    fail: '不合格批次',
    pending: '待定批次',
    rate: '合格率（%）',
    target: '目标（%）',
    gap: '差距（百分点）',
    total: '合计',
    none: '该期间没有已结束计划的检验结论。',
    chart: '图表，数据见下表',
    api: '数据 (JSON)',
    words: { rate: '合格率', target: '目标', error: '图表无法加载' },
  },
  en: {
    title: 'Pass rates against targets',
    period: 'Period',
    periodHint: 'A year, quarter or month: 2026, 2026-Q3, 2026-07',
    jurisdiction: 'Region code',
    show: 'Show',
    explain:
      'Final outcomes of closed plans only: batches under objection or retest are pending and not in the rate. The target is the region’s pass-rate target for the sector and year; the gap is in percentage points.',
    views: {
      sector: 'Pass rate by sector against its target',
      prefecture: 'Pass rate by prefecture',
      quarter: 'Pass rate by quarter',
    },
    dim: { sector: 'Sector', prefecture: 'Prefecture', quarter: 'Quarter' },
    pass: 'Passed batches',
    fail: 'Failed batches',
    pending: 'Pending batches',
    rate: 'Pass rate (%)',
    target: 'Target (%)',
    gap: 'Gap (points)',
    total: 'Total',
    none: 'No final outcome of a closed plan in this period.',
    chart: 'chart; its figures are in the table below',
    api: 'Data (JSON)',
    words: { rate: 'Pass rate', target: 'Target', error: 'The chart cannot be loaded' },
  },
};

/** The public rates API's address for a view of the page's selection. */
export const ratesApiUrl = (view: RateView, sel: { period?: string; jurisdiction?: string }) =>
  `/api/v1/public/rates${queryOf({ by: view, period: sel.period, jurisdiction: sel.jurisdiction })}`;

const labelOf = (lang: Lang, view: RateView, r: RateFiguresRow) =>
  view === 'sector'
    ? sectorLabel(lang, r.sector ?? null)
    : view === 'prefecture'
      ? (r.regionName ?? r.prefecture ?? '')
      : (r.quarter ?? '');

const dash = (v: string | null) => v ?? '—';

/** `/rates`: by sector against targets, by prefecture, by quarter; charts over tables. */
export function ratesPage(
  c: PageContext,
  sel: { period?: string; jurisdiction?: string },
  answers: Record<RateView, RatesAnswer>,
): string {
  const w = W[c.lang];
  const period = answers.sector.period;
  const form = html`<form class="filters" method="get" action="/rates">
    ${c.lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
    <div>
      <label for="period">${w.period}</label>
      <input
        id="period"
        name="period"
        maxlength="10"
        placeholder="${period.label}"
        value="${sel.period ?? ''}"
        aria-describedby="period-hint"
      />
      <small id="period-hint" class="hint">${w.periodHint}</small>
    </div>
    <div>
      <label for="jurisdiction">${w.jurisdiction}</label>
      <input
        id="jurisdiction"
        name="jurisdiction"
        inputmode="numeric"
        pattern="[0-9]{6}"
        maxlength="6"
        placeholder="150000"
        value="${sel.jurisdiction ?? ''}"
      />
    </div>
    <div><button type="submit">${w.show}</button></div>
  </form>`;
  const cols = [w.pass, w.fail, w.pending, w.rate, w.target, w.gap];
  const figures = (r: RateFiguresRow) => [
    r.pass,
    r.fail,
    r.pending,
    dash(r.rate),
    dash(r.target),
    dash(r.gap),
  ];
  const section = (view: RateView) => {
    const a = answers[view];
    const title = w.views[view];
    const id = `rates-${view}`;
    return html`<section aria-labelledby="${id}-h">
      <h2 id="${id}-h">${title}</h2>
      ${
        a.rows.length
          ? html`<div
                class="chart"
                data-chart="${view}"
                data-src="${ratesApiUrl(view, sel)}"
                role="img"
                aria-label="${title}（${w.chart}）"
              ></div>
              <div class="table-wrap" tabindex="0" role="region" aria-labelledby="${id}-c">
                <table class="rates" data-rates="${view}">
                  <caption id="${id}-c">
                    ${title} · ${period.label}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${w.dim[view]}</th>
                      ${cols.map((h) => html`<th scope="col">${h}</th>`)}
                    </tr>
                  </thead>
                  <tbody>
                    ${a.rows.map(
                      (r) =>
                        html`<tr>
                          <th scope="row">${labelOf(c.lang, view, r)}</th>
                          ${figures(r).map(
                            (v, i) => html`<td data-label="${cols[i]}" class="num">${v}</td>`,
                          )}
                        </tr>`,
                    )}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">${w.total}</th>
                      ${figures(a.total).map(
                        (v, i) => html`<td data-label="${cols[i]}" class="num">${v}</td>`,
                      )}
                    </tr>
                  </tfoot>
                </table>
              </div>`
          : html`<p>${w.none}</p>`
      }
      <p><a href="${ratesApiUrl(view, sel)}" type="application/json">${w.api}</a></p>
    </section>`;
  };
  const words = {
    ...w.words,
    sectors: Object.fromEntries(SECTORS.map((s) => [s, sectorLabel(c.lang, s)])),
  };
  return layout(
    c,
    `${w.title} ${period.label}`,
    html`<h1>${w.title} · ${period.label}</h1>
      ${form}
      <p>${w.explain}</p>
      <div id="rates-charts" data-words="${JSON.stringify(words)}">
        ${RATE_VIEWS.map(section)}
      </div>`,
    { modules: ['rates-charts.js'] },
  );
}
