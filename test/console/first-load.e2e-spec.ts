import { statSync } from 'node:fs';
import { join } from 'node:path';
import { InspectionTasksModule } from '../../apps/inspection-tasks/src/app.module';
import { consoleDir } from '@spotcheck/common';
import type { Principal } from '@spotcheck/auth';
import { freshUscc } from '../medium/support';
import { REGULATOR_HOHHOT } from '../support/app';
import { ConsoleHarness, headingShownAt, startConsole } from '../support/browser';

/**
 * The console's first load stays at or under 350 KB of gzipped script and style: what Chromium
 * fetches from the bundle to show the sign-in page, and the start page of a signed-in regulator
 * and of an enterprise.
 * The size is deterministic and asserted; the time (from navigation to the first frame with the
 * page's heading) is printed, not asserted (timings belong to benchmarks).
 */
const BUDGET = 350 * 1024;

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole(InspectionTasksModule, 'inspection-tasks');
});
afterAll(() => h?.close());

async function firstLoad(path: string, ready: string, as?: Principal) {
  const page = await h.page(as ? { as } : {});
  const assets = new Set<string>();
  page.on('response', (r) => {
    const m = /\/console\/(assets\/[^?]+\.(?:js|css))$/.exec(r.url());
    if (m) assets.add(m[1]);
  });
  await page.goto(h.url(path));
  const ms = await headingShownAt(page, ready);
  await page.getByRole('heading', { name: ready }).waitFor();
  const gzipped = [...assets].reduce((sum, a) => {
    const file = join(consoleDir(), a);
    const gz = `${file}.gz`;
    // Files under 1 KB are not compressed; they count as they are.
    try {
      return sum + statSync(gz).size;
    } catch {
      return sum + statSync(file).size;
    }
  }, 0);
  return { files: assets.size, gzipped, ms, assets: [...assets] };
}

it('loads the sign-in page within the budget', async () => {
  const r = await firstLoad('/console/', '抽检通 · 登录');
  console.log(
    `first load, sign-in: ${r.files} files, ${(r.gzipped / 1024).toFixed(1)} KB gzipped, shown after ${r.ms} ms`,
  );
  expect(r.gzipped).toBeLessThanOrEqual(BUDGET);
  expect(r.assets.filter((a) => /echarts/i.test(a))).toEqual([]);
});

it('loads the start page of a signed-in regulator within the budget', async () => {
  const r = await firstLoad('/console/', '工作台', REGULATOR_HOHHOT);
  console.log(
    `first load, start page: ${r.files} files, ${(r.gzipped / 1024).toFixed(1)} KB gzipped, shown after ${r.ms} ms`,
  );
  expect(r.gzipped).toBeLessThanOrEqual(BUDGET);
  expect(r.assets.filter((a) => /echarts/i.test(a))).toEqual([]);
});

it('loads the start page of a signed-in enterprise within the budget', async () => {
  // Its own start page (notices and corrections), a chunk of its own beside the regulators'.
  const enterprise: Principal = {
    sub: 'first-load-ent',
    role: 'enterprise',
    org: freshUscc(),
  };
  const r = await firstLoad('/console/', '工作台', enterprise);
  console.log(
    `first load, enterprise start page: ${r.files} files, ${(r.gzipped / 1024).toFixed(1)} KB gzipped, shown after ${r.ms} ms`,
  );
  expect(r.gzipped).toBeLessThanOrEqual(BUDGET);
  expect(r.assets.filter((a) => /echarts/i.test(a))).toEqual([]);
});
