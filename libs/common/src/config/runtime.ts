/**
 * Node.js options each app runs with, wherever it is started: `npm start` (scripts/start.ts),
 * the benchmarks (test/bench/support.ts) and docker/compose.yml (which repeats them, since
 * YAML cannot import this file).
 *
 * lab-results caps V8's old space at 320 MB. A bulk upload holds its parsed body (up to
 * 20,000 items) while it is written, so each one promotes tens of megabytes to the old space;
 * left to itself V8 lets the old space grow to about four times what stays alive (some
 * 300 MB) before it collects, and the process passed 400 MB of RSS in the ingest benchmark.
 * With the cap it collects earlier and stays near 230 MB. The cap is safe because uploads
 * are gated (LAB_UPLOAD_CONCURRENCY, 2 by default): the app holds about 45 MB at rest, and a
 * 20,000-item body of 2.6 MiB about 7 MB once parsed and checked (a body at the 16 MiB limit,
 * all long texts, a few tens of MB).
 */
export const APP_NODE_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  'lab-results': ['--max-old-space-size=320'],
};

/** The Node.js options of an app, by name (none for apps not listed). */
export function nodeOptionsOf(app: string): readonly string[] {
  return APP_NODE_OPTIONS[app] ?? [];
}
