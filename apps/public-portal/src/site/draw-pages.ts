import { html } from './html';
import { type PageContext, layout, siteHref } from './layout';

/* The draw pages: the draws of closed plans, and one draw verified in the browser. */

export interface DrawListRow {
  drawId: string;
  planCode: string;
  planTitle: string;
  jurisdiction: string;
  year: number;
  drawnAt: string;
  eligibleCount: number;
  tasks: number;
}

const W = {
  zh: {
    title: '抽取公开',
    plan: '计划',
    drawnAt: '抽取时间',
    beijing: '（北京时间）',
    noScript: '在浏览器中校验需要 JavaScript。也可以下载完整记录，用本系统源代码中的命令离线校验：',
    eligible: '名录数',
    tasks: '任务数',
    jurisdiction: '地区代码',
    none: '还没有已结束计划的抽取。',
    next: '下一页',
    draw: '抽取记录',
    seed: '种子',
    commitment: '承诺值 H(种子)',
    committedAt: '承诺时间',
    eligibleDigest: '名录摘要',
    server: '服务器校验',
    browser: '在本浏览器中重新计算',
    explain:
      '本页脚本下载公开的抽取记录，用浏览器自带的 SHA-256（WebCrypto）按公开算法重新计算承诺值、名录摘要、各层配额、每家企业的排序值和抽中的企业及任务顺序，并与记录逐项比较。检查员和检验机构的分配由上方的服务器校验覆盖。',
    button: '开始校验',
    record: '下载完整记录 (JSON)',
    words: {
      running: '正在计算…',
      match: '一致',
      mismatch: '不一致',
      error: '无法校验',
      tasks: '个任务',
      keys: '已计算的排序值',
    },
    verdict: { MATCH: '一致', MISMATCH: '不一致' } as Record<string, string>,
  },
  en: {
    title: 'Published draws',
    plan: 'Plan',
    drawnAt: 'Drawn at',
    beijing: ' (Beijing time)',
    noScript:
      'Verifying in the browser needs JavaScript. You can also download the complete record and verify it offline with the command in Spotcheck’s source code:',
    eligible: 'Eligible',
    tasks: 'Tasks',
    jurisdiction: 'Region code',
    none: 'No draw of a closed plan yet.',
    next: 'Next page',
    draw: 'Draw record',
    seed: 'Seed',
    commitment: 'Commitment H(seed)',
    committedAt: 'Committed at',
    eligibleDigest: 'Eligible digest',
    server: 'Server verification',
    browser: 'Recompute in this browser',
    explain:
      'This page’s script downloads the published draw record and recomputes, with the browser’s own SHA-256 (WebCrypto) and the published algorithm, the commitment, the eligible digest, the quotas of each stratum, every enterprise’s rank key and the selection and task order, comparing each with the record. The assignment of inspectors and labs is covered by the server verification above.',
    button: 'Verify',
    record: 'Download the complete record (JSON)',
    words: {
      running: 'Computing…',
      match: 'MATCH',
      mismatch: 'MISMATCH',
      error: 'Cannot verify',
      tasks: 'tasks',
      keys: 'rank keys computed',
    },
    verdict: { MATCH: 'MATCH', MISMATCH: 'MISMATCH' } as Record<string, string>,
  },
};

/**
 * A draw's instant as people in China read it: the date and time in Beijing (UTC+8, no
 * daylight saving), to the second, not the record's UTC ISO string.
 */
export function beijingTime(lang: 'zh' | 'en', iso: string | undefined): string {
  const t = iso === undefined ? NaN : Date.parse(iso);
  if (Number.isNaN(t)) return iso ?? '';
  const local = new Date(t + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}${W[lang].beijing}`;
}

/** `/draws`: the draws of closed plans, newest first. */
export function drawsPage(
  c: PageContext,
  jurisdiction: string | undefined,
  page: { items: DrawListRow[]; nextCursor: string | null },
): string {
  const w = W[c.lang];
  return layout(
    c,
    w.title,
    html`<h1>${w.title}</h1>
      <form class="filters" method="get" action="/draws">
        ${c.lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
        <div>
          <label for="jurisdiction">${w.jurisdiction}</label>
          <input
            id="jurisdiction"
            name="jurisdiction"
            inputmode="numeric"
            pattern="[0-9]{6}"
            maxlength="6"
            value="${jurisdiction ?? ''}"
          />
        </div>
        <div><button type="submit">${c.t.pub.filter}</button></div>
      </form>
      ${
        page.items.length
          ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="${w.title}">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${w.plan}</th>
                    <th scope="col">${w.jurisdiction}</th>
                    <th scope="col">${w.drawnAt}</th>
                    <th scope="col">${w.eligible}</th>
                    <th scope="col">${w.tasks}</th>
                  </tr>
                </thead>
                <tbody>
                  ${page.items.map(
                    (d) =>
                      html`<tr>
                        <td>
                          <a href="${siteHref(c, `/draws/${d.drawId}`)}"
                            >${d.planCode} ${d.planTitle}</a
                          >
                        </td>
                        <td>${d.jurisdiction}</td>
                        <td>${beijingTime(c.lang, d.drawnAt)}</td>
                        <td>${d.eligibleCount}</td>
                        <td>${d.tasks}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p>${w.none}</p>`
      }
      <p class="pager">
        ${
          page.nextCursor
            ? html`<a
                rel="next"
                href="${siteHref(c, '/draws', { jurisdiction, cursor: page.nextCursor })}"
                >${w.next}</a
              >`
            : ''
        }
      </p>`,
  );
}

export interface DrawVerificationAnswer {
  drawId: string;
  verdict: { verdict: string; firstDifference?: string };
  record: Record<string, unknown>;
  recordUrl: string;
}

/** `/draws/:id`: a draw's record, the server's verdict, and the browser's own recomputation. */
export function drawPage(c: PageContext, v: DrawVerificationAnswer): string {
  const w = W[c.lang];
  const r = v.record as {
    seed?: string;
    commitment?: string;
    drawnAt?: string;
    eligibleCount?: number;
    eligibleDigest?: string;
    totalQuota?: number;
    tasks?: unknown[];
  };
  const ok = v.verdict.verdict === 'MATCH';
  const field = (k: string, val: unknown) =>
    html`<dt>${k}</dt>
      <dd>${val}</dd>`;
  return layout(
    c,
    w.draw,
    html`<h1>${w.draw}</h1>
      <dl class="fields">
        ${field(w.drawnAt, beijingTime(c.lang, r.drawnAt))}
        ${field(w.seed, html`<span class="digest">${r.seed}</span>`)}
        ${field(w.commitment, html`<span class="digest">${r.commitment}</span>`)}
        ${field(w.eligible, r.eligibleCount)}
        ${field(w.eligibleDigest, html`<span class="digest">${r.eligibleDigest}</span>`)}
        ${field(w.tasks, r.tasks?.length)}
        ${field(
          w.server,
          html`<span class="verdict ${ok ? 'passed' : 'failed'}"
              >${w.verdict[v.verdict.verdict] ?? v.verdict.verdict}</span
            >
            ${v.verdict.firstDifference ?? ''}`,
        )}
      </dl>
      <p><a href="${v.recordUrl}" download>${w.record}</a></p>
      <section
        id="draw-verify"
        aria-labelledby="browser-h"
        data-record="${v.recordUrl}"
        data-words="${JSON.stringify(w.words)}"
      >
        <h2 id="browser-h">${w.browser}</h2>
        <p>${w.explain}</p>
        <p><button type="button">${w.button}</button></p>
        <p aria-live="polite"><span data-out class="verdict"></span> <span data-progress></span></p>
        <noscript
          ><p>${w.noScript} <code>npm run verify-draw -- draw.json</code></p></noscript
        >
      </section>`,
    { scripts: ['/site/draw-verify.js'] },
  );
}
