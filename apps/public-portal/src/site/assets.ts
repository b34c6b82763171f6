import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { etagOf, siteDir } from '@spotcheck/common';
import { DRAW_VERIFY_JS } from './draw-verify';

/** The site's one stylesheet: small, no framework; readable on a phone and in print. */
export const SITE_CSS = `
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; --bad: #a40e26; --good: #116329; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; }
header.top { border-bottom: 1px solid var(--line); padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; }
header.top .name { font-weight: 700; margin-right: auto; color: var(--ink); text-decoration: none; }
header.top nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
main { padding: 1rem; max-width: 80rem; margin: 0 auto; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
form.filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; align-items: end; margin-bottom: 1rem; }
form.filters .wide { grid-column: 1 / -1; }
label { display: block; font-size: .9rem; color: var(--muted); }
input, select, button { font: inherit; padding: .4rem .5rem; border: 1px solid #8c959f; border-radius: 4px; width: 100%; background: #fff; color: var(--ink); }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
dl.fields { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; gap: .25rem 1rem; }
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
.digest { font-family: ui-monospace, monospace; font-size: .85rem; overflow-wrap: anywhere; }
.failed { color: var(--bad); font-weight: 600; }
.passed { color: var(--good); font-weight: 600; }
.notice { border-left: 4px solid var(--bad); background: #fff5f5; padding: .5rem 1rem; }
.filter-note { border-left: 4px solid var(--accent); background: #f6f8fa; padding: .5rem 1rem; }
.verdict { font-size: 1.25rem; font-weight: 700; }
.pager { margin: 1rem 0; display: flex; gap: 1.5rem; }
.hint { display: block; color: var(--muted); font-size: .8rem; }
.chart { width: 100%; height: 340px; margin: .5rem 0; }
table.rates td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.rates tfoot th, table.rates tfoot td { font-weight: 600; border-top: 2px solid var(--line); }
footer { color: var(--muted); font-size: .85rem; padding: 1rem; border-top: 1px solid var(--line); }
@media (max-width: 40rem) {
  dl.fields { grid-template-columns: 1fr; } dl.fields dd { margin-bottom: .5rem; }
  table.results thead { position: absolute; left: -9999px; }
  table.results tr { display: block; border-bottom: 2px solid var(--line); padding: .25rem 0; }
  table.results td { display: grid; grid-template-columns: 7rem 1fr; gap: .5rem; border: 0; padding: .15rem .25rem; }
  table.results td::before { content: attr(data-label); color: var(--muted); }
  .chart { height: 280px; }
  table.rates thead { position: absolute; left: -9999px; }
  table.rates tr { display: block; border-bottom: 2px solid var(--line); padding: .25rem 0; }
  table.rates th[scope="row"] { display: block; background: none; border: 0; padding: .25rem; }
  table.rates td { display: grid; grid-template-columns: 9rem 1fr; gap: .5rem; border: 0; padding: .15rem .25rem; }
  table.rates td.num { text-align: left; }
  table.rates td::before { content: attr(data-label); color: var(--muted); }
}
@media print { header.top nav, form.filters, .pager, .skip { display: none; } a { color: inherit; } }
`;

/** A static file of the site: its bytes, type and ETag, and its gzip when the build made one. */
export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  gzip?: Buffer;
}

const asset = (text: string, type: string): Asset => {
  const body = Buffer.from(text.trim() + '\n');
  return { body, type, etag: etagOf(body) };
};

/**
 * The scripts Vite built from apps/public-portal/site-web (`npm run build:site`, which `npm
 * start` and `npm test` run): ES modules, each with the .gz the build wrote beside it. None
 * when the folder is missing: the pages still work, without their charts and checks.
 */
export function builtAssets(dir: string): Record<string, Asset> {
  if (!existsSync(dir)) return {};
  const out: Record<string, Asset> = {};
  for (const name of readdirSync(dir)) {
    if (!/^[\w.-]+\.js$/.test(name)) continue;
    const body = readFileSync(join(dir, name));
    const gz = join(dir, `${name}.gz`);
    out[name] = {
      body,
      type: 'text/javascript; charset=utf-8',
      etag: etagOf(body),
      gzip: existsSync(gz) ? readFileSync(gz) : undefined,
    };
  }
  return out;
}

export const ASSETS: Record<string, Asset> = {
  ...builtAssets(siteDir()),
  'site.css': asset(SITE_CSS, 'text/css; charset=utf-8'),
  'draw-verify.js': asset(DRAW_VERIFY_JS, 'text/javascript; charset=utf-8'),
};

/** The address of a site file, versioned by its ETag so that a new build is fetched at once. */
export const assetHref = (name: string): string => {
  const a = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  return a ? `/site/${name}?v=${a.etag.slice(1, 9)}` : `/site/${name}`;
};
