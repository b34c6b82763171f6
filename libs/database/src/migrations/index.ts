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
];
