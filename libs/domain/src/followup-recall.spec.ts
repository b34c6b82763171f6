import { cbvWord, glnKeyOf, holderEnterprise, isRecalledDisposition } from './followup-recall';

const REGS = [
  { uscc: 'A', kind: 'company_prefix', value: '6901234' },
  { uscc: 'B', kind: 'company_prefix', value: '69012345' },
  { uscc: 'C', kind: 'gtin', value: '06901234000017' },
] as const;

describe('recall holders', () => {
  it('reads the company of SGLN and PGLN URNs and of Digital Link GLNs', () => {
    expect(glnKeyOf('urn:epc:id:sgln:6901234.00001.0')).toEqual({ companyPrefix: '6901234' });
    expect(glnKeyOf('urn:epc:id:pgln:6901234.00000')).toEqual({ companyPrefix: '6901234' });
    expect(glnKeyOf('https://id.gs1.org/414/6901234500003')).toEqual({ gln: '6901234500003' });
    expect(glnKeyOf('https://example.com/a/417/6901234500003?x=1')).toEqual({
      gln: '6901234500003',
    });
    expect(glnKeyOf('urn:example:warehouse:7')).toBeNull();
    expect(glnKeyOf('urn:epc:id:sgtin:6901234.00001.1')).toBeNull();
  });

  it('belongs to the enterprise that registered the prefix: exact for URNs, the longest for GLNs', () => {
    expect(holderEnterprise('urn:epc:id:sgln:6901234.00001.0', REGS)).toBe('A');
    expect(holderEnterprise('urn:epc:id:sgln:69012345.0001.0', REGS)).toBe('B');
    expect(holderEnterprise('https://id.gs1.org/414/6901234500003', REGS)).toBe('B');
    expect(holderEnterprise('https://id.gs1.org/414/6901234900003', REGS)).toBe('A');
    expect(holderEnterprise('urn:epc:id:sgln:7001234.00001.0', REGS)).toBeNull();
    expect(holderEnterprise('urn:example:shop', REGS)).toBeNull();
  });

  it('knows CBV recalled in its three spellings', () => {
    expect(isRecalledDisposition('recalled')).toBe(true);
    expect(isRecalledDisposition('urn:epcglobal:cbv:disp:recalled')).toBe(true);
    expect(isRecalledDisposition('https://ref.gs1.org/cbv/Disp-recalled')).toBe(true);
    expect(isRecalledDisposition('in_transit')).toBe(false);
    expect(isRecalledDisposition(null)).toBe(false);
    expect(cbvWord('urn:epcglobal:cbv:bizstep:shipping')).toBe('shipping');
    expect(cbvWord('https://ref.gs1.org/cbv/BizStep-receiving')).toBe('receiving');
    expect(cbvWord('shipping')).toBe('shipping');
  });
});
