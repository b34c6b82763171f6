import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a read as a named prepared statement on the data source's pool, outside any
 * transaction: each connection parses and plans a statement text once, then only binds and
 * executes it. For reads asked many times a second with the same text (list pages), where
 * planning cost PostgreSQL three times what executing did. Rows come back as node-postgres
 * reads them (no entity hydration).
 */
/** Statement names by text: hashing the text for each request showed in a list's profile. */
const names = new Map<string, string>();

export async function preparedQuery(
  ds: DataSource,
  text: string,
  values: unknown[],
): Promise<Record<string, unknown>[]> {
  const pool = (ds.driver as unknown as { master: Pool }).master;
  // Same text, same name: a name stands for one text on every connection.
  let name = names.get(text);
  if (name === undefined) {
    name = `p_${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size >= 1_000) names.clear();
    names.set(text, name);
  }
  const result = await pool.query({ name, text, values });
  return result.rows as Record<string, unknown>[];
}
