import fc from 'fast-check';
import { FULL_DOCUMENTS } from './epcis-fixtures';
import {
  EPCIS_EVENT_HASH_VERSION,
  canonicalEpcisEvent,
  canonicalJson,
  epcisEventHash,
  epcisEventId,
} from './identity';

type Obj = Record<string, unknown>;

const EVENTS: Obj[] = Object.values(FULL_DOCUMENTS).map(
  (d) => (d.epcisBody as { eventList: Obj[] }).eventList[0],
);

/** A copy with object keys in a shuffled order (arrays kept in order). */
function shuffleKeys(v: unknown, rnd: () => number): unknown {
  if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, rnd));
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  const out: Obj = {};
  for (const k of keys) out[k] = shuffleKeys((v as Obj)[k], rnd);
  return out;
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 2 ** 32;
  };
}

const HASH = /^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=spotcheck-cjson-1$/;

describe('EPCIS event identity', () => {
  it('is the eventID when the event has one', () => {
    const ev = EVENTS[0];
    expect(epcisEventId(ev)).toBe('urn:uuid:3a1c7d0e-2f4b-4c8e-9a7d-1b2c3d4e5f60');
  });

  it('is a versioned SHA-256 content hash otherwise', () => {
    const { eventID: _drop, ...ev } = EVENTS[0];
    expect(epcisEventId(ev)).toMatch(HASH);
    expect(epcisEventId(ev)).toBe(epcisEventHash(EVENTS[0]));
    expect(EPCIS_EVENT_HASH_VERSION).toBe('spotcheck-cjson-1');
  });

  it('is deterministic: a pinned value for a pinned event', () => {
    const ev = {
      type: 'ObjectEvent',
      eventTime: '2024-05-06T09:30:00+08:00',
      eventTimeZoneOffset: '+08:00',
      action: 'OBSERVE',
      epcList: ['urn:example:b', 'urn:example:a'],
      bizStep: 'shipping',
    };
    expect(canonicalEpcisEvent(ev)).toBe(
      '{"action":"OBSERVE","bizStep":"shipping","epcList":["urn:example:a","urn:example:b"],' +
        '"eventTime":"2024-05-06T01:30:00.000Z","eventTimeZoneOffset":"+08:00","type":"ObjectEvent"}',
    );
    // printf '%s' '<the canonical text above>' | sha256sum
    expect(epcisEventHash(ev)).toBe(
      'ni:///sha-256;85d4fe659c827cba9ea994c04ea02661f5348096bad69fe263b254b140061dd3?ver=spotcheck-cjson-1',
    );
  });

  it('does not depend on key order or white space', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EVENTS), fc.integer(), (ev, seed) => {
        const shuffled = shuffleKeys(ev, seeded(seed)) as Obj;
        const reparsed = JSON.parse(JSON.stringify(shuffled, null, 3)) as Obj;
        expect(epcisEventHash(shuffled)).toBe(epcisEventHash(ev));
        expect(epcisEventHash(reparsed)).toBe(epcisEventHash(ev));
      }),
    );
  });

  it('does not depend on the order of unordered lists, the time zone spelling or recordTime', () => {
    const base = {
      type: 'AggregationEvent',
      eventTime: '2024-05-06T09:30:00+08:00',
      eventTimeZoneOffset: '+08:00',
      action: 'ADD',
      parentID: 'urn:example:p',
      childEPCs: ['urn:example:a', 'urn:example:b', 'urn:example:c'],
      bizTransactionList: [
        { type: 'po', bizTransaction: 'urn:example:po:1' },
        { type: 'inv', bizTransaction: 'urn:example:inv:1' },
      ],
    };
    const same = {
      ...base,
      eventTime: '2024-05-06T01:30:00.000Z',
      recordTime: '2024-05-07T00:00:00Z',
      '@context': 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
      childEPCs: ['urn:example:c', 'urn:example:a', 'urn:example:b'],
      bizTransactionList: [base.bizTransactionList[1], base.bizTransactionList[0]],
    };
    expect(epcisEventHash(same)).toBe(epcisEventHash(base));
  });

  it('changes when any value changes or a field is added or removed', () => {
    const ev = EVENTS[0];
    const h = epcisEventHash(ev);
    for (const k of Object.keys(ev)) {
      if (k === 'eventID' || k === 'recordTime' || k === '@context') continue;
      const { [k]: _gone, ...without } = ev;
      expect(epcisEventHash(without)).not.toBe(h);
      expect(epcisEventHash({ ...ev, [k]: 'changed' })).not.toBe(h);
    }
    expect(epcisEventHash({ ...ev, 'example:new': 1 })).not.toBe(h);
    expect(epcisEventHash({ ...ev, eventTime: '2024-05-06T09:30:00.124+08:00' })).not.toBe(h);
  });

  it('tells apart events that differ only inside nested values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        fc.pre(canonicalJson(a) !== canonicalJson(b));
        const ev = (v: unknown) => ({ type: 'ObjectEvent', 'example:x': v });
        expect(epcisEventHash(ev(a))).not.toBe(epcisEventHash(ev(b)));
      }),
    );
  });
});
