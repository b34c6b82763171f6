import { Foundation1764100000000 } from './1764100000000-Foundation';

/** Every migration, in order. Checked in; `synchronize` is off everywhere. */
export const MIGRATIONS = [Foundation1764100000000];
