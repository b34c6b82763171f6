import type { DataSource, EntityManager } from 'typeorm';
import {
  countUnsealedAuditRows,
  insertAuditRows,
  lastSealedAuditRow,
  lockAuditSealer,
  sealAuditRows,
  sealedAuditRowsFrom,
  unsealedAuditRows,
  type AuditRowForHash,
} from './audit.repository';
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
  await insertAuditRows(manager, cols);
}

export const GENESIS_HASH = '0'.repeat(64);

/** hash(n) = SHA-256(hash(n-1) "\n" canonical JSON of row n's content and chain position). */
export function rowHash(prevHash: string, chainPos: string, r: AuditRowForHash): string {
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
      await lockAuditSealer(m);
      const last = await lastSealedAuditRow(m);
      const rows = await unsealedAuditRows(m, batch);
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
      await sealAuditRows(m, seqs, positions, prevs, hashes);
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
    const rows = await sealedAuditRowsFrom(ds, expected.toString(), page);
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
  return { ok: true, checked, unsealed: await countUnsealedAuditRows(ds) };
}
