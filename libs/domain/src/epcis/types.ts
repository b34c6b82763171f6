/**
 * EPCIS 2.0 documents and events in their JSON / JSON-LD form, as far as GS1's JSON Schema
 * defines them (the five standard event types; query documents are not modelled).
 *
 * - Identifiers (EPCs, EPC classes, locations, parties, business transactions, event ids)
 *   are URIs: `urn:epc:id:sgtin:...`, GS1 Digital Link `https://id.gs1.org/01/...`, or any
 *   other absolute URI.
 * - CBV values (bizStep, disposition, ...) are bare words (`"shipping"`) or a URI of one's own
 *   vocabulary that is not a CBV URI.
 * - Times are RFC 3339 date-times; `eventTimeZoneOffset` is `±hh:mm`.
 * - Extension fields are allowed wherever the schema allows them: their names are URIs,
 *   normally compact IRIs whose prefix the `@context` declares (`"example:temperature"`).
 */
import type {
  CbvBizStep,
  CbvBizTransactionType,
  CbvDisposition,
  CbvSourceDestType,
  EpcisAction,
  EpcisEventType,
} from './vocabulary';

/** The name of an extension field: a URI, usually `prefix:name`. */
export type EpcisExtensionKey = `${string}:${string}`;

/** `@context`: a context URI, an inline context object, or a list of those. */
export type JsonLdContext = string | JsonLdContextObject | Array<string | JsonLdContextObject>;
export type JsonLdContextObject = { [term: string]: unknown };

/** A CBV word, or a URI of one's own vocabulary. */
export type BizStep = CbvBizStep | (string & {});
export type Disposition = CbvDisposition | (string & {});
export type BizTransactionType = CbvBizTransactionType | (string & {});
export type SourceDestType = CbvSourceDestType | (string & {});

export interface EpcisQuantityElement {
  epcClass: string;
  quantity?: number;
  /** UN/ECE Recommendation 20 unit code, e.g. `KGM`; without it, `quantity` counts items. */
  uom?: string;
}

export interface EpcisBizTransaction {
  type?: BizTransactionType;
  bizTransaction: string;
}

export interface EpcisSource {
  type: SourceDestType;
  source: string;
}

export interface EpcisDestination {
  type: SourceDestType;
  destination: string;
}

/** `readPoint` and `bizLocation`. */
export interface EpcisLocation {
  id: string;
  [extension: EpcisExtensionKey]: unknown;
}

export interface EpcisPersistentDisposition {
  set?: Disposition[];
  unset?: Disposition[];
}

export interface EpcisErrorDeclaration {
  declarationTime: string;
  reason?: 'did_not_occur' | 'incorrect_data' | (string & {});
  correctiveEventIDs?: string[];
  [extension: EpcisExtensionKey]: unknown;
}

export interface EpcisSensorMetadata {
  time?: string;
  deviceID?: string;
  deviceMetadata?: string;
  rawData?: string;
  startTime?: string;
  endTime?: string;
  dataProcessingMethod?: string;
  bizRules?: string;
  [extension: EpcisExtensionKey]: unknown;
}

export interface EpcisSensorReport {
  /** A measurement type such as `Temperature`, or a URI outside the GS1 Web Vocabulary. */
  type: string;
  exception?: string;
  deviceID?: string;
  deviceMetadata?: string;
  rawData?: string;
  dataProcessingMethod?: string;
  bizRules?: string;
  time?: string;
  microorganism?: string;
  chemicalSubstance?: string;
  coordinateReferenceSystem?: string;
  value?: number;
  component?: string;
  stringValue?: string;
  booleanValue?: boolean;
  hexBinaryValue?: string;
  uriValue?: string;
  minValue?: number;
  maxValue?: number;
  meanValue?: number;
  sDev?: number;
  percRank?: number;
  percValue?: number;
  uom?: string;
  [extension: EpcisExtensionKey]: unknown;
}

export interface EpcisSensorElement {
  sensorMetadata?: EpcisSensorMetadata;
  sensorReport: EpcisSensorReport[];
  [extension: EpcisExtensionKey]: unknown;
}

/** Instance/lot master data; every key is a URI (`"cbvmda:lotNumber"`, `"example:grade"`). */
export type EpcisIlmd = { [key: EpcisExtensionKey]: unknown };

interface EpcisEventBase {
  '@context'?: JsonLdContext;
  type: EpcisEventType;
  eventTime: string;
  eventTimeZoneOffset: string;
  recordTime?: string;
  eventID?: string;
  certificationInfo?: string | string[];
  errorDeclaration?: EpcisErrorDeclaration;
  bizStep?: BizStep;
  disposition?: Disposition;
  readPoint?: EpcisLocation;
  bizLocation?: EpcisLocation;
  bizTransactionList?: EpcisBizTransaction[];
  sourceList?: EpcisSource[];
  destinationList?: EpcisDestination[];
  sensorElementList?: EpcisSensorElement[];
  [extension: EpcisExtensionKey]: unknown;
}

/** What happened to objects: needs `epcList`, a non-empty `quantityList`, or sensor data with a readPoint. */
export interface EpcisObjectEvent extends EpcisEventBase {
  type: 'ObjectEvent';
  action: EpcisAction;
  epcList?: string[];
  quantityList?: EpcisQuantityElement[];
  persistentDisposition?: EpcisPersistentDisposition;
  /** Only with action ADD. */
  ilmd?: EpcisIlmd;
}

/** Objects put into (ADD) or taken out of (DELETE) a parent, or observed together. */
export interface EpcisAggregationEvent extends EpcisEventBase {
  type: 'AggregationEvent';
  action: EpcisAction;
  parentID?: string;
  childEPCs?: string[];
  childQuantityList?: EpcisQuantityElement[];
}

/** Objects tied to (ADD) or released from (DELETE) business transactions. */
export interface EpcisTransactionEvent extends EpcisEventBase {
  type: 'TransactionEvent';
  action: EpcisAction;
  bizTransactionList: EpcisBizTransaction[];
  parentID?: string;
  epcList?: string[];
  quantityList?: EpcisQuantityElement[];
}

/** Inputs consumed and outputs produced; no action. */
export interface EpcisTransformationEvent extends EpcisEventBase {
  type: 'TransformationEvent';
  inputEPCList?: string[];
  inputQuantityList?: EpcisQuantityElement[];
  outputEPCList?: string[];
  outputQuantityList?: EpcisQuantityElement[];
  transformationID?: string;
  persistentDisposition?: EpcisPersistentDisposition;
  ilmd?: EpcisIlmd;
}

/** Assets associated with (ADD) or dissociated from (DELETE) a parent asset. */
export interface EpcisAssociationEvent extends EpcisEventBase {
  type: 'AssociationEvent';
  action: EpcisAction;
  parentID: string;
  childEPCs?: string[];
  childQuantityList?: EpcisQuantityElement[];
}

export type EpcisEvent =
  | EpcisObjectEvent
  | EpcisAggregationEvent
  | EpcisTransactionEvent
  | EpcisTransformationEvent
  | EpcisAssociationEvent;

export interface EpcisVocabularyElement {
  id: string;
  attributes?: Array<{ id: string; attribute?: number | string | Record<string, unknown> }>;
  children?: string[];
}

export interface EpcisVocabulary {
  type: string;
  vocabularyElementList?: EpcisVocabularyElement[];
}

export interface EpcisHeader {
  epcisMasterData?: { vocabularyList?: EpcisVocabulary[]; [key: string]: unknown };
  [extension: EpcisExtensionKey]: unknown;
}

export interface EpcisDocument {
  '@context': JsonLdContext;
  type: 'EPCISDocument';
  schemaVersion: string;
  creationDate: string;
  id?: string;
  instanceIdentifier?: string;
  sender?: string;
  receiver?: string;
  epcisHeader?: EpcisHeader;
  epcisBody: { eventList: EpcisEvent[] };
  [extension: EpcisExtensionKey]: unknown;
}
