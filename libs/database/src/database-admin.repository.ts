import type { Client } from 'pg';

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Statements on the maintenance database (`postgres`) that create and drop databases. */
export async function databaseExists(admin: Client, name: string): Promise<boolean> {
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return Boolean(rowCount);
}

export async function createDatabase(admin: Client, name: string): Promise<void> {
  await admin.query(`CREATE DATABASE ${quoted(name)}`);
}

/** Drops the database, ending its open sessions first. */
export async function dropDatabaseNamed(admin: Client, name: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
}
