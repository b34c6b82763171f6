import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEV_JWT_SECRET } from '@spotcheck/common';
import { signToken } from '@spotcheck/auth';
import { DEMO_CATALOG, enterpriseCsv } from '../../scripts/demo/demo-data';
import { ROOT, benchDatabase, fmt, peakRssMiB, startApp, table } from './support';

/**
 * `npm run bench -- import [rows]`: N synthetic enterprises as CSV through the real HTTP import
 * (multipart upload → parse → validate → COPY to staging → upsert → audit + outbox), and a plain
 * COPY of the same file into a scratch table, in the same run.
 */
export async function importBench(rows = 1_000_000): Promise<void> {
  const dir = resolve(ROOT, '.bench');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `enterprises-${rows}.csv`);
  if (!existsSync(file)) {
    const t = Date.now();
    await pipeline(Readable.from(enterpriseCsv(rows)), createWriteStream(file));
    console.log(`generated ${file} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const bytes = statSync(file).size;
  const db = await benchDatabase('import');
  try {
    await db.ds.query(
      `INSERT INTO product_category (code, name, sector, items) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
      [
        DEMO_CATALOG.map((c) => c.code),
        DEMO_CATALOG.map((c) => c.name),
        DEMO_CATALOG.map((c) => c.sector),
        DEMO_CATALOG.map((c) => JSON.stringify(c.items)),
      ],
    );

    // Baseline: COPY of the same file into an unindexed scratch table.
    await db.ds.query(
      `CREATE TABLE copy_baseline (uscc text, name text, address text, region_code text, size text, categories text, risk_class text, status text)`,
    );
    const runner = db.ds.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const t0 = process.hrtime.bigint();
    await pipeline(
      createReadStream(file),
      client.query(copyFrom('COPY copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)')),
    );
    const copySeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    await runner.release();

    const app = await startApp('apps/inspection-tasks/src/main.js', { DATABASE_URL: db.url });
    const token = signToken(
      { sub: 'bench', role: 'admin' },
      { secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: 'spotcheck' },
    );
    const timed = async () => {
      const t = process.hrtime.bigint();
      const result = await upload(app.port, token, file);
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      if (result.status !== 201) {
        throw new Error(`import answered ${result.status}: ${result.body.slice(0, 500)}`);
      }
      const body = JSON.parse(result.body) as { rows: number; inserted: number; unchanged: number };
      return { seconds, body };
    };
    // First into the empty directory (the bulk path), then the same file again (every row
    // compared with the table and left unchanged: the incremental path).
    const { seconds: importSeconds, body } = await timed();
    const [{ n }] = (await db.ds.query('SELECT count(*)::int AS n FROM enterprise')) as {
      n: number;
    }[];
    const again = await timed();
    const rss = peakRssMiB(app.child.pid!);
    await app.stop();

    const importRate = rows / importSeconds;
    const copyRate = rows / copySeconds;
    console.log(`\nimport benchmark: ${fmt(rows)} enterprises, ${fmt(bytes / 1048576, 1)} MiB CSV`);
    table([
      [
        'HTTP import (validate + stage + upsert)',
        `${importSeconds.toFixed(2)} s   ${fmt(importRate)} rows/s`,
      ],
      ['plain COPY into scratch table', `${copySeconds.toFixed(2)} s   ${fmt(copyRate)} rows/s`],
      ['ratio import / COPY', `${(importRate / copyRate).toFixed(2)}   (goal ≥ 0.30)`],
      [
        'same file again (all unchanged)',
        `${again.seconds.toFixed(2)} s   ${fmt(rows / again.seconds)} rows/s   unchanged ${fmt(again.body.unchanged)}`,
      ],
      ['goal ≥ 50,000 rows/s', importRate >= 50_000 ? 'met' : 'NOT met'],
      [
        'peak RSS of inspection-tasks (both imports)',
        `${fmt(rss)} MiB (file is ${fmt(bytes / 1048576)} MiB)`,
      ],
      ['rows reported / in table', `${fmt(body.rows)} / ${fmt(n)}`],
    ]);
  } finally {
    await db.drop();
  }
}

/** Streams the file as multipart/form-data without buffering it. */
function upload(
  port: number,
  token: string,
  file: string,
): Promise<{ status: number; body: string }> {
  const boundary = `----bench${Date.now()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="enterprises.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/enterprises/import',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': Buffer.byteLength(head) + statSync(file).size + Buffer.byteLength(tail),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => done({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', fail);
    req.write(head);
    const stream = createReadStream(file);
    stream.pipe(req, { end: false });
    stream.on('end', () => req.end(tail));
  });
}
