/**
 * The capture validator: an EPCIS 2.0 document checked by hand against the rules of GS1's
 * EPCIS 2.0 JSON Schema, with every problem named by its JSON path.
 *
 * It accepts exactly the EPCISDocuments the official schema accepts (as Ajv 8 with
 * ajv-formats checks it; see format.ts for what `uri` and `date-time` mean there), except
 * where the project's rules are stricter. There are two, both about what capture takes, not
 * about how an event is written (docs/epcis.md §Capture):
 *
 *   EPCIS_PROJECT_RULES.documentType  the document's `type` is "EPCISDocument". The schema
 *       also validates an EPCISQueryDocument or a bare event at the top level; capture takes
 *       neither.
 *   EPCIS_PROJECT_RULES.eventTypes    every event is one of the five standard types. The
 *       schema also accepts an event whose type is any URI (a user-defined event type, with
 *       only eventTime and eventTimeZoneOffset required); capture cannot interpret one.
 *
 * The conformance test (conformance.spec.ts) checks agreement with the schema on every
 * document satisfying those two rules, and that every document breaking them is refused.
 *
 * The input is what JSON.parse returns. One pass over the document, no regular expression is
 * built per call, and the work per event does not depend on the size of the document: a
 * 10,000-event document is validated in linear time.
 */
import {
  isDateTime,
  isHexBinary,
  isSchemaVersion,
  isTimeZoneOffset,
  isUom,
  isUri,
  normaliseDateTime,
} from './format';
import { epcisEventHash } from './identity';
import type {
  EpcisBizTransaction,
  EpcisDestination,
  EpcisDocument,
  EpcisEvent,
  EpcisSource,
} from './types';
import {
  CBV_BIZ_STEPS,
  CBV_BIZ_TRANSACTION_TYPES,
  CBV_DISPOSITIONS,
  CBV_ERROR_REASONS,
  CBV_FORBIDDEN_URI_PREFIXES,
  CBV_SOURCE_DEST_TYPES,
  EPCIS_ACTIONS,
  EPCIS_EVENT_TYPES,
  EPCIS_MEASUREMENT_TYPES,
  EPCIS_SENSOR_ALERT_TYPES,
  EPCIS_SENSOR_COMPONENTS,
  GS1_WEB_VOCABULARY_URI_PREFIXES,
  type EpcisAction,
  type EpcisEventType,
} from './vocabulary';

/** The two rules by which capture is stricter than the official schema (see the file comment). */
export const EPCIS_PROJECT_RULES = Object.freeze({
  documentType: 'the document type must be "EPCISDocument"',
  eventTypes: `every event type must be one of ${EPCIS_EVENT_TYPES.join(', ')}`,
});

/** One reason a document is refused. `path` is '' for the document itself. */
export interface EpcisProblem {
  path: string;
  reason: string;
}

/** A captured event with the fields the trace and the store query by, read out once. */
export interface NormalisedEpcisEvent {
  /** The identity used to store the event once: its eventID, or else its content hash. */
  id: string;
  /** The content hash (identity.ts), also when the event has an eventID. */
  hash: string;
  /** Position in the document's eventList. */
  index: number;
  type: EpcisEventType;
  /** null for a TransformationEvent, which has no action. */
  action: EpcisAction | null;
  /** The event time as a UTC instant, `YYYY-MM-DDTHH:MM:SS.sssZ` (normaliseDateTime). */
  eventTimeUtc: string;
  eventTimeZoneOffset: string;
  bizStep: string | null;
  disposition: string | null;
  readPoint: string | null;
  bizLocation: string | null;
  /** Instance identifiers the event names (parentID, epcList, childEPCs, input and output EPCs), each once. */
  epcs: string[];
  /** Class identifiers of its quantity lists (e.g. a GTIN + batch), each once. */
  epcClasses: string[];
  bizTransactions: EpcisBizTransaction[];
  sources: EpcisSource[];
  destinations: EpcisDestination[];
  /** The event as it was received. */
  event: EpcisEvent;
}

export type EpcisValidation =
  | { ok: true; document: EpcisDocument; events: NormalisedEpcisEvent[] }
  | { ok: false; problems: EpcisProblem[] };

export interface EpcisValidationOptions {
  /**
   * At most this many problems are listed (default 1000); when there are more, the last entry
   * says how many were left out. Validation itself does not stop early.
   */
  maxProblems?: number;
}

class Problems {
  readonly list: EpcisProblem[] = [];
  count = 0;
  constructor(private readonly max: number) {}
  add(path: string, reason: string): void {
    this.count++;
    if (this.list.length < this.max) this.list.push({ path, reason });
  }
}

// ---------------------------------------------------------------------------------------------
// Paths and descriptions

const IDENTIFIER = /^[A-Za-z_$@][A-Za-z0-9_$]*$/;

function child(path: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

function item(path: string, i: number): string {
  return `${path}[${i}]`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${show(v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  return `${typeof v} ${String(v)}`;
}

function show(s: string): string {
  const text = JSON.stringify(s);
  return text.length <= 80 ? text : `${text.slice(0, 77)}…"`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isNonEmptyArray(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Value checks

type Check = (p: Problems, v: unknown, path: string) => void;

const anything: Check = () => undefined;

const uri: Check = (p, v, path) => {
  if (typeof v !== 'string') p.add(path, `must be a URI string, got ${describe(v)}`);
  else if (!isUri(v)) {
    p.add(
      path,
      `must be an absolute URI such as urn:epc:id:sgtin:… or https://id.gs1.org/…` +
        ` (a scheme, no spaces or non-ASCII characters; percent-encode them), got ${show(v)}`,
    );
  }
};

const dateTime: Check = (p, v, path) => {
  if (typeof v !== 'string' || !isDateTime(v)) {
    p.add(
      path,
      `must be an RFC 3339 date-time with its offset, e.g. 2024-05-01T09:30:00.000+08:00, got ${describe(v)}`,
    );
  }
};

const string: Check = (p, v, path) => {
  if (typeof v !== 'string') p.add(path, `must be a string, got ${describe(v)}`);
};

const number: Check = (p, v, path) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    p.add(path, `must be a number, got ${describe(v)}`);
  }
};

const boolean: Check = (p, v, path) => {
  if (typeof v !== 'boolean') p.add(path, `must be true or false, got ${describe(v)}`);
};

function patterned(test: (s: string) => boolean, what: string): Check {
  return (p, v, path) => {
    if (typeof v !== 'string' || !test(v)) p.add(path, `must be ${what}, got ${describe(v)}`);
  };
}

const timeZoneOffset = patterned(
  isTimeZoneOffset,
  'a time zone offset from -14:00 to +14:00 such as +08:00',
);
const uom = patterned(
  isUom,
  'a UN/ECE Rec. 20 unit code of 2–3 capital letters or digits, e.g. KGM',
);
const schemaVersion = patterned(isSchemaVersion, 'a version such as 2.0');
const hexBinary = patterned(isHexBinary, 'hexadecimal digits');

/**
 * A closed vocabulary that also admits a URI of one's own (schema: `vocab-other-uri` or
 * `vocab-nonGS1WebVoc-uri`), except URIs starting with one of `forbidden`.
 */
function vocabulary(
  words: readonly string[],
  forbidden: readonly string[],
  what: string,
  forbiddenWhy: string,
): Check {
  const set = new Set(words);
  const examples = words
    .slice(0, 4)
    .map((w) => `"${w}"`)
    .join(', ');
  return (p, v, path) => {
    if (typeof v !== 'string') {
      p.add(path, `must be ${what} (a string), got ${describe(v)}`);
      return;
    }
    if (set.has(v)) return;
    if (isUri(v)) {
      const bad = forbidden.find((prefix) => v.startsWith(prefix));
      if (bad !== undefined) p.add(path, `${show(v)}: ${forbiddenWhy}`);
      return;
    }
    p.add(
      path,
      `must be ${what} (such as ${examples}) or a URI of your own vocabulary, got ${show(v)}`,
    );
  };
}

const CBV_URI_WHY =
  'CBV values are written as bare words in EPCIS 2.0 JSON (e.g. "shipping"), not as urn:epcglobal:cbv:… or ns.gs1.org/cbv/ URIs';
const GS1_VOC_WHY =
  'write the GS1 Web Vocabulary term as its bare name (e.g. "Temperature"), not as a gs1.org/voc/ URI';

const action: Check = (() => {
  const set = new Set<unknown>(EPCIS_ACTIONS);
  return (p, v, path) => {
    if (!set.has(v)) p.add(path, `must be one of ADD, OBSERVE, DELETE, got ${describe(v)}`);
  };
})();
const bizStep = vocabulary(
  CBV_BIZ_STEPS,
  CBV_FORBIDDEN_URI_PREFIXES,
  'a CBV business step',
  CBV_URI_WHY,
);
const disposition = vocabulary(
  CBV_DISPOSITIONS,
  CBV_FORBIDDEN_URI_PREFIXES,
  'a CBV disposition',
  CBV_URI_WHY,
);
const bizTransactionType = vocabulary(
  CBV_BIZ_TRANSACTION_TYPES,
  CBV_FORBIDDEN_URI_PREFIXES,
  'a CBV business transaction type',
  CBV_URI_WHY,
);
const sourceDestType = vocabulary(
  CBV_SOURCE_DEST_TYPES,
  CBV_FORBIDDEN_URI_PREFIXES,
  'a CBV source/destination type',
  CBV_URI_WHY,
);
const errorReason = vocabulary(
  CBV_ERROR_REASONS,
  CBV_FORBIDDEN_URI_PREFIXES,
  'a CBV error reason',
  CBV_URI_WHY,
);
const component = vocabulary(
  EPCIS_SENSOR_COMPONENTS,
  CBV_FORBIDDEN_URI_PREFIXES,
  'a sensor component',
  CBV_URI_WHY,
);
const measurementType = vocabulary(
  EPCIS_MEASUREMENT_TYPES,
  GS1_WEB_VOCABULARY_URI_PREFIXES,
  'a measurement type',
  GS1_VOC_WHY,
);
const sensorAlertType = vocabulary(
  EPCIS_SENSOR_ALERT_TYPES,
  GS1_WEB_VOCABULARY_URI_PREFIXES,
  'a sensor alert type',
  GS1_VOC_WHY,
);

/**
 * The first pair of equal items (JSON Schema `uniqueItems`: deep equality, object key order
 * irrelevant), found with one map lookup per item.
 */
function firstDuplicate(items: unknown[]): [number, number] | null {
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    const key = typeof v === 'string' ? `s${v}` : `j${canonicalKey(v)}`;
    const j = seen.get(key);
    if (j !== undefined) return [j, i];
    seen.set(key, i);
  }
  return null;
}

function canonicalKey(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalKey).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalKey(o[k])}`)
    .join(',')}}`;
}

interface ArrayRules {
  minItems?: number;
  unique?: boolean;
}

function arrayOf(itemCheck: Check, what: string, rules: ArrayRules = {}): Check {
  return (p, v, path) => {
    if (!Array.isArray(v)) {
      p.add(path, `must be an array of ${what}, got ${describe(v)}`);
      return;
    }
    if (rules.minItems !== undefined && v.length < rules.minItems) {
      p.add(path, `must have at least ${rules.minItems} item${rules.minItems > 1 ? 's' : ''}`);
    }
    for (let i = 0; i < v.length; i++) itemCheck(p, v[i], item(path, i));
    if (rules.unique) {
      const dup = firstDuplicate(v);
      if (dup)
        p.add(
          item(path, dup[1]),
          `repeats item ${dup[0]}; the items of this list must be distinct`,
        );
    }
  };
}

interface ObjectSpec {
  /** How a reason names this object, e.g. "a quantity element". */
  name: string;
  fields: ReadonlyMap<string, Check>;
  required?: readonly string[];
  /**
   * Other keys: 'closed' refuses them (additionalProperties: false); 'uri' admits a key that is
   * a URI, e.g. a namespace-prefixed extension field (propertyNames); 'open' admits any.
   */
  others: 'closed' | 'uri' | 'open';
  /** Cross-field rules, run when the value is an object. */
  after?: (p: Problems, v: Record<string, unknown>, path: string) => void;
}

function objectCheck(spec: ObjectSpec): Check {
  const allowed = [...spec.fields.keys()].join(', ');
  return (p, v, path) => {
    if (!isObject(v)) {
      p.add(path, `must be ${spec.name} (a JSON object), got ${describe(v)}`);
      return;
    }
    for (const r of spec.required ?? []) {
      if (v[r] === undefined) p.add(child(path, r), `is required in ${spec.name}`);
    }
    for (const k in v) {
      const check = spec.fields.get(k);
      if (check !== undefined) check(p, v[k], child(path, k));
      else if (spec.others === 'closed') {
        p.add(child(path, k), `is not allowed in ${spec.name}; its fields are ${allowed}`);
      } else if (spec.others === 'uri' && !isUri(k)) {
        p.add(
          child(path, k),
          `is not a field of ${spec.name}; an extension field is named by a URI, usually with a namespace prefix declared in @context (e.g. "example:${k}")`,
        );
      }
    }
    spec.after?.(p, v, path);
  };
}

function fields(entries: Record<string, Check>): Map<string, Check> {
  return new Map(Object.entries(entries));
}

const context: Check = (p, v, path) => {
  if (typeof v === 'string') {
    uri(p, v, path);
    return;
  }
  if (isObject(v)) return;
  if (!Array.isArray(v)) {
    p.add(path, `must be a context URI, a context object or an array of those, got ${describe(v)}`);
    return;
  }
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (typeof c === 'string') uri(p, c, item(path, i));
    else if (!isObject(c)) {
      p.add(item(path, i), `must be a context URI or a context object, got ${describe(c)}`);
    }
  }
  const dup = firstDuplicate(v);
  if (dup) p.add(item(path, dup[1]), `repeats item ${dup[0]}; the contexts must be distinct`);
};

const certificationInfo: Check = (p, v, path) => {
  if (Array.isArray(v)) arrayOf(uri, 'URIs')(p, v, path);
  else if (typeof v === 'string') uri(p, v, path);
  else p.add(path, `must be a URI or an array of URIs, got ${describe(v)}`);
};

const quantityElement = objectCheck({
  name: 'a quantity element',
  fields: fields({ epcClass: uri, quantity: number, uom }),
  required: ['epcClass'],
  others: 'closed',
});
const quantityList = arrayOf(quantityElement, 'quantity elements');

const bizTransaction = objectCheck({
  name: 'a business transaction',
  fields: fields({ type: bizTransactionType, bizTransaction: uri }),
  required: ['bizTransaction'],
  others: 'closed',
});

const source = objectCheck({
  name: 'a source',
  fields: fields({ type: sourceDestType, source: uri }),
  required: ['type', 'source'],
  others: 'closed',
});

const destination = objectCheck({
  name: 'a destination',
  fields: fields({ type: sourceDestType, destination: uri }),
  required: ['type', 'destination'],
  others: 'closed',
});

const location = objectCheck({
  name: 'a location',
  fields: fields({ id: uri }),
  required: ['id'],
  others: 'open',
});

const dispositionSet = arrayOf(disposition, 'dispositions', { minItems: 1, unique: true });
const persistentDisposition = objectCheck({
  name: 'a persistent disposition',
  fields: fields({ set: dispositionSet, unset: dispositionSet }),
  others: 'closed',
  after: (p, v, path) => {
    if (v.set === undefined && v.unset === undefined) p.add(path, 'must have set or unset');
  },
});

const errorDeclaration = objectCheck({
  name: 'an error declaration',
  fields: fields({
    declarationTime: dateTime,
    reason: errorReason,
    correctiveEventIDs: arrayOf(uri, 'event ids'),
  }),
  required: ['declarationTime'],
  others: 'uri',
});

const sensorMetadata = objectCheck({
  name: 'sensor metadata',
  fields: fields({
    time: dateTime,
    deviceID: uri,
    deviceMetadata: uri,
    rawData: uri,
    startTime: dateTime,
    endTime: dateTime,
    dataProcessingMethod: uri,
    bizRules: uri,
  }),
  others: 'uri',
});

const sensorReport = objectCheck({
  name: 'a sensor report',
  fields: fields({
    type: measurementType,
    exception: sensorAlertType,
    deviceID: uri,
    deviceMetadata: uri,
    rawData: uri,
    dataProcessingMethod: uri,
    bizRules: uri,
    time: dateTime,
    microorganism: uri,
    chemicalSubstance: uri,
    coordinateReferenceSystem: uri,
    value: number,
    component,
    stringValue: string,
    booleanValue: boolean,
    hexBinaryValue: hexBinary,
    uriValue: uri,
    minValue: number,
    maxValue: number,
    meanValue: number,
    sDev: number,
    percRank: number,
    percValue: number,
    uom: string,
  }),
  required: ['type'],
  others: 'uri',
});

const sensorElement = objectCheck({
  name: 'a sensor element',
  fields: fields({
    sensorMetadata,
    sensorReport: arrayOf(sensorReport, 'sensor reports', { minItems: 1 }),
  }),
  required: ['sensorReport'],
  others: 'uri',
});

const ilmd: Check = (p, v, path) => {
  if (!isObject(v)) {
    p.add(path, `must be a JSON object of master data, got ${describe(v)}`);
    return;
  }
  for (const k in v) {
    if (!isUri(k)) {
      p.add(
        child(path, k),
        `ilmd keys must be URIs, usually with a namespace prefix (e.g. "cbvmda:${k}")`,
      );
    }
  }
};

const epcList = arrayOf(uri, 'EPC URIs');
const distinctEpcList = arrayOf(uri, 'EPC URIs', { unique: true });

// ---------------------------------------------------------------------------------------------
// Events

const COMMON_EVENT_FIELDS: Record<string, Check> = {
  '@context': context,
  type: anything, // dispatched on before the fields are checked
  eventTime: dateTime,
  recordTime: dateTime,
  eventTimeZoneOffset: timeZoneOffset,
  eventID: uri,
  certificationInfo,
  errorDeclaration,
};

const WHAT_HAPPENED: Record<string, Check> = {
  bizStep,
  disposition,
  readPoint: location,
  bizLocation: location,
  bizTransactionList: arrayOf(bizTransaction, 'business transactions'),
  sourceList: arrayOf(source, 'sources'),
  destinationList: arrayOf(destination, 'destinations'),
  sensorElementList: arrayOf(sensorElement, 'sensor elements'),
};

type EventRule = (p: Problems, ev: Record<string, unknown>, path: string) => void;

interface EventSpec {
  fields: ReadonlyMap<string, Check>;
  required: readonly string[];
  rule: EventRule;
}

const PARENT_CHILD: Record<string, Check> = {
  parentID: uri,
  childEPCs: epcList,
  childQuantityList: quantityList,
};

/** AggregationEvent and AssociationEvent: ADD and OBSERVE must name children. */
function childrenUnlessDelete(type: string): EventRule {
  return (p, ev, path) => {
    if (isNonEmptyArray(ev.childEPCs) || isNonEmptyArray(ev.childQuantityList)) return;
    if (ev.action === undefined || ev.action === 'DELETE') return;
    p.add(
      path,
      `an ${type} with action ${String(ev.action)} needs a non-empty childEPCs or childQuantityList`,
    );
  };
}

const EVENT_SPECS: Record<EpcisEventType, EventSpec> = {
  ObjectEvent: {
    fields: fields({
      ...COMMON_EVENT_FIELDS,
      ...WHAT_HAPPENED,
      action,
      epcList: distinctEpcList,
      quantityList,
      persistentDisposition,
      ilmd,
    }),
    required: ['eventTime', 'eventTimeZoneOffset', 'action'],
    rule: (p, ev, path) => {
      const named =
        ev.epcList !== undefined ||
        isNonEmptyArray(ev.quantityList) ||
        (isNonEmptyArray(ev.sensorElementList) && ev.readPoint !== undefined);
      if (!named) {
        p.add(
          path,
          'an ObjectEvent must name what it is about: epcList (may be empty), a non-empty quantityList, or a non-empty sensorElementList with a readPoint',
        );
      }
      if (ev.ilmd !== undefined && ev.action !== undefined && ev.action !== 'ADD') {
        p.add(
          child(path, 'ilmd'),
          `is only allowed with action ADD, the action is ${describe(ev.action)}`,
        );
      }
    },
  },
  AggregationEvent: {
    fields: fields({ ...COMMON_EVENT_FIELDS, ...WHAT_HAPPENED, action, ...PARENT_CHILD }),
    required: ['eventTime', 'eventTimeZoneOffset', 'action'],
    rule: childrenUnlessDelete('AggregationEvent'),
  },
  AssociationEvent: {
    fields: fields({ ...COMMON_EVENT_FIELDS, ...WHAT_HAPPENED, action, ...PARENT_CHILD }),
    required: ['eventTime', 'eventTimeZoneOffset', 'action', 'parentID'],
    rule: childrenUnlessDelete('AssociationEvent'),
  },
  TransactionEvent: {
    fields: fields({
      ...COMMON_EVENT_FIELDS,
      ...WHAT_HAPPENED,
      bizTransactionList: arrayOf(bizTransaction, 'business transactions', { minItems: 1 }),
      action,
      parentID: uri,
      epcList,
      quantityList,
    }),
    required: ['eventTime', 'eventTimeZoneOffset', 'bizTransactionList', 'action'],
    rule: (p, ev, path) => {
      if (ev.epcList !== undefined || isNonEmptyArray(ev.quantityList)) return;
      if (ev.action === undefined || ev.action === 'DELETE') return;
      p.add(
        path,
        `a TransactionEvent with action ${String(ev.action)} needs epcList (may be empty) or a non-empty quantityList`,
      );
    },
  },
  TransformationEvent: {
    fields: fields({
      ...COMMON_EVENT_FIELDS,
      ...WHAT_HAPPENED,
      inputEPCList: distinctEpcList,
      inputQuantityList: quantityList,
      outputEPCList: distinctEpcList,
      outputQuantityList: quantityList,
      transformationID: uri,
      persistentDisposition,
      ilmd,
    }),
    required: ['eventTime', 'eventTimeZoneOffset'],
    rule: (p, ev, path) => {
      const inputs = isNonEmptyArray(ev.inputEPCList) || isNonEmptyArray(ev.inputQuantityList);
      const outputs = isNonEmptyArray(ev.outputEPCList) || isNonEmptyArray(ev.outputQuantityList);
      if ((inputs && outputs) || ((inputs || outputs) && ev.transformationID !== undefined)) return;
      p.add(
        path,
        'a TransformationEvent needs inputs (inputEPCList or inputQuantityList) and outputs (outputEPCList or outputQuantityList), or one of them with a transformationID',
      );
    },
  },
};

const EVENT_TYPE_SET = new Set<unknown>(EPCIS_EVENT_TYPES);

function checkEvent(p: Problems, ev: unknown, path: string): void {
  if (!isObject(ev)) {
    p.add(path, `an event must be a JSON object, got ${describe(ev)}`);
    return;
  }
  const type = ev.type;
  if (type === undefined) {
    p.add(child(path, 'type'), `is required: one of ${EPCIS_EVENT_TYPES.join(', ')}`);
    return;
  }
  if (!EVENT_TYPE_SET.has(type)) {
    p.add(
      child(path, 'type'),
      `capture accepts the event types ${EPCIS_EVENT_TYPES.join(', ')}; got ${describe(type)}`,
    );
    return;
  }
  const spec = EVENT_SPECS[type as EpcisEventType];
  for (const r of spec.required) {
    if (ev[r] === undefined) p.add(child(path, r), `is required in an ${type}`);
  }
  for (const k in ev) {
    const check = spec.fields.get(k);
    if (check !== undefined) check(p, ev[k], child(path, k));
    else if (!isUri(k)) {
      p.add(
        child(path, k),
        `is not a field of an ${type}; an extension field is named by a URI, usually with a namespace prefix declared in @context (e.g. "example:${k}")`,
      );
    }
  }
  spec.rule(p, ev, path);
}

// ---------------------------------------------------------------------------------------------
// The document

const vocabularyElement = objectCheck({
  name: 'a vocabulary element',
  fields: fields({
    id: uri,
    attributes: arrayOf(
      objectCheck({
        name: 'an attribute',
        fields: fields({
          id: uri,
          attribute: (p, v, path) => {
            if (
              typeof v !== 'string' &&
              !(typeof v === 'number' && Number.isFinite(v)) &&
              !isObject(v)
            ) {
              p.add(path, `must be a number, a string or an object, got ${describe(v)}`);
            }
          },
        }),
        required: ['id'],
        others: 'open',
      }),
      'attributes',
    ),
    children: arrayOf(uri, 'URIs'),
  }),
  required: ['id'],
  others: 'open',
});

const epcisHeader = objectCheck({
  name: 'an EPCIS header',
  fields: fields({
    epcisMasterData: objectCheck({
      name: 'master data',
      fields: fields({
        vocabularyList: arrayOf(
          objectCheck({
            name: 'a vocabulary',
            fields: fields({
              type: uri,
              vocabularyElementList: arrayOf(vocabularyElement, 'vocabulary elements'),
            }),
            required: ['type'],
            others: 'open',
          }),
          'vocabularies',
        ),
      }),
      others: 'open',
    }),
  }),
  others: 'uri',
});

const DOCUMENT_FIELDS = fields({
  '@context': context,
  id: uri,
  type: anything, // checked first
  schemaVersion,
  creationDate: dateTime,
  instanceIdentifier: string,
  sender: string,
  receiver: string,
  epcisHeader,
  epcisBody: anything, // checked with the events
});
const DOCUMENT_REQUIRED = ['@context', 'type', 'schemaVersion', 'creationDate', 'epcisBody'];

/**
 * Validates an EPCIS 2.0 document for capture. On success returns the document, typed, and
 * its events normalised in document order (a repeated event appears as often as it was sent;
 * its `id` is how the store recognises it). On failure lists the problems, each with the JSON
 * path of the offending value (e.g. `epcisBody.eventList[3].eventTime`) and a reason.
 */
export function validateEpcisDocument(
  doc: unknown,
  options: EpcisValidationOptions = {},
): EpcisValidation {
  const p = new Problems(Math.max(1, options.maxProblems ?? 1000));
  checkDocument(p, doc);
  if (p.count > 0) {
    const problems = p.list;
    if (p.count > problems.length) {
      problems.push({
        path: '',
        reason: `and ${p.count - problems.length} more problems not listed`,
      });
    }
    return { ok: false, problems };
  }
  const document = doc as EpcisDocument;
  const events = document.epcisBody.eventList.map((ev, i) => normalise(ev, i));
  return { ok: true, document, events };
}

function checkDocument(p: Problems, doc: unknown): void {
  if (!isObject(doc)) {
    p.add('', `the document must be a JSON object, got ${describe(doc)}`);
    return;
  }
  if (doc.type === undefined) {
    p.add('type', 'is required and must be "EPCISDocument"');
    return;
  }
  if (doc.type !== 'EPCISDocument') {
    p.add(
      'type',
      `must be "EPCISDocument" (capture takes EPCIS documents only), got ${describe(doc.type)}`,
    );
    return;
  }
  for (const r of DOCUMENT_REQUIRED) {
    if (doc[r] === undefined) p.add(r, 'is required in an EPCIS document');
  }
  for (const k in doc) {
    const check = DOCUMENT_FIELDS.get(k);
    if (check !== undefined) check(p, doc[k], child('', k));
    else if (!isUri(k)) {
      p.add(
        child('', k),
        `is not a field of an EPCIS document; an extension field is named by a URI, usually with a namespace prefix declared in @context (e.g. "example:${k}")`,
      );
    }
  }
  const body = doc.epcisBody;
  if (body === undefined) return;
  if (!isObject(body)) {
    p.add('epcisBody', `must be a JSON object with an eventList, got ${describe(body)}`);
    return;
  }
  const list = body.eventList;
  if (list === undefined) {
    p.add('epcisBody.eventList', 'is required: the array of events');
    return;
  }
  if (!Array.isArray(list)) {
    p.add('epcisBody.eventList', `must be an array of events, got ${describe(list)}`);
    return;
  }
  for (let i = 0; i < list.length; i++) checkEvent(p, list[i], `epcisBody.eventList[${i}]`);
}

// ---------------------------------------------------------------------------------------------
// Normalisation of a valid event

function pushAll(into: string[], seen: Set<string>, list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const v of list) {
    if (typeof v === 'string' && !seen.has(v)) {
      seen.add(v);
      into.push(v);
    }
  }
}

function pushClasses(into: string[], seen: Set<string>, list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const q of list as Array<{ epcClass: string }>) {
    if (!seen.has(q.epcClass)) {
      seen.add(q.epcClass);
      into.push(q.epcClass);
    }
  }
}

function normalise(event: EpcisEvent, index: number): NormalisedEpcisEvent {
  const ev = event as unknown as Record<string, unknown>;
  const epcs: string[] = [];
  const seenEpcs = new Set<string>();
  if (typeof ev.parentID === 'string') pushAll(epcs, seenEpcs, [ev.parentID]);
  pushAll(epcs, seenEpcs, ev.epcList);
  pushAll(epcs, seenEpcs, ev.childEPCs);
  pushAll(epcs, seenEpcs, ev.inputEPCList);
  pushAll(epcs, seenEpcs, ev.outputEPCList);
  const epcClasses: string[] = [];
  const seenClasses = new Set<string>();
  pushClasses(epcClasses, seenClasses, ev.quantityList);
  pushClasses(epcClasses, seenClasses, ev.childQuantityList);
  pushClasses(epcClasses, seenClasses, ev.inputQuantityList);
  pushClasses(epcClasses, seenClasses, ev.outputQuantityList);
  const hash = epcisEventHash(event);
  return {
    id: typeof event.eventID === 'string' ? event.eventID : hash,
    hash,
    index,
    type: event.type,
    action: 'action' in event ? event.action : null,
    eventTimeUtc: normaliseDateTime(event.eventTime) as string,
    eventTimeZoneOffset: event.eventTimeZoneOffset,
    bizStep: event.bizStep ?? null,
    disposition: event.disposition ?? null,
    readPoint: event.readPoint?.id ?? null,
    bizLocation: event.bizLocation?.id ?? null,
    epcs,
    epcClasses,
    bizTransactions: event.bizTransactionList ?? [],
    sources: event.sourceList ?? [],
    destinations: event.destinationList ?? [],
    event,
  };
}
