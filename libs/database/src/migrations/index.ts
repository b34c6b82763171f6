import { Foundation1764100000000 } from './1764100000000-Foundation';
import { Plans1764200000000 } from './1764200000000-Plans';
import { Draws1764300000000 } from './1764300000000-Draws';
import { Calendar1764600000000 } from './1764600000000-Calendar';

/** Every migration, in order. Checked in; `synchronize` is off everywhere. */
export const MIGRATIONS = [
  Foundation1764100000000,
  Plans1764200000000,
  Draws1764300000000,
  Calendar1764600000000,
];
