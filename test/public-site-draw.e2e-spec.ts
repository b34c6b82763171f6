import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Draw } from '@spotcheck/database';
import { InspectionTasksModule } from '../apps/inspection-tasks/src/app.module';
import { REGULATOR_HOHHOT, REGULATOR_PROVINCE, bootHttp, dataSource } from './support/app';
import { RUN, apiOf, commitAndDraw, ensureCategory, once, seedOf, usccSource } from './support/api';
import { type ConsoleHarness, startConsole } from './support/browser';
import { bootPortal } from './support/public-lists';

/**
 * The site's draw page: a closed plan's draw with the server's verdict, recomputed in real
 * Chromium by /site/draw-verify.js with WebCrypto (一致), and 不一致 when the record it reads
 * has been altered.
 */
let app: NestFastifyApplication;
let h: ConsoleHarness;
const api = apiOf(() => app);
const CAT = `PSD-${RUN}`;
const uscc = usccSource('PW');

beforeAll(async () => {
  app = await bootHttp(InspectionTasksModule);
  h = await startConsole(null, 'site', () => bootPortal());
});
afterAll(async () => {
  await h?.close();
  await app.close();
});

/** A provincial plan over five enterprises of CAT (two risk classes), drawn, closed. */
const closedDraw = once(async () => {
  await ensureCategory(api, CAT);
  for (let i = 0; i < 5; i++)
    await api.created(REGULATOR_HOHHOT, '/api/v1/enterprises', {
      uscc: uscc('150102'),
      name: `网站抽取测试企业${i}`,
      address: '测试地址',
      regionCode: '150102',
      size: 'small',
      categories: [CAT],
      riskClass: i < 2 ? 'D' : 'C',
    });
  const plan = await api.created(REGULATOR_PROVINCE, '/api/v1/plans', {
    code: `PSD-${RUN}-${process.pid}`,
    title: '网站抽取校验测试计划',
    level: 'provincial',
    jurisdiction: '150000',
    year: 2026,
    categories: [CAT],
    stages: ['production'],
  });
  const planId = plan.id as string;
  await commitAndDraw(api, REGULATOR_PROVINCE, planId, seedOf('public-site-draw', 1));
  const tasks = (await api.get(REGULATOR_PROVINCE, `/api/v1/plans/${planId}/tasks`)).json()
    .items as { id: string }[];
  for (const t of tasks)
    await api.post(REGULATOR_PROVINCE, `/api/v1/tasks/${t.id}/unable`, { reason: 'no_product' });
  const closed = await api.post(REGULATOR_PROVINCE, `/api/v1/plans/${planId}/close`);
  expect(closed.json()).toMatchObject({ state: 'closed' });
  return dataSource(app).getRepository(Draw).findOneByOrFail({ planId });
});

describe('the draw page', () => {
  it('shows the record and the server verdict without JavaScript, 404 for no public draw', async () => {
    const d = await closedDraw();
    const r = await h.app.inject({ url: `/draws/${d.id}` });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(d.record.commitment);
    expect(r.body).toContain('<script src="/site/draw-verify.js" defer></script>');
    // The instant as a citizen reads it: Beijing time, not the record's UTC ISO string.
    const at = new Date(Date.parse(d.record.drawnAt!) + 8 * 3600_000).toISOString();
    expect(r.body).toContain(`${at.slice(0, 10)} ${at.slice(11, 19)}（北京时间）`);
    expect(r.body).not.toContain(d.record.drawnAt!);
    // Without JavaScript the offline command is explained in the page's language.
    expect(r.body).toMatch(
      /<noscript\s*><p>在浏览器中校验需要 JavaScript。[^<]*<code>npm run verify-draw/,
    );
    const en = await h.app.inject({ url: `/draws/${d.id}?lang=en` });
    expect(en.body).toContain(`${at.slice(0, 10)} ${at.slice(11, 19)} (Beijing time)`);
    expect(
      (await h.app.inject({ url: '/draws/00000000-0000-4000-8000-000000000000' })).statusCode,
    ).toBe(404);
    const list = await h.app.inject({ url: '/draws?jurisdiction=150000&limit=100' });
    expect(list.statusCode).toBe(200);
    const listed = new Date(d.drawnAt.getTime() + 8 * 3600_000).toISOString();
    expect(list.body).toContain(`${listed.slice(0, 10)} ${listed.slice(11, 19)}（北京时间）`);
    expect(list.body).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    const js = await h.app.inject({ url: '/site/draw-verify.js' });
    expect(js.headers['content-type']).toContain('javascript');
  });

  it('recomputes the ranks in the browser: 一致, and 不一致 for an altered record; axe finds nothing serious', async () => {
    const d = await closedDraw();
    const page = await h.page();
    await page.goto(h.url(`/draws/${d.id}`));
    await page.getByRole('button', { name: '开始校验' }).click();
    const out = page.locator('[data-out]');
    await page.locator('[data-out][data-verdict]').waitFor();
    expect(await out.getAttribute('data-verdict')).toBe('MATCH');
    expect(await out.textContent()).toContain('一致');
    // The count beside the verdict says what it counts.
    expect(await page.locator('[data-progress]').textContent()).toMatch(
      /^已计算的排序值 \d+ \/ \d+$/,
    );
    await h.screenshot(page, 'site-draw-match');
    expect(await h.axe(page)).toEqual([]);

    // The same page reading a record whose first selected enterprise was swapped for another.
    const tampered = await h.page({ lang: 'en' });
    await tampered.route('**/api/v1/public/draws/*/record', async (route) => {
      const res = await route.fetch();
      const rec = (await res.json()) as {
        strata: { selected: string[] }[];
        eligible: { uscc: string }[];
      };
      const other = rec.eligible.find((e) => !rec.strata.some((s) => s.selected.includes(e.uscc)));
      if (other) rec.strata[0].selected[0] = other.uscc;
      else rec.strata[0].selected.reverse();
      await route.fulfill({ response: res, body: JSON.stringify(rec) });
    });
    await tampered.goto(h.url(`/draws/${d.id}?lang=en`));
    await tampered.getByRole('button', { name: 'Verify' }).click();
    await tampered.locator('[data-out][data-verdict]').waitFor();
    expect(await tampered.locator('[data-out]').getAttribute('data-verdict')).toBe('MISMATCH');
    expect(await tampered.locator('[data-out]').textContent()).toContain('strata[0]');
    await h.screenshot(tampered, 'site-draw-mismatch');
    expect(h.pageErrors).toEqual([]);
  });
});
