import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { nodeOptionsOf } from '@spotcheck/common';
import { createDataSource, runMigrations } from '@spotcheck/database';
import { OwnPostgres, OwnRedis, freePort, until } from '../support/own-servers';

/**
 * A live stack for the fault suite: the built apps (`npm run build`) as real processes, against
 * a PostgreSQL cluster and a redis-server of the suite's own on free ports, so that any of them
 * can be killed and restarted. Each process writes its log to a file in `dir`.
 */

export const ROOT = resolve(__dirname, '..', '..');

/** Short enough that the suite sees recovery within seconds; production keeps the defaults. */
const SETTINGS = {
  OUTBOX_POLL_MS: '250',
  OUTBOX_REDELIVER_MS: '3000',
  AUDIT_SEAL_EVERY_MS: '500',
  DATABASE_POOL_SIZE: '6',
};

type AppName = 'inspection-tasks' | 'worker';

/** One app process that can be started, SIGKILLed and started again on the same port. */
export class AppProcess {
  private child?: ChildProcess;
  private starts = 0;
  /** When the process was not serving: [from, to] in ms since the epoch (to: now while down). */
  readonly downtimes: [number, number | undefined][] = [];

  constructor(
    readonly name: string,
    private readonly app: AppName,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get logFile(): string {
    return join(this.dir, `${this.name}.log`);
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const log = openSync(this.logFile, 'a');
    this.starts += 1;
    const child = spawn(
      process.execPath,
      [...nodeOptionsOf(this.app), join(ROOT, 'dist', 'apps', this.app, 'src', 'main.js')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ...SETTINGS,
          ...this.env,
          NODE_ENV: 'development',
          LOG_FORMAT: 'json',
          LOG_LEVEL: 'info',
          MIGRATIONS_RUN: 'false',
          HOST: '127.0.0.1',
          PORT: String(this.port),
          APP_NAME: this.name,
        },
        stdio: ['ignore', log, log],
      },
    );
    closeSync(log);
    this.child = child;
    const kill = () => child.kill('SIGKILL');
    process.once('exit', kill);
    child.once('exit', () => process.off('exit', kill));
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}`);
      const r = await fetch(`${this.url}/health/live`, { signal: AbortSignal.timeout(1000) });
      return r.ok;
    }, `${this.name} answers /health/live (log: ${this.logFile})`);
    const last = this.downtimes.at(-1);
    if (last && last[1] === undefined) last[1] = Date.now();
  }

  /** SIGKILL: no shutdown hook runs, requests in flight are cut, jobs stay claimed. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    return new Promise((done) => {
      if (!child || !this.running) return done();
      this.downtimes.push([Date.now(), undefined]);
      child.once('exit', () => done());
      child.kill(signal);
    });
  }

  /** Whether the process was down at any moment of [from, to]. */
  wasDownDuring(from: number, to: number): boolean {
    return this.downtimes.some(([a, b]) => a <= to && (b ?? Date.now()) >= from);
  }

  /** The readiness answer (the worker's names what runs on a fallback under `degraded`). */
  async ready(): Promise<{ status: number; body: Record<string, unknown> }> {
    const r = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(3000) });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  }

  /** The log lines (JSON) whose message matches. */
  logged(pattern: RegExp): string[] {
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((l) => pattern.test(l));
  }
}

export class Stack {
  readonly workers: AppProcess[] = [];

  private constructor(
    readonly dir: string,
    readonly pg: OwnPostgres,
    readonly redis: OwnRedis,
    readonly databaseUrl: string,
    readonly ds: DataSource,
    readonly api: AppProcess,
  ) {}

  /** The cluster, Redis, a migrated database, one inspection-tasks API and one worker. */
  static async start(): Promise<Stack> {
    const built = join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');
    if (spawnSync(process.execPath, ['-e', `require.resolve(${JSON.stringify(built)})`]).status)
      throw new Error('the fault suite runs the built apps: run `npm run build` first');
    const dir = mkdtempSync(join(tmpdir(), 'spotcheck-faults-'));
    const pg = await OwnPostgres.start();
    const redis = await OwnRedis.start();
    const databaseUrl = await pg.createDatabase('spotcheck');
    const ds = createDataSource(databaseUrl, 4);
    await ds.initialize();
    await runMigrations(ds);
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url };
    const api = new AppProcess('api', 'inspection-tasks', await freePort(), env, dir);
    const stack = new Stack(dir, pg, redis, databaseUrl, ds, api);
    await api.start();
    await stack.addWorker();
    return stack;
  }

  /** Starts one more worker (they share the work: jobs are claimed once). */
  async addWorker(): Promise<AppProcess> {
    const env = { DATABASE_URL: this.databaseUrl, REDIS_URL: this.redis.url };
    const w = new AppProcess(
      `worker-${this.workers.length + 1}`,
      'worker',
      await freePort(),
      env,
      this.dir,
    );
    await w.start();
    this.workers.push(w);
    return w;
  }

  /** Stops every process and server; the suite's files stay in `dir` for a failed run. */
  async stop(): Promise<void> {
    for (const p of [this.api, ...this.workers]) await p.kill('SIGTERM');
    await this.ds.destroy().catch(() => undefined);
    await this.redis.stop();
    await this.pg.destroy();
  }
}
