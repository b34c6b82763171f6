import AxeBuilder from '@axe-core/playwright';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Principal } from '@spotcheck/auth';
import { consoleDir } from '@spotcheck/common';
import { bootHttp, token } from './app';

/**
 * Browser tests of the consoles in real headless Chromium (Debian's, through playwright-core):
 * an app booted on an ephemeral port over this run's scratch database, serving the built
 * console, and browsers with fresh profiles. Screenshots go to test/artifacts/ (git-ignored).
 *
 *   const h = await startConsole(InspectionTasksModule);
 *   const page = await h.page({ as: REGULATOR_HOHHOT });
 *   await page.goto(h.url('/console/plans'));
 *   await h.screenshot(page, 'plans');
 *   expect(await h.axe(page)).toEqual([]);
 *   await h.close();
 */
/**
 * A browser test drives a real Chromium: on a busy 2-core machine one page can take tens of
 * seconds. Every test file that uses this harness gets the same generous timeout, so none is
 * forgotten at Jest's 60 s default (CI once failed on that under load).
 */
jest.setTimeout(180_000);

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve(__dirname, '..', 'artifacts');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * When a heading with this exact text was first in the page: performance.now() of the first
 * animation frame that had it, looked for in every frame. (A locator's waitFor looks again only
 * after 0, 20, 50, 100, 100 and then every 500 ms: timed that way, a page shown at 900 ms could
 * read as 1,400.) The first-load figures use it.
 */
export async function headingShownAt(page: Page, text: string): Promise<number> {
  const found = await page.waitForFunction(
    (want: string) => {
      const g = globalThis as unknown as {
        document: { querySelectorAll(s: string): Iterable<{ textContent: string | null }> };
        performance: { now(): number };
      };
      for (const h of g.document.querySelectorAll('h1, h2, h3'))
        if (h.textContent?.trim() === want) return g.performance.now();
      return 0;
    },
    text,
    { polling: 'raf' },
  );
  return Math.round((await found.jsonValue()) as number);
}

/**
 * How wide the page's content is once it has settled: its `scrollWidth` as soon as it fits in
 * `width`, or, when it has not within `ms`, as it is then. A page laid out in steps (a menu
 * folding away, a table measuring its columns) can be wider for a frame than it stays; a test
 * asserting it fits a phone reads the settled width, and still fails when it never fits.
 */
export async function settledWidth(page: Page, width: number, ms = 5_000): Promise<number> {
  const scrollWidth = () => page.evaluate<number>('document.documentElement.scrollWidth');
  await page
    .waitForFunction(
      (w: number) =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
          .document.documentElement.scrollWidth <= w,
      width,
      { timeout: ms, polling: 'raf' },
    )
    .catch(() => undefined);
  return scrollWidth();
}

/**
 * A measurement of the page once it holds: `read()` again every frame-ish (50 ms) until `ok`
 * accepts it or `ms` pass, then its last value. For a layout that changes in steps after a
 * resize (antd folds the menu on a media query's change event, a frame or more later): a test
 * asserts on the settled value, and still fails when it never becomes acceptable.
 */
export async function settle<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  ms = 5_000,
): Promise<T> {
  const end = Date.now() + ms;
  let v = await read();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    v = await read();
  }
  return v;
}

/** A phone's screen (390 × 844), once the page has laid itself out for it (see settledWidth). */
export const PHONE_SIZE = { width: 390, height: 844 };
export async function toPhone(page: Page): Promise<void> {
  await page.setViewportSize(PHONE_SIZE);
  await settledWidth(page, PHONE_SIZE.width);
}

export interface ConsoleHarness {
  app: NestFastifyApplication;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url(path: string): string;
  /**
   * A new browser (fresh profile) and its page; `as` signs it in with a bearer token for that
   * principal (the console's development sign-in), `lang` picks the console's language.
   */
  page(opts?: { as?: Principal; lang?: 'zh' | 'en' }): Promise<Page>;
  /** Saves a full-page screenshot as test/artifacts/<name>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  /** The page's serious and critical accessibility violations (axe-core), as short lines. */
  axe(page: Page): Promise<string[]>;
  /** Uncaught errors of the pages so far. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * `boot` gives the app instead of booting `module` with the console's bundle: the public
 * portal's web site (`startConsole(null, 'site', bootPortal)`) needs no bundle.
 */
export async function startConsole(
  module: unknown,
  name = 'console',
  boot?: () => Promise<NestFastifyApplication>,
): Promise<ConsoleHarness> {
  if (!boot && !existsSync(join(consoleDir(), 'index.html')))
    throw new Error(`no console bundle in ${consoleDir()}: run npm run build:console first`);
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const app = boot ? await boot() : await bootHttp(module, name);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const origin = `http://127.0.0.1:${address.port}`;
  const contexts: { context: BrowserContext; dir: string }[] = [];
  const pageErrors: string[] = [];

  return {
    app,
    origin,
    pageErrors,
    url: (path) => `${origin}${path}`,
    async page(opts = {}) {
      const dir = mkdtempSync(join(tmpdir(), 'spotcheck-chromium-'));
      const context = await chromium.launchPersistentContext(dir, {
        executablePath: CHROMIUM,
        args: ARGS,
        headless: true,
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      contexts.push({ context, dir });
      const init: Record<string, string> = {};
      if (opts.as) init['spotcheck.devToken'] = token(opts.as, { expiresInSeconds: 3600 });
      // Runs in the page before its scripts, on every navigation (a string: this file has no
      // DOM types).
      await context.addInitScript(
        `(${(session: Record<string, string>, lang: string | null) => {
          const w = globalThis as unknown as {
            sessionStorage: {
              getItem(k: string): string | null;
              setItem(k: string, v: string): void;
            };
            localStorage: {
              getItem(k: string): string | null;
              setItem(k: string, v: string): void;
            };
          };
          for (const [k, v] of Object.entries(session))
            if (!w.sessionStorage.getItem(k)) w.sessionStorage.setItem(k, v);
          if (lang && !w.localStorage.getItem('spotcheck.lang'))
            w.localStorage.setItem('spotcheck.lang', lang);
        }})(${JSON.stringify(init)}, ${JSON.stringify(opts.lang ?? null)})`,
      );
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
      return page;
    },
    async screenshot(page, shot) {
      const path = join(ARTIFACTS, `${shot}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async axe(page) {
      // Colours are judged as they end, not halfway through a transition: on a busy machine a
      // button that had just stopped loading was caught fading in and failed color-contrast.
      // Finite CSS transitions and animations are waited for (spinners run for ever), 3 s at most.
      await page.evaluate(`Promise.race([
        new Promise((done) => setTimeout(done, 3000)),
        Promise.all(document.getAnimations()
          .filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined))),
      ]).then(() => undefined)`);
      const result = await new AxeBuilder({ page }).analyze();
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.id} (${v.impact}): ${v.help} — ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join('; ')}`,
        );
    },
    async close() {
      for (const { context, dir } of contexts) {
        await context.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      }
      await app.close();
    },
  };
}
