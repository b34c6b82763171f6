import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson, digestOf, sha256Hex } from './canonical-json';

/** Who did it; a Principal fits. */
export interface Actor {
  sub: string;
  role: string;
  org?: string;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

/**
 * Appends audit rows in the caller's transaction. Rows get only a sequence number here; the
 * hash chain is computed later by {@link sealAuditChain}, so concurrent writers never queue.
 */
export async function recordAudit(
  manager: EntityManager,
  actor: Actor,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const cols: (string | null)[][] = [[], [], [], [], [], [], [], [], []];
  for (const e of entries) {
    const row = [
      actor.sub,
      actor.role,
      actor.org ?? null,
      e.action,
      e.entityType,
      e.entityId ?? null,
      digestOf(e.before),
      digestOf(e.after),
      e.detail ? JSON.stringify(e.detail) : null,
    ];
    row.forEach((v, i) => cols[i].push(v));
  }
  await manager.query(
    `INSERT INTO audit_log (actor, role, org, action, entity_type, entity_id, before_digest, after_digest, detail)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[])`,
    cols,
  );
}

export const GENESIS_HASH = '0'.repeat(64);
const SEAL_LOCK = 7_349_120_002;

interface RowForHash {
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

const ROW_COLUMNS = `seq::text, (extract(epoch FROM at) * 1000000)::bigint::text AS at_us, actor, role, org, action,
  entity_type, entity_id, before_digest, after_digest, detail`;

/** hash(n) = SHA-256(hash(n-1) "\n" canonical JSON of row n's content and chain position). */
export function rowHash(prevHash: string, chainPos: string, r: RowForHash): string {
  const content = canonicalJson({
    chainPos,
    seq: r.seq,
    atMicros: r.at_us,
    actor: r.actor,
    role: r.role,
    org: r.org,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    beforeDigest: r.before_digest,
    afterDigest: r.after_digest,
    detail: r.detail,
  });
  return sha256Hex(`${prevHash}\n${content}`);
}

/**
 * Chains unsealed rows in sequence order after the last sealed row. One sealer at a time
 * (transaction advisory lock); safe to run twice. A row whose transaction commits late gets
 * a later chain position; its `seq` still says when it was written.
 */
export async function sealAuditChain(ds: DataSource, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
      const [last] = (await m.query(
        'SELECT chain_pos::text AS pos, hash FROM audit_log WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1',
      )) as { pos: string; hash: string }[];
      const rows = (await m.query(
        `SELECT ${ROW_COLUMNS} FROM audit_log WHERE chain_pos IS NULL ORDER BY seq LIMIT $1`,
        [batch],
      )) as RowForHash[];
      if (rows.length === 0) return 0;
      let prev = last?.hash ?? GENESIS_HASH;
      let pos = BigInt(last?.pos ?? 0);
      const seqs: string[] = [];
      const positions: string[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const r of rows) {
        pos += 1n;
        const h = rowHash(prev, pos.toString(), r);
        seqs.push(r.seq);
        positions.push(pos.toString());
        prevs.push(prev);
        hashes.push(h);
        prev = h;
      }
      await m.query(
        `UPDATE audit_log a SET chain_pos = v.pos, prev_hash = v.prev, hash = v.hash
         FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v(seq, pos, prev, hash)
         WHERE a.seq = v.seq`,
        [seqs, positions, prevs, hashes],
      );
      return rows.length;
    });
    total += sealed;
    if (sealed < batch) return total;
  }
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  unsealed: number;
  firstBroken?: { seq: string; chainPos: string; reason: string };
}

/** Walks the chain in order and names the first row whose link or content does not match. */
export async function verifyAuditChain(ds: DataSource, page = 10_000): Promise<ChainVerdict> {
  let prev = GENESIS_HASH;
  let expected = 1n;
  let checked = 0;
  for (;;) {
    const rows = (await ds.query(
      `SELECT chain_pos::text AS pos, prev_hash, hash, ${ROW_COLUMNS}
       FROM audit_log WHERE chain_pos >= $1 ORDER BY audit_log.chain_pos LIMIT $2`,
      [expected.toString(), page],
    )) as (RowForHash & { pos: string; prev_hash: string; hash: string })[];
    for (const r of rows) {
      const broken = (reason: string, chainPos = r.pos): ChainVerdict => ({
        ok: false,
        checked,
        unsealed: 0,
        firstBroken: { seq: r.seq, chainPos, reason },
      });
      if (r.pos !== expected.toString())
        return broken(`chain position ${expected} is missing (row deleted?)`, expected.toString());
      if (r.prev_hash !== prev) return broken('prev_hash does not match the previous row');
      if (rowHash(prev, r.pos, r) !== r.hash)
        return broken('content does not match its hash (row changed)');
      prev = r.hash;
      expected += 1n;
      checked += 1;
    }
    if (rows.length < page) break;
  }
  const [{ n }] = (await ds.query(
    'SELECT count(*)::int AS n FROM audit_log WHERE chain_pos IS NULL',
  )) as { n: number }[];
  return { ok: true, checked, unsealed: n };
}
