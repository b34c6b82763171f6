/**
 * The closed vocabularies of EPCIS 2.0 JSON as GS1's JSON Schema (EPCIS-JSON-Schema.json,
 * gs1/EPCIS at 2b888bef) lists them. In JSON-LD the CBV values are written as bare words
 * ("shipping"); the schema also accepts a URI of one's own vocabulary in their place, except
 * the URN and ns.gs1.org forms of CBV itself (see CBV_FORBIDDEN_URI_PREFIXES).
 *
 * A test compares every list here with the schema file, so they cannot drift apart.
 */

/** The event types capture accepts (the schema's five standard types). */
export const EPCIS_EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
] as const;
export type EpcisEventType = (typeof EPCIS_EVENT_TYPES)[number];

export const EPCIS_ACTIONS = ['OBSERVE', 'ADD', 'DELETE'] as const;
export type EpcisAction = (typeof EPCIS_ACTIONS)[number];

/** CBV 2.0 business steps. */
export const CBV_BIZ_STEPS = [
  'accepting',
  'arriving',
  'assembling',
  'collecting',
  'commissioning',
  'consigning',
  'creating_class_instance',
  'cycle_counting',
  'decommissioning',
  'departing',
  'destroying',
  'disassembling',
  'dispensing',
  'encoding',
  'entering_exiting',
  'holding',
  'inspecting',
  'installing',
  'killing',
  'loading',
  'other',
  'packing',
  'picking',
  'receiving',
  'removing',
  'repackaging',
  'repairing',
  'replacing',
  'reserving',
  'retail_selling',
  'shipping',
  'staging_outbound',
  'stock_taking',
  'stocking',
  'storing',
  'transporting',
  'unloading',
  'unpacking',
  'void_shipping',
  'sensor_reporting',
  'sampling',
] as const;
export type CbvBizStep = (typeof CBV_BIZ_STEPS)[number];

/** CBV 2.0 dispositions. */
export const CBV_DISPOSITIONS = [
  'active',
  'container_closed',
  'damaged',
  'destroyed',
  'dispensed',
  'disposed',
  'encoded',
  'expired',
  'in_progress',
  'in_transit',
  'inactive',
  'no_pedigree_match',
  'non_sellable_other',
  'partially_dispensed',
  'recalled',
  'reserved',
  'retail_sold',
  'returned',
  'sellable_accessible',
  'sellable_not_accessible',
  'stolen',
  'unknown',
  'available',
  'completeness_verified',
  'completeness_inferred',
  'conformant',
  'container_open',
  'mismatch_instance',
  'mismatch_class',
  'mismatch_quantity',
  'needs_replacement',
  'non_conformant',
  'unavailable',
] as const;
export type CbvDisposition = (typeof CBV_DISPOSITIONS)[number];

/** CBV 2.0 business transaction types (`testres`: test result, i.e. a lab report). */
export const CBV_BIZ_TRANSACTION_TYPES = [
  'bol',
  'cert',
  'desadv',
  'inv',
  'pedigree',
  'po',
  'poc',
  'prodorder',
  'recadv',
  'rma',
  'testprd',
  'testres',
  'upevt',
] as const;
export type CbvBizTransactionType = (typeof CBV_BIZ_TRANSACTION_TYPES)[number];

/** CBV 2.0 source/destination types. */
export const CBV_SOURCE_DEST_TYPES = ['owning_party', 'possessing_party', 'location'] as const;
export type CbvSourceDestType = (typeof CBV_SOURCE_DEST_TYPES)[number];

/** CBV 2.0 error-declaration reasons. */
export const CBV_ERROR_REASONS = ['did_not_occur', 'incorrect_data'] as const;

/** Sensor measurement types (GS1 Web Vocabulary names). */
export const EPCIS_MEASUREMENT_TYPES = [
  'AbsoluteHumidity',
  'AbsorbedDose',
  'AbsorbedDoseRate',
  'Acceleration',
  'Radioactivity',
  'Altitude',
  'AmountOfSubstance',
  'AmountOfSubstancePerUnitVolume',
  'Angle',
  'AngularAcceleration',
  'AngularMomentum',
  'AngularVelocity',
  'Area',
  'Capacitance',
  'Conductance',
  'Conductivity',
  'Count',
  'Density',
  'Dimensionless',
  'DoseEquivalent',
  'DoseEquivalentRate',
  'DynamicViscosity',
  'ElectricCharge',
  'ElectricCurrent',
  'ElectricCurrentDensity',
  'ElectricFieldStrength',
  'Energy',
  'Exposure',
  'Force',
  'Frequency',
  'Illuminance',
  'Inductance',
  'Irradiance',
  'KinematicViscosity',
  'Length',
  'LinearMomentum',
  'Luminance',
  'LuminousFlux',
  'LuminousIntensity',
  'MagneticFlux',
  'MagneticFluxDensity',
  'MagneticVectorPotential',
  'Mass',
  'MassConcentration',
  'MassFlowRate',
  'MassPerAreaTime',
  'MemoryCapacity',
  'MolalityOfSolute',
  'MolarEnergy',
  'MolarMass',
  'MolarVolume',
  'Power',
  'Pressure',
  'RadiantFlux',
  'RadiantIntensity',
  'RelativeHumidity',
  'Resistance',
  'Resistivity',
  'SolidAngle',
  'SpecificVolume',
  'Speed',
  'SurfaceDensity',
  'SurfaceTension',
  'Temperature',
  'Time',
  'Torque',
  'Voltage',
  'Volume',
  'VolumeFlowRate',
  'VolumeFraction',
  'VolumetricFlux',
  'Wavenumber',
] as const;

export const EPCIS_SENSOR_ALERT_TYPES = ['ALARM_CONDITION', 'ERROR_CONDITION'] as const;

export const EPCIS_SENSOR_COMPONENTS = [
  'x',
  'y',
  'z',
  'axial_distance',
  'azimuth',
  'height',
  'spherical_radius',
  'polar_angle',
  'elevation_angle',
  'easting',
  'northing',
  'latitude',
  'longitude',
  'altitude',
] as const;

/**
 * Where the schema accepts "a URI of one's own vocabulary" instead of a CBV word, these
 * prefixes are refused (schema definition `vocab-other-uri`): CBV values are written as bare
 * words in JSON, never as `urn:epcglobal:cbv:...` or `http(s)://ns.gs1.org/cbv/...` URIs.
 */
export const CBV_FORBIDDEN_URI_PREFIXES = [
  'urn:epcglobal:cbv',
  'http://ns.gs1.org/cbv/',
  'https://ns.gs1.org/cbv/',
] as const;

/**
 * For sensor measurement types and alert types a URI of one's own is accepted, except one in
 * the GS1 Web Vocabulary (schema definition `vocab-nonGS1WebVoc-uri`).
 */
export const GS1_WEB_VOCABULARY_URI_PREFIXES = [
  'http://gs1.org/voc/',
  'https://gs1.org/voc/',
  'http://www.gs1.org/voc/',
  'https://www.gs1.org/voc/',
] as const;
