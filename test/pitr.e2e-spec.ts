import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordAudit, sealAuditChain, verifyAuditChain } from '@spotcheck/common';
import { Enterprise, createDataSource, postgresAnswers, runMigrations } from '@spotcheck/database';
import { DataSource } from 'typeorm';
import { makeEnterprise } from './medium/factories';
import { freePort, until } from './support/own-servers';

/**
 * Point-in-time recovery as docs/backup.md describes it, on a PostgreSQL cluster of this
 * test's own (the machine's PostgreSQL tools, `pg_config --bindir` or PG_BINDIR; never the
 * shared server): WAL archived by `archive_command`, a base backup by `pg_basebackup`, then a
 * new server from that backup with `restore_command`, `recovery_target_time` and
 * `recovery.signal`. What was committed before the target is there, what came after is not,
 * and the audit chain verifies.
 */

function serverTools(): string {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  try {
    return execFileSync('pg_config', ['--bindir']).toString().trim();
  } catch {
    throw new Error(
      'The point-in-time recovery test needs the PostgreSQL server tools (initdb, postgres, pg_basebackup, pg_verifybackup): put pg_config on the PATH or set PG_BINDIR.',
    );
  }
}
const bindir = serverTools();
const bin = (name: string) => join(bindir, name);

/** initdb and postgres refuse to run as root: as root they run as the `postgres` user. */
const asPostgres: { uid?: number; gid?: number } =
  process.getuid?.() === 0
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
      }
    : {};

const run = (name: string, args: string[]) =>
  execFileSync(bin(name), args, { ...asPostgres, stdio: 'pipe' }).toString();

/** A postgres server on `data`, stopped by a fast shutdown; killed if the test process dies. */
async function startServer(data: string, port: number, settings: string[]): Promise<ChildProcess> {
  const args = ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
  for (const s of ['unix_socket_directories=', 'fsync=off', ...settings]) args.push('-c', s);
  const server = spawn(bin('postgres'), args, { ...asPostgres, stdio: 'ignore' });
  const kill = () => server.kill('SIGKILL');
  process.once('exit', kill);
  server.once('exit', () => process.off('exit', kill));
  await until(async () => {
    if (server.exitCode !== null) throw new Error(`postgres on ${data} exited`);
    return postgresAnswers(`postgres://postgres@127.0.0.1:${port}/postgres`, 1000);
  }, `PostgreSQL on port ${port} answers`);
  return server;
}

function stopServer(server: ChildProcess | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!server || server.exitCode !== null || server.signalCode !== null) return resolve();
    server.once('exit', () => resolve());
    server.kill('SIGINT');
  });
}

describe('point-in-time recovery (WAL archive, pg_basebackup, recovery_target_time)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spotcheck-pitr-'));
  const data = join(dir, 'data');
  const archive = join(dir, 'wal-archive');
  const base = join(dir, 'base');
  const servers: ChildProcess[] = [];
  const sources: DataSource[] = [];

  beforeAll(() => {
    mkdirSync(archive);
    if (asPostgres.uid !== undefined) {
      chownSync(dir, asPostgres.uid, asPostgres.gid!);
      chownSync(archive, asPostgres.uid, asPostgres.gid!);
    }
  });

  afterAll(async () => {
    for (const ds of sources) if (ds.isInitialized) await ds.destroy();
    for (const s of servers) await stopServer(s);
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (url: string) => {
    const ds = createDataSource(url, 2);
    sources.push(ds);
    return ds.initialize();
  };

  it('recovers to a moment: rows before it are back, rows after it are not', async () => {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    const port = await freePort();
    servers.push(
      await startServer(data, port, [
        'wal_level=replica',
        'archive_mode=on',
        `archive_command=test ! -f ${archive}/%f && cp %p ${archive}/%f`,
      ]),
    );
    const server = `postgres://postgres@127.0.0.1:${port}`;
    const admin = await open(`${server}/postgres`);
    await admin.query('CREATE DATABASE spotcheck');
    const ds = await open(`${server}/spotcheck`);
    await runMigrations(ds);

    run('pg_basebackup', [
      `--dbname=${server}/postgres`,
      `--pgdata=${base}`,
      '--checkpoint=fast',
      '--wal-method=stream',
    ]);
    run('pg_verifybackup', [base]);

    // Written after the base backup: only the archived WAL holds them.
    const kept = await makeEnterprise(ds);
    await ds.transaction((m) =>
      recordAudit(m, { sub: 'pitr', role: 'admin' }, [
        { action: 'create', entityType: 'enterprise', entityId: kept.uscc, after: kept },
      ]),
    );
    await sealAuditChain(ds);
    const chainAtTarget = await verifyAuditChain(ds);
    const [{ target }] = (await ds.query(
      `SELECT to_char(clock_timestamp(), 'YYYY-MM-DD HH24:MI:SS.USOF') AS target`,
    )) as { target: string }[];

    const lost = await makeEnterprise(ds);
    await ds.transaction((m) =>
      recordAudit(m, { sub: 'pitr', role: 'admin' }, [
        { action: 'create', entityType: 'enterprise', entityId: lost.uscc, after: lost },
      ]),
    );
    await sealAuditChain(ds);
    // Close the segment holding the late rows and wait until it is in the archive.
    const [{ segment }] = (await ds.query(
      'SELECT pg_walfile_name(pg_switch_wal()) AS segment',
    )) as { segment: string }[];
    await until(async () => {
      const [a] = (await ds.query('SELECT last_archived_wal FROM pg_stat_archiver')) as {
        last_archived_wal: string | null;
      }[];
      return (a.last_archived_wal ?? '') >= segment;
    }, `WAL segment ${segment} archived`);
    await ds.destroy();
    await admin.destroy();
    await stopServer(servers[0]);

    // The recovery of docs/backup.md: settings in postgresql.conf, then recovery.signal.
    appendFileSync(
      join(base, 'postgresql.conf'),
      [
        '',
        `restore_command = 'cp ${archive}/%f %p'`,
        `recovery_target_time = '${target}'`,
        `recovery_target_action = 'promote'`,
        '',
      ].join('\n'),
    );
    writeFileSync(join(base, 'recovery.signal'), '');
    if (asPostgres.uid !== undefined)
      for (const f of ['postgresql.conf', 'recovery.signal'])
        chownSync(join(base, f), asPostgres.uid, asPostgres.gid!);
    const port2 = await freePort();
    servers.push(await startServer(base, port2, ['archive_mode=off']));
    const restored = await open(`postgres://postgres@127.0.0.1:${port2}/spotcheck`);
    await until(
      async () =>
        !((await restored.query('SELECT pg_is_in_recovery() AS r')) as { r: boolean }[])[0].r,
      'the recovered server promoted',
    );

    const enterprises = restored.getRepository(Enterprise);
    expect(await enterprises.existsBy({ uscc: kept.uscc })).toBe(true);
    expect(await enterprises.existsBy({ uscc: lost.uscc })).toBe(false);
    expect(await verifyAuditChain(restored)).toEqual(chainAtTarget);
    // Promoted: it takes writes, and the chain goes on from where the target left it.
    await restored.transaction((m) =>
      recordAudit(m, { sub: 'pitr', role: 'admin' }, [{ action: 'recovered', entityType: 'db' }]),
    );
    expect(await sealAuditChain(restored)).toBe(1);
    expect(await verifyAuditChain(restored)).toMatchObject({
      ok: true,
      checked: chainAtTarget.checked + 1,
    });
  });
});
