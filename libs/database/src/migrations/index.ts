import { Foundation1764100000000 } from './1764100000000-Foundation';
import { Plans1764200000000 } from './1764200000000-Plans';
import { Draws1764300000000 } from './1764300000000-Draws';
import { DrawSnapshot1764400000000 } from './1764400000000-DrawSnapshot';
import { Tasks1764500000000 } from './1764500000000-Tasks';
import { Calendar1764600000000 } from './1764600000000-Calendar';
import { DrawFunctions1764700000000 } from './1764700000000-DrawFunctions';
import { RiskHistory1765000000000 } from './1765000000000-RiskHistory';
import { Idempotency1765100000000 } from './1765100000000-Idempotency';
import { LabStaff1765200000000 } from './1765200000000-LabStaff';
import { Samples1765300000000 } from './1765300000000-Samples';
import { UsccCollation1765400000000 } from './1765400000000-UsccCollation';
import { Epcis1765500000000 } from './1765500000000-Epcis';
import { LabReports1765600000000 } from './1765600000000-LabReports';
import { LabReportItemBulk1765700000000 } from './1765700000000-LabReportItemBulk';
import { DrawEligibleGzip1765800000000 } from './1765800000000-DrawEligibleGzip';
import { TaskDrawKey1765900000000 } from './1765900000000-TaskDrawKey';
import { SampleOutcomes1766300000000 } from './1766300000000-SampleOutcomes';
import { RateCells1766400000000 } from './1766400000000-RateCells';
import { Publications1766600000000 } from './1766600000000-Publications';
import { FailedJobRetries1766900000000 } from './1766900000000-FailedJobRetries';
import { RateTargets1767000000000 } from './1767000000000-RateTargets';
import { PublicationRiskFeedback1767100000000 } from './1767100000000-PublicationRiskFeedback';
import { Notifications1767200000000 } from './1767200000000-Notifications';
import { SectorRules1767300000000 } from './1767300000000-SectorRules';
import { Objections1767400000000 } from './1767400000000-Objections';
import { Accounts1767500000000 } from './1767500000000-Accounts';
import { PublicationRowsPerStatement1767650000000 } from './1767650000000-PublicationRowsPerStatement';
import { PublicationFilesLz41767660000000 } from './1767660000000-PublicationFilesLz4';
import { PublicSearch1767700000000 } from './1767700000000-PublicSearch';
import { FollowupCases1767800000000 } from './1767800000000-FollowupCases';
import { CaseRecall1767900000000 } from './1767900000000-CaseRecall';
import { RetestRefusals1768000000000 } from './1768000000000-RetestRefusals';
import { RecallNotifications1768100000000 } from './1768100000000-RecallNotifications';
import { PublicSearchQueryGrams1768200000000 } from './1768200000000-PublicSearchQueryGrams';
import { ItemLimitBasis1768300000000 } from './1768300000000-ItemLimitBasis';
import { OutcomeReinspection1768400000000 } from './1768400000000-OutcomeReinspection';

/** Every migration, in order. Checked in; `synchronize` is off everywhere. */
export const MIGRATIONS = [
  Foundation1764100000000,
  Plans1764200000000,
  Draws1764300000000,
  DrawSnapshot1764400000000,
  Tasks1764500000000,
  Calendar1764600000000,
  DrawFunctions1764700000000,
  RiskHistory1765000000000,
  Idempotency1765100000000,
  LabStaff1765200000000,
  Samples1765300000000,
  UsccCollation1765400000000,
  Epcis1765500000000,
  LabReports1765600000000,
  LabReportItemBulk1765700000000,
  DrawEligibleGzip1765800000000,
  TaskDrawKey1765900000000,
  SampleOutcomes1766300000000,
  RateCells1766400000000,
  Publications1766600000000,
  FailedJobRetries1766900000000,
  RateTargets1767000000000,
  PublicationRiskFeedback1767100000000,
  Notifications1767200000000,
  SectorRules1767300000000,
  Objections1767400000000,
  Accounts1767500000000,
  PublicationRowsPerStatement1767650000000,
  PublicationFilesLz41767660000000,
  PublicSearch1767700000000,
  FollowupCases1767800000000,
  CaseRecall1767900000000,
  RetestRefusals1768000000000,
  RecallNotifications1768100000000,
  PublicSearchQueryGrams1768200000000,
  ItemLimitBasis1768300000000,
  OutcomeReinspection1768400000000,
];
