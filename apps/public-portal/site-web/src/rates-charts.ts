/**
 * The rates page's charts (served as /site/rates-charts.js, only on /rates): each
 * `[data-chart]` element of `#rates-charts` names the public rates API address it draws from
 * (`data-src`); the same figures are in the server-rendered table under it, which is what works
 * without JavaScript and what screen readers read. Only the parts of Apache ECharts used are
 * bundled (core, bar and line charts, grid, legend, tooltip, canvas).
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** A row of the rates API's answer (docs/guides/public.md): the dimension, rate, target. */
interface RateRow {
  sector?: string;
  prefecture?: string;
  regionName?: string;
  quarter?: string;
  rate: string | null;
  target: string | null;
}

interface Words {
  rate: string;
  target: string;
  error: string;
  sectors: Record<string, string>;
}

type Kind = 'sector' | 'prefecture' | 'quarter';

const ACCENT = '#0b5cad';
const TARGET = '#a40e26';

const num = (v: string | null) => (v === null ? null : Number(v));

function labelOf(kind: Kind, r: RateRow, words: Words): string {
  if (kind === 'sector') return words.sectors[r.sector ?? ''] ?? r.sector ?? '';
  if (kind === 'prefecture') return r.regionName ?? r.prefecture ?? '';
  return r.quarter ?? '';
}

/** The chart of one dimension: rates as bars (a line for the trend), targets as marks. */
function optionOf(
  kind: Kind,
  rows: RateRow[],
  words: Words,
  width: number,
): echarts.EChartsCoreOption {
  const labels = rows.map((r) => labelOf(kind, r, words));
  const rates = rows.map((r) => num(r.rate));
  const targets = rows.map((r) => num(r.target));
  const hasTarget = targets.some((t) => t !== null);
  const trend = kind === 'quarter';
  const lows = [...rates, ...targets].filter((v): v is number => v !== null);
  // Rates sit near the top: start the axis at the tens below the lowest figure, so that the
  // gaps to the targets can be seen (the table gives the exact figures).
  const min = lows.length ? Math.max(0, Math.floor(Math.min(...lows) / 10) * 10 - 10) : 0;
  return {
    animation: false,
    textStyle: { fontFamily: 'system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif' },
    legend: { top: 0, data: hasTarget ? [words.rate, words.target] : [words.rate] },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (v == null ? '—' : `${String(v)}%`),
    },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: labels,
      // Every label shown, wrapped within its category's share of the width.
      axisLabel: {
        interval: 0,
        width: Math.max(56, Math.floor(width / Math.max(1, labels.length)) - 12),
        overflow: 'break',
      },
    },
    yAxis: { type: 'value', min, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      trend
        ? {
            name: words.rate,
            type: 'line',
            data: rates,
            color: ACCENT,
            symbolSize: 8,
            label: { show: true, formatter: '{c}%' },
          }
        : {
            name: words.rate,
            type: 'bar',
            data: rates,
            color: ACCENT,
            barMaxWidth: 48,
            label: { show: true, position: 'insideTop', color: '#fff', formatter: '{c}%' },
          },
      ...(hasTarget
        ? [
            {
              name: words.target,
              type: 'line',
              data: targets,
              color: TARGET,
              // A bar's target is a mark across it; a trend's target a dashed line.
              symbol: trend ? 'circle' : 'rect',
              symbolSize: trend ? 6 : [40, 3],
              lineStyle: trend ? { type: 'dashed', width: 2 } : { opacity: 0 },
              z: 3,
            },
          ]
        : []),
    ],
  };
}

async function draw(el: HTMLElement, words: Words): Promise<echarts.ECharts | undefined> {
  const kind = el.dataset.chart as Kind;
  try {
    const r = await fetch(el.dataset.src!, { headers: { accept: 'application/json' } });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    const rows = ((await r.json()) as { rows: RateRow[] }).rows;
    if (!rows.length) {
      el.dataset.state = 'empty';
      el.hidden = true;
      return undefined;
    }
    const chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(optionOf(kind, rows, words, el.clientWidth - 60));
    el.dataset.points = String(rows.length);
    el.dataset.state = 'rendered';
    return chart;
  } catch (e) {
    el.dataset.state = 'error';
    el.textContent = `${words.error}: ${e instanceof Error ? e.message : String(e)}`;
    return undefined;
  }
}

const root = document.getElementById('rates-charts');
if (root) {
  const words = JSON.parse(root.dataset.words!) as Words;
  const els = [...root.querySelectorAll<HTMLElement>('[data-chart]')];
  void Promise.all(els.map((el) => draw(el, words))).then((charts) => {
    const live = charts.filter((c): c is echarts.ECharts => c !== undefined);
    let pending = 0;
    window.addEventListener('resize', () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => live.forEach((c) => c.resize()));
    });
    root.dataset.state = 'ready';
  });
}
