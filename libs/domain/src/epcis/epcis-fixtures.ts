/**
 * Hand-written EPCIS 2.0 documents for the tests (not exported from the library): for each
 * of the five event types one document using most of what the schema allows, and a few
 * minimal ones on the edges of the schema's "one of these must be present" rules. All are
 * valid under GS1's schema; conformance.spec.ts checks that and mutates them.
 */

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

function doc(eventList: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': [EPCIS_CONTEXT, { example: 'https://ns.example.com/epcis/' }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2024-05-06T10:00:00.000+08:00',
    epcisBody: { eventList },
    ...extra,
  };
}

const sensorElementList = [
  {
    sensorMetadata: {
      time: '2024-05-06T09:00:00Z',
      deviceID: 'urn:epc:id:giai:4000001.111',
      deviceMetadata: 'https://id.example.com/devices/111',
      rawData: 'https://id.example.com/raw/111/20240506',
      startTime: '2024-05-06T08:00:00+08:00',
      endTime: '2024-05-06T09:00:00+08:00',
      dataProcessingMethod: 'https://id.example.com/methods/avg',
      bizRules: 'https://id.example.com/rules/cold-chain',
      'example:firmware': '1.2.3',
    },
    sensorReport: [
      {
        type: 'Temperature',
        exception: 'ALARM_CONDITION',
        deviceID: 'urn:epc:id:giai:4000001.111',
        time: '2024-05-06T08:30:00+08:00',
        value: 9.5,
        minValue: 2,
        maxValue: 9.5,
        meanValue: 4.75,
        sDev: 1.2,
        percRank: 50,
        percValue: 4.4,
        uom: 'CEL',
        component: 'x',
        'example:probe': 'left',
      },
      { type: 'RelativeHumidity', stringValue: 'dry', booleanValue: true, hexBinaryValue: '0aFF' },
      {
        type: 'https://id.example.com/measurement/odour',
        uriValue: 'https://id.example.com/odour/none',
        chemicalSubstance: 'https://identifiers.org/inchikey:CZMRCDWAGMRECN-UGDNZRGBSA-N',
        microorganism: 'https://www.ncbi.nlm.nih.gov/taxonomy/1496',
        coordinateReferenceSystem: 'http://www.opengis.net/def/crs/EPSG/0/4979',
        component: 'latitude',
      },
    ],
  },
];

/** ObjectEvent with nearly every field, plus header master data and document extensions. */
export const OBJECT_EVENT_DOCUMENT = doc(
  [
    {
      type: 'ObjectEvent',
      eventTime: '2024-05-06T09:30:00.123+08:00',
      eventTimeZoneOffset: '+08:00',
      recordTime: '2024-05-06T09:31:00Z',
      eventID: 'urn:uuid:3a1c7d0e-2f4b-4c8e-9a7d-1b2c3d4e5f60',
      certificationInfo: ['https://id.example.com/certificates/halal-123'],
      action: 'ADD',
      epcList: [
        'urn:epc:id:sgtin:0614141.107346.2017',
        'https://id.gs1.org/01/09521234543213/21/A%2F1',
      ],
      quantityList: [
        { epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 200, uom: 'KGM' },
        { epcClass: 'https://id.gs1.org/01/09521234543213/10/B-7', quantity: 12 },
        { epcClass: 'urn:epc:idpat:sgtin:4012345.098765.*' },
      ],
      bizStep: 'commissioning',
      disposition: 'active',
      persistentDisposition: { set: ['completeness_verified'], unset: ['needs_replacement'] },
      readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
      bizLocation: { id: 'https://id.gs1.org/414/9521234000006', 'example:room': '2F' },
      bizTransactionList: [
        { type: 'po', bizTransaction: 'urn:epc:id:gdti:0614141.00001.1618034' },
        { bizTransaction: 'https://id.example.com/orders/77' },
        {
          type: 'https://id.example.com/txtype/contract',
          bizTransaction: 'urn:example:contract:9',
        },
      ],
      sourceList: [
        { type: 'possessing_party', source: 'https://id.gs1.org/417/4012345000009' },
        { type: 'location', source: 'urn:epc:id:sgln:4012345.00225.0' },
      ],
      destinationList: [
        { type: 'owning_party', destination: 'urn:epc:id:pgln:0614141.00000' },
        { type: 'https://id.example.com/dest/warehouse', destination: 'urn:example:wh:1' },
      ],
      sensorElementList,
      ilmd: {
        'cbvmda:lotNumber': 'LOT-2024-05',
        'cbvmda:itemExpirationDate': '2025-05-06',
        'example:grade': { class: 'A', score: 9 },
      },
      errorDeclaration: {
        declarationTime: '2024-05-07T08:00:00+08:00',
        reason: 'incorrect_data',
        correctiveEventIDs: ['urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8'],
        'example:by': 'QA',
      },
      'example:temperatureBand': { min: 2, max: 8 },
      'https://ns.example.com/epcis/note': 'any JSON value',
    },
  ],
  {
    id: 'https://id.example.com/documents/1',
    instanceIdentifier: '1234567890',
    sender: 'urn:epc:id:pgln:0614141.00000',
    receiver: 'https://id.gs1.org/417/4012345000009',
    epcisHeader: {
      epcisMasterData: {
        vocabularyList: [
          {
            type: 'urn:epcglobal:epcis:vtype:BusinessLocation',
            vocabularyElementList: [
              {
                id: 'urn:epc:id:sgln:0614141.07346.1234',
                attributes: [
                  { id: 'urn:epcglobal:cbv:mda#name', attribute: 'Warehouse 1' },
                  { id: 'urn:epcglobal:cbv:mda#sst', attribute: 201 },
                  { id: 'example:address', attribute: { city: 'Hohhot' } },
                  { id: 'example:flag' },
                ],
                children: ['urn:epc:id:sgln:0614141.07346.1235'],
              },
            ],
          },
          { type: 'urn:epcglobal:epcis:vtype:ReadPoint' },
        ],
      },
      'example:batchRef': 'B-1',
    },
    'example:documentNote': 'document-level extension',
  },
);

export const AGGREGATION_EVENT_DOCUMENT = doc([
  {
    type: 'AggregationEvent',
    eventTime: '2024-05-06T11:00:00-05:00',
    eventTimeZoneOffset: '-05:00',
    action: 'ADD',
    parentID: 'urn:epc:id:sscc:0614141.1234567890',
    childEPCs: ['urn:epc:id:sgtin:0614141.107346.2017', 'urn:epc:id:sgtin:0614141.107346.2018'],
    childQuantityList: [
      { epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 10, uom: 'KGM' },
    ],
    bizStep: 'packing',
    disposition: 'in_progress',
    readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
    bizLocation: { id: 'urn:epc:id:sgln:0614141.07346.0' },
    bizTransactionList: [
      { type: 'desadv', bizTransaction: 'urn:epcglobal:cbv:bt:0614141073467:1152' },
    ],
    sourceList: [{ type: 'location', source: 'urn:epc:id:sgln:0614141.07346.0' }],
    destinationList: [{ type: 'location', destination: 'urn:epc:id:sgln:0614141.00777.0' }],
    sensorElementList: [{ sensorReport: [{ type: 'Mass', value: 12.5, uom: 'KGM' }] }],
    '@context': { example: 'https://ns.example.com/epcis/' },
    'example:packer': 'line 3',
  },
]);

export const TRANSACTION_EVENT_DOCUMENT = doc([
  {
    type: 'TransactionEvent',
    eventTime: '2024-05-06T12:00:00Z',
    eventTimeZoneOffset: '+00:00',
    action: 'ADD',
    bizTransactionList: [
      { type: 'inv', bizTransaction: 'urn:epcglobal:cbv:bt:0614141073467:1152' },
      { type: 'po', bizTransaction: 'https://id.example.com/po/1' },
    ],
    parentID: 'urn:epc:id:sscc:0614141.1234567890',
    epcList: ['urn:epc:id:sgtin:0614141.107346.2017', 'urn:epc:id:sgtin:0614141.107346.2017'],
    quantityList: [
      { epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 2.5, uom: 'KGM' },
    ],
    bizStep: 'shipping',
    disposition: 'in_transit',
    readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
    sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:0614141.00000' }],
    destinationList: [{ type: 'owning_party', destination: 'urn:epc:id:pgln:4012345.00000' }],
  },
]);

export const TRANSFORMATION_EVENT_DOCUMENT = doc([
  {
    type: 'TransformationEvent',
    eventTime: '2024-05-06T13:00:00.5+14:00',
    eventTimeZoneOffset: '+14:00',
    eventID:
      'ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0',
    inputEPCList: [
      'urn:epc:id:sgtin:4012345.011122.25',
      'urn:epc:id:sgtin:4000001.065432.99886655',
    ],
    inputQuantityList: [
      { epcClass: 'urn:epc:class:lgtin:4012345.011111.4444', quantity: 10, uom: 'KGM' },
    ],
    outputEPCList: ['urn:epc:id:sgtin:4012345.077889.25'],
    outputQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.055555.5555', quantity: 3 }],
    transformationID: 'urn:epc:id:gdti:0614141.12345.400',
    bizStep: 'https://id.example.com/bizstep/blending',
    disposition: 'in_progress',
    persistentDisposition: { unset: ['completeness_inferred', 'container_open'] },
    readPoint: { id: 'urn:epc:id:sgln:4012345.00001.0' },
    bizLocation: { id: 'urn:epc:id:sgln:4012345.00001.0' },
    bizTransactionList: [{ type: 'prodorder', bizTransaction: 'urn:example:prodorder:1' }],
    sourceList: [{ type: 'possessing_party', source: 'urn:epc:id:pgln:4012345.00000' }],
    destinationList: [{ type: 'possessing_party', destination: 'urn:epc:id:pgln:4012345.00000' }],
    ilmd: { 'cbvmda:bestBeforeDate': '2025-01-01', 'example:recipe': 'R-9' },
    certificationInfo: 'https://id.example.com/certificates/organic-1',
  },
]);

export const ASSOCIATION_EVENT_DOCUMENT = doc([
  {
    type: 'AssociationEvent',
    eventTime: '2024-05-06T14:00:00.000+08:00',
    eventTimeZoneOffset: '+08:00',
    action: 'ADD',
    parentID: 'urn:epc:id:grai:4012345.55555.987',
    childEPCs: ['urn:epc:id:giai:4000001.12345'],
    childQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 1 }],
    bizStep: 'assembling',
    disposition: 'active',
    readPoint: { id: 'urn:epc:id:sgln:4012345.00002.0' },
    recordTime: '2024-05-06T14:00:01Z',
  },
]);

/** Documents on the edges of the schema's "one of these must be present" rules. */
export const MINIMAL_DOCUMENTS: Record<string, Record<string, unknown>> = {
  'empty event list': doc([]),
  'context as one URI': {
    '@context': EPCIS_CONTEXT,
    type: 'EPCISDocument',
    schemaVersion: '2',
    creationDate: '2024-05-06T10:00:00Z',
    epcisBody: { eventList: [] },
  },
  'ObjectEvent with an empty epcList': doc([
    {
      type: 'ObjectEvent',
      eventTime: '2024-05-06T09:30:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'OBSERVE',
      epcList: [],
    },
  ]),
  'ObjectEvent with sensor data and a readPoint only': doc([
    {
      type: 'ObjectEvent',
      eventTime: '2024-05-06T09:30:00Z',
      eventTimeZoneOffset: '-03:30',
      action: 'OBSERVE',
      bizStep: 'sensor_reporting',
      readPoint: { id: 'urn:epc:id:sgln:4012345.00002.0' },
      sensorElementList: [{ sensorReport: [{ type: 'Temperature', value: 4 }] }],
    },
  ]),
  'ObjectEvent DELETE with a quantityList': doc([
    {
      type: 'ObjectEvent',
      eventTime: '2024-05-06T09:30:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'DELETE',
      quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877' }],
      bizStep: 'decommissioning',
    },
  ]),
  'AggregationEvent DELETE without children': doc([
    {
      type: 'AggregationEvent',
      eventTime: '2024-05-06T09:30:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'DELETE',
      parentID: 'urn:epc:id:sscc:0614141.1234567890',
      bizStep: 'unpacking',
    },
  ]),
  'TransactionEvent DELETE without objects': doc([
    {
      type: 'TransactionEvent',
      eventTime: '2024-05-06T09:30:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'DELETE',
      bizTransactionList: [{ bizTransaction: 'urn:example:po:1' }],
    },
  ]),
  'TransformationEvent with outputs and a transformationID only': doc([
    {
      type: 'TransformationEvent',
      eventTime: '2024-05-06T09:30:00Z',
      eventTimeZoneOffset: '+00:00',
      outputQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.055555.5555', quantity: 3 }],
      transformationID: 'urn:example:tf:1',
    },
  ]),
  'AssociationEvent DELETE without children': doc([
    {
      type: 'AssociationEvent',
      eventTime: '2024-05-06T09:30:00Z',
      eventTimeZoneOffset: '+00:00',
      action: 'DELETE',
      parentID: 'urn:epc:id:grai:4012345.55555.987',
    },
  ]),
};

export const FULL_DOCUMENTS: Record<string, Record<string, unknown>> = {
  ObjectEvent: OBJECT_EVENT_DOCUMENT,
  AggregationEvent: AGGREGATION_EVENT_DOCUMENT,
  TransactionEvent: TRANSACTION_EVENT_DOCUMENT,
  TransformationEvent: TRANSFORMATION_EVENT_DOCUMENT,
  AssociationEvent: ASSOCIATION_EVENT_DOCUMENT,
};
