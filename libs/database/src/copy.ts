import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/**
 * PostgreSQL's COPY … FROM STDIN in text format, the fastest way to write many rows: no
 * parameters to bind, no SQL to parse per row. Used wherever the apps write rows by the
 * thousand (directory imports stage their rows with it, lab uploads write their items).
 */

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** A text value in COPY text format: backslash, tab, newline and carriage return escaped. */
export function copyText(v: string): string {
  return COPY_SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : v;
}

/** Any column value in COPY text format: null as \N, arrays as array literals. */
export function copyValue(v: string | readonly string[] | number | boolean | null): string {
  if (v === null) return '\\N';
  if (Array.isArray(v))
    return copyText(`{${v.map((x: string) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return copyText(String(v));
}

/**
 * Runs `COPY … FROM STDIN` on the manager's connection (inside its transaction, if any) and
 * writes `chunks` to it with backpressure. Each chunk holds whole lines. Rejects with
 * PostgreSQL's error when a row is refused; the transaction is then for the caller to roll back.
 */
export async function copyIn(
  m: EntityManager,
  sql: string,
  chunks: Iterable<string>,
): Promise<void> {
  if (!m.queryRunner) throw new Error('copyIn needs a manager bound to a query runner');
  const client = (await m.queryRunner.connect()) as PoolClient;
  const stream = client.query(copyFrom(sql)) as Writable;
  try {
    for (const chunk of chunks) if (!stream.write(chunk)) await once(stream, 'drain');
    stream.end();
    await finished(stream);
  } catch (e) {
    stream.destroy(e as Error);
    await finished(stream).catch(() => undefined);
    throw e;
  }
}
