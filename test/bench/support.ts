import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import {
  createDataSource,
  dropDatabase,
  ensureDatabase,
  runMigrations,
  withDatabase,
} from '@spotcheck/database';
import { nodeOptionsOf } from '@spotcheck/common';
import { DataSource } from 'typeorm';

export const ROOT = resolve(__dirname, '..', '..', '..');

export const freePort = () =>
  new Promise<number>((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => done(p));
    });
  });

/** A fresh, migrated database for one benchmark run. */
export async function benchDatabase(
  name: string,
): Promise<{ url: string; ds: DataSource; drop(): Promise<void> }> {
  const server =
    process.env.BENCH_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const url = withDatabase(server, `spotcheck_bench_${name}_${process.pid}`);
  await dropDatabase(url);
  await ensureDatabase(url);
  const ds = createDataSource(url, 4);
  await ds.initialize();
  await runMigrations(ds);
  return {
    url,
    ds,
    drop: async () => {
      await ds.destroy();
      // BENCH_KEEP=1 keeps the database for profiling afterwards.
      if (process.env.BENCH_KEEP) console.log(`kept ${url}`);
      else await dropDatabase(url);
    },
  };
}

/** Starts a built app as its own process, as production runs it, and waits until it is ready. */
export async function startApp(
  main: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; stop(): Promise<void> }> {
  const port = await freePort();
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the app under load.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  // With the options the app runs with everywhere else (npm start, docker compose).
  const app = /apps\/([^/]+)\//.exec(main)?.[1] ?? '';
  const child = spawn(
    process.execPath,
    [...nodeOptionsOf(app), ...nodeArgs, resolve(ROOT, 'dist', main)],
    {
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
        MIGRATIONS_RUN: 'false',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  // A busy machine can take tens of seconds to start an app.
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${main} exited with ${child.exitCode}`);
    if (
      await fetch(`http://127.0.0.1:${port}/health/live`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i === 1200) {
      child.kill('SIGTERM');
      throw new Error(`${main} did not answer /health/live within 2 minutes`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    port,
    stop: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** CPU time (user + system) a process has used so far, from /proc (Linux), in seconds. */
export function cpuSeconds(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Peak resident set size of a process, from /proc (Linux), in MiB. */
export function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function table(rows: [string, string][]): void {
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
}

/**
 * The machine's load averages over 1, 5 and 15 minutes, for the figures' heading: on a shared
 * machine they say how much else was running.
 */
export const loadAverage = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`;
