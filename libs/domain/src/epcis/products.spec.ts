import fc from 'fast-check';
import { completeGtin, validateGtin } from '../gtin';
import {
  epcisEventProducts,
  epcisLotKey,
  epcisProductMentions,
  epcisProductOf,
  holdingCovers,
  holdingsOverlap,
  validateCompanyPrefix,
  type EpcisProductProblem,
  type GtinHolding,
} from './products';

const product = (uri: string) => {
  const r = epcisProductOf(uri);
  if (!r?.ok) throw new Error(`expected a product from ${uri}, got ${JSON.stringify(r)}`);
  return r.product;
};
const reason = (uri: string) => {
  const r = epcisProductOf(uri);
  if (r === null || r.ok)
    throw new Error(`expected a problem with ${uri}, got ${JSON.stringify(r)}`);
  return r.reason;
};

describe('epcisProductOf', () => {
  it('reads the GTIN of an SGTIN and an LGTIN as GS1 Tag Data Standard examples do', () => {
    // TDS 2.x examples: (01) 10614141073464 (21) 2017 and (01) 04012345123456 (10) 998877.
    expect(product('urn:epc:id:sgtin:0614141.107346.2017')).toEqual({
      gtin: '10614141073464',
      serial: '2017',
    });
    expect(product('urn:epc:class:lgtin:4012345.012345.998877')).toEqual({
      gtin: '04012345123456',
      lot: '998877',
    });
    expect(product('urn:epc:idpat:sgtin:4012345.012345.*')).toEqual({ gtin: '04012345123456' });
  });

  it('reads GS1 Digital Link URIs on id.gs1.org and on a brand resolver with a path prefix', () => {
    expect(product('https://id.gs1.org/01/09521234543213/10/B-7')).toEqual({
      gtin: '09521234543213',
      lot: 'B-7',
    });
    expect(product('https://id.gs1.org/01/9521234543213/21/A%2F1?17=250101')).toEqual({
      gtin: '09521234543213',
      serial: 'A/1',
    });
    expect(product('https://brand.example.com/p/01/9521234543213/22/2A/10/L1/21/7')).toEqual({
      gtin: '09521234543213',
      lot: 'L1',
      serial: '7',
    });
    expect(product('https://id.gs1.org/01/09521234543213')).toEqual({ gtin: '09521234543213' });
  });

  it('gives the same lot key to the URN and the Digital Link of one batch', () => {
    const urn = product('urn:epc:class:lgtin:4012345.012345.A%2F1');
    const dl = product('https://id.gs1.org/01/04012345123456/10/A%2F1');
    expect(epcisLotKey(urn.gtin, urn.lot!)).toBe(epcisLotKey(dl.gtin, dl.lot!));
    expect(epcisLotKey(dl.gtin, dl.lot!)).toBe('04012345123456/A/1');
  });

  it('ignores identifiers that name no product', () => {
    for (const uri of [
      'urn:epc:id:sscc:0614141.1234567890',
      'urn:epc:id:sgln:0614141.07346.1234',
      'https://id.gs1.org/414/9521234000006',
      'https://id.gs1.org/00/095212345678901236',
      'https://example.com/2024/01/15',
      'https://id.spotcheck.example/samples/NM2026-0001',
      'urn:example:thing:1',
    ])
      expect(epcisProductOf(uri)).toBeNull();
  });

  it('refuses a GTIN-bearing identifier it cannot read, saying why', () => {
    expect(reason('urn:epc:id:sgtin:123.456.7')).toMatch(/company prefix has 3 digits/);
    expect(reason('urn:epc:id:sgtin:0614141.10734.2017')).toMatch(/12 digits together/);
    expect(reason('urn:epc:id:sgtin:0614141.107346')).toMatch(/must look like/);
    expect(reason('urn:epc:class:lgtin:4012345.012345.%ZZ')).toMatch(/malformed percent-encoding/);
    expect(reason('urn:epc:class:lgtin:4012345.012345.')).toMatch(/lot is empty/);
    expect(reason('urn:epc:idpat:sgtin:4012345.*.*')).toMatch(/every item of a company prefix/);
    expect(reason('https://id.gs1.org/01/09521234543214')).toMatch(/check digit is 4, expected 3/);
    expect(reason('https://id.gs1.org/01/abc')).toMatch(/not a valid GS1 Digital Link/);
    expect(reason('https://id.gs1.org/01/09521234543213/21/1/10/L')).toMatch(/not a valid/);
    expect(reason('https://brand.example.com/01/09521234543214/10/L')).toMatch(/check digit/);
  });

  it('reads the same GTIN from an SGTIN and the Digital Link of that GTIN, for any prefix length', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 6, max: 12 }),
        fc.stringMatching(/^\d{13}$/),
        fc.stringMatching(/^[A-Za-z0-9]{1,20}$/),
        (prefixLength, digits, serial) => {
          const indicator = digits[0];
          const prefix = digits.slice(1, 1 + prefixLength);
          const item = digits.slice(1 + prefixLength);
          const gtin = completeGtin(digits);
          const urn = product(`urn:epc:id:sgtin:${prefix}.${indicator}${item}.${serial}`);
          expect(urn).toEqual({ gtin, serial });
          expect(validateGtin(urn.gtin).ok).toBe(true);
          expect(product(`https://id.gs1.org/01/${gtin}/21/${serial}`)).toEqual(urn);
        },
      ),
    );
  });
});

describe('holdings', () => {
  const prefix = (value: string): GtinHolding => ({ kind: 'company_prefix', value });
  const gtin = (value: string): GtinHolding => ({ kind: 'gtin', value });

  it('a company prefix covers the GTINs whose digits after the indicator start with it', () => {
    expect(holdingCovers(prefix('4012345'), '04012345123456')).toBe(true);
    expect(holdingCovers(prefix('4012345'), '14012345123453')).toBe(true);
    expect(holdingCovers(prefix('4012345'), '04012346123455')).toBe(false);
    expect(holdingCovers(gtin('04012345123456'), '04012345123456')).toBe(true);
    expect(holdingCovers(gtin('04012345123456'), '14012345123453')).toBe(false);
  });

  it('overlap when they could claim a common GTIN', () => {
    expect(holdingsOverlap(prefix('401234'), prefix('4012345'))).toBe(true);
    expect(holdingsOverlap(prefix('4012345'), prefix('4012346'))).toBe(false);
    expect(holdingsOverlap(gtin('04012345123456'), prefix('4012345'))).toBe(true);
    expect(holdingsOverlap(prefix('4012346'), gtin('04012345123456'))).toBe(false);
    expect(holdingsOverlap(gtin('04012345123456'), gtin('04012345123456'))).toBe(true);
  });

  it('a company prefix is 6 to 12 digits', () => {
    expect(validateCompanyPrefix('6901234')).toEqual({ ok: true });
    expect(validateCompanyPrefix('12345')).toEqual({
      ok: false,
      reason: 'a GS1 company prefix has 6 to 12 digits, got 5',
    });
    expect(validateCompanyPrefix('69O1234').ok).toBe(false);
  });
});

describe('epcisEventProducts: the own-products rule', () => {
  const holdings: GtinHolding[] = [{ kind: 'company_prefix', value: '4012345' }];
  const run = (event: object) => {
    const problems: EpcisProductProblem[] = [];
    const keys = epcisEventProducts(event, 'epcisBody.eventList[0]', holdings, problems);
    return { keys, problems };
  };

  it('keeps the GTINs and lots of an event about own products', () => {
    const { keys, problems } = run({
      type: 'AggregationEvent',
      parentID: 'urn:epc:id:sscc:4012345.0000000001',
      childEPCs: ['urn:epc:id:sgtin:4012345.012345.1', 'urn:epc:id:sgtin:4012345.012345.2'],
      childQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.L7', quantity: 3 }],
    });
    expect(problems).toEqual([]);
    expect(keys).toEqual({ gtins: ['04012345123456'], lots: ['04012345123456/L7'] });
  });

  it('names the path and the GTIN of a product that is not the enterprise’s', () => {
    const { problems } = run({
      type: 'ObjectEvent',
      epcList: ['urn:epc:id:sgtin:4012345.012345.1'],
      quantityList: [{ epcClass: 'https://id.gs1.org/01/09521234543213/10/B7' }],
    });
    expect(problems).toEqual([
      {
        path: 'epcisBody.eventList[0].quantityList[0].epcClass',
        reason: expect.stringMatching(
          /^https:\/\/id\.gs1\.org\/01\/09521234543213\/10\/B7 is GTIN 09521234543213, which is not under/,
        ),
        kind: 'not_own',
      },
    ]);
  });

  it('refuses an event that names no product, but not twice when its product is unreadable', () => {
    expect(
      run({ type: 'ObjectEvent', epcList: ['urn:epc:id:sscc:4012345.0000000001'] }).problems,
    ).toEqual([
      {
        path: 'epcisBody.eventList[0]',
        reason: expect.stringMatching(/^names no product/),
        kind: 'invalid',
      },
    ]);
    expect(run({ type: 'ObjectEvent', epcList: ['urn:epc:id:sgtin:1.2.3'] }).problems).toEqual([
      {
        path: 'epcisBody.eventList[0].epcList[0]',
        reason: expect.stringMatching(/not a valid SGTIN URN: its company prefix has 1 digit/),
        kind: 'invalid',
      },
    ]);
  });

  it('finds what of a product an event moved', () => {
    const event = {
      epcList: ['urn:epc:id:sgtin:4012345.012345.1', 'urn:epc:id:sgtin:4012345.099999.1'],
      quantityList: [
        { epcClass: 'urn:epc:class:lgtin:4012345.012345.L7', quantity: 3, uom: 'KGM' },
        { epcClass: 'urn:epc:class:lgtin:4012345.012345.L8', quantity: 1 },
      ],
    };
    expect(epcisProductMentions(event, '04012345123456', 'L7')).toEqual({
      epcs: [],
      quantities: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.L7', quantity: 3, uom: 'KGM' }],
    });
    expect(epcisProductMentions(event, '04012345123456').epcs).toEqual([
      'urn:epc:id:sgtin:4012345.012345.1',
    ]);
  });
});
