import type { DataSource, EntityManager } from 'typeorm';

/** An audit row's content and position as the hash covers them (`at` in microseconds). */
export interface AuditRowForHash {
  seq: string;
  at_us: string;
  actor: string;
  role: string;
  org: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_digest: string | null;
  after_digest: string | null;
  detail: unknown;
}

/** A sealed row as the verifier reads it. */
export interface SealedAuditRow extends AuditRowForHash {
  pos: string;
  prev_hash: string;
  hash: string;
}

/** One column array per audit_log column, in the order of {@link insertAuditRows}. */
export type AuditColumns = (string | null)[][];

const SEAL_LOCK = 7_349_120_002;

const ROW_COLUMNS = `seq::text, (extract(epoch FROM at) * 1000000)::bigint::text AS at_us, actor, role, org, action,
  entity_type, entity_id, before_digest, after_digest, detail`;

/**
 * Inserts rows given column-wise (actor, role, org, action, entity_type, entity_id,
 * before_digest, after_digest, detail): one statement for any number of rows.
 */
export async function insertAuditRows(m: EntityManager, cols: AuditColumns): Promise<void> {
  await m.query(
    `INSERT INTO audit_log (actor, role, org, action, entity_type, entity_id, before_digest, after_digest, detail)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])`,
    cols,
  );
}

/** Waits for the sealer's transaction lock: one sealer at a time, cluster-wide. */
export async function lockAuditSealer(m: EntityManager): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
}

/** The last sealed row's chain position and hash, if any row is sealed. */
export async function lastSealedAuditRow(
  m: EntityManager,
): Promise<{ pos: string; hash: string } | undefined> {
  const [last] = (await m.query(
    'SELECT chain_pos::text AS pos, hash FROM audit_log WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1',
  )) as { pos: string; hash: string }[];
  return last;
}

/**
 * Up to `limit` unsealed rows in sequence order. `audit_log.seq`, not `seq`: a bare name would
 * sort by the text output column ('10' before '9').
 */
export async function unsealedAuditRows(
  m: EntityManager,
  limit: number,
): Promise<AuditRowForHash[]> {
  return (await m.query(
    `SELECT ${ROW_COLUMNS} FROM audit_log WHERE chain_pos IS NULL ORDER BY audit_log.seq LIMIT $1`,
    [limit],
  )) as AuditRowForHash[];
}

/** Seals rows: the i-th row (by `seqs[i]`) gets chain position, previous hash and hash i. */
export async function sealAuditRows(
  m: EntityManager,
  seqs: string[],
  positions: string[],
  prevs: string[],
  hashes: string[],
): Promise<void> {
  await m.query(
    `UPDATE audit_log a SET chain_pos = v.pos, prev_hash = v.prev, hash = v.hash
     FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v(seq, pos, prev, hash)
     WHERE a.seq = v.seq`,
    [seqs, positions, prevs, hashes],
  );
}

/** Up to `limit` sealed rows from chain position `from` on, in chain order. */
export async function sealedAuditRowsFrom(
  ds: DataSource,
  from: string,
  limit: number,
): Promise<SealedAuditRow[]> {
  return (await ds.query(
    `SELECT chain_pos::text AS pos, prev_hash, hash, ${ROW_COLUMNS}
     FROM audit_log WHERE chain_pos >= $1 ORDER BY audit_log.chain_pos LIMIT $2`,
    [from, limit],
  )) as SealedAuditRow[];
}

export async function countUnsealedAuditRows(ds: DataSource): Promise<number> {
  const [{ n }] = (await ds.query(
    'SELECT count(*)::int AS n FROM audit_log WHERE chain_pos IS NULL',
  )) as { n: number }[];
  return n;
}
