import { DataSource } from 'typeorm';
import { recordAudit, sealAuditChain, verifyAuditChain } from '@spotcheck/common';
import { createDataSource } from '@spotcheck/database';

let ds: DataSource;
beforeAll(async () => {
  ds = createDataSource(process.env.DATABASE_URL!, 8);
  await ds.initialize();
});
afterAll(() => ds.destroy());

const actor = { sub: 'auditor', role: 'regulator', org: undefined };

describe('audit hash chain', () => {
  it('chains concurrent writers in sequence order and verifies', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ds.transaction((m) =>
          recordAudit(m, actor, [
            { action: 'update', entityType: 'enterprise', entityId: `E${i}`, after: { i } },
          ]),
        ),
      ),
    );
    expect(await sealAuditChain(ds)).toBeGreaterThanOrEqual(20);
    expect(await sealAuditChain(ds)).toBe(0);
    const v = await verifyAuditChain(ds);
    expect(v).toMatchObject({ ok: true, unsealed: 0 });
    expect(v.checked).toBeGreaterThanOrEqual(20);
  });

  it('refuses updates and deletes of audit rows', async () => {
    await expect(
      ds.query(
        `UPDATE audit_log SET actor = 'mallory' WHERE seq = (SELECT min(seq) FROM audit_log)`,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('names the first tampered row once someone bypasses the guard', async () => {
    await ds.transaction((m) =>
      recordAudit(
        m,
        actor,
        [1, 2, 3].map((i) => ({ action: 'create', entityType: 'lab', entityId: `L${i}` })),
      ),
    );
    await sealAuditChain(ds);
    const [victim] = await ds.query(
      `SELECT seq::text, chain_pos::text FROM audit_log WHERE entity_id = 'L2'`,
    );
    // A superuser can disable the trigger; the chain still tells.
    const forge = async (entityId: string) => {
      await ds.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      try {
        await ds.query(`UPDATE audit_log SET entity_id = $2 WHERE seq = $1`, [
          victim.seq,
          entityId,
        ]);
      } finally {
        await ds.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      }
    };
    await forge('L2-forged');
    const v = await verifyAuditChain(ds);
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toEqual({
      seq: victim.seq,
      chainPos: victim.chain_pos,
      reason: 'content does not match its hash (row changed)',
    });
    // Put back, the row matches its hash again (and later spec files find an intact chain).
    await forge('L2');
    expect(await verifyAuditChain(ds)).toMatchObject({ ok: true });
  });
});
