import { createHash } from 'node:crypto';
import type { Principal } from '@spotcheck/auth';
import { EpcisCaptureService } from '../../../apps/inspection-tasks/src/epcis/epcis-capture.service';
import { EpcisQueryService } from '../../../apps/inspection-tasks/src/epcis/epcis-query.service';
import { EpcisModule } from '../../../apps/inspection-tasks/src/epcis/epcis.module';
import { GtinPrefixService } from '../../../apps/inspection-tasks/src/epcis/gtin-prefix.service';
import { distributionDocument, gtinOf } from '../../support/epcis-documents';
import { makeEnterprise } from '../factories';
import { Medium, medium } from '../support';

const regulator = (jurisdiction: string): Principal => ({
  sub: `medium-reg-${jurisdiction}`,
  role: 'regulator',
  jurisdiction,
});
const ADMIN: Principal = { sub: 'medium-admin', role: 'admin' };
let prefixes = 0;
/** A 7-digit company prefix of this run only. */
const freshPrefix = () => `69${String((process.pid * 7 + prefixes++) % 100_000).padStart(5, '0')}`;

describe('EPCIS capture and query (medium)', () => {
  let m: Medium;
  beforeAll(async () => {
    m = await medium([EpcisModule]);
  });
  afterAll(() => m.close());

  async function captured(events = 12) {
    const e = await makeEnterprise(m.ds, { regionCode: '150102' });
    const p: Principal = { sub: 'medium-ent', role: 'enterprise', org: e.uscc };
    const prefix = freshPrefix();
    await m.get(GtinPrefixService).register(p, { companyPrefix: prefix } as never);
    const doc = distributionDocument(prefix, events, `m${prefixes}`);
    const sha = createHash('sha256').update(JSON.stringify(doc)).digest('hex');
    const receipt = await m.get(EpcisCaptureService).capture(p, doc, sha);
    return { e, p, prefix, doc, sha, receipt };
  }

  it('stores each event once: a second capture of the same document finds only duplicates', async () => {
    const { p, doc, sha, receipt } = await captured();
    expect(receipt).toMatchObject({ events: 12, stored: 12, duplicates: 0, bodySha256: sha });
    const again = await m.get(EpcisCaptureService).capture(p, doc, sha);
    expect(again).toMatchObject({ events: 12, stored: 0, duplicates: 12 });
  });

  it('refuses events about products the enterprise does not hold', async () => {
    const { p } = await captured();
    const foreign = distributionDocument(freshPrefix(), 3, 'foreign');
    await expect(
      m.get(EpcisCaptureService).capture(p, foreign, 'ab'.repeat(32)),
    ).rejects.toMatchObject({ kind: 'forbidden', code: 'EPCIS_NOT_OWN_PRODUCTS' });
  });

  it('shows events to the enterprise and its jurisdiction; elsewhere they do not exist', async () => {
    const { e, p, receipt } = await captured();
    const q = m.get(EpcisQueryService);
    const own = await q.list(p, { captureId: receipt.captureId, limit: 100 } as never);
    expect(own.items).toHaveLength(12);
    const hohhot = await q.list(regulator('150100'), {
      captureId: receipt.captureId,
      limit: 100,
    } as never);
    expect(hohhot.items).toHaveLength(12);
    const baotou = regulator('150200');
    expect(
      (await q.list(baotou, { captureId: receipt.captureId, limit: 100 } as never)).items,
    ).toEqual([]);
    const one = own.items[0];
    expect((await q.get(ADMIN, one.id)).owner).toBe(e.uscc);
    await expect(q.get(baotou, one.id)).rejects.toMatchObject({ kind: 'not_found' });
    const other = await makeEnterprise(m.ds);
    await expect(
      q.get({ sub: 'x', role: 'enterprise', org: other.uscc }, one.id),
    ).rejects.toMatchObject({ kind: 'not_found' });
    await expect(
      q.list({ sub: 'l', role: 'lab', org: one.id }, { limit: 1 } as never),
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('gives the distribution of a product in time order', async () => {
    const { p, prefix } = await captured(20);
    const d = await m.get(EpcisQueryService).distribution(p, { gtin: gtinOf(prefix, '00001') });
    expect(d.items.length).toBeGreaterThan(0);
    const times = d.items.map((s) => new Date(s.eventTime).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(
      d.items.every((s) => s.movement !== null || s.sources.length + s.destinations.length > 0),
    ).toBe(true);
  });
});
