import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { recordAudit, sealAuditChain, verifyAuditChain } from '@spotcheck/common';
import {
  createDataSource,
  dropDatabase,
  ensureDatabase,
  runMigrations,
  withDatabase,
} from '@spotcheck/database';
import { DataSource } from 'typeorm';
import { DrawService } from '../apps/inspection-tasks/src/draws/draw.service';
import { DrawsModule } from '../apps/inspection-tasks/src/draws/draws.module';
import { EnterpriseService } from '../apps/inspection-tasks/src/enterprises/enterprise.service';
import { EnterprisesModule } from '../apps/inspection-tasks/src/enterprises/enterprises.module';
import { ReportService } from '../apps/lab-results/src/reports/report.service';
import { ReportsModule } from '../apps/lab-results/src/reports/reports.module';
import { makeCategory } from './medium/factories';
import { makeSampleAtLab, makeStaffedLab } from './medium/factories/labs';
import { SEED, hohhot, makeCommittedPlan, makeDrawWorld } from './medium/factories/planning';
import { Medium, freshUscc, medium, unique } from './medium/support';

const run = promisify(execFile);

/**
 * The procedure of docs/backup.md, end to end: data written through the services into a
 * database of this test's own, `scripts/backup.sh`, `scripts/restore.sh` into a database
 * that did not exist, then every table compared and the audit chain verified by the same
 * function `npm run audit:verify` runs.
 */
describe('backup and restore (pg_dump, pg_restore)', () => {
  const server = process.env.DATABASE_URL!;
  const id = `${Date.now().toString(36)}_${process.pid}`;
  const sourceUrl = withDatabase(server, `spotcheck_backup_src_${id}`);
  const targetUrl = withDatabase(server, `spotcheck_backup_dst_${id}`);
  let dir: string;
  let m: Medium;
  let target: DataSource | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spotcheck-backup-'));
    await ensureDatabase(sourceUrl);
    const ds = createDataSource(sourceUrl, 2);
    await ds.initialize();
    await runMigrations(ds);
    await ds.destroy();
    // The services read DATABASE_URL when their module is compiled; Jest gives every spec
    // file its own copy of process.env, so this reaches no other file.
    process.env.DATABASE_URL = sourceUrl;
    m = await medium([EnterprisesModule, DrawsModule, ReportsModule]);
    process.env.DATABASE_URL = server;
  });

  afterAll(async () => {
    await m?.close();
    await target?.destroy();
    await dropDatabase(targetUrl).catch(() => undefined);
    await dropDatabase(sourceUrl).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  /** Rows written the way the apps write them: each with its audit rows and outbox rows. */
  async function writeThroughServices(): Promise<void> {
    const cat = await makeCategory(m.ds);
    await m.get(EnterpriseService).create(hohhot, {
      uscc: freshUscc('150102'),
      name: '呼和浩特市备份测试乳业有限公司',
      regionCode: '150102',
      size: 'small',
      riskClass: 'B',
      categories: [cat.code],
    });
    const world = await makeDrawWorld(m.ds, { enterprises: 3 });
    const plan = await makeCommittedPlan(m.ds, { categories: [world.category.code] });
    await m.get(DrawService).draw(hohhot, plan.id, { seed: SEED });
    const staffed = await makeStaffedLab(m.ds);
    const { sample } = await makeSampleAtLab(m.ds, staffed.lab, {
      received: { by: staffed.tester.sub },
    });
    const reports = m.get(ReportService);
    const report = await reports.create(staffed.tester, {
      sampleNo: sample.sampleNo,
      reportNo: unique('JC'),
      items: [{ itemCode: 'X1', value: '0.8' }],
    });
    await reports.transition(staffed.tester, report.id, { event: 'submit' });
    await reports.transition(staffed.reviewer, report.id, { event: 'review' });
    await reports.transition(staffed.signatory, report.id, { event: 'issue' });
  }

  /** Every table of the schema with its row count and a digest of its rows in a fixed order. */
  async function snapshot(ds: DataSource): Promise<Record<string, { rows: number; md5: string }>> {
    const tables = (await ds.query(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )) as { name: string }[];
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables) {
      const [row] = (await ds.query(
        `SELECT count(*)::int AS rows, coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') AS md5
         FROM "${name}" t`,
      )) as { rows: number; md5: string }[];
      out[name] = row;
    }
    return out;
  }

  /**
   * The schema as pg_dump writes it: tables, indexes, constraints, triggers (the audit log's
   * append-only guard among them), functions. `\restrict` lines carry a random key per run.
   */
  async function schemaOf(url: string): Promise<string> {
    const { stdout } = await run('pg_dump', ['--schema-only', '--no-owner', `--dbname=${url}`], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.replace(/^\\(un)?restrict .*$/gm, '');
  }

  it('restores into a fresh database with every row and an intact audit chain that goes on', async () => {
    await writeThroughServices();
    await sealAuditChain(m.ds);
    // One row written after the last seal: a backup holds the chain as it stands, pending rows too.
    await m.ds.transaction((tx) =>
      recordAudit(tx, hohhot, [{ action: 'update', entityType: 'plan', entityId: 'pending' }]),
    );
    const before = await snapshot(m.ds);
    const chainBefore = await verifyAuditChain(m.ds);
    expect(chainBefore).toMatchObject({ ok: true, unsealed: 1 });
    expect(chainBefore.checked).toBeGreaterThanOrEqual(5);
    for (const table of ['enterprise', 'draw', 'inspection_task', 'lab_report', 'outbox'])
      expect(before[table]?.rows).toBeGreaterThan(0);

    const env = { ...process.env, DATABASE_URL: sourceUrl };
    const backup = await run('scripts/backup.sh', [dir], { env });
    const file = backup.stdout.trim();
    expect(file).toMatch(/spotcheck-\d{8}T\d{6}Z\.dump$/);
    expect((await readdir(dir)).sort()).toEqual(
      [file, `${file}.sha256`].map((f) => f.slice(dir.length + 1)).sort(),
    );

    await run('scripts/restore.sh', [file, targetUrl], { env });
    target = createDataSource(targetUrl, 2);
    await target.initialize();
    expect(await snapshot(target)).toEqual(before);
    expect(await schemaOf(targetUrl)).toBe(await schemaOf(sourceUrl));
    expect(await verifyAuditChain(target)).toEqual(chainBefore);

    // The restored database carries on: sequences were restored, so new rows follow the old.
    await target.transaction((tx) =>
      recordAudit(tx, hohhot, [{ action: 'update', entityType: 'plan', entityId: 'after' }]),
    );
    expect(await sealAuditChain(target)).toBe(2);
    expect(await verifyAuditChain(target)).toEqual({
      ok: true,
      checked: chainBefore.checked + 2,
      unsealed: 0,
    });
  });

  /** A fresh dump of the source database in a folder of its own. */
  async function dump(): Promise<string> {
    const out = await run('scripts/backup.sh', [join(dir, unique('b'))], {
      env: { ...process.env, DATABASE_URL: sourceUrl },
    });
    return out.stdout.trim();
  }

  it('refuses to restore over a database that holds tables', async () => {
    await expect(run('scripts/restore.sh', [await dump(), sourceUrl])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already has tables'),
    });
  });

  it('refuses a dump whose checksum does not match, before creating anything', async () => {
    const file = await dump();
    await appendFile(file, 'x');
    const url = withDatabase(server, `spotcheck_backup_bad_${id}`);
    await expect(run('scripts/restore.sh', [file, url])).rejects.toMatchObject({ code: 1 });
    // Created here, so it did not exist: the restore stopped before CREATE DATABASE.
    expect(await ensureDatabase(url)).toBe(true);
    await dropDatabase(url);
  });
});
