import {
  COMPARISON_MODES,
  CUSTODY_KINDS,
  DAY_KINDS,
  ENTERPRISE_SIZES,
  ENTERPRISE_STATUSES,
  RECALL_DECISIONS,
  REJECTION_REASONS,
  RISK_CLASSES,
  ROLES,
  SAMPLE_STAGES,
  SECTORS,
  TARGET_METRICS,
  UNABLE_REASONS,
} from '@spotcheck/domain';
import {
  Fields,
  RawCase,
  bool,
  category,
  date,
  digits,
  free,
  gtin,
  hex64,
  instant,
  int,
  limit,
  list,
  object,
  objects,
  oneOf,
  opt,
  partial,
  percent,
  region,
  req,
  str,
  text,
  uscc,
} from './hostile';

/**
 * What each write route's body accepts, for the hostile-input fuzz suite
 * (test/hostile-fuzz.e2e-spec.ts), in the language of test/support/hostile.ts. Keyed by the
 * class of the handler's `@Body()` (so a new route with a known DTO is fuzzed without being
 * named here), or by route for a body read by hand (`@Body() body: unknown`). The suite checks
 * each entry's field names against the DTO's class-validator metadata, so a field added to a
 * DTO fails it until described here.
 */

const PLAN: Fields = {
  code: req(str(1, 64)),
  title: req(text(200)),
  level: req(oneOf(['national', 'provincial', 'prefecture'])),
  jurisdiction: req(region),
  year: req(int(2000, 2100)),
  categories: req(list(category, 1, 50)),
  stages: req(list(oneOf(['production', 'distribution', 'online']), 1, 3)),
  ratios: opt(free),
  stratifyByPrefecture: opt(bool),
  maxTasks: opt(int(1, 1_000_000), true),
  maxTasksPerInspector: opt(int(1, 100_000), true),
  samplingDeadline: opt(date, true),
  reportDeadline: opt(date, true),
};

const TEST_ITEM: Fields = {
  code: req(str(1, 64)),
  name: req(text(200)),
  method: opt(str(0, 200)),
  unit: opt(str(0, 50)),
  limit: req(limit),
  microbial: opt(bool),
};
const CATEGORY: Fields = {
  code: req(category),
  name: req(text(200)),
  sector: req(oneOf(SECTORS)),
  items: req(objects(TEST_ITEM, 0, 500)),
  active: opt(bool),
};
const { code: _categoryCode, ...CATEGORY_UPDATE } = CATEGORY;

const ENTERPRISE: Fields = {
  uscc: req(uscc),
  name: req(text(200)),
  address: opt(str(0, 500)),
  regionCode: req(region),
  size: req(oneOf(ENTERPRISE_SIZES)),
  categories: opt(list(category, 0, 50)),
  riskClass: req(oneOf(RISK_CLASSES)),
  status: opt(oneOf(ENTERPRISE_STATUSES)),
};
const { uscc: _enterpriseUscc, ...ENTERPRISE_UPDATE } = ENTERPRISE;

const INSPECTOR: Fields = {
  staffNo: req(str(1, 64)),
  name: req(text(100)),
  regionCode: req(region),
  unit: opt(str(0, 200)),
  categories: opt(list(category, 0, 100)),
  active: opt(bool),
  conflicts: opt(list(uscc, 0, 200)),
};

const LAB: Fields = {
  name: req(text(200)),
  uscc: req(uscc),
  cmaNo: req(str(1, 64)),
  regionCode: req(region),
  categories: opt(list(category, 0, 200)),
  capacity: req(int(0, 10_000_000)),
  active: opt(bool),
};

const PORTION: Fields = { quantity: req(str(1, 32)), unit: req(text(20)) };
const SAMPLE: Fields = {
  sampledAt: req(instant),
  place: req(object({ regionCode: req(region), address: req(text(500)) })),
  stage: req(oneOf(SAMPLE_STAGES)),
  online: opt(object({ platform: req(text(100)), shopName: req(text(200)) })),
  manufacturer: req(
    object({ name: req(text(200)), address: opt(text(500)), uscc: opt(str(1, 18)) }),
  ),
  productName: req(text(200)),
  brand: opt(text(100)),
  spec: opt(text(200)),
  batch: opt(text(100)),
  productionDate: opt(date),
  expiryDate: opt(date),
  gtin: opt(gtin),
  testPortion: req(object(PORTION)),
  backupPortion: req(object(PORTION)),
  pricePaid: req(str(1, 16)),
  sealNumbers: opt(list(text(64), 0, 20)),
  inspectors: req(list(text(64), 2, 2)),
  representative: req(object({ name: req(text(100)), title: opt(text(100)) })),
  attachments: opt(
    objects({ sha256: req(hex64), name: opt(text(255)), mediaType: opt(text(100)) }, 0, 50),
  ),
  note: opt(text(2000)),
};

const REPORT_ITEM: Fields = {
  itemCode: req(text(64)),
  itemName: opt(text(200)),
  method: opt(text(200)),
  unit: opt(text(32)),
  limit: opt(limit),
  limitBasis: opt(object({ kind: req(oneOf(['enterprise_standard'])), reference: req(text(200)) })),
  limitText: opt(text(200)),
  comparison: opt(oneOf(COMPARISON_MODES)),
  roundingDigits: opt(int(-100, 100)),
  value: opt(text(200)),
  notTestedReason: opt(text(500)),
};

const RULE_SOURCE = object({ zh: req(text(500)), en: opt(text(500)) });
const PERIOD_RULE = object({
  days: opt(int(1, 365)),
  dayKind: opt(oneOf(DAY_KINDS)),
  source: opt(RULE_SOURCE),
});
const RETENTION_RULE = object({ months: opt(int(1, 60)), source: opt(RULE_SOURCE) });
const PERMISSION_RULE = object({ allowed: opt(bool), source: opt(RULE_SOURCE) });

export const DTO_FIELDS: Record<string, Fields> = {
  SignInDto: { userName: req(str(1, 64)), password: req(str(1, 128)) },
  ChangePasswordDto: {
    userName: req(str(1, 64)),
    currentPassword: req(str(1, 128)),
    newPassword: req(str(1, 1024)),
  },
  CreateAccountDto: {
    userName: req(str(1, 64)),
    displayName: req(text(100)),
    role: req(oneOf(ROLES)),
    jurisdiction: opt(region),
    org: opt(str(1, 64)),
    staffNo: opt(str(1, 64)),
    password: opt(str(1, 1024)),
  },
  ResetPasswordDto: { password: opt(str(1, 1024)) },

  SetCalendarDayDto: { workday: req(bool), name: opt(text(100), true) },

  EditSectorRulesDto: {
    reason: req(text(1000)),
    expectVersion: opt(int(1, 1_000_000)),
    sampleDelivery: opt(PERIOD_RULE),
    testing: opt(PERIOD_RULE),
    objectionWindow: opt(PERIOD_RULE),
    objectionDecision: opt(PERIOD_RULE),
    retestTesting: opt(PERIOD_RULE),
    backupAfterPass: opt(RETENTION_RULE),
    backupAfterFail: opt(RETENTION_RULE),
    microbialRetest: opt(PERMISSION_RULE),
    expiredBackupRetest: opt(PERMISSION_RULE),
  },

  CreateCategoryDto: CATEGORY,
  UpdateCategoryDto: partial(CATEGORY_UPDATE),

  CreateEnterpriseDto: ENTERPRISE,
  UpdateEnterpriseDto: partial(ENTERPRISE_UPDATE),

  CreateInspectorDto: INSPECTOR,
  UpdateInspectorDto: partial(INSPECTOR),

  CreateLabDto: LAB,
  UpdateLabDto: partial(LAB),

  CreateGtinPrefixDto: {
    uscc: opt(uscc),
    companyPrefix: opt(digits(6, 12)),
    gtin: opt(gtin),
  },

  CreatePlanDto: PLAN,
  UpdatePlanDto: partial(PLAN),
  CommitPlanDto: { commitment: req(hex64), witness: opt(text(200)) },
  CancelPlanDto: { reason: req(text(500)) },
  DrawPlanDto: { seed: req(str(1, 1000)) },

  CompileDto: { jurisdiction: opt(region), until: opt(date) },
  DiscardDto: { reason: opt(text(1000)) },
  WithdrawalDto: { reason: req(text(1000)) },
  CorrectionDto: { reason: req(text(1000)), remove: opt(list(str(1, 80), 0, 10_000)) },

  CreateTargetDto: {
    jurisdiction: req(region),
    sector: req(oneOf(SECTORS)),
    year: req(int(2000, 2100)),
    metric: opt(oneOf(TARGET_METRICS)),
    target: req(percent),
    source: req(text(200)),
    note: opt(text(1000), true),
  },
  UpdateTargetDto: partial({
    target: req(percent),
    source: req(text(200)),
    note: opt(text(1000), true),
  }),

  CreateSampleDto: SAMPLE,
  AppendCustodyDto: {
    kind: req(oneOf(CUSTODY_KINDS)),
    occurredAt: req(instant),
    regionCode: req(region),
    address: req(text(500)),
    note: opt(text(1000)),
    detail: opt(free),
  },

  FileObjectionDto: {
    items: req(list(str(1, 64), 1, 200)),
    reason: req(text(2000)),
    contact: req(
      object({
        name: req(text(100)),
        phone: req(str(5, 40)),
        email: opt(str(3, 201)),
        address: opt(text(500)),
      }),
    ),
  },
  DecideObjectionDto: {
    decision: req(oneOf(['accept', 'reject'])),
    reason: opt(text(2000)),
    commitment: opt(str(1, 64)),
  },
  RetestDrawDto: { seed: req(str(1, 256)) },
  RetestRefusalDto: {
    reason: req(oneOf(['seal_broken', 'damaged', 'no_capacity', 'other'])),
    note: opt(text(1000)),
    commitment: req(str(1, 64)),
  },

  OrderCaseDto: { workingDays: req(int(1, 180)), requirements: req(text(4000)) },
  RectificationDto: {
    text: req(text(20000)),
    attachments: opt(
      objects(
        {
          name: req(text(255)),
          mediaType: req(str(3, 129)),
          content: req(str(4, 64)),
        },
        0,
        10,
      ),
    ),
  },
  ReinspectionDto: {
    staffNos: req(list(str(1, 64), 2, 2)),
    labId: req(str(36, 36)),
    dueDate: opt(date),
  },
  CloseCaseDto: { reason: req(text(4000)) },
  RecallDecisionDto: { decision: req(oneOf(RECALL_DECISIONS)), reason: req(text(2000)) },
  WithdrawalConfirmationDto: { note: opt(text(2000)) },

  UnableTaskDto: { reason: req(oneOf(UNABLE_REASONS)), note: opt(text(1000)) },
  CancelTaskDto: { reason: req(text(500)) },
  ReassignTaskDto: {
    slot: opt(oneOf([1, 2])),
    replace: opt(str(1, 64)),
    staffNo: opt(str(1, 64)),
    staffNos: opt(list(str(1, 64), 2, 2)),
    reason: req(text(500)),
  },

  ReceiptDto: {
    receivedAt: req(instant),
    condition: req(text(500)),
    sealIntact: req(bool),
    address: opt(text(500)),
    note: opt(text(1000)),
  },
  RejectionDto: {
    at: req(instant),
    reason: req(oneOf(REJECTION_REASONS)),
    address: opt(text(500)),
    note: opt(text(1000)),
  },
  CreateReportDto: {
    sampleNo: req(str(1, 80)),
    reportNo: req(text(64)),
    items: opt(objects(REPORT_ITEM, 1, 500)),
  },
  PutItemsDto: { items: req(objects(REPORT_ITEM, 1, 500)) },
  ReasonDto: { reason: req(text(1000)) },
  PutStaffDto: {
    name: req(text(100)),
    roles: req(list(oneOf(['tester', 'reviewer', 'signatory']), 1, 3)),
    active: opt(bool),
  },
};

/** Routes that read their body by hand (`@Body() body: unknown`), by route. */
export const ROUTE_FIELDS: Record<string, Fields> = {
  'POST /api/v1/lab/reports/batch': {
    reports: req(
      objects(
        {
          sampleNo: req(str(1, 80)),
          reportNo: req(text(64)),
          items: req(objects(REPORT_ITEM, 1, 500)),
        },
        1,
        1000,
      ),
    ),
  },
};

/**
 * Write routes whose body the suite sends only the hostile raw bodies to (not JSON objects,
 * other media types, over the size limit), with why it does not mutate their fields.
 */
export const RAW_ONLY: Record<string, string> = {
  'POST /api/v1/epcis/capture':
    'an EPCIS 2.0 document: libs/domain/src/epcis/conformance.spec.ts mutates every node of it against the official JSON Schema',
};

/**
 * How a route that reads its body by hand answers the raw cases, where that differs from a DTO
 * route's answer (its own code; EPCIS capture reads JSON and JSON-LD only, so text is a 415).
 */
export const RAW_ANSWERS: Record<string, (c: RawCase) => Partial<RawCase>> = {
  'POST /api/v1/lab/reports/batch': (c) =>
    c.codes.includes('VALIDATION_FAILED') ? { codes: ['BATCH_REJECTED'] } : {},
  // Problems name their path in the document; '' is the document itself.
  'POST /api/v1/epcis/capture': (c) =>
    c.contentType.startsWith('text/plain')
      ? { status: 415, codes: ['UNSUPPORTED_MEDIA_TYPE'], names: ['Content-Type'] }
      : c.codes.includes('VALIDATION_FAILED')
        ? { codes: ['INVALID_EPCIS_DOCUMENT'], names: [''] }
        : {},
};
